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

/// An error writing to the data dir, said plainly.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {}", path.display(), plain_io(source))]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// A plain-language reading of an I/O error.
pub fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        StorageFull => "the disk is full; free some space and try again (nothing earlier was changed)".into(),
        ReadOnlyFilesystem => "the data directory is on a read-only file system; choose another with --data-dir".into(),
        PermissionDenied => "permission denied; check the data directory's permissions or choose another with --data-dir".into(),
        _ => e.to_string(),
    }
}

/// Creates `dir` and its parents, private to the user (0700 on Unix).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `bytes` to `path` atomically: a temp file in the same directory,
/// synced, renamed over the target, then the directory synced. The file is
/// private to the user (0600 on Unix). On failure the target is untouched.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_synced(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    sync_dir(dir).map_err(fail)
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
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
