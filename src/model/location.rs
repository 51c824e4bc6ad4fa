//! Turning byte offsets from the TOML parser into `LINE:COL` positions, and the
//! located problem type every file-reading path reports.

use super::text::show_visibly;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, col: 1 };

    pub fn at(source: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Position { line, col }
    }

    pub fn of_span(source: &str, span: Option<Range<usize>>) -> Position {
        span.map_or(Position::START, |s| Position::at(source, s.start))
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem in a file, printed as `FILE:LINE:COL: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub pos: Position,
    pub message: String,
}

impl Problem {
    pub fn new(path: &Path, pos: Position, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            pos,
            message: message.into(),
        }
    }
}

/// Shown with any control, bidi or invisible character in the file name or
/// the message (which may quote a key or value from the file) made visible:
/// a problem is printed wherever it goes, so it is safe on its own.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            show_visibly(&self.path.display().to_string()),
            self.pos.line,
            self.pos.col,
            show_visibly(&self.message)
        )
    }
}

impl std::error::Error for Problem {}

/// Several problems found in one pass, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl From<Problem> for Problems {
    fn from(p: Problem) -> Problems {
        Problems(vec![p])
    }
}

/// Turns a TOML parse error into a located problem, keeping only its first line
/// of prose (the parser's own excerpt would repeat the file's text).
pub fn from_toml_error(path: &Path, source: &str, err: &toml::de::Error) -> Problem {
    let pos = Position::of_span(source, err.span());
    let message = err.message().trim().replace('\n', " ");
    Problem::new(path, pos, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_shows_hostile_names_and_quoted_values_visibly() {
        let p = Problem::new(
            Path::new("sets/\u{1b}]0;x\u{7}.toml"),
            Position { line: 3, col: 1 },
            "unknown field `\u{1b}]52;c;aGk=\u{7}\u{202e}`",
        );
        let shown = p.to_string();
        assert_eq!(
            shown,
            "sets/<U+001B>]0;x<U+0007>.toml:3:1: unknown field `<U+001B>]52;c;aGk=<U+0007><U+202E>`"
        );
        // Every problem in a list goes through the same Display.
        let many = Problems(vec![p.clone(), p]).to_string();
        assert!(
            !many.chars().any(super::super::text::is_forbidden),
            "{many}"
        );
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let src = "a = 1\nbé = \"x\"\n";
        assert_eq!(Position::at(src, 0), Position { line: 1, col: 1 });
        assert_eq!(Position::at(src, 6), Position { line: 2, col: 1 });
        // 'é' is two bytes but one column.
        assert_eq!(Position::at(src, 9), Position { line: 2, col: 3 });
    }
}
