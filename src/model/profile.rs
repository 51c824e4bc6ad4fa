//! The profile asked before the questions, and the session modes.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Company stage, which decides whether a hybrid role can still work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Early,
    Growth,
    Scale,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Early, Stage::Growth, Stage::Scale];

    pub fn id(self) -> &'static str {
        match self {
            Stage::Early => "early",
            Stage::Growth => "growth",
            Stage::Scale => "scale",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.id() == s)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

// What the profile says about the manager's hands-on work and team size,
// by the thresholds the pattern, flags and suggestions share.

/// A coding share below this, off the critical path, is light enough for a
/// manager with both risks low to count as a multiplier: the team's work does
/// not depend on their commits.
pub const LIGHT_CODING_SHARE: u8 = 10;
/// A coding share at or above this counts as substantial hands-on work.
pub const LARGE_CODING_SHARE: u8 = 30;
/// The largest team the essays say a manager can still code alongside.
pub const SMALL_TEAM: u16 = 5;
/// Past this many reports, the Myth essay says management needs full attention.
pub const LARGE_TEAM: u16 = 10;
/// A coding share at or above this, with 6 to 10 reports, raises `split-focus`.
pub const SPLIT_FOCUS_SHARE: u8 = 20;

/// Facts about the manager's situation, saved with the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Number of direct reports, 0..=500.
    pub reports: u16,
    /// Percent of working time spent writing production code, 0..=100.
    pub coding_share: u8,
    /// Whether the team's commitments depend on implementation work they own.
    pub critical_path: bool,
    pub stage: Stage,
}

impl Profile {
    pub const MAX_REPORTS: u16 = 500;

    /// Whether the manager does hands-on implementation work at a level the
    /// essays warn about: a large share of the week, or critical-path work.
    pub fn is_hands_on(&self) -> bool {
        self.coding_share >= LARGE_CODING_SHARE || self.critical_path
    }
}

/// How a session is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Solo,
    Coaching,
    Onboarding,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Solo, Mode::Coaching, Mode::Onboarding];

    pub fn id(self) -> &'static str {
        match self {
            Mode::Solo => "solo",
            Mode::Coaching => "coaching",
            Mode::Onboarding => "onboarding",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.id() == s)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// A profile being filled in, one field at a time. Saved with an unfinished
/// session so a resume keeps what was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProfileDraft {
    pub reports: Option<u16>,
    pub coding_share: Option<u8>,
    pub critical_path: Option<bool>,
    pub stage: Option<Stage>,
}

impl ProfileDraft {
    pub fn is_empty(&self) -> bool {
        *self == ProfileDraft::default()
    }

    /// The complete profile, once every field is set.
    pub fn complete(&self) -> Option<Profile> {
        Some(Profile {
            reports: self.reports?,
            coding_share: self.coding_share?,
            critical_path: self.critical_path?,
            stage: self.stage?,
        })
    }
}

impl From<Profile> for ProfileDraft {
    fn from(p: Profile) -> Self {
        ProfileDraft {
            reports: Some(p.reports),
            coding_share: Some(p.coding_share),
            critical_path: Some(p.critical_path),
            stage: Some(p.stage),
        }
    }
}
