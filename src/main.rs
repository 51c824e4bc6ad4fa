use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("altitude: {e}");
    }
    match altitude::run(altitude::cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("altitude: {e}");
            ExitCode::from(1)
        }
    }
}
