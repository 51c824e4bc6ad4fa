//! End to end: the real `altitude` binary in a pseudo-terminal, driven by
//! keys and read back through a vt100 parser, with a private data dir per test.
//! Every wait polls the screen (or a file) with a timeout; none is a fixed sleep.

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any one wait may take: generous, for a loaded 2-core machine.
const TIMEOUT: Duration = Duration::from_secs(15);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(20);

const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";

/// A private data and config dir.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn finished_dir(&self) -> PathBuf {
        self.data().join("sessions")
    }

    fn unfinished_dir(&self) -> PathBuf {
        self.data().join("unfinished")
    }
}

/// The app running in a pty, with a reader thread feeding a vt100 parser.
/// `master` and `writer` are `None` once the terminal has been closed.
struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    /// Set by the reader thread when it stops reading.
    eof: Arc<AtomicBool>,
    /// Asks the reader thread to let go of the pty after its next read.
    let_go: Arc<AtomicBool>,
}

impl Tui {
    /// Starts `altitude ARGS` in a `cols`×`rows` terminal, on `sandbox`'s dirs.
    fn spawn(sandbox: &Sandbox, args: &[&str], rows: u16, cols: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_altitude"));
        cmd.args(args);
        cmd.cwd(sandbox.dir.path());
        cmd.env("ALTITUDE_DATA_DIR", sandbox.data());
        cmd.env("ALTITUDE_CONFIG_DIR", sandbox.config());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn altitude");
        // Only the child holds the slave now, so the reader sees EOF when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let eof = Arc::new(AtomicBool::new(false));
        let let_go = Arc::new(AtomicBool::new(false));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            let eof = Arc::clone(&eof);
            let let_go = Arc::clone(&let_go);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            raw.lock().expect("raw lock").extend_from_slice(&buf[..n]);
                            parser.lock().expect("parser lock").process(&buf[..n]);
                        }
                    }
                    if let_go.load(Ordering::SeqCst) {
                        break;
                    }
                }
                eof.store(true, Ordering::SeqCst);
            })
        };
        Tui {
            parser,
            raw,
            master: Some(pair.master),
            writer: Some(writer),
            child,
            reader: Some(thread),
            eof,
            let_go,
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser lock").screen().contents()
    }

    fn rows(&self) -> Vec<String> {
        let parser = self.parser.lock().expect("parser lock");
        let (_, cols) = parser.screen().size();
        parser.screen().rows(0, cols).collect()
    }

    fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .expect("parser lock")
            .screen()
            .alternate_screen()
    }

    fn cursor_hidden(&self) -> bool {
        self.parser
            .lock()
            .expect("parser lock")
            .screen()
            .hide_cursor()
    }

    /// Types `keys` as raw bytes.
    fn press(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).expect("write keys");
        writer.flush().expect("flush keys");
    }

    /// Waits until `text` is on screen; panics with the screen after `TIMEOUT`.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            if start.elapsed() > TIMEOUT || self.eof.load(Ordering::SeqCst) {
                let why = if self.eof.load(Ordering::SeqCst) {
                    "the app exited"
                } else {
                    "timed out"
                };
                panic!("{why} waiting for {text:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Resizes the terminal, as a user dragging the window would.
    fn resize(&mut self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .expect("parser lock")
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Closes the terminal, as closing its window would. `redraw` must make
    /// the app draw something, so that the reader wakes up and lets go.
    fn close_terminal(&mut self, redraw: &str) {
        self.let_go.store(true, Ordering::SeqCst);
        self.press(redraw);
        let start = Instant::now();
        while !self.eof.load(Ordering::SeqCst) {
            assert!(start.elapsed() < TIMEOUT, "the reader never let go");
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        self.writer = None;
        self.master = None;
    }

    /// Sends a signal with the system's `kill`.
    fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the app to exit and for all its output to reach the parser.
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "the app did not exit within {TIMEOUT:?}; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        };
        while !self.eof.load(Ordering::SeqCst) {
            assert!(
                start.elapsed() < TIMEOUT * 2,
                "the pty never closed after the app exited"
            );
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        status
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Answers the four profile questions: 4 reports, 10% coding, not on the
/// critical path, an early-stage company.
fn answer_profile(tui: &mut Tui) {
    tui.wait_for("About you (1 of 4)");
    tui.press("4");
    tui.wait_for("4▏");
    tui.press(ENTER);
    tui.wait_for("About you (2 of 4)");
    tui.press("10");
    tui.wait_for("10▏");
    tui.press(ENTER);
    tui.wait_for("About you (3 of 4)");
    tui.press("n");
    tui.wait_for("About you (4 of 4)");
    tui.press("1");
}

/// Answers questions `from..=to` (1-based) with the digits in `keys`.
fn answer_questions(tui: &mut Tui, from: usize, keys: &[u8]) {
    for (i, key) in keys.iter().enumerate() {
        tui.wait_for(&format!("{} / 12", from + i));
        tui.press(&key.to_string());
    }
}

/// The files (any name) in `dir`; none if it does not exist.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.expect("dir entry").path()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => panic!("cannot list {}: {e}", dir.display()),
    }
}

fn read_toml(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).expect("read session file");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not TOML: {e}", path.display()))
}

/// The one autosaved session, once it has `answers` answers.
fn wait_for_autosave(sandbox: &Sandbox, answers: usize) -> toml::Table {
    let start = Instant::now();
    loop {
        // Only the session files: `.lock` files mark who holds a session.
        let files: Vec<PathBuf> = files_in(&sandbox.unfinished_dir())
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        if let [path] = files.as_slice()
            && let Ok(text) = std::fs::read_to_string(path)
            && let Ok(table) = toml::from_str::<toml::Table>(&text)
            && table
                .get("answers")
                .and_then(toml::Value::as_table)
                .is_some_and(|a| a.len() == answers)
        {
            return table;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "no autosave with {answers} answers in {}: {files:?}",
            sandbox.unfinished_dir().display()
        );
        std::thread::sleep(POLL);
    }
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn answer_the_quick_set_with_keys_and_find_the_saved_session() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &["start", "--set", "quick"], 24, 80);
    answer_profile(&mut tui);
    let keys = [4, 2, 3, 1, 5, 4, 2, 3, 1, 3, 2, 4];
    answer_questions(&mut tui, 1, &keys);

    tui.wait_for("Pattern:");
    tui.press(ENTER);
    tui.wait_for("(0 picked)");
    tui.press(" ");
    tui.wait_for("(1 picked)");
    tui.press(ENTER);
    tui.wait_for("Session saved");
    tui.press("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        !tui.alternate_screen(),
        "the terminal was left on the alternate screen"
    );

    let files = files_in(&sandbox.finished_dir());
    assert_eq!(files.len(), 1, "expected one saved session: {files:?}");
    let path = &files[0];
    assert_eq!(path.extension().and_then(|e| e.to_str()), Some("toml"));
    let session = read_toml(path);
    assert_eq!(session["set"].as_str(), Some("quick"));
    assert!(
        session.contains_key("finished"),
        "no finish time: {session}"
    );
    let profile = session["profile"].as_table().expect("[profile]");
    assert_eq!(profile["reports"].as_integer(), Some(4));
    assert_eq!(profile["coding_share"].as_integer(), Some(10));
    assert_eq!(profile["critical_path"].as_bool(), Some(false));
    assert_eq!(profile["stage"].as_str(), Some("early"));
    let answers = session["answers"].as_table().expect("[answers]");
    assert_eq!(answers.len(), 12, "answers: {answers}");
    assert_eq!(answers["slowest-build-step"].as_integer(), Some(4));
    assert_eq!(answers["after-hours"].as_integer(), Some(2));
    let commitments = session["commitments"].as_array().expect("commitments");
    assert_eq!(commitments.len(), 1, "commitments: {commitments:?}");
    let unfinished = files_in(&sandbox.unfinished_dir());
    assert!(
        unfinished.is_empty(),
        "autosave left behind: {unfinished:?}"
    );

    #[cfg(unix)]
    {
        assert_eq!(mode_of(path), 0o600, "session file mode");
        assert_eq!(mode_of(&sandbox.finished_dir()), 0o700, "sessions dir mode");
        assert_eq!(mode_of(&sandbox.data()), 0o700, "data dir mode");
    }
}

