//! Four people run `altitude score --format json` on the core set: the
//! sceptic with 9 reports who codes a quarter of the week, the trap persona
//! with 12 reports on the critical path, a manager who writes no code, and
//! someone who answered nothing. Each gets a verdict that fits them.

mod common;

use common::{Sandbox, fixture};
use serde_json::Value;
use std::collections::HashSet;

fn score(name: &str, format: &str) -> common::Run {
    let path = fixture(&format!("answers/{name}.toml"));
    let run = Sandbox::new().run(&[
        "score",
        "--answers",
        path.to_str().expect("utf-8 path"),
        "--format",
        format,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

fn json(name: &str) -> Value {
    score(name, "json").json()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|v| v["id"].as_str().expect("an id").to_string())
        .collect()
}

fn minutes(v: &Value) -> u64 {
    v["suggestions"]
        .as_array()
        .expect("suggestions")
        .iter()
        .map(|s| s["minutes_per_week"].as_u64().expect("minutes"))
        .sum()
}

/// At most 6 flags, none of them repeating another: no id twice, and no flag
/// shown beside one that has folded it in.
fn assert_distinct_flags(v: &Value) {
    let flags = v["flags"].as_array().expect("flags");
    assert!(flags.len() <= 6, "{} flags", flags.len());
    let shown: HashSet<&str> = flags.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(shown.len(), flags.len(), "a flag appears twice");
    for f in flags {
        for covered in f["covers"].as_array().expect("covers") {
            assert!(
                !shown.contains(covered.as_str().unwrap()),
                "{} repeats {}",
                covered,
                f["id"]
            );
        }
    }
}

const HYBRID: [&str; 5] = [
    "hybrid-end-date",
    "keep-code-off-critical-path",
    "outgrown-check",
    "coding-tripwire",
    "pair-as-navigator",
];

#[test]
fn the_sceptic_with_nine_reports_is_offered_a_deliberate_hybrid_not_a_verdict_against_coding() {
    let v = json("sceptic");
    // Strong on empathy and credibility, ownership risk low, code off the
    // critical path: a hybrid that works, not "no dimension stands out". At 9
    // reports they are already inside the Myth essay's 6 to 10 band, so the
    // headline says so and names their "Sometimes" answers as what to watch,
    // rather than calling team size a tripwire still ahead.
    assert_eq!(
        v["pattern"]["id"], "sustainable-player-coach",
        "{}",
        v["pattern"]
    );
    let headline = v["pattern"]["headline"].as_str().unwrap();
    assert!(
        headline.contains("9 reports")
            && headline.contains("already in the 6 to 10 band")
            && headline.contains("\"Sometimes\""),
        "{headline}"
    );
    assert!(!headline.contains("no dimension stands out"), "{headline}");
    // They answered "Sometimes" to all four strain items: the headline names
    // them as already showing instead of telling them to watch for them.
    assert!(
        headline.contains("Your answers show 4 of the 4 split-focus signs")
            && headline.contains("1:1s moved (Sometimes)")
            && headline.contains("people work postponed (Sometimes)")
            && headline.contains("evenings or weekends worked (Sometimes)")
            && headline.contains("coding crowding out management (Sometimes)"),
        "{headline}"
    );
    assert_distinct_flags(&v);
    // 9 reports and 25% coding put them where split focus can start, but
    // none of their burnout or ownership answers is above "Sometimes": team
    // size is named in the headline, with whose rule it is, and no flag
    // claims their focus is already split.
    assert!(ids(&v["flags"]).is_empty(), "{}", v["flags"]);
    assert!(
        headline.contains("The Myth of the Coding Manager"),
        "the team-size rule says whose it is: {headline}"
    );
    let suggestions = ids(&v["suggestions"]);
    assert!(
        suggestions.iter().any(|s| HYBRID.contains(&s.as_str())),
        "a way to keep coding deliberately: {suggestions:?}"
    );
    let hybrid = suggestions
        .iter()
        .filter(|s| HYBRID.contains(&s.as_str()))
        .count();
    assert!(hybrid <= 2, "not six ways of saying stop: {suggestions:?}");
    // A flag from the profile alone is a tripwire to watch: answered with a
    // review or a tripwire, not an end date.
    assert!(
        !suggestions.contains(&"hybrid-end-date".to_string()),
        "{suggestions:?}"
    );
    assert!(
        suggestions.contains(&"outgrown-check".to_string())
            || suggestions.contains(&"coding-tripwire".to_string()),
        "{suggestions:?}"
    );
    // The mix answers what they said, not only the coding: their coding is
    // off the critical path and could wait (so no avoidance check and no
    // agreement about which code is theirs), their 1:1s move "Sometimes" (so
    // a practice for that), and nothing adds to the coding they already do.
    for not_theirs in ["avoidance-check", "keep-code-off-critical-path"] {
        assert!(
            !suggestions.contains(&not_theirs.to_string()),
            "{not_theirs}: {suggestions:?}"
        );
    }
    assert!(
        suggestions.contains(&"protect-one-on-ones".to_string())
            || suggestions.contains(&"calendar-audit".to_string()),
        "{suggestions:?}"
    );
    // They already spend a quarter of the week in code: nothing adds
    // hands-on work on top of it.
    for hands_on in ["pair-as-navigator", "bug-repro-test", "throwaway-spike"] {
        assert!(
            !suggestions.contains(&hands_on.to_string()),
            "{hands_on}: {suggestions:?}"
        );
    }
    // "Why for you" quotes the answer a practice works on, so the reader
    // sees which of their own answers it came from.
    let one_on_ones = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "protect-one-on-ones")
        .expect("protect-one-on-ones");
    assert!(
        one_on_ones["why"]
            .as_str()
            .unwrap()
            .contains("It works on your answer \"In the last two weeks, I moved, shortened or cancelled 1:1s to make room for other work.\": Sometimes"),
        "{}",
        one_on_ones["why"]
    );
    // Debugging with the team energises them: one suggestion builds on that
    // by swapping a coding block for navigating, with no added time, and the
    // pattern text names no hands-on practice they will not be offered.
    assert!(
        suggestions.contains(&"navigate-in-place-of-coding".to_string()),
        "{suggestions:?}"
    );
    let summary = v["pattern"]["summary"].as_str().unwrap();
    for withheld in ["reproducing a bug", "throwaway spike"] {
        assert!(!summary.contains(withheld), "{summary}");
    }
    let total = minutes(&v);
    assert!(total <= 90, "{total} minutes a week at burnout 50");
    // Every coding item was asked: they code. Only the two items for
    // managers who write none were not.
    assert_eq!(
        ids(&v["not_asked"]),
        ["missed-hands-on-work", "technical-partner"]
    );
}

#[test]
fn the_trap_persona_gets_a_trap_verdict_with_distinct_flags() {
    let v = json("trap-moderate");
    for d in ["burnout", "ownership"] {
        let s = v["dimensions"][d]["score"].as_u64().unwrap();
        assert!(s < 60, "{d} is moderate ({s}), yet the verdict is the trap");
    }
    assert_eq!(v["pattern"]["id"], "player-coach-trap");
    let headline = v["pattern"]["headline"].as_str().unwrap();
    assert!(
        headline.contains("critical-path work with 12 reports"),
        "{headline}"
    );
    assert_distinct_flags(&v);
    let flags = ids(&v["flags"]);
    assert_eq!(flags[0], "critical-path-wide-span");
    assert!(!flags.contains(&"wide-span-still-coding".to_string()));
    assert!(!flags.contains(&"large-coding-share".to_string()));
    let suggestions = v["suggestions"].as_array().unwrap();
    assert_eq!(suggestions[0]["id"], "handoff-critical-path");
    assert!(suggestions.iter().all(|s| s["implementation"] == false));
    // Handing the critical-path work off and agreeing which code is yours are
    // alternatives; so are the end date, the tripwire and the conversations
    // with the boss. At 12 reports that conversation is about the team's
    // structure (a tech lead, or a split), not only their share of code. The review bottleneck is answered by taking
    // them off the required reviewers: the direct fix for pull requests that
    // wait on them, and one that takes work off their plate.
    let picked = ids(&v["suggestions"]);
    assert!(!picked.contains(&"keep-code-off-critical-path".to_string()));
    let limits = [
        "hybrid-end-date",
        "coding-tripwire",
        "outgrown-check",
        "agree-coding-share",
        "team-size-options",
    ];
    assert!(
        picked
            .iter()
            .filter(|s| limits.contains(&s.as_str()))
            .count()
            <= 1,
        "{picked:?}"
    );
    assert!(
        picked.contains(&"team-size-options".to_string()),
        "{picked:?}"
    );
    let review = suggestions
        .iter()
        .find(|s| s["id"] == "step-out-of-required-review")
        .unwrap_or_else(|| panic!("the review gate is handed over: {picked:?}"));
    assert!(
        review["why"]
            .as_str()
            .unwrap()
            .contains("Work waits on your review or approval"),
        "{review}"
    );
    // The broad flag takes in the wide span and the large coding share, and
    // says their reasons in words with this person's figures.
    let wide = &v["flags"][0];
    let message = wide["message"].as_str().unwrap();
    for words in [
        "With 12 reports you also still write production code",
        "past the 10 at which the Myth of the Coding Manager says management needs full attention",
        "40% of your week goes to production code",
    ] {
        assert!(message.contains(words), "{words:?} missing from {message}");
    }
    assert_eq!(
        wide["covers"],
        serde_json::json!(["wide-span-still-coding", "large-coding-share"])
    );
    // Coding often leaves too little room for their management work: that
    // answer is seen, as a flag that quotes it, and answered by taking the
    // team's size to the boss, since at 12 reports the share of code is not
    // the only thing to change.
    let expected = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "coding-expected")
        .expect("the boss's expectation is flagged");
    assert!(
        expected["raised_by"][0]
            .as_str()
            .unwrap()
            .contains("coding work left too little room for my management work"),
        "{expected}"
    );
    let size = suggestions
        .iter()
        .find(|s| s["id"] == "team-size-options")
        .unwrap_or_else(|| panic!("the team's size is taken to the boss: {picked:?}"));
    assert!(
        size["why"]
            .as_str()
            .unwrap()
            .contains("Coding work is leaving too little room"),
        "{size}"
    );
    let total = minutes(&v);
    assert!(total <= 90, "{total} minutes a week at burnout 50");
}

