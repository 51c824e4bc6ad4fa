//! Speed of the terminal app (issue 3, "Speed, as a benchmark").
//!
//! * `render/…`: drawing the question and results screens into a buffer at
//!   80×24 and 200×60.
//! * `key+redraw/…`: one `App::update` plus the redraw at 80×24. Target: well
//!   under 1 ms.
//! * `startup/…`: time from process start until the whole first frame is on
//!   the terminal, for the `altitude` binary (home screen, empty data and
//!   config dirs) and for `examples/bare.rs` (a bare ratatui program that
//!   draws one line), each in an 80×24 pseudo-terminal. Target: altitude at
//!   most 1.5× bare. The report after criterion takes both in turns, so they
//!   share the machine's load, and prints that load.
//! * After criterion, bytes each program writes to the terminal while idle at
//!   its first screen for a few seconds. Target: none, like bare.
//! * `startup parts/…`: the in-process share of altitude's startup (parsing
//!   the built-in library, loading the app, the first render), to show where
//!   the time goes.
//! * After criterion, peak memory (VmHWM) of each program right after its first
//!   frame. Target: altitude at most 3× bare.
//!
//! Run with `cargo bench --bench tui`. The example is built on the way (with
//! the same profile as the bench) if it is missing.

// Benchmark reports print only their own fixed text and figures.
#![allow(clippy::disallowed_macros)]

use altitude::model::catalog::Library;
use altitude::model::time::Timestamp;
use altitude::sessions::History;
use altitude::store::{Config, Paths};
use altitude::tui::action::Action;
use altitude::tui::app::{App, Screen};
use altitude::tui::run::load_app;
use altitude::tui::view;
use criterion::{Criterion, SamplingMode};
use crossterm::event::KeyCode;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const NOW: Timestamp = Timestamp(1_795_289_405);
const SMALL: Rect = Rect::new(0, 0, 80, 24);
const LARGE: Rect = Rect::new(0, 0, 200, 60);

fn new_app() -> App {
    App::new(
        Library::builtin().expect("the built-in library loads"),
        Config::default(),
        History::default(),
        None,
        NOW,
    )
}

fn drive(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
}

/// The app on the first question of the core set, after the profile.
fn question_app() -> App {
    let mut app = new_app();
    drive(
        &mut app,
        &[
            Action::NewSession,
            Action::Enter,
            Action::Digit(6),
            Action::Enter,
            Action::Digit(3),
            Action::Digit(0),
            Action::Enter,
            Action::No,
            Action::Stage(2),
        ],
    );
    assert!(
        matches!(app.screen, Screen::Question { index: 0, .. }),
        "expected the first question, got {:?}",
        app.screen
    );
    app
}

/// The app on the results of a fully answered core session.
fn results_app() -> App {
    let mut app = question_app();
    for _ in 0..200 {
        let Screen::Question { index, text, .. } = &app.screen else {
            break;
        };
        if *text {
            for c in "Pairing with the on-call engineer on a flaky deploy".chars() {
                app.update(Action::Edit(KeyCode::Char(c).into()));
            }
            app.update(Action::Enter);
        } else {
            let len = app.active.as_ref().expect("a session").set.items[*index].scale_len();
            let value = 1 + ((index * 7 + 3) % usize::from(len)) as u8;
            app.update(Action::Answer(value));
        }
    }
    assert!(
        matches!(app.screen, Screen::Results { .. }),
        "expected the results, got {:?}",
        app.screen
    );
    app
}

/// The app on the first free-text question of the core set.
fn text_question_app() -> App {
    let mut app = question_app();
    for _ in 0..200 {
        match &app.screen {
            Screen::Question { text: true, .. } => return app,
            Screen::Question { .. } => app.update(Action::Answer(3)),
            other => panic!("no text question before {other:?}"),
        };
    }
    panic!("no text question in the core set");
}

fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    // The terminal hands each frame a reset buffer.
    buf.reset();
    view::render(app, area, buf);
    black_box(&*buf);
}

