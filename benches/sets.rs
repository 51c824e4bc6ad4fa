//! Loading and scoring question sets (issue 12): what reading a set through
//! the spanned low layer, and scoring with scales, costs.
//!
//! * `sets/parse core`: the built-in `core` set, read and checked.
//! * `sets/parse work-strain`: the worked example, 19 items, 3 subscales.
//! * `sets/validate 16 mistakes`: a broken set, every problem collected.
//! * `sets/score core`: scoring one full set of answers to `core`.
//! * `sets/score work-strain`: scoring with subscales rolled up.
//! * `sets/Library::builtin`: every built-in set and asset.
//!
//! Run with `cargo bench --bench sets`.

use altitude::model::answers::parse_sheet;
use altitude::model::catalog::Library;
use altitude::model::question_set::{Source, parse_set};
use altitude::model::scoring::{score, score_scales};
use altitude::model::{Answer, Kind};
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const CORE: &str = include_str!("../questions/core.toml");
const STRAIN: &str = include_str!("../tests/fixtures/sets/work-strain.toml");
const MISTAKES: &str = include_str!("../tests/fixtures/mistakes/many-mistakes.toml");
const ANA: &str = include_str!("../tests/fixtures/sets/work-strain-answers/ana.toml");

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("sets");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let flags = ["one-on-ones-slipping"];
    let lib = Library::builtin().expect("the built-in library");
    let flag_ids = lib.flag_ids();
    group.bench_function("parse core", |b| {
        b.iter(|| {
            black_box(parse_set(
                Path::new("core.toml"),
                CORE,
                &flag_ids,
                Source::BuiltIn,
            ))
        })
    });
    group.bench_function("parse work-strain", |b| {
        b.iter(|| {
            black_box(parse_set(
                Path::new("s.toml"),
                STRAIN,
                &flags,
                Source::BuiltIn,
            ))
        })
    });
    group.bench_function("validate 16 mistakes", |b| {
        b.iter(|| {
            black_box(parse_set(
                Path::new("m.toml"),
                MISTAKES,
                &flags,
                Source::BuiltIn,
            ))
        })
    });
    let core = lib.set("core").expect("core").clone();
    let answers: BTreeMap<String, Answer> = core
        .items
        .iter()
        .filter(|i| i.kind != Kind::Text)
        .enumerate()
        .map(|(n, i)| (i.id.clone(), Answer::Value(1 + (n as u8 % i.scale_len()))))
        .collect();
    group.bench_function("score core", |b| {
        b.iter(|| black_box(score(&core, &answers)))
    });
    let strain = parse_set(Path::new("s.toml"), STRAIN, &flags, Source::BuiltIn).expect("valid");
    let sheet = parse_sheet(Path::new("ana.toml"), ANA, std::slice::from_ref(&strain))
        .expect("valid answers");
    group.bench_function("score work-strain", |b| {
        b.iter(|| {
            black_box((
                score(&strain, &sheet.answers),
                score_scales(&strain, &sheet.answers),
            ))
        })
    });
    group.bench_function("Library::builtin", |b| {
        b.iter(|| black_box(Library::builtin()))
    });
    group.finish();
}

criterion_group!(sets, benches);
criterion_main!(sets);
