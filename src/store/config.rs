//! `<config dir>/config.toml`: theme, default set, default mode, rater
//! minimums and where evidence comes from. A bad file gives a located problem
//! and the defaults; it never stops the app.

use super::read::read_limited;
use crate::model::Mode;
use crate::model::location::{Problem, from_toml_error};
use crate::model::raters::Minimums;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Auto,
    Mono,
    HighContrast,
}

/// `<config dir>/config.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub theme: ThemeName,
    pub default_set: Option<String>,
    pub default_mode: Option<Mode>,
    /// Smallest groups of peers and reports that may be shown (never below 3).
    pub raters: Minimums,
    pub evidence: EvidenceSources,
    /// Accessible mode (SPEC §12) for every session.
    pub accessible: bool,
}

/// `[evidence]`: where evidence comes from. Read only when the user asks to
/// attach evidence, and confirmed each time.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EvidenceSources {
    pub repos: Vec<PathBuf>,
    pub calendars: Vec<PathBuf>,
    pub me: Vec<String>,
}

impl EvidenceSources {
    pub fn is_empty(&self) -> bool {
        self.repos.is_empty() && self.calendars.is_empty()
    }
}

impl Config {
    /// Loads the config. A missing file gives the defaults; a bad one gives
    /// the defaults and a located problem to show the user.
    pub fn load(config_dir: &Path) -> (Config, Option<Problem>) {
        let path = config_dir.join("config.toml");
        if let Err(e) = path.symlink_metadata()
            && e.kind() == std::io::ErrorKind::NotFound
        {
            return (Config::default(), None);
        }
        let source = match read_limited(&path) {
            Ok(s) => s,
            Err(mut p) => {
                p.message.push_str("; using the default settings");
                return (Config::default(), Some(p));
            }
        };
        match toml::from_str::<Config>(&source) {
            Ok(config) => (config, None),
            Err(e) => {
                let mut p = from_toml_error(&path, &source, &e);
                p.message.push_str("; using the default settings");
                (Config::default(), Some(p))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_config_gives_a_located_problem_and_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "theme = \"mono\"\ndefault_mode = \"solo\"\ncolour = \"red\"\n",
        )
        .unwrap();
        let (config, problem) = Config::load(dir.path());
        assert_eq!(config, Config::default());
        let problem = problem.expect("a problem").to_string();
        assert!(
            problem.contains("config.toml:3:1: unknown field `colour`"),
            "{problem}"
        );
        assert!(problem.ends_with("using the default settings"), "{problem}");
    }

    #[test]
    fn a_good_config_is_read_and_a_missing_one_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Config::load(dir.path()), (Config::default(), None));
        std::fs::write(
            dir.path().join("config.toml"),
            "theme = \"high-contrast\"\ndefault_set = \"quick\"\ndefault_mode = \"coaching\"\n",
        )
        .unwrap();
        let (config, problem) = Config::load(dir.path());
        assert!(problem.is_none());
        assert_eq!(config.theme, ThemeName::HighContrast);
        assert_eq!(config.default_set.as_deref(), Some("quick"));
        assert_eq!(config.default_mode, Some(Mode::Coaching));
    }

    #[test]
    fn evidence_sources_are_read_from_their_own_table() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "[evidence]\nrepos = [\"~/src/api\"]\ncalendars = [\"work.ics\"]\nme = [\"me@example.com\"]\n",
        )
        .unwrap();
        let (config, problem) = Config::load(dir.path());
        assert!(problem.is_none(), "{problem:?}");
        assert_eq!(config.evidence.repos, vec![PathBuf::from("~/src/api")]);
        assert_eq!(config.evidence.calendars, vec![PathBuf::from("work.ics")]);
        assert_eq!(config.evidence.me, vec!["me@example.com".to_string()]);
        std::fs::write(dir.path().join("config.toml"), "[evidence]\nrepo = []\n").unwrap();
        let (_, problem) = Config::load(dir.path());
        assert!(problem.is_some_and(|p| p.to_string().contains("unknown field `repo`")));
    }
}
