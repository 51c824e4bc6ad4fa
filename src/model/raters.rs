//! Many raters, with anonymity: who rated the manager (their perspective),
//! how their ratings are grouped, and what a group may show. A group of peers
//! or reports shows nothing but its size until enough people answered that no
//! one answer can be worked out; under that, its answers are left out of
//! every figure, not folded into another.

use super::answers::{Answer, AnswerSheet, parse_sheet};
use super::assessment::{Assessment, assess};
use super::catalog::Library;
use super::dimension::Dimension;
use super::form;
use super::location::{Position, Problem, Problems};
use super::perspective::Perspective;
use super::question_set::Rater;
use super::question_set::{Item, Kind, QuestionSet};
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The minimum group sizes in use: the floors, raised by `config.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Minimums {
    pub peer: Option<usize>,
    pub report: Option<usize>,
}

impl Minimums {
    /// The minimum for `p`: the configured one, never below the floor.
    pub fn of(self, p: Perspective) -> usize {
        let configured = match p {
            Perspective::Peer => self.peer,
            Perspective::Report => self.report,
            _ => None,
        };
        configured.unwrap_or(0).max(p.floor())
    }
}

/// Self minus others at which a difference becomes a talking point.
pub const FINDING_GAP: i16 = 20;

/// What a difference between self and a group means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// You see more strength, or less risk, than they do.
    BlindSpot,
    /// They see more empathy or credibility than you do.
    HiddenStrength,
    /// You report more load or drift than they see.
    HiddenStrain,
}

impl FindingKind {
    pub fn title(self) -> &'static str {
        match self {
            FindingKind::BlindSpot => "Blind spot",
            FindingKind::HiddenStrength => "Hidden strength",
            FindingKind::HiddenStrain => "Hidden strain",
        }
    }

    /// How self and the group compare, for `dim` and the group `p`.
    pub fn explain(self, dim: Dimension, p: Perspective) -> String {
        let name = dim.title().to_lowercase();
        let group = p.group();
        let (see, rate, does) = if p.is_one() {
            ("sees", "rates", "does")
        } else {
            ("see", "rate", "do")
        };
        match self {
            FindingKind::BlindSpot if dim.is_risk() => {
                format!("{group} {see} more {name} than you report")
            }
            FindingKind::BlindSpot => format!("you rate your {name} higher than {group} {does}"),
            FindingKind::HiddenStrength => {
                format!("{group} {rate} your {name} higher than you do")
            }
            FindingKind::HiddenStrain => format!("you report more {name} than {group} {see}"),
        }
    }

    /// The kind of a gap of `gap` (self minus group) on `dim`, if it is one.
    pub fn of(dim: Dimension, gap: i16) -> Option<FindingKind> {
        match (dim.is_risk(), gap) {
            (false, g) if g >= FINDING_GAP => Some(FindingKind::BlindSpot),
            (false, g) if g <= -FINDING_GAP => Some(FindingKind::HiddenStrength),
            (true, g) if g <= -FINDING_GAP => Some(FindingKind::BlindSpot),
            (true, g) if g >= FINDING_GAP => Some(FindingKind::HiddenStrain),
            _ => None,
        }
    }
}

/// One question behind a finding, quoted in full: the group's item, the mean
/// of their answers, and the manager's own mirrored item and answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quoted {
    pub prompt: String,
    /// How many of the group answered it (0 in attachments saved before
    /// this was kept).
    #[serde(default)]
    pub answered: usize,
    /// The group's mean answer on the item's own scale (1 to 5).
    pub group_mean: f64,
    pub group_label: String,
    /// Which way the group's answer moves the score: "raises empathy".
    pub group_effect: String,
    /// The manager's mirrored question and their answer, if they answered it.
    pub own_prompt: Option<String>,
    pub own_answer: Option<String>,
    pub own_effect: Option<String>,
}

/// Which way a keyed answer (1 to 5) moves a dimension's score.
fn effect(keyed: f64, dim: Dimension) -> String {
    let name = dim.title().to_lowercase();
    if keyed > 3.0 {
        format!("raises {name}")
    } else if keyed < 3.0 {
        format!("lowers {name}")
    } else {
        format!("leaves {name} in the middle")
    }
}

/// A blind spot, hidden strength or hidden strain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub dimension: Dimension,
    pub own: u8,
    pub group: u8,
    pub gap: i16,
    pub summary: String,
    pub questions: Vec<Quoted>,
}

/// A group's figures, present only at or over its minimum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    /// The mean of the raters' dimension scores, per dimension.
    pub scores: BTreeMap<Dimension, Option<u8>>,
    /// Self minus the group, per dimension with both scores.
    pub gaps: BTreeMap<Dimension, Option<i16>>,
    pub findings: Vec<Finding>,
    /// Free-text comments, in an order that does not follow the files.
    pub comments: Vec<String>,
}

/// One perspective's group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub perspective: Perspective,
    pub raters: usize,
    pub min: usize,
    pub figures: Option<GroupFigures>,
}

/// One rater's answers, scored against their set.
#[derive(Debug, Clone)]
pub struct Rating {
    pub perspective: Perspective,
    pub sheet: AnswerSheet,
    pub assessment: Assessment,
}

/// Raters' answers attached to a session: the groups as aggregated when
/// they were attached, and nothing else. A group under its minimum keeps
/// only its count, so the answers it withheld are never stored; no file
/// name is kept either, as a name can say who rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attached {
    pub groups: Vec<Group>,
    /// How many raters' files were used.
    pub files: usize,
    pub attached: Timestamp,
}

/// Reads an answers file or a filled-in form (`source`, read from `path`)
/// against the library's sets, and scores it.
pub fn parse_answers(
    lib: &Library,
    path: &Path,
    source: &str,
) -> Result<(AnswerSheet, Assessment), Problems> {
    let sheet = if form::is_form(source) {
        form::parse(path, source, &lib.sets)?
    } else {
        parse_sheet(path, source, &lib.sets)?
    };
    let set = lib.set(&sheet.set).ok_or_else(|| {
        Problem::new(
            path,
            Position::START,
            format!("unknown set \"{}\"", sheet.set),
        )
    })?;
    let assessment = assess(lib, set, &sheet);
    Ok((sheet, assessment))
}

/// Reads one rater's file: it must be a rating of the manager, on a set for
/// raters, that says who rated.
pub fn parse_rating(lib: &Library, path: &Path, source: &str) -> Result<Rating, Problems> {
    let (sheet, assessment) = parse_answers(lib, path, source)?;
    if assessment.set.rater != Rater::Other {
        return Err(Problems::from(Problem::new(
            path,
            Position::START,
            format!(
                "\"{}\" is a self-assessment; raters' files hold answers to a set like \"coach\" or \"perception\"",
                assessment.set.id
            ),
        )));
    }
    let perspective = sheet.rater.ok_or_else(|| {
        Problem::new(
            path,
            Position::START,
            "this file does not say who rated; add `rater = \"peer\"` (coach, manager, peer or report)",
        )
    })?;
    Ok(Rating {
        perspective,
        sheet,
        assessment,
    })
}

