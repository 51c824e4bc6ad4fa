//! One function per command: each reads its inputs, calls the model, and
//! prints a report. Problems go to stderr with the exit codes of the spec.

use crate::cli::ExportFormat;
use crate::cli::{Cli, Command, ListFormat, ReportFormat};
use crate::model::answers::parse_sheet;
use crate::model::catalog::Library;
use crate::model::form;
use crate::model::location::Problems;
use crate::model::perspective::Perspective;
use crate::model::question_set::Rater;
use crate::model::raters::{Minimums, aggregate, parse_answers};
use crate::model::session::{Session, summarize};
use crate::model::{AnswerSheet, Assessment, Dimension};
use crate::output;
use crate::report::{json, markdown, perspectives, plain};
use crate::sessions::SessionStore;
use crate::store::atomic::{Replace, write_atomic};
use crate::store::ratings::read_ratings;
use crate::store::read::read_limited;
use crate::store::sets;
use crate::store::{Config, Paths};
use crate::tui::library::SharedLibrary;
use crate::tui::run::Launch;
use std::io::{IsTerminal, Write};

/// A line on stderr, through the output edge.
macro_rules! warn {
    ($($arg:tt)*) => { output::warn(format_args!($($arg)*)) };
}
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Whether stdin and stdout are both terminals; if not, says `why_not`.
fn has_terminal(why_not: &str) -> bool {
    #[allow(clippy::disallowed_methods)] // only asks whether it is a terminal
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let both = std::io::stdin().is_terminal() && stdout_is_terminal;
    if !both {
        warn!("altitude: {why_not}");
    }
    both
}

/// Exit code for input problems.
const FAILURE: u8 = 1;
/// Exit code when the app is asked for without a terminal.
const NO_TERMINAL: u8 = 2;

pub fn dispatch(cli: Cli) -> color_eyre::Result<ExitCode> {
    let paths = Paths::resolve(cli.data_dir, cli.config_dir);
    match cli.command {
        None => app(paths, Launch::default(), false),
        Some(Command::Start {
            set,
            mode,
            accessible,
        }) => {
            let launch = Launch {
                start: true,
                set,
                mode: mode.map(Into::into),
            };
            app(paths, launch, accessible)
        }
        Some(Command::History { format }) => {
            let paths = paths?;
            history(&library(Some(&paths))?, &paths, format)
        }
        Some(Command::Export { id, format, output }) => {
            let paths = paths?;
            export(
                &library(Some(&paths))?,
                &paths,
                &id,
                format,
                output.as_deref(),
            )
        }
        Some(Command::Evidence {
            repos,
            me,
            calendars,
            since,
            until,
            work_hours,
            work_days,
            tz,
            format,
        }) => evidence(
            &crate::evidence::Request {
                repos,
                me,
                calendars,
                since,
                until,
                work_hours,
                work_days,
                tz,
            },
            format,
        ),
        Some(Command::Sets { format }) => sets(&library(paths.ok().as_ref())?, format),
        Some(Command::Validate { files }) => {
            validate(&Library::builtin()?, paths.ok().as_ref(), &files)
        }
        Some(Command::Score {
            answers,
            other,
            others,
            format,
        }) => {
            // The config only matters for raters' minimums.
            let minimums = paths
                .as_ref()
                .ok()
                .filter(|_| !others.is_empty())
                .map(|p| {
                    let (config, problem) = Config::load(&p.config_dir);
                    if let Some(problem) = problem {
                        warn!("warning: {problem}");
                    }
                    config.raters
                })
                .unwrap_or_default();
            score(
                &library(paths.ok().as_ref())?,
                &answers,
                other.as_deref(),
                &others,
                minimums,
                format,
            )
        }
        Some(Command::Remind { id, output }) => remind(&paths?, &id, output.as_deref()),
        Some(Command::Rate {
            set,
            rater,
            output,
            accessible,
        }) => rate(paths, set, rater.into(), output, accessible),
        Some(Command::Form { set, rater, output }) => form(
            &library(paths.ok().as_ref())?,
            set,
            rater.into(),
            output.as_deref(),
        ),
    }
}

