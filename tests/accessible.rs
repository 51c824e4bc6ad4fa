//! Accessible mode (SPEC §12), end to end: a whole session piped into
//! `altitude start --accessible`, read back as plain lines, saved as the TUI
//! saves it.

mod common;

use altitude::model::Kind;
use altitude::model::catalog::Library;
use common::Sandbox;
use std::io::Write;
use std::process::Stdio;

/// Runs `altitude` with `args`, piping `input` to it; returns (exit code, stdout).
fn pipe(sandbox: &Sandbox, args: &[&str], input: &str, term: &str) -> (i32, String, String) {
    let mut child = sandbox
        .command(args)
        .env("TERM", term)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run altitude");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write the answers");
    let out = child.wait_with_output().expect("altitude ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Lines a person would type for a whole `quick` session: the profile, an
/// answer per question (one wrong answer first, to be asked again), results,
/// one commitment, save.
fn quick_session() -> String {
    let lib = Library::builtin().expect("library");
    let mut input = String::from("7\n25\nn\n2\n");
    for (i, item) in lib.set("quick").expect("quick").items.iter().enumerate() {
        match item.kind {
            Kind::Text => input.push_str("Fewer status meetings\n"),
            _ if i == 0 => input.push_str("9\nmaybe\n4\n"),
            _ => input.push_str(&format!("{}\n", 1 + i % 5)),
        }
    }
    input.push_str("\n1\n\n");
    input
}

fn saved_sessions(sandbox: &Sandbox) -> Vec<toml::Table> {
    let dir = sandbox.data().join("sessions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("read the session");
            toml::from_str(&text).expect("a session file")
        })
        .collect()
}

#[test]
fn a_piped_quick_session_is_asked_line_by_line_and_saved() {
    let sandbox = Sandbox::new();
    let (code, out, err) = pipe(
        &sandbox,
        &["start", "--set", "quick", "--accessible"],
        &quick_session(),
        "xterm-256color",
    );
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    // Plain lines only: no escape sequences, no box drawing.
    assert!(!out.contains('\u{1b}'), "an escape sequence in:\n{out}");
    for c in ['│', '─', '┌', '█'] {
        assert!(!out.contains(c), "{c:?} in:\n{out}");
    }
    // Each question is said once, with numbered options.
    assert!(out.contains("Question 1 of "), "{out}");
    assert_eq!(out.matches("Question 1 of ").count(), 1, "{out}");
    assert!(
        out.contains("1. Strongly disagree") || out.contains("1. Never"),
        "{out}"
    );
    // A wrong answer is asked again, with the reason.
    assert!(out.contains("There is no answer 9"), "{out}");
    assert!(out.contains("\"maybe\" is not an answer"), "{out}");
    assert!(out.contains("Results."), "{out}");
    assert!(out.contains("Empathy: "), "{out}");
    assert!(out.contains("Session saved to "), "{out}");

    let saved = saved_sessions(&sandbox);
    assert_eq!(saved.len(), 1, "one finished session:\n{out}");
    let session = &saved[0];
    assert!(session.contains_key("finished"), "{session:?}");
    let answers = session["answers"].as_table().expect("answers");
    let lib = Library::builtin().expect("library");
    let first = &lib.set("quick").expect("quick").items[0].id;
    assert_eq!(answers[first.as_str()].as_integer(), Some(4));
    assert_eq!(
        session["commitments"].as_array().map(Vec::len),
        Some(1),
        "{session:?}"
    );
    assert!(
        !sandbox.data().join("unfinished").exists()
            || std::fs::read_dir(sandbox.data().join("unfinished"))
                .map(|d| d
                    .filter_map(Result::ok)
                    .all(|e| e.path().extension().is_none_or(|x| x != "toml")))
                .unwrap_or(true),
        "the autosave is gone once saved"
    );
}

#[test]
fn term_dumb_is_accessible_too_and_input_ending_keeps_the_progress() {
    let sandbox = Sandbox::new();
    let (code, out, err) = pipe(
        &sandbox,
        &["start", "--set", "quick"],
        "7\n25\nn\n2\n3\n",
        "dumb",
    );
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Question 2 of "), "{out}");
    assert!(out.contains("Input ended"), "{out}");
    let unfinished = std::fs::read_dir(sandbox.data().join("unfinished"))
        .expect("an autosave")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .count();
    assert_eq!(unfinished, 1, "the answer given is kept for resume");
}

#[test]
fn question_mark_explains_the_keys_and_b_goes_back() {
    let sandbox = Sandbox::new();
    let (code, out, _) = pipe(
        &sandbox,
        &["start", "--set", "quick", "--accessible"],
        "7\n25\nn\n2\n?\n3\nb\nq\n",
        "xterm",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 is not applicable"), "{out}");
    assert_eq!(
        out.matches("Question 1 of ").count(),
        2,
        "b says question 1 again:\n{out}"
    );
    assert!(out.contains("Your earlier answer: 3"), "{out}");
}
