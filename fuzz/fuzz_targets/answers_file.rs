//! Fuzzes the answers-file parser: any bytes give a sheet or located
//! problems, never a panic, and neither the problem nor the reports of a sheet
//! that parses carry a raw control, bidi or invisible character.
//! Run with `cargo +nightly fuzz run answers_file`.
#![no_main]

use altitude::model::answers::parse_sheet;
use altitude::model::catalog::Library;
use altitude::model::text::is_forbidden;
use altitude::report::{json, markdown, plain};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::builtin().expect("the built-in library"))
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.chars().any(is_forbidden), "{what}: {text:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lib = library();
    match parse_sheet(Path::new("answers.toml"), text, &lib.sets) {
        Err(problems) => {
            assert!(!problems.0.is_empty());
            for problem in &problems.0 {
                assert!(problem.pos.line >= 1 && problem.pos.col >= 1);
                assert_clean("problem", &problem.to_string());
            }
        }
        Ok(sheet) => {
            let Some(set) = lib.set(&sheet.set) else {
                panic!("parse_sheet accepted an unknown set {:?}", sheet.set);
            };
            let a = altitude::model::assess(lib, set, &sheet);
            for d in altitude::model::Dimension::ALL {
                assert!(a.scores.value(d).is_none_or(|v| v <= 100));
            }
            assert_clean("markdown", &markdown::render(&a, &sheet.answers, None));
            assert_clean("json", &altitude::output::json_string(&json::score_json(&a, None)));
            // Plain text goes to a terminal through the output edge.
            let plain = plain::render(&a, &sheet.answers, None);
            assert_clean("plain", &altitude::output::terminal(&plain));
        }
    }
});
