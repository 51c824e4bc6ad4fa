//! Everything altitude keeps on disk: where it lives (`paths`), the config
//! (`config`), reading hostile files safely (`read`), atomic private writes
//! (`atomic`), the user's question sets (`sets`) and the sessions
//! themselves (`sessions`).

pub mod atomic;
pub mod config;
pub mod paths;
pub mod ratings;
pub mod read;
pub mod sessions;
pub mod sets;

pub use atomic::{Replace, SaveError, create_private_dir, plain_io};
pub use config::{Config, ThemeName};
pub use paths::{NoHomeDir, Paths};
