//! The layers hold: every top-level module of `server/` imports only modules of lower layers
//! (ARCHITECTURE.md lists them and says why each sits where it does). With a strict order there is
//! no circle between top-level modules either. Read from the source text: any `crate::name` path
//! (in `use` or inline) outside comments and unit tests counts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Bottom first. A module may name only modules listed before it.
const LAYERS: &[&str] = &[
    "background",
    "parallel",
    "loopback",
    "diagnostic",
    "syntax",
    "dialect",
    "fix",
    "secrets",
    "model",
    "workspace",
    "profiles",
    "connect",
    "rules",
    "config",
    "check",
    "lsp",
    "cli",
];

/// Crate-root items that are not modules (`#[macro_export]` macros live at the root).
const ROOT_ITEMS: &[&str] = &["declare_rule"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without `//` comments (doc comments mention paths that are not imports).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module named as `crate::name` or inside `crate::{a, b::c}`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

#[test]
fn modules_import_only_lower_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("server");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut problems = Vec::new();
    let mut seen_modules = BTreeSet::new();
    for file in &files {
        let relative = file.strip_prefix(&root).expect("under server/");
        let first = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default();
        let module = first.strip_suffix(".rs").unwrap_or(first);
        if module == "lib" || module == "main" {
            continue;
        }
        // Unit tests may reach up (a test of the regex matcher collects every module's
        // patterns); they are not part of what a layer depends on.
        if relative.ends_with("tests.rs") {
            continue;
        }
        seen_modules.insert(module.to_owned());
        let Some(rank) = LAYERS.iter().position(|l| *l == module) else {
            problems.push(format!(
                "{module} is in no layer: add it to LAYERS and ARCHITECTURE.md"
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read source");
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for named in named_modules(&code_of(text)) {
            if named == module || ROOT_ITEMS.contains(&named.as_str()) {
                continue;
            }
            match LAYERS.iter().position(|l| *l == named) {
                Some(other) if other < rank => {}
                Some(_) => problems.push(format!(
                    "{} ({module}) imports {named}, which is not below it",
                    relative.display()
                )),
                None => problems.push(format!(
                    "{} names crate::{named}, which is in no layer",
                    relative.display()
                )),
            }
        }
    }
    for layer in LAYERS {
        assert!(
            seen_modules.contains(*layer),
            "LAYERS lists {layer}, which does not exist"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scanner_sees_both_import_forms() {
    let code = "use crate::{model::FileKind, syntax};\nlet x = crate::rules::run();\nmacro_rules! m { () => { $crate::diagnostic::X } }";
    let named = named_modules(code);
    assert_eq!(
        named.into_iter().collect::<Vec<_>>(),
        ["model", "rules", "syntax"]
    );
}