/// Choice answers are the number of the option as listed, not its score:
/// the two coding personas ran the build in the last two weeks, the manager
/// who writes no code did so in the last year.
#[test]
fn choice_answers_are_read_by_position_and_the_personas_mean_what_they_say() {
    let keyed = |name: &str| {
        let v = json(name);
        v["dimensions"]["empathy"]["contributions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["item"] == "run-build-recently")
            .map(|c| (c["raw"].as_u64().unwrap(), c["keyed"].as_u64().unwrap()))
            .expect("run-build-recently answered")
    };
    assert_eq!(keyed("sceptic"), (1, 5));
    assert_eq!(keyed("trap-moderate"), (1, 5));
    assert_eq!(keyed("non-coder"), (4, 2));
    let markdown = score("sceptic", "markdown").stdout;
    assert!(
        markdown.contains("(run-build-recently): answered 1 (In the last two weeks), keyed 5"),
        "{markdown}"
    );
}

#[test]
fn the_trap_persona_at_its_worst_gets_an_hour_a_week_that_starts_by_removing_work() {
    let v = json("trap");
    assert!(v["dimensions"]["burnout"]["score"].as_u64().unwrap() >= 70);
    assert_distinct_flags(&v);
    let total = minutes(&v);
    assert!(total <= 60, "{total} minutes a week");
    assert_eq!(v["suggestions"][0]["removes_work"], true);
    assert!(
        v["suggestions"][0]["why"]
            .as_str()
            .unwrap()
            .contains("within 60 minutes a week")
    );
    let burnout = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "burnout-high")
        .expect("burnout-high");
    assert!(
        !burnout["message"]
            .as_str()
            .unwrap()
            .contains("before anything is added")
    );
}