fn render_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group.sample_size(50);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for (name, app) in [("question", question_app()), ("results", results_app())] {
        for area in [SMALL, LARGE] {
            let mut buf = Buffer::empty(area);
            group.bench_function(format!("{name}/{}x{}", area.width, area.height), |b| {
                b.iter(|| draw(&app, area, &mut buf))
            });
        }
    }
    group.finish();
}

/// Alternates two actions, one per iteration, each followed by a redraw.
fn bench_key_pair(
    c: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    mut app: App,
    pair: [Action; 2],
) {
    let mut buf = Buffer::empty(SMALL);
    let mut flip = false;
    c.bench_function(name, |b| {
        b.iter(|| {
            flip = !flip;
            black_box(app.update(pair[usize::from(flip)].clone()));
            draw(&app, SMALL, &mut buf);
        })
    });
}

fn key_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("key+redraw");
    group.sample_size(50);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    bench_key_pair(
        &mut group,
        "question ←/→",
        question_app(),
        [Action::Left, Action::Right],
    );
    bench_key_pair(
        &mut group,
        "question answer/back",
        question_app(),
        [Action::Answer(4), Action::Previous],
    );
    bench_key_pair(
        &mut group,
        "text question type/backspace",
        text_question_app(),
        [
            Action::Edit(KeyCode::Char('x').into()),
            Action::Edit(KeyCode::Backspace.into()),
        ],
    );
    bench_key_pair(
        &mut group,
        "results ↓/↑",
        results_app(),
        [Action::Down, Action::Up],
    );
    group.finish();
}

// ---------------------------------------------------------------------------
// Process start to first frame, in a pseudo-terminal.

/// A program to start in a pseudo-terminal.
struct Program {
    name: &'static str,
    path: PathBuf,
    /// Bytes in the first frame; the frame is complete at the next
    /// [`FRAME_END`] after them.
    marker: &'static [u8],
    /// Where altitude keeps its (empty) data and config.
    dirs: Option<tempfile::TempDir>,
    /// Every time to first frame measured, warm-up included.
    times: Mutex<Vec<Duration>>,
}

/// A started program whose first frame has arrived.
struct Running {
    child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    reader: JoinHandle<()>,
    master: Box<dyn MasterPty + Send>,
    /// Bytes written to the terminal after the first frame.
    after: Arc<AtomicUsize>,
}

/// What ratatui writes after the last cell of a frame: hide the cursor.
const FRAME_END: &[u8] = b"\x1b[?25l";

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

impl Program {
    /// Starts the program and returns once its whole first frame is on the
    /// terminal, with the time that took.
    fn start(&self) -> (Duration, Running) {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(&self.path);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        if let Some(dirs) = &self.dirs {
            cmd.env("ALTITUDE_DATA_DIR", dirs.path().join("data"));
            cmd.env("ALTITUDE_CONFIG_DIR", dirs.path().join("config"));
        }
        cmd.cwd(std::env::temp_dir());
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        let (tx, rx) = mpsc::channel();
        let marker = self.marker;
        let answer = Arc::clone(&writer);
        let after = Arc::new(AtomicUsize::new(0));
        let after_frame = Arc::clone(&after);

        let start = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pty.slave);
        // Read everything until the child is gone, so it never blocks on a
        // full pty; note when the marker first shows, and answer cursor
        // position queries as a terminal would.
        let reader = std::thread::spawn(move || {
            let mut seen = Vec::new();
            let mut answered = 0;
            let mut marker_at = None;
            let mut found = false;
            let mut chunk = [0u8; 16 * 1024];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let at = Instant::now();
                if found {
                    after_frame.fetch_add(n, Ordering::Relaxed);
                    continue;
                }
                seen.extend_from_slice(&chunk[..n]);
                let queries = count(&seen, b"\x1b[6n");
                if queries > answered
                    && let Ok(mut w) = answer.lock()
                {
                    for _ in answered..queries {
                        let _ = w.write_all(b"\x1b[1;1R");
                    }
                    let _ = w.flush();
                    answered = queries;
                }
                if marker_at.is_none() {
                    marker_at = find(&seen, marker);
                }
                // The frame is complete when ratatui hides the cursor after it.
                if let Some(m) = marker_at
                    && find(&seen[m..], FRAME_END).is_some()
                {
                    found = true;
                    let _ = tx.send(at);
                }
            }
        });
        let first_frame: Receiver<Instant> = rx;
        let at = first_frame
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("{} drew no first frame within 20 s", self.name));
        (
            at - start,
            Running {
                child,
                writer,
                reader,
                master: pty.master,
                after,
            },
        )
    }

    fn time_to_first_frame(&self) -> Duration {
        let (took, running) = self.start();
        running.stop();
        if let Ok(mut times) = self.times.lock() {
            times.push(took);
        }
        took
    }
}