#[test]
fn kill_9_mid_session_then_resume_at_question_4() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &["start", "--set", "quick"], 24, 80);
    answer_profile(&mut tui);
    answer_questions(&mut tui, 1, &[5, 1, 2]);
    tui.wait_for("4 / 12");
    let before = wait_for_autosave(&sandbox, 3);
    tui.signal("KILL");
    let status = tui.wait_exit();
    assert!(!status.success(), "SIGKILL should not look like success");
    drop(tui);

    let mut tui = Tui::spawn(&sandbox, &[], 24, 80);
    tui.wait_for("3 answers so far");
    tui.press("r");
    tui.wait_for("4 / 12");
    tui.press("b");
    tui.wait_for("3 / 12");
    tui.wait_for("✓ marks your earlier answer");
    // The cursor sits on the earlier answer to question 3, which carries the ✓.
    let rows = tui.rows();
    let chosen: Vec<&String> = rows
        .iter()
        .filter(|r| r.trim_end().ends_with('✓'))
        .collect();
    assert_eq!(chosen.len(), 1, "one ✓ expected:\n{}", rows.join("\n"));
    let row = chosen[0].trim();
    assert!(
        row.starts_with("▶   2  "),
        "the ✓ and cursor should be on answer 2, got {row:?}:\n{}",
        rows.join("\n")
    );

    let after = wait_for_autosave(&sandbox, 3);
    assert_eq!(after["answers"], before["answers"], "answers changed");
    assert_eq!(after["profile"], before["profile"], "profile changed");
    assert_eq!(after["id"], before["id"], "resumed a different session");

    tui.press("q");
    tui.wait_for("Quit now?");
    tui.press("y");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn ctrl_c_quits_at_once_and_restores_the_terminal() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &["start", "--set", "quick"], 24, 80);
    answer_profile(&mut tui);
    answer_questions(&mut tui, 1, &[3]);
    tui.wait_for("2 / 12");
    assert!(
        tui.alternate_screen(),
        "the TUI should use the alternate screen"
    );
    tui.press(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!tui.alternate_screen(), "still on the alternate screen");
    assert!(!tui.cursor_hidden(), "the cursor is still hidden");
    let saved = wait_for_autosave(&sandbox, 1);
    assert_eq!(saved["answers"]["slowest-build-step"].as_integer(), Some(3));
}

