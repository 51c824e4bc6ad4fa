//! The high layer: raw, type-checked fields (`low`) checked for meaning
//! into a `QuestionSet`. Every problem goes to the reader; a field that
//! failed lower down is simply absent here, so nothing is reported twice.

use super::low::{RawItem, RawScale, RawSet};
use super::{
    ChoiceOption, DEFAULT_MIN_SHARE, Item, Kind, POINTS, QuestionSet, Rater, Report, ResponseScale,
    Rollup, Scale, Source,
};
use crate::model::condition::Condition;
use crate::model::dimension::{Dimension, Side};
use crate::model::text::{first_forbidden, is_valid_id};
use crate::model::toml_walk::Reader;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use toml::Spanned;

/// Set-level switches, read before the items that depend on them.
struct Switches {
    rater: Rater,
    sides: bool,
    why: bool,
    /// The fixed scales, shared by every likert and frequency item.
    likert: Arc<ResponseScale>,
    frequency: Arc<ResponseScale>,
}

/// Checks one text field: present text must be non-empty (when required)
/// and free of control and bidi characters.
fn text(r: &Reader<'_>, field: &str, value: &Spanned<String>) -> String {
    text_in(r, "", field, value)
}

/// `text`, for a field of `place` (`item "wb3"`), which the messages name.
fn text_in(r: &Reader<'_>, place: &str, field: &str, value: &Spanned<String>) -> String {
    let at = if place.is_empty() {
        String::new()
    } else {
        format!("{place}: ")
    };
    let t = value.get_ref();
    if t.trim().is_empty() {
        r.on(value, format!("{at}`{field}` is empty"));
    }
    if let Some((index, code)) = first_forbidden(t) {
        r.on(
            value,
            format!(
                "{at}`{field}` contains the forbidden character {code} at character {}; control characters and bidirectional overrides are not allowed",
                index + 1
            ),
        );
    }
    t.trim().to_string()
}

/// The `id` of a set or an item: text, in lowercase letters, digits and '-'.
fn checked_id(r: &Reader<'_>, raw: &Option<Spanned<String>>, what: &str) -> String {
    let id = raw.as_ref().map(|v| text(r, "id", v)).unwrap_or_default();
    if let Some(raw_id) = raw
        && !id.is_empty()
        && !is_valid_id(&id)
    {
        r.on(
            raw_id,
            format!("{what} id \"{id}\" must use lowercase letters, digits and '-'"),
        );
    }
    id
}

fn opt_text(r: &Reader<'_>, field: &str, value: &Option<Spanned<String>>) -> Option<String> {
    opt_text_in(r, "", field, value)
}

/// The longest `short` name an item may have.
pub const SHORT_MAX: usize = 60;

fn opt_text_in(
    r: &Reader<'_>,
    place: &str,
    field: &str,
    value: &Option<Spanned<String>>,
) -> Option<String> {
    value
        .as_ref()
        .map(|v| text_in(r, place, field, v))
        .filter(|t| !t.is_empty())
}

fn dimension(r: &Reader<'_>, d: &Spanned<String>, place: &str) -> Option<Dimension> {
    Dimension::parse(d.get_ref()).or_else(|| {
        r.on(
            d,
            format!(
                "{place}: unknown dimension \"{}\"; expected empathy, credibility, burnout or ownership",
                d.get_ref()
            ),
        );
        None
    })
}

