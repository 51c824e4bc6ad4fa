//! Question sets: raw TOML structs become a validated `QuestionSet`, and every
//! rule a file can break becomes a `FILE:LINE:COL: message` problem.

use super::condition::{Condition, applies};
use super::dimension::{Dimension, Side};
use super::location::{Position, Problem, from_toml_error};
use super::profile::Profile;
use super::text::{first_forbidden, is_valid_id};
use super::unknown_keys::{Shape, fields_of, unknown_keys};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Sets with more items than this are refused.
pub const MAX_ITEMS: usize = 500;
/// Weights outside this range are refused.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<f64> = 0.5..=3.0;

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Strongly disagree (1) .. Strongly agree (5).
    Likert,
    /// Never (1) .. Always (5).
    Frequency,
    /// Labelled options, each with its own score on the 1..5 scale.
    Choice,
    /// Free reflection, not scored.
    Text,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Likert => "likert",
            Kind::Frequency => "frequency",
            Kind::Choice => "choice",
            Kind::Text => "text",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        [Kind::Likert, Kind::Frequency, Kind::Choice, Kind::Text]
            .into_iter()
            .find(|k| k.id() == s)
    }

    pub fn is_scored(self) -> bool {
        self != Kind::Text
    }

    /// The five labels of a fixed scale, or `None` for choice and text items.
    pub fn scale_labels(self) -> Option<[&'static str; 5]> {
        match self {
            Kind::Likert => Some([
                "Strongly disagree",
                "Disagree",
                "Neither",
                "Agree",
                "Strongly agree",
            ]),
            Kind::Frequency => Some(["Never", "Rarely", "Sometimes", "Often", "Always"]),
            Kind::Choice | Kind::Text => None,
        }
    }
}

/// Who answers a set: the manager, or a second rater about the manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rater {
    #[default]
    SelfRater,
    Other,
}

/// One labelled option of a choice item.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub label: String,
    /// 1..=5: how much of the dimension this option means.
    pub score: u8,
}

/// A validated item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub kind: Kind,
    /// `None` only for text items.
    pub dimension: Option<Dimension>,
    /// `None` only for text items.
    pub side: Option<Side>,
    pub reverse: bool,
    pub weight: f64,
    pub prompt: String,
    pub why: Option<String>,
    pub discuss: Option<String>,
    pub flag: Option<String>,
    pub options: Vec<ChoiceOption>,
    /// Asked only when this holds for the profile.
    pub when: Option<Condition>,
    /// On a set rated by someone else: the id of the self-assessment item
    /// (in `core`) that this one mirrors, so a gap can be traced item by item.
    pub mirrors: Option<String>,
}

/// An item a profile made meaningless, and why it was not asked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NotAsked {
    pub id: String,
    pub prompt: String,
    pub reason: &'static str,
}

impl Item {
    /// Whether this item is asked of someone with this profile.
    pub fn asked(&self, profile: Option<&Profile>) -> bool {
        applies(self.when, profile)
    }

    /// How many answer values the item takes (5, or the number of options).
    pub fn scale_len(&self) -> u8 {
        match self.kind {
            Kind::Choice => self.options.len() as u8,
            _ => 5,
        }
    }

    /// The label of raw answer `value` (1-based).
    pub fn label(&self, value: u8) -> Option<&str> {
        match self.kind {
            Kind::Choice => self
                .options
                .get(usize::from(value).checked_sub(1)?)
                .map(|o| o.label.as_str()),
            kind => kind
                .scale_labels()
                .and_then(|l| l.get(usize::from(value).checked_sub(1)?).copied()),
        }
    }

    /// The keyed value 1..=5 of raw answer `value`: high means more of the
    /// dimension. Reverse-keyed items are flipped; choice options carry their own score.
    pub fn keyed(&self, value: u8) -> Option<u8> {
        match self.kind {
            Kind::Text => None,
            Kind::Choice => self
                .options
                .get(usize::from(value).checked_sub(1)?)
                .map(|o| o.score),
            Kind::Likert | Kind::Frequency if (1..=5).contains(&value) => {
                Some(if self.reverse { 6 - value } else { value })
            }
            _ => None,
        }
    }
}

/// Where a set came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    User(PathBuf),
}

