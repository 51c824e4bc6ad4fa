//! A session: one sitting with one question set, from profile to
//! commitments. It is what gets saved, resumed, listed and exported.

use super::answers::{Answer, AnswerSheet};
use super::assessment::assess;
use super::catalog::Library;
use super::profile::{Mode, Profile, ProfileDraft};
use super::record::{AsRecorded, Record};
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version this build writes. Files with a higher one are refused.
/// 2 added `record`, what a finished session showed.
pub const SCHEMA: u32 = 2;

/// How a commitment from last time went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckInStatus {
    Done,
    Partly,
    NotDone,
    Skipped,
}

impl CheckInStatus {
    pub fn label(self) -> &'static str {
        match self {
            CheckInStatus::Done => "done",
            CheckInStatus::Partly => "partly",
            CheckInStatus::NotDone => "not done",
            CheckInStatus::Skipped => "skipped",
        }
    }

    /// Follow-through credit: done 1, partly 0.5, not done 0; skipped is not counted.
    pub fn credit(self) -> Option<f64> {
        match self {
            CheckInStatus::Done => Some(1.0),
            CheckInStatus::Partly => Some(0.5),
            CheckInStatus::NotDone => Some(0.0),
            CheckInStatus::Skipped => None,
        }
    }
}

/// The answer to "how did this commitment go?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub practice: String,
    pub title: String,
    pub status: CheckInStatus,
    /// A short note on how it went, if the user wrote one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A commitment picked at the end of a session. Its owner is the manager;
/// it is due at the next check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub practice: String,
    pub title: String,
    /// When to check in on it (set when the session is saved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Timestamp>,
}

/// Days from a session to the check-in on its commitments.
pub const CHECK_IN_DAYS: u64 = 30;

/// A second rater's answers (coaching mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherRating {
    pub set: String,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// The second rater's current question (0-based), for resume.
    #[serde(default)]
    pub position: usize,
}

/// One session, finished or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub schema: u32,
    pub id: String,
    pub set: String,
    pub mode: Mode,
    pub started: Timestamp,
    pub finished: Option<Timestamp>,
    /// The question to show on resume (0-based).
    #[serde(default)]
    pub position: usize,
    pub profile: Option<Profile>,
    /// The profile while it is being filled in.
    #[serde(default, skip_serializing_if = "ProfileDraft::is_empty")]
    pub profile_draft: ProfileDraft,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
    #[serde(default)]
    pub checkins: Vec<CheckIn>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    pub other: Option<OtherRating>,
    /// What the session showed when it finished (schema 2 on; older
    /// sessions have none and are scored with today's set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Record>,
    /// What the calendar and repositories showed, when the user attached it:
    /// figures only, never titles, attendees or commit messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<super::evidence::Json>,
    /// Raters' answers attached from the results, as anonymous groups. A
    /// finished session's later attachment lives beside its file (the store
    /// merges it on load), as the finished file is never rewritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub others: Option<super::raters::Attached>,
}

impl Session {
    /// Rebuilds the session's result as it was shown when it finished.
    /// `None` if its question set is gone (the record alone still has the
    /// headline figures).
    pub fn as_recorded(&self, library: &Library) -> Option<AsRecorded> {
        let set = library.set(&self.set)?;
        let mut own = assess(library, set, &self.sheet());
        let mut other = self
            .other_sheet()
            .and_then(|sheet| library.set(&sheet.set).map(|s| assess(library, s, &sheet)));
        let set_unchanged = match &self.record {
            Some(record) => {
                if let Some(o) = other.as_mut() {
                    record.restore_other(o);
                }
                record.restore(&mut own)
            }
            None => true,
        };
        Some(AsRecorded {
            own,
            other,
            set_unchanged,
        })
    }

    pub fn new(set: &str, mode: Mode, now: Timestamp) -> Session {
        Session {
            schema: SCHEMA,
            id: format!("{}-{set}", now.compact()),
            set: set.to_string(),
            mode,
            started: now,
            finished: None,
            position: 0,
            profile: None,
            profile_draft: ProfileDraft::default(),
            answers: BTreeMap::new(),
            notes: BTreeMap::new(),
            checkins: Vec::new(),
            commitments: Vec::new(),
            other: None,
            record: None,
            evidence: None,
            others: None,
        }
    }

    /// What makes a session read from a file unusable, if anything: times
    /// past year 9999, or recorded scores outside 0 to 100.
    pub fn problem(&self) -> Option<String> {
        let times = [Some(self.started), self.finished]
            .into_iter()
            .flatten()
            .chain(self.commitments.iter().filter_map(|c| c.due));
        if let Some(t) = times.into_iter().find(|t| *t > Timestamp::MAX) {
            return Some(format!("the time {} is past the year 9999", t.0));
        }
        let record = self.record.as_ref()?;
        let scores = record
            .scores
            .values()
            .chain(record.other_scores.iter().flat_map(|o| o.values()));
        scores
            .filter_map(|s| s.score)
            .find(|v| *v > 100)
            .map(|v| format!("a recorded score of {v} is outside 0 to 100"))
    }

