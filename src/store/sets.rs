//! Reading question sets from disk: the model parses text, this reads the
//! files (regular files only, size-capped) and hands their text over.

use super::read::{read_limited, toml_files};
use crate::model::QuestionSet;
use crate::model::catalog::Library;
use crate::model::location::Problem;
use std::path::Path;

/// Reads and validates one set file the way `altitude validate` does.
pub fn check_file(library: &Library, path: &Path) -> Result<QuestionSet, Vec<Problem>> {
    let source = read_limited(path).map_err(|p| vec![p])?;
    library.parse_user_set(path, &source)
}

/// Adds the sets in `<config dir>/questions/*.toml`. A broken file, or one
/// whose id clashes with a set already loaded, becomes a warning.
pub fn load_user_sets(library: &mut Library, config_dir: &Path) {
    for path in toml_files(&config_dir.join("questions")) {
        let parsed = check_file(library, &path);
        library.add_user_set(&path, parsed);
    }
}