#[test]
fn a_manager_who_writes_no_code_is_not_asked_about_their_code() {
    let v = json("non-coder");
    let not_asked = v["not_asked"].as_array().unwrap();
    let skipped: Vec<&str> = not_asked
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    // Whether coding squeezes their management work, and
    // whether hard conversations wait on their technical work, only mean
    // something for a manager who codes.
    for id in [
        "coding-recharges",
        "took-hard-problem-myself",
        "pushback-in-code",
        "code-can-wait",
        "coding-crowds-management",
        "hard-talk-waited",
    ] {
        assert!(skipped.contains(&id), "{id} was asked: {skipped:?}");
    }
    assert!(
        not_asked
            .iter()
            .all(|n| n["reason"] == "you write no production code")
    );
    // The answer they gave to `coding-recharges` ("na") is not counted, and the
    // items not asked are not in the count either.
    // They are asked instead whether being away from hands-on work drains them.
    assert_eq!(v["dimensions"]["burnout"]["items"], 7);
    assert_eq!(v["dimensions"]["ownership"]["items"], 7);
    let contributions = v["dimensions"]["ownership"]["contributions"]
        .as_array()
        .unwrap();
    assert!(
        contributions
            .iter()
            .all(|c| !skipped.contains(&c["item"].as_str().unwrap()))
    );
    // Their picture of the work is dated and second-hand: a flag says so,
    // not only the coding risks.
    assert!(
        ids(&v["flags"]).contains(&"losing-touch".to_string()),
        "{}",
        v["flags"]
    );
    // Weak empathy, credibility not strong, both risks low: drifting, not
    // "steady".
    assert_eq!(v["pattern"]["id"], "drifting", "{}", v["pattern"]);
    // The report credits what is going well, not only what is weak.
    let headline = v["pattern"]["headline"].as_str().unwrap();
    assert!(
        headline.contains(
            "What is going well: your team owns its decisions (ownership risk 4, low); keep that"
        ),
        "{headline}"
    );
    // A practice for a manager without coding background, none for coders,
    // and none whose items they already answered at their best (a tech-lead
    // agreement in place, 1:1s never moved, decisions made without them).
    let suggestions = ids(&v["suggestions"]);
    assert!(suggestions.contains(&"learn-with-a-guide".to_string()));
    // Their last incident is known from its write-up and their picture is
    // second-hand: incident reviews are offered, for the losing-touch flag.
    let incidents = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "read-incident-reviews")
        .expect("read-incident-reviews");
    assert!(
        incidents["why"]
            .as_str()
            .unwrap()
            .starts_with("Answers a flag: Several answers say your picture"),
        "{}",
        incidents["why"]
    );
    // They already ask what slowed people down "Often"; one walkthrough, not
    // two; and a short list.
    assert!(
        !suggestions.contains(&"engineer-draws-system".to_string()),
        "{suggestions:?}"
    );
    assert!(suggestions.len() <= 4, "{suggestions:?}");
    for settled in [
        "tech-lead-charter",
        "protect-one-on-ones",
        "ask-about-involvement",
        "friction-question",
    ] {
        assert!(
            !suggestions.contains(&settled.to_string()),
            "{settled}: {suggestions:?}"
        );
    }
    assert!(
        suggestions
            .iter()
            .all(|s| !HYBRID[..4].contains(&s.as_str())),
        "{suggestions:?}"
    );
    let markdown = score("non-coder", "markdown").stdout;
    assert!(
        markdown.contains("(not asked: you write no production code)"),
        "{markdown}"
    );
}

