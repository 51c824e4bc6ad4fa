//! The four dimensions that are the spine of the product, and the two sides
//! of the "should managers code?" debate they come from.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A scored dimension. High always means "more of it": for `Burnout` and
/// `Ownership` that is more risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Empathy,
    Credibility,
    Burnout,
    Ownership,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Empathy,
        Dimension::Credibility,
        Dimension::Burnout,
        Dimension::Ownership,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Dimension::Empathy => "empathy",
            Dimension::Credibility => "credibility",
            Dimension::Burnout => "burnout",
            Dimension::Ownership => "ownership",
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.id() == s)
    }

    /// The side of the debate whose argument this dimension carries.
    pub fn side(self) -> Side {
        match self {
            Dimension::Empathy | Dimension::Credibility => Side::ProCoding,
            Dimension::Burnout | Dimension::Ownership => Side::AgainstCoding,
        }
    }

    /// Whether a high score is a risk rather than a strength.
    pub fn is_risk(self) -> bool {
        self.side() == Side::AgainstCoding
    }

    pub fn title(self) -> &'static str {
        match self {
            Dimension::Empathy => "Empathy",
            Dimension::Credibility => "Credibility",
            Dimension::Burnout => "Burnout risk",
            Dimension::Ownership => "Ownership risk",
        }
    }

    /// One line saying what a high score means.
    pub fn meaning(self) -> &'static str {
        match self {
            Dimension::Empathy => {
                "you know the team's daily reality: tools, build times, debt, friction"
            }
            Dimension::Credibility => {
                "you can judge designs and trade-offs and are trusted technically"
            }
            Dimension::Burnout => "load, context switching and management work slipping",
            Dimension::Ownership => "decisions and critical-path work drifting to you",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// A side of the debate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    ProCoding,
    AgainstCoding,
}

impl Side {
    pub fn id(self) -> &'static str {
        match self {
            Side::ProCoding => "pro-coding",
            Side::AgainstCoding => "against-coding",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        [Side::ProCoding, Side::AgainstCoding]
            .into_iter()
            .find(|side| side.id() == s)
    }

    /// The heading over the dimensions on this side. It names what they
    /// measure, not a camp: the essays against coding value closeness too,
    /// and most of the load items name no cause.
    pub fn title(self) -> &'static str {
        match self {
            Side::ProCoding => "Closeness to the technical work",
            Side::AgainstCoding => "Load and drift: what the role is costing",
        }
    }

    /// The same, as one word or two for a table column.
    pub fn group(self) -> &'static str {
        match self {
            Side::ProCoding => "closeness",
            Side::AgainstCoding => "load and drift",
        }
    }
}
