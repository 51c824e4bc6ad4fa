//! Git figures from plain commits (SPEC §11): commits in the window, mine,
//! mine out of hours, and the top-level directories only I touch. Also the
//! parser for the `git log` output the repository reader asks for.

use super::window::Window;
use super::zone::utc_wall;
use chrono::Duration;
use std::collections::BTreeMap;

/// The `git log` arguments whose output [`parse_log`] reads: a record
/// separator, author email (raw and after .mailmap), and the author date as
/// seconds and offset, then the NUL-separated paths the commit touches.
pub const LOG_FORMAT: &str = "--format=%x1e%ae%x1f%aE%x1f%ad";

/// A non-merge commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Author emails as written and as mapped by the repository's .mailmap.
    pub emails: [String; 2],
    /// Author date, Unix seconds.
    pub time: i64,
    /// The author's UTC offset in seconds when committing.
    pub offset: i32,
    /// Top-level directories the commit touches, sorted and unique.
    pub top_dirs: Vec<String>,
}

impl Commit {
    fn is_mine(&self, me: &[String]) -> bool {
        self.emails
            .iter()
            .any(|e| me.iter().any(|m| m.eq_ignore_ascii_case(e.trim())))
    }
}

/// One repository's commits and whose they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    pub name: String,
    pub commits: Vec<Commit>,
    /// My addresses for this repository.
    pub me: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GitFigures {
    pub repos: usize,
    pub commits_mine: usize,
    pub commits_all: usize,
    pub out_of_hours_mine: usize,
    /// `dir` with one repository, `repo/dir` with several; sorted.
    pub sole_paths: Vec<String>,
}

/// A directory is a sole path when at least this many commits in the window
/// touch it and all of them are mine.
pub const SOLE_PATH_MIN_COMMITS: usize = 3;

pub fn figures(repos: &[Repo], window: &Window) -> GitFigures {
    let mut f = GitFigures {
        repos: repos.len(),
        ..GitFigures::default()
    };
    for repo in repos {
        // dir -> (commits touching it, of which mine)
        let mut dirs: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for c in repo
            .commits
            .iter()
            .filter(|c| c.time >= window.start && c.time < window.end)
        {
            let mine = c.is_mine(&repo.me);
            f.commits_all += 1;
            if mine {
                f.commits_mine += 1;
                let wall = utc_wall(c.time) + Duration::seconds(i64::from(c.offset));
                if window.out_of_hours(wall) {
                    f.out_of_hours_mine += 1;
                }
            }
            for d in &c.top_dirs {
                let e = dirs.entry(d).or_default();
                e.0 += 1;
                e.1 += usize::from(mine);
            }
        }
        for (dir, (all, mine)) in dirs {
            if all == mine && all >= SOLE_PATH_MIN_COMMITS {
                f.sole_paths.push(if repos.len() > 1 {
                    format!("{}/{dir}", repo.name)
                } else {
                    dir.to_string()
                });
            }
        }
    }
    f.sole_paths.sort();
    f
}

/// Reads `git log -z --name-only` output made with [`LOG_FORMAT`] and
/// `--date=raw`.
pub fn parse_log(out: &[u8]) -> Result<Vec<Commit>, String> {
    let mut commits: Vec<Commit> = Vec::new();
    for token in out.split(|b| *b == 0) {
        if let Some(header) = token.strip_prefix(b"\x1e") {
            commits.push(parse_header(header)?);
            continue;
        }
        let path = token.strip_prefix(b"\n").unwrap_or(token);
        if path.is_empty() {
            continue;
        }
        let Some(commit) = commits.last_mut() else {
            return Err("git log printed a path before any commit".into());
        };
        if let Some(slash) = path.iter().position(|b| *b == b'/') {
            let dir = String::from_utf8_lossy(&path[..slash]);
            if let Err(i) = commit.top_dirs.binary_search_by(|d| d.as_str().cmp(&dir)) {
                commit.top_dirs.insert(i, dir.into_owned());
            }
        }
    }
    Ok(commits)
}

fn parse_header(h: &[u8]) -> Result<Commit, String> {
    let text = String::from_utf8_lossy(h);
    let mut fields = text.split('\x1f');
    let (Some(raw), Some(mapped), Some(date), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Err(format!("unexpected git log header \"{}\"", text.trim()));
    };
    let bad = || format!("unexpected author date \"{}\"", date.trim());
    let (secs, off) = date.trim().split_once(' ').ok_or_else(bad)?;
    let time: i64 = secs.parse().map_err(|_| bad())?;
    Ok(Commit {
        emails: [raw.to_string(), mapped.to_string()],
        time,
        offset: parse_offset(off).ok_or_else(bad)?,
        top_dirs: Vec::new(),
    })
}