impl Source {
    pub fn describe(&self) -> String {
        match self {
            Source::BuiltIn => "built-in".to_string(),
            Source::User(path) => path.display().to_string(),
        }
    }
}

/// A validated question set.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSet {
    pub id: String,
    pub title: String,
    pub description: String,
    pub rater: Rater,
    pub items: Vec<Item>,
    pub source: Source,
    /// The fingerprint of the file's text, recorded with finished sessions.
    pub fingerprint: String,
}

impl QuestionSet {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn scored_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.kind.is_scored())
    }

    pub fn items_in(&self, dim: Dimension) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.dimension == Some(dim))
    }

    /// The set as asked of someone with this profile: items whose condition
    /// does not hold are left out, so they are neither shown nor scored.
    pub fn asked_for(&self, profile: Option<&Profile>) -> QuestionSet {
        QuestionSet {
            items: self
                .items
                .iter()
                .filter(|i| i.asked(profile))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// The items this profile is not asked, each with the reason.
    pub fn not_asked(&self, profile: Option<&Profile>) -> Vec<NotAsked> {
        self.items
            .iter()
            .filter(|i| !i.asked(profile))
            .filter_map(|i| {
                Some(NotAsked {
                    id: i.id.clone(),
                    prompt: i.prompt.clone(),
                    reason: i.when?.not_asked_reason(),
                })
            })
            .collect()
    }
}

/// The keys a question-set file may hold, from the structs below.
fn set_shape() -> Shape {
    Shape {
        keys: fields_of::<RawSet>(),
        nested: vec![(
            "items",
            Shape {
                keys: fields_of::<RawItem>(),
                nested: vec![(
                    "options",
                    Shape {
                        keys: fields_of::<RawOption>(),
                        nested: vec![],
                    },
                )],
            },
        )],
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    id: Spanned<String>,
    title: Spanned<String>,
    description: Spanned<String>,
    rater: Option<Spanned<String>>,
    #[serde(default)]
    items: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    kind: Spanned<String>,
    dimension: Option<Spanned<String>>,
    side: Option<Spanned<String>>,
    reverse: Option<Spanned<bool>>,
    weight: Option<Spanned<f64>>,
    prompt: Spanned<String>,
    why: Option<Spanned<String>>,
    discuss: Option<Spanned<String>>,
    flag: Option<Spanned<String>>,
    when: Option<Spanned<String>>,
    mirrors: Option<Spanned<String>>,
    options: Option<Spanned<Vec<Spanned<RawOption>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    label: Spanned<String>,
    score: Spanned<i64>,
}

/// Collects problems against one file.
struct Checker<'a> {
    path: &'a Path,
    source: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn at<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        let pos = Position::at(self.source, spanned.span().start);
        self.problems.push(Problem::new(self.path, pos, message));
    }

    /// Checks one text field: present text must be non-empty (when required)
    /// and free of control and bidi characters.
    fn text(&mut self, field: &str, value: &Spanned<String>, required: bool) -> String {
        let text = value.get_ref();
        if required && text.trim().is_empty() {
            self.at(value, format!("`{field}` is empty"));
        }
        if let Some((index, code)) = first_forbidden(text) {
            self.at(
                value,
                format!(
                    "`{field}` contains the forbidden character {code} at character {}; control characters and bidirectional overrides are not allowed",
                    index + 1
                ),
            );
        }
        text.trim().to_string()
    }

    fn opt_text(&mut self, field: &str, value: &Option<Spanned<String>>) -> Option<String> {
        value
            .as_ref()
            .map(|v| self.text(field, v, true))
            .filter(|t| !t.is_empty())
    }
}

