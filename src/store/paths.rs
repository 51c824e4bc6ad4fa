//! Where things live: the data and config directories.

use std::path::PathBuf;

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