#[test]
fn an_empty_answers_file_gets_no_pattern_and_no_suggestions() {
    let v = json("empty");
    assert!(v["pattern"].is_null(), "{}", v["pattern"]);
    assert_eq!(v["suggestions"].as_array().unwrap().len(), 0);
    for d in ["empathy", "credibility", "burnout", "ownership"] {
        assert!(v["dimensions"][d]["score"].is_null());
    }
    let text = score("empty", "text").stdout;
    assert!(!text.contains("Pattern:"), "{text}");
}

#[test]
fn every_report_ends_with_its_sources_and_says_burnout_is_not_clinical() {
    for format in ["text", "markdown"] {
        let out = score("sceptic", format).stdout;
        let sources = out
            .rfind("Sources")
            .unwrap_or_else(|| panic!("no Sources in {format}:\n{out}"));
        // Plain text wraps at 78 columns: compare words, not lines.
        let tail = out[sources..]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for needle in [
            "Engineering Managers Should Write Code",
            "Trevor I. Lasn",
            "The Myth of the Coding Manager",
            "2025-02-01",
            "The player/coach trap",
            "Why developer experience matters in engineering management",
            "no title given",
        ] {
            assert!(tail.contains(needle), "{format}: {needle:?} in\n{tail}");
        }
        let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains("not a clinical measure"), "{format}");
    }
}