/// Parses and validates one question-set file. `known_flags` are the flag ids
/// an item may raise. Every problem found is returned, not just the first.
pub fn parse_set(
    path: &Path,
    source: &str,
    known_flags: &[&str],
    origin: Source,
) -> Result<QuestionSet, Vec<Problem>> {
    if source.len() > MAX_FILE_BYTES {
        return Err(vec![Problem::new(
            path,
            Position::START,
            format!(
                "file is {} bytes; question sets are limited to {MAX_FILE_BYTES} bytes (1 MiB)",
                source.len()
            ),
        )]);
    }
    // Every unknown key at once; serde would stop at the first.
    let raw: RawSet = toml::from_str(source).map_err(|e| {
        let unknown = unknown_keys(path, source, &set_shape());
        if unknown.is_empty() {
            vec![from_toml_error(path, source, &e)]
        } else {
            unknown
        }
    })?;
    let mut c = Checker {
        path,
        source,
        problems: Vec::new(),
    };

    let id = c.text("id", &raw.id, true);
    if !id.is_empty() && !is_valid_id(&id) {
        c.at(
            &raw.id,
            format!("set id \"{id}\" must use lowercase letters, digits and '-'"),
        );
    }
    let title = c.text("title", &raw.title, true);
    let description = c.text("description", &raw.description, true);
    let rater = match raw.rater.as_ref() {
        None => Rater::SelfRater,
        Some(r) => match r.get_ref().as_str() {
            "self" => Rater::SelfRater,
            "other" => Rater::Other,
            other => {
                c.at(
                    r,
                    format!("unknown rater \"{other}\"; expected \"self\" or \"other\""),
                );
                Rater::SelfRater
            }
        },
    };

    if raw.items.is_empty() {
        c.problems.push(Problem::new(
            path,
            Position::START,
            format!("set \"{id}\" has no items; add at least one [[items]] table"),
        ));
    }
    if raw.items.len() > MAX_ITEMS {
        c.problems.push(Problem::new(
            path,
            Position::START,
            format!(
                "set has {} items; the limit is {MAX_ITEMS}",
                raw.items.len()
            ),
        ));
    }

    let mut seen = HashSet::new();
    let mut items = Vec::with_capacity(raw.items.len());
    for raw_item in &raw.items {
        let item = check_item(&mut c, raw_item.get_ref(), known_flags);
        if let (Rater::SelfRater, Some(m)) = (rater, &raw_item.get_ref().mirrors) {
            c.at(
                m,
                format!(
                    "item \"{}\": `mirrors` links a rater's item to a self-assessment item; it belongs in a set with rater = \"other\"",
                    raw_item.get_ref().id.get_ref()
                ),
            );
        }
        if let (Rater::Other, Some(when)) = (rater, &raw_item.get_ref().when) {
            c.at(
                when,
                format!(
                    "item \"{}\": `when` needs the manager's profile, which a set rated by someone else (rater = \"other\") does not have",
                    item.id
                ),
            );
        }
        if !seen.insert(item.id.clone()) {
            c.at(
                &raw_item.get_ref().id,
                format!("duplicate item id \"{}\"", item.id),
            );
        }
        items.push(item);
    }

    if c.problems.is_empty() {
        Ok(QuestionSet {
            id,
            title,
            description,
            rater,
            items,
            source: origin,
            fingerprint: super::text::fingerprint(source),
        })
    } else {
        c.problems.sort_by_key(|p| p.pos);
        Err(c.problems)
    }
}

fn check_item(c: &mut Checker<'_>, raw: &RawItem, known_flags: &[&str]) -> Item {
    let id = c.text("id", &raw.id, true);
    if !id.is_empty() && !is_valid_id(&id) {
        c.at(
            &raw.id,
            format!("item id \"{id}\" must use lowercase letters, digits and '-'"),
        );
    }
    let kind = Kind::parse(raw.kind.get_ref()).unwrap_or_else(|| {
        c.at(
            &raw.kind,
            format!(
                "item \"{id}\": unknown kind \"{}\"; expected likert, frequency, choice or text",
                raw.kind.get_ref()
            ),
        );
        Kind::Likert
    });
    let prompt = c.text("prompt", &raw.prompt, true);
    let why = c.opt_text("why", &raw.why);
    let discuss = c.opt_text("discuss", &raw.discuss);

    let dimension = check_dimension(c, raw, &id, kind);
    let side = check_side(c, raw, &id, kind);
    if kind.is_scored() && why.is_none() && raw.why.is_none() {
        c.at(
            &raw.id,
            format!("item \"{id}\": `why` is required for scored items"),
        );
    }

    let reverse = raw.reverse.as_ref().is_some_and(|r| {
        if matches!(kind, Kind::Choice | Kind::Text) {
            c.at(
                r,
                format!("item \"{id}\": `reverse` applies to likert and frequency items only"),
            );
        }
        *r.get_ref()
    });
    let weight = raw.weight.as_ref().map_or(1.0, |w| {
        let value = *w.get_ref();
        if !WEIGHT_RANGE.contains(&value) {
            c.at(
                w,
                format!("item \"{id}\": weight {value} is outside 0.5 to 3.0"),
            );
        }
        value
    });
    let flag = raw.flag.as_ref().map(|f| {
        if !known_flags.contains(&f.get_ref().as_str()) {
            c.at(
                f,
                format!("item \"{id}\": unknown flag \"{}\"", f.get_ref()),
            );
        }
        f.get_ref().clone()
    });
    let options = check_options(c, raw, &id, kind);
    let when = raw.when.as_ref().and_then(|w| {
        let parsed = Condition::parse(w.get_ref());
        if parsed.is_none() {
            c.at(
                w,
                format!(
                    "item \"{id}\": unknown condition `when = \"{}\"`; expected one of {}",
                    w.get_ref(),
                    Condition::vocabulary()
                ),
            );
        }
        parsed
    });
    let mirrors = raw.mirrors.as_ref().map(|m| {
        if !is_valid_id(m.get_ref()) {
            c.at(
                m,
                format!(
                    "item \"{id}\": `mirrors = \"{}\"` must be an item id (lowercase letters, digits and '-')",
                    m.get_ref()
                ),
            );
        }
        m.get_ref().clone()
    });

    Item {
        when,
        mirrors,
        id,
        kind,
        dimension,
        side,
        reverse,
        weight,
        prompt,
        why,
        discuss,
        flag,
        options,
    }
}

