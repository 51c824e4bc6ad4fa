//! Saved sessions in the data dir: finished ones in `sessions/`, the
//! autosaved unfinished ones in `unfinished/`. Files are read with per-file
//! problems collected: a bad file is reported and skipped, never changed.

use super::atomic::{Replace, SaveError, create_private_dir, write_private};
use super::read::{is_link, read_own, toml_files};
use crate::model::location::{Position, Problem, from_toml_error};
use crate::model::raters::Attached;
use crate::model::session::{CheckIn, Commitment, SCHEMA, Session, follow_through};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The data dir's layout, and the sessions this process holds.
#[derive(Debug)]
pub struct SessionStore {
    pub dir: PathBuf,
    claims: HashMap<String, Claim>,
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

/// A session this process is working on. The lock on
/// `unfinished/<id>.lock` is held for as long as the claim lives, so another
/// altitude process sees the session as taken; the OS drops it if we die.
#[derive(Debug)]
struct Claim {
    _lock: std::fs::File,
    /// Whether `unfinished/<id>.toml` is ours to replace: we wrote it, or we
    /// resumed it after reading it.
    autosave_ours: bool,
}

/// An unfinished session another altitude process is working on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub id: String,
}

impl SessionStore {
    pub fn new(dir: &Path) -> SessionStore {
        SessionStore {
            dir: dir.to_path_buf(),
            claims: HashMap::new(),
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

    /// Raters' answers attached to finished sessions, one file per session:
    /// beside the finished files, which are never rewritten.
    pub fn others_dir(&self) -> PathBuf {
        self.dir.join("others")
    }

    fn others_path(&self, id: &str) -> PathBuf {
        self.others_dir().join(format!("{id}.toml"))
    }

    fn unfinished_path(&self, id: &str) -> PathBuf {
        self.unfinished_dir().join(format!("{id}.toml"))
    }

    fn finished_path(&self, id: &str) -> PathBuf {
        self.finished_dir().join(format!("{id}.toml"))
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.unfinished_dir().join(format!("{id}.lock"))
    }

    /// Whether this process holds `id`.
    fn holds(&self, id: &str) -> bool {
        self.claims.contains_key(id)
    }

    /// Gives a new session an id nobody else has: its own if free, else the
    /// first free one of `<id>-2`, `<id>-3`, ... Free means no finished or
    /// unfinished file of that name, and a lock this process could create.
    /// Two processes racing for one id: exactly one creates its lock file.
    fn claim_new(&mut self, s: &mut Session) -> Result<(), SaveError> {
        let base = s.id.clone();
        let fail = |source| SaveError {
            path: self.unfinished_dir(),
            source,
        };
        create_private_dir(&self.unfinished_dir()).map_err(fail)?;
        if is_link(&self.unfinished_dir()) {
            return Err(fail(std::io::Error::other(
                "it is a symbolic link, and altitude writes only inside its data folder",
            )));
        }
        for n in 1..=1000u32 {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if !is_valid_session_id(&id)
                || self.holds(&id)
                || exists(&self.finished_path(&id))
                || exists(&self.unfinished_path(&id))
            {
                continue;
            }
            let lock = match create_lock(&self.lock_path(&id)) {
                Ok(lock) => lock,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(fail(e)),
            };
            if lock.try_lock().is_err() {
                continue;
            }
            s.id = id.clone();
            self.claims.insert(
                id,
                Claim {
                    _lock: lock,
                    autosave_ours: false,
                },
            );
            return Ok(());
        }
        Err(fail(std::io::Error::other(format!(
            "no free session id near \"{base}\""
        ))))
    }

    /// Takes an unfinished session read from disk, unless another process
    /// holds it. Returns whether it is now ours.
    fn claim_existing(&mut self, id: &str) -> bool {
        if self.holds(id) {
            return true;
        }
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let Ok(lock) = options.open(self.lock_path(id)) else {
            return false;
        };
        if lock.try_lock().is_err() {
            return false;
        }
        self.claims.insert(
            id.to_string(),
            Claim {
                _lock: lock,
                autosave_ours: true,
            },
        );
        true
    }

    /// Autosaves an unfinished session. A new session is given a free id on
    /// its first save (`s.id` may change), and its autosave never replaces a
    /// file that is not its own.
    pub fn save_progress(&mut self, s: &mut Session) -> Result<PathBuf, SaveError> {
        if !self.holds(&s.id) {
            self.claim_new(s)?;
        }
        let path = self.unfinished_path(&s.id);
        let ours = self.claims.get(&s.id).is_some_and(|c| c.autosave_ours);
        let replace = if ours { Replace::Ours } else { Replace::Never };
        write_private(&path, to_toml(s).as_bytes(), replace)?;
        if let Some(claim) = self.claims.get_mut(&s.id) {
            claim.autosave_ours = true;
        }
        Ok(path)
    }

    /// Saves a finished session as a new file (never over another), then
    /// removes its own autosave and lock. If a file of its name appeared
    /// meanwhile, the session moves to a free id rather than replace it.
    pub fn save_finished(&mut self, s: &mut Session) -> Result<PathBuf, SaveError> {
        if !self.holds(&s.id) {
            self.claim_new(s)?;
        }
        let first_id = s.id.clone();
        let mut result = write_private(
            &self.finished_path(&s.id),
            to_toml(s).as_bytes(),
            Replace::Never,
        );
        if result.as_ref().is_err_and(SaveError::already_exists) {
            let mut moved = s.clone();
            self.claim_new(&mut moved)?;
            result = write_private(
                &self.finished_path(&moved.id),
                to_toml(&moved).as_bytes(),
                Replace::Never,
            );
            if result.is_ok() {
                self.release(&moved.id, false);
                *s = moved;
            } else {
                self.release(&moved.id, true);
            }
        }
        result?;
        self.release(&first_id, true);
        Ok(self.finished_path(&s.id))
    }

    /// Lets go of a session: with `remove_autosave`, its autosave (only if
    /// ours) and its lock file go too.
    fn release(&mut self, id: &str, remove_autosave: bool) {
        let Some(claim) = self.claims.remove(id) else {
            return;
        };
        if remove_autosave && claim.autosave_ours {
            let _ = std::fs::remove_file(self.unfinished_path(id));
        }
        let _ = std::fs::remove_file(self.lock_path(id));
    }

    /// Removes an unfinished session's autosave (the user chose to discard
    /// it); only one this process holds.
    pub fn discard(&mut self, s: &Session) {
        self.release(&s.id, true);
    }

    /// Writes a report into `exports/` under a new name: `<stem>.md`, or
    /// `<stem>-2.md` and so on if that exists. Earlier reports are kept.
    pub fn write_export(
        &self,
        stem: &str,
        ext: &str,
        contents: &str,
    ) -> Result<PathBuf, SaveError> {
        let mut last = None;
        for n in 1..=1000u32 {
            let name = if n == 1 {
                format!("{stem}.{ext}")
            } else {
                format!("{stem}-{n}.{ext}")
            };
            let path = self.exports_dir().join(name);
            match write_private(&path, contents.as_bytes(), Replace::Never) {
                Err(e) if e.already_exists() => last = Some(e),
                other => return other.map(|()| path),
            }
        }
        Err(last.expect("the loop ran"))
    }

    /// Attaches raters' answers to the finished session `id`, in
    /// `others/<id>.toml`. A first attachment is created new; `replace`
    /// (the user confirmed) replaces an earlier one, but only if that file
    /// is readable and belongs to this session: never a file this build
    /// cannot read or another session's.
    pub fn save_others(
        &self,
        id: &str,
        attached: &Attached,
        replace: bool,
    ) -> Result<PathBuf, SaveError> {
        let path = self.others_path(id);
        let fail = |message: String| SaveError {
            path: path.clone(),
            source: std::io::Error::other(message),
        };
        if !is_valid_session_id(id) {
            return Err(fail(format!("\"{id}\" is not a session id")));
        }
        let exists = path.symlink_metadata().is_ok();
        let mode = match (exists, replace) {
            (false, _) => Replace::Never,
            (true, false) => Replace::Never,
            (true, true) => match read_others(&path) {
                Ok((owner, _)) if owner == id => Replace::Ours,
                Ok((owner, _)) => {
                    return Err(fail(format!(
                        "it belongs to session \"{owner}\", so it is left untouched"
                    )));
                }
                Err(p) => {
                    return Err(fail(format!(
                        "the attachment there cannot be read ({}), so it is left untouched",
                        p.message
                    )));
                }
            },
        };
        let file = OthersFile {
            schema: OTHERS_SCHEMA,
            session: id.to_string(),
            attached: attached.clone(),
        };
        let body = toml::to_string_pretty(&file).map_err(|e| fail(e.to_string()))?;
        let text = format!(
            "# altitude: raters' answers attached to session {id}, as anonymous groups.\n{body}"
        );
        write_private(&path, text.as_bytes(), mode)?;
        Ok(path)
    }

    /// Merges each finished session's attachment file, if it has one, into
    /// the session; unreadable ones are reported and left alone.
    fn merge_others(&self, sessions: &mut [Session], problems: &mut Vec<Problem>) {
        if is_link(&self.others_dir()) {
            problems.push(Problem::new(
                &self.others_dir(),
                Position::START,
                "a symbolic link; altitude keeps attachments only inside its data folder, so this folder is not read",
            ));
            return;
        }
        for s in sessions {
            let path = self.others_path(&s.id);
            if path.symlink_metadata().is_err() {
                continue;
            }
            match read_others(&path) {
                Ok((owner, attached)) if owner == s.id => s.others = Some(attached),
                Ok((owner, _)) => problems.push(Problem::new(
                    &path,
                    Position::START,
                    format!(
                        "it says it belongs to session \"{owner}\", not \"{}\"; skipped and left untouched",
                        s.id
                    ),
                )),
                Err(p) => problems.push(p),
            }
        }
    }

    /// All finished sessions.
    pub fn history(&self) -> History {
        let (mut sessions, mut problems) = read_dir(&self.finished_dir());
        sessions.retain(|s| {
            if s.finished.is_none() {
                problems.push(Problem::new(
                    &self.finished_path(&s.id),
                    Position::START,
                    "a session with no finish time among the finished ones; skipped and left untouched",
                ));
            }
            s.finished.is_some()
        });
        self.merge_others(&mut sessions, &mut problems);
        History { sessions, problems }
    }

    /// The newest unfinished session no other process is working on (now
    /// held by this one), the ones that are taken, and the unreadable files.
    pub fn unfinished(&mut self) -> (Option<Session>, Vec<Taken>, Vec<Problem>) {
        let (sessions, problems) = read_dir(&self.unfinished_dir());
        let mut taken = Vec::new();
        let mut mine = None;
        for s in sessions.into_iter().rev() {
            if self.finished_already(&s) {
                // A crash between saving the finished file and removing the
                // autosave: finish the clean-up instead of offering it again.
                if self.claim_existing(&s.id) {
                    self.release(&s.id, true);
                }
                continue;
            }
            let free = self.claim_existing(&s.id);
            if !free {
                taken.push(Taken { id: s.id });
            } else if mine.is_none() {
                mine = Some(s);
            } else {
                // Free, but older than the one offered: leave it for later.
                self.release(&s.id, false);
            }
        }
        (mine, taken, problems)
    }
}

impl SessionStore {
    /// Whether `s` (an autosave) was saved as finished already: a finished
    /// file of its id, from the same start.
    fn finished_already(&self, s: &Session) -> bool {
        let path = self.finished_path(&s.id);
        exists(&path)
            && read_session(&path)
                .is_ok_and(|f| f.id == s.id && f.started == s.started && f.finished.is_some())
    }
}

fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

fn create_lock(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// The version of attachment files this build writes and reads.
const OTHERS_SCHEMA: u32 = 1;

/// `others/<id>.toml`: raters' answers attached to a finished session.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OthersFile {
    schema: u32,
    session: String,
    attached: Attached,
}

/// Reads an attachment file: the session it belongs to, and the attachment.
fn read_others(path: &Path) -> Result<(String, Attached), Problem> {
    let source = read_own(path)?;
    let version = toml::from_str::<toml::Table>(&source)
        .ok()
        .and_then(|t| t.get("schema").and_then(toml::Value::as_integer));
    if let Some(v) = version
        && v > i64::from(OTHERS_SCHEMA)
    {
        return Err(Problem::new(
            path,
            Position::START,
            format!(
                "written by a newer altitude (schema {v}; this build reads up to {OTHERS_SCHEMA}); upgrade altitude to read it. The file was left untouched"
            ),
        ));
    }
    let file: OthersFile = toml::from_str(&source).map_err(|e| {
        let mut p = from_toml_error(path, &source, &e);
        p.message = format!(
            "unreadable attachment of raters' answers, skipped and left untouched: {}",
            p.message
        );
        p
    })?;
    Ok((file.session, file.attached))
}

/// Session ids: the characters of item ids (`a-z`, `0-9`, `-`), at most 100
/// of them. Anything else (a `/`, `..`) could name a file elsewhere.
pub fn is_valid_session_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// A session as TOML text.
pub fn to_toml(s: &Session) -> String {
    let body =
        toml::to_string_pretty(s).unwrap_or_else(|e| format!("# could not serialise: {e}\n"));
    format!("# altitude session. Private: written by altitude, safe to read.\n{body}")
}

fn read_dir(dir: &Path) -> (Vec<Session>, Vec<Problem>) {
    let mut sessions = Vec::new();
    let mut problems = Vec::new();
    if is_link(dir) {
        problems.push(Problem::new(
            dir,
            Position::START,
            "a symbolic link; altitude keeps sessions only inside its data folder, so this folder is not read",
        ));
        return (sessions, problems);
    }
    for path in toml_files(dir) {
        match read_session(&path) {
            Ok(s) => sessions.push(s),
            Err(p) => problems.push(p),
        }
    }
    sessions.sort_by(|a, b| a.started.cmp(&b.started).then(a.id.cmp(&b.id)));
    (sessions, problems)
}

/// Reads one session file, upgrading older schema versions.
/// The id must be a valid session id and match the file's name, so a
/// hostile file cannot make a save land anywhere else.
pub fn read_session(path: &Path) -> Result<Session, Problem> {
    let source = read_own(path)?;
    let session = parse_session(path, &source)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy());
    if !is_valid_session_id(&session.id) {
        return Err(Problem::new(
            path,
            Position::START,
            format!(
                "the session id \"{}\" is not a valid id (a-z, 0-9 and '-'); skipped and left untouched",
                session.id
            ),
        ));
    }
    if let Some(why) = session.problem() {
        return Err(Problem::new(
            path,
            Position::START,
            format!("{why}; skipped and left untouched"),
        ));
    }
    if stem.as_deref() != Some(session.id.as_str()) {
        return Err(Problem::new(
            path,
            Position::START,
            format!(
                "the session id \"{}\" does not match the file name; skipped and left untouched",
                session.id
            ),
        ));
    }
    Ok(session)
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
        // Each schema change adds one step here. 1 -> 2 added the optional
        // `record`, so a version 1 file needs nothing more.
        version += 1;
        table.insert("schema".into(), toml::Value::Integer(version));
    }
    Ok(table)
}