#[test]
fn too_small_then_resized_back() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &[], 20, 60);
    tui.wait_for("Terminal too small");
    tui.wait_for("this is 60×20");
    tui.resize(24, 80);
    tui.wait_for("New session");
    assert!(
        !tui.screen().contains("Terminal too small"),
        "the warning stayed after the resize:\n{}",
        tui.screen()
    );
    tui.press("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}

/// Sends `signal` on the question screen; the app must catch it, leave the
/// alternate screen, show the cursor again, keep the answer given, and exit
/// with 128 + the signal's number.
fn signal_mid_session_restores_the_terminal(signal: &str, number: u32) {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &["start", "--set", "quick"], 24, 80);
    answer_profile(&mut tui);
    answer_questions(&mut tui, 1, &[4]);
    tui.wait_for("2 / 12");
    tui.signal(signal);
    let status = tui.wait_exit();
    assert_eq!(
        status.signal(),
        None,
        "SIG{signal} killed the app instead of letting it restore the terminal"
    );
    assert_eq!(status.exit_code(), 128 + number, "exit status {status:?}");
    assert!(!tui.alternate_screen(), "still on the alternate screen");
    assert!(!tui.cursor_hidden(), "the cursor is still hidden");
    let saved = wait_for_autosave(&sandbox, 1);
    assert_eq!(saved["answers"]["slowest-build-step"].as_integer(), Some(4));
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_mid_session_restores_the_terminal("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_mid_session_restores_the_terminal("HUP", 1);
}

/// Sent as a signal (by `timeout`, a process manager, `kill -INT`), not as a
/// key: raw mode turns Ctrl-C into a key, so only a real signal tests this.
#[test]
fn sigint_restores_the_terminal() {
    signal_mid_session_restores_the_terminal("INT", 2);
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_mid_session_restores_the_terminal("QUIT", 3);
}

/// Closing the window hangs up the pty: the kernel sends SIGHUP and every
/// read of the terminal returns end-of-file from then on.
#[test]

fn closing_the_terminal_mid_session_ends_the_app_and_keeps_the_answers() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &["start", "--set", "quick"], 24, 80);
    answer_profile(&mut tui);
    answer_questions(&mut tui, 1, &[4, 2]);
    tui.wait_for("3 / 12");
    // `j` moves the cursor along the scale, so the app redraws.
    tui.close_terminal("j");
    let status = tui.wait_exit();
    assert_eq!(status.signal(), None, "exit status {status:?}");
    let saved = wait_for_autosave(&sandbox, 2);
    assert_eq!(saved["answers"]["one-on-ones-moved"].as_integer(), Some(2));
}

