//! Answers: what a manager (or a second rater) said to each item, and the
//! answers-file format that `altitude score` reads.

use super::location::Problems;
use super::perspective::Perspective;
use super::profile::{Mode, Profile, Stage};
use super::question_set::{Kind, QuestionSet, Rater};
use super::text::first_forbidden;
use super::toml_walk::Reader;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One answer. A skipped item has no entry at all. In files it is a number,
/// the string "na", or free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// 1..=5 for likert and frequency; the 1-based option number for choice.
    Value(u8),
    /// "na": not applicable / don't know.
    NotApplicable,
    Text(String),
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Value(v) => s.serialize_u8(*v),
            Answer::NotApplicable => s.serialize_str("na"),
            Answer::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Number(u8),
            Text(String),
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Number(v) => Answer::Value(v),
            Repr::Text(t) if t == "na" => Answer::NotApplicable,
            Repr::Text(t) => Answer::Text(t),
        })
    }
}

/// Everything needed to score a set: which set, the profile, and the answers.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSheet {
    pub set: String,
    pub mode: Mode,
    /// Absent only for second-rater sets.
    pub profile: Option<Profile>,
    pub answers: BTreeMap<String, Answer>,
    /// Who rated, on a set rated by someone else (`rater = "peer"`).
    pub rater: Option<Perspective>,
}

/// Reads an answers file against the available sets. Every problem is
/// reported in one pass, each naming the file, line, item and value.
pub fn parse_sheet(
    path: &Path,
    source: &str,
    sets: &[QuestionSet],
) -> Result<AnswerSheet, Problems> {
    let reader = Reader::new(path, source);
    let sheet = reader
        .document()
        .and_then(|doc| read_sheet(&reader, doc.get_ref(), doc.span(), sets));
    match sheet {
        Some(sheet) if !reader.has_problems() => Ok(sheet),
        _ => Err(Problems(reader.finish())),
    }
}

fn read_sheet(
    reader: &Reader<'_>,
    doc: &toml::de::DeTable<'_>,
    span: std::ops::Range<usize>,
    sets: &[QuestionSet],
) -> Option<AnswerSheet> {
    let top = reader.table(doc, span, "the answers file");
    top.only(&["set", "mode", "rater", "profile", "answers"]);
    let set_id = top.required_string(
        "set",
        "the id of the question set answered, e.g. set = \"quick\"",
    );
    let mode = top.string("mode").and_then(|m| {
        Mode::parse(m.get_ref()).or_else(|| {
            reader.on(
                &m,
                format!(
                    "unknown mode \"{}\"; expected solo, coaching or onboarding",
                    m.get_ref()
                ),
            );
            None
        })
    });
    let raw_rater = top.string("rater");
    let raw_profile = top.subtable("profile");
    let raw_answers = top.subtable("answers");

    let set = set_id.as_ref().and_then(|id| {
        let found = sets.iter().find(|s| &s.id == id.get_ref());
        if found.is_none() {
            let known: Vec<&str> = sets.iter().map(|s| s.id.as_str()).collect();
            reader.on(
                id,
                format!(
                    "unknown set \"{}\"; available: {}",
                    id.get_ref(),
                    known.join(", ")
                ),
            );
        }
        found
    });
    let profile = match (set, &raw_profile) {
        // A set without a profile has no use for one: saying so beats
        // scoring a pattern the set disowns.
        (Some(set), Some((_, span))) if !set.asks_profile() => {
            reader.at(
                span.start,
                format!(
                    "set \"{}\" asks no profile; remove the [profile] table",
                    set.id
                ),
            );
            None
        }
        _ => raw_profile
            .as_ref()
            .and_then(|(t, span)| read_profile(reader, t, span.clone())),
    };
    if let (Some(set), None) = (set, &raw_profile)
        && set.asks_profile()
    {
        reader.at(
            0,
            "missing [profile] table; it needs reports, coding_share, critical_path and stage",
        );
    }

    let mut answers = BTreeMap::new();
    if let Some((table, span)) = &raw_answers {
        let fields = reader.table(table, span.clone(), "[answers]");
        for (key, value) in fields.entries() {
            let id = *key.get_ref();
            let Some(set) = set else { continue };
            let Some(item) = set.item(id) else {
                reader.on(
                    &key,
                    format!("unknown item id \"{id}\" in set \"{}\"", set.id),
                );
                continue;
            };
            let plain = toml::Value::try_from(DeValueRef(value.get_ref()));
            let parsed = match plain {
                Ok(v) => parse_answer(set, item, &v),
                Err(_) => Err(format!(
                    "value {} is not an answer; expected {}",
                    fields.written(value),
                    allowed(set, item)
                )),
            };
            match parsed {
                Ok(answer) => {
                    answers.insert(id.to_string(), answer);
                }
                Err(why) => reader.on(value, format!("item \"{id}\": {why}")),
            }
        }
    }

    let rater = match (&raw_rater, set) {
        (None, _) | (_, None) => None,
        (Some(r), Some(set)) if set.rater == Rater::SelfRater => {
            reader.on(
                r,
                format!(
                    "`rater = \"{}\"` is for a set rated by someone else; \"{}\" is a self-assessment",
                    r.get_ref(),
                    set.id
                ),
            );
            None
        }
        (Some(r), Some(_)) => Perspective::parse(r.get_ref()).or_else(|| {
            reader.on(
                r,
                format!(
                    "unknown rater \"{}\"; expected coach, manager, peer or report",
                    r.get_ref()
                ),
            );
            None
        }),
    };

    Some(AnswerSheet {
        set: set?.id.clone(),
        mode: mode.unwrap_or(Mode::Solo),
        profile,
        answers,
        rater,
    })
}

