//! Where things live: the data and config directories, and the config file.

use crate::model::Mode;
use crate::model::location::{Position, Problem, from_toml_error};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The resolved data and config directories.
#[derive(Debug, Clone)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

/// An error resolving directories.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot find a home directory to keep altitude's files in; pass --data-dir and --config-dir (or set ALTITUDE_DATA_DIR and ALTITUDE_CONFIG_DIR)"
)]
pub struct NoHomeDir;

impl Paths {
    /// Uses the given directories, falling back to the platform's defaults.
    pub fn resolve(
        data_dir: Option<PathBuf>,
        config_dir: Option<PathBuf>,
    ) -> Result<Paths, NoHomeDir> {
        if let (Some(data_dir), Some(config_dir)) = (&data_dir, &config_dir) {
            return Ok(Paths {
                data_dir: data_dir.clone(),
                config_dir: config_dir.clone(),
            });
        }
        let dirs = directories::ProjectDirs::from("", "", "altitude").ok_or(NoHomeDir)?;
        Ok(Paths {
            data_dir: data_dir.unwrap_or_else(|| dirs.data_dir().to_path_buf()),
            config_dir: config_dir.unwrap_or_else(|| dirs.config_dir().to_path_buf()),
        })
    }
}

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
}

impl Config {
    /// Loads the config. A missing file gives the defaults; a bad one gives
    /// the defaults and a located problem to show the user.
    pub fn load(config_dir: &Path) -> (Config, Option<Problem>) {
        let path = config_dir.join("config.toml");
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), None),
            Err(e) => {
                let p = Problem::new(
                    &path,
                    Position::START,
                    format!("cannot read: {e}; using defaults"),
                );
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
