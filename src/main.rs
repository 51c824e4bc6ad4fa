use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // color-eyre's hooks go in first, so ratatui's panic hook (installed when the
    // app starts) restores the terminal before the report is printed.
    if let Err(e) = color_eyre::install() {
        let _ = writeln!(altitude::output::stderr(), "altitude: {e}");
    }
    // clap's own messages quote the arguments, which can be hostile file
    // names: they go through the output edge like everything else.
    let cli = match altitude::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            let _ = if e.use_stderr() {
                write!(altitude::output::stderr(), "{text}")
            } else {
                write!(altitude::output::stdout(), "{text}")
            };
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    match altitude::run(cli) {
        Ok(code) => code,
        // `altitude sets | head`: the reader left; that is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The terminal may be gone (a closed window): never panic on printing.
            let _ = writeln!(altitude::output::stderr(), "altitude: {e}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &color_eyre::Report) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
