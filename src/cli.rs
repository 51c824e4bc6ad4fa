//! The command line, and nothing else.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "altitude",
    version,
    about = "A self-assessment coach for engineering managers deciding how hands-on to be",
    long_about = "altitude walks you through questions from both sides of the \"should managers code?\" debate, \
scores empathy, credibility, burnout risk and ownership risk, names the pattern you are in, and suggests \
ways to stay technical without taking on implementation work. Run it with no command to open the app."
)]
pub struct Cli {
    /// Where sessions are stored [env: ALTITUDE_DATA_DIR]
    #[arg(
        long,
        global = true,
        env = "ALTITUDE_DATA_DIR",
        value_name = "DIR",
        hide_env = true
    )]
    pub data_dir: Option<PathBuf>,

    /// Where config.toml and your own question sets live [env: ALTITUDE_CONFIG_DIR]
    #[arg(
        long,
        global = true,
        env = "ALTITUDE_CONFIG_DIR",
        value_name = "DIR",
        hide_env = true
    )]
    pub config_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app straight into a new session
    Start {
        /// Question set id (see `altitude sets`)
        #[arg(long = "set", value_name = "ID")]
        set: Option<String>,
        /// How the session is run
        #[arg(long, value_enum)]
        mode: Option<ModeArg>,
        /// Plain lines for screen readers and braille displays: no full-screen
        /// drawing; reads answers line by line, so stdin may be a pipe. Also
        /// on with TERM=dumb or `accessible = true` in config.toml
        #[arg(long)]
        accessible: bool,
    },
    /// List the available question sets
    Sets {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Check question-set files and print each problem as FILE:LINE:COL: message
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Score an answers file without the app
    Score {
        /// Answers file (TOML)
        #[arg(long, value_name = "FILE")]
        answers: PathBuf,
        /// A second rater's answers (the `coach` or `perception` set)
        #[arg(long, value_name = "FILE")]
        other: Option<PathBuf>,
        /// Raters' answers files or filled-in forms, or folders of them
        /// (*.toml, *.txt); each says who rated (coach, manager, peer, report)
        #[arg(long, value_name = "PATH", num_args = 1..)]
        others: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Write a calendar event (.ics) for the check-in on a session's commitments
    Remind {
        /// A session id from `altitude history`, or `latest`
        #[arg(default_value = "latest", value_name = "ID")]
        id: String,
        /// Write to this new file (default: a new file in the data dir's exports/)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write a plain-text rating form for a coach, peer, report or manager
    Form {
        /// The set to rate on (default: `coach` for a coach, else `perception`)
        #[arg(long = "set", value_name = "ID")]
        set: Option<String>,
        /// Who will fill it in
        #[arg(long = "as", value_enum, value_name = "PERSPECTIVE")]
        rater: PerspectiveArg,
        /// Write to this new file instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Rate a manager as their coach, manager, peer or report: the questions
    /// only, ending in an answers file to send back
    #[command(
        long_about = "Rate a manager as their coach, manager, peer or report: the question screens \
only, with no scores or results, ending in an answers file to send back to whoever asked you. The file \
is new, in the current folder, named rating-PERSPECTIVE-TOKEN.toml with a random token: nothing in its \
name or content says who you are. Nothing is stored anywhere else."
    )]
    Rate {
        /// The set to rate on (default: `coach` for a coach, else `perception`)
        #[arg(long = "set", value_name = "ID")]
        set: Option<String>,
        /// Who is rating
        #[arg(long = "as", value_enum, value_name = "PERSPECTIVE")]
        rater: PerspectiveArg,
        /// Write to this new file instead of a new name in the current folder
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Plain lines for screen readers and braille displays, as for `start`
        #[arg(long)]
        accessible: bool,
    },
    /// List the saved sessions
    History {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write one session's report
    Export {
        /// A session id from `altitude history`, or `latest`
        #[arg(default_value = "latest", value_name = "ID")]
        id: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Write to this new file instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// What your calendar and repositories show about a window of days (figures only)
    #[command(
        long_about = "What your calendar and repositories show about a window of days, computed \
locally: meeting hours, focus blocks of 2 hours or more, one-on-ones and how many moved, your share \
of commits, commits out of hours, and the top-level directories only you touch. Only figures are \
printed; no titles, attendees or commit messages."
    )]
    Evidence {
        /// A git repository to read (repeat for several)
        #[arg(long = "repo", value_name = "DIR")]
        repos: Vec<PathBuf>,
        /// Your email address in commits and invitations (repeat for several;
        /// default: each repository's user.email)
        #[arg(long = "me", value_name = "EMAIL")]
        me: Vec<String>,
        /// A calendar export in iCalendar format (repeat for several)
        #[arg(long = "calendar", value_name = "FILE.ics")]
        calendars: Vec<PathBuf>,
        /// First day, included (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: String,
        /// Last day, included (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        until: String,
        /// Work hours, like 09-17 or 08:30-17:30 [default: 09-17]
        #[arg(long, value_name = "START-END")]
        work_hours: Option<String>,
        /// Work days, like mon-fri, sun-thu or mon,tue,thu [default: mon-fri]
        #[arg(long, value_name = "DAYS")]
        work_days: Option<String>,
        /// Time zone for days and work hours, an IANA name [default: the local one]
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    Solo,
    Coaching,
    Onboarding,
}

impl From<ModeArg> for crate::model::Mode {
    fn from(m: ModeArg) -> Self {
        match m {
            ModeArg::Solo => crate::model::Mode::Solo,
            ModeArg::Coaching => crate::model::Mode::Coaching,
            ModeArg::Onboarding => crate::model::Mode::Onboarding,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PerspectiveArg {
    Coach,
    Manager,
    Peer,
    Report,
}

impl From<PerspectiveArg> for crate::model::perspective::Perspective {
    fn from(p: PerspectiveArg) -> Self {
        use crate::model::perspective::Perspective;
        match p {
            PerspectiveArg::Coach => Perspective::Coach,
            PerspectiveArg::Manager => Perspective::Manager,
            PerspectiveArg::Peer => Perspective::Peer,
            PerspectiveArg::Report => Perspective::Report,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}
