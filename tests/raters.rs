//! Many raters with anonymity (SPEC §10), through the real binary: groups
//! under their minimum show only their size and are folded into nothing,
//! forms read back with located errors, and findings quote their questions.

mod common;

use altitude::model::catalog::Library;
use altitude::model::raters::mirror_problems;
use common::{Sandbox, fixture};
use std::fs;
use std::path::{Path, PathBuf};

const SELF: &str = "answers/trap.toml";

/// A rater's answers file: every scored item of `set` answered `value`,
/// with `overrides` on top.
fn rater_file(dir: &Path, name: &str, set: &str, rater: &str, value: u8, extra: &str) -> PathBuf {
    let lib = Library::builtin().unwrap();
    let mut text = format!("set = \"{set}\"\nrater = \"{rater}\"\n{extra}\n[answers]\n");
    for item in lib.set(set).unwrap().scored_items() {
        text.push_str(&format!("{} = {value}\n", item.id));
    }
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn score(sandbox: &Sandbox, others: &[&Path], format: &str) -> common::Run {
    let self_path = fixture(SELF);
    let mut args = vec![
        "score",
        "--answers",
        self_path.to_str().unwrap(),
        "--format",
        format,
        "--others",
    ];
    args.extend(others.iter().map(|p| p.to_str().unwrap()));
    let run = sandbox.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn two_reports_are_withheld_three_are_shown_and_one_coach_is_enough() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path().join("raters");
    fs::create_dir_all(&dir).unwrap();
    rater_file(&dir, "a.toml", "perception", "report", 4, "");
    rater_file(&dir, "b.toml", "perception", "report", 4, "");
    rater_file(&dir, "c.toml", "perception", "peer", 2, "");
    let coach = rater_file(sandbox.dir.path(), "coach.toml", "coach", "coach", 3, "");
    let v = score(&sandbox, &[&dir, &coach], "json").json();
    let p = &v["perspectives"];
    assert_eq!(p["report"]["raters"], 2);
    assert_eq!(p["report"]["min"], 3);
    assert_eq!(p["report"]["shown"], false);
    assert!(p["report"]["dimensions"].is_null());
    assert!(p["report"].get("comments").is_none());
    assert_eq!(p["peer"]["shown"], false);
    assert_eq!(p["coach"]["raters"], 1);
    assert_eq!(p["coach"]["min"], 1);
    assert_eq!(p["coach"]["shown"], true);
    for dim in ["empathy", "credibility", "burnout", "ownership"] {
        let d = &p["coach"]["dimensions"][dim];
        let own = v["dimensions"][dim]["score"].as_i64().unwrap();
        assert_eq!(d["score"], 50, "{dim}: every answer 3 is the middle");
        assert_eq!(d["gap"].as_i64().unwrap(), own - 50, "{dim}");
    }
    // A third report: the group is shown.
    rater_file(&dir, "d.toml", "perception", "report", 4, "");
    let v = score(&sandbox, &[&dir, &coach], "json").json();
    assert_eq!(v["perspectives"]["report"]["shown"], true);
    assert_eq!(v["perspectives"]["report"]["raters"], 3);
    assert!(v["perspectives"]["report"]["dimensions"]["empathy"]["score"].is_u64());
    assert!(v.get("gaps").is_none(), "--others leaves `gaps` to --other");
}

/// No figure lets a reader work out one report's answers: changing one of
/// two reports' answers changes nothing in any output.
#[test]
fn a_group_under_its_minimum_is_folded_into_nothing() {
    let sandbox = Sandbox::new();
    let base = sandbox.dir.path();
    let coach = rater_file(base, "coach.toml", "coach", "coach", 2, "");
    let fixed = rater_file(base, "r1.toml", "perception", "report", 4, "");
    let one = rater_file(base, "r2-one.toml", "perception", "report", 1, "");
    let other = rater_file(base, "r2-other.toml", "perception", "report", 5, "");
    for format in ["text", "markdown", "json"] {
        let a = score(&sandbox, &[&coach, &fixed, &one], format).stdout;
        let b = score(&sandbox, &[&coach, &fixed, &other], format).stdout;
        assert_eq!(a, b, "{format}: a withheld report's answers showed through");
        assert!(a.contains('2'), "the count is still given");
    }
}

/// A shown group hides a dimension, and every question, that fewer than its
/// minimum answered: three reports of whom only one answered the burnout
/// questions would otherwise show that one report's answers as the group's.
#[test]
fn a_dimension_or_question_fewer_than_the_minimum_answered_is_not_shown() {
    let sandbox = Sandbox::new();
    let base = sandbox.dir.path();
    let lib = Library::builtin().unwrap();
    let burnout: Vec<String> = lib
        .set("perception")
        .unwrap()
        .scored_items()
        .filter(|i| i.dimension == Some(altitude::model::Dimension::Burnout))
        .map(|i| format!("{} =", i.id))
        .collect();
    // Two reports skip every burnout question.
    let skip_burnout = |name: &str| {
        let path = rater_file(base, name, "perception", "report", 2, "");
        let text = fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !burnout.iter().any(|b| l.starts_with(b.as_str())))
            .collect();
        fs::write(&path, kept.join("\n") + "\n").unwrap();
        path
    };
    let r1 = skip_burnout("r1.toml");
    let r2 = skip_burnout("r2.toml");
    // The third answers everything like them, and burnout either way.
    let third = |name: &str, burnout_answer: u8| {
        let path = rater_file(base, name, "perception", "report", 2, "");
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<String> = text
            .lines()
            .map(
                |l| match burnout.iter().find(|b| l.starts_with(b.as_str())) {
                    Some(b) => format!("{b} {burnout_answer}"),
                    None => l.to_string(),
                },
            )
            .collect();
        fs::write(&path, lines.join("\n") + "\n").unwrap();
        path
    };
    let low = third("r3-low.toml", 1);
    let high = third("r3-high.toml", 5);

    let v = score(&sandbox, &[&r1, &r2, &low], "json").json();
    let report = &v["perspectives"]["report"];
    assert_eq!(report["shown"], true);
    assert!(
        report["dimensions"]["burnout"]["score"].is_null(),
        "{report}"
    );
    assert!(report["dimensions"]["empathy"]["score"].is_u64());
    for format in ["text", "markdown", "json"] {
        let a = score(&sandbox, &[&r1, &r2, &low], format).stdout;
        let b = score(&sandbox, &[&r1, &r2, &high], format).stdout;
        assert_eq!(a, b, "{format}: the one burnout answerer shows through");
        if format != "json" {
            assert!(
                a.contains("No figure for Burnout risk: fewer than 3 of them answered"),
                "{format}: the dash is explained"
            );
        }
    }
}

