//! Trust (SPEC §9), from outside: hostile files and file names try to drive
//! the terminal through every command, and `export -o` and closed pipes
//! behave. Each test runs the real binary.

mod common;

use altitude::model::Mode;
use altitude::model::session::Session;
use altitude::model::time::Timestamp;
use common::{Run, Sandbox, fixture};
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// An OSC title change, a clipboard write (OSC 52), a screen clear via C1 CSI,
/// and a bidi override.
const ATTACK: &str = "\u{1b}]0;OWNED\u{7}\u{1b}]52;c;aGk=\u{7}\u{9b}2J\u{202e}";

/// No byte of an escape sequence, no C1 control and no bidi or invisible
/// character anywhere in what the program wrote.
fn assert_clean(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| altitude::model::text::is_forbidden(c))
        .collect();
    assert!(bad.is_empty(), "{what} carried {bad:?}:\n{text}");
}

/// `s` as a TOML basic string, every control and non-ASCII character escaped.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii() && !c.is_control() => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn assert_run_clean(run: &Run) {
    assert_clean("stdout", &run.stdout);
    assert_clean("stderr", &run.stderr);
}

fn user_set(sandbox: &Sandbox, name: &str, text: &str) -> std::path::PathBuf {
    let dir = sandbox.config().join("questions");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn valid_set_with(extra_item_line: &str) -> String {
    let base = fs::read_to_string(fixture("valid/team-health.toml")).unwrap();
    base.replacen(
        "kind = \"likert\"",
        &format!("kind = \"likert\"\n{extra_item_line}"),
        1,
    )
}

#[test]
fn an_unknown_key_with_an_escape_sequence_is_quoted_visibly_by_sets_and_validate() {
    let sandbox = Sandbox::new();
    let key = toml_str(&format!("x{ATTACK}"));
    let path = user_set(
        &sandbox,
        "hostile.toml",
        &valid_set_with(&format!("{key} = 1")),
    );
    for args in [
        vec!["sets"],
        vec!["sets", "--format", "json"],
        vec!["validate", path.to_str().unwrap()],
    ] {
        let run = sandbox.run(&args);
        assert_run_clean(&run);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            all.contains("<U+001B>]0;OWNED<U+0007>"),
            "{args:?} should show the key visibly:\n{all}"
        );
    }
}

