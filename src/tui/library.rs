//! The library, loaded when first used: the home screen needs no question
//! set, so its first frame does not wait for the embedded TOML to be parsed.
//! The run loop loads it right after that frame, before reading a key.

use crate::model::catalog::Library;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A library that is loaded, or will be on first use. (A second thread
/// was tried: on a 2-core machine it slowed the first frame down.)
pub struct SharedLibrary {
    ready: OnceLock<Library>,
    /// Where the user's own sets are, for the load.
    config_dir: PathBuf,
}

impl SharedLibrary {
    /// The built-in sets and the user's sets from `config_dir`, loaded on
    /// first use.
    pub fn deferred(config_dir: &Path) -> SharedLibrary {
        SharedLibrary {
            ready: OnceLock::new(),
            config_dir: config_dir.to_path_buf(),
        }
    }

    fn get(&self) -> &Library {
        self.ready.get_or_init(|| load(&self.config_dir))
    }
}

/// The built-in library plus the user's sets; a broken built-in file (a bug
/// the test suite guards against) leaves an empty library and its problem.
fn load(config_dir: &Path) -> Library {
    match Library::builtin() {
        Ok(mut library) => {
            crate::store::sets::load_user_sets(&mut library, config_dir);
            library
        }
        Err(problem) => Library::empty(problem),
    }
}

impl From<Library> for SharedLibrary {
    fn from(library: Library) -> SharedLibrary {
        SharedLibrary {
            ready: OnceLock::from(library),
            config_dir: PathBuf::new(),
        }
    }
}

impl Deref for SharedLibrary {
    type Target = Library;

    fn deref(&self) -> &Library {
        self.get()
    }
}

impl Clone for SharedLibrary {
    fn clone(&self) -> SharedLibrary {
        SharedLibrary::from(self.get().clone())
    }
}

impl std::fmt::Debug for SharedLibrary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ready.get() {
            Some(library) => library.fmt(f),
            None => f.write_str("SharedLibrary(loading)"),
        }
    }
}
