//! Raters' answers files. Writing one where the rater runs `altitude rate`:
//! `rating-<perspective>-<token>.toml`, with a random token so that the name
//! says nothing about who rated (no time, user or host), and create-new so
//! that two raters in one folder, even at once, never replace each other.
//! Reading them back, from files and folders, for `score --others` and for
//! attaching them to a session: every file's problem is kept, with its name.

use super::atomic::{Replace, SaveError, write_atomic};
use super::read::{files_in, read_limited};
use crate::model::catalog::Library;
use crate::model::location::{Position, Problem};
use crate::model::perspective::Perspective;
use crate::model::raters::{Rating, parse_rating};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};

/// How many names are tried before giving up: a collision of two random
/// tokens is already rare; eight in a row means something else is wrong.
const ATTEMPTS: usize = 8;

/// Characters of a token: lowercase letters and digits, none that read alike.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters per token: 31^8 names, about 2^39.
const TOKEN_LEN: usize = 8;

/// A random token for a file name. The standard library's hasher keys are
/// seeded from the operating system's randomness, so this needs no extra
/// dependency, and it carries nothing about the machine, the user or the time.
pub fn token() -> String {
    let mut bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    // A second draw: 64 bits are more than a token needs, but two draws
    // keep the characters independent of one seed's low bits.
    bits ^= std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
        .rotate_left(32);
    (0..TOKEN_LEN)
        .map(|_| {
            let c = ALPHABET[(bits % ALPHABET.len() as u64) as usize];
            bits /= ALPHABET.len() as u64;
            char::from(c)
        })
        .collect()
}

/// The file name a rating from `perspective` gets, with `token`.
pub fn file_name(perspective: Perspective, token: &str) -> String {
    format!("rating-{}-{token}.toml", perspective.id())
}

/// Writes `text` as a new rating file in `dir`, under a fresh random name;
/// a name that is taken is never replaced, another token is tried instead.
pub fn write_new(dir: &Path, perspective: Perspective, text: &str) -> Result<PathBuf, SaveError> {
    write_new_with(dir, perspective, text, token)
}

/// `write_new`, with the tokens drawn from `tokens`.
fn write_new_with(
    dir: &Path,
    perspective: Perspective,
    text: &str,
    mut tokens: impl FnMut() -> String,
) -> Result<PathBuf, SaveError> {
    let mut last = None;
    for _ in 0..ATTEMPTS {
        let path = dir.join(file_name(perspective, &tokens()));
        match write_atomic(&path, text.as_bytes(), Replace::Never) {
            Ok(()) => return Ok(path),
            Err(e) if e.already_exists() => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| SaveError {
        path: dir.to_path_buf(),
        source: std::io::ErrorKind::AlreadyExists.into(),
    }))
}

/// Writes `text` to `path` (from `-o`): create-new, no symlink followed, no
/// folder created; an error names the path.
pub fn write_to(path: &Path, text: &str) -> Result<PathBuf, SaveError> {
    write_atomic(path, text.as_bytes(), Replace::Never).map(|()| path.to_path_buf())
}

/// The raters' files `paths` name: each file, and the `*.toml` and `*.txt`
/// files in each folder; with their text, or the problem reading them.
pub fn gather(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            match files_in(path, &["toml", "txt"]) {
                Ok(found) => files.extend(found),
                Err(e) => problems.push(Problem::new(
                    path,
                    Position::START,
                    format!("cannot read this folder: {}", super::plain_io(&e)),
                )),
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut read = Vec::new();
    for path in files {
        match read_limited(&path) {
            Ok(text) => read.push((path, text)),
            Err(p) => problems.push(p),
        }
    }
    (read, problems)
}

/// Every rater's file `paths` name, read and scored; the good ones, and a
/// problem (file, line, item, value) for each of the others.
pub fn read_ratings(lib: &Library, paths: &[PathBuf]) -> (Vec<Rating>, Vec<Problem>) {
    let (files, mut problems) = gather(paths);
    let mut ratings = Vec::new();
    for (path, text) in &files {
        match parse_rating(lib, path, text) {
            Ok(r) => ratings.push(r),
            Err(p) => problems.extend(p.0),
        }
    }
    (ratings, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_and_use_only_the_alphabet() {
        let tokens: std::collections::BTreeSet<String> = (0..200).map(|_| token()).collect();
        assert_eq!(tokens.len(), 200, "a token repeated in 200 draws");
        for t in &tokens {
            assert_eq!(t.len(), TOKEN_LEN);
            assert!(t.bytes().all(|b| ALPHABET.contains(&b)), "{t}");
        }
    }

    #[test]
    fn a_token_already_taken_is_drawn_again_and_nothing_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let mut draws = ["same", "same", "other"].into_iter().map(String::from);
        let first = write_new_with(dir.path(), Perspective::Report, "one", || {
            draws.next().unwrap()
        })
        .unwrap();
        let second = write_new_with(dir.path(), Perspective::Report, "two", || {
            draws.next().unwrap()
        })
        .unwrap();
        assert_eq!(first, dir.path().join("rating-report-same.toml"));
        assert_eq!(second, dir.path().join("rating-report-other.toml"));
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "two");
        // Every draw taken: an error naming the file, and nothing replaced.
        let e =
            write_new_with(dir.path(), Perspective::Report, "three", || "same".into()).unwrap_err();
        assert!(e.already_exists());
        assert!(e.to_string().contains("rating-report-same.toml"), "{e}");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
    }

    #[test]
    fn a_taken_name_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), Perspective::Peer, "one").unwrap();
        let second = write_new(dir.path(), Perspective::Peer, "two").unwrap();
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "two");
        let e = write_to(&first, "three").unwrap_err();
        assert!(e.already_exists());
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
    }
}
