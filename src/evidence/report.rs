//! Evidence as text for a terminal (80 columns) and as the JSON of SPEC §11.
//! Only figures are printed. The one kind of file-derived text, directory
//! names in sole paths, leaves through `crate::output` like all output, which
//! makes control and bidi characters visible.

use super::Evidence;
use super::calendar::CalendarFigures;
use super::git::GitFigures;
pub use crate::model::evidence::{CalendarJson, GitJson, Json};
use crate::report::plain::wrap;
use std::fmt::Write;

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}

fn hours(secs: i64) -> f64 {
    round(secs as f64 / 3600.0, 2)
}

fn per_week(x: f64, weeks: f64) -> Option<f64> {
    (weeks > 0.0).then(|| round(x / weeks, 2))
}

impl GitJson {
    fn new(g: &GitFigures) -> GitJson {
        GitJson {
            repos: g.repos,
            commits_mine: g.commits_mine,
            commits_all: g.commits_all,
            share: (g.commits_all > 0)
                .then(|| round(g.commits_mine as f64 / g.commits_all as f64, 3)),
            out_of_hours_mine: g.out_of_hours_mine,
            sole_paths: g.sole_paths.clone(),
        }
    }
}

impl CalendarJson {
    fn new(c: &CalendarFigures, weeks: f64) -> CalendarJson {
        CalendarJson {
            meeting_hours: hours(c.meeting_secs),
            meeting_hours_per_week: per_week(c.meeting_secs as f64 / 3600.0, weeks),
            focus_blocks: c.focus_blocks,
            focus_blocks_per_week: per_week(c.focus_blocks as f64, weeks),
            one_on_ones: c.one_on_ones,
            one_on_ones_moved: c.one_on_ones_moved,
            out_of_hours_meeting_hours: hours(c.out_of_hours_secs),
        }
    }
}

/// The JSON document of SPEC §11.
pub fn json(e: &Evidence) -> Json {
    let weeks = round(e.window.weeks(), 2);
    Json {
        schema: 1,
        since: e.window.since.format("%Y-%m-%d").to_string(),
        until: e.window.until.format("%Y-%m-%d").to_string(),
        weeks,
        git: e.git.as_ref().map(GitJson::new),
        calendar: e
            .calendar
            .as_ref()
            .map(|c| CalendarJson::new(c, e.window.weeks())),
    }
}

fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn row(out: &mut String, label: &str, value: impl std::fmt::Display, note: &str) {
    let _ = writeln!(out, "  {label:<28}{value:>8}  {note}");
    if note.is_empty() {
        // Keep no trailing spaces.
        let len = out.trim_end().len();
        out.truncate(len);
        out.push('\n');
    }
}

/// Plain text, within 80 columns.
pub fn text(e: &Evidence) -> String {
    let j = json(e);
    let w = &e.window;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Evidence from {} to {}: {} work days ({} week{})",
        j.since,
        j.until,
        w.work.len(),
        num(j.weeks),
        if j.weeks == 1.0 { "" } else { "s" }
    );
    let _ = writeln!(
        out,
        "Work hours {} on {}, {}",
        w.hours,
        w.days,
        w.zone.name()
    );
    match &j.git {
        None => out.push_str("\nGit: no --repo given\n"),
        Some(g) => {
            let plural = if g.repos == 1 {
                "repository"
            } else {
                "repositories"
            };
            let _ = writeln!(out, "\nGit: {} {plural}", g.repos);
            row(&mut out, "Commits, all authors", g.commits_all, "");
            let share = g
                .share
                .map_or(String::new(), |s| format!("{:.0}% of all", s * 100.0));
            row(&mut out, "Mine", g.commits_mine, &share);
            row(&mut out, "Mine out of hours", g.out_of_hours_mine, "");
            if g.sole_paths.is_empty() {
                row(&mut out, "Paths only I touch", "none", "");
            } else {
                let _ = writeln!(out, "  Paths only I touch (3+ commits, nobody else's):");
                out.push_str(&wrap(&g.sole_paths.join(", "), 78, "    "));
            }
        }
    }
    match &j.calendar {
        None => out.push_str("\nCalendar: no --calendar given\n"),
        Some(c) => {
            out.push_str("\nCalendar\n");
            let week = |x: Option<f64>| x.map_or(String::new(), |x| format!("{} a week", num(x)));
            row(
                &mut out,
                "Meeting hours in work hours",
                num(c.meeting_hours),
                &week(c.meeting_hours_per_week),
            );
            row(
                &mut out,
                "Meeting hours out of hours",
                num(c.out_of_hours_meeting_hours),
                "",
            );
            row(
                &mut out,
                "Focus blocks (2h+ free)",
                c.focus_blocks,
                &week(c.focus_blocks_per_week),
            );
            row(&mut out, "One-on-ones", c.one_on_ones, "");
            row(
                &mut out,
                "One-on-ones moved",
                c.one_on_ones_moved,
                "cancelled or rescheduled",
            );
        }
    }
    out
}