/// A manager and a coach on one screen: a note on a question, both rate, and
/// the results and the export show the gaps, the note and the commitments.
#[test]
fn a_coaching_session_with_a_note_and_a_second_rater() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(
        &sandbox,
        &["start", "--set", "quick", "--mode", "coaching"],
        24,
        80,
    );
    answer_profile(&mut tui);
    tui.wait_for("1 / 12");
    tui.wait_for("Talk about it:");
    tui.press("n");
    tui.wait_for("Note on this question");
    tui.press("Nobody owns the build");
    tui.wait_for("Nobody owns the build");
    tui.press("\x1b");
    tui.wait_for("Note: Nobody owns the build");
    // The manager sees high risk and strong empathy...
    answer_questions(&mut tui, 1, &[5, 5, 1, 5, 1, 1, 5, 1, 5, 1, 5, 1]);
    tui.wait_for("pass the keyboard to your coach");
    tui.press(ENTER);
    // ...and the coach sees the opposite on every coach item.
    for i in 1..=20 {
        tui.wait_for(&format!("{i} / 21"));
        tui.press("3");
    }
    // The coach's free-text note, then Enter.
    tui.wait_for("21 / 21");
    tui.press("Billing rewrite");
    tui.wait_for("Billing rewrite");
    tui.press(ENTER);
    tui.wait_for("coach's view");
    tui.wait_for("talking point");
    tui.press("e");
    tui.wait_for("Report written to");
    tui.press(ENTER);
    tui.wait_for("(0 picked)");
    tui.press(" ");
    tui.press(ENTER);
    tui.wait_for("Session saved");
    tui.press("q");
    assert!(tui.wait_exit().success());

    let files = files_in(&sandbox.finished_dir());
    assert_eq!(files.len(), 1);
    let session = read_toml(&files[0]);
    assert_eq!(session["mode"].as_str(), Some("coaching"));
    assert_eq!(
        session["notes"]["slowest-build-step"].as_str(),
        Some("Nobody owns the build")
    );
    let other = session["other"].as_table().expect("[other]");
    assert_eq!(other["set"].as_str(), Some("coach"));
    assert_eq!(other["answers"].as_table().map(|a| a.len()), Some(21));
    assert_eq!(
        other["answers"]["coach-notice"].as_str(),
        Some("Billing rewrite")
    );

    let export = std::process::Command::new(env!("CARGO_BIN_EXE_altitude"))
        .args(["export", "latest"])
        .env("ALTITUDE_DATA_DIR", sandbox.data())
        .env("ALTITUDE_CONFIG_DIR", sandbox.config())
        .output()
        .expect("run export");
    let markdown = String::from_utf8_lossy(&export.stdout);
    for needle in [
        "| Self | Other | Gap |",
        "## Talking points",
        "## Notes",
        "> Nobody owns the build",
        "## Commitments until next time",
        "- [ ] ",
    ] {
        assert!(
            markdown.contains(needle),
            "missing {needle:?} in:\n{markdown}"
        );
    }
}

/// A shared question set whose unknown key carries a title change and a
/// clipboard write: the home screen reports the problem, and not one byte of
/// either sequence reaches the terminal.
#[test]
fn a_hostile_user_set_cannot_drive_the_terminal_at_launch() {
    let sandbox = Sandbox::new();
    let dir = sandbox.config().join("questions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("shared.toml"),
        "id = \"shared\"\ntitle = \"Shared\"\ndescription = \"d\"\n\"x\\u001B]0;OWNED\\u0007\\u001B]52;c;aGk=\\u0007\" = 1\n",
    )
    .unwrap();
    let mut tui = Tui::spawn(&sandbox, &[], 24, 80);
    tui.wait_for("shared.toml");
    tui.press("q");
    tui.wait_exit();
    let raw = tui.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text.contains("\u{1b}]0;OWNED"),
        "the title sequence got through"
    );
    assert!(
        !text.contains("\u{1b}]52"),
        "the clipboard sequence got through"
    );
    assert!(!raw.contains(&0x07), "a BEL got through");
}