    /// The session's answers as a sheet for scoring.
    pub fn sheet(&self) -> AnswerSheet {
        AnswerSheet {
            set: self.set.clone(),
            mode: self.mode,
            profile: self.profile,
            answers: self.answers.clone(),
            rater: None,
        }
    }

    /// The second rater's answers as a sheet, if there are any.
    pub fn other_sheet(&self) -> Option<AnswerSheet> {
        self.other.as_ref().map(|o| AnswerSheet {
            set: o.set.clone(),
            mode: self.mode,
            profile: None,
            answers: o.answers.clone(),
            rater: None,
        })
    }
}

/// Follow-through over check-ins: the mean credit of the counted ones.
pub fn follow_through(checkins: &[CheckIn]) -> Option<f64> {
    let credits: Vec<f64> = checkins.iter().filter_map(|c| c.status.credit()).collect();
    (!credits.is_empty()).then(|| credits.iter().sum::<f64>() / credits.len() as f64)
}

/// What a history row needs, computed once per session (not per frame).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: String,
    pub date: String,
    pub set: String,
    pub mode: Mode,
    pub scores: [Option<u8>; 4],
    /// Which of the four dimensions the session's set measured.
    pub measured: [bool; 4],
    pub pattern: Option<String>,
    pub commitments: usize,
    pub checkins: Vec<CheckIn>,
}

impl Summary {
    /// The four scores as table cells, in dimension order: the number, "-"
    /// for too few answers, or nothing for a dimension the set did not
    /// measure (it is left out, not shown as missing).
    pub fn score_cells(&self) -> [String; 4] {
        std::array::from_fn(|i| match (self.measured[i], self.scores[i]) {
            (false, _) => String::new(),
            (true, Some(v)) => v.to_string(),
            (true, None) => "-".to_string(),
        })
    }
}

/// Summarises a finished session: from its record, or for sessions saved
/// before records existed, against today's library.
pub fn summarize(library: &super::catalog::Library, s: &Session) -> Summary {
    summarize_with(|| library, s)
}

/// `summarize`, asking for the library only for a session without a record.
pub fn summarize_with<'a>(
    library: impl FnOnce() -> &'a super::catalog::Library,
    s: &Session,
) -> Summary {
    let (scores, measured, pattern) = match &s.record {
        Some(r) => (
            super::Dimension::ALL.map(|d| r.value(d)),
            // A dimension with no items in the set was not measured.
            super::Dimension::ALL.map(|d| r.scores.get(&d).is_none_or(|s| s.items > 0)),
            r.pattern.as_ref().map(|p| p.title.clone()),
        ),
        None => {
            // Scores and pattern only: a history row needs no suggestions or flags.
            let library = library();
            let scores = library
                .set(&s.set)
                .map(|set| super::scoring::score(&set.asked_for(s.profile.as_ref()), &s.answers));
            let pattern = scores
                .as_ref()
                .and_then(|scores| super::pattern::verdict(scores, s.profile.as_ref()))
                .map(|p| library.pattern_text(p).title);
            (
                super::Dimension::ALL.map(|d| scores.as_ref().and_then(|sc| sc.value(d))),
                super::Dimension::ALL
                    .map(|d| library.set(&s.set).is_none_or(|set| set.measures(d))),
                pattern,
            )
        }
    };
    Summary {
        id: s.id.clone(),
        date: s.started.date(),
        set: s.set.clone(),
        mode: s.mode,
        scores,
        measured,
        pattern,
        commitments: s.commitments.len(),
        checkins: s.checkins.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attached_evidence_round_trips_and_old_files_have_none() {
        let mut s = Session::new("core", Mode::Solo, Timestamp(1_795_289_405));
        let text = toml::to_string(&s).unwrap_or_default();
        assert!(!text.contains("evidence"), "{text}");
        s.evidence = serde_json::from_str(
            r#"{"schema":1,"since":"2026-11-08","until":"2026-11-21","weeks":2.0,"git":null,
                "calendar":{"meeting_hours":41.5,"meeting_hours_per_week":20.75,"focus_blocks":3,
                "focus_blocks_per_week":1.5,"one_on_ones":9,"one_on_ones_moved":3,
                "out_of_hours_meeting_hours":2.0}}"#,
        )
        .ok();
        assert!(s.evidence.is_some());
        let text = toml::to_string(&s).unwrap_or_default();
        let back: Option<Session> = toml::from_str(&text).ok();
        assert_eq!(back, Some(s), "{text}");
    }
}
