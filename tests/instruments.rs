//! Bringing your own instrument: every mistake in a set or an answers file
//! reported in one run, response scales of any length, scales and
//! subscales, and sets that measure only part of the model.

mod common;

use common::{Sandbox, fixture};

fn path(rel: &str) -> String {
    fixture(rel).display().to_string()
}

/// Each expected problem: `LINE:COL` and a part of its message.
fn assert_all_reported(output: &str, expected: &[(&str, &str)]) {
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{output}");
    for (line, (at, says)) in lines.iter().zip(expected) {
        assert!(
            line.contains(&format!(".toml:{at}: ")) && line.contains(says),
            "expected {at}: {says}\n got {line}\nin:\n{output}"
        );
    }
}

/// Sixteen mistakes of fifteen kinds, type errors among them, in one run.
#[test]
fn validate_lists_every_mistake_in_a_set_at_once() {
    let run = Sandbox::new().run(&["validate", &path("mistakes/many-mistakes.toml")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_all_reported(
        &run.stdout,
        &[
            (
                "6:1",
                "unknown field `colour` in the set, expected one of `id`",
            ),
            (
                "7:16",
                "`min_answered = 2` in the set: a number from 0 to 1",
            ),
            (
                "8:12",
                "items of the set have dimension = \"burnout\", but `measures` does not list burnout",
            ),
            (
                "8:13",
                "`measures` lists empathy, but no item (or scale) of the set has dimension = \"empathy\"",
            ),
            (
                "12:10",
                "response scale `agree1` has 1 label; a response scale has 2 to 11 points",
            ),
            ("17:17", "scale \"energy\": no item has the id \"nope\""),
            (
                "18:10",
                "`report = \"median\"` in scale \"energy\": \"percent\" (0 to 100), \"mean\"",
            ),
            ("27:11", "`reverse = \"yes\"` in item `wb1`: true or false"),
            (
                "32:9",
                "item \"wb2\": `scale = \"agree5\"` names no [[response_scales]] table",
            ),
            ("33:13", "item \"wb2\": unknown dimension \"burnot\""),
            (
                "37:10",
                "`weight = \"heavy\"` in item `wb2`: a number from 0.5 to 3",
            ),
            (
                "44:11",
                "give the options the scores in reverse order (5 for the option that means most), or declare a [[response_scales]] table",
            ),
            (
                "49:9",
                "`score = 2.5` in option 1 of item `wb3`: a whole number from 1 to 5",
            ),
            ("55:6", "duplicate item id \"wb1\""),
            ("59:1", "unknown field `promt` in item `wb1`"),
            ("60:10", "`prompt = 42` in item `wb1`: text in quotes"),
        ],
    );
}

/// An answers file: nine mistakes, every one named with its item and value,
/// by `score` and by `validate` alike.
#[test]
fn answers_files_report_every_mistake_at_once() {
    let expected = [
        ("3:8", "unknown mode \"solitary\""),
        ("4:1", "unknown field `colour` in the answers file"),
        ("6:1", "[profile] is missing `critical_path`"),
        (
            "7:11",
            "`reports = -3` in [profile]: a whole number from 0 to 500",
        ),
        (
            "9:9",
            "profile stage = \"seed\" is not one of early, growth, scale",
        ),
        (
            "12:22",
            "item \"slowest-build-step\": value 2.5 is not an answer to this item; expected a whole number from 1 to 5 or \"na\"",
        ),
        (
            "13:21",
            "item \"one-on-ones-moved\": value 9 is out of range; expected a whole number from 1 to 5",
        ),
        ("14:22", "item \"own-estimate-first\": value \"often\""),
        ("15:1", "unknown item id \"no-such-item\" in set \"quick\""),
    ];
    let sandbox = Sandbox::new();
    let file = path("mistakes/answers-mistakes.toml");
    let scored = sandbox.run(&["score", "--answers", &file]);
    assert_eq!(scored.code, 1, "{}", scored.stdout);
    assert!(scored.stdout.is_empty(), "{}", scored.stdout);
    assert_all_reported(&scored.stderr, &expected);
    let validated = sandbox.run(&["validate", &file]);
    assert_eq!(validated.code, 1);
    assert_all_reported(&validated.stdout, &expected);
}

// The worked example in docs/FORMAT.md: a 4-point strain inventory with
// three subscales, scored by altitude and by hand.

use altitude::model::answers::parse_sheet;
use altitude::model::catalog::Library;
use altitude::model::question_set::{QuestionSet, Source, parse_set};
use altitude::model::scoring::ScaleScore;
use altitude::model::{Assessment, Dimension, assess};
use std::path::Path;

fn work_strain() -> QuestionSet {
    let file = fixture("sets/work-strain.toml");
    let text = std::fs::read_to_string(&file).expect("the fixture");
    parse_set(&file, &text, &[], Source::BuiltIn).expect("the worked example is valid")
}

fn respondent(name: &str) -> Assessment {
    let set = work_strain();
    let file = fixture(&format!("sets/work-strain-answers/{name}.toml"));
    let text = std::fs::read_to_string(&file).expect("the answers");
    let sheet = parse_sheet(&file, &text, std::slice::from_ref(&set)).expect("valid answers");
    let lib = Library::builtin().expect("the built-in library");
    assess(&lib, &set, &sheet)
}

fn scale<'a>(a: &'a Assessment, id: &str) -> &'a ScaleScore {
    a.scales.iter().find(|s| s.id == id).expect("the scale")
}