/// The minutes shown beside a practice are its first week's total, so a
/// one-off or quarterly practice is never presented as time every week, in
/// the JSON, the markdown or the plain report.
#[test]
fn a_quarterly_or_one_off_practice_is_not_shown_as_minutes_every_week() {
    let v = json("sceptic");
    let by_id = |id: &str| {
        v["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {}", v["suggestions"]))
            .clone()
    };
    assert_eq!(by_id("outgrown-check")["cadence"], "quarterly");
    assert_eq!(by_id("protect-one-on-ones")["cadence"], "once");
    let markdown = score("sceptic", "markdown").stdout;
    assert!(
        markdown.contains("(about 15 minutes the first week, then each quarter)"),
        "{markdown}"
    );
    assert!(markdown.contains("(about 20 minutes, once)"), "{markdown}");
    assert!(!markdown.contains("minutes a week"), "{markdown}");
    let plain = score("sceptic", "text").stdout;
    assert!(plain.contains("~15 min week 1, then quarterly"), "{plain}");
    assert!(!plain.contains("min/week"), "{plain}");
}

/// The score table groups the dimensions by what they measure, not by a
/// camp in the debate: a reader sees no scoreboard of "pro-coding" against
/// "against-coding".
#[test]
fn the_score_table_names_what_the_dimensions_measure_not_a_camp() {
    for name in ["sceptic", "non-coder"] {
        let markdown = score(name, "markdown").stdout;
        assert!(markdown.contains("| Group | Dimension |"), "{markdown}");
        assert!(markdown.contains("| closeness | Empathy |"), "{markdown}");
        assert!(
            markdown.contains("| load and drift | Burnout risk |"),
            "{markdown}"
        );
        let plain = score(name, "text").stdout;
        for text in [&markdown, &plain] {
            assert!(!text.contains("pro-coding"), "{text}");
            assert!(!text.contains("against-coding"), "{text}");
            assert!(!text.contains("Why they stop"), "{text}");
        }
    }
}

/// A verdict the profile alone decides says so, and says how many of the
/// person's own risk answers back it, instead of "whatever the scores say".
#[test]
fn a_verdict_from_the_profile_counts_the_answers_that_back_it() {
    let v = json("trap-moderate");
    let headline = v["pattern"]["headline"].as_str().unwrap();
    assert!(headline.contains("on the profile alone"), "{headline}");
    // The answers behind it are named, not only counted.
    assert!(
        headline.contains("pull requests waiting for your review (Often)")
            && headline.contains("your code could wait a week (Disagree)"),
        "{headline}"
    );
    // Its own rating is not presented as other people's trust.
    assert!(!headline.contains("trusted"), "{headline}");
    assert!(!headline.contains("whatever the scores say"), "{headline}");
    // "Sometimes" is a sign above 5 reports whichever rule named the
    // pattern: at 12 reports the strain answers are named just as they are
    // for the sceptic at 9, not only counted.
    assert!(
        headline.contains("4 of the 4 split-focus signs")
            && headline.contains("1:1s moved (Sometimes)")
            && headline.contains("coding crowding out management (Often)"),
        "{headline}"
    );
}