pub fn check(r: &Reader<'_>, raw: &RawSet, known_flags: &[&str]) -> QuestionSet {
    let id = checked_id(r, &raw.id, "set");
    let title = opt_text(r, "title", &raw.title).unwrap_or_default();
    let description = opt_text(r, "description", &raw.description).unwrap_or_default();
    let rater = match raw.rater.as_ref() {
        None => Rater::SelfRater,
        Some(v) => match v.get_ref().as_str() {
            "self" => Rater::SelfRater,
            "other" => Rater::Other,
            other => {
                r.on(
                    v,
                    format!("unknown rater \"{other}\"; expected \"self\" or \"other\""),
                );
                Rater::SelfRater
            }
        },
    };
    let on = |b: &Option<Spanned<bool>>| b.as_ref().is_none_or(|b| *b.get_ref());
    let switches = Switches {
        rater,
        sides: on(&raw.sides),
        why: on(&raw.why),
        likert: Arc::new(ResponseScale::likert()),
        frequency: Arc::new(ResponseScale::frequency()),
    };
    let profile = on(&raw.profile);
    if let (Rater::Other, Some(p)) = (rater, &raw.profile)
        && *p.get_ref()
    {
        r.on(
            p,
            "`profile = true` asks the manager's profile, which a set rated by someone else (rater = \"other\") does not have",
        );
    }

    if raw.item_count == 0 {
        r.at(
            0,
            format!("set \"{id}\" has no items; add at least one [[items]] table"),
        );
    }
    if raw.item_count > super::MAX_ITEMS {
        r.at(
            0,
            format!(
                "set has {} items; the limit is {}",
                raw.item_count,
                super::MAX_ITEMS
            ),
        );
    }

    let response_scales = response_scales(r, raw);
    let mut seen = HashSet::new();
    let mut items = Vec::with_capacity(raw.items.len());
    for raw_item in &raw.items {
        let item = check_item(r, raw_item, known_flags, &response_scales, &switches);
        if let Some(raw_id) = &raw_item.id
            && !item.id.is_empty()
            && !seen.insert(item.id.clone())
        {
            r.on(raw_id, format!("duplicate item id \"{}\"", item.id));
        }
        items.push(item);
    }

    let scales = scales(r, raw, &mut items);
    let min_share = raw
        .min_answered
        .as_ref()
        .map_or(DEFAULT_MIN_SHARE, |m| *m.get_ref());
    let rollup = match raw.rollup.as_ref() {
        None => Rollup::Pooled,
        Some(v) => match v.get_ref().as_str() {
            "pooled" => Rollup::Pooled,
            "scales" => Rollup::Scales,
            other => {
                r.on(
                    v,
                    format!(
                        "`rollup = \"{other}\"`: \"pooled\" (a dimension's score pools all its items) or \"scales\" (the mean of the scores of the scales that roll up into it)"
                    ),
                );
                Rollup::Pooled
            }
        },
    };
    if let (Some(v), Rollup::Scales) = (&raw.rollup, rollup)
        && !scales.iter().any(|s| s.dimension.is_some())
    {
        r.on(
            v,
            "`rollup = \"scales\"` needs at least one [[scales]] table with a `dimension`",
        );
    }
    if rollup == Rollup::Scales {
        unrolled_items(r, raw, &items, &scales);
    }
    let measures = measures(r, raw, &items);

    QuestionSet {
        id,
        title,
        description,
        rater,
        items,
        measures,
        profile: profile && rater == Rater::SelfRater,
        not_applicable: on(&raw.not_applicable),
        min_share,
        rollup,
        scales,
        instructions: opt_text(r, "instructions", &raw.instructions),
        citation: opt_text(r, "citation", &raw.citation),
        licence: opt_text(r, "licence", &raw.licence),
        source: Source::BuiltIn,
        fingerprint: String::new(),
    }
}

fn response_scales(r: &Reader<'_>, raw: &RawSet) -> BTreeMap<String, Arc<ResponseScale>> {
    let mut out = BTreeMap::new();
    for s in &raw.response_scales {
        let Some(id) = &s.id else { continue };
        let name = id.get_ref().clone();
        if !is_valid_id(&name) {
            r.on(
                id,
                format!("response scale id \"{name}\" must use lowercase letters, digits and '-'"),
            );
        }
        if ["likert", "frequency"].contains(&name.as_str()) || out.contains_key(&name) {
            r.on(
                id,
                format!("response scale \"{name}\" is already defined; give this one another id"),
            );
            continue;
        }
        let Some(labels) = &s.labels else {
            r.at(
                s.start,
                format!(
                    "response scale `{name}` is missing `labels`: {} to {} labels, lowest first",
                    POINTS.start(),
                    POINTS.end()
                ),
            );
            continue;
        };
        let list: Vec<String> = labels
            .get_ref()
            .iter()
            .map(|l| text(r, "labels", l))
            .collect();
        if !POINTS.contains(&list.len()) {
            r.on(
                labels,
                format!(
                    "response scale `{name}` has {} label{}; a response scale has {} to {} points, lowest first",
                    list.len(),
                    if list.len() == 1 { "" } else { "s" },
                    POINTS.start(),
                    POINTS.end()
                ),
            );
            continue;
        }
        let first = s.first.as_ref().map_or(1, |f| *f.get_ref() as u8);
        out.insert(
            name.clone(),
            Arc::new(ResponseScale {
                id: name,
                labels: list,
                first,
            }),
        );
    }
    out
}