/// Groups the ratings by perspective and works out what each may show.
/// Perspectives with no rater are left out.
pub fn aggregate(
    own: &Assessment,
    own_answers: &BTreeMap<String, Answer>,
    ratings: &[Rating],
    minimums: Minimums,
) -> Vec<Group> {
    Perspective::ALL
        .into_iter()
        .filter_map(|p| {
            let members: Vec<&Rating> = ratings.iter().filter(|r| r.perspective == p).collect();
            if members.is_empty() {
                return None;
            }
            let min = minimums.of(p);
            let figures =
                (members.len() >= min).then(|| figures(own, own_answers, p, &members, min));
            Some(Group {
                perspective: p,
                raters: members.len(),
                min,
                figures,
            })
        })
        .collect()
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn figures(
    own: &Assessment,
    own_answers: &BTreeMap<String, Answer>,
    p: Perspective,
    members: &[&Rating],
    min: usize,
) -> GroupFigures {
    let mut scores = BTreeMap::new();
    let mut gaps = BTreeMap::new();
    let mut findings = Vec::new();
    for dim in Dimension::ALL {
        // A group's score needs as many raters with a score as the group's
        // minimum: three reports of whom one answered the burnout questions
        // must not show that one report's burnout score as the group's.
        let rated: Vec<f64> = members
            .iter()
            .filter_map(|r| r.assessment.scores.value(dim).map(f64::from))
            .collect();
        let group = (rated.len() >= min)
            .then(|| mean(rated.into_iter()))
            .flatten()
            .map(|m| m.round().clamp(0.0, 100.0) as u8);
        let own_score = own.scores.value(dim);
        let gap = own_score
            .zip(group)
            .map(|(o, g)| i16::from(o) - i16::from(g));
        scores.insert(dim, group);
        gaps.insert(dim, gap);
        if let (Some(o), Some(g), Some(gap)) = (own_score, group, gap)
            && let Some(kind) = FindingKind::of(dim, gap)
        {
            findings.push(Finding {
                kind,
                dimension: dim,
                own: o,
                group: g,
                gap,
                summary: kind.explain(dim, p),
                questions: quoted(own, own_answers, members, min, dim, gap),
            });
        }
    }
    let mut comments: Vec<String> = members
        .iter()
        .flat_map(|r| {
            r.sheet.answers.iter().filter_map(|(id, a)| match a {
                Answer::Text(t) if !t.trim().is_empty() => r
                    .assessment
                    .set
                    .item(id)
                    .filter(|i| i.kind == Kind::Text)
                    .map(|_| t.trim().to_string()),
                _ => None,
            })
        })
        .collect();
    // Sorted, so the order says nothing about which file a comment came from.
    comments.sort();
    GroupFigures {
        scores,
        gaps,
        findings,
        comments,
    }
}

/// The (up to three) questions that pull hardest in the gap's direction,
/// with the group's mean answer and the manager's mirrored answer.
fn quoted(
    own: &Assessment,
    own_answers: &BTreeMap<String, Answer>,
    members: &[&Rating],
    min: usize,
    dim: Dimension,
    gap: i16,
) -> Vec<Quoted> {
    let Some(set) = members.first().map(|r| &r.assessment.set) else {
        return Vec::new();
    };
    let mut rows: Vec<(f64, Quoted)> =
        set.items_in(dim)
            .filter_map(|item| {
                let answers: Vec<f64> = members
                    .iter()
                    .filter_map(|r| match r.sheet.answers.get(&item.id) {
                        Some(Answer::Value(v)) => Some(f64::from(*v)),
                        _ => None,
                    })
                    .collect();
                // A question fewer than the minimum answered is not quoted:
                // its mean would be one person's answer.
                if answers.len() < min {
                    return None;
                }
                let answered = answers.len();
                let raw = mean(answers.into_iter())?;
                let keyed = mean(members.iter().filter_map(
                    |r| match r.sheet.answers.get(&item.id) {
                        Some(Answer::Value(v)) => item.fraction(*v).map(|f| 1.0 + 4.0 * f),
                        _ => None,
                    },
                ))?;
                let mirror = item.mirrors.as_deref().and_then(|id| own.set.item(id));
                let own_keyed = mirror.and_then(|m| match own_answers.get(&m.id) {
                    Some(Answer::Value(v)) => m.fraction(*v).map(|f| 1.0 + 4.0 * f),
                    _ => None,
                });
                // How far this question pulls the way the gap goes (self minus group).
                let pull = match own_keyed {
                    Some(o) => (o - keyed) * f64::from(gap.signum()),
                    None => (3.0 - keyed) * f64::from(gap.signum()),
                };
                Some((
                    pull,
                    Quoted {
                        prompt: item.prompt.clone(),
                        answered,
                        group_mean: (raw * 10.0).round() / 10.0,
                        group_label: label_near(item, raw),
                        group_effect: effect(keyed, dim),
                        own_prompt: mirror.map(|m| m.prompt.clone()),
                        own_answer: mirror.and_then(|m| describe(m, own_answers.get(&m.id))),
                        own_effect: own_keyed.map(|k| effect(k, dim)),
                    },
                ))
            })
            .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    rows.into_iter()
        .filter(|(pull, _)| *pull > 0.0)
        .take(3)
        .map(|(_, q)| q)
        .collect()
}

/// The scale label nearest a mean answer: 3.7 -> "Agree".
fn label_near(item: &Item, raw: f64) -> String {
    let nearest = raw.round().clamp(1.0, f64::from(item.scale_len())) as u8;
    item.label(nearest).unwrap_or("").to_string()
}

/// An answer in words: "Agree", "not applicable", or none if skipped.
fn describe(item: &Item, answer: Option<&Answer>) -> Option<String> {
    match answer? {
        Answer::Value(v) => item.label(*v).map(str::to_string),
        Answer::NotApplicable => Some("not applicable / don't know".into()),
        Answer::Text(_) => None,
    }
}

/// Every rater set in `sets` must mirror items that exist in the self set
/// `own`, on the same dimension. Returns the mismatches, for tests and
/// `validate`-style checks of the built-in library.
pub fn mirror_problems(rater_set: &QuestionSet, own: &QuestionSet) -> Vec<String> {
    rater_set
        .items
        .iter()
        .filter_map(|item| {
            let target = item.mirrors.as_deref()?;
            match own.item(target) {
                None => Some(format!(
                    "{}: item \"{}\" mirrors \"{target}\", which is not in \"{}\"",
                    rater_set.id, item.id, own.id
                )),
                Some(m) if m.dimension != item.dimension => Some(format!(
                    "{}: item \"{}\" mirrors \"{target}\" on another dimension",
                    rater_set.id, item.id
                )),
                Some(_) => None,
            }
        })
        .collect()
}
