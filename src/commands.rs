//! One function per command: each reads its inputs, calls the model, and
//! prints a report. Problems go to stderr with the exit codes of the spec.

use crate::cli::{Cli, Command, ListFormat, ReportFormat};
use crate::model::answers::parse_sheet;
use crate::model::catalog::{Library, read_limited};
use crate::model::location::Problem;
use crate::model::question_set::Rater;
use crate::model::scoring::gaps;
use crate::model::text::sanitize;
use crate::model::{AnswerSheet, Assessment, Dimension, assess};
use crate::report::{json, markdown, plain};
use crate::store::Paths;
use color_eyre::eyre::eyre;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit code for input problems.
const FAILURE: u8 = 1;
/// Exit code when the app is asked for without a terminal.
const NO_TERMINAL: u8 = 2;

pub fn dispatch(cli: Cli) -> color_eyre::Result<ExitCode> {
    let paths = Paths::resolve(cli.data_dir, cli.config_dir);
    match cli.command {
        None | Some(Command::Start { .. }) => {
            if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
                eprintln!(
                    "altitude: the app needs a terminal on stdin and stdout; to score answers from a file, use `altitude score --answers FILE`"
                );
                return Ok(ExitCode::from(NO_TERMINAL));
            }
            Err(eyre!("the interactive app is not available in this build"))
        }
        Some(Command::Sets { format }) => sets(&library(paths.ok().as_ref())?, format),
        Some(Command::Validate { files }) => validate(&Library::builtin()?, &files),
        Some(Command::Score {
            answers,
            other,
            format,
        }) => score(
            &library(paths.ok().as_ref())?,
            &answers,
            other.as_deref(),
            format,
        ),
    }
}

/// The built-in library plus the user's sets, with their problems on stderr.
fn library(paths: Option<&Paths>) -> color_eyre::Result<Library> {
    let mut lib = Library::builtin()?;
    if let Some(paths) = paths {
        lib.load_user_sets(&paths.config_dir);
    }
    for w in &lib.warnings {
        eprintln!("warning: {w}");
    }
    Ok(lib)
}

fn sets(lib: &Library, format: ListFormat) -> color_eyre::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Json => {
            let all: Vec<_> = lib.sets.iter().map(json::set_json).collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            for set in &lib.sets {
                let counts: Vec<String> = Dimension::ALL
                    .iter()
                    .map(|d| format!("{} {}", d.id(), set.items_in(*d).count()))
                    .collect();
                writeln!(
                    out,
                    "{:<12} {} ({})\n{:<12} {} items, {} scored: {}\n{:<12} {}\n",
                    set.id,
                    sanitize(&set.title),
                    set.source.describe(),
                    "",
                    set.items.len(),
                    set.scored_items().count(),
                    counts.join(", "),
                    "",
                    sanitize(&set.description),
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(lib: &Library, files: &[std::path::PathBuf]) -> color_eyre::Result<ExitCode> {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for file in files {
        match lib.check_file(file) {
            Ok(set) => writeln!(
                out,
                "{}: ok, set \"{}\" with {} items",
                file.display(),
                set.id,
                set.items.len()
            )?,
            Err(problems) => {
                failed = true;
                for p in problems {
                    writeln!(out, "{p}")?;
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::from(FAILURE)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and checks an answers file.
fn read_sheet(lib: &Library, path: &Path) -> Result<(AnswerSheet, Assessment), Problem> {
    let source = read_limited(path)?;
    let sheet = parse_sheet(path, &source, &lib.sets)?;
    let set = lib.set(&sheet.set).expect("parse_sheet checked the set id");
    let assessment = assess(lib, set, &sheet);
    Ok((sheet, assessment))
}

fn score(
    lib: &Library,
    answers: &Path,
    other: Option<&Path>,
    format: ReportFormat,
) -> color_eyre::Result<ExitCode> {
    let (sheet, own) = match read_sheet(lib, answers) {
        Ok(v) => v,
        Err(p) => {
            eprintln!("error: {p}");
            return Ok(ExitCode::from(FAILURE));
        }
    };
    let other = match other
        .map(|path| read_sheet(lib, path).map(|r| (path, r)))
        .transpose()
    {
        Ok(Some((path, (_, other)))) if other.set.rater != Rater::Other => {
            eprintln!(
                "error: {}: --other takes a second rater's answers to a set like \"perception\"; \"{}\" is a self-assessment set",
                path.display(),
                other.set.id
            );
            return Ok(ExitCode::from(FAILURE));
        }
        Ok(v) => v.map(|(_, (_, a))| a),
        Err(p) => {
            eprintln!("error: {p}");
            return Ok(ExitCode::from(FAILURE));
        }
    };
    let mut out = std::io::stdout().lock();
    match format {
        ReportFormat::Text => write!(
            out,
            "{}",
            plain::render(&own, &sheet.answers, other.as_ref())
        )?,
        ReportFormat::Markdown => write!(
            out,
            "{}",
            markdown::render(&own, &sheet.answers, other.as_ref())
        )?,
        ReportFormat::Json => {
            let g = other.as_ref().map(|o| gaps(&own.scores, &o.scores));
            serde_json::to_writer_pretty(&mut out, &json::score_json(&own, g.as_ref()))?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
