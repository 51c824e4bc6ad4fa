//! Writes that never leave a half-written file: a temp file beside the target
//! (named by `tempfile`, so a stale one from a crash never blocks a save),
//! synced, moved into place, then the directory synced. Files are private to
//! the user (0600 on Unix), and directories altitude creates are 0700.

use std::io::Write;
use std::path::{Path, PathBuf};

/// An error writing a file, said plainly.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {}", path.display(), plain_io(source))]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl SaveError {
    /// Whether the target already existed and was left alone.
    pub fn already_exists(&self) -> bool {
        self.source.kind() == std::io::ErrorKind::AlreadyExists
    }
}

/// A plain-language reading of an I/O error.
pub fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        StorageFull => "the disk is full; free some space and try again (nothing earlier was changed)".into(),
        ReadOnlyFilesystem => "the data directory is on a read-only file system; choose another with --data-dir".into(),
        PermissionDenied => "permission denied; check the data directory's permissions or choose another with --data-dir".into(),
        AlreadyExists => "a file of that name already exists, and altitude never replaces it".into(),
        NotFound => "its folder does not exist".into(),
        _ => e.to_string(),
    }
}

/// Whether a write may replace a file already at the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace it: the file is ours (an autosave we wrote).
    Ours,
    /// Never: if anything is there, even a dangling symlink, fail with
    /// `AlreadyExists` and leave it untouched.
    Never,
}

/// Creates `dir` and its parents, private to the user (0700 on Unix).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `bytes` to `path` inside the data dir, creating the dir if needed.
pub fn write_private(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), SaveError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    if super::read::is_link(dir) {
        return Err(SaveError {
            path: path.to_path_buf(),
            source: std::io::Error::other(format!(
                "{} is a symbolic link, and altitude writes only inside its data folder",
                dir.display()
            )),
        });
    }
    create_private_dir(dir).map_err(|source| SaveError {
        path: path.to_path_buf(),
        // "File exists" here means something that is not a folder stands
        // where the folder should be; say that, not "the file exists".
        source: if source.kind() == std::io::ErrorKind::AlreadyExists {
            std::io::Error::other(format!("{} is not a folder", dir.display()))
        } else {
            source
        },
    })?;
    write_atomic(path, bytes, replace)
}

/// Writes `bytes` to `path` atomically. The parent directory must exist: it
/// is never created (a typo in `-o` should fail, not make folders).
pub fn write_atomic(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".altitude-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    match replace {
        Replace::Ours => tmp.persist(path).map(drop).map_err(|e| fail(e.error))?,
        Replace::Never => tmp
            .persist_noclobber(path)
            .map(drop)
            .map_err(|e| fail(e.error))?,
    }
    sync_dir(dir).map_err(fail)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn never_replaces_a_file_or_a_dangling_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.md");
        std::fs::write(&file, "mine").unwrap();
        let e = write_atomic(&file, b"new", Replace::Never).unwrap_err();
        assert!(e.already_exists());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");

        let link = dir.path().join("link.md");
        let target = dir.path().join("elsewhere.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(write_atomic(&link, b"new", Replace::Never).is_err());
        assert!(!target.exists(), "the symlink was followed");
        // No temp file is left behind either way.
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "only the file and the link");
    }

    #[test]
    fn a_stale_temp_file_never_blocks_a_save_and_files_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(dir.path().join(".s.toml.1234.tmp"), "stale").unwrap();
        std::fs::write(dir.path().join(".altitude-.tmp"), "stale").unwrap();
        write_private(&path, b"one", Replace::Ours).unwrap();
        write_private(&path, b"two", Replace::Ours).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_file_where_the_folder_should_be_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("unfinished"), "x").unwrap();
        let e = write_private(&dir.path().join("unfinished/s.toml"), b"x", Replace::Ours)
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("unfinished is not a folder"), "{e}");
    }

    #[test]
    fn missing_parent_directories_are_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/report.md");
        let e = write_atomic(&path, b"x", Replace::Never).unwrap_err();
        assert!(e.to_string().contains("its folder does not exist"), "{e}");
        assert!(!dir.path().join("no").exists());
    }
}
