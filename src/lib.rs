//! altitude: a terminal self-assessment coach for engineering managers who are
//! deciding how hands-on to be.

pub mod cli;
pub mod commands;
pub mod evidence;
pub mod model;
pub mod output;
pub mod report;
pub use store::sessions;
pub mod store;
pub mod tui;

use std::process::ExitCode;

/// Runs one invocation of the program.
pub fn run(cli: cli::Cli) -> color_eyre::Result<ExitCode> {
    commands::dispatch(cli)
}