/// A 4-point item: answer 1..4, keyed, then (keyed - 1) / 3 * 100.
fn points(keyed: &[f64]) -> f64 {
    keyed.iter().map(|k| (k - 1.0) / 3.0 * 100.0).sum::<f64>() / keyed.len() as f64
}

fn close(got: Option<f64>, want: f64) {
    let got = got.expect("a score");
    assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
}

#[test]
fn respondent_a_answered_everything() {
    let a = respondent("ana");
    // Personal strain: answers 3 2 4 3 1 4.
    let personal = points(&[3.0, 2.0, 4.0, 3.0, 1.0, 4.0]);
    assert!((personal - 1100.0 / 18.0).abs() < 1e-9); // 11 of 18 steps: 61.11
    close(scale(&a, "personal").score, personal);
    // Work strain: 2 3 3 2 1 2, and w7 = 1 reverse-keyed to 5 - 1 = 4.
    let work = points(&[2.0, 3.0, 3.0, 2.0, 1.0, 2.0, 4.0]);
    assert!((work - 1000.0 / 21.0).abs() < 1e-9); // 10 of 21 steps: 47.62
    close(scale(&a, "work").score, work);
    // Supporting people, reported as the mean on 1..4: 2 2 3 1 2, and s6 = 3
    // reverse-keyed to 2: (2 + 2 + 3 + 1 + 2 + 2) / 6 = 2.
    close(scale(&a, "people").score, 2.0);
    assert_eq!(scale(&a, "people").shown(), "2.00 (1 to 4)");
    assert_eq!(scale(&a, "personal").percent, Some(61));
    assert_eq!(scale(&a, "work").percent, Some(48));
    // Burnout risk is the mean of the three on 0..100: (61.11 + 47.62 + 33.33) / 3.
    let people = (2.0 - 1.0) / 3.0 * 100.0;
    let burnout = ((personal + work + people) / 3.0).round() as u8;
    assert_eq!(burnout, 47);
    assert_eq!(a.scores.value(Dimension::Burnout), Some(burnout));
}

#[test]
fn respondent_b_skipped_some_but_stays_above_half() {
    let a = respondent("ben");
    // Personal: 4 of 6 answered (p2, p5 skipped): 4 4 3 4.
    let personal = points(&[4.0, 4.0, 3.0, 4.0]);
    close(scale(&a, "personal").score, personal); // 11 of 12 steps: 91.67
    assert_eq!(
        (scale(&a, "personal").answered, scale(&a, "personal").items),
        (4, 6)
    );
    // Work: 5 of 7 (w3, w6 skipped): 3 4 4 3, and w7 = 2 reversed to 3.
    let work = points(&[3.0, 4.0, 4.0, 3.0, 3.0]);
    close(scale(&a, "work").score, work); // 12 of 15 steps: 80
    // People: 4 of 6: 1 1 2, and s6 = 4 reversed to 1: mean 5 / 4.
    close(scale(&a, "people").score, 1.25);
    let people = (1.25 - 1.0) / 3.0 * 100.0;
    assert_eq!(
        a.scores.value(Dimension::Burnout),
        Some(((personal + work + people) / 3.0).round() as u8)
    );
    assert_eq!(a.scores.value(Dimension::Burnout), Some(60));
}

