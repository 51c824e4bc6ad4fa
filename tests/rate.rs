//! `altitude rate`: the question screens for a rater, ending in an answers
//! file that names nobody, that `score --others` reads, and that never
//! replaces another rater's file. Driven through the App (as the TUI does)
//! and through the real binary in accessible mode (stdin a pipe).

mod common;

use altitude::model::answers::{Answer, parse_sheet};
use altitude::model::catalog::Library;
use altitude::model::perspective::Perspective;
use altitude::model::time::Timestamp;
use altitude::sessions::History;
use altitude::store::Config;
use altitude::tui::action::{Action, Effect};
use altitude::tui::app::{App, Overlay, RaterRun, Screen};
use common::{Sandbox, fixture};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn rater_app(set: &str, perspective: Perspective) -> App {
    let mut app = App::new(
        Library::builtin().unwrap(),
        Config::default(),
        History::default(),
        None,
        Timestamp(1_795_289_405),
    );
    app.start_rating(
        set,
        RaterRun::new(perspective, PathBuf::from("/tmp/raters"), None),
    );
    app
}

/// Answers every question on screen: `pick(i)` for scale items, a comment
/// for text items. Returns every effect the answers asked for.
fn answer_all(app: &mut App, pick: impl Fn(usize) -> u8) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut i = 0;
    while let Screen::Question { text, .. } = app.screen.clone() {
        let actions = if text {
            "Clear about priorities."
                .chars()
                .map(|c| Action::Edit(crossterm::event::KeyCode::Char(c).into()))
                .chain([Action::Enter])
                .collect()
        } else {
            vec![Action::Answer(pick(i))]
        };
        for a in actions {
            effects.extend(app.update(a));
        }
        i += 1;
    }
    effects
}

#[test]
fn a_rater_answers_the_questions_only_and_ends_with_a_file_to_send() {
    let mut app = rater_app("perception", Perspective::Report);
    assert_eq!(app.screen, Screen::RateIntro);
    let intro = app.rating_intro().join("\n");
    assert!(intro.contains("as someone who reports to them"), "{intro}");
    assert!(intro.contains("at least 3 people"), "{intro}");
    assert!(intro.contains("/tmp/raters"), "{intro}");
    // No profile: the first question comes straight after the intro.
    app.update(Action::Enter);
    assert!(matches!(app.screen, Screen::Question { index: 0, .. }));
    let effects = answer_all(&mut app, |i| [4, 2, 5, 3][i % 4]);
    // Nothing autosaved, nothing scored: the answers leave only in the file.
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.screen, Screen::RateEnd { written: None });
    assert!(app.active.as_ref().unwrap().assessment.is_none());
    let Some(Effect::WriteRating {
        to,
        dir,
        perspective,
        text,
    }) = app.update(Action::Enter)
    else {
        panic!("Enter on the end screen writes the file");
    };
    assert_eq!(to, None);
    assert_eq!(dir, PathBuf::from("/tmp/raters"));
    assert_eq!(perspective, Perspective::Report);
    // The file is an answers file `score --others` reads, saying who rated
    // and nothing about when or where.
    let lib = Library::builtin().unwrap();
    let sheet = parse_sheet(Path::new("r.toml"), &text, &lib.sets).unwrap();
    assert_eq!(sheet.rater, Some(Perspective::Report));
    assert_eq!(sheet.set, "perception");
    assert_eq!(
        sheet
            .answers
            .values()
            .find(|a| matches!(a, Answer::Text(_))),
        Some(&Answer::Text("Clear about priorities.".into()))
    );
    assert_eq!(
        sheet.answers.len(),
        lib.set("perception").unwrap().items.len()
    );
    assert!(
        !text.contains("2026") && !text.contains("started"),
        "{text}"
    );

    app.update(Action::RatingWritten(PathBuf::from(
        "/tmp/raters/rating-report-abc.toml",
    )));
    assert_eq!(
        app.screen,
        Screen::RateEnd {
            written: Some(PathBuf::from("/tmp/raters/rating-report-abc.toml"))
        }
    );
    let end = app.rating_end().join("\n");
    assert!(end.contains("/tmp/raters/rating-report-abc.toml"), "{end}");
    assert!(end.contains("Send it to whoever asked you"), "{end}");
    // Written: quitting asks nothing.
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
}

