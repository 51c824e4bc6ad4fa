//! Saved sessions in the data dir: finished ones in `sessions/`, the
//! autosaved unfinished ones in `unfinished/`. Files are read with per-file
//! problems collected: a bad file is reported and skipped, never changed.

use crate::model::location::{Position, Problem, from_toml_error};
use crate::model::session::{CheckIn, Commitment, SCHEMA, Session, follow_through};
use crate::store::{SaveError, atomic_write};
use std::path::{Path, PathBuf};

/// The data dir's layout.
#[derive(Debug, Clone)]
pub struct SessionStore {
    pub dir: PathBuf,
}

/// Every finished session that could be read, oldest first, and the files
/// that could not.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub sessions: Vec<Session>,
    pub problems: Vec<Problem>,
}

impl History {
    /// The latest finished session of `set` before `before_id`.
    pub fn previous(&self, set: &str, before_id: &str) -> Option<&Session> {
        self.sessions
            .iter()
            .rev()
            .find(|s| s.set == set && s.id.as_str() < before_id)
    }

    /// The commitments made in the session just before `before_id`: the
    /// ones a new session checks in on. A session that made none means there
    /// is nothing to ask about, even if an older one made some.
    pub fn commitments_before(&self, before_id: &str) -> Vec<Commitment> {
        self.sessions
            .iter()
            .rev()
            .find(|s| s.id.as_str() < before_id)
            .map(|s| s.commitments.clone())
            .unwrap_or_default()
    }

    /// Follow-through on commitments over every check-in, with how many
    /// check-ins counted (skipped ones do not).
    pub fn follow_through(&self) -> Option<(f64, usize)> {
        let checkins: Vec<CheckIn> = self
            .sessions
            .iter()
            .flat_map(|s| s.checkins.iter().cloned())
            .collect();
        let counted = checkins
            .iter()
            .filter(|c| c.status.credit().is_some())
            .count();
        follow_through(&checkins).map(|rate| (rate, counted))
    }

    pub fn latest(&self) -> Option<&Session> {
        self.sessions.last()
    }

    pub fn find(&self, id: &str) -> Option<&Session> {
        if id == "latest" {
            return self.latest();
        }
        self.sessions.iter().find(|s| s.id == id)
    }
}

impl SessionStore {
    pub fn new(dir: &Path) -> SessionStore {
        SessionStore {
            dir: dir.to_path_buf(),
        }
    }

    pub fn finished_dir(&self) -> PathBuf {
        self.dir.join("sessions")
    }

    pub fn unfinished_dir(&self) -> PathBuf {
        self.dir.join("unfinished")
    }

    pub fn exports_dir(&self) -> PathBuf {
        self.dir.join("exports")
    }

    fn unfinished_path(&self, s: &Session) -> PathBuf {
        self.unfinished_dir().join(format!("{}.toml", s.id))
    }

    /// Autosaves an unfinished session.
    pub fn save_progress(&self, s: &Session) -> Result<PathBuf, SaveError> {
        let path = self.unfinished_path(s);
        atomic_write(&path, to_toml(s).as_bytes())?;
        Ok(path)
    }

    /// Saves a finished session, then removes its autosave.
    pub fn save_finished(&self, s: &Session) -> Result<PathBuf, SaveError> {
        let path = self.finished_dir().join(format!("{}.toml", s.id));
        atomic_write(&path, to_toml(s).as_bytes())?;
        let _ = std::fs::remove_file(self.unfinished_path(s));
        Ok(path)
    }

    /// Removes an unfinished session's autosave (the user chose to discard it).
    pub fn discard(&self, s: &Session) {
        let _ = std::fs::remove_file(self.unfinished_path(s));
    }

    /// Writes a report into `exports/`.
    pub fn write_export(&self, name: &str, contents: &str) -> Result<PathBuf, SaveError> {
        let path = self.exports_dir().join(name);
        atomic_write(&path, contents.as_bytes())?;
        Ok(path)
    }

    /// All finished sessions.
    pub fn history(&self) -> History {
        let (mut sessions, problems) = read_dir(&self.finished_dir());
        sessions.retain(|s| s.finished.is_some());
        History { sessions, problems }
    }

    /// The newest unfinished session, if any, and problems reading the others.
    pub fn unfinished(&self) -> (Option<Session>, Vec<Problem>) {
        let (mut sessions, problems) = read_dir(&self.unfinished_dir());
        (sessions.pop(), problems)
    }
}

/// A session as TOML text.
pub fn to_toml(s: &Session) -> String {
    let body =
        toml::to_string_pretty(s).unwrap_or_else(|e| format!("# could not serialise: {e}\n"));
    format!("# altitude session. Private: written by altitude, safe to read.\n{body}")
}

fn read_dir(dir: &Path) -> (Vec<Session>, Vec<Problem>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    let mut sessions = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read_session(&path) {
            Ok(s) => sessions.push(s),
            Err(p) => problems.push(p),
        }
    }
    sessions.sort_by(|a, b| a.started.cmp(&b.started).then(a.id.cmp(&b.id)));
    (sessions, problems)
}

/// Reads one session file, upgrading older schema versions.
pub fn read_session(path: &Path) -> Result<Session, Problem> {
    let source = crate::model::catalog::read_limited(path)?;
    parse_session(path, &source)
}

/// Parses a session file's text.
pub fn parse_session(path: &Path, source: &str) -> Result<Session, Problem> {
    // The common case, a current file, parses once, straight into a Session.
    if let Ok(session) = toml::from_str::<Session>(source)
        && session.schema == SCHEMA
    {
        return Ok(session);
    }
    let table: toml::Table = toml::from_str(source).map_err(|e| {
        let mut p = from_toml_error(path, source, &e);
        p.message = format!(
            "unreadable session file, skipped and left untouched: {}",
            p.message
        );
        p
    })?;
    let version = table.get("schema").and_then(toml::Value::as_integer);
    let table = upgrade(table, version).map_err(|m| Problem::new(path, Position::START, m))?;
    table.try_into::<Session>().map_err(|e| {
        Problem::new(
            path,
            Position::START,
            format!(
                "unreadable session file, skipped and left untouched: {}",
                e.message().trim()
            ),
        )
    })
}

/// Brings a session table from an older schema up to `SCHEMA`, one version at
/// a time. Newer versions are refused: this build cannot know their meaning.
pub fn upgrade(mut table: toml::Table, version: Option<i64>) -> Result<toml::Table, String> {
    let mut version = match version {
        None => return Err("not an altitude session: no `schema` version".into()),
        Some(v) if v > i64::from(SCHEMA) => {
            return Err(format!(
                "written by a newer altitude (schema {v}; this build reads up to {SCHEMA}); upgrade altitude to read it. The file was left untouched"
            ));
        }
        Some(v) if v < 1 => return Err(format!("unknown session schema {v}")),
        Some(v) => v,
    };
    while version < i64::from(SCHEMA) {
        // Each future schema change adds one step here, e.g. `1 => rename a field`.
        version += 1;
        table.insert("schema".into(), toml::Value::Integer(version));
    }
    Ok(table)
}