impl Running {
    fn pid(&self) -> u32 {
        self.child.process_id().expect("a child process id")
    }

    /// Ends the child: a key first (both quit on `q` at their first screen),
    /// then a kill if it is still there.
    fn stop(mut self) {
        if let Ok(mut w) = self.writer.lock() {
            let _ = w.write_all(b"q");
            let _ = w.flush();
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_micros(200))
                }
                _ => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
            }
        }
        drop(self.master);
        let _ = self.reader.join();
    }
}

/// `VmHWM` (peak resident set) and `VmRSS` of a process, in KiB.
fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// The built `examples/bare.rs` next to the altitude binary. When `build` is
/// set and it is missing or older than its source, it is built first, with
/// the profile altitude was built with (`cargo bench` does not build examples).
fn bare_path(altitude: &Path, build: bool) -> Option<PathBuf> {
    let profile_dir = altitude.parent()?;
    let path = profile_dir
        .join("examples")
        .join(format!("bare{}", std::env::consts::EXE_SUFFIX));
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bare.rs");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let stale = match (modified(&path), modified(&source)) {
        (Some(built), Some(source)) => built < source,
        (built, _) => built.is_none(),
    };
    if build && stale {
        eprintln!("building examples/bare.rs for the startup benchmarks");
        let profile = match profile_dir.file_name()?.to_str()? {
            "debug" => "dev",
            "release" => "bench",
            other => other,
        };
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = std::process::Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "--example",
                "bare",
                "--profile",
                profile,
            ])
            .arg("--manifest-path")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .arg("--target-dir")
            .arg(profile_dir.parent()?)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("could not build examples/bare.rs");
        }
    }
    path.exists().then_some(path)
}

fn programs(build: bool) -> Vec<Program> {
    let altitude = PathBuf::from(env!("CARGO_BIN_EXE_altitude"));
    let mut list = Vec::new();
    match bare_path(&altitude, build) {
        Some(bare) => list.push(Program {
            name: "bare",
            path: bare,
            // The diff skips blank cells, so the marker holds no space.
            marker: b"ratatui:",
            dirs: None,
            times: Mutex::new(Vec::new()),
        }),
        None => eprintln!("examples/bare.rs is not built; skipping the startup benchmarks"),
    }
    if list.is_empty() {
        return list;
    }
    list.push(Program {
        name: "altitude",
        path: altitude,
        marker: b"altitude",
        dirs: Some(tempfile::tempdir().expect("a temp dir")),
        times: Mutex::new(Vec::new()),
    });
    list
}

fn startup_benches(c: &mut Criterion, programs: &[Program]) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for p in programs {
        group.bench_function(format!("first frame/{}", p.name), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| p.time_to_first_frame()).sum())
        });
    }
    group.finish();
}

/// The in-process parts of startup, to show where the time to first frame goes.
fn startup_part_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup parts");
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    group.bench_function("Library::builtin", |b| {
        b.iter(|| black_box(Library::builtin()))
    });
    let dirs = tempfile::tempdir().expect("a temp dir");
    let paths = Paths {
        data_dir: dirs.path().join("data"),
        config_dir: dirs.path().join("config"),
    };
    let mut buf = Buffer::empty(SMALL);
    group.bench_function("Library::builtin + load_app + home render", |b| {
        b.iter(|| {
            let library = Library::builtin().expect("the built-in library loads");
            let (app, store) = load_app(library, &paths);
            draw(&app, SMALL, &mut buf);
            black_box((app, store))
        })
    });
    group.finish();
}

