//! When an item or a practice applies: a small closed vocabulary over the
//! profile, so a manager who writes no code is never asked about their code.

use super::profile::Profile;
use serde::Deserialize;

/// A condition on the profile, written `when = "codes"` in a set or the
/// practice catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// Writes some production code, or owns critical-path work.
    Codes,
    /// Writes no production code and owns no critical-path work.
    NoCode,
    /// Owns implementation work the team's commitments depend on.
    CriticalPath,
    /// Has at least one direct report.
    HasReports,
}

impl Condition {
    pub const ALL: [Condition; 4] = [
        Condition::Codes,
        Condition::NoCode,
        Condition::CriticalPath,
        Condition::HasReports,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Condition::Codes => "codes",
            Condition::NoCode => "no-code",
            Condition::CriticalPath => "critical-path",
            Condition::HasReports => "has-reports",
        }
    }

    pub fn parse(s: &str) -> Option<Condition> {
        Condition::ALL.into_iter().find(|c| c.id() == s)
    }

    /// The accepted values, for an error message.
    pub fn vocabulary() -> String {
        Condition::ALL.map(|c| format!("\"{}\"", c.id())).join(", ")
    }

    pub fn holds(self, p: &Profile) -> bool {
        let codes = p.coding_share > 0 || p.critical_path;
        match self {
            Condition::Codes => codes,
            Condition::NoCode => !codes,
            Condition::CriticalPath => p.critical_path,
            Condition::HasReports => p.reports > 0,
        }
    }

    /// Why an item under this condition was not asked, when it does not hold.
    pub fn not_asked_reason(self) -> &'static str {
        match self {
            Condition::Codes => "you write no production code",
            Condition::NoCode => "it is for managers who write no production code",
            Condition::CriticalPath => "you own no critical-path work",
            Condition::HasReports => "you have no direct reports",
        }
    }
}

/// Whether something under `when` applies to this profile. Without a profile
/// (a second rater's set) everything applies.
pub fn applies(when: Option<Condition>, profile: Option<&Profile>) -> bool {
    match (when, profile) {
        (Some(c), Some(p)) => c.holds(p),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    fn profile(reports: u16, coding_share: u8, critical_path: bool) -> Profile {
        Profile {
            reports,
            coding_share,
            critical_path,
            stage: Stage::Growth,
        }
    }

    #[test]
    fn codes_means_any_coding_or_critical_path_work() {
        assert!(!Condition::Codes.holds(&profile(6, 0, false)));
        assert!(Condition::Codes.holds(&profile(6, 5, false)));
        assert!(Condition::Codes.holds(&profile(6, 0, true)));
        assert!(Condition::NoCode.holds(&profile(6, 0, false)));
        assert!(!Condition::NoCode.holds(&profile(6, 0, true)));
        assert!(!Condition::HasReports.holds(&profile(0, 0, false)));
        assert!(applies(Some(Condition::Codes), None));
    }
}