fn check_dimension(c: &mut Checker<'_>, raw: &RawItem, id: &str, kind: Kind) -> Option<Dimension> {
    match (&raw.dimension, kind.is_scored()) {
        (Some(d), true) => Dimension::parse(d.get_ref()).or_else(|| {
            c.at(
                d,
                format!(
                    "item \"{id}\": unknown dimension \"{}\"; expected empathy, credibility, burnout or ownership",
                    d.get_ref()
                ),
            );
            None
        }),
        (None, true) => {
            c.at(&raw.id, format!("item \"{id}\": `dimension` is required for {} items", kind.id()));
            None
        }
        (Some(d), false) => {
            c.at(d, format!("item \"{id}\": text items are not scored and take no `dimension`"));
            None
        }
        (None, false) => None,
    }
}

fn check_side(c: &mut Checker<'_>, raw: &RawItem, id: &str, kind: Kind) -> Option<Side> {
    match (&raw.side, kind.is_scored()) {
        (Some(s), _) => Side::parse(s.get_ref()).or_else(|| {
            c.at(
                s,
                format!(
                    "item \"{id}\": unknown side \"{}\"; expected pro-coding or against-coding",
                    s.get_ref()
                ),
            );
            None
        }),
        (None, true) => {
            c.at(
                &raw.id,
                format!("item \"{id}\": `side` is required for {} items", kind.id()),
            );
            None
        }
        (None, false) => None,
    }
}

fn check_options(c: &mut Checker<'_>, raw: &RawItem, id: &str, kind: Kind) -> Vec<ChoiceOption> {
    let Some(options) = &raw.options else {
        if kind == Kind::Choice {
            c.at(
                &raw.id,
                format!("item \"{id}\": a choice item needs at least 2 options"),
            );
        }
        return Vec::new();
    };
    if kind != Kind::Choice {
        c.at(
            options,
            format!("item \"{id}\": only choice items take `options`"),
        );
        return Vec::new();
    }
    let list = options.get_ref();
    if list.len() < 2 {
        c.at(
            options,
            format!(
                "item \"{id}\": a choice item needs at least 2 options, found {}",
                list.len()
            ),
        );
    } else if list.len() > 7 {
        c.at(
            options,
            format!(
                "item \"{id}\": a choice item takes at most 7 options, found {}",
                list.len()
            ),
        );
    }
    list.iter()
        .map(|o| {
            let o = o.get_ref();
            let label = c.text("label", &o.label, true);
            let score = *o.score.get_ref();
            if !(1..=5).contains(&score) {
                c.at(
                    &o.score,
                    format!("item \"{id}\": option score {score} is outside 1 to 5"),
                );
            }
            ChoiceOption {
                label,
                score: score.clamp(1, 5) as u8,
            }
        })
        .collect()
}
