//! The model is an I/O-free, acyclic tree (issue 12): its modules never read
//! files, run programs or reach into the store, the TUI or the reports, and no
//! two of them import each other, directly or round a longer circle. These
//! tests read the source, so a new `use` that breaks either rule fails here
//! with the module and the line, before it becomes a tangle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each model module's non-test source.
fn model_sources() -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(&dir).expect("src/model exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).expect("readable source");
            // Unit tests may use whatever they like.
            let code = match text.find("#[cfg(test)]") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            out.insert(name, code);
        }
    }
    out
}

/// The model modules `code` names, through `super::x` or `crate::model::x`.
fn imports(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for prefix in ["super::", "crate::model::"] {
        for (i, _) in code.match_indices(prefix) {
            let rest = &code[i + prefix.len()..];
            // `super::{a::X, b::Y}` names two modules.
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(group.len())]
                    .split(',')
                    .collect(),
                None => vec![rest],
            };
            for name in names {
                let name: String = name
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if modules.contains(&name) {
                    found.insert(name);
                }
            }
        }
    }
    found
}

fn line_of(code: &str, needle: &str) -> Option<usize> {
    code.lines()
        .position(|l| l.contains(needle) && !l.trim_start().starts_with("//"))
        .map(|i| i + 1)
}

#[test]
fn the_model_does_no_io_and_knows_nothing_of_the_layers_above_it() {
    let forbidden = [
        "std::fs",
        "std::process",
        "std::env",
        "std::net",
        "File::open",
        "crate::store",
        "crate::tui",
        "crate::report",
        "crate::evidence",
        "crate::output",
        "crate::commands",
    ];
    let mut found = Vec::new();
    for (module, code) in model_sources() {
        for f in forbidden {
            if let Some(line) = line_of(&code, f) {
                found.push(format!("src/model/{module}.rs:{line}: {f}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the model reaches out:\n{}",
        found.join("\n")
    );
}

/// A circle in `graph`, as the modules round it, if there is one.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut circle = path[i..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for dep in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(dep, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_model_module_imports_itself_round_a_circle() {
    let sources = model_sources();
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    let graph: BTreeMap<String, BTreeSet<String>> = sources
        .iter()
        .map(|(m, code)| {
            let mut deps = imports(code, &modules);
            deps.remove(m);
            (m.clone(), deps)
        })
        .collect();
    if let Some(circle) = find_circle(&graph) {
        panic!("model modules import each other: {}", circle.join(" -> "));
    }
}

#[test]
fn the_circle_finder_finds_a_long_circle_and_passes_a_tree() {
    // The rule above is only worth having if it can fail.
    let modules: BTreeSet<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), imports("use super::b::X;", &modules));
    graph.insert(
        "b".to_string(),
        imports("fn f() { crate::model::c::g() }", &modules),
    );
    graph.insert("c".to_string(), BTreeSet::new());
    assert_eq!(find_circle(&graph), None);
    graph.insert(
        "c".to_string(),
        imports("use super::{dimension::D, a::Y};", &modules),
    );
    assert_eq!(
        find_circle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