/// Two windows start `quick` in the same second on one data dir, answer
/// differently and both finish: both sessions are kept, each with its own
/// answers, and no autosave or lock is left behind.
#[test]
fn two_instances_at_once_keep_both_sessions() {
    let sandbox = Sandbox::new();
    let mut one = Tui::spawn(&sandbox, &["start", "--set", "quick"], 24, 80);
    let mut two = Tui::spawn(&sandbox, &["start", "--set", "quick"], 24, 80);
    // The eighth question is a three-option choice: its highest is 3.
    let mut highest = [5u8; 12];
    highest[7] = 3;
    for (tui, answers) in [(&mut one, [1u8; 12]), (&mut two, highest)] {
        answer_profile(tui);
        answer_questions(tui, 1, &answers);
        tui.wait_for("Pattern:");
    }
    for tui in [&mut one, &mut two] {
        tui.press(ENTER);
        tui.wait_for("(0 picked)");
        tui.press(ENTER);
        tui.wait_for("Session saved");
        tui.press("q");
        assert!(tui.wait_exit().success());
    }
    let files = files_in(&sandbox.finished_dir());
    assert_eq!(files.len(), 2, "{files:?}");
    let mut firsts: Vec<i64> = files
        .iter()
        .map(|f| {
            read_toml(f)["answers"]["slowest-build-step"]
                .as_integer()
                .unwrap()
        })
        .collect();
    firsts.sort();
    assert_eq!(firsts, vec![1, 5]);
    assert!(files_in(&sandbox.unfinished_dir()).is_empty());
}