/// `+0200` or `-0530` as seconds.
fn parse_offset(s: &str) -> Option<i32> {
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    Some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::window::{WorkDays, WorkHours, parse_date};
    use crate::evidence::zone::Zone;

    fn week() -> Window {
        // Monday 2026-10-05 to Sunday 2026-10-11, UTC.
        Window::new(
            parse_date("2026-10-05").unwrap_or_default(),
            parse_date("2026-10-11").unwrap_or_default(),
            Zone::utc(),
            WorkHours::default(),
            WorkDays::default(),
        )
    }

    fn commit(
        w: &Window,
        email: &str,
        day: i64,
        hour_utc: i64,
        offset_h: i32,
        dirs: &[&str],
    ) -> Commit {
        Commit {
            emails: [email.into(), email.into()],
            time: w.start + day * 86_400 + hour_utc * 3600,
            offset: offset_h * 3600,
            top_dirs: dirs.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn parses_git_log_output() {
        let out = b"\x1eMe@X.org\x1fme@x.org\x1f1791223200 +0200\0\nbilling/a.rs\0README\0billing/b/c.rs\0api/x\0\x1eo@x\x1fo@x\x1f1791223300 -0530\0\0";
        let commits = parse_log(out);
        assert_eq!(
            commits,
            Ok(vec![
                Commit {
                    emails: ["Me@X.org".into(), "me@x.org".into()],
                    time: 1_791_223_200,
                    offset: 7200,
                    top_dirs: vec!["api".into(), "billing".into()],
                },
                Commit {
                    emails: ["o@x".into(), "o@x".into()],
                    time: 1_791_223_300,
                    offset: -(5 * 3600 + 1800),
                    top_dirs: vec![],
                },
            ])
        );
        assert!(parse_log(b"\x1eme@x\x1fme@x\x1fyesterday\0").is_err());
    }

    #[test]
    fn out_of_hours_uses_the_commits_own_offset() {
        let w = week();
        let me = vec!["me@x.org".to_string()];
        let repo = Repo {
            name: "r".into(),
            me: me.clone(),
            commits: vec![
                // Monday 15:00 UTC at +05:00 is 20:00 local: out of hours.
                commit(&w, "ME@x.org", 0, 15, 5, &[]),
                // Monday 20:00 UTC at -08:00 is 12:00 local: in hours.
                commit(&w, "me@x.org", 0, 20, -8, &[]),
                // Saturday 10:00 UTC at +00:00: a weekend, out of hours.
                commit(&w, "me@x.org", 5, 10, 0, &[]),
                // Friday 23:30 UTC at +01:00 is Saturday 00:30 local: out.
                commit(&w, "me@x.org", 4, 23, 1, &[]),
                // Someone else's evening commit does not count.
                commit(&w, "them@x.org", 1, 21, 0, &[]),
                // Outside the window (the Monday after): not counted at all.
                commit(&w, "me@x.org", 7, 10, 0, &[]),
            ],
        };
        let f = figures(&[repo], &w);
        assert_eq!(
            (f.commits_all, f.commits_mine, f.out_of_hours_mine),
            (5, 4, 3)
        );
    }

    #[test]
    fn sole_paths_need_three_commits_all_mine() {
        let w = week();
        let c = |who: &str, dirs: &[&str]| commit(&w, who, 1, 10, 0, dirs);
        let repo = Repo {
            name: "r".into(),
            me: vec!["me@x".into(), "alias@x".into()],
            commits: vec![
                // billing: 3 commits, all mine (two addresses) -> sole.
                c("me@x", &["billing"]),
                c("alias@x", &["billing", "api"]),
                c("me@x", &["billing"]),
                // api: 3 commits, one by someone else -> not sole.
                c("them@x", &["api"]),
                c("me@x", &["api"]),
                // docs: 2 commits, mine -> too few.
                c("me@x", &["docs"]),
                c("me@x", &["docs"]),
            ],
        };
        let f = figures(std::slice::from_ref(&repo), &w);
        assert_eq!(f.sole_paths, vec!["billing".to_string()]);
        // With two repositories the path names its repository.
        let other = Repo {
            name: "web".into(),
            ..repo.clone()
        };
        let f = figures(&[repo, other], &w);
        assert_eq!(
            f.sole_paths,
            vec!["r/billing".to_string(), "web/billing".to_string()]
        );
        assert_eq!((f.repos, f.commits_all, f.commits_mine), (2, 14, 12));
    }
}
