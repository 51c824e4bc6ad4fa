//! A calendar event for the next check-in (`altitude remind`), so following
//! up on commitments does not depend on memory. RFC 5545: text escaped,
//! lines folded at 75 octets, CRLF line ends.

use crate::model::session::{CHECK_IN_DAYS, Session};
use crate::model::time::Timestamp;
use crate::output;

/// Escapes a TEXT value (RFC 5545 §3.3.11), after making any control or
/// bidi character visible.
fn text(s: &str) -> String {
    let mut out = String::new();
    for c in output::terminal(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn date(t: Timestamp) -> String {
    t.date().replace('-', "")
}

/// When to check in on `session`'s commitments: the earliest due date, or
/// `CHECK_IN_DAYS` after the session.
pub fn check_in_day(session: &Session) -> Timestamp {
    session
        .commitments
        .iter()
        .filter_map(|c| c.due)
        .min()
        .unwrap_or_else(|| {
            let from = session.finished.unwrap_or(session.started);
            from.plus_days(CHECK_IN_DAYS)
        })
}

/// An all-day event on the check-in day, listing the commitments.
pub fn reminder(session: &Session, now: Timestamp) -> String {
    let day = check_in_day(session);
    let next = day.plus_days(1);
    let mut description = String::from("Check in on what you committed to:\n");
    if session.commitments.is_empty() {
        description.push_str("- (no commitments were picked; use the time to reflect)\n");
    }
    for c in &session.commitments {
        description.push_str(&format!("- {}\n", c.title));
    }
    description.push_str(&format!(
        "\nRun: altitude start --set {} (it opens with this check-in).",
        if session.set == "core" {
            "quick"
        } else {
            &session.set
        }
    ));
    let summary = format!(
        "altitude check-in: {} commitment{}",
        session.commitments.len(),
        if session.commitments.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    let (y, mo, d, h, mi, s) = now.parts();
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//altitude//check-in reminder//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}-check-in@altitude", session.id),
        format!("DTSTAMP:{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z"),
        format!("DTSTART;VALUE=DATE:{}", date(day)),
        format!("DTEND;VALUE=DATE:{}", date(next)),
        format!("SUMMARY:{}", text(&summary)),
        format!("DESCRIPTION:{}", text(&description)),
        "TRANSP:TRANSPARENT".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mode;
    use crate::model::session::Commitment;

    #[test]
    fn the_reminder_is_valid_ics_on_the_due_day_with_every_commitment() {
        let mut s = Session::new("core", Mode::Coaching, Timestamp(1_795_289_405));
        s.finished = Some(Timestamp(1_795_290_000));
        s.commitments.push(Commitment {
            practice: "friction-log".into(),
            title: "Keep a friction log; share it, weekly\u{1b}[2J".into(),
            due: Some(Timestamp(1_795_290_000 + 30 * 86_400)),
        });
        let ics = reminder(&s, Timestamp(1_795_290_000));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261221\r\n"), "{ics}");
        assert!(ics.contains("DTEND;VALUE=DATE:20261222\r\n"));
        assert!(ics.contains("SUMMARY:altitude check-in: 1 commitment\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(r"- Keep a friction log\; share it\, weekly<U+001B>[2J\n"),
            "{unfolded}"
        );
        assert!(unfolded.contains("altitude start --set quick"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        }
        assert!(!ics.contains('\u{1b}'));
    }
}