#[test]
fn the_minimum_can_be_raised_in_config_but_never_lowered_below_three() {
    let sandbox = Sandbox::new();
    let base = sandbox.dir.path();
    let reports: Vec<PathBuf> = (0..3)
        .map(|i| rater_file(base, &format!("r{i}.toml"), "perception", "report", 4, ""))
        .collect();
    let refs: Vec<&Path> = reports.iter().map(PathBuf::as_path).collect();
    fs::create_dir_all(sandbox.config()).unwrap();
    fs::write(
        sandbox.config().join("config.toml"),
        "[raters]\nreport = 4\npeer = 1\n",
    )
    .unwrap();
    let v = score(&sandbox, &refs, "json").json();
    assert_eq!(v["perspectives"]["report"]["min"], 4);
    assert_eq!(v["perspectives"]["report"]["shown"], false);
    let peers: Vec<PathBuf> = (0..2)
        .map(|i| rater_file(base, &format!("p{i}.toml"), "perception", "peer", 4, ""))
        .collect();
    let refs: Vec<&Path> = peers.iter().map(PathBuf::as_path).collect();
    let v = score(&sandbox, &refs, "json").json();
    assert_eq!(v["perspectives"]["peer"]["min"], 3, "configured 1, floor 3");
    assert_eq!(v["perspectives"]["peer"]["shown"], false);
}