#[test]
fn a_middle_answer_is_described_in_plain_words_not_engine_terms() {
    // The sceptic answered "Sometimes" to 1:1s moved; the "Why for you" line
    // says what that answer does to the score in words a reader uses.
    let text = score("sceptic", "markdown").stdout;
    assert!(
        text.contains("Sometimes (the middle of the scale: it counts as 50 for burnout risk)"),
        "{text}"
    );
    assert!(!text.contains("in the middle)"), "{text}");
}

/// A manager from product who writes no code was never close to the code:
/// the headline speaks of a picture to build, not of reconnecting; it credits
/// the senior engineer they think decisions through with, and says their low
/// ownership risk may partly reflect distance from the work.
#[test]
fn a_manager_who_writes_no_code_is_told_to_build_a_picture_not_to_reconnect() {
    let v = json("non-coder");
    assert_eq!(v["pattern"]["id"], "drifting");
    // Someone who never coded is not told they are drifting: the pattern
    // keeps its id, and reads as a picture still to build.
    assert_eq!(v["pattern"]["title"], "Building the picture");
    let summary = v["pattern"]["summary"].as_str().unwrap();
    assert!(
        summary.contains("a picture of the team's work still to build")
            && !summary.contains("Taking on tickets"),
        "{summary}"
    );
    let headline = v["pattern"]["headline"].as_str().unwrap();
    assert!(!headline.contains("reconnect"), "{headline}");
    for words in [
        "you write no production code",
        "You have a senior engineer you trust",
        "developer-experience essay",
        "may partly reflect distance from the work",
    ] {
        assert!(
            headline.contains(words),
            "{words:?} missing from {headline}"
        );
    }
    // A manager who codes and drifts keeps the reconnect wording and gets no
    // caveat about distance.
    let sceptic = json("sceptic");
    let h = sceptic["pattern"]["headline"].as_str().unwrap();
    assert!(!h.contains("distance from the work"), "{h}");
    assert!(!h.contains("senior engineer you trust"), "{h}");
}

/// A quarterly check does not lower a risk by itself: its "why" says it gives
/// an early warning, and cites the answers behind the dimension it is picked
/// for (people work postponed, 1:1s moved), not an unrelated pull-request one.
#[test]
fn an_early_warning_practice_says_what_it_does_and_cites_the_answers_behind_it() {
    let v = json("sceptic");
    let check = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "outgrown-check")
        .unwrap_or_else(|| panic!("outgrown-check offered: {}", v["suggestions"]));
    let why = check["why"].as_str().unwrap();
    assert!(why.contains("gives you an early warning"), "{why}");
    assert!(!why.contains("aimed at bringing it down"), "{why}");
    assert!(
        why.contains("people work such as written feedback"),
        "{why}"
    );
    assert!(
        why.contains("I moved, shortened or cancelled 1:1s"),
        "{why}"
    );
    assert!(!why.contains("pull requests waited"), "{why}");
    // With a low risk, it still speaks of a warning, not of keeping it low.
    let sustainable = json("sustainable");
    let end_date = sustainable["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "hybrid-end-date")
        .unwrap_or_else(|| panic!("an end date offered: {}", sustainable["suggestions"]));
    let why = end_date["why"].as_str().unwrap();
    assert!(why.contains("early warning"), "{why}");
}

/// The early-warning practices are the checks that guard a hybrid, and
/// none of them claims to take work away.
#[test]
fn the_early_warning_practices_are_the_hybrid_guards() {
    let lib = altitude::model::catalog::Library::builtin().unwrap();
    let mut warnings: Vec<&str> = lib
        .practices
        .iter()
        .filter(|p| p.early_warning)
        .inspect(|p| assert!(!p.removes_work, "{}", p.id))
        .map(|p| p.id.as_str())
        .collect();
    warnings.sort_unstable();
    assert_eq!(
        warnings,
        ["coding-tripwire", "hybrid-end-date", "outgrown-check"]
    );
}