/// The app: the TUI, or accessible mode (`--accessible`, `TERM=dumb` or
/// `accessible = true` in config.toml), which needs no terminal.
fn app(
    paths: Result<Paths, crate::store::NoHomeDir>,
    launch: Launch,
    accessible: bool,
) -> color_eyre::Result<ExitCode> {
    let config = paths
        .as_ref()
        .ok()
        .map(|p| crate::store::Config::load(&p.config_dir).0);
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let accessible = accessible || dumb || config.as_ref().is_some_and(|c| c.accessible);
    // A session's set is needed at once, and a wrong one is an input error,
    // terminal or not. The home screen needs no set: it loads after it draws.
    let lib: SharedLibrary = if launch.start || accessible {
        let lib = library(paths.as_ref().ok())?;
        if launch.start
            && let Err(message) =
                check_start_set(&lib, launch.set.as_deref(), paths.as_ref().ok().zip(config))
        {
            warn!("altitude: {message}");
            return Ok(ExitCode::from(FAILURE));
        }
        lib.into()
    } else {
        match &paths {
            Ok(p) => SharedLibrary::deferred(&p.config_dir),
            Err(_) => library(None)?.into(),
        }
    };
    if accessible {
        let paths = paths?;
        let mut input = std::io::stdin().lock();
        let mut out = output::stdout();
        return match crate::tui::linear::run(lib, &paths, launch, &mut input, &mut out) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            // A reader that went away (`| head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
            Err(e) => Err(e.into()),
        };
    }
    if !has_terminal(
        "the app needs a terminal on stdin and stdout; to score answers from a file, use `altitude score --answers FILE`",
    ) {
        return Ok(ExitCode::from(NO_TERMINAL));
    }
    let paths = paths?;
    let ending = crate::tui::run::run(lib, &paths, launch)?;
    Ok(ExitCode::from(ending.exit_code()))
}

/// Checks the set `start` would open: `--set`, else the config's
/// `default_set`, must be a set a person can take about themselves.
fn check_start_set(
    lib: &Library,
    set: Option<&str>,
    config: Option<(&Paths, crate::store::Config)>,
) -> Result<(), String> {
    let valid: Vec<&str> = lib
        .sets
        .iter()
        .filter(|s| s.rater == Rater::SelfRater)
        .map(|s| s.id.as_str())
        .collect();
    let list = valid.join(", ");
    if let Some(id) = set {
        return match lib.set(id) {
            Some(s) if s.rater == Rater::SelfRater => Ok(()),
            Some(_) => Err(format!(
                "--set {}: this set is answered by a second rater, inside a coaching session (--mode coaching); the sets to start are: {list}",
                id
            )),
            None => Err(format!(
                "--set {}: there is no such question set; the sets to start are: {list}",
                id
            )),
        };
    }
    if let Some((paths, config)) = config
        && let Some(id) = config.default_set.as_deref()
        && !valid.contains(&id)
    {
        return Err(format!(
            "{}: default_set = \"{}\" is not a set to start; the sets are: {list}. Fix the file, or pass --set.",
            paths.config_dir.join("config.toml").display(),
            id
        ));
    }
    Ok(())
}

/// The built-in library plus the user's sets, with their problems on stderr.
fn library(paths: Option<&Paths>) -> color_eyre::Result<Library> {
    let mut lib = Library::builtin()?;
    if let Some(paths) = paths {
        sets::load_user_sets(&mut lib, &paths.config_dir);
    }
    for w in &lib.warnings {
        warn!("warning: {w}");
    }
    Ok(lib)
}

