use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // color-eyre's hooks go in first, so ratatui's panic hook (installed when the
    // app starts) restores the terminal before the report is printed.
    if let Err(e) = color_eyre::install() {
        let _ = writeln!(std::io::stderr(), "altitude: {e}");
    }
    match altitude::run(altitude::cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            // The terminal may be gone (a closed window): never panic on printing.
            let _ = writeln!(std::io::stderr(), "altitude: {e}");
            ExitCode::from(1)
        }
    }
}
