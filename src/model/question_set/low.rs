//! The low layer: a question-set file read into raw structs, every field
//! type-checked and located, nothing about its meaning checked yet. A field
//! of the wrong type is a problem here and `None` above, so the high layer
//! (`high.rs`) still checks everything else in the same pass.

use super::MAX_ITEMS;
use crate::model::toml_walk::{Fields, Reader};
use std::ops::Range;
use toml::Spanned;
use toml::de::DeTable;

/// The keys a set file may hold at its top level.
pub const SET_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "rater",
    "measures",
    "profile",
    "sides",
    "why",
    "not_applicable",
    "min_answered",
    "rollup",
    "instructions",
    "citation",
    "licence",
    "response_scales",
    "scales",
    "items",
];
pub const ITEM_KEYS: &[&str] = &[
    "id",
    "kind",
    "scale",
    "dimension",
    "side",
    "reverse",
    "weight",
    "prompt",
    "short",
    "why",
    "discuss",
    "flag",
    "when",
    "mirrors",
    "options",
];
pub const OPTION_KEYS: &[&str] = &["label", "score"];
pub const RESPONSE_SCALE_KEYS: &[&str] = &["id", "labels", "first"];
pub const SCALE_KEYS: &[&str] = &[
    "id",
    "label",
    "items",
    "min_answered",
    "report",
    "dimension",
];

/// The range a weight must be in.
pub const WEIGHT_MIN: f64 = 0.5;
pub const WEIGHT_MAX: f64 = 3.0;

pub struct RawSet {
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub rater: Option<Spanned<String>>,
    pub measures: Option<Spanned<Vec<Spanned<String>>>>,
    pub profile: Option<Spanned<bool>>,
    pub sides: Option<Spanned<bool>>,
    pub why: Option<Spanned<bool>>,
    pub not_applicable: Option<Spanned<bool>>,
    pub min_answered: Option<Spanned<f64>>,
    pub rollup: Option<Spanned<String>>,
    pub instructions: Option<Spanned<String>>,
    pub citation: Option<Spanned<String>>,
    pub licence: Option<Spanned<String>>,
    pub response_scales: Vec<RawResponseScale>,
    pub scales: Vec<RawScale>,
    pub items: Vec<RawItem>,
    /// How many `[[items]]` tables the file has (even ones too broken to read).
    pub item_count: usize,
}

pub struct RawResponseScale {
    pub start: usize,
    pub id: Option<Spanned<String>>,
    pub labels: Option<Spanned<Vec<Spanned<String>>>>,
    pub first: Option<Spanned<i64>>,
}

pub struct RawScale {
    pub start: usize,
    pub id: Option<Spanned<String>>,
    pub label: Option<Spanned<String>>,
    pub items: Option<Spanned<Vec<Spanned<String>>>>,
    pub min_answered: Option<Spanned<f64>>,
    pub report: Option<Spanned<String>>,
    pub dimension: Option<Spanned<String>>,
}

pub struct RawItem {
    /// Where the item's table starts, for problems about the whole item.
    pub start: usize,
    pub id: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub scale: Option<Spanned<String>>,
    pub dimension: Option<Spanned<String>>,
    pub side: Option<Spanned<String>>,
    pub reverse: Option<Spanned<bool>>,
    pub weight: Option<Spanned<f64>>,
    pub prompt: Option<Spanned<String>>,
    pub short: Option<Spanned<String>>,
    pub why: Option<Spanned<String>>,
    pub discuss: Option<Spanned<String>>,
    pub flag: Option<Spanned<String>>,
    pub when: Option<Spanned<String>>,
    pub mirrors: Option<Spanned<String>>,
    /// `None` when the item has no `options` key; the span is the key's value.
    pub options: Option<(Range<usize>, Vec<RawOption>)>,
}

pub struct RawOption {
    pub label: Option<Spanned<String>>,
    pub score: Option<Spanned<i64>>,
}