#[test]
fn respondent_c_is_below_the_minimum_share_on_one_subscale() {
    let a = respondent("cai");
    // Personal: 2 of 6 answered; a score needs half, 3 of 6.
    let personal = scale(&a, "personal");
    assert_eq!(personal.score, None);
    assert_eq!((personal.answered, personal.needed), (2, 3));
    assert_eq!(personal.shown(), "not enough answers (2 of 6)");
    // Work: 1 1 2 1 1 1, and w7 = 4 reversed to 1: 1 step of 21.
    let work = points(&[1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0]);
    close(scale(&a, "work").score, work); // 4.76
    // People: 1 2 1 1 1, and s6 = 3 reversed to 2: mean 8 / 6.
    close(scale(&a, "people").score, 8.0 / 6.0);
    assert_eq!(scale(&a, "people").shown(), "1.33 (1 to 4)");
    // Burnout risk averages only the subscales that have a score.
    let people = (8.0 / 6.0 - 1.0) / 3.0 * 100.0;
    assert_eq!(
        a.scores.value(Dimension::Burnout),
        Some(((work + people) / 2.0).round() as u8)
    );
    assert_eq!(a.scores.value(Dimension::Burnout), Some(8));
}

/// The instrument measures burnout only: the other three are left out, it
/// names no pattern (it asks no profile) and says why.
#[test]
fn a_burnout_only_instrument_leaves_the_rest_out_and_names_no_pattern() {
    let a = respondent("ana");
    for d in [
        Dimension::Empathy,
        Dimension::Credibility,
        Dimension::Ownership,
    ] {
        assert!(!a.scores.get(d).measured, "{d}");
    }
    assert!(a.pattern.is_none());
    assert!(a.suggestions.is_empty());
    assert!(
        a.no_pattern
            .as_deref()
            .is_some_and(|w| w.contains("does not ask the profile")),
        "{:?}",
        a.no_pattern
    );
}

/// A sandbox whose config holds the worked example as the user's own set.
fn with_work_strain() -> Sandbox {
    let sandbox = Sandbox::new();
    let questions = sandbox.config().join("questions");
    std::fs::create_dir_all(&questions).unwrap();
    std::fs::copy(
        fixture("sets/work-strain.toml"),
        questions.join("work-strain.toml"),
    )
    .unwrap();
    sandbox
}

