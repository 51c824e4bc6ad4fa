//! Fuzzes the question-set loader: any bytes must give a set or located
//! problems, never a panic. Run with `cargo +nightly fuzz run set_loader`.
#![no_main]

use altitude::model::question_set::{Source, parse_set};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let flags = ["one-on-ones-slipping", "team-defers"];
        if let Err(problems) = parse_set(Path::new("fuzz.toml"), text, &flags, Source::BuiltIn) {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(p.pos.line >= 1 && p.pos.col >= 1);
            }
        }
    }
});
