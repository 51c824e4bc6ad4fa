//! The engine's commands, run as a user would: `sets`, `validate`, `score`.

mod common;

use common::{Sandbox, fixture};
use serde_json::Value;
use std::fs;

fn path(rel: &str) -> String {
    fixture(rel).display().to_string()
}

#[test]
fn sets_lists_the_four_built_in_sets_with_counts() {
    let run = Sandbox::new().run(&["sets"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for id in ["core", "quick", "onboarding", "perception"] {
        assert!(run.stdout.contains(id), "missing {id} in:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("built-in"));
}

#[test]
fn sets_json_follows_the_contract() {
    let run = Sandbox::new().run(&["sets", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sets = run.json();
    let sets = sets.as_array().expect("an array of sets");
    assert_eq!(
        sets.len(),
        5,
        "core, quick, onboarding, perception and coach"
    );
    for set in sets {
        for key in ["id", "title", "source", "items"] {
            assert!(set.get(key).is_some(), "set lacks {key}: {set}");
        }
        for item in set["items"].as_array().expect("items") {
            for key in ["id", "kind", "dimension", "reverse", "weight"] {
                assert!(item.get(key).is_some(), "item lacks {key}: {item}");
            }
            let kind = item["kind"].as_str().expect("kind");
            assert_eq!(item.get("options").is_some(), kind == "choice", "{item}");
            assert_eq!(item["dimension"].is_null(), kind == "text", "{item}");
            if let Some(options) = item.get("options") {
                for o in options.as_array().expect("options") {
                    assert!(o["label"].is_string() && o["score"].is_u64(), "{o}");
                }
            }
        }
    }
    // Items asked only of some managers say so.
    let core = &sets[0]["items"];
    let item = |id: &str| {
        core.as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id}"))
    };
    assert_eq!(item("code-can-wait")["when"], "codes");
    assert_eq!(item("technical-partner")["when"], "no-code");
    assert!(item("slowest-build-step").get("when").is_none());
}

#[test]
fn built_in_sets_meet_their_size_and_balance_rules() {
    let run = Sandbox::new().run(&["sets", "--format", "json"]);
    let sets = run.json();
    let by_id = |id: &str| -> Vec<Value> {
        sets.as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .expect(id)["items"]
            .as_array()
            .unwrap()
            .clone()
    };
    let scored = |items: &[Value]| items.iter().filter(|i| i["kind"] != "text").count();
    let in_dim = |items: &[Value], d: &str| -> Vec<Value> {
        items
            .iter()
            .filter(|i| i["dimension"] == d)
            .cloned()
            .collect()
    };
    let core = by_id("core");
    assert!((28..=40).contains(&scored(&core)));
    let texts = core.iter().filter(|i| i["kind"] == "text").count();
    assert!((2..=4).contains(&texts));
    for d in ["empathy", "credibility", "burnout", "ownership"] {
        let items = in_dim(&core, d);
        assert!(items.len() >= 6, "core has {} {d} items", items.len());
        let agreement: Vec<_> = items.iter().filter(|i| i["kind"] != "choice").collect();
        let reversed = agreement.iter().filter(|i| i["reverse"] == true).count();
        assert!(
            reversed * 3 >= agreement.len(),
            "core {d}: {reversed} of {} reversed",
            agreement.len()
        );
    }
    let quick = by_id("quick");
    assert!((8..=12).contains(&scored(&quick)));
    let onboarding = by_id("onboarding");
    assert!((12..=24).contains(&onboarding.len()));
    for d in ["empathy", "credibility", "burnout", "ownership"] {
        assert!(in_dim(&quick, d).len() >= 2, "quick {d}");
        assert!(in_dim(&by_id("perception"), d).len() >= 2, "perception {d}");
    }
}

#[test]
fn validate_accepts_the_built_in_and_a_valid_user_set() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut args = vec!["validate".to_string()];
    for set in ["core", "quick", "onboarding", "perception"] {
        args.push(format!("{root}/questions/{set}.toml"));
    }
    args.push(path("valid/team-health.toml"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = Sandbox::new().run(&args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout.matches(": ok").count(), 5, "{}", run.stdout);
}

/// Every file in `fixtures/invalid/` starts with `# expect: LINE:COL: message`.
#[test]
fn validate_reports_each_invalid_fixture_at_its_line_and_column() {
    let dir = fixture("invalid");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 11, "one fixture per rule");
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} has no expect line", file.display()));
        let run = Sandbox::new().run(&["validate", file.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{} should fail", file.display());
        let wanted = format!("{}:{expect}", file.display());
        assert!(
            run.stdout.lines().any(|l| l.starts_with(&wanted)),
            "expected a line starting {wanted:?}, got:\n{}",
            run.stdout
        );
    }
}

#[test]
fn validate_refuses_files_over_one_mebibyte() {
    let sandbox = Sandbox::new();
    let big = sandbox.dir.path().join("big.toml");
    fs::write(&big, format!("# {}\n", "x".repeat(1024 * 1024))).unwrap();
    let run = sandbox.run(&["validate", big.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("big.toml:1:1: file is") && run.stdout.contains("1 MiB"),
        "{}",
        run.stdout
    );
}

/// Hostile edits of a shipped file are caught where they were made.
#[test]
fn validate_rejects_hostile_variants_of_the_core_set() {
    let original =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/questions/core.toml")).unwrap();
    let line_of = |needle: &str| {
        original
            .lines()
            .position(|l| l.starts_with(needle))
            .unwrap()
            + 1
    };
    let cases: Vec<(String, usize, String)> = vec![
        (
            original.replacen("prompt = \"", "prompt = \"\\u001b]8;;evil\\u0007", 1),
            line_of("prompt = \""),
            "forbidden character U+001B".into(),
        ),
        (
            original.replacen("why = \"", "why = \"\u{2066}", 1),
            line_of("why = \""),
            "forbidden character U+2066".into(),
        ),
        (
            original.replacen("dimension = \"burnout\"", "dimension = \"burnot\"", 1),
            line_of("dimension = \"burnout\""),
            "unknown dimension \"burnot\"".into(),
        ),
        (
            original.replacen("kind = \"likert\"", "kind = \"likart\"", 1),
            line_of("kind = \"likert\""),
            "unknown kind \"likart\"".into(),
        ),
        (
            original.replacen("short = \"", "short = \"\\u001b[2J", 1),
            line_of("short = \""),
            "forbidden character U+001B".into(),
        ),
        (
            original.replacen(
                "short = \"",
                &format!("short = \"{}", "much ".repeat(12)),
                1,
            ),
            line_of("short = \""),
            "`short` is".into(),
        ),
    ];
    let sandbox = Sandbox::new();
    for (i, (text, line, message)) in cases.into_iter().enumerate() {
        let file = sandbox.dir.path().join(format!("core-{i}.toml"));
        fs::write(&file, text).unwrap();
        let run = sandbox.run(&["validate", file.to_str().unwrap()]);
        assert_eq!(run.code, 1);
        let prefix = format!("{}:{line}:", file.display());
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(&prefix) && l.contains(&message)),
            "expected {prefix} ... {message}, got:\n{}",
            run.stdout
        );
    }
}

fn score_json(answers: &str) -> Value {
    let run = Sandbox::new().run(&["score", "--answers", &path(answers), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

#[test]
fn score_json_follows_the_contract() {
    let v = score_json("answers/sustainable.toml");
    assert_eq!(v["schema"], 1);
    assert_eq!(v["set"], "core");
    assert_eq!(v["mode"], "solo");
    assert_eq!(v["profile"]["reports"], 4);
    assert_eq!(v["profile"]["stage"], "early");
    for d in ["empathy", "credibility", "burnout", "ownership"] {
        let dim = &v["dimensions"][d];
        assert!(dim["score"].is_u64(), "{d}: {dim}");
        assert!(dim["answered"].as_u64().unwrap() <= dim["items"].as_u64().unwrap());
    }
    for key in ["id", "title", "summary"] {
        assert!(v["pattern"][key].is_string());
    }
    for s in v["suggestions"].as_array().unwrap() {
        for key in ["id", "title", "why", "minutes_per_week", "implementation"] {
            assert!(s.get(key).is_some(), "{s}");
        }
    }
    assert!(v.get("gaps").is_none(), "gaps only with --other");
}

#[test]
fn a_wide_span_critical_path_coder_at_worst_risk_is_in_the_trap() {
    let v = score_json("answers/trap.toml");
    assert_eq!(v["pattern"]["id"], "player-coach-trap");
    assert_eq!(v["dimensions"]["burnout"]["score"], 100);
    assert_eq!(v["dimensions"]["ownership"]["score"], 100);
    let flags: Vec<&str> = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    // One flag says it: the narrower profile flags are folded into it.
    assert_eq!(flags[0], "critical-path-wide-span", "{flags:?}");
    let covers = &v["flags"][0]["covers"];
    for f in ["wide-span-still-coding", "large-coding-share"] {
        assert!(!flags.contains(&f), "{f} repeats the first flag: {flags:?}");
        assert!(
            covers.as_array().unwrap().iter().any(|c| c == f),
            "{covers}"
        );
    }
    assert!(flags.len() <= 6, "{flags:?}");
    let suggestions = v["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    let minutes: u64 = suggestions
        .iter()
        .map(|s| s["minutes_per_week"].as_u64().unwrap())
        .sum();
    assert!(
        minutes <= 60,
        "burnout 100 allows an hour a week, got {minutes}"
    );
    assert_eq!(suggestions[0]["removes_work"], true, "{}", suggestions[0]);
    assert!(
        suggestions.iter().all(|s| s["implementation"] == false),
        "no implementation work in the trap"
    );
}

#[test]
fn a_small_early_team_coding_off_the_critical_path_is_a_sustainable_player_coach() {
    let v = score_json("answers/sustainable.toml");
    assert_eq!(v["pattern"]["id"], "sustainable-player-coach");
    let flags = v["flags"].as_array().unwrap();
    assert!(flags.is_empty(), "no flags: {flags:?}");
    let hands_on: Vec<_> = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["implementation"] == true)
        .collect();
    assert!(hands_on.len() <= 1);
    for s in hands_on {
        assert!(
            s["why"].as_str().unwrap().contains("off the critical path"),
            "{s}"
        );
    }
}

#[test]
fn close_but_not_coding_with_low_risk_is_a_multiplier() {
    let v = score_json("answers/multiplier.toml");
    assert_eq!(v["pattern"]["id"], "multiplier");
    assert_eq!(v["set"], "quick");
}

/// A manager who codes a little, off the critical path, with both risks low
/// and strong on both closeness dimensions is a multiplier too; with a
/// quarter of the week in code the same answers are a sustainable
/// player/coach, which ranks no better, so more coding never improves it.
#[test]
fn light_coding_off_the_critical_path_can_still_be_a_multiplier() {
    let original = std::fs::read_to_string(path("answers/multiplier.toml")).expect("fixture");
    assert!(original.contains("coding_share = 0\n"));
    for (share, pattern) in [(5, "multiplier"), (25, "sustainable-player-coach")] {
        let sandbox = Sandbox::new();
        let file = sandbox.data().join(format!("coding-{share}.toml"));
        std::fs::create_dir_all(sandbox.data()).expect("data dir");
        let answers = original.replace("coding_share = 0\n", &format!("coding_share = {share}\n"));
        std::fs::write(&file, answers).expect("answers file");
        let run = sandbox.run(&[
            "score",
            "--answers",
            file.to_str().expect("utf-8"),
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(
            run.json()["pattern"]["id"],
            pattern,
            "coding_share = {share}"
        );
    }
}

#[test]
fn score_text_explains_the_result_and_the_method() {
    let run = Sandbox::new().run(&["score", "--answers", &path("answers/trap.toml")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for needle in [
        "Player/coach trap",
        "Burnout risk",
        "reports = 12",
        "From your profile: you own critical-path work with 12 reports",
        "How the scores were computed",
        "reverse-keyed ->",
    ] {
        assert!(
            run.stdout.contains(needle),
            "missing {needle:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn score_markdown_has_sections_and_reflections() {
    let run = Sandbox::new().run(&[
        "score",
        "--answers",
        &path("answers/trap.toml"),
        "--format",
        "markdown",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for needle in [
        "# altitude report",
        "## Scores",
        "## Pattern: Player/coach trap",
        "## Flags",
        "## Suggestions",
        "## Reflections",
        "> Shipping something",
    ] {
        assert!(
            run.stdout.contains(needle),
            "missing {needle:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn score_with_other_gives_self_minus_other_gaps() {
    let run = Sandbox::new().run(&[
        "score",
        "--answers",
        &path("answers/trap.toml"),
        "--other",
        &path("answers/perception-coach.toml"),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let gaps = v["gaps"].as_object().expect("gaps");
    assert_eq!(gaps.len(), 4);
    // The coach sees less burnout than the manager feels.
    assert!(gaps["burnout"].as_i64().unwrap() > 0, "{gaps:?}");
    let own = v["dimensions"]["empathy"]["score"].as_i64().unwrap();
    let other = Sandbox::new()
        .run(&[
            "score",
            "--answers",
            &path("answers/perception-coach.toml"),
            "--format",
            "json",
        ])
        .json();
    let theirs = other["dimensions"]["empathy"]["score"].as_i64().unwrap();
    assert_eq!(gaps["empathy"].as_i64().unwrap(), own - theirs);
}

/// Writes an answers file into a sandbox and scores it.
fn score_text(sandbox: &Sandbox, body: &str) -> common::Run {
    let file = sandbox.dir.path().join("answers.toml");
    fs::write(&file, body).unwrap();
    sandbox.run(&["score", "--answers", file.to_str().unwrap()])
}

const PROFILE: &str =
    "[profile]\nreports = 7\ncoding_share = 25\ncritical_path = false\nstage = \"growth\"\n";

#[test]
fn score_names_an_unknown_item_and_its_line() {
    let sandbox = Sandbox::new();
    let run = score_text(
        &sandbox,
        &format!("set = \"quick\"\n{PROFILE}[answers]\nno-such-item = 3\n"),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("answers.toml:8:1: unknown item id \"no-such-item\" in set \"quick\""),
        "{}",
        run.stderr
    );
}

#[test]
fn score_names_an_out_of_range_value() {
    let sandbox = Sandbox::new();
    let run = score_text(
        &sandbox,
        &format!("set = \"quick\"\n{PROFILE}[answers]\nafter-hours = 9\n"),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("answers.toml:8:15: item \"after-hours\": value 9 is out of range"),
        "{}",
        run.stderr
    );
}

#[test]
fn score_names_a_missing_profile_field() {
    let sandbox = Sandbox::new();
    let run = score_text(
        &sandbox,
        "set = \"quick\"\n[profile]\nreports = 7\ncoding_share = 25\nstage = \"growth\"\n",
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("[profile] is missing `critical_path`"),
        "{}",
        run.stderr
    );
}

#[test]
fn score_rejects_profile_values_out_of_range_and_unknown_sets() {
    let sandbox = Sandbox::new();
    let run = score_text(
        &sandbox,
        &format!("set = \"quick\"\n{}", PROFILE.replace("= 25", "= 140")),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`coding_share = 140` in [profile]: a whole number from 0 to 100"),
        "{}",
        run.stderr
    );
    let run = score_text(&sandbox, &format!("set = \"qiuck\"\n{PROFILE}"));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("unknown set \"qiuck\""),
        "{}",
        run.stderr
    );
    let run = score_text(
        &sandbox,
        &format!("set = \"quick\"\n{PROFILE}[answers]\nafter-hours = \"often\"\n"),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("item \"after-hours\": value \"often\""),
        "{}",
        run.stderr
    );
}

#[test]
fn score_counts_na_and_gives_no_score_below_two_answers() {
    let sandbox = Sandbox::new();
    let body = format!(
        "set = \"quick\"\n{PROFILE}[answers]\nafter-hours = \"na\"\none-on-ones-moved = 5\n"
    );
    let file = sandbox.dir.path().join("a.toml");
    fs::write(&file, body).unwrap();
    let run = sandbox.run(&[
        "score",
        "--answers",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert!(v["dimensions"]["burnout"]["score"].is_null());
    assert_eq!(v["dimensions"]["burnout"]["answered"], 1);
    let text = sandbox.run(&["score", "--answers", file.to_str().unwrap()]);
    assert!(
        text.stdout.contains("not enough answers"),
        "{}",
        text.stdout
    );
}

#[test]
fn free_text_with_terminal_escapes_is_refused() {
    let sandbox = Sandbox::new();
    let run = score_text(
        &sandbox,
        &format!("set = \"core\"\n{PROFILE}[answers]\nenergy-sources = \"hi \\u001b[2J\"\n"),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("item \"energy-sources\": text contains the forbidden character U+001B"),
        "{}",
        run.stderr
    );
}

#[test]
fn user_sets_load_beside_built_in_ones_and_broken_ones_are_reported() {
    let sandbox = Sandbox::new();
    let dir = sandbox.config().join("questions");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        fixture("valid/team-health.toml"),
        dir.join("team-health.toml"),
    )
    .unwrap();
    fs::copy(
        fixture("invalid/unknown-kind.toml"),
        dir.join("broken.toml"),
    )
    .unwrap();
    let run = sandbox.run(&["sets", "--format", "json"]);
    assert_eq!(run.code, 0);
    let ids: Vec<String> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "core",
            "quick",
            "onboarding",
            "perception",
            "coach",
            "team-health"
        ]
    );
    assert!(
        run.stderr
            .contains("broken.toml:8:8: item \"a\": unknown kind \"slider\""),
        "{}",
        run.stderr
    );
    // --config-dir works like the environment variable.
    let flag = sandbox
        .command(&["--config-dir", sandbox.config().to_str().unwrap(), "sets"])
        .env_remove("ALTITUDE_CONFIG_DIR")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&flag.stdout).contains("team-health"));
}

#[test]
fn the_app_without_a_terminal_exits_2_and_points_to_score() {
    for args in [&[][..], &["start", "--set", "quick"][..]] {
        let run = Sandbox::new().run(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("altitude score"), "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1);
    }
}

#[test]
fn score_other_must_be_a_second_rater_set() {
    let run = Sandbox::new().run(&[
        "score",
        "--answers",
        &path("answers/trap.toml"),
        "--other",
        &path("answers/sustainable.toml"),
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("sustainable.toml: --other takes a second rater's answers")
            && run.stderr.contains("\"core\" is a self-assessment set"),
        "{}",
        run.stderr
    );
}

#[test]
fn start_with_an_unknown_set_exits_1_and_lists_the_sets_to_start() {
    let run = Sandbox::new().run(&["start", "--set", "quik"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("\"quik\"") || run.stderr.contains("quik"),
        "{}",
        run.stderr
    );
    for id in ["core", "quick", "onboarding"] {
        assert!(run.stderr.contains(id), "{id} missing: {}", run.stderr);
    }
    assert!(!run.stderr.contains("perception"), "{}", run.stderr);
    // The perception set is for a second rater: it is not started on its own.
    let run = Sandbox::new().run(&["start", "--set", "perception"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("coaching"), "{}", run.stderr);
}

#[test]
fn a_bad_default_set_in_the_config_is_reported_with_the_file() {
    let sandbox = Sandbox::new();
    fs::create_dir_all(sandbox.config()).unwrap();
    fs::write(
        sandbox.config().join("config.toml"),
        "default_set = \"quik\"\n",
    )
    .unwrap();
    let run = sandbox.run(&["start"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("config.toml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("default_set = \"quik\""),
        "{}",
        run.stderr
    );
    // --set overrides it.
    let run = sandbox.run(&["start", "--set", "quick"]);
    assert_eq!(
        run.code, 2,
        "no terminal, but the set is fine: {}",
        run.stderr
    );
}

#[test]
fn sets_json_has_what_an_answers_file_needs() {
    let sets = Sandbox::new().run(&["sets", "--format", "json"]).json();
    let quick = sets
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "quick")
        .expect("quick");
    // Write an answers file from the JSON alone: the middle of every scale.
    let mut body = format!("set = \"quick\"\n{PROFILE}[answers]\n");
    for item in quick["items"].as_array().unwrap() {
        assert!(
            item["prompt"].as_str().is_some_and(|p| p.len() > 10),
            "{item}"
        );
        assert!(item["answer"].is_string(), "{item}");
        let id = item["id"].as_str().unwrap();
        match item["kind"].as_str().unwrap() {
            "text" => body.push_str(&format!("{id} = \"written from the JSON\"\n")),
            "choice" => {
                let options = item["options"].as_array().unwrap();
                assert!(options.iter().all(|o| o["label"].is_string()));
                body.push_str(&format!("{id} = {}\n", options.len()));
            }
            _ => {
                let labels = item["labels"].as_array().expect("scale labels");
                assert_eq!(labels.len(), 5, "{item}");
                body.push_str(&format!("{id} = 3\n"));
            }
        }
    }
    let sandbox = Sandbox::new();
    let run = score_text(&sandbox, &body);
    assert_eq!(run.code, 0, "{}\n{body}", run.stderr);
}

/// serde stops at the first unknown field; validate names every one at once.
#[test]
fn validate_names_every_unknown_field_in_one_run() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("typos.toml");
    let set = std::fs::read_to_string(fixture("valid/team-health.toml"))
        .unwrap()
        .replacen("title = ", "colour = \"red\"\ntitle = ", 1)
        .replacen("prompt = ", "promt = \"x\"\nprompt = ", 2);
    std::fs::write(&path, set).unwrap();
    let run = sandbox.run(&["validate", path.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[0].contains(":2:1: unknown field `colour`"),
        "{}",
        run.stdout
    );
    assert!(
        lines[1].contains("unknown field `promt` in item `knew-blockers`"),
        "{}",
        run.stdout
    );
    assert!(
        lines[2].contains("unknown field `promt` in item `heard-late`"),
        "{}",
        run.stdout
    );
}