#[test]
fn a_bad_kind_or_dimension_with_escapes_is_quoted_visibly() {
    let sandbox = Sandbox::new();
    for (field, value) in [("kind", "likert"), ("dimension", "empathy")] {
        let text = fs::read_to_string(fixture("valid/team-health.toml"))
            .unwrap()
            .replacen(
                &format!("{field} = \"{value}\""),
                &format!("{field} = {}", toml_str(&format!("{value}{ATTACK}"))),
                1,
            );
        let path = sandbox.dir.path().join(format!("{field}.toml"));
        fs::write(&path, text).unwrap();
        let run = sandbox.run(&["validate", path.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert_run_clean(&run);
        assert!(run.stdout.contains("<U+009B>2J"), "{field}: {}", run.stdout);
    }
}

#[test]
fn a_file_name_with_an_escape_sequence_is_shown_visibly() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join(format!("set{ATTACK}.toml"));
    fs::write(&path, "not = [valid").unwrap();
    let run = sandbox.run(&["validate", path.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_run_clean(&run);
    assert!(run.stdout.contains("set<U+001B>]0;OWNED"), "{}", run.stdout);
}

#[test]
fn an_answers_file_cannot_drive_the_terminal_through_its_set_or_mode() {
    let sandbox = Sandbox::new();
    let good = fs::read_to_string(fixture("answers/trap.toml")).unwrap();
    for (from, to) in [
        (
            "set = \"core\"",
            format!("set = {}", toml_str(&format!("core{ATTACK}"))),
        ),
        (
            "mode = \"solo\"",
            format!("mode = {}", toml_str(&format!("solo{ATTACK}"))),
        ),
    ] {
        let path = sandbox.dir.path().join("answers.toml");
        fs::write(&path, good.replacen(from, &to, 1)).unwrap();
        let run = sandbox.run(&["score", "--answers", path.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{from}: {}", run.stdout);
        assert_run_clean(&run);
        assert!(
            run.stderr.contains("<U+001B>]52;c;"),
            "{from}: {}",
            run.stderr
        );
    }
}

/// A session file written by someone else: a hostile id, and notes and
/// commitments full of control and bidi characters.
fn write_hostile_sessions(sandbox: &Sandbox) {
    let dir = sandbox.data().join("sessions");
    fs::create_dir_all(&dir).unwrap();
    let mut bad_id = Session::new("quick", Mode::Solo, Timestamp(1_790_000_000));
    bad_id.id = format!("x{ATTACK}");
    bad_id.finished = Some(Timestamp(1_790_000_600));
    fs::write(
        dir.join("bad-id.toml"),
        altitude::sessions::to_toml(&bad_id),
    )
    .unwrap();

    let mut s = Session::new("quick", Mode::Solo, Timestamp(1_790_000_000));
    s.finished = Some(Timestamp(1_790_000_600));
    s.notes
        .insert("after-hours".into(), format!("late{ATTACK}\u{85}\u{2066}"));
    s.commitments.push(altitude::model::session::Commitment {
        practice: "friction-log".into(),
        title: format!("`rm -rf`{ATTACK}"),
        due: None,
    });
    fs::write(
        dir.join(format!("{}.toml", s.id)),
        altitude::sessions::to_toml(&s),
    )
    .unwrap();
}

#[test]
fn history_and_exports_of_hostile_session_files_stay_clean() {
    let sandbox = Sandbox::new();
    write_hostile_sessions(&sandbox);
    for args in [
        vec!["history"],
        vec!["history", "--format", "json"],
        vec!["export", "latest"],
        vec!["export", "latest", "--format", "json"],
    ] {
        let run = sandbox.run(&args);
        assert_run_clean(&run);
        assert!(
            run.stderr.contains("bad-id.toml") && run.stderr.contains("not a valid id"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let json = sandbox
        .run(&["export", "latest", "--format", "json"])
        .json();
    assert_eq!(
        json["notes"]["after-hours"].as_str().unwrap(),
        format!("late{ATTACK}\u{85}\u{2066}"),
        "escaped in the JSON text, but the value is kept"
    );
    let md = sandbox.run(&["export", "latest"]).stdout;
    assert!(md.contains(r"\`rm -rf\`\<U+001B\>\]0;OWNED"), "{md}");
}

#[test]
fn a_fifo_as_config_or_set_is_reported_and_never_waited_on() {
    let sandbox = Sandbox::new();
    fs::create_dir_all(sandbox.config().join("questions")).unwrap();
    for fifo in [
        sandbox.config().join("config.toml"),
        sandbox.config().join("questions/pipe.toml"),
    ] {
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }
    let mut child = sandbox
        .command(&["sets"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("`altitude sets` hung on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let run = Run::from(child.wait_with_output().unwrap());
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("pipe.toml:1:1: not a regular file (a FIFO)"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("quick"), "built-in sets still listed");
}

fn one_finished_session(sandbox: &Sandbox) {
    let run = sandbox.run(&["history"]);
    assert_eq!(run.code, 0);
    let dir = sandbox.data().join("sessions");
    fs::create_dir_all(&dir).unwrap();
    let mut s = Session::new("quick", Mode::Solo, Timestamp(1_790_000_000));
    s.finished = Some(Timestamp(1_790_000_600));
    fs::write(
        dir.join(format!("{}.toml", s.id)),
        altitude::sessions::to_toml(&s),
    )
    .unwrap();
}

#[test]
fn export_to_a_file_never_follows_a_symlink_never_makes_folders_never_replaces() {
    let sandbox = Sandbox::new();
    one_finished_session(&sandbox);
    let dir = sandbox.dir.path();
    let target = dir.join("victim.txt");
    let link = dir.join("report.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let run = sandbox.run(&["export", "-o", link.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!target.exists(), "wrote through a dangling symlink");

    let nested = dir.join("no/such/folder/report.md");
    let run = sandbox.run(&["export", "-o", nested.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("its folder does not exist"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("no").exists(), "created missing folders");

    let existing = dir.join("mine.md");
    fs::write(&existing, "my own notes").unwrap();
    let run = sandbox.run(&["export", "-o", existing.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(fs::read_to_string(&existing).unwrap(), "my own notes");

    let fresh = dir.join("fresh.md");
    let run = sandbox.run(&["export", "-o", fresh.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fs::read_to_string(&fresh)
            .unwrap()
            .starts_with("# altitude report")
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let sandbox = Sandbox::new();
    let bin = env!("CARGO_BIN_EXE_altitude");
    for args in ["sets", "sets --format json", "history"] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "'{bin}' {args} | head -c 1 >/dev/null; '{bin}' {args} | true"
            ))
            .env("ALTITUDE_DATA_DIR", sandbox.data())
            .env("ALTITUDE_CONFIG_DIR", sandbox.config())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.to_lowercase().contains("broken pipe"),
            "{args}: {stderr}"
        );
        assert!(stderr.is_empty(), "{args}: {stderr}");
    }
    assert!(Path::new(bin).exists());
}

/// clap quotes a bad argument in its own error: a hostile file name from a
/// shell glob must not reach the terminal through it.
#[test]
fn a_hostile_file_name_in_a_bad_argument_is_shown_visibly() {
    let sandbox = Sandbox::new();
    let name = format!("peer{ATTACK}.txt");
    let run = sandbox.run(&["score", "--answers", "a.toml", "--other", "b.txt", &name]);
    assert_eq!(run.code, 2);
    assert_run_clean(&run);
    // clap drops the ESC sequences itself; the rest is shown visibly.
    assert!(
        run.stderr.contains("<U+009B>2J<U+202E>.txt"),
        "{}",
        run.stderr
    );
}
