//! Sessions that last: atomic saves, private files, faults that never damage
//! earlier files, the schema upgrade path, and the `history`/`export` commands.

mod common;

use altitude::model::answers::Answer;
use altitude::model::session::{CheckIn, CheckInStatus, Commitment, OtherRating, Session};
use altitude::model::time::Timestamp;
use altitude::model::{Mode, Profile, Stage};
use altitude::sessions::{SessionStore, parse_session, upgrade};
use common::Sandbox;
use std::fs;
use std::path::Path;

fn finished(set: &str, at: u64, answer: u8) -> Session {
    let mut s = Session::new(set, Mode::Solo, Timestamp(at));
    s.profile = Some(Profile {
        reports: 6,
        coding_share: 20,
        critical_path: false,
        stage: Stage::Growth,
    });
    for id in [
        "slowest-build-step",
        "one-on-ones-moved",
        "own-estimate-first",
        "discussion-ends",
        "updates-enough-on-tooling",
        "energy-left",
        "sought-for-thinking",
        "engineers-ship-core",
        "ask-what-slowed",
        "after-hours",
    ] {
        s.answers.insert(id.into(), Answer::Value(answer));
    }
    s.commitments.push(Commitment {
        practice: "friction-log".into(),
        title: "Keep a team friction log for two weeks".into(),
        due: None,
    });
    s.finished = Some(Timestamp(at + 600));
    s
}

#[test]
fn a_session_round_trips_through_its_file() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut s = finished("quick", 1_790_000_000, 4);
    s.notes.insert(
        "after-hours".into(),
        "Two late nights for the release.\nSecond line | with *markdown*".into(),
    );
    s.checkins.push(CheckIn {
        practice: "calendar-audit".into(),
        title: "Audit two weeks of your calendar".into(),
        status: CheckInStatus::Partly,
        note: None,
    });
    s.other = Some(OtherRating {
        set: "perception".into(),
        answers: [("stretched-thin".to_string(), Answer::Value(2))].into(),
        position: 3,
    });
    let path = store.save_finished(&mut s).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("schema = 2"), "{text}");
    assert_eq!(parse_session(&path, &text).unwrap(), s);
    assert_eq!(store.history().sessions, vec![s]);
}

#[cfg(unix)]
#[test]
fn files_are_private_and_no_temp_files_are_left() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut s = finished("quick", 1_790_000_000, 3);
    store.save_progress(&mut s).unwrap();
    let path = store.save_finished(&mut s).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&store.finished_dir()), 0o700);
    assert_eq!(mode(&sandbox.data()), 0o700);
    let leftovers: Vec<_> = fs::read_dir(store.finished_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    assert_eq!(
        fs::read_dir(store.unfinished_dir()).unwrap().count(),
        0,
        "the autosave is removed once finished"
    );
}

#[test]
fn autosave_keeps_the_latest_unfinished_session_for_resume() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut s = Session::new("quick", Mode::Solo, Timestamp(1_790_000_000));
    s.answers.insert("after-hours".into(), Answer::Value(2));
    s.position = 1;
    store.save_progress(&mut s).unwrap();
    s.answers
        .insert("slowest-build-step".into(), Answer::NotApplicable);
    s.position = 2;
    store.save_progress(&mut s).unwrap();
    let (resumed, _taken, problems) = store.unfinished();
    assert!(problems.is_empty());
    let resumed = resumed.expect("an unfinished session");
    assert_eq!(resumed.position, 2);
    assert_eq!(resumed.answers.len(), 2);
    assert!(
        store.history().sessions.is_empty(),
        "unfinished sessions are not history"
    );
}

#[test]
fn the_upgrade_path_refuses_newer_and_unversioned_files() {
    let table = |v: i64| toml::Table::from_iter([("schema".to_string(), toml::Value::Integer(v))]);
    // Version 1 (before sessions kept their result) is brought up to 2.
    assert_eq!(
        upgrade(table(1), Some(1)).unwrap()["schema"].as_integer(),
        Some(2)
    );
    let newer = upgrade(table(999), Some(999)).unwrap_err();
    assert!(
        newer.contains("newer altitude (schema 999") && newer.contains("left untouched"),
        "{newer}"
    );
    assert!(
        upgrade(toml::Table::new(), None)
            .unwrap_err()
            .contains("no `schema`")
    );
}

