//! Reads a repository's history with the user's own `git`, as lazygit does:
//! every repository format, pack, worktree and .mailmap git understands is
//! read correctly, and altitude builds nothing extra.

use super::EvidenceError;
use super::git::{Commit, LOG_FORMAT, parse_log};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

/// The most `git log` output we read from one repository (256 MiB, about
/// two million commits with their paths).
pub const MAX_LOG_BYTES: u64 = 256 * 1024 * 1024;

/// How far before the window's start (by committer date) `git log` begins.
/// Author dates normally precede committer dates; the margin covers clocks
/// that disagree.
const SLACK_SECS: i64 = 7 * 86_400;

/// A repository's commits whose committer date is at or after `since` (less
/// a margin), and its `user.email`.
pub fn read(dir: &Path, since: i64) -> Result<(Vec<Commit>, Option<String>), EvidenceError> {
    let fail = |detail: String| EvidenceError::Repo {
        path: dir.to_path_buf(),
        detail,
    };
    if !dir.is_dir() {
        return Err(fail("no such directory".into()));
    }
    let top = git(dir, &["rev-parse", "--is-inside-work-tree"])
        .map_err(|e| fail(format!("not a git repository ({e})")))?;
    if top.trim() != "true" {
        return Err(fail("not a git work tree".into()));
    }
    let email = git(dir, &["config", "user.email"])
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    // A repository with no commits yet has an empty history, not an error.
    if git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err() {
        return Ok((Vec::new(), email));
    }
    let since = format!("--since=@{}", since - SLACK_SECS);
    let out = git_bytes(
        dir,
        &[
            "log",
            "--no-merges",
            "--no-renames",
            "--no-color",
            "--no-show-signature",
            LOG_FORMAT,
            "--date=raw",
            "--name-only",
            "-z",
            &since,
            "HEAD",
            "--",
        ],
    )
    .map_err(fail)?;
    let commits = parse_log(&out).map_err(fail)?;
    Ok((commits, email))
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .args(["-c", "core.quotepath=off", "-c", "log.showSignature=false"])
        .args(args)
        .env("GIT_PAGER", "cat")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    cmd
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = command(dir, args).output().map_err(|e| spawn_error(&e))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(first_line(&out.stderr))
    }
}

/// Runs git and reads at most [`MAX_LOG_BYTES`] of its output.
fn git_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let mut child = command(dir, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(&e))?;
    let mut out = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|s| s.take(MAX_LOG_BYTES + 1).read_to_end(&mut out));
    if out.len() as u64 > MAX_LOG_BYTES {
        let _ = child.kill();
        let _ = child.wait();
        return Err(format!(
            "git log printed more than {} MiB; pick a shorter window",
            MAX_LOG_BYTES / (1024 * 1024)
        ));
    }
    let mut err = Vec::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_end(&mut err);
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    match read {
        Some(Ok(_)) if status.success() => Ok(out),
        Some(Err(e)) => Err(format!("reading git's output: {e}")),
        _ => Err(first_line(&err)),
    }
}

fn spawn_error(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "git is not installed or not on PATH".into()
    } else {
        format!("cannot run git: {e}")
    }
}

fn first_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("git failed");
    line.trim().to_string()
}