fn check_item(
    r: &Reader<'_>,
    raw: &RawItem,
    known_flags: &[&str],
    response_scales: &BTreeMap<String, Arc<ResponseScale>>,
    sw: &Switches,
) -> Item {
    let id = checked_id(r, &raw.id, "item");
    let place = format!("item \"{id}\"");
    let kind = raw.kind.as_ref().map_or(Kind::Likert, |k| {
        Kind::parse(k.get_ref()).unwrap_or_else(|| {
            r.on(
                k,
                format!(
                    "{place}: unknown kind \"{}\"; expected likert, frequency, choice, text, or scale (with scale = \"...\" naming a [[response_scales]] table)",
                    k.get_ref()
                ),
            );
            Kind::Likert
        })
    });
    let prompt = raw
        .prompt
        .as_ref()
        .map(|p| text_in(r, &place, "prompt", p))
        .unwrap_or_default();
    let why = opt_text_in(r, &place, "why", &raw.why);
    let discuss = opt_text_in(r, &place, "discuss", &raw.discuss);
    let short = opt_text_in(r, &place, "short", &raw.short);
    if let (Some(s), Some(value)) = (&short, &raw.short)
        && s.chars().count() > SHORT_MAX
    {
        r.on(
            value,
            format!(
                "{place}: `short` is {} characters; a few words of at most {SHORT_MAX} name the item in a summary",
                s.chars().count()
            ),
        );
    }

    let scale = match (kind, &raw.scale) {
        (Kind::Likert, None) => Some(sw.likert.clone()),
        (Kind::Frequency, None) => Some(sw.frequency.clone()),
        (Kind::Scale, Some(s)) => match response_scales.get(s.get_ref()) {
            Some(scale) => Some(scale.clone()),
            None => {
                let known: Vec<&str> = response_scales.keys().map(String::as_str).collect();
                r.on(
                    s,
                    format!(
                        "{place}: `scale = \"{}\"` names no [[response_scales]] table in this file; {}",
                        s.get_ref(),
                        if known.is_empty() {
                            "declare one with an id and its labels".to_string()
                        } else {
                            format!("declared: {}", known.join(", "))
                        }
                    ),
                );
                None
            }
        },
        (Kind::Scale, None) => {
            r.at(
                raw.start,
                format!(
                    "{place}: kind = \"scale\" needs `scale = \"...\"`, the id of a [[response_scales]] table"
                ),
            );
            None
        }
        (_, Some(s)) => {
            r.on(
                s,
                format!(
                    "{place}: `scale` goes with kind = \"scale\"; this item is {}",
                    kind.id()
                ),
            );
            None
        }
        (Kind::Choice | Kind::Text, None) => None,
    };

    let dimension = match (&raw.dimension, kind.is_scored()) {
        (Some(d), true) => dimension(r, d, &place),
        (Some(d), false) => {
            r.on(
                d,
                format!("{place}: text items are not scored and take no `dimension`"),
            );
            None
        }
        // Whether a scored item without one belongs to a scale is checked
        // once the scales are read.
        (None, _) => None,
    };
    let side = match &raw.side {
        Some(s) if !sw.sides => {
            r.on(
                s,
                format!(
                    "{place}: this set turns sides off (`sides = false`), so items take no `side`"
                ),
            );
            None
        }
        Some(s) => Side::parse(s.get_ref()).or_else(|| {
            r.on(
                s,
                format!(
                    "{place}: unknown side \"{}\"; expected pro-coding or against-coding",
                    s.get_ref()
                ),
            );
            None
        }),
        None => {
            if kind.is_scored() && sw.sides {
                r.at(
                    raw.start,
                    format!(
                        "{place}: `side` is required for {} items (or set `sides = false` at the top of the file)",
                        kind.id()
                    ),
                );
            }
            None
        }
    };
    if kind.is_scored() && sw.why && raw.why.is_none() {
        r.at(
            raw.start,
            format!(
                "{place}: `why` is required for scored items (or set `why = false` at the top of the file)"
            ),
        );
    }

    let reverse = raw.reverse.as_ref().is_some_and(|v| {
        match kind {
            Kind::Choice => r.on(
                v,
                format!(
                    "{place}: `reverse` does not apply to a choice item, whose options carry their own scores: give the options the scores in reverse order (5 for the option that means most), or declare a [[response_scales]] table and use kind = \"scale\" with reverse = true"
                ),
            ),
            Kind::Text => r.on(v, format!("{place}: text items are not scored and take no `reverse`")),
            _ => {}
        }
        *v.get_ref()
    });
    let weight = raw.weight.as_ref().map_or(1.0, |w| *w.get_ref());
    let flag = raw.flag.as_ref().map(|f| {
        if !known_flags.contains(&f.get_ref().as_str()) {
            r.on(f, format!("{place}: unknown flag \"{}\"", f.get_ref()));
        }
        f.get_ref().clone()
    });
    let options = check_options(r, raw, &place, kind);
    let when = raw.when.as_ref().and_then(|w| {
        let parsed = Condition::parse(w.get_ref());
        if parsed.is_none() {
            r.on(
                w,
                format!(
                    "{place}: unknown condition `when = \"{}\"`; expected one of {}",
                    w.get_ref(),
                    Condition::vocabulary()
                ),
            );
        }
        if sw.rater == Rater::Other {
            r.on(
                w,
                format!(
                    "{place}: `when` needs the manager's profile, which a set rated by someone else (rater = \"other\") does not have"
                ),
            );
        }
        parsed
    });
    let mirrors = raw.mirrors.as_ref().map(|m| {
        if sw.rater == Rater::SelfRater {
            r.on(
                m,
                format!(
                    "{place}: `mirrors` links a rater's item to a self-assessment item; it belongs in a set with rater = \"other\""
                ),
            );
        }
        if !is_valid_id(m.get_ref()) {
            r.on(
                m,
                format!(
                    "{place}: `mirrors = \"{}\"` must be an item id (lowercase letters, digits and '-')",
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
        scale,
        dimension,
        side,
        reverse,
        weight,
        prompt,
        short,
        why,
        discuss,
        flag,
        options,
    }
}

fn check_options(r: &Reader<'_>, raw: &RawItem, place: &str, kind: Kind) -> Vec<ChoiceOption> {
    let Some((span, list)) = &raw.options else {
        if kind == Kind::Choice {
            r.at(
                raw.start,
                format!("{place}: a choice item needs at least 2 options"),
            );
        }
        return Vec::new();
    };
    if kind != Kind::Choice {
        r.at(
            span.start,
            format!("{place}: only choice items take `options`"),
        );
        return Vec::new();
    }
    if list.len() < 2 {
        r.at(
            span.start,
            format!(
                "{place}: a choice item needs at least 2 options, found {}",
                list.len()
            ),
        );
    } else if list.len() > 7 {
        r.at(
            span.start,
            format!(
                "{place}: a choice item takes at most 7 options, found {}",
                list.len()
            ),
        );
    }
    list.iter()
        .map(|o| {
            let label = o
                .label
                .as_ref()
                .map(|l| text(r, "label", l))
                .unwrap_or_default();
            ChoiceOption {
                label,
                score: o.score.as_ref().map_or(1, |s| *s.get_ref() as u8),
            }
        })
        .collect()
}

/// Checks the `[[scales]]` tables, and gives each item of a scale that rolls
/// up into a dimension that dimension.
fn scales(r: &Reader<'_>, raw: &RawSet, items: &mut [Item]) -> Vec<Scale> {
    let mut out: Vec<Scale> = Vec::new();
    // Which scale (if any) gave each item its dimension.
    let mut rolled: BTreeMap<String, String> = BTreeMap::new();
    for s in &raw.scales {
        let Some(id) = check_scale_id(r, s, &out) else {
            continue;
        };
        let place = format!("scale \"{id}\"");
        let label = opt_text(r, "label", &s.label).unwrap_or_default();
        let dim = s.dimension.as_ref().and_then(|d| dimension(r, d, &place));
        let report = s.report.as_ref().map_or(Report::Percent, |v| {
            Report::parse(v.get_ref()).unwrap_or_else(|| {
                r.on(
                    v,
                    format!(
                        "`report = \"{}\"` in {place}: \"percent\" (0 to 100), \"mean\" (the mean on the response scale's own values) or \"sum\"",
                        v.get_ref()
                    ),
                );
                Report::Percent
            })
        });
        let Some(list) = &s.items else {
            r.at(
                s.start,
                format!("{place} is missing `items`: the ids of its items, e.g. items = [\"p1\", \"p2\"]"),
            );
            continue;
        };
        let mut ids = Vec::new();
        for item_id in list.get_ref() {
            let Some(item) = items.iter_mut().find(|i| &i.id == item_id.get_ref()) else {
                r.on(
                    item_id,
                    format!("{place}: no item has the id \"{}\"", item_id.get_ref()),
                );
                continue;
            };
            if ids.contains(&item.id) {
                r.on(
                    item_id,
                    format!("{place}: item \"{}\" is listed twice", item.id),
                );
                continue;
            }
            if !item.kind.is_scored() {
                r.on(
                    item_id,
                    format!(
                        "{place}: item \"{}\" is a text item, which is not scored",
                        item.id
                    ),
                );
                continue;
            }
            if let Some(d) = dim {
                match (item.dimension, rolled.get(&item.id)) {
                    (Some(own), Some(other)) if own != d => r.on(
                        item_id,
                        format!(
                            "{place}: item \"{}\" already rolls up into {own} through scale \"{other}\"; an item counts towards one dimension",
                            item.id
                        ),
                    ),
                    (Some(own), None) if own != d => r.on(
                        item_id,
                        format!(
                            "{place}: item \"{}\" says dimension = \"{own}\" but this scale rolls up into {d}; remove one of the two",
                            item.id
                        ),
                    ),
                    _ => {
                        item.dimension = Some(d);
                        rolled.insert(item.id.clone(), id.clone());
                    }
                }
            }
            ids.push(item.id.clone());
        }
        if ids.is_empty() && list.get_ref().is_empty() {
            r.on(list, format!("{place} lists no items"));
        }
        let range = own_range(r, s, &place, report, &ids, items);
        out.push(Scale {
            min_share: s
                .min_answered
                .as_ref()
                .map_or(DEFAULT_MIN_SHARE, |m| *m.get_ref()),
            id,
            label,
            items: ids,
            report,
            dimension: dim,
            range,
        });
    }
    // Now every scored item must count towards something.
    for item in items.iter() {
        let in_scale = out.iter().any(|s| s.items.contains(&item.id));
        if item.kind.is_scored() && item.dimension.is_none() && !in_scale && !item.id.is_empty() {
            let listed = raw
                .items
                .iter()
                .find(|i| i.id.as_ref().is_some_and(|v| v.get_ref() == &item.id));
            let start = listed.map_or(0, |i| i.start);
            if listed.is_some_and(|i| i.dimension.is_none()) {
                r.at(
                    start,
                    format!(
                        "item \"{}\": `dimension` is required for {} items (empathy, credibility, burnout or ownership), unless the item belongs to a [[scales]] table",
                        item.id,
                        item.kind.id()
                    ),
                );
            }
        }
    }
    out
}

fn check_scale_id(r: &Reader<'_>, s: &RawScale, earlier: &[Scale]) -> Option<String> {
    let raw_id = s.id.as_ref()?;
    let id = raw_id.get_ref().trim().to_string();
    if !is_valid_id(&id) {
        r.on(
            raw_id,
            format!("scale id \"{id}\" must use lowercase letters, digits and '-'"),
        );
    }
    if earlier.iter().any(|e| e.id == id) {
        r.on(raw_id, format!("duplicate scale id \"{id}\""));
        return None;
    }
    Some(id)
}

/// A `mean` or `sum` is in the response scale's own units, so every item
/// must share one response scale.
fn own_range(
    r: &Reader<'_>,
    s: &RawScale,
    place: &str,
    report: Report,
    ids: &[String],
    items: &[Item],
) -> Option<(f64, f64)> {
    if report == Report::Percent {
        return None;
    }
    let scales: Vec<Option<&ResponseScale>> = ids
        .iter()
        .filter_map(|id| items.iter().find(|i| &i.id == id))
        .map(|i| i.scale.as_deref())
        .collect();
    let first = scales.first().copied().flatten();
    let same = scales.iter().all(|sc| match (sc, first) {
        (Some(a), Some(b)) => a.id == b.id,
        _ => false,
    });
    if !same {
        let at = s.report.as_ref().map_or(s.start, |v| v.span().start);
        r.at(
            at,
            format!(
                "`report = \"{}\"` in {place} is in the response scale's own values, so all its items must use one response scale (likert, frequency or one [[response_scales]] table); choice items or mixed scales need report = \"percent\"",
                report.id()
            ),
        );
        return None;
    }
    first.map(|sc| {
        let (lo, hi) = sc.range();
        match report {
            Report::Sum => (lo * ids.len() as f64, hi * ids.len() as f64),
            _ => (lo, hi),
        }
    })
}

/// The declared dimensions, checked against the items; or those the items
/// name.
fn measures(r: &Reader<'_>, raw: &RawSet, items: &[Item]) -> Vec<Dimension> {
    let named: Vec<Dimension> = Dimension::ALL
        .into_iter()
        .filter(|d| items.iter().any(|i| i.dimension == Some(*d)))
        .collect();
    let Some(list) = &raw.measures else {
        return named;
    };
    let mut declared = Vec::new();
    for d in list.get_ref() {
        let Some(dim) = dimension(r, d, "`measures`") else {
            continue;
        };
        if !named.contains(&dim) {
            r.on(
                d,
                format!(
                    "`measures` lists {dim}, but no item (or scale) of the set has dimension = \"{dim}\""
                ),
            );
        }
        declared.push(dim);
    }
    for dim in named {
        if !declared.contains(&dim) {
            r.on(
                list,
                format!(
                    "items of the set have dimension = \"{dim}\", but `measures` does not list {dim}"
                ),
            );
        }
    }
    Dimension::ALL
        .into_iter()
        .filter(|d| declared.contains(d))
        .collect()
}

/// With `rollup = "scales"`, a dimension's score is the mean of its scales,
/// so an item of that dimension in none of them would count for nothing.
fn unrolled_items(r: &Reader<'_>, raw: &RawSet, items: &[Item], scales: &[Scale]) {
    for item in items {
        let Some(dim) = item.dimension else { continue };
        let rolled: Vec<&Scale> = scales.iter().filter(|s| s.dimension == Some(dim)).collect();
        if rolled.is_empty() || rolled.iter().any(|s| s.items.contains(&item.id)) {
            continue;
        }
        let start = raw
            .items
            .iter()
            .find(|i| i.id.as_ref().is_some_and(|v| v.get_ref() == &item.id))
            .map_or(0, |i| i.start);
        r.at(
            start,
            format!(
                "item \"{}\" counts towards {dim}, whose score is the mean of its scales (rollup = \"scales\"), but is in none of them: add it to one, or use rollup = \"pooled\"",
                item.id
            ),
        );
    }
}