/// Reads the whole file. `None` only when it is not valid TOML (the syntax
/// errors are then the reader's problems).
pub fn read(reader: &Reader<'_>) -> Option<RawSet> {
    let doc = reader.document()?;
    let top = reader.table(doc.get_ref(), doc.span(), "the set");
    top.only(SET_KEYS);
    let item_tables = top.tables("items");
    let item_count = item_tables.len();
    // Reading 100 000 broken items would only bury the first problem.
    let items = item_tables
        .into_iter()
        .take(MAX_ITEMS + 1)
        .enumerate()
        .map(|(i, (t, span))| read_item(reader, t, span, i + 1))
        .collect();
    Some(RawSet {
        id: top.required_string("id", "the set's id, e.g. id = \"burnout\""),
        title: top.required_string("title", "the set's title, shown in the picker"),
        description: top.required_string(
            "description",
            "one or two sentences: who the set is for and how long it takes",
        ),
        rater: top.string("rater"),
        measures: top.strings("measures"),
        profile: top.bool("profile"),
        sides: top.bool("sides"),
        why: top.bool("why"),
        not_applicable: top.bool("not_applicable"),
        min_answered: top.float("min_answered", 0.0..=1.0),
        rollup: top.string("rollup"),
        instructions: top.string("instructions"),
        citation: top.string("citation"),
        licence: top.string("licence"),
        response_scales: top
            .tables("response_scales")
            .into_iter()
            .map(|(t, span)| {
                let mut f = reader.table(t, span, "a [[response_scales]] table");
                let id = f.string("id");
                if let Some(id) = &id {
                    f.name(format!("response scale `{}`", id.get_ref()));
                } else {
                    f.missing("id", "a name items use with scale = \"...\"");
                }
                f.only(RESPONSE_SCALE_KEYS);
                RawResponseScale {
                    start: f.start(),
                    id,
                    labels: f.strings("labels"),
                    first: f.int("first", 0..=1),
                }
            })
            .collect(),
        scales: top
            .tables("scales")
            .into_iter()
            .map(|(t, span)| {
                let mut f = reader.table(t, span, "a [[scales]] table");
                let id = f.string("id");
                if let Some(id) = &id {
                    f.name(format!("scale `{}`", id.get_ref()));
                } else {
                    f.missing("id", "the scale's id, e.g. id = \"personal\"");
                }
                f.only(SCALE_KEYS);
                RawScale {
                    start: f.start(),
                    id,
                    label: f.required_string("label", "the scale's name as reports show it"),
                    items: f.strings("items"),
                    min_answered: f.float("min_answered", 0.0..=1.0),
                    report: f.string("report"),
                    dimension: f.string("dimension"),
                }
            })
            .collect(),
        items,
        item_count,
    })
}

fn read_item(reader: &Reader<'_>, table: &DeTable<'_>, span: Range<usize>, n: usize) -> RawItem {
    let mut f = reader.table(table, span, format!("item {n}"));
    let id = f.string("id");
    match &id {
        Some(id) => f.name(format!("item `{}`", id.get_ref())),
        None => f.missing(
            "id",
            "lowercase letters, digits and '-', unique within the set",
        ),
    }
    f.only(ITEM_KEYS);
    let options = read_options(&f);
    RawItem {
        start: f.start(),
        id,
        kind: f.required_string(
            "kind",
            "likert, frequency, choice, text, or scale (with scale = \"...\")",
        ),
        scale: f.string("scale"),
        dimension: f.string("dimension"),
        side: f.string("side"),
        reverse: f.bool("reverse"),
        weight: f.float("weight", WEIGHT_MIN..=WEIGHT_MAX),
        prompt: f.required_string("prompt", "the question as the user reads it"),
        short: f.string("short"),
        why: f.string("why"),
        discuss: f.string("discuss"),
        flag: f.string("flag"),
        when: f.string("when"),
        mirrors: f.string("mirrors"),
        options,
    }
}

fn read_options(item: &Fields<'_, '_>) -> Option<(Range<usize>, Vec<RawOption>)> {
    if !item.has("options") {
        return None;
    }
    let tables = item.tables("options");
    let span = tables
        .first()
        .map_or(item.start()..item.start(), |(_, s)| s.clone());
    let options = tables
        .into_iter()
        .enumerate()
        .map(|(i, (t, span))| {
            let f = item
                .reader()
                .table(t, span, format!("option {} of {}", i + 1, item.place()));
            f.only(OPTION_KEYS);
            if !f.has("score") {
                f.missing("score", "a whole number from 1 to 5");
            }
            RawOption {
                label: f.required_string("label", "the option's text"),
                score: f.int("score", 1..=5),
            }
        })
        .collect();
    Some((span, options))
}
