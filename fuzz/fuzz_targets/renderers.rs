//! Fuzzes the Markdown and JSON renderers with hostile text in every field a
//! session carries from the user or a file: notes, reflections, commitment
//! and check-in titles. The output must hold no raw control, bidi or
//! invisible character, Markdown must not gain a heading or a table row, and
//! JSON must read back to the same text.
//! Run with `cargo +nightly fuzz run renderers`.
#![no_main]

use altitude::model::answers::Answer;
use altitude::model::catalog::Library;
use altitude::model::session::{CheckIn, CheckInStatus, Commitment, Session};
use altitude::model::text::is_forbidden;
use altitude::model::time::Timestamp;
use altitude::model::{Mode, Profile, Stage};
use altitude::report::markdown::render_session;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::builtin().expect("the built-in library"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut s = Session::new("quick", Mode::Coaching, Timestamp(1_795_289_405));
    s.finished = Some(Timestamp(1_795_290_000));
    s.profile = Some(Profile {
        reports: 6,
        coding_share: 20,
        critical_path: false,
        stage: Stage::Growth,
    });
    for item in &library().set("quick").expect("quick").items {
        s.answers.insert(item.id.clone(), Answer::Value(3));
        s.notes.insert(item.id.clone(), text.clone());
    }
    s.commitments.push(Commitment {
        practice: "friction-log".into(),
        title: text.clone(),
        due: None,
    });
    s.checkins.push(CheckIn {
        practice: "friction-log".into(),
        title: text.clone(),
        status: CheckInStatus::Partly,
        note: Some(text.clone()),
    });
    let md = render_session(library(), &s, &[]);
    assert!(!md.chars().any(is_forbidden), "markdown: {md:?}");
    let escaped = altitude::output::markdown(&text);
    assert!(!escaped.contains('\n'), "inline text kept a line break");
    assert!(!escaped.starts_with('#') && !escaped.starts_with('|'));

    let json = altitude::output::json_string(&s);
    assert!(!json.chars().any(is_forbidden), "json: {json:?}");
    let back: Session = serde_json::from_str(&json).expect("the JSON reads back");
    assert_eq!(back.notes, s.notes);
});
