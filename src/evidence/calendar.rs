//! Calendar figures from plain occurrences (SPEC §11): meeting hours inside
//! and outside work hours, focus blocks, one-on-ones and moved one-on-ones.

use super::interval::{self, Span};
use super::window::Window;

/// A free stretch this long or longer inside work hours is a focus block.
pub const FOCUS_BLOCK_SECS: i64 = 2 * 3600;

/// One occurrence that counts: timed, not transparent, not cancelled, not
/// declined by me.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub start: i64,
    pub end: i64,
    /// Exactly two people on the invitation.
    pub one_on_one: bool,
}

/// What a calendar gives before it is cut to the window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occurrences {
    pub counted: Vec<Occurrence>,
    /// Original starts of one-on-one occurrences that were cancelled or
    /// rescheduled.
    pub moved: Vec<i64>,
}

impl Occurrences {
    pub fn extend(&mut self, other: Occurrences) {
        self.counted.extend(other.counted);
        self.moved.extend(other.moved);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CalendarFigures {
    /// Seconds of meetings inside work hours on work days (overlaps once).
    pub meeting_secs: i64,
    /// Seconds of meetings in the window outside work hours or on other days.
    pub out_of_hours_secs: i64,
    pub focus_blocks: usize,
    pub one_on_ones: usize,
    pub one_on_ones_moved: usize,
}

/// The figures for the window.
pub fn figures(occ: &Occurrences, window: &Window) -> CalendarFigures {
    let in_window = |t: i64| t >= window.start && t < window.end;
    let busy = interval::union(occ.counted.iter().map(|o| (o.start, o.end)).collect());
    let meeting_secs = interval::overlap(&busy, &window.work);
    let all_secs = interval::covered(&busy, (window.start, window.end));
    let focus_blocks = window
        .work
        .iter()
        .map(|span: &Span| {
            interval::free(*span, &busy)
                .iter()
                .filter(|(a, b)| b - a >= FOCUS_BLOCK_SECS)
                .count()
        })
        .sum();
    CalendarFigures {
        meeting_secs,
        out_of_hours_secs: all_secs - meeting_secs,
        focus_blocks,
        one_on_ones: occ
            .counted
            .iter()
            .filter(|o| o.one_on_one && in_window(o.start))
            .count(),
        one_on_ones_moved: occ.moved.iter().filter(|t| in_window(**t)).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::window::{WorkDays, WorkHours, parse_date};
    use crate::evidence::zone::Zone;

    const H: i64 = 3600;

    /// Monday 2026-10-05 to Sunday 2026-10-11 in UTC, 09-17, Monday to Friday.
    fn week() -> Window {
        Window::new(
            parse_date("2026-10-05").unwrap_or_default(),
            parse_date("2026-10-11").unwrap_or_default(),
            Zone::utc(),
            WorkHours::default(),
            WorkDays::default(),
        )
    }

    fn at(w: &Window, day: i64, hour: f64) -> i64 {
        w.start + day * 86_400 + (hour * H as f64) as i64
    }

    fn meeting(w: &Window, day: i64, from: f64, to: f64) -> Occurrence {
        Occurrence {
            start: at(w, day, from),
            end: at(w, day, to),
            one_on_one: false,
        }
    }

    #[test]
    fn an_empty_week_has_one_focus_block_per_work_day() {
        let w = week();
        let f = figures(&Occurrences::default(), &w);
        // Five work days, each one free 8-hour stretch.
        assert_eq!(f.focus_blocks, 5);
        assert_eq!(f.meeting_secs, 0);
    }

    #[test]
    fn overlapping_meetings_count_once_and_split_the_day() {
        let w = week();
        let occ = Occurrences {
            counted: vec![
                // Monday 10:00-11:30 and 11:00-12:00 overlap: 10:00-12:00 = 2 h.
                meeting(&w, 0, 10.0, 11.5),
                meeting(&w, 0, 11.0, 12.0),
                // Monday 13:30-14:00: 0.5 h. Free: 09-10 (1 h), 12-13:30 (1.5 h),
                // 14-17 (3 h) -> one focus block on Monday.
                meeting(&w, 0, 13.5, 14.0),
                // Tuesday 08:00-10:00: 1 h inside (09-10), 1 h before work.
                meeting(&w, 1, 8.0, 10.0),
                // Saturday 10:00-11:00: all out of hours.
                meeting(&w, 5, 10.0, 11.0),
            ],
            moved: vec![],
        };
        let f = figures(&occ, &w);
        assert_eq!(f.meeting_secs, 2 * H + H / 2 + H);
        assert_eq!(f.out_of_hours_secs, H + H);
        // Monday 1, Tuesday 10-17 (1), Wednesday-Friday 3.
        assert_eq!(f.focus_blocks, 5);
    }

    #[test]
    fn a_free_stretch_of_exactly_two_hours_is_a_focus_block() {
        let w = week();
        // Monday 11:00-13:00 and 15:00-17:00 busy: 09-11 and 13-15 are both
        // exactly two hours, so two blocks; 1 h 59 min would not be.
        let mut occ = Occurrences {
            counted: vec![meeting(&w, 0, 11.0, 13.0), meeting(&w, 0, 15.0, 17.0)],
            moved: vec![],
        };
        assert_eq!(figures(&occ, &w).focus_blocks, 2 + 4);
        occ.counted.push(Occurrence {
            start: at(&w, 0, 10.0) - 60,
            end: at(&w, 0, 10.5),
            one_on_one: false,
        });
        // 09:00-09:59 is under two hours: Monday keeps only 13-15.
        assert_eq!(figures(&occ, &w).focus_blocks, 1 + 4);
    }

    #[test]
    fn one_on_ones_and_moves_count_inside_the_window_only() {
        let w = week();
        let one = |day: i64| Occurrence {
            one_on_one: true,
            ..meeting(&w, day, 9.0, 9.5)
        };
        let occ = Occurrences {
            counted: vec![one(0), one(2), one(7), one(-1)],
            moved: vec![at(&w, 3, 9.0), at(&w, 9, 9.0)],
        };
        let f = figures(&occ, &w);
        assert_eq!(f.one_on_ones, 2);
        assert_eq!(f.one_on_ones_moved, 1);
    }

    #[test]
    fn meetings_beyond_the_window_are_cut_at_its_edges() {
        let w = week();
        // Sunday 2026-10-11 22:00 to Monday 02:00: two hours inside the window.
        let occ = Occurrences {
            counted: vec![meeting(&w, 6, 22.0, 26.0)],
            moved: vec![],
        };
        let f = figures(&occ, &w);
        assert_eq!(f.out_of_hours_secs, 2 * H);
        assert_eq!(f.meeting_secs, 0);
    }
}
