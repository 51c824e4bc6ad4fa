//! The library: built-in question sets and assets embedded at build time, plus
//! the user's own sets, loaded with per-file problems collected, not fatal.

use super::flags::FlagText;
use super::location::{Position, Problem, from_toml_error};
use super::pattern::{Pattern, PatternText};
use super::plan::PlanText;
use super::practices::{Practice, parse_catalogue};
use super::question_set::{QuestionSet, Source, parse_set};
use super::sources::{Sources, parse_sources};
use serde::Deserialize;
use std::path::Path;

/// The built-in sets, in the order they are listed.
const BUILTIN_SETS: [(&str, &str); 5] = [
    (
        "questions/core.toml",
        include_str!("../../questions/core.toml"),
    ),
    (
        "questions/quick.toml",
        include_str!("../../questions/quick.toml"),
    ),
    (
        "questions/onboarding.toml",
        include_str!("../../questions/onboarding.toml"),
    ),
    (
        "questions/perception.toml",
        include_str!("../../questions/perception.toml"),
    ),
    (
        "questions/coach.toml",
        include_str!("../../questions/coach.toml"),
    ),
];
const FLAGS: (&str, &str) = ("assets/flags.toml", include_str!("../../assets/flags.toml"));
const PATTERNS: (&str, &str) = (
    "assets/patterns.toml",
    include_str!("../../assets/patterns.toml"),
);
const ONBOARDING: (&str, &str) = (
    "assets/onboarding.toml",
    include_str!("../../assets/onboarding.toml"),
);
const SOURCES: (&str, &str) = (
    "assets/sources.toml",
    include_str!("../../assets/sources.toml"),
);
const PRACTICES: (&str, &str) = (
    "assets/practices.toml",
    include_str!("../../assets/practices.toml"),
);

/// Everything the engine needs: sets, flag texts, pattern texts, practices.
#[derive(Debug, Clone)]
pub struct Library {
    pub sets: Vec<QuestionSet>,
    pub flags: Vec<FlagText>,
    pub patterns: Vec<PatternText>,
    pub practices: Vec<Practice>,
    pub plan: PlanText,
    /// The essays the content comes from.
    pub sources: Sources,
    /// Problems with user sets: reported, never fatal.
    pub warnings: Vec<Problem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FlagFile {
    flag: Vec<FlagText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    pattern: Vec<PatternText>,
}

fn parse_asset<T: for<'de> Deserialize<'de>>((name, src): (&str, &str)) -> Result<T, Problem> {
    toml::from_str(src).map_err(|e| from_toml_error(Path::new(name), src, &e))
}

impl Library {
    /// Loads the embedded sets and assets. An error here is a bug in the
    /// shipped files, which the test suite guards against.
    pub fn builtin() -> Result<Library, Problem> {
        let flags = parse_asset::<FlagFile>(FLAGS)?.flag;
        let patterns = parse_asset::<PatternFile>(PATTERNS)?.pattern;
        for p in Pattern::ALL {
            if !patterns.iter().any(|t| t.id == p.id()) {
                return Err(Problem::new(
                    Path::new(PATTERNS.0),
                    Position::START,
                    format!("missing pattern \"{}\"", p.id()),
                ));
            }
        }
        let flag_ids: Vec<&str> = flags.iter().map(|f| f.id.as_str()).collect();
        let parse = |(name, src): &(&str, &str)| {
            parse_set(Path::new(name), src, &flag_ids, Source::BuiltIn)
                .map_err(|mut problems| problems.remove(0))
        };
        // One thread: on a 2-core machine a split was slower, and the app
        // already parses on its own thread while the first frame draws.
        let practices = parse_catalogue(PRACTICES.1)
            .map_err(|e| from_toml_error(Path::new(PRACTICES.0), PRACTICES.1, &e))?;
        let sets = BUILTIN_SETS
            .iter()
            .map(parse)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Library {
            sets,
            flags,
            patterns,
            practices,
            plan: parse_asset(ONBOARDING)?,
            sources: parse_sources(SOURCES.1)
                .map_err(|e| from_toml_error(Path::new(SOURCES.0), SOURCES.1, &e))?,
            warnings: Vec::new(),
        })
    }

    /// A library with no sets that holds one problem: what is left when the
    /// built-in files cannot be read (a bug the test suite guards against).
    pub fn empty(problem: Problem) -> Library {
        Library {
            sets: Vec::new(),
            flags: Vec::new(),
            patterns: Vec::new(),
            practices: Vec::new(),
            plan: PlanText::default(),
            sources: Sources::default(),
            warnings: vec![problem],
        }
    }

    pub fn flag_ids(&self) -> Vec<&str> {
        self.flags.iter().map(|f| f.id.as_str()).collect()
    }

    pub fn set(&self, id: &str) -> Option<&QuestionSet> {
        self.sets.iter().find(|s| s.id == id)
    }

    pub fn pattern_text(&self, pattern: Pattern) -> PatternText {
        self.patterns
            .iter()
            .find(|t| t.id == pattern.id())
            .cloned()
            .unwrap_or_else(|| PatternText {
                id: pattern.id().to_string(),
                title: pattern.id().to_string(),
                summary: String::new(),
                no_code: None,
            })
    }

    /// Checks a user set's text the way `altitude validate` does; `path` is
    /// where it came from, for the messages.
    pub fn parse_user_set(&self, path: &Path, source: &str) -> Result<QuestionSet, Vec<Problem>> {
        parse_set(
            path,
            source,
            &self.flag_ids(),
            Source::User(path.to_path_buf()),
        )
    }

    /// Adds a user set, or its problems as warnings. A set whose id is
    /// already taken is skipped with a warning: built-in sets always win.
    pub fn add_user_set(&mut self, path: &Path, parsed: Result<QuestionSet, Vec<Problem>>) {
        match parsed {
            Ok(set) if self.set(&set.id).is_some() => self.warnings.push(Problem::new(
                path,
                Position::START,
                format!(
                    "set id \"{}\" is already taken; this file is skipped",
                    set.id
                ),
            )),
            Ok(set) => self.sets.push(set),
            Err(problems) => self.warnings.extend(problems),
        }
    }
}