fn median<T: Ord + Copy>(mut v: Vec<T>) -> Option<T> {
    v.sort_unstable();
    v.get(v.len() / 2).copied()
}

/// What [`report`] found for one program.
struct Figures {
    name: &'static str,
    runs: usize,
    median: Duration,
    min: Duration,
    hwm_kib: u64,
    idle_bytes: usize,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn verdict(ratio: f64, target: f64) -> &'static str {
    if ratio <= target { "met" } else { "MISSED" }
}

/// How long each program is watched, idle at its first screen.
const IDLE: Duration = Duration::from_secs(3);

/// Times to first frame taken in turns (bare, altitude, bare, …), so both
/// see the same machine load; then each program's peak memory just after its
/// first frame, and what it writes while idle. Prints the figures, the
/// machine's load, and the ratios against the targets.
fn report(programs: &[Program]) {
    const TURNS: usize = 41;
    const RUNS: usize = 7;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); programs.len()];
    for _ in 0..TURNS {
        for (p, t) in programs.iter().zip(&mut times) {
            t.push(p.time_to_first_frame());
        }
    }
    let mut rows = Vec::new();
    for (p, t) in programs.iter().zip(times) {
        let mut hwm = Vec::new();
        for _ in 0..RUNS {
            let (_, running) = p.start();
            // Let the process settle at its first screen before reading.
            std::thread::sleep(Duration::from_millis(50));
            hwm.push(memory_kib(running.pid()).0);
            running.stop();
        }
        let (_, running) = p.start();
        std::thread::sleep(IDLE);
        let idle_bytes = running.after.load(Ordering::Relaxed);
        running.stop();
        rows.push(Figures {
            name: p.name,
            runs: t.len(),
            min: t.iter().min().copied().unwrap_or_default(),
            median: median(t).unwrap_or_default(),
            hwm_kib: median(hwm).unwrap_or_default(),
            idle_bytes,
        });
    }
    eprintln!();
    eprintln!("machine load (/proc/loadavg) before: {}", load.trim());
    eprintln!(
        "first frame at 80x24, taken in turns (ms)   peak memory (KiB)   written while idle for {} s (bytes)",
        IDLE.as_secs()
    );
    eprintln!("program     runs   median      min    VmHWM    idle");
    for f in &rows {
        eprintln!(
            "{:<10} {:>5} {:>8.2} {:>8.2} {:>8} {:>7}",
            f.name,
            f.runs,
            ms(f.median),
            ms(f.min),
            f.hwm_kib,
            f.idle_bytes
        );
    }
    if let [bare, alt] = &rows[..] {
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        let median = ratio(alt.median, bare.median);
        let min = ratio(alt.min, bare.min);
        let memory = alt.hwm_kib as f64 / (bare.hwm_kib as f64).max(1.0);
        eprintln!(
            "altitude/bare first frame: {median:.2}× by median, {min:.2}× by minimum (target ≤ 1.5×: {} by median)",
            verdict(median, 1.5)
        );
        eprintln!(
            "altitude/bare peak memory (VmHWM): {memory:.2}× (target ≤ 3×: {})",
            verdict(memory, 3.0)
        );
        eprintln!(
            "altitude idle: {} bytes in {} s (target: 0, as bare: {})",
            alt.idle_bytes,
            IDLE.as_secs(),
            bare.idle_bytes
        );
    }
    eprintln!(
        "machine load (/proc/loadavg) after: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let benchmarking = has("--bench") && !has("--test") && !has("--list");
    let mut c = Criterion::default().configure_from_args();
    render_benches(&mut c);
    key_benches(&mut c);
    startup_part_benches(&mut c);
    let programs = programs(benchmarking);
    startup_benches(&mut c, &programs);
    c.final_summary();
    let ran_startup = programs
        .iter()
        .all(|p| p.times.lock().is_ok_and(|t| !t.is_empty()));
    if benchmarking && ran_startup && !programs.is_empty() {
        report(&programs);
    }
}
