//! The plain-text rating form: what a rater fills in with any editor, or in
//! an email reply, without installing anything. `altitude form` writes it;
//! every command that takes an answers file also reads it back, with
//! `FILE:LINE:COL` errors for mistakes such as two ticked boxes.

use super::answers::{Answer, AnswerSheet};
use super::location::{Position, Problem};
use super::perspective::Perspective;
use super::profile::Mode;
use super::question_set::{Item, Kind, QuestionSet};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// The first line of every form: how a file is known to be one.
pub const HEADER: &str = "altitude rating form";

const NOT_APPLICABLE: &str = "Not applicable / don't know";
const WIDTH: usize = 76;

/// The form for rating a manager on `set` from `perspective`.
pub fn render(set: &QuestionSet, perspective: Perspective) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{HEADER}");
    let _ = writeln!(out, "set: {}", set.id);
    let _ = writeln!(out, "as: {}", perspective.id());
    out.push('\n');
    let _ = writeln!(out, "{}", set.title);
    out.push('\n');
    let intro = format!(
        "{} Put an x between the brackets of one answer per question, like [x]. Leave a question blank to skip it. Write free-text answers on the lines under the question. Your name is not asked for: groups of peers and reports are shown only when at least three people answered, and never one person's answers.",
        set.description
    );
    out.push_str(&wrap(&intro, WIDTH, ""));
    for (n, item) in set.items.iter().enumerate() {
        out.push('\n');
        out.push_str(&wrap(&format!("{}. {}", n + 1, item.prompt), WIDTH, "   "));
        let _ = writeln!(out, "   (id: {})", item.id);
        match item.kind {
            Kind::Text => {
                let _ = writeln!(out, "   Your answer, on the lines below:");
                out.push('\n');
            }
            _ => {
                for value in 1..=item.scale_len() {
                    let _ = writeln!(out, "   [ ] {}", item.label(value).unwrap_or(""));
                }
                if set.not_applicable {
                    let _ = writeln!(out, "   [ ] {NOT_APPLICABLE}");
                }
            }
        }
    }
    out
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            let _ = writeln!(out, "{line}");
            line = indent.to_string();
        } else if !line.is_empty() && line != indent {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// Whether `source` is a rating form (its first non-blank line, quoted or
/// not, is the header).
pub fn is_form(source: &str) -> bool {
    source
        .lines()
        .map(unquote)
        .find(|(_, l)| !l.trim().is_empty())
        .is_some_and(|(_, l)| l.trim() == HEADER)
}

/// A line without email quoting (`> `, `>> `) and its column offset (chars).
fn unquote(line: &str) -> (usize, &str) {
    let mut rest = line;
    let mut skipped = 0;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if let Some(after) = trimmed.strip_prefix('>') {
            skipped += rest.chars().count() - after.chars().count();
            rest = after;
        } else {
            return (skipped, rest);
        }
    }
}

/// A tick box at the start of a (trimmed) line: `Some(true)` for `[x]`,
/// `Some(false)` for `[ ]`, with the label after it.
fn tick_box(line: &str) -> Option<(bool, &str)> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find(']')?;
    let inside = rest[..close].trim();
    if inside.chars().count() > 1 {
        return None;
    }
    Some((!inside.is_empty(), rest[close + 1..].trim()))
}

