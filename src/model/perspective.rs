//! Where a rater sees the manager from: the four perspectives of SPEC §10.

use serde::{Deserialize, Serialize};

/// Where a rater sees the manager from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Perspective {
    Coach,
    Manager,
    Peer,
    Report,
}

impl Perspective {
    pub const ALL: [Perspective; 4] = [
        Perspective::Coach,
        Perspective::Manager,
        Perspective::Peer,
        Perspective::Report,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Perspective::Coach => "coach",
            Perspective::Manager => "manager",
            Perspective::Peer => "peer",
            Perspective::Report => "report",
        }
    }

    pub fn parse(s: &str) -> Option<Perspective> {
        Perspective::ALL.into_iter().find(|p| p.id() == s)
    }

    /// The group's name in a sentence, said to the manager: "your reports".
    pub fn group(self) -> &'static str {
        match self {
            Perspective::Coach => "your coach",
            Perspective::Manager => "your manager",
            Perspective::Peer => "your peers",
            Perspective::Report => "your reports",
        }
    }

    /// Whether the group is one person (and takes a singular verb).
    pub fn is_one(self) -> bool {
        matches!(self, Perspective::Coach | Perspective::Manager)
    }

    /// The smallest group that may be shown: one for a coach or the manager's
    /// own manager (they are known by name anyway), three for peers and
    /// reports.
    pub fn floor(self) -> usize {
        match self {
            Perspective::Coach | Perspective::Manager => 1,
            Perspective::Peer | Perspective::Report => 3,
        }
    }

    /// The set a rater of this perspective answers.
    pub fn default_set(self) -> &'static str {
        match self {
            Perspective::Coach => "coach",
            _ => "perception",
        }
    }
}
