//! Answers: what a manager (or a second rater) said to each item, and the
//! answers-file format that `altitude score` reads.

use super::location::{Position, Problem, from_toml_error};
use super::perspective::Perspective;
use super::profile::{Mode, Profile, Stage};
use super::question_set::{Kind, QuestionSet, Rater};
use super::text::first_forbidden;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    set: Spanned<String>,
    mode: Option<Spanned<String>>,
    rater: Option<Spanned<String>>,
    profile: Option<Spanned<RawProfile>>,
    #[serde(default)]
    answers: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    reports: Option<Spanned<i64>>,
    coding_share: Option<Spanned<i64>>,
    critical_path: Option<Spanned<bool>>,
    stage: Option<Spanned<String>>,
}

/// Reads an answers file against the available sets. The first problem found
/// is returned; it names the file, line, item and value.
pub fn parse_sheet(
    path: &Path,
    source: &str,
    sets: &[QuestionSet],
) -> Result<AnswerSheet, Problem> {
    let raw: RawSheet = toml::from_str(source).map_err(|e| from_toml_error(path, source, &e))?;
    let at =
        |offset: usize, message: String| Problem::new(path, Position::at(source, offset), message);

    let set_id = raw.set.get_ref();
    let set = sets.iter().find(|s| &s.id == set_id).ok_or_else(|| {
        let known: Vec<&str> = sets.iter().map(|s| s.id.as_str()).collect();
        at(
            raw.set.span().start,
            format!("unknown set \"{set_id}\"; available: {}", known.join(", ")),
        )
    })?;
    let mode = match &raw.mode {
        None => Mode::Solo,
        Some(m) => Mode::parse(m.get_ref()).ok_or_else(|| {
            at(
                m.span().start,
                format!(
                    "unknown mode \"{}\"; expected solo, coaching or onboarding",
                    m.get_ref()
                ),
            )
        })?,
    };
    let profile = match (&raw.profile, set.rater) {
        (Some(p), _) => Some(parse_profile(p, &at)?),
        (None, Rater::Other) => None,
        (None, Rater::SelfRater) => {
            return Err(at(
                0,
                "missing [profile] table; it needs reports, coding_share, critical_path and stage"
                    .into(),
            ));
        }
    };

    let mut answers = BTreeMap::new();
    for (key, value) in &raw.answers {
        let id = key.get_ref();
        let item = set.item(id).ok_or_else(|| {
            at(
                key.span().start,
                format!("unknown item id \"{id}\" in set \"{}\"", set.id),
            )
        })?;
        let answer = parse_answer(item, value.get_ref())
            .map_err(|why| at(value.span().start, format!("item \"{id}\": {why}")))?;
        answers.insert(id.clone(), answer);
    }

    let rater = match &raw.rater {
        None => None,
        Some(r) if set.rater == Rater::SelfRater => {
            return Err(at(
                r.span().start,
                format!(
                    "`rater = \"{}\"` is for a set rated by someone else; \"{}\" is a self-assessment",
                    r.get_ref(),
                    set.id
                ),
            ));
        }
        Some(r) => Some(Perspective::parse(r.get_ref()).ok_or_else(|| {
            at(
                r.span().start,
                format!(
                    "unknown rater \"{}\"; expected coach, manager, peer or report",
                    r.get_ref()
                ),
            )
        })?),
    };

    Ok(AnswerSheet {
        set: set.id.clone(),
        mode,
        profile,
        answers,
        rater,
    })
}

fn parse_profile(
    p: &Spanned<RawProfile>,
    at: &impl Fn(usize, String) -> Problem,
) -> Result<Profile, Problem> {
    let raw = p.get_ref();
    let missing = |field: &str| at(p.span().start, format!("[profile] is missing `{field}`"));
    let reports = raw.reports.as_ref().ok_or_else(|| missing("reports"))?;
    let share = raw
        .coding_share
        .as_ref()
        .ok_or_else(|| missing("coding_share"))?;
    let critical = raw
        .critical_path
        .as_ref()
        .ok_or_else(|| missing("critical_path"))?;
    let stage = raw.stage.as_ref().ok_or_else(|| missing("stage"))?;

    let reports_value = *reports.get_ref();
    if !(0..=i64::from(Profile::MAX_REPORTS)).contains(&reports_value) {
        return Err(at(
            reports.span().start,
            format!("profile reports = {reports_value} is outside 0 to 500"),
        ));
    }
    let share_value = *share.get_ref();
    if !(0..=100).contains(&share_value) {
        return Err(at(
            share.span().start,
            format!("profile coding_share = {share_value} is outside 0 to 100"),
        ));
    }
    let stage_value = Stage::parse(stage.get_ref()).ok_or_else(|| {
        at(
            stage.span().start,
            format!(
                "profile stage = \"{}\" is not one of early, growth, scale",
                stage.get_ref()
            ),
        )
    })?;
    Ok(Profile {
        reports: reports_value as u16,
        coding_share: share_value as u8,
        critical_path: *critical.get_ref(),
        stage: stage_value,
    })
}

/// Checks one answer value against its item.
pub fn parse_answer(item: &super::Item, value: &toml::Value) -> Result<Answer, String> {
    match (item.kind, value) {
        (Kind::Text, toml::Value::String(s)) => match first_forbidden(s) {
            Some((_, code)) => Err(format!("text contains the forbidden character {code}")),
            None => Ok(Answer::Text(s.clone())),
        },
        (Kind::Text, other) => Err(format!("value {other} should be text in quotes")),
        (_, toml::Value::String(s)) if s == "na" => Ok(Answer::NotApplicable),
        (_, toml::Value::Integer(n)) if (1..=i64::from(item.scale_len())).contains(n) => {
            Ok(Answer::Value(*n as u8))
        }
        (_, other) => Err(format!(
            "value {other} is out of range; expected 1 to {} or \"na\"",
            item.scale_len()
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
    let effect = match (item.keyed(raw), item.dimension) {
        (Some(k), Some(dim)) => {
            let name = dim.title().to_lowercase();
            match k {
                1 | 2 => format!(" (lowers {name})"),
                3 => format!(" (leaves {name} in the middle)"),
                _ => format!(" (raises {name})"),
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