/// Reads a filled-in form against the available sets.
pub fn parse(path: &Path, source: &str, sets: &[QuestionSet]) -> Result<AnswerSheet, Problem> {
    let at = |line: usize, col: usize, message: String| {
        Problem::new(
            path,
            Position {
                line: line + 1,
                col: col + 1,
            },
            message,
        )
    };
    let lines: Vec<(usize, &str)> = source.lines().map(unquote).collect();
    let field = |name: &str| {
        lines.iter().enumerate().find_map(|(n, (col, l))| {
            l.trim()
                .strip_prefix(name)
                .and_then(|v| v.strip_prefix(':'))
                .map(|v| (n, *col, v.trim().to_string()))
        })
    };
    let (set_line, set_col, set_id) =
        field("set").ok_or_else(|| at(0, 0, "the form has no `set:` line".into()))?;
    let set = sets.iter().find(|s| s.id == set_id).ok_or_else(|| {
        at(
            set_line,
            set_col,
            format!("unknown set \"{set_id}\" on the `set:` line"),
        )
    })?;
    let (as_line, as_col, as_id) =
        field("as").ok_or_else(|| at(0, 0, "the form has no `as:` line".into()))?;
    let perspective = Perspective::parse(&as_id).ok_or_else(|| {
        at(
            as_line,
            as_col,
            format!("unknown rater \"{as_id}\" on the `as:` line; expected coach, manager, peer or report"),
        )
    })?;

    let mut answers = BTreeMap::new();
    let mut current: Option<Open<'_>> = None;
    let mut option_index = 0u8;
    for (n, (col, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let indent = col + line.chars().count() - line.trim_start().chars().count();
        if let Some(id) = trimmed
            .strip_prefix("(id:")
            .and_then(|r| r.strip_suffix(')'))
        {
            let id = id.trim();
            let item = set.item(id).ok_or_else(|| {
                at(
                    n,
                    indent,
                    format!("unknown question id \"{id}\" in set \"{}\"", set.id),
                )
            })?;
            if answers.contains_key(id) || current.as_ref().is_some_and(|c| c.item.id == id) {
                return Err(at(n, indent, format!("question \"{id}\" appears twice")));
            }
            finish(current.take(), &mut answers);
            current = Some(Open {
                item,
                text: Vec::new(),
                ticked: None,
            });
            option_index = 0;
            continue;
        }
        let Some(Open { item, text, ticked }) = current.as_mut() else {
            continue;
        };
        if item.kind == Kind::Text {
            if is_question_start(trimmed) {
                finish(current.take(), &mut answers);
            } else if trimmed != "Your answer, on the lines below:" {
                text.push(trimmed.to_string());
            }
            continue;
        }
        let Some((is_ticked, label)) = tick_box(trimmed) else {
            continue;
        };
        option_index += 1;
        let value = if label == NOT_APPLICABLE && set.not_applicable {
            0
        } else if option_index > item.scale_len() {
            return Err(at(
                n,
                indent,
                format!(
                    "question \"{}\" has more boxes than its {} answers; was a line copied?",
                    item.id,
                    item.scale_len()
                ),
            ));
        } else {
            option_index
        };
        if is_ticked {
            if let Some((_, first)) = ticked {
                return Err(at(
                    n,
                    indent,
                    format!(
                        "question \"{}\": two answers are ticked (\"{first}\" and \"{label}\"); leave one",
                        item.id
                    ),
                ));
            }
            *ticked = Some((value, label.to_string()));
        }
    }
    finish(current.take(), &mut answers);
    Ok(AnswerSheet {
        set: set.id.clone(),
        mode: Mode::Solo,
        profile: None,
        answers,
        rater: Some(perspective),
    })
}

/// The question being read: its item, free-text lines, and the ticked
/// answer (its value, 0 for not applicable, and its label).
struct Open<'a> {
    item: &'a Item,
    text: Vec<String>,
    ticked: Option<(u8, String)>,
}

/// Records the answer of the question just read, if it has one.
fn finish(open: Option<Open<'_>>, answers: &mut BTreeMap<String, Answer>) {
    let Some(Open { item, text, ticked }) = open else {
        return;
    };
    if item.kind == Kind::Text {
        let text = text.join("\n").trim().to_string();
        if !text.is_empty() {
            answers.insert(item.id.clone(), Answer::Text(text));
        }
    } else if let Some((value, _)) = ticked {
        let answer = if value == 0 {
            Answer::NotApplicable
        } else {
            Answer::Value(value)
        };
        answers.insert(item.id.clone(), answer);
    }
}

/// `12. Some question` starts a new question.
fn is_question_start(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::catalog::Library;

    fn library() -> Library {
        Library::builtin().unwrap()
    }

    fn tick(form: &str, question: &str, label: &str) -> String {
        let start = form.find(&format!("(id: {question})")).unwrap();
        let offset = form[start..].find(&format!("[ ] {label}\n")).unwrap() + start;
        format!("{}[x]{}", &form[..offset], &form[offset + 3..])
    }

    #[test]
    fn a_filled_form_reads_back_as_answers_even_quoted_in_an_email() {
        let lib = library();
        let set = lib.set("perception").unwrap();
        let first = &set.items[0];
        let second = &set.items[1];
        let mut form = render(set, Perspective::Peer);
        form = tick(&form, &first.id, first.label(4).unwrap());
        form = tick(&form, &second.id, NOT_APPLICABLE);
        let quoted: String = form.lines().map(|l| format!("> {l}\n")).collect();
        for text in [form, quoted] {
            assert!(is_form(&text));
            let sheet = parse(Path::new("f.txt"), &text, &lib.sets).unwrap();
            assert_eq!(sheet.rater, Some(Perspective::Peer));
            assert_eq!(sheet.answers.get(&first.id), Some(&Answer::Value(4)));
            assert_eq!(sheet.answers.get(&second.id), Some(&Answer::NotApplicable));
            assert_eq!(sheet.answers.len(), 2);
        }
    }

    #[test]
    fn two_ticked_boxes_on_one_question_are_a_located_error() {
        let lib = library();
        let set = lib.set("perception").unwrap();
        let item = &set.items[0];
        let mut form = render(set, Perspective::Report);
        form = tick(&form, &item.id, item.label(2).unwrap());
        form = tick(&form, &item.id, item.label(5).unwrap());
        let line = form
            .lines()
            .position(|l| l.trim() == format!("[x] {}", item.label(5).unwrap()))
            .unwrap()
            + 1;
        let err = parse(Path::new("f.txt"), &form, &lib.sets)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            format!(
                "f.txt:{line}:4: question \"{}\": two answers are ticked (\"{}\" and \"{}\"); leave one",
                item.id,
                item.label(2).unwrap(),
                item.label(5).unwrap()
            )
        );
    }

    #[test]
    fn an_unknown_rater_is_a_located_error() {
        let lib = library();
        let form = render(lib.set("perception").unwrap(), Perspective::Peer)
            .replace("as: peer", "as: boss");
        let err = parse(Path::new("f.txt"), &form, &lib.sets)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("f.txt:3:1: unknown rater \"boss\""),
            "{err}"
        );
    }
}
