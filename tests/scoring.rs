//! Scoring, patterns and flags, table-driven: a tiny set and answers in,
//! scores out.

use altitude::model::catalog::Library;
use altitude::model::pattern::{Pattern, classify};
use altitude::model::question_set::{Source, parse_set};
use altitude::model::scoring::{Scores, score};
use altitude::model::{Answer, AnswerSheet, Dimension, Mode, Profile, QuestionSet, Stage, assess};
use std::collections::BTreeMap;
use std::path::Path;

/// A set with two empathy items (the second reverse-keyed, weight 2), two
/// burnout items and a choice item on ownership.
fn tiny_set() -> QuestionSet {
    let src = r#"
id = "tiny"
title = "Tiny"
description = "For tests."

[[items]]
id = "e1"
kind = "likert"
dimension = "empathy"
side = "pro-coding"
prompt = "I could name the slowest build step."
why = "w"

[[items]]
id = "e2"
kind = "likert"
dimension = "empathy"
side = "pro-coding"
reverse = true
weight = 2.0
prompt = "I learn about friction second-hand."
why = "w"

[[items]]
id = "b1"
kind = "frequency"
dimension = "burnout"
side = "against-coding"
prompt = "I move 1:1s for code."
why = "w"
flag = "one-on-ones-slipping"

[[items]]
id = "b2"
kind = "frequency"
dimension = "burnout"
side = "against-coding"
prompt = "I work evenings."
why = "w"

[[items]]
id = "o1"
kind = "choice"
dimension = "ownership"
side = "against-coding"
prompt = "Who made the last big call?"
why = "w"
[[items.options]]
label = "The team"
score = 1
[[items.options]]
label = "Me"
score = 5

[[items]]
id = "t"
kind = "text"
prompt = "Anything else?"
"#;
    parse_set(
        Path::new("tiny.toml"),
        src,
        &["one-on-ones-slipping"],
        Source::BuiltIn,
    )
    .expect("valid tiny set")
}