#[test]
fn findings_quote_their_questions_in_every_format() {
    let sandbox = Sandbox::new();
    let base = sandbox.dir.path();
    // The trap persona reports high risk; the coach hears little of it.
    let coach = rater_file(base, "coach.toml", "coach", "coach", 1, "");
    let json = score(&sandbox, &[&coach], "json").json();
    let findings = json["perspectives"]["coach"]["findings"]
        .as_array()
        .expect("findings");
    let strain = findings
        .iter()
        .find(|f| f["kind"] == "hidden-strain" && f["dimension"] == "burnout")
        .unwrap_or_else(|| panic!("no hidden strain: {findings:?}"));
    let question = strain["questions"][0]["prompt"]
        .as_str()
        .unwrap()
        .to_string();
    let own = strain["questions"][0]["own_prompt"]
        .as_str()
        .unwrap()
        .to_string();
    let lib = Library::builtin().unwrap();
    assert!(
        lib.set("coach")
            .unwrap()
            .items
            .iter()
            .any(|i| i.prompt == question)
    );
    assert!(
        lib.set("core")
            .unwrap()
            .items
            .iter()
            .any(|i| i.prompt == own)
    );
    let text = score(&sandbox, &[&coach], "text").stdout;
    let md = score(&sandbox, &[&coach], "markdown").stdout;
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat(&text).contains(&question), "{text}");
    assert!(flat(&text).contains(
        "Hidden strain (Burnout risk): you report more burnout risk than your coach sees"
    ));
    assert!(md.contains(&altitude::output::markdown(&question)), "{md}");
}

#[test]
fn comments_appear_only_for_shown_groups_and_not_in_file_order() {
    let sandbox = Sandbox::new();
    let base = sandbox.dir.path();
    let mut paths = Vec::new();
    for (i, comment) in ["Zebra crossings", "Apples", "Mangoes"].iter().enumerate() {
        let extra = "";
        let p = rater_file(
            base,
            &format!("r{i}.toml"),
            "perception",
            "report",
            3,
            extra,
        );
        let mut text = fs::read_to_string(&p).unwrap();
        text.push_str(&format!("one-thing = \"{comment}\"\n"));
        fs::write(&p, text).unwrap();
        paths.push(p);
    }
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let v = score(&sandbox, &refs, "json").json();
    assert_eq!(
        v["perspectives"]["report"]["comments"],
        serde_json::json!(["Apples", "Mangoes", "Zebra crossings"])
    );
    let v = score(&sandbox, &refs[..2], "json").json();
    assert!(v["perspectives"]["report"].get("comments").is_none());
    let text = score(&sandbox, &refs[..2], "text").stdout;
    assert!(
        !text.contains("Apples") && !text.contains("Zebra"),
        "{text}"
    );
}

