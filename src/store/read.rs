//! Reading files that may be hostile: only regular files, never more than a
//! fixed number of bytes, and never a read that can block (a FIFO, a device).

use crate::model::location::{Position, Problem};
use std::io::Read;
use std::path::Path;

/// The most any file altitude reads may hold: 1 MiB.
pub use crate::model::question_set::MAX_FILE_BYTES;

/// Reads a text file of at most `MAX_FILE_BYTES`, refusing anything that is
/// not a regular file (checked on the opened file, so a swap between check
/// and read cannot slip a FIFO or `/dev/zero` in) and text that is not UTF-8.
pub fn read_limited(path: &Path) -> Result<String, Problem> {
    read_bounded(path, false)
}

/// As `read_limited`, for files in altitude's own data folder: a symbolic
/// link is refused, so no file there can make altitude read elsewhere.
pub fn read_own(path: &Path) -> Result<String, Problem> {
    read_bounded(path, true)
}

fn read_bounded(path: &Path, no_links: bool) -> Result<String, Problem> {
    let fail = |message: String| Problem::new(path, Position::START, message);
    let file = open_nonblocking(path, no_links).map_err(|e| {
        if no_links && path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            fail("a symbolic link; altitude reads only plain files in its data folder, so it is skipped".into())
        } else {
            fail(format!("cannot read: {e}"))
        }
    })?;
    let meta = file
        .metadata()
        .map_err(|e| fail(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(fail(format!(
            "not a regular file ({}); skipped",
            describe_type(&meta.file_type())
        )));
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(fail(too_big(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read: {e}")))?;
    if bytes.len() > MAX_FILE_BYTES {
        // The file grew while it was read.
        return Err(fail(too_big(bytes.len() as u64)));
    }
    String::from_utf8(bytes).map_err(|e| {
        let pos = Position::at(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        Problem::new(path, pos, "file is not valid UTF-8 text")
    })
}

fn too_big(len: u64) -> String {
    format!("file is {len} bytes; the limit is {MAX_FILE_BYTES} bytes (1 MiB)")
}

/// Opens for reading without blocking: opening a FIFO with no writer would
/// otherwise hang, and a terminal device must not become our controlling tty.
fn open_nonblocking(path: &Path, no_links: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NONBLOCK | libc::O_NOCTTY | if no_links { libc::O_NOFOLLOW } else { 0 },
    );
    options.open(path)
}

/// Whether `dir` is a symbolic link (one of altitude's own folders must not
/// be: it would lead reads and writes outside the data folder).
pub fn is_link(dir: &Path) -> bool {
    dir.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// What kind of non-regular file this is, in words.
fn describe_type(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// The regular-looking `*.toml` files in `dir`, sorted, skipping dot files
/// (temp files of an interrupted write). A missing dir gives none.
pub fn toml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    files_in(dir, &["toml"]).unwrap_or_default()
}

/// The files in `dir` whose extension is one of `extensions`, sorted,
/// skipping dot files.
pub fn files_in(dir: &Path, extensions: &[&str]) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| extensions.iter().any(|e| x == *e))
        })
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    Ok(paths)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_at_once_rather_than_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.toml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let problem = read_limited(&fifo).unwrap_err().to_string();
        assert!(problem.contains("not a regular file (a FIFO)"), "{problem}");
    }

    #[test]
    fn a_symlink_to_a_device_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("set.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let problem = read_limited(&link).unwrap_err().to_string();
        assert!(
            problem.contains("not a regular file (a device)"),
            "{problem}"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_FILE_BYTES + 1]).unwrap();
        let problem = read_limited(&big).unwrap_err().to_string();
        assert!(problem.contains("the limit is 1048576 bytes"), "{problem}");
    }
}