/// A coach rates with `altitude rate`: the opening screen, the twenty
/// questions, the end screen naming the file; then Ctrl-C in a second run
/// keeps the answers given. Nothing reaches the data dir, and the files are
/// read by `score --others`.
#[test]
fn a_coach_rates_with_altitude_rate_and_sends_back_a_file() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &["rate", "--as", "coach"], 24, 80);
    tui.wait_for("You are rating the manager who asked you, as their coach");
    tui.wait_for("[rating as coach]");
    tui.press(ENTER);
    for i in 1..=20 {
        tui.wait_for(&format!("{i} / 21"));
        tui.press("4");
    }
    tui.wait_for("21 / 21");
    tui.press("Talks about the billing rewrite every week");
    tui.wait_for("billing rewrite");
    tui.press(ENTER);
    tui.wait_for("That was the last question.");
    tui.wait_for("You answered 21 of 21");
    tui.press(ENTER);
    tui.wait_for("Your answers are in:");
    tui.press("q");
    assert!(tui.wait_exit().success());

    let ratings: Vec<PathBuf> = files_in(sandbox.dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(ratings.len(), 1, "{ratings:?}");
    let rating = read_toml(&ratings[0]);
    assert_eq!(rating["set"].as_str(), Some("coach"));
    assert_eq!(rating["rater"].as_str(), Some("coach"));
    assert_eq!(rating["answers"].as_table().map(|a| a.len()), Some(21));
    assert!(
        !sandbox.data().exists(),
        "a rater's run wrote to the data dir"
    );

    // A second run, stopped with Ctrl-C after two answers: they are kept,
    // in a second file.
    let mut tui = Tui::spawn(&sandbox, &["rate", "--as", "coach"], 24, 80);
    tui.wait_for("[rating as coach]");
    tui.press(ENTER);
    tui.wait_for("1 / 21");
    tui.press("2");
    tui.wait_for("2 / 21");
    tui.press("5");
    tui.wait_for("3 / 21");
    tui.press(CTRL_C);
    assert!(tui.wait_exit().success());
    assert!(!tui.alternate_screen());
    let ratings: Vec<PathBuf> = files_in(sandbox.dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(ratings.len(), 2, "{ratings:?}");
    let partial = ratings
        .iter()
        .map(|p| read_toml(p))
        .find(|t| t["answers"].as_table().map(|a| a.len()) == Some(2))
        .expect("the partial file");
    assert_eq!(partial["rater"].as_str(), Some("coach"));

    let score = std::process::Command::new(env!("CARGO_BIN_EXE_altitude"))
        .args(["score", "--answers"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/trap.toml"))
        .args(["--format", "json", "--others"])
        .args(&ratings)
        .env("ALTITUDE_DATA_DIR", sandbox.data())
        .env("ALTITUDE_CONFIG_DIR", sandbox.config())
        .output()
        .expect("run score");
    assert!(
        score.status.success(),
        "{}",
        String::from_utf8_lossy(&score.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&score.stdout).unwrap();
    assert_eq!(v["perspectives"]["coach"]["raters"], 2);
}

/// SIGTERM while a rater waits on a question: the terminal is restored, the
/// status is 128 + 15, and the answers given are in a file, as with Ctrl-C.
#[test]
fn sigterm_while_rating_keeps_the_answers_given() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, &["rate", "--as", "peer"], 24, 80);
    tui.wait_for("[rating as peer]");
    tui.press(ENTER);
    tui.wait_for("1 / 22");
    tui.press("4");
    tui.wait_for("2 / 22");
    tui.press("2");
    tui.wait_for("3 / 22");
    tui.signal("TERM");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 128 + 15, "exit status {status:?}");
    assert!(!tui.alternate_screen(), "still on the alternate screen");
    assert!(
        tui.screen().contains("the answers you gave are in"),
        "{}",
        tui.screen()
    );
    let ratings: Vec<PathBuf> = files_in(sandbox.dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(ratings.len(), 1, "{ratings:?}");
    let rating = read_toml(&ratings[0]);
    assert_eq!(rating["rater"].as_str(), Some("peer"));
    assert_eq!(rating["answers"].as_table().map(|a| a.len()), Some(2));
}

/// Three reports rate with `altitude rate --accessible` into a folder; the
/// manager answers `quick`, presses `a` on the results, types the folder's
/// name (relative to where altitude started), and the reports' view shows;
/// the saved session and its export carry it.
#[test]
fn a_manager_attaches_a_folder_of_rater_files_from_the_results() {
    let sandbox = Sandbox::new();
    let returned = sandbox.dir.path().join("returned");
    std::fs::create_dir(&returned).unwrap();
    for value in ["4", "2", "5"] {
        let mut input = String::from("\n");
        for _ in 0..20 {
            input.push_str(value);
            input.push('\n');
        }
        input.push_str("\n\n");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_altitude"))
            .args(["rate", "--as", "report", "--accessible"])
            .current_dir(&returned)
            .env("ALTITUDE_DATA_DIR", sandbox.data())
            .env("ALTITUDE_CONFIG_DIR", sandbox.config())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("run rate");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(files_in(&returned).len(), 3);

    let mut tui = Tui::spawn(&sandbox, &["start", "--set", "quick"], 24, 80);
    answer_profile(&mut tui);
    answer_questions(&mut tui, 1, &[4, 4, 2, 4, 2, 4, 4, 2, 4, 2, 4, 4]);
    tui.wait_for("Monthly check-in: results");
    tui.press("a");
    tui.wait_for("Attach raters' answers");
    tui.press("returned");
    tui.wait_for("returned");
    tui.press(ENTER);
    tui.wait_for("Attached 3 raters' answers from returned");
    tui.press(ENTER);
    tui.wait_for("(0 picked)");
    tui.press(ENTER);
    tui.wait_for("Session saved");
    tui.press("q");
    assert!(tui.wait_exit().success());

    let export = std::process::Command::new(env!("CARGO_BIN_EXE_altitude"))
        .args(["export", "latest"])
        .env("ALTITUDE_DATA_DIR", sandbox.data())
        .env("ALTITUDE_CONFIG_DIR", sandbox.config())
        .output()
        .expect("run export");
    let markdown = String::from_utf8_lossy(&export.stdout);
    assert!(
        markdown.contains("### Your reports: 3 raters (shown from 3)"),
        "{markdown}"
    );
    assert!(markdown.contains("| Empathy |"), "{markdown}");
}