#[test]
fn quitting_with_answers_asks_and_can_write_the_partial_file() {
    let mut app = rater_app("perception", Perspective::Peer);
    app.update(Action::Enter);
    app.update(Action::Answer(4));
    app.update(Action::Answer(2));
    assert_eq!(app.update(Action::Quit), None);
    assert_eq!(app.overlay, Some(Overlay::ConfirmLeaveRating));
    assert!(!app.quit);
    // Esc keeps answering, where the rater was.
    app.update(Action::No);
    assert_eq!(app.overlay, None);
    assert!(matches!(app.screen, Screen::Question { index: 2, .. }));
    app.update(Action::Quit);
    let Some(Effect::WriteRating { text, .. }) = app.update(Action::WriteRating) else {
        panic!("w writes what there is");
    };
    let lib = Library::builtin().unwrap();
    let sheet = parse_sheet(Path::new("r.toml"), &text, &lib.sets).unwrap();
    assert_eq!(sheet.answers.len(), 2);
    app.update(Action::RatingWritten(PathBuf::from("r.toml")));
    assert!(app.rater.as_ref().unwrap().partial);
    assert!(
        app.rating_end()
            .join(" ")
            .contains("The 2 answers you gave")
    );
}

#[test]
fn discarding_quits_without_a_file_and_no_answers_means_no_question() {
    let mut app = rater_app("coach", Perspective::Coach);
    app.update(Action::Enter);
    app.update(Action::Answer(3));
    app.update(Action::Quit);
    assert_eq!(app.update(Action::Discard), Some(Effect::Quit));
    assert!(app.quit);

    let mut app = rater_app("coach", Perspective::Coach);
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
}

#[test]
fn ctrl_c_quits_at_once_and_writes_the_answers_given() {
    let mut app = rater_app("perception", Perspective::Peer);
    app.update(Action::Enter);
    app.update(Action::Answer(5));
    let effect = app.update(Action::ForceQuit);
    assert!(app.quit);
    assert!(
        matches!(effect, Some(Effect::WriteRating { .. })),
        "{effect:?}"
    );
}

#[test]
fn back_from_the_first_question_is_the_intro_and_a_failed_write_keeps_the_answers() {
    let mut app = rater_app("perception", Perspective::Peer);
    app.update(Action::Enter);
    app.update(Action::Back);
    assert_eq!(app.screen, Screen::RateIntro);
    app.update(Action::Enter);
    answer_all(&mut app, |_| 3);
    app.update(Action::Enter);
    app.update(Action::RatingFailed(
        "could not save /tmp/raters/x.toml: the disk is full".into(),
    ));
    assert_eq!(app.screen, Screen::RateEnd { written: None });
    let status = app.status.clone().unwrap();
    assert!(status.contains("the disk is full"), "{status}");
    assert!(status.contains("Enter tries again"), "{status}");
    assert!(app.unwritten_answers() > 0);
    assert!(matches!(
        app.update(Action::Enter),
        Some(Effect::WriteRating { .. })
    ));
}

// ------------------------------------------------------------ the binary

/// What a rater types in accessible mode: start, one line per question,
/// then Enter to write the file.
fn typed_answers(set: &str, value: u8) -> String {
    let lib = Library::builtin().unwrap();
    let mut input = String::from("\n");
    for item in &lib.set(set).unwrap().asked_for(None).items {
        if item.kind == altitude::model::Kind::Text {
            input.push_str("Runs a calm planning meeting.\n");
        } else {
            input.push_str(&format!("{value}\n"));
        }
    }
    input.push('\n');
    input
}

/// Runs `altitude rate ARGS` in `dir` with `input` on stdin.
fn rate(sandbox: &Sandbox, dir: &Path, args: &[&str], input: &str) -> common::Run {
    let mut cmd = sandbox.command(&[&["rate", "--accessible"], args].concat());
    cmd.current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run altitude rate");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    common::Run::from(child.wait_with_output().unwrap())
}

