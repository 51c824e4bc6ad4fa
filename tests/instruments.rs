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
        ("14:19", "item \"judge-estimates\": value \"often\""),
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
