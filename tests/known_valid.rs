//! The schema stage's fast path (`model::known_valid`) may only say "valid" where jsonschema finds
//! no error: otherwise a finding would be lost. Checked on every YAML fixture, as both kinds, and
//! on mutations of each (a value replaced by another type or by a string or number at the edges of
//! the schemas' patterns, lengths and ranges, a key removed or renamed, an unknown key added, a
//! list emptied or grown).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use floe_lint::model::known_valid::{Verdict, verdict};
use floe_lint::model::{FileKind, embedded_schema};
use floe_lint::syntax::{Json, Limits, parse};
use serde_json::{Map, Value};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Values to put in place of `node`: every JSON type, and for a string or a number the edges
/// of the lengths, patterns and ranges the schemas set.
fn replacements(node: &Value) -> Vec<Value> {
    let mut out = vec![
        Value::from(1.5),
        Value::from(7),
        Value::from("x"),
        Value::Null,
        Value::from(true),
        Value::Array(Vec::new()),
        Value::Object(Map::new()),
    ];
    match node {
        Value::String(s) => {
            out.extend(
                [
                    String::new(),
                    format!("{s} "),
                    format!("{s}\n"),
                    format!("1{s}"),
                    format!("{s}é"),
                    s.to_uppercase(),
                    s.replace(['-', '_', '.'], " "),
                    s.chars().skip(1).collect(),
                    "a".repeat(300),
                    "0 0 * * *".into(),
                    "30s".into(),
                    "1.2.3".into(),
                ]
                .map(Value::from),
            );
        }
        Value::Number(_) => out.extend([
            Value::from(-1),
            Value::from(0),
            Value::from(1),
            Value::from(65_536),
            Value::from(1e12),
            Value::from(u64::MAX),
            serde_json::json!(2.0),
            serde_json::json!(-0.5),
        ]),
        _ => {}
    }
    out
}

/// The value and a few hundred variants of it.
fn mutations(value: &Value, out: &mut Vec<Value>, limit: usize) {
    fn walk(root: &Value, pointer: String, node: &Value, out: &mut Vec<Value>, limit: usize) {
        if out.len() >= limit {
            return;
        }
        for replacement in replacements(node) {
            let mut copy = root.clone();
            if let Some(slot) = copy.pointer_mut(&pointer) {
                *slot = replacement;
                out.push(copy);
            }
        }
        match node {
            Value::Object(map) => {
                let mut copy = root.clone();
                if let Some(Value::Object(m)) = copy.pointer_mut(&pointer) {
                    m.insert("zz_unknown".into(), Value::from(1));
                    out.push(copy);
                }
                for (key, child) in map {
                    let mut copy = root.clone();
                    if let Some(Value::Object(m)) = copy.pointer_mut(&pointer) {
                        m.remove(key);
                        out.push(copy);
                    }
                    // The key renamed to names the name patterns refuse.
                    for renamed in ["1starts-with-digit", "has space", "dotted.name", ""] {
                        let mut copy = root.clone();
                        if let Some(Value::Object(m)) = copy.pointer_mut(&pointer)
                            && let Some(value) = m.remove(key)
                        {
                            m.insert(renamed.into(), value);
                            out.push(copy);
                        }
                    }
                    let escaped = key.replace('~', "~0").replace('/', "~1");
                    walk(root, format!("{pointer}/{escaped}"), child, out, limit);
                }
            }
            Value::Array(items) => {
                let mut copy = root.clone();
                if let Some(Value::Array(list)) = copy.pointer_mut(&pointer) {
                    list.clear();
                    out.push(copy);
                }
                if let Some(first) = items.first() {
                    let mut copy = root.clone();
                    if let Some(Value::Array(list)) = copy.pointer_mut(&pointer) {
                        list.push(first.clone());
                        out.push(copy);
                    }
                }
                for (i, child) in items.iter().enumerate() {
                    walk(root, format!("{pointer}/{i}"), child, out, limit);
                }
            }
            _ => {}
        }
    }
    out.push(value.clone());
    walk(value, String::new(), value, out, limit);
}

#[test]
fn fast_path_says_valid_only_where_jsonschema_finds_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    yaml_files(&root.join("examples"), &mut files);
    files.sort();
    let mut judged_valid = 0;
    let mut compared = 0;
    for kind in [FileKind::Floe, FileKind::Platform] {
        let schema: Value = serde_json::from_str(embedded_schema(kind)).expect("schema");
        let validator = jsonschema::options().build(&schema).expect("validator");
        for path in &files {
            let bytes = std::fs::read(path).expect("read");
            let file: Arc<Path> = Arc::from(path.as_path());
            let document = parse(&file, &bytes, &Limits::default());
            if !document.loadable {
                continue;
            }
            let mut value = document.to_json();
            if kind == FileKind::Platform && value.is_null() {
                value = Value::Object(Map::new());
            }
            let mut variants = Vec::new();
            mutations(&value, &mut variants, 400);
            for variant in variants {
                let judged = verdict(kind, &Json::value(&variant));
                // The tree, read in place, is judged as its JSON is: the variant written as
                // JSON (which is YAML) and parsed again, whenever it loads back the same.
                let text = serde_json::to_string(&variant).expect("a JSON value prints");
                let reparsed = parse(&file, text.as_bytes(), &Limits::default());
                if let Some(root) = reparsed.root.as_ref().filter(|r| r.to_json() == variant) {
                    assert_eq!(
                        verdict(kind, &Json::of(root)),
                        judged,
                        "{} as {kind:?}, read in place:\n{variant:#}",
                        path.display()
                    );
                    compared += 1;
                }
                if judged == Verdict::Valid {
                    judged_valid += 1;
                    let errors: Vec<String> = validator
                        .iter_errors(&variant)
                        .map(|e| e.to_string())
                        .collect();
                    assert!(
                        errors.is_empty(),
                        "{} as {kind:?}: the fast path said valid, jsonschema says {errors:?}\n{variant:#}",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} variants read in place");
    // The fast path is used, not merely harmless.
    assert!(
        judged_valid > 100,
        "only {judged_valid} values judged valid"
    );
}

#[test]
fn upstream_demo_pair_takes_the_fast_path() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upstream");
    for (name, kind) in [
        (
            "floe-runtime__demo__data_engineering__floe.yaml",
            FileKind::Floe,
        ),
        (
            "floe-runtime__demo__platform-config__platform__local__platform.yaml",
            FileKind::Platform,
        ),
    ] {
        let path = fixtures.join(name);
        let bytes = std::fs::read(&path).expect("read");
        let file: Arc<Path> = Arc::from(path.as_path());
        let document = parse(&file, &bytes, &Limits::default());
        let root = document.root.as_ref().expect("a root");
        assert_eq!(verdict(kind, &Json::of(root)), Verdict::Valid, "{name}");
        assert_eq!(
            verdict(kind, &Json::value(&document.to_json())),
            Verdict::Valid,
            "{name}"
        );
    }
}
