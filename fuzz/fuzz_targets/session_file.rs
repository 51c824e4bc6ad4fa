//! Fuzzes the session-file loader: any bytes give a session or a located
//! problem, never a panic; a file whose id is not a valid id is refused; and
//! what the loaded session exports carries no raw control, bidi or invisible
//! character. Run with `cargo +nightly fuzz run session_file`.
#![no_main]

use altitude::model::catalog::Library;
use altitude::model::text::is_forbidden;
use altitude::report::markdown::render_session;
use altitude::sessions::{is_valid_session_id, read_session};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::builtin().expect("the built-in library"))
}

fuzz_target!(|data: &[u8]| {
    // Through the real reader, so the size, type and id checks run too.
    let dir = std::env::temp_dir().join(format!("altitude-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("20261121-193005-quick.toml");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    match read_session(&path) {
        Err(problem) => {
            assert!(!problem.to_string().chars().any(is_forbidden));
        }
        Ok(session) => {
            assert!(is_valid_session_id(&session.id));
            assert_eq!(session.id, "20261121-193005-quick");
            let md = render_session(library(), &session, &[]);
            assert!(!md.chars().any(is_forbidden), "markdown: {md:?}");
            let json = altitude::output::json_string(&session);
            assert!(!json.chars().any(is_forbidden), "json: {json:?}");
        }
    }
});
