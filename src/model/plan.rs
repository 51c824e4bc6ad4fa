//! The onboarding result: a first-90-days plan for staying technical, built
//! from the ranked suggestions and the framing in `assets/onboarding.toml`.

use super::practices::Suggestion;
use serde::{Deserialize, Serialize};

/// The words around the plan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanText {
    pub intro: String,
    pub weeks: Vec<String>,
    pub watch_for: Vec<String>,
    pub tripwires: Vec<String>,
}

/// One week of the first month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanWeek {
    pub week: usize,
    pub theme: String,
    pub practice: Suggestion,
}

/// A first-90-days plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub intro: String,
    pub weeks: Vec<PlanWeek>,
    pub watch_for: Vec<String>,
    pub tripwires: Vec<String>,
}

/// Builds the plan: up to one practice per week of the first month (at least
/// three when there are enough suggestions), never implementation work, and
/// the lightest first so week 1 is easy to start.
pub fn first_90_days(text: &PlanText, suggestions: &[Suggestion]) -> Plan {
    let mut chosen: Vec<Suggestion> = suggestions
        .iter()
        .filter(|s| !s.implementation)
        .take(text.weeks.len().min(4))
        .cloned()
        .collect();
    chosen.sort_by_key(|s| s.minutes_per_week);
    Plan {
        intro: text.intro.clone(),
        weeks: chosen
            .into_iter()
            .enumerate()
            .map(|(i, practice)| PlanWeek {
                week: i + 1,
                theme: text.weeks.get(i).cloned().unwrap_or_default(),
                practice,
            })
            .collect(),
        watch_for: text.watch_for.clone(),
        tripwires: text.tripwires.clone(),
    }
}