fn evidence(req: &crate::evidence::Request, format: ListFormat) -> color_eyre::Result<ExitCode> {
    let found = match crate::evidence::gather(req) {
        Ok(found) => found,
        Err(e) => {
            warn!("error: {e}");
            return Ok(ExitCode::from(FAILURE));
        }
    };
    let mut out = output::stdout();
    match format {
        ListFormat::Json => output::json_pretty(&mut out, &crate::evidence::report::json(&found))?,
        ListFormat::Text => write!(out, "{}", crate::evidence::report::text(&found))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn sets(lib: &Library, format: ListFormat) -> color_eyre::Result<ExitCode> {
    let mut out = output::stdout();
    match format {
        ListFormat::Json => {
            let all: Vec<_> = lib.sets.iter().map(json::set_json).collect();
            output::json_pretty(&mut out, &all)?;
        }
        ListFormat::Text => {
            for set in &lib.sets {
                // What the set measures, and its own scales; not the rest.
                let counts: Vec<String> = Dimension::ALL
                    .iter()
                    .filter(|d| set.measures(**d))
                    .map(|d| format!("{} {}", d.id(), set.items_in(*d).count()))
                    .chain(
                        set.scales
                            .iter()
                            .map(|s| format!("scale {} {}", s.id, s.items.len())),
                    )
                    .collect();
                writeln!(
                    out,
                    "{:<12} {} ({})\n{:<12} {} items, {} scored: {}",
                    set.id,
                    set.title,
                    set.source.describe(),
                    "",
                    set.items.len(),
                    set.scored_items().count(),
                    counts.join(", "),
                )?;
                write!(
                    out,
                    "{}",
                    plain::wrap(&set.description, 78, "             ")
                )?;
                writeln!(out)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks set files against the built-in sets (a user set is checked on its
/// own, so its id never clashes with itself), and answers files against the
/// built-in sets and the user's own, as `score` reads them.
fn validate(
    lib: &Library,
    paths: Option<&Paths>,
    files: &[std::path::PathBuf],
) -> color_eyre::Result<ExitCode> {
    let mut failed = false;
    let mut out = output::stdout();
    let mut with_user_sets: Option<Library> = None;
    for file in files {
        // An answers file is checked against the sets; anything else is a set.
        if let Ok(source) = read_limited(file)
            && is_answers_file(&source)
        {
            let known = with_user_sets.get_or_insert_with(|| {
                let mut all = lib.clone();
                if let Some(paths) = paths {
                    // A broken user set is `validate`'s to report when it is
                    // named, not a warning on every answers file.
                    sets::load_user_sets(&mut all, &paths.config_dir);
                }
                all
            });
            match parse_sheet(file, &source, &known.sets) {
                Ok(sheet) => writeln!(
                    out,
                    "{}: ok, answers to set \"{}\" ({} answered)",
                    file.display(),
                    sheet.set,
                    sheet.answers.len()
                )?,
                Err(problems) => {
                    failed = true;
                    for p in problems.0 {
                        writeln!(out, "{p}")?;
                    }
                }
            }
            continue;
        }
        match sets::check_file(lib, file) {
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

/// Whether a file is an answers file (`set = ...` and `[answers]`) rather
/// than a question set (which has `items`).
fn is_answers_file(source: &str) -> bool {
    toml::de::DeTable::parse(source).is_ok_and(|doc| {
        let has = |key: &str| doc.get_ref().iter().any(|(k, _)| k.get_ref() == key);
        has("set") && !has("items")
    })
}

/// Reads an answers file, or a filled-in rating form, and scores it.
fn read_sheet(lib: &Library, path: &Path) -> Result<(AnswerSheet, Assessment), Problems> {
    let source = read_limited(path)?;
    parse_answers(lib, path, &source)
}

fn score(
    lib: &Library,
    answers: &Path,
    other: Option<&Path>,
    others: &[PathBuf],
    minimums: Minimums,
    format: ReportFormat,
) -> color_eyre::Result<ExitCode> {
    let (sheet, own) = match read_sheet(lib, answers) {
        Ok(v) => v,
        Err(problems) => {
            for p in problems.0 {
                warn!("error: {p}");
            }
            return Ok(ExitCode::from(FAILURE));
        }
    };
    let other = match other
        .map(|path| read_sheet(lib, path).map(|r| (path, r)))
        .transpose()
    {
        Ok(Some((path, (_, other)))) if other.set.rater != Rater::Other => {
            warn!(
                "error: {}: --other takes a second rater's answers to a set like \"coach\" or \"perception\"; \"{}\" is a self-assessment set",
                path.display(),
                other.set.id
            );
            return Ok(ExitCode::from(FAILURE));
        }
        Ok(v) => v.map(|(_, (_, a))| a),
        Err(problems) => {
            for p in problems.0 {
                warn!("error: {p}");
            }
            return Ok(ExitCode::from(FAILURE));
        }
    };
    let groups = if others.is_empty() {
        None
    } else {
        let (ratings, problems) = read_ratings(lib, others);
        if !problems.is_empty() {
            for p in &problems {
                warn!("error: {p}");
            }
            return Ok(ExitCode::from(FAILURE));
        }
        Some(aggregate(&own, &sheet.answers, &ratings, minimums))
    };
    let mut out = output::stdout();
    match format {
        ReportFormat::Text => {
            write!(
                out,
                "{}",
                plain::render(&own, &sheet.answers, other.as_ref())
            )?;
            if let Some(groups) = &groups {
                write!(out, "{}", perspectives::plain(groups))?;
            }
        }
        ReportFormat::Markdown => {
            write!(
                out,
                "{}",
                markdown::render(&own, &sheet.answers, other.as_ref())
            )?;
            if let Some(groups) = &groups {
                write!(out, "\n{}", perspectives::markdown(groups))?;
            }
        }
        ReportFormat::Json => {
            let mut value = serde_json::json!(json::score_json(&own, other.as_ref()));
            if let Some(groups) = &groups {
                value["perspectives"] = perspectives::json(groups);
            }
            output::json_pretty(&mut out, &value)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the check-in reminder of one session as an `.ics` event.
fn remind(paths: &Paths, id: &str, output: Option<&Path>) -> color_eyre::Result<ExitCode> {
    let history = load_history(paths);
    let Some(session) = history.find(id) else {
        warn!(
            "error: no finished session \"{id}\" in {}; `altitude history` lists the ids",
            paths.data_dir.display()
        );
        return Ok(ExitCode::from(FAILURE));
    };
    let text = crate::report::ics::reminder(session, crate::model::time::Timestamp::now());
    let written = match output {
        Some(path) => {
            write_atomic(path, text.as_bytes(), Replace::Never).map(|()| path.to_path_buf())
        }
        None => SessionStore::new(&paths.data_dir).write_export(
            &format!("{}-check-in", session.id),
            "ics",
            &text,
        ),
    };
    match written {
        Ok(path) => {
            warn!(
                "Wrote {}: the check-in on {} ({}). Open it to add it to your calendar.",
                path.display(),
                crate::report::ics::check_in_day(session).date(),
                if session.commitments.len() == 1 {
                    "1 commitment".to_string()
                } else {
                    format!("{} commitments", session.commitments.len())
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            warn!("error: {e}");
            Ok(ExitCode::from(FAILURE))
        }
    }
}

/// The set a rater answers: `--set`, else the perspective's own. It must be
/// a set rated by someone else, the rule answers files with `rater` follow.
fn rater_set(
    lib: &Library,
    set: Option<String>,
    perspective: Perspective,
) -> Result<&crate::model::QuestionSet, String> {
    let id = set.unwrap_or_else(|| perspective.default_set().to_string());
    match lib.set(&id) {
        Some(s) if s.rater == Rater::Other => return Ok(s),
        _ => {}
    }
    let raters: Vec<&str> = lib
        .sets
        .iter()
        .filter(|s| s.rater == Rater::Other)
        .map(|s| s.id.as_str())
        .collect();
    let why = if lib.set(&id).is_some() {
        "is a self-assessment, not a set for rating someone else"
    } else {
        "is not a question set"
    };
    Err(format!(
        "--set {id}: \"{id}\" {why}; choose one of: {}",
        raters.join(", ")
    ))
}

/// `altitude rate`: the question screens for a rater, ending in a new
/// answers file whose name does not identify them.
fn rate(
    paths: Result<Paths, crate::store::NoHomeDir>,
    set: Option<String>,
    perspective: Perspective,
    output: Option<PathBuf>,
    accessible: bool,
) -> color_eyre::Result<ExitCode> {
    let paths = paths?;
    let lib = library(Some(&paths))?;
    let set = match rater_set(&lib, set, perspective) {
        Ok(set) => set.id.clone(),
        Err(message) => {
            warn!("error: {message}");
            return Ok(ExitCode::from(FAILURE));
        }
    };
    // A name that is taken, or a folder that does not exist, is said now,
    // not after the rater has answered every question.
    if let Some(e) = output.as_deref().and_then(unwritable) {
        warn!("error: {e}; nothing was asked yet, choose another -o");
        return Ok(ExitCode::from(FAILURE));
    }
    let dir = match std::env::current_dir() {
        Ok(dir) => dir,
        Err(e) => {
            warn!(
                "error: the current folder cannot be read ({e}); run `altitude rate` from another folder, or pass -o FILE"
            );
            return Ok(ExitCode::from(FAILURE));
        }
    };
    let (config, problem) = Config::load(&paths.config_dir);
    if let Some(problem) = problem {
        warn!("warning: {problem}");
    }
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let accessible = accessible || dumb || config.accessible;
    let run = crate::tui::app::RaterRun::new(perspective, dir, output);
    let app = crate::tui::run::rater_app(lib, config, &set, run);
    if accessible {
        let mut input = std::io::stdin().lock();
        let mut out = output::stdout();
        // The stream itself says where the answers went, or why they could not go.
        return match crate::tui::linear::run_rating(app, &paths, &mut input, &mut out) {
            Ok(app) if app.rater.as_ref().is_some_and(|r| r.failed.is_some()) => {
                Ok(ExitCode::from(FAILURE))
            }
            Ok(_) => Ok(ExitCode::SUCCESS),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
            Err(e) => Err(e.into()),
        };
    }
    if !has_terminal(
        "rating needs a terminal on stdin and stdout; `altitude rate --accessible` reads answers line by line, and `altitude form` writes a form to fill in with any editor",
    ) {
        return Ok(ExitCode::from(NO_TERMINAL));
    }
    let (ending, app) = crate::tui::run::run_rating(app, &paths)?;
    let said = rated(&app)?;
    Ok(match ending {
        crate::tui::run::Ending::Quit => said,
        signal => ExitCode::from(signal.exit_code()),
    })
}

/// Why a new file could not be created at `path`, if it could not: the
/// name is taken (by anything, a dangling symlink too) or its folder is missing.
fn unwritable(path: &Path) -> Option<crate::store::SaveError> {
    let parent = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let kind = if path.symlink_metadata().is_ok() {
        std::io::ErrorKind::AlreadyExists
    } else if !parent.is_dir() {
        std::io::ErrorKind::NotFound
    } else {
        return None;
    };
    Some(crate::store::SaveError {
        path: path.to_path_buf(),
        source: kind.into(),
    })
}

/// After `rate`: where the answers went (the screen that said so is gone),
/// or why they could not be written.
fn rated(app: &crate::tui::app::App) -> color_eyre::Result<ExitCode> {
    let Some(run) = &app.rater else {
        return Ok(ExitCode::SUCCESS);
    };
    match &run.written {
        Some(path) => {
            warn!(
                "Your answers are in {}. Send it to whoever asked you for it: the manager, or their coach if the coach collects the answers.",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        None => match &run.failed {
            Some(why) => {
                warn!("error: your answers were not written: {why}");
                Ok(ExitCode::from(FAILURE))
            }
            None => Ok(ExitCode::SUCCESS),
        },
    }
}

/// Writes a rating form for `perspective` on `set` (or the perspective's own set).
fn form(
    lib: &Library,
    set: Option<String>,
    perspective: Perspective,
    output: Option<&Path>,
) -> color_eyre::Result<ExitCode> {
    let set = match rater_set(lib, set, perspective) {
        Ok(set) => set,
        Err(message) => {
            warn!("error: {message}");
            return Ok(ExitCode::from(FAILURE));
        }
    };
    let text = form::render(set, perspective);
    match output {
        None => write!(output::stdout(), "{text}")?,
        Some(path) => {
            if let Err(e) = write_atomic(path, text.as_bytes(), Replace::Never) {
                warn!("error: {e}");
                return Ok(ExitCode::from(FAILURE));
            }
            warn!(
                "Wrote {}. Send it to {}: they tick one box per question and send it back, by email or as a file. Then `altitude score --answers YOURS.toml --others FOLDER` reads every filled-in form in FOLDER.",
                path.display(),
                perspective.group()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn history(lib: &Library, paths: &Paths, format: ListFormat) -> color_eyre::Result<ExitCode> {
    let history = load_history(paths);
    let summaries: Vec<_> = history.sessions.iter().map(|s| summarize(lib, s)).collect();
    let mut out = output::stdout();
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = history
                .sessions
                .iter()
                .zip(&summaries)
                .map(|(s, sum)| {
                    let mut row = session_json(s);
                    let scores: std::collections::BTreeMap<_, _> = Dimension::ALL
                        .iter()
                        .map(|d| (d.id(), sum.scores[d.index()]))
                        .collect();
                    row.insert("scores".into(), serde_json::json!(scores));
                    row.insert("pattern".into(), serde_json::json!(sum.pattern));
                    // How many raters' answers are attached: the groups are in `export`.
                    row.insert(
                        "raters".into(),
                        serde_json::json!(s.others.as_ref().map(|o| o.files)),
                    );
                    serde_json::Value::Object(row)
                })
                .collect();
            output::json_pretty(&mut out, &rows)?;
        }
        ListFormat::Text => {
            if summaries.is_empty() {
                writeln!(out, "No finished sessions in {}.", paths.data_dir.display())?;
            } else {
                writeln!(
                    out,
                    "{:<26} {:<10} {:<11} {:<10} {:>4} {:>4} {:>4} {:>4}  pattern",
                    "id", "date", "set", "mode", "emp", "cred", "burn", "own"
                )?;
            }
            for s in &summaries {
                let cells = s.score_cells();
                writeln!(
                    out,
                    "{:<26} {:<10} {:<11} {:<10} {:>4} {:>4} {:>4} {:>4}  {}",
                    s.id,
                    s.date,
                    s.set,
                    s.mode,
                    cells[0],
                    cells[1],
                    cells[2],
                    cells[3],
                    s.pattern.as_deref().unwrap_or("-")
                )?;
            }
            let attached: Vec<&Session> = history
                .sessions
                .iter()
                .filter(|s| s.others.is_some())
                .collect();
            if !attached.is_empty() {
                writeln!(
                    out,
                    "\nRaters' answers attached (`altitude export ID` shows each perspective):"
                )?;
            }
            for s in attached {
                let Some(o) = &s.others else { continue };
                let groups: Vec<String> = o
                    .groups
                    .iter()
                    .map(|g| {
                        let shown = if g.figures.is_some() {
                            ""
                        } else {
                            ", count only"
                        };
                        format!("{} {}{shown}", g.perspective.id(), g.raters)
                    })
                    .collect();
                writeln!(out, "  {}: {}", s.id, groups.join("; "))?;
            }
            if let Some((rate, counted)) = history.follow_through() {
                writeln!(
                    out,
                    "\nFollow-through on commitments: {:.0}% over {counted} check-ins.",
                    rate * 100.0,
                )?;
            }
        }
    }
    Ok(if history.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILURE)
    })
}

fn export(
    lib: &Library,
    paths: &Paths,
    id: &str,
    format: ExportFormat,
    output: Option<&Path>,
) -> color_eyre::Result<ExitCode> {
    let history = load_history(paths);
    let Some(session) = history.find(id) else {
        if history.sessions.is_empty() {
            warn!(
                "error: there are no finished sessions in {} to export",
                paths.data_dir.display()
            );
        } else {
            warn!("error: no session \"{id}\"; `altitude history` lists the ids, or use `latest`");
        }
        return Ok(ExitCode::from(FAILURE));
    };
    let summaries: Vec<_> = history.sessions.iter().map(|s| summarize(lib, s)).collect();
    let text = match format {
        ExportFormat::Markdown => markdown::render_session(lib, session, &summaries),
        ExportFormat::Json => output::json_string(&export_json(lib, session)),
    };
    match output {
        None => write!(output::stdout(), "{text}")?,
        Some(path) => {
            // Create-new: never over a file or a symlink (dangling or not),
            // never into a folder that does not exist.
            if let Err(e) = write_atomic(path, text.as_bytes(), Replace::Never) {
                warn!("error: {e}");
                return Ok(ExitCode::from(FAILURE));
            }
            warn!("Wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A session in JSON: its answers-file fields, what happened, and the result
/// as the session showed it.
fn export_json(lib: &Library, s: &Session) -> serde_json::Value {
    let shown = s.as_recorded(lib);
    let result = shown
        .as_ref()
        .map(|r| json::score_json(&r.own, r.other.as_ref()));
    let mut out = serde_json::Map::new();
    out.insert(
        "schema".into(),
        serde_json::json!(crate::model::session::SCHEMA),
    );
    out.extend(session_json(s));
    out.insert("answers".into(), serde_json::json!(s.answers));
    out.insert("notes".into(), serde_json::json!(s.notes));
    out.insert("other".into(), serde_json::json!(s.other));
    out.insert("result".into(), serde_json::json!(result));
    out.insert(
        "set_changed_since".into(),
        serde_json::json!(shown.as_ref().map(|r| !r.set_unchanged)),
    );
    out.insert("record".into(), serde_json::json!(s.record));
    out.insert("evidence".into(), serde_json::json!(s.evidence));
    out.insert(
        "perspectives".into(),
        s.others
            .as_ref()
            .map_or(serde_json::Value::Null, |o| perspectives::json(&o.groups)),
    );
    serde_json::Value::Object(out)
}

/// The fields every JSON view of a session shares.
fn session_json(s: &Session) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::json;
    [
        ("id", json!(s.id)),
        ("set", json!(s.set)),
        ("mode", json!(s.mode)),
        ("started", json!(s.started.display())),
        ("finished", json!(s.finished.map(|t| t.display()))),
        ("profile", json!(s.profile)),
        ("commitments", json!(s.commitments)),
        ("checkins", json!(s.checkins)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The saved sessions, with unreadable files named on stderr.
fn load_history(paths: &Paths) -> crate::sessions::History {
    let history = SessionStore::new(&paths.data_dir).history();
    for p in &history.problems {
        warn!("warning: {p}");
    }
    history
}