fn answers(pairs: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

use Answer::{NotApplicable as NA, Value as V};

#[test]
fn scoring_table() {
    let set = tiny_set();
    // (answers, empathy, burnout, ownership)
    type Row = (
        Vec<(&'static str, Answer)>,
        Option<u8>,
        Option<u8>,
        Option<u8>,
    );
    let rows: Vec<Row> = vec![
        // e1=5 -> keyed 5 (1.0); e2=1 reversed -> keyed 5 (1.0): 100.
        (vec![("e1", V(5)), ("e2", V(1))], Some(100), None, None),
        // e1=1 (0.0, w1), e2=1 reversed -> 5 (1.0, w2): 2/3 -> 67.
        (vec![("e1", V(1)), ("e2", V(1))], Some(67), None, None),
        // e1=3 (0.5, w1), e2=5 reversed -> 1 (0.0, w2): 0.5/3 -> 17.
        (vec![("e1", V(3)), ("e2", V(5))], Some(17), None, None),
        // Only one answer: no score, never 0.
        (vec![("e1", V(5)), ("b1", V(5))], None, None, None),
        // N/A is left out, so one answered item gives no score.
        (vec![("b1", V(4)), ("b2", NA)], None, None, None),
        (vec![("b1", V(1)), ("b2", V(5))], None, Some(50), None),
        (vec![("b1", V(2)), ("b2", V(3))], None, Some(38), None),
        // A single choice item is one answer: no ownership score.
        (vec![("o1", V(2))], None, None, None),
    ];
    for (given, empathy, burnout, ownership) in rows {
        let s = score(&set, &answers(&given));
        assert_eq!(
            s.value(Dimension::Empathy),
            empathy,
            "empathy for {given:?}"
        );
        assert_eq!(
            s.value(Dimension::Burnout),
            burnout,
            "burnout for {given:?}"
        );
        assert_eq!(
            s.value(Dimension::Ownership),
            ownership,
            "ownership for {given:?}"
        );
    }
}

#[test]
fn contributions_show_keying_and_weights() {
    let set = tiny_set();
    let s = score(&set, &answers(&[("e1", V(4)), ("e2", V(2))]));
    let c = &s.get(Dimension::Empathy).contributions;
    assert_eq!(c.len(), 2);
    assert_eq!(
        (c[1].raw, c[1].keyed, c[1].reverse, c[1].weight),
        (2, 4, true, 2.0)
    );
    assert_eq!(s.get(Dimension::Empathy).items, 2);
    assert_eq!(s.get(Dimension::Credibility).items, 0);
}

fn scores(e: Option<u8>, c: Option<u8>, b: Option<u8>, o: Option<u8>) -> Scores {
    let mk = |v: Option<u8>| altitude::model::DimensionScore {
        score: v,
        answered: if v.is_some() { 4 } else { 0 },
        items: 4,
        needed: 2,
        measured: true,
        contributions: Vec::new(),
    };
    Scores([mk(e), mk(c), mk(b), mk(o)])
}

fn profile(reports: u16, coding_share: u8, critical_path: bool, stage: Stage) -> Profile {
    Profile {
        reports,
        coding_share,
        critical_path,
        stage,
    }
}

#[test]
fn pattern_table() {
    use Pattern::*;
    let rows = [
        (
            scores(Some(80), Some(75), Some(20), Some(10)),
            profile(8, 0, false, Stage::Scale),
            Multiplier,
        ),
        // Strong, coding off the critical path with up to 10 reports: a
        // sustainable hybrid, with team size as the tripwire.
        (
            scores(Some(60), Some(60), Some(39), Some(39)),
            profile(8, 10, false, Stage::Growth),
            SustainablePlayerCoach,
        ),
        (
            scores(Some(83), Some(84), Some(50), Some(30)),
            profile(9, 25, false, Stage::Growth),
            SustainablePlayerCoach,
        ),
        // The same scores without code: a multiplier, even with burnout in
        // the middle.
        (
            scores(Some(83), Some(84), Some(50), Some(30)),
            profile(9, 0, false, Stage::Growth),
            Multiplier,
        ),
        // Burnout at 60 or ownership at 40 is not healthy any more.
        (
            scores(Some(83), Some(84), Some(60), Some(30)),
            profile(9, 25, false, Stage::Growth),
            StretchedThin,
        ),
        (
            scores(Some(83), Some(84), Some(50), Some(40)),
            profile(9, 25, false, Stage::Growth),
            Steady,
        ),
        // One of empathy and credibility weak and the other not strong.
        (
            scores(Some(33), Some(42), Some(25), Some(6)),
            profile(7, 0, false, Stage::Growth),
            Drifting,
        ),
        (
            scores(Some(33), Some(60), Some(25), Some(6)),
            profile(7, 0, false, Stage::Growth),
            Steady,
        ),
        (
            scores(Some(50), Some(50), Some(20), Some(20)),
            profile(4, 20, false, Stage::Early),
            SustainablePlayerCoach,
        ),
        // Critical path breaks the sustainable hybrid.
        (
            scores(Some(80), Some(80), Some(20), Some(20)),
            profile(4, 20, true, Stage::Early),
            Multiplier,
        ),
        (
            scores(Some(50), Some(50), Some(60), Some(20)),
            profile(12, 40, true, Stage::Growth),
            PlayerCoachTrap,
        ),
        (
            scores(Some(50), Some(50), Some(20), Some(70)),
            profile(3, 30, false, Stage::Early),
            PlayerCoachTrap,
        ),
        (
            scores(Some(50), Some(50), Some(75), Some(20)),
            profile(9, 5, false, Stage::Scale),
            StretchedThin,
        ),
        (
            scores(Some(30), Some(20), Some(10), Some(30)),
            profile(9, 0, false, Stage::Scale),
            Drifting,
        ),
        (
            scores(Some(30), Some(20), Some(45), Some(30)),
            profile(9, 0, false, Stage::Scale),
            Steady,
        ),
        (
            scores(Some(50), Some(50), Some(30), None),
            profile(9, 0, false, Stage::Scale),
            Steady,
        ),
        (
            scores(None, None, None, None),
            profile(9, 0, false, Stage::Scale),
            Steady,
        ),
        (
            scores(None, None, Some(90), None),
            profile(9, 0, false, Stage::Scale),
            StretchedThin,
        ),
        // The essays' team-size rules: player/coach territory even with calm
        // scores. Critical-path work with more than 5 reports...
        (
            scores(Some(50), Some(50), Some(45), Some(45)),
            profile(12, 40, true, Stage::Growth),
            PlayerCoachTrap,
        ),
        (
            scores(Some(70), Some(70), Some(20), Some(20)),
            profile(6, 0, true, Stage::Early),
            PlayerCoachTrap,
        ),
        // ...or any coding with more than 10.
        (
            scores(Some(70), Some(70), Some(20), Some(20)),
            profile(11, 5, false, Stage::Scale),
            PlayerCoachTrap,
        ),
        (
            scores(Some(50), Some(50), Some(75), Some(20)),
            profile(11, 5, false, Stage::Scale),
            PlayerCoachTrap,
        ),
        // At 10 reports the rule does not apply: a quarter of the week in code
        // is a sustainable player/coach, a light 5% with both risks low a
        // multiplier (the team's work does not wait on that code).
        (
            scores(Some(70), Some(70), Some(20), Some(20)),
            profile(10, 25, false, Stage::Scale),
            SustainablePlayerCoach,
        ),
        (
            scores(Some(70), Some(70), Some(20), Some(20)),
            profile(10, 5, false, Stage::Scale),
            Multiplier,
        ),
        // Light coding with burnout only moderate stays a sustainable hybrid.
        (
            scores(Some(70), Some(70), Some(50), Some(20)),
            profile(10, 5, false, Stage::Scale),
            SustainablePlayerCoach,
        ),
    ];
    for (s, p, expected) in rows {
        assert_eq!(classify(&s, &p), expected, "{s:?} {p:?}");
    }
}

fn sheet(set: &str, p: Profile, pairs: &[(&str, Answer)]) -> AnswerSheet {
    AnswerSheet {
        set: set.into(),
        mode: Mode::Solo,
        profile: Some(p),
        answers: answers(pairs),
        rater: None,
    }
}

#[test]
fn flags_name_the_answers_that_raised_them() {
    let mut lib = Library::builtin().unwrap();
    let set = tiny_set();
    lib.sets.push(set.clone());
    let a = assess(
        &lib,
        &set,
        &sheet(
            "tiny",
            profile(12, 35, true, Stage::Growth),
            &[("b1", V(4)), ("b2", V(5))],
        ),
    );
    let flag = |id: &str| {
        a.flags
            .iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no {id}: {:?}", a.flags))
    };
    // The wide-span flags say the same thing: one is shown, with both
    // flags' evidence, and it covers the narrower ones.
    let span = flag("critical-path-wide-span");
    assert_eq!(
        span.raised_by,
        ["critical_path = yes", "reports = 12", "coding_share = 35%"]
    );
    assert_eq!(
        span.covers,
        ["wide-span-still-coding", "large-coding-share"]
    );
    // 1:1s slipping is part of high burnout, not a second flag beside it.
    let burnout = flag("burnout-high");
    assert!(
        burnout
            .raised_by
            .contains(&"burnout score = 88".to_string())
    );
    assert!(
        burnout
            .raised_by
            .iter()
            .any(|e| e.ends_with(": Often (raises burnout risk)") && e.starts_with('"'))
    );
    assert_eq!(burnout.covers, ["one-on-ones-slipping"]);
    let ids: Vec<&str> = a.flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["critical-path-wide-span", "burnout-high"]);
    assert!(
        a.flags.iter().all(|f| f.id != "critical-path"),
        "wide-span version only"
    );

    let calm = assess(
        &lib,
        &set,
        &sheet(
            "tiny",
            profile(4, 10, false, Stage::Early),
            &[("b1", V(1)), ("b2", V(2))],
        ),
    );
    assert!(calm.flags.is_empty(), "{:?}", calm.flags);
    // Team size and coding share alone are a tripwire, not split focus:
    // calm burnout and ownership answers raise no flag.
    let sized_only = assess(
        &lib,
        &set,
        &sheet(
            "tiny",
            profile(7, 20, false, Stage::Growth),
            &[("b1", V(3)), ("b2", V(2))],
        ),
    );
    assert!(sized_only.flags.is_empty(), "{:?}", sized_only.flags);
    // An answer that shows the strain (evenings "Often") does raise it, and
    // the flag quotes that answer beside the profile.
    let split = assess(
        &lib,
        &set,
        &sheet(
            "tiny",
            profile(7, 20, false, Stage::Growth),
            &[("b1", V(3)), ("b2", V(4))],
        ),
    );
    assert_eq!(
        split
            .flags
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>(),
        ["split-focus"]
    );
    assert_eq!(split.flags[0].raised_by.len(), 3, "{:?}", split.flags[0]);
    assert!(
        split.flags[0].raised_by[2].starts_with("\"I work evenings.\": Often"),
        "{:?}",
        split.flags[0]
    );
}

#[test]
fn suggestions_explain_themselves_and_respect_context() {
    let lib = Library::builtin().unwrap();
    assert!(lib.practices.len() >= 25);
    let core = lib.set("core").unwrap();
    let worst: Vec<(&str, Answer)> = core
        .scored_items()
        .map(|i| {
            (
                i.id.as_str(),
                V(if i.dimension.unwrap().is_risk() != i.reverse {
                    5
                } else {
                    1
                }),
            )
        })
        .collect();
    let trapped = assess(
        &lib,
        core,
        &sheet("core", profile(3, 50, false, Stage::Early), &worst),
    );
    assert_eq!(
        trapped.pattern.as_ref().unwrap().0,
        Pattern::PlayerCoachTrap
    );
    assert!(trapped.suggestions.iter().all(|s| !s.implementation));
    assert!(
        trapped
            .suggestions
            .iter()
            .all(|s| s.why.contains("/100") && s.why.contains("Player/coach trap"))
    );
    let ids: std::collections::HashSet<_> = trapped.suggestions.iter().map(|s| &s.id).collect();
    assert_eq!(ids.len(), trapped.suggestions.len(), "no duplicates");
}

#[test]
fn every_practice_is_complete_and_implementation_is_fenced() {
    let lib = Library::builtin().unwrap();
    for p in &lib.practices {
        assert!(!p.title.is_empty() && !p.summary.is_empty(), "{}", p.id);
        assert!(
            (2..=4).contains(&p.steps.len()),
            "{} has {} steps",
            p.id,
            p.steps.len()
        );
        assert!(!p.serves.is_empty(), "{}", p.id);
        if p.implementation {
            assert!(
                p.max_reports.is_none_or(|m| m <= 10),
                "{} must be limited to teams of 10 or fewer",
                p.id
            );
            let text = format!("{} {}", p.summary, p.steps.join(" ")).to_lowercase();
            assert!(
                text.contains("critical path"),
                "{} must say to keep off the critical path",
                p.id
            );
        }
    }
    for d in Dimension::ALL {
        assert!(
            lib.practices
                .iter()
                .filter(|p| p.serves.contains(&d))
                .count()
                >= 5,
            "{d}"
        );
    }
}