/// What a coach sees from the command line: every export carries the
/// subscales, and JSON keeps its old keys.
#[test]
fn every_export_shows_the_subscales() {
    let sandbox = with_work_strain();
    let answers = path("sets/work-strain-answers/cai.toml");
    let config = sandbox.config().display().to_string();
    let run = |format: &str| {
        let run = sandbox.run(&[
            "--config-dir",
            &config,
            "score",
            "--answers",
            &answers,
            "--format",
            format,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let text = run("text");
    assert!(
        text.contains("Personal strain: not enough answers (2 of 6)"),
        "{text}"
    );
    assert!(
        text.contains("Strain from supporting people: 1.33 (1 to 4)"),
        "{text}"
    );
    assert!(text.contains("Not measured by this set: Empathy, Credibility, Ownership risk."));
    assert!(!text.contains("Empathy  "), "{text}");
    assert!(text.contains("Licence: CC0"), "{text}");
    // The method says how burnout came from the subscales, with the figures
    // a reader can check by hand, and quotes each subscale's questions.
    assert!(
        text.contains("the mean of its subscales: (Work strain 4.8 + Strain from supporting people 11.1) / 2 = 7.9, shown 8; left out for too few answers: Personal strain"),
        "{text}"
    );
    assert!(text.contains("(p2): not answered"), "{text}");
    // The coach's own instrument borrows nothing from the essays behind the
    // built-in sets, so its report does not list them as its sources.
    assert!(
        !text.contains("Sources") && !text.contains("Lasn"),
        "{text}"
    );
    let markdown = run("markdown");
    assert!(markdown.contains("## Scales"), "{markdown}");
    assert!(
        markdown.contains("Work strain: 5 (7 of 7 answered"),
        "{markdown}"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["dimensions"]["burnout"]["score"], 8);
    assert_eq!(json["dimensions"]["empathy"]["measured"], false);
    assert_eq!(json["licence"], "CC0: free to use, copy and adapt");
    assert!(
        json["citation"]
            .as_str()
            .is_some_and(|c| c.contains("worked example")),
        "{json}"
    );
    assert_eq!(
        json["dimensions"]["empathy"]["score"],
        serde_json::Value::Null
    );
    let scales = json["scales"].as_array().expect("scales");
    assert_eq!(scales.len(), 3);
    assert_eq!(scales[0]["id"], "personal");
    assert_eq!(scales[0]["score"], serde_json::Value::Null);
    assert_eq!(scales[2]["report"], "mean");
    assert!(json["no_pattern"].is_string());
}

/// The worked example in accessible mode: its instructions come first, no
/// profile is asked, "not applicable" is not offered, and the saved session
/// keeps the subscales as shown.
#[test]
fn the_worked_example_in_accessible_mode() {
    use std::io::Write;
    let sandbox = with_work_strain();
    // Respondent A's answers, one "0" refused first, then results, no
    // commitments, save.
    let mut input = String::from("0\n");
    for v in [3, 2, 4, 3, 1, 4, 2, 3, 3, 2, 1, 2, 1, 2, 2, 3, 1, 2, 3] {
        input.push_str(&format!("{v}\n"));
    }
    input.push_str("\n\n");
    let config = sandbox.config().display().to_string();
    let mut child = sandbox
        .command(&[
            "--config-dir",
            &config,
            "start",
            "--set",
            "work-strain",
            "--accessible",
        ])
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run altitude");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    let instructions = said.find("Instructions: Think about the last four weeks.");
    let first = said.find("Question 1 of 19");
    assert!(
        instructions.is_some() && instructions < first,
        "instructions before the first question:\n{said}"
    );
    assert!(!said.contains("reports do you have"), "{said}");
    assert!(!said.contains("Not applicable"), "{said}");
    assert!(
        said.contains("There is no answer 0: type 1 to 4."),
        "{said}"
    );
    assert!(
        said.contains("Personal strain: 61 (6 of 6 answered"),
        "{said}"
    );
    assert!(said.contains("Burnout risk: 47 out of 100"), "{said}");
    assert!(said.contains("Not measured by this set: Empathy, Credibility, Ownership risk."));
    let sessions = sandbox.data().join("sessions");
    let saved = std::fs::read_dir(&sessions)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .expect("a saved session");
    let text = std::fs::read_to_string(saved.path()).unwrap();
    assert!(text.contains("[[record.scales]]"), "{text}");
    assert!(text.contains("id = \"personal\""), "{text}");
}

/// With `rollup = "scales"` an item of a rolled-up dimension that is in no
/// scale would count for nothing: refused, with what to do.
#[test]
fn an_item_left_out_of_every_rolled_up_scale_is_refused() {
    let src = r#"
id = "x"
title = "X"
description = "X."
profile = false
sides = false
why = false
rollup = "scales"

[[scales]]
id = "a"
label = "A"
items = ["i1"]
dimension = "burnout"

[[items]]
id = "i1"
kind = "likert"
prompt = "One."

[[items]]
id = "i2"
kind = "likert"
dimension = "burnout"
prompt = "Two."
"#;
    let problems = parse_set(Path::new("x.toml"), src, &[], Source::BuiltIn)
        .expect_err("i2 counts for nothing");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "x.toml:21:1: item \"i2\" counts towards burnout, whose score is the mean of its scales (rollup = \"scales\"), but is in none of them: add it to one, or use rollup = \"pooled\""
        ]
    );
}

const SUM_SET: &str = r#"
id = "load"
title = "Load"
description = "Four statements, summed."
measures = []
profile = false
sides = false
why = false
not_applicable = false

[[response_scales]]
id = "zero3"
labels = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
first = 0

[[scales]]
id = "load"
label = "Load"
items = ["a", "b", "c", "d"]
min_answered = 0.75
report = "sum"

[[items]]
id = "a"
kind = "scale"
scale = "zero3"
prompt = "A."

[[items]]
id = "b"
kind = "scale"
scale = "zero3"
prompt = "B."

[[items]]
id = "c"
kind = "scale"
scale = "zero3"
prompt = "C."

[[items]]
id = "d"
kind = "scale"
scale = "zero3"
reverse = true
prompt = "D."
"#;

fn sum_set() -> QuestionSet {
    parse_set(Path::new("load.toml"), SUM_SET, &[], Source::BuiltIn).expect("valid")
}

/// A standalone `sum` scale on 0..3 points: the answered values summed and
/// an unanswered item counted at their mean; below 3 of 4 answered, none.
#[test]
fn a_sum_scale_is_prorated_and_a_standalone_set_names_nothing_it_does_not_measure() {
    let set = sum_set();
    let lib = Library::builtin().unwrap();
    let sheet = |body: &str| {
        parse_sheet(
            Path::new("a.toml"),
            &format!("set = \"load\"\n[answers]\n{body}"),
            std::slice::from_ref(&set),
        )
    };
    // a = point 2 (value 1), b = point 3 (value 2), d = point 1 reversed to
    // point 4 (value 3); c skipped: (1 + 2 + 3) / 3 * 4 = 8, on 0 to 12.
    let a = assess(&lib, &set, &sheet("a = 2\nb = 3\nd = 1\n").unwrap());
    let load = scale(&a, "load");
    close(load.score, 8.0);
    assert_eq!(load.shown(), "8.0 (0 to 12)");
    assert!(Dimension::ALL.iter().all(|d| !a.scores.get(*d).measured));
    assert!(
        a.no_pattern
            .as_deref()
            .is_some_and(|w| w.contains("measures none of the four dimensions"))
    );
    let two = assess(&lib, &set, &sheet("a = 2\nb = 3\n").unwrap());
    assert_eq!(scale(&two, "load").shown(), "not enough answers (2 of 4)");
    // This set has no "not applicable": "na" is refused and says so.
    let refused = sheet("a = \"na\"\n").expect_err("no n/a in this set");
    assert!(
        refused.to_string().contains(
            "a.toml:3:5: item \"a\": \"na\": set \"load\" has no \"not applicable\" answer"
        ),
        "{refused}"
    );
}

/// An answers file for a coach's own set is checked against that set by
/// `validate`, as `score` reads it; and a `[profile]` on a set that asks no
/// profile is a located error, never a pattern the set disowns.
#[test]
fn answers_to_a_user_set_validate_and_a_profile_on_a_profileless_set_is_refused() {
    let sandbox = with_work_strain();
    let good = fixture("sets/work-strain-answers/ana.toml");
    let run = sandbox.run(&["validate", good.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("ok, answers to set \"work-strain\""),
        "{}",
        run.stdout
    );

    let text = std::fs::read_to_string(&good).unwrap();
    let with_profile = sandbox.dir.path().join("with-profile.toml");
    std::fs::write(
        &with_profile,
        format!("{text}\n[profile]\nreports = 6\ncoding_share = 0\ncritical_path = false\nstage = \"growth\"\n"),
    )
    .unwrap();
    let wanted = "set \"work-strain\" asks no profile; remove the [profile] table";
    for command in ["validate", "score"] {
        let args: Vec<&str> = match command {
            "validate" => vec!["validate", with_profile.to_str().unwrap()],
            _ => vec!["score", "--answers", with_profile.to_str().unwrap()],
        };
        let run = sandbox.run(&args);
        assert_eq!(run.code, 1, "{command}: {}{}", run.stdout, run.stderr);
        let said = format!("{}{}", run.stdout, run.stderr);
        assert!(said.contains(wanted), "{command}: {said}");
        assert!(!said.contains("Pattern:"), "{command}: {said}");
    }
}

/// With `rollup = "scales"` the dimension still needs its minimum share of
/// answered items: three answers of nineteen, all in one subscale, score
/// that subscale (3 of 6 is its half) but not burnout.
#[test]
fn a_rolled_up_dimension_still_needs_its_share_of_answers() {
    let set = work_strain();
    let text = "set = \"work-strain\"\n[answers]\np1 = 4\np2 = 4\np3 = 4\n";
    let sheet = parse_sheet(Path::new("three.toml"), text, std::slice::from_ref(&set))
        .expect("valid answers");
    let lib = Library::builtin().expect("the built-in library");
    let a = assess(&lib, &set, &sheet);
    assert!(
        scale(&a, "personal").score.is_some(),
        "3 of 6 is the subscale's half"
    );
    let burnout = a.scores.get(Dimension::Burnout);
    assert_eq!(burnout.score, None, "3 of 19 is not enough for burnout");
    assert_eq!((burnout.answered, burnout.items), (3, 19));
}

/// A set that names no pattern makes no suggestions, so its flags never
/// promise any: high burnout on the worked example says only what to do.
#[test]
fn flags_on_a_set_without_suggestions_promise_none() {
    let set = work_strain();
    let mut text = String::from("set = \"work-strain\"\n[answers]\n");
    for item in &set.items {
        let worst = if item.reverse { 1 } else { 4 };
        text.push_str(&format!("{} = {worst}\n", item.id));
    }
    let sheet = parse_sheet(Path::new("worst.toml"), &text, std::slice::from_ref(&set))
        .expect("valid answers");
    let lib = Library::builtin().expect("the built-in library");
    let a = assess(&lib, &set, &sheet);
    assert_eq!(a.scores.value(Dimension::Burnout), Some(100));
    assert!(a.suggestions.is_empty());
    let flag = a
        .flags
        .iter()
        .find(|f| f.id == "burnout-high")
        .expect("the burnout flag");
    assert!(!flag.message.contains("suggestion"), "{}", flag.message);
    assert!(flag.message.starts_with("Burnout risk is 70 or more."));
}
