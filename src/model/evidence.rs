//! What a session keeps of the evidence attached to it: the figures and only
//! the figures (reading git and calendars is `crate::evidence`'s job).

use serde::{Deserialize, Serialize};

/// The figures, and only the figures: also what a session stores when
/// evidence is attached to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Json {
    pub schema: u32,
    pub since: String,
    pub until: String,
    pub weeks: f64,
    pub git: Option<GitJson>,
    pub calendar: Option<CalendarJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GitJson {
    pub repos: usize,
    pub commits_mine: usize,
    pub commits_all: usize,
    /// `null` when the window holds no commits at all.
    pub share: Option<f64>,
    pub out_of_hours_mine: usize,
    pub sole_paths: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarJson {
    pub meeting_hours: f64,
    /// `null` when the window has no work days.
    pub meeting_hours_per_week: Option<f64>,
    pub focus_blocks: usize,
    pub focus_blocks_per_week: Option<f64>,
    pub one_on_ones: usize,
    pub one_on_ones_moved: usize,
    pub out_of_hours_meeting_hours: f64,
}
