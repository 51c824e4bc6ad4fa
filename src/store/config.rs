//! `<config dir>/config.toml`: theme, default set and default mode. A bad
//! file gives a located problem and the defaults; it never stops the app.

use super::read::read_limited;
use crate::model::Mode;
use crate::model::location::{Problem, from_toml_error};
use crate::model::raters::Minimums;
use serde::Deserialize;
use std::path::Path;

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
}