#[test]
fn a_filled_form_is_read_wherever_answers_are_and_two_ticks_are_a_located_error() {
    let sandbox = Sandbox::new();
    let form = sandbox.dir.path().join("form.txt");
    let run = sandbox.run(&["form", "--as", "peer", "-o", form.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = fs::read_to_string(&form).unwrap();
    assert!(text.starts_with("altitude rating form\nset: perception\nas: peer\n"));
    // A second form to the same name never replaces the first.
    let again = sandbox.run(&["form", "--as", "report", "-o", form.to_str().unwrap()]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert_eq!(fs::read_to_string(&form).unwrap(), text);
    // Tick "Agree" on the first question, as an email reply would quote it.
    let ticked = text.replacen("[ ] Agree", "[x] Agree", 1);
    let quoted: String = ticked.lines().map(|l| format!("> {l}\n")).collect();
    fs::write(&form, &quoted).unwrap();
    let run = sandbox.run(&[
        "score",
        "--answers",
        form.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["dimensions"]["empathy"]["answered"], 1);

    let twice = ticked.replacen("[ ] Strongly agree", "[x] Strongly agree", 1);
    fs::write(&form, &twice).unwrap();
    let line = twice
        .lines()
        .position(|l| l.trim() == "[x] Strongly agree")
        .unwrap()
        + 1;
    let run = sandbox.run(&["score", "--answers", form.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "form.txt:{line}:4: question \"tooling-told-as-summaries\": two answers are ticked (\"Agree\" and \"Strongly agree\"); leave one"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rating_that_does_not_say_who_rated_or_is_a_self_assessment_is_refused() {
    let sandbox = Sandbox::new();
    let base = sandbox.dir.path();
    let anonymous = base.join("anon.toml");
    fs::write(&anonymous, "set = \"perception\"\n[answers]\n").unwrap();
    let self_path = fixture(SELF);
    let run = sandbox.run(&[
        "score",
        "--answers",
        self_path.to_str().unwrap(),
        "--others",
        anonymous.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("does not say who rated"),
        "{}",
        run.stderr
    );
    let run = sandbox.run(&[
        "score",
        "--answers",
        self_path.to_str().unwrap(),
        "--others",
        self_path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("is a self-assessment"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_rater_item_mirrors_a_core_item_on_the_same_dimension() {
    let lib = Library::builtin().unwrap();
    let core = lib.set("core").unwrap();
    for id in ["perception", "coach"] {
        let set = lib.set(id).unwrap();
        assert!(
            mirror_problems(set, core).is_empty(),
            "{:?}",
            mirror_problems(set, core)
        );
        for item in set.scored_items() {
            assert!(item.mirrors.is_some(), "{id}/{} mirrors nothing", item.id);
        }
    }
}

/// A rater item argues the same side of the debate as the core item it
/// mirrors, and neither rater set leans more than two items to one side.
#[test]
fn rater_items_take_the_side_of_their_core_item_and_the_sets_are_near_balance() {
    use altitude::model::Side;
    let lib = Library::builtin().unwrap();
    let core = lib.set("core").unwrap();
    for id in ["perception", "coach"] {
        let set = lib.set(id).unwrap();
        for item in set.scored_items() {
            let target = item.mirrors.as_deref().expect("mirrors");
            let mirrored = core.item(target).expect("a core item");
            assert_eq!(
                item.side, mirrored.side,
                "{id}/{} is on another side than {target}",
                item.id
            );
        }
        let count = |s| set.scored_items().filter(|i| i.side == Some(s)).count() as i64;
        let (pro, against) = (count(Side::ProCoding), count(Side::AgainstCoding));
        assert!(
            (pro - against).abs() <= 2,
            "{id}: {pro} pro-coding items, {against} against"
        );
    }
}

/// A rater sees what the manager does, not why: a flag their answers raise
/// says what was seen, and never the cause the manager's own flag gives.
#[test]
fn a_flag_raised_by_a_raters_answers_says_what_was_seen_not_why() {
    let sandbox = Sandbox::new();
    let path = rater_file(sandbox.dir.path(), "peer.toml", "perception", "peer", 3, "");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("visible-after-hours = 3", "visible-after-hours = 5");
    fs::write(&path, text).unwrap();
    let run = sandbox.run(&[
        "score",
        "--answers",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let flag = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "after-hours-load")
        .unwrap_or_else(|| panic!("after-hours flag raised: {}", v["flags"]));
    let message = flag["message"].as_str().unwrap();
    assert!(
        message.contains("has seen or heard of the manager working in the evening"),
        "{message}"
    );
    assert!(
        !message.contains("the week did not have room for"),
        "a rater cannot know the cause: {message}"
    );
    // Every flag a rater's set can raise has words of its own for a rater.
    let lib = Library::builtin().unwrap();
    for set in ["perception", "coach"] {
        for item in lib.set(set).unwrap().scored_items() {
            let Some(id) = &item.flag else { continue };
            let text = lib.flags.iter().find(|f| &f.id == id).unwrap();
            assert!(
                text.seen.is_some(),
                "{id} (raised by {set}/{}) has no `seen` words",
                item.id
            );
        }
    }
}