/// The team's structure is raised with the boss only above 10 reports, where
/// The Myth of the Coding Manager says management needs full attention: the
/// same answers with 10 reports get the conversation about their share of
/// code instead.
#[test]
fn only_a_team_over_ten_is_told_to_take_its_size_to_the_boss() {
    let sandbox = Sandbox::new();
    let source = std::fs::read_to_string(fixture("answers/trap-moderate.toml")).unwrap();
    let picked = |reports: u16| {
        let path = sandbox.dir.path().join(format!("r{reports}.toml"));
        let text = source.replace("reports = 12", &format!("reports = {reports}"));
        assert_ne!(text, source, "the fixture states its reports");
        std::fs::write(&path, text).unwrap();
        let run = sandbox.run(&[
            "score",
            "--answers",
            path.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        ids(&run.json()["suggestions"])
    };
    let eleven = picked(11);
    assert!(
        eleven.contains(&"team-size-options".to_string()),
        "{eleven:?}"
    );
    let ten = picked(10);
    assert!(!ten.contains(&"team-size-options".to_string()), "{ten:?}");
    assert!(ten.contains(&"agree-coding-share".to_string()), "{ten:?}");
}

/// The method accounts for every question asked: a persona who answered
/// everything has nothing left out, and one who skipped a question or said
/// it does not apply sees it named, so a score from fewer items never looks
/// like a score from all of them.
#[test]
fn every_question_asked_is_accounted_for_in_the_method() {
    for name in ["sceptic", "trap-moderate", "non-coder"] {
        let text = score(name, "markdown").stdout;
        for gap in [
            ": not answered, left out",
            ": answered not applicable, left out",
        ] {
            assert!(!text.contains(gap), "{name} has an unanswered item");
        }
    }
    let sandbox = Sandbox::new();
    let sceptic = std::fs::read_to_string(fixture("answers/sceptic.toml")).unwrap();
    let edited: String = sceptic
        .lines()
        .filter(|l| !l.starts_with("dates-held-up ="))
        .map(|l| {
            if l.starts_with("follow-recent-code =") {
                "follow-recent-code = \"na\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let path = sandbox.data().join("edited.toml");
    std::fs::create_dir_all(sandbox.data()).unwrap();
    std::fs::write(&path, edited).unwrap();
    let run = sandbox.run(&[
        "score",
        "--answers",
        path.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("(dates-held-up): not answered, left out"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("(follow-recent-code): answered not applicable, left out")
    );
}

/// A "why" that cites an answer names the score that answer counts towards:
/// the non-coder's reading-to-learn suggestion cites their empathy answer,
/// so it names their empathy score, not their credibility.
#[test]
fn a_why_names_the_score_its_cited_answer_counts_towards() {
    let v = json("non-coder");
    let why = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "review-to-learn")
        .expect("review-to-learn is suggested")["why"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        why.contains("(lowers empathy)") && why.contains("Your empathy is 33/100"),
        "{why}"
    );
    assert!(!why.contains("credibility"), "{why}");
}

/// With 9 reports and none of the split-focus signs in their answers, the
/// sceptic is told which signs to watch, by name, rather than that any show.
#[test]
fn with_no_split_focus_sign_the_headline_names_the_ones_to_watch() {
    let sandbox = Sandbox::new();
    let calm: String = std::fs::read_to_string(fixture("answers/sceptic.toml"))
        .unwrap()
        .lines()
        .map(|l| {
            let strain = [
                "one-on-ones-moved =",
                "management-postponed =",
                "after-hours =",
                "coding-crowds-management =",
            ];
            match strain.iter().find(|s| l.starts_with(*s)) {
                Some(s) => format!("{s} 2"),
                None => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::create_dir_all(sandbox.data()).unwrap();
    let path = sandbox.data().join("calm.toml");
    std::fs::write(&path, calm).unwrap();
    let run = sandbox.run(&[
        "score",
        "--answers",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let headline = v["pattern"]["headline"].as_str().unwrap();
    assert!(
        headline.contains(
            "None of the split-focus signs shows in your answers yet: 1:1s moved, people work postponed, evenings or weekends worked or coding crowding out management are the ones to watch."
        ),
        "{headline}"
    );
}
