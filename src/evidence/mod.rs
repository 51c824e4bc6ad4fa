//! Evidence: what the manager's own calendar and repositories show about a
//! window of days, computed locally and reduced to figures (SPEC §11).
//!
//! `window`, `interval`, `calendar` and `git` are pure computation on plain
//! data; `repo` (runs git) and `ics` (reads calendar files) are the readers;
//! `report` prints the figures.

pub mod beside;
pub mod calendar;
pub mod git;
pub mod ics;
pub mod interval;
pub mod repo;
pub mod report;
pub mod window;
pub mod zone;

use crate::model::location::Problem;
use std::path::{Path, PathBuf};
use window::{MAX_DAYS, Window, WorkDays, WorkHours, parse_date};
use zone::Zone;

/// Everything that can stop `altitude evidence`, each naming what to fix.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("{flag} \"{value}\": {why}")]
    Arg {
        flag: &'static str,
        value: String,
        why: String,
    },
    #[error("{}: {detail}", path.display())]
    Repo { path: PathBuf, detail: String },
    #[error(
        "{}: no --me given and the repository has no user.email; pass --me EMAIL",
        path.display()
    )]
    NoMe { path: PathBuf },
    #[error("{0}")]
    Calendar(Problem),
}

/// The command's inputs, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    pub repos: Vec<PathBuf>,
    pub me: Vec<String>,
    pub calendars: Vec<PathBuf>,
    pub since: String,
    pub until: String,
    pub work_hours: Option<String>,
    pub work_days: Option<String>,
    pub tz: Option<String>,
}

fn arg_error(flag: &'static str, value: &str, why: impl Into<String>) -> EvidenceError {
    EvidenceError::Arg {
        flag,
        value: value.to_string(),
        why: why.into(),
    }
}

impl Request {
    /// The window the request names, or what is wrong with it.
    pub fn window(&self) -> Result<Window, EvidenceError> {
        let since = parse_date(&self.since).map_err(|e| arg_error("--since", &self.since, e))?;
        let until = parse_date(&self.until).map_err(|e| arg_error("--until", &self.until, e))?;
        if until < since {
            return Err(arg_error(
                "--until",
                &self.until,
                format!("is before --since {}", self.since),
            ));
        }
        if (until - since).num_days() >= MAX_DAYS {
            return Err(arg_error(
                "--until",
                &self.until,
                format!("the window is longer than {MAX_DAYS} days"),
            ));
        }
        let hours: WorkHours = match &self.work_hours {
            Some(h) => h
                .parse()
                .map_err(|e: String| arg_error("--work-hours", h, e))?,
            None => WorkHours::default(),
        };
        let days: WorkDays = match &self.work_days {
            Some(d) => d
                .parse()
                .map_err(|e: String| arg_error("--work-days", d, e))?,
            None => WorkDays::default(),
        };
        let zone = match &self.tz {
            Some(name) => Zone::named(name).ok_or_else(|| {
                arg_error(
                    "--tz",
                    name,
                    "unknown time zone; use an IANA name like Europe/Berlin or America/New_York",
                )
            })?,
            None => Zone::local(),
        };
        Ok(Window::new(since, until, zone, hours, days))
    }
}

/// The figures, with a section for each kind of source given.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub window: Window,
    pub git: Option<git::GitFigures>,
    pub calendar: Option<calendar::CalendarFigures>,
}

/// Reads every source the request names and computes the figures.
pub fn gather(req: &Request) -> Result<Evidence, EvidenceError> {
    let window = req.window()?;
    let mut repos = Vec::new();
    let mut repo_emails = Vec::new();
    for dir in &req.repos {
        let (commits, email) = repo::read(dir, window.start)?;
        let me = if req.me.is_empty() {
            vec![
                email
                    .clone()
                    .ok_or_else(|| EvidenceError::NoMe { path: dir.clone() })?,
            ]
        } else {
            req.me.clone()
        };
        repo_emails.extend(email);
        repos.push(git::Repo {
            name: repo_name(dir),
            commits,
            me,
        });
    }
    let git = (!req.repos.is_empty()).then(|| git::figures(&repos, &window));
    // Who "me" is on a calendar: the --me addresses, else the repositories'.
    let me = if req.me.is_empty() {
        repo_emails
    } else {
        req.me.clone()
    };
    let calendar = if req.calendars.is_empty() {
        None
    } else {
        let mut all = calendar::Occurrences::default();
        for path in &req.calendars {
            all.extend(ics::read(path, &window, &me).map_err(EvidenceError::Calendar)?);
        }
        Some(calendar::figures(&all, &window))
    };
    Ok(Evidence {
        window,
        git,
        calendar,
    })
}

/// The last `days` days up to `now` in the local zone, as `--since` and
/// `--until` values.
pub fn last_days(now: i64, days: u32) -> (String, String) {
    let today = Zone::local().to_wall(now).date();
    let first = today - chrono::Duration::days(i64::from(days.max(1)) - 1);
    (
        first.format("%Y-%m-%d").to_string(),
        today.format("%Y-%m-%d").to_string(),
    )
}

/// `~/x` as a path under the home directory, as a shell would read it.
pub fn expand_home(p: &Path) -> PathBuf {
    match (p.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => p.to_path_buf(),
    }
}

/// The name a repository goes by in sole paths: its directory's name.
fn repo_name(dir: &Path) -> String {
    std::fs::canonicalize(dir)
        .ok()
        .as_deref()
        .unwrap_or(dir)
        .file_name()
        .map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
}