/// Drops a corrupt file and a schema-999 file beside good sessions.
fn seed_with_bad_files(sandbox: &Sandbox) -> (Vec<u8>, Vec<u8>) {
    let mut store = SessionStore::new(&sandbox.data());
    store
        .save_finished(&mut finished("quick", 1_790_000_000, 2))
        .unwrap();
    store
        .save_finished(&mut finished("quick", 1_792_000_000, 4))
        .unwrap();
    let corrupt = b"schema = 1\nid = \"broken\nset = \"quick\"\n".to_vec();
    let future = b"schema = 999\nid = \"from-the-future\"\nnew_field = { x = 1 }\n".to_vec();
    fs::write(store.finished_dir().join("corrupt.toml"), &corrupt).unwrap();
    fs::write(store.finished_dir().join("future.toml"), &future).unwrap();
    (corrupt, future)
}

#[test]
fn history_lists_the_rest_and_names_bad_files_without_touching_them() {
    let sandbox = Sandbox::new();
    let (corrupt, future) = seed_with_bad_files(&sandbox);
    let run = sandbox.run(&["history"]);
    assert_eq!(
        run.stdout.lines().filter(|l| l.contains("quick")).count(),
        2,
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("corrupt.toml:2:13:") && run.stderr.contains("unreadable session file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("future.toml:1:1: written by a newer altitude (schema 999"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 1, "problems give a non-zero exit");
    let dir = sandbox.data().join("sessions");
    assert_eq!(fs::read(dir.join("corrupt.toml")).unwrap(), corrupt);
    assert_eq!(fs::read(dir.join("future.toml")).unwrap(), future);
}

#[test]
fn history_json_has_scores_patterns_and_check_ins() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    store
        .save_finished(&mut finished("quick", 1_790_000_000, 2))
        .unwrap();
    let mut second = finished("quick", 1_792_000_000, 4);
    second.checkins.push(CheckIn {
        practice: "friction-log".into(),
        title: "Keep a team friction log for two weeks".into(),
        status: CheckInStatus::Done,
        note: None,
    });
    store.save_finished(&mut second).unwrap();
    let run = sandbox.run(&["history", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["set"], "quick");
    assert!(rows[1]["scores"]["burnout"].is_u64());
    assert!(rows[1]["pattern"].is_string());
    assert_eq!(rows[1]["checkins"][0]["status"], "done");
    let text = sandbox.run(&["history"]);
    assert!(
        text.stdout.contains("Follow-through on commitments: 100%"),
        "{}",
        text.stdout
    );
}

#[test]
fn export_latest_markdown_is_a_complete_report() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    store
        .save_finished(&mut finished("quick", 1_790_000_000, 2))
        .unwrap();
    let mut s = finished("quick", 1_792_000_000, 4);
    s.notes.insert(
        "after-hours".into(),
        "# not a heading\n| not | a table |".into(),
    );
    s.checkins.push(CheckIn {
        practice: "friction-log".into(),
        title: "Keep a team friction log for two weeks".into(),
        status: CheckInStatus::NotDone,
        note: Some("Release week; no room".into()),
    });
    store.save_finished(&mut s).unwrap();
    let run = sandbox.run(&["export"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for needle in [
        "## Profile",
        "## Scores",
        "## Pattern:",
        "## Suggestions",
        "## Check-in on last time's commitments",
        "Keep a team friction log for two weeks: **not done** (Release week; no room)",
        "## Commitments until next time",
        "## Notes",
        "> \\# not a heading",
        "> \\| not \\| a table \\|",
        "## Trend (2 sessions of this set)",
        "## How the scores were computed",
    ] {
        assert!(
            run.stdout.contains(needle),
            "missing {needle:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn export_json_carries_the_answers_and_the_result() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut s = finished("quick", 1_790_000_000, 3);
    store.save_finished(&mut s).unwrap();
    let run = sandbox.run(&["export", &s.id, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["set"], "quick");
    assert_eq!(v["profile"]["reports"], 6);
    assert_eq!(v["answers"]["after-hours"], 3);
    assert_eq!(v["result"]["dimensions"]["burnout"]["score"], 50);
    assert_eq!(v["commitments"][0]["practice"], "friction-log");
}

#[test]
fn export_to_a_file_never_overwrites_one() {
    let sandbox = Sandbox::new();
    SessionStore::new(&sandbox.data())
        .save_finished(&mut finished("quick", 1_790_000_000, 3))
        .unwrap();
    let out = sandbox.dir.path().join("report.md");
    let run = sandbox.run(&["export", "latest", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .starts_with("# altitude report")
    );
    fs::write(&out, "my own notes").unwrap();
    let again = sandbox.run(&["export", "latest", "-o", out.to_str().unwrap()]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(fs::read_to_string(&out).unwrap(), "my own notes");
}

#[test]
fn export_explains_an_empty_history_and_an_unknown_id() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["export"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no finished sessions"),
        "{}",
        run.stderr
    );
    SessionStore::new(&sandbox.data())
        .save_finished(&mut finished("quick", 1_790_000_000, 3))
        .unwrap();
    let run = sandbox.run(&["export", "nope"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no session \"nope\""), "{}", run.stderr);
}

#[test]
fn a_data_dir_that_cannot_be_created_gets_a_clear_message() {
    let sandbox = Sandbox::new();
    let blocker = sandbox.dir.path().join("not-a-dir");
    fs::write(&blocker, "a file where the data dir should be").unwrap();
    let mut store = SessionStore::new(&blocker.join("data"));
    let err = store
        .save_finished(&mut finished("quick", 1_790_000_000, 3))
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("could not save ") && message.contains("not-a-dir"),
        "{message}"
    );
    assert_eq!(
        fs::read_to_string(&blocker).unwrap(),
        "a file where the data dir should be"
    );
}

#[test]
fn a_full_disk_and_a_read_only_dir_are_explained_plainly() {
    use altitude::store::plain_io;
    use std::io::{Error, ErrorKind};
    assert!(plain_io(&Error::from(ErrorKind::StorageFull)).contains("the disk is full"));
    assert!(plain_io(&Error::from(ErrorKind::ReadOnlyFilesystem)).contains("read-only"));
    assert!(plain_io(&Error::from(ErrorKind::PermissionDenied)).contains("--data-dir"));
}

/// Another process (or a resumed copy) finishing a session with the same id
/// must not replace the file already there: the new one gets its own id.
#[test]
fn finishing_a_session_never_replaces_an_earlier_file_of_the_same_name() {
    let sandbox = Sandbox::new();
    let mut s = finished("quick", 1_790_000_000, 3);
    let path = SessionStore::new(&sandbox.data())
        .save_finished(&mut s)
        .unwrap();
    let before = fs::read(&path).unwrap();
    let mut changed = s.clone();
    changed
        .answers
        .insert("after-hours".into(), Answer::Value(5));
    let moved = SessionStore::new(&sandbox.data())
        .save_finished(&mut changed)
        .unwrap();
    assert_ne!(moved, path);
    assert_eq!(changed.id, format!("{}-2", s.id));
    assert_eq!(fs::read(&path).unwrap(), before, "the earlier file changed");
    let ids: Vec<_> = SessionStore::new(&sandbox.data())
        .history()
        .sessions
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, vec![s.id.clone(), changed.id.clone()]);
}

#[test]
fn a_new_session_checks_in_only_on_the_previous_sessions_commitments() {
    let mut older = finished("quick", 1_790_000_000, 3);
    older.id = "20260910-000000-quick".into();
    let mut newer = finished("quick", 1_792_000_000, 3);
    newer.id = "20261001-000000-quick".into();
    newer.commitments.clear();
    let history = altitude::sessions::History {
        sessions: vec![older.clone(), newer],
        problems: vec![],
    };
    assert!(
        history
            .commitments_before("20261121-000000-quick")
            .is_empty(),
        "the last session made no commitments, so there is nothing to check in on"
    );
    assert_eq!(
        history.commitments_before("20260920-000000-quick"),
        older.commitments
    );
}

/// `altitude remind` writes the check-in as a calendar event, in a new file
/// each time, and never over one that exists.
#[test]
fn remind_writes_the_check_in_to_a_calendar_file() {
    let sandbox = Sandbox::new();
    let mut s = finished("quick", 1_790_000_000, 3);
    s.commitments[0].due = Some(Timestamp(1_790_000_000 + 30 * 86_400));
    SessionStore::new(&sandbox.data())
        .save_finished(&mut s)
        .unwrap();
    let run = sandbox.run(&["remind"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = sandbox
        .data()
        .join("exports")
        .join(format!("{}-check-in.ics", s.id));
    let ics = fs::read_to_string(&path).unwrap();
    assert!(ics.contains("DTSTART;VALUE=DATE:20261021"), "{ics}");
    assert!(
        ics.replace("\r\n ", "")
            .contains("Keep a team friction log for two weeks")
    );
    assert!(
        run.stderr
            .contains("the check-in on 2026-10-21 (1 commitment)"),
        "{}",
        run.stderr
    );
    assert_eq!(sandbox.run(&["remind"]).code, 0);
    assert!(
        path.with_file_name(format!("{}-check-in-2.ics", s.id))
            .exists()
    );
    let taken = sandbox.dir.path().join("mine.ics");
    fs::write(&taken, "keep").unwrap();
    assert_eq!(
        sandbox.run(&["remind", "-o", taken.to_str().unwrap()]).code,
        1
    );
    assert_eq!(fs::read_to_string(&taken).unwrap(), "keep");
}