/// A borrowed parsed value, turned into a plain `toml::Value` for checking.
struct DeValueRef<'a, 'i>(&'a toml::de::DeValue<'i>);

impl serde::Serialize for DeValueRef<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use toml::de::DeValue;
        match self.0 {
            DeValue::String(v) => s.serialize_str(v),
            DeValue::Integer(i) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => s.serialize_i64(n),
                    Err(_) => Err(serde::ser::Error::custom("integer out of range")),
                }
            }
            DeValue::Float(f) => match f.as_str().replace('_', "").parse::<f64>() {
                Ok(n) => s.serialize_f64(n),
                Err(_) => Err(serde::ser::Error::custom("not a number")),
            },
            DeValue::Boolean(b) => s.serialize_bool(*b),
            _ => Err(serde::ser::Error::custom("not a single value")),
        }
    }
}

fn read_profile(
    reader: &Reader<'_>,
    table: &toml::de::DeTable<'_>,
    span: std::ops::Range<usize>,
) -> Option<Profile> {
    let f = reader.table(table, span, "[profile]");
    f.only(&["reports", "coding_share", "critical_path", "stage"]);
    let missing = |field: &str| {
        if !f.has(field) {
            reader.at(f.start(), format!("[profile] is missing `{field}`"));
        }
    };
    for field in ["reports", "coding_share", "critical_path", "stage"] {
        missing(field);
    }
    let reports = f.int("reports", 0..=i64::from(Profile::MAX_REPORTS));
    let share = f.int("coding_share", 0..=100);
    let critical = f.bool("critical_path");
    let stage = f.string("stage").and_then(|s| {
        Stage::parse(s.get_ref()).or_else(|| {
            reader.on(
                &s,
                format!(
                    "profile stage = \"{}\" is not one of early, growth, scale",
                    s.get_ref()
                ),
            );
            None
        })
    });
    Some(Profile {
        reports: *reports?.get_ref() as u16,
        coding_share: *share?.get_ref() as u8,
        critical_path: *critical?.get_ref(),
        stage: stage?,
    })
}

/// What an item accepts, in words.
fn allowed(set: &QuestionSet, item: &super::Item) -> String {
    let na = if set.not_applicable { " or \"na\"" } else { "" };
    match item.kind {
        Kind::Text => "text in quotes".to_string(),
        _ => format!("a whole number from 1 to {}{na}", item.scale_len()),
    }
}

/// Checks one answer value against its item.
pub fn parse_answer(
    set: &QuestionSet,
    item: &super::Item,
    value: &toml::Value,
) -> Result<Answer, String> {
    match (item.kind, value) {
        (Kind::Text, toml::Value::String(s)) => match first_forbidden(s) {
            Some((_, code)) => Err(format!("text contains the forbidden character {code}")),
            None => Ok(Answer::Text(s.clone())),
        },
        (Kind::Text, other) => Err(format!("value {other} should be text in quotes")),
        (_, toml::Value::String(s)) if s == "na" && set.not_applicable => Ok(Answer::NotApplicable),
        (_, toml::Value::String(s)) if s == "na" => Err(format!(
            "\"na\": set \"{}\" has no \"not applicable\" answer; give {}, or leave the item out",
            set.id,
            allowed(set, item)
        )),
        (_, toml::Value::Integer(n)) if (1..=i64::from(item.scale_len())).contains(n) => {
            Ok(Answer::Value(*n as u8))
        }
        (_, toml::Value::Integer(n)) => Err(format!(
            "value {n} is out of range; expected {}",
            allowed(set, item)
        )),
        (_, other) => Err(format!(
            "value {other} is not an answer to this item; expected {}",
            allowed(set, item)
        )),
    }
}

/// An answer quoted in full, in the direction that matters:
/// `"I worked evenings or weekends…": Often (raises burnout risk)`.
pub fn describe_answer(set: &QuestionSet, item_id: &str, raw: u8) -> String {
    let Some(item) = set.item(item_id) else {
        return format!("{item_id} = {raw}");
    };
    let label = item.label(raw).unwrap_or("");
    let effect = match (item.fraction(raw), item.dimension) {
        (Some(f), Some(dim)) => {
            let name = dim.title().to_lowercase();
            if f < 0.5 {
                format!(" (lowers {name})")
            } else if f == 0.5 {
                format!(" (the middle of the scale: it counts as 50 for {name})")
            } else {
                format!(" (raises {name})")
            }
        }
        _ => String::new(),
    };
    format!("\"{}\": {label}{effect}", item.prompt)
}

/// A rater's answers as an answers file: what `altitude rate` writes and
/// `score --others` reads. Nothing in it says who rated, where or when: the
/// set, the perspective and the answers only.
pub fn rating_toml(
    set: &QuestionSet,
    perspective: Perspective,
    answers: &BTreeMap<String, Answer>,
) -> Result<String, toml::ser::Error> {
    #[derive(Serialize)]
    struct RatingFile<'a> {
        set: &'a str,
        rater: &'a str,
        answers: &'a BTreeMap<String, Answer>,
    }
    let body = toml::to_string(&RatingFile {
        set: &set.id,
        rater: perspective.id(),
        answers,
    })?;
    Ok(format!(
        "# altitude: answers from a {} on the set \"{}\". Send this file back to the\n# person who asked you for it; `altitude score --others` reads it.\n{body}",
        perspective.id(),
        set.id
    ))
}