fn ratings_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn three_reports_rate_in_one_folder_and_score_others_shows_their_group() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path().join("answers");
    std::fs::create_dir(&dir).unwrap();
    for value in [4, 4, 2] {
        let run = rate(
            &sandbox,
            &dir,
            &["--as", "report"],
            &typed_answers("perception", value),
        );
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("Your answers are in:"),
            "{}",
            run.stdout
        );
    }
    let files = ratings_in(&dir);
    assert_eq!(files.len(), 3, "three runs, three files: {files:?}");
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("rating-report-"), "{name}");
        assert_eq!(name.len(), "rating-report-".len() + 8 + ".toml".len());
    }
    // Nothing went to the data dir.
    assert!(!sandbox.data().exists());

    let self_path = fixture("answers/trap.toml");
    let run = sandbox.run(&[
        "score",
        "--answers",
        self_path.to_str().unwrap(),
        "--others",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let report = &v["perspectives"]["report"];
    assert_eq!(report["raters"], 3);
    assert_eq!(report["shown"], true);
    assert!(v["perspectives"].get("peer").is_none());
    assert!(report["dimensions"]["empathy"]["score"].is_u64());
}

#[test]
fn two_raters_at_once_in_one_folder_never_collide() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path().to_path_buf();
    let input = typed_answers("perception", 3);
    let runs: Vec<common::Run> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| rate(&sandbox, &dir, &["--as", "peer"], &input)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for run in &runs {
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let files = ratings_in(&dir);
    assert_eq!(files.len(), 2, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(text.contains("rater = \"peer\""), "{text}");
    }
}

#[test]
fn input_ending_mid_rating_writes_the_answers_given() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let run = rate(&sandbox, dir, &["--as", "peer"], "\n4\n5\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("The 2 answers you gave before stopping are in:"),
        "{}",
        run.stdout
    );
    let files = ratings_in(dir);
    assert_eq!(files.len(), 1);
    let lib = Library::builtin().unwrap();
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let sheet = parse_sheet(&files[0], &text, &lib.sets).unwrap();
    assert_eq!(sheet.answers.len(), 2);
}

#[test]
fn quit_then_discard_writes_nothing() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let run = rate(&sandbox, dir, &["--as", "peer"], "\n4\nq\nd\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("You have answered 1 question that is not in a file yet."),
        "{}",
        run.stdout
    );
    assert!(ratings_in(dir).is_empty());
}

#[test]
fn a_self_assessment_set_is_refused_and_o_never_replaces() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["rate", "--set", "core", "--as", "peer"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("--set core: \"core\" is a self-assessment, not a set for rating someone else; choose one of: "),
        "{}",
        run.stderr
    );
    let run = sandbox.run(&["rate", "--set", "nope", "--as", "peer"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("\"nope\" is not a question set"),
        "{}",
        run.stderr
    );

    let taken = sandbox.dir.path().join("mine.toml");
    std::fs::write(&taken, "mine").unwrap();
    let run = sandbox.run(&["rate", "--as", "peer", "-o", taken.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "could not save {}: a file of that name already exists",
            taken.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");
    let missing = sandbox.dir.path().join("no/such/r.toml");
    let run = sandbox.run(&["rate", "--as", "peer", "-o", missing.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("its folder does not exist"),
        "{}",
        run.stderr
    );

    // -o names the file; it is created new.
    let out = sandbox.dir.path().join("for-sam.toml");
    let run = rate(
        &sandbox,
        sandbox.dir.path(),
        &["--as", "coach", "-o", out.to_str().unwrap()],
        &typed_answers("coach", 4),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("set = \"coach\"") && text.contains("rater = \"coach\""));
}

#[test]
fn without_a_terminal_rate_points_to_accessible_mode_and_form() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["rate", "--as", "peer"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("altitude rate --accessible"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("altitude form"), "{}", run.stderr);
}

#[test]
fn the_intro_says_the_configured_minimum_for_the_raters_group() {
    let config = Config {
        raters: altitude::model::raters::Minimums {
            peer: None,
            report: Some(5),
        },
        ..Config::default()
    };
    let mut app = App::new(
        Library::builtin().unwrap(),
        config,
        History::default(),
        None,
        Timestamp(1_795_289_405),
    );
    app.start_rating(
        "perception",
        RaterRun::new(Perspective::Report, PathBuf::from("/tmp/raters"), None),
    );
    let intro = app.rating_intro().join("\n");
    assert!(intro.contains("at least 5 people"), "{intro}");
}
