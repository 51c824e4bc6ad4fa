//! Each evidence figure beside the answer it speaks to, for the results of a
//! session. A large difference becomes a talking point, never a correction:
//! the answers stay as given.

use super::report::Json;
use crate::model::answers::Answer;
use crate::model::question_set::QuestionSet;
use crate::model::session::Session;

/// The items evidence speaks to.
pub const FOCUS_ITEM: &str = "focus-blocks";
pub const AFTER_HOURS_ITEM: &str = "after-hours";
pub const ONE_ON_ONES_ITEM: &str = "one-on-ones-moved";

/// Percentage points between the coding share answered and the commit share
/// measured that make a talking point.
pub const SHARE_GAP: f64 = 25.0;

/// One answer and the measure beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Beside {
    pub topic: &'static str,
    pub answered: String,
    pub measured: String,
    /// A question to talk about when the two differ a lot.
    pub talk: Option<String>,
}

/// The raw answer to `item`, if it was answered with a value.
fn value(session: &Session, item: &str) -> Option<u8> {
    match session.answers.get(item) {
        Some(Answer::Value(v)) => Some(*v),
        _ => None,
    }
}

fn answered(set: &QuestionSet, session: &Session, item: &str) -> String {
    match value(session, item) {
        Some(v) => set
            .item(item)
            .and_then(|i| i.label(v))
            .map_or_else(|| v.to_string(), |l| format!("\"{l}\"")),
        None if set.item(item).is_some() => "(not answered)".into(),
        None => "(not asked in this set)".into(),
    }
}

fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

