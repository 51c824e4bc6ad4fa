//! Coaching and onboarding: the TUI and the CLI agree on gaps, and the
//! onboarding plan reaches the reports.

mod common;

use altitude::model::answers::Answer;
use altitude::model::catalog::Library;
use altitude::model::scoring::gaps;
use altitude::model::time::Timestamp;
use altitude::model::{Dimension, Mode};
use altitude::report::markdown::render_session;
use altitude::sessions::History;
use altitude::store::Config;
use altitude::tui::action::Action;
use altitude::tui::app::{App, Screen};
use common::Sandbox;
use std::fmt::Write;

fn app() -> App {
    App::new(
        Library::builtin().unwrap(),
        Config::default(),
        History::default(),
        None,
        Timestamp(1_795_289_405),
    )
}

fn profile(app: &mut App) {
    for a in [
        Action::Digit(7),
        Action::Enter,
        Action::Digit(3),
        Action::Digit(0),
        Action::Enter,
        Action::Yes,
        Action::Stage(2),
    ] {
        app.update(a);
    }
}

/// Answers every question on screen with the value `pick(item index)`.
fn answer_all(app: &mut App, pick: impl Fn(usize) -> u8) {
    let mut i = 0;
    while let Screen::Question { text, .. } = &app.screen {
        // Text items take typing; skip them here.
        let action = if *text {
            Action::Skip
        } else {
            Action::Answer(pick(i))
        };
        app.update(action);
        i += 1;
    }
}

fn answers_toml(
    set: &str,
    answers: &std::collections::BTreeMap<String, Answer>,
    with_profile: bool,
) -> String {
    let mut out = format!("set = \"{set}\"\n");
    if with_profile {
        out.push_str(
            "[profile]\nreports = 7\ncoding_share = 30\ncritical_path = true\nstage = \"growth\"\n",
        );
    }
    out.push_str("[answers]\n");
    for (id, a) in answers {
        match a {
            Answer::Value(v) => writeln!(out, "{id} = {v}").unwrap(),
            Answer::NotApplicable => writeln!(out, "{id} = \"na\"").unwrap(),
            Answer::Text(t) => writeln!(out, "{id} = {t:?}").unwrap(),
        }
    }
    out
}

#[test]
fn the_tui_and_score_other_agree_on_gaps() {
    let mut app = app();
    app.start("quick", Mode::Coaching);
    profile(&mut app);
    answer_all(&mut app, |i| [5, 4, 2, 5, 1, 2, 4, 1, 5, 4][i % 10]);
    assert_eq!(app.screen, Screen::Handover);
    app.update(Action::StartOther);
    answer_all(&mut app, |i| [2, 3, 1, 4][i % 4]);
    assert!(
        matches!(app.screen, Screen::Results { .. }),
        "{:?}",
        app.screen
    );

    let active = app.active.as_ref().unwrap();
    let own = active.assessment.as_ref().unwrap();
    let other = active
        .other_assessment
        .as_ref()
        .expect("the coach's ratings");
    let tui_gaps = gaps(&own.scores, &other.scores);
    assert_eq!(tui_gaps.len(), 4);

    let sandbox = Sandbox::new();
    let mine = sandbox.dir.path().join("mine.toml");
    let coach = sandbox.dir.path().join("coach.toml");
    std::fs::write(&mine, answers_toml("quick", &active.session.answers, true)).unwrap();
    let other_answers = &active.session.other.as_ref().unwrap().answers;
    std::fs::write(&coach, answers_toml("coach", other_answers, false)).unwrap();
    let run = sandbox.run(&[
        "score",
        "--answers",
        mine.to_str().unwrap(),
        "--other",
        coach.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cli = run.json();
    for d in Dimension::ALL {
        assert_eq!(
            cli["gaps"][d.id()].as_i64(),
            tui_gaps.get(&d).map(|g| i64::from(*g)),
            "{d}"
        );
    }
    let points = cli["talking_points"].as_array().unwrap();
    let big: Vec<_> = tui_gaps.iter().filter(|(_, g)| g.abs() >= 20).collect();
    assert_eq!(points.len(), big.len());
}

#[test]
fn onboarding_ends_in_a_week_by_week_plan_that_reaches_the_export() {
    let mut app = app();
    app.start("onboarding", Mode::Onboarding);
    profile(&mut app);
    let Screen::Question { why, .. } = app.screen else {
        panic!("{:?}", app.screen)
    };
    assert!(why, "onboarding shows why this matters without pressing w");
    answer_all(&mut app, |_| 4);
    let active = app.active.as_ref().unwrap();
    let plan = active
        .assessment
        .as_ref()
        .unwrap()
        .plan
        .as_ref()
        .expect("a plan");
    assert!(
        (3..=4).contains(&plan.weeks.len()),
        "{} weeks",
        plan.weeks.len()
    );
    assert!(plan.weeks.iter().all(|w| !w.practice.implementation));
    assert_eq!(plan.weeks[0].week, 1);

    let markdown = render_session(&app.library, &active.session, &[]);
    for needle in [
        "## Your first 90 days",
        "### Week 1:",
        "### After the first month, watch for",
        "### Team-size tripwires",
        "The Myth of the Coding Manager says",
        "## Sources",
    ] {
        assert!(
            markdown.contains(needle),
            "missing {needle:?} in:\n{markdown}"
        );
    }
    assert!(markdown.contains(&plan.weeks[0].practice.title));
}

/// The coaching export is a debrief a coach can hand over: talking points
/// largest first with their questions quoted, commitments with an owner and
/// a date, and the re-runs at 30 and 60 days.
#[test]
fn the_coaching_export_reads_as_a_debrief() {
    let mut app = app();
    app.start("quick", Mode::Coaching);
    profile(&mut app);
    answer_all(&mut app, |i| [5, 1][i % 2]);
    app.update(Action::StartOther);
    answer_all(&mut app, |i| [1, 5][i % 2]);
    app.update(Action::Enter);
    app.update(Action::Toggle);
    app.update(Action::Enter);
    let session = app.active.as_ref().unwrap().session.clone();
    let due = session.commitments[0].due.expect("a due date once saved");
    assert_eq!(due.0, session.finished.unwrap().0 + 30 * 86_400);
    let md = render_session(&app.library, &session, &[]);
    assert!(md.contains("A debrief of a coaching conversation"), "{md}");
    assert!(
        md.contains(&format!("owner: the manager · check in by {}", due.date())),
        "{md}"
    );
    assert!(md.contains("## Next steps"), "{md}");
    assert!(md.contains("`altitude start --set quick`"), "{md}");
    // Talking points quote the questions, never bare item ids.
    let quick = app.library.set("quick").unwrap();
    let talking = &md[md.find("## Talking points").expect("talking points")..];
    let quoted = quick
        .items
        .iter()
        .filter(|i| talking.contains(&altitude::output::markdown(&i.prompt)))
        .count();
    assert!(quoted >= 1, "{talking}");
    assert!(
        !talking.contains(" = 5 ("),
        "an answer cited by id: {talking}"
    );
}