/// The comparisons for a session with evidence attached.
pub fn beside(set: &QuestionSet, session: &Session, e: &Json) -> Vec<Beside> {
    let mut out = Vec::new();
    if let Some(g) = &e.git {
        let said = session.profile.as_ref().map(|p| p.coding_share);
        let measured = match g.share {
            Some(s) => format!(
                "{}% of the commits are yours ({} of {})",
                num(s * 100.0),
                g.commits_mine,
                g.commits_all
            ),
            None => "no commits in the window".into(),
        };
        let talk = match (said, g.share) {
            (Some(a), Some(s)) if (f64::from(a) - s * 100.0).abs() >= SHARE_GAP => Some(format!(
                "You said {a}% of your week goes to code, and {}% of the commits are yours: which is nearer the week you had?",
                num(s * 100.0)
            )),
            _ => None,
        };
        out.push(Beside {
            topic: "Coding share",
            answered: said.map_or("no profile".into(), |a| format!("{a}% of your week")),
            measured,
            talk,
        });
    }
    if let Some(c) = &e.calendar {
        let per_week = c.focus_blocks_per_week.unwrap_or(0.0);
        // The focus question asks about the last two weeks, as attached
        // evidence covers; each block is at least two hours.
        let talk = match value(session, FOCUS_ITEM) {
            Some(1 | 2) if c.focus_blocks >= 4 => Some(format!(
                "You reported under 4 hours of focus, and your calendar left {} free blocks of 2 hours or more: what filled them?",
                c.focus_blocks
            )),
            Some(4 | 5) if c.focus_blocks < 2 => Some(
                "You reported 10 hours of focus or more, and your calendar left almost no 2-hour room: where did it come from?"
                    .into(),
            ),
            _ => None,
        };
        out.push(Beside {
            topic: "Focus",
            answered: answered(set, session, FOCUS_ITEM),
            measured: format!(
                "{} free blocks of 2 h or more ({} a week)",
                c.focus_blocks,
                num(per_week)
            ),
            talk,
        });
    }
    let late_commits = e
        .git
        .as_ref()
        .map(|g| (g.out_of_hours_mine, g.commits_mine));
    let late_meetings = e.calendar.as_ref().map(|c| c.out_of_hours_meeting_hours);
    if late_commits.is_some() || late_meetings.is_some() {
        let mut parts = Vec::new();
        if let Some((late, mine)) = late_commits {
            parts.push(format!("{late} of your {mine} commits"));
        }
        if let Some(h) = late_meetings {
            parts.push(format!("{} meeting hours", num(h)));
        }
        let any =
            late_commits.is_some_and(|(l, _)| l >= 3) || late_meetings.is_some_and(|h| h >= 2.0);
        let none =
            late_commits.is_none_or(|(l, _)| l == 0) && late_meetings.is_none_or(|h| h == 0.0);
        let talk = match value(session, AFTER_HOURS_ITEM) {
            Some(1 | 2) if any => Some(
                "The record shows more evening and weekend work than you reported: was it chosen?"
                    .into(),
            ),
            Some(4 | 5) if none => Some(
                "You reported working evenings or weekends, and none of it shows here: what work is it?"
                    .into(),
            ),
            _ => None,
        };
        out.push(Beside {
            topic: "After hours",
            answered: answered(set, session, AFTER_HOURS_ITEM),
            measured: format!("{} out of hours", parts.join(" and ")),
            talk,
        });
    }
    if let Some(c) = &e.calendar {
        let due = c.one_on_ones + c.one_on_ones_moved;
        let talk = match value(session, ONE_ON_ONES_ITEM) {
            Some(1 | 2) if c.one_on_ones_moved >= 2 => Some(format!(
                "{} one-on-ones moved or were cancelled: which of them gave way to other work?",
                c.one_on_ones_moved
            )),
            Some(4 | 5) if c.one_on_ones_moved == 0 && c.one_on_ones > 0 => Some(
                "You reported moving 1:1s often, and none moved in these weeks: what changed?"
                    .into(),
            ),
            _ => None,
        };
        out.push(Beside {
            topic: "1:1s moved",
            answered: answered(set, session, ONE_ON_ONES_ITEM),
            measured: format!(
                "{} of {due} one-on-ones moved or cancelled",
                c.one_on_ones_moved
            ),
            talk,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::report::{CalendarJson, GitJson};
    use crate::model::catalog::Library;
    use crate::model::time::Timestamp;
    use crate::model::{Mode, Profile, Stage};

    fn evidence(share: f64, late: usize, blocks_per_week: f64, moved: usize) -> Json {
        Json {
            schema: 1,
            since: "2026-11-09".into(),
            until: "2026-11-22".into(),
            weeks: 2.0,
            git: Some(GitJson {
                repos: 1,
                commits_mine: 10,
                commits_all: 20,
                share: Some(share),
                out_of_hours_mine: late,
                sole_paths: vec![],
            }),
            calendar: Some(CalendarJson {
                meeting_hours: 30.0,
                meeting_hours_per_week: Some(15.0),
                focus_blocks: (blocks_per_week * 2.0) as usize,
                focus_blocks_per_week: Some(blocks_per_week),
                one_on_ones: 8,
                one_on_ones_moved: moved,
                out_of_hours_meeting_hours: 0.0,
            }),
        }
    }

    fn session(coding_share: u8, answers: &[(&str, u8)]) -> Session {
        let mut s = Session::new("core", Mode::Solo, Timestamp(0));
        s.profile = Some(Profile {
            reports: 6,
            coding_share,
            critical_path: false,
            stage: Stage::Growth,
        });
        for (id, v) in answers {
            s.answers.insert((*id).into(), Answer::Value(*v));
        }
        s
    }

    fn talks(s: &Session, e: &Json) -> Vec<&'static str> {
        let lib = Library::builtin().expect("built-in sets");
        let set = lib.set("core").expect("core set");
        beside(set, s, e)
            .into_iter()
            .filter(|b| b.talk.is_some())
            .map(|b| b.topic)
            .collect()
    }

    #[test]
    fn small_differences_are_not_talking_points() {
        // 30% answered vs 50% of commits: 20 points, under the 25 gap.
        // "4 to 10 hours" of focus with 3 free 2-hour blocks; "Sometimes" late
        // with 1 late commit; "Sometimes" moving 1:1s with 1 moved.
        let s = session(
            30,
            &[
                (FOCUS_ITEM, 3),
                (AFTER_HOURS_ITEM, 3),
                (ONE_ON_ONES_ITEM, 3),
            ],
        );
        assert!(talks(&s, &evidence(0.5, 1, 1.5, 1)).is_empty());
    }

    #[test]
    fn large_differences_become_talking_points_and_answers_stay() {
        // 10% answered vs 50% of commits; focus "None" with 6 free 2-hour
        // blocks; "Never" late with 4 late commits; "Rarely" moving 1:1s with 3.
        let s = session(
            10,
            &[
                (FOCUS_ITEM, 1),
                (AFTER_HOURS_ITEM, 1),
                (ONE_ON_ONES_ITEM, 2),
            ],
        );
        let e = evidence(0.5, 4, 3.0, 3);
        assert_eq!(
            talks(&s, &e),
            ["Coding share", "Focus", "After hours", "1:1s moved"]
        );
        let lib = Library::builtin().expect("built-in sets");
        let rows = beside(lib.set("core").expect("core"), &s, &e);
        assert_eq!(rows[0].answered, "10% of your week");
        assert_eq!(rows[0].measured, "50% of the commits are yours (10 of 20)");
        assert_eq!(rows[1].answered, "\"None\"");
        assert_eq!(rows[3].measured, "3 of 11 one-on-ones moved or cancelled");
        // The other direction: over 20 hours of focus with one free block,
        // and evenings and 1:1 moves "Always", none in the record.
        let s = session(
            50,
            &[
                (FOCUS_ITEM, 5),
                (AFTER_HOURS_ITEM, 5),
                (ONE_ON_ONES_ITEM, 5),
            ],
        );
        assert_eq!(
            talks(&s, &evidence(0.5, 0, 0.5, 0)),
            ["Focus", "After hours", "1:1s moved"]
        );
    }
}
