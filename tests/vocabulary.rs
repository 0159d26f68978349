//! Each name the dialect's vocabulary owns is written once, in `server/dialect/`: a consumer that
//! spells one of them as a string literal instead of reading it from the vocabulary fails here.
//! (Test modules, comments and documentation may quote them.)

use std::path::{Path, PathBuf};

/// Literals owned by `server/dialect/` (the quotes are part of the match, so a longer
/// string that merely contains the word, such as a YAML snippet, is not a use of the key).
const OWNED: &[&str] = &[
    "\"catalogs\"",
    "\"storage_ref\"",
    "\"catalog_ref\"",
    "\"compute_logs\"",
    "\"polaris_catalog\"",
    "\"PRINCIPAL_ROLE:ALL\"",
    "\"floe_dbt.plugins.polaris\"",
    // server/dialect/v1/: Generation B's kinds and its manifest's file name.
    "\"FloeSpec\"",
    "\"Manifest\"",
    "\"DataProduct\"",
    "\"manifest.yaml\"",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn vocabulary_names_are_written_once() {
    let server = Path::new(env!("CARGO_MANIFEST_DIR")).join("server");
    let mut files = Vec::new();
    rust_files(&server, &mut files);
    let mut strays = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&server).expect("under server/");
        if relative.starts_with("dialect") || relative.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read source");
        for (number, line) in text.lines().enumerate() {
            // Unit tests sit at the end of a file.
            if line.trim() == "#[cfg(test)]" {
                break;
            }
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for literal in OWNED {
                if code.contains(literal) {
                    strays.push(format!(
                        "server/{}:{}: {literal}",
                        relative.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(
        strays.is_empty(),
        "use the dialect's vocabulary (server/dialect/runtime/, server/dialect/v1/) instead of:\n{}",
        strays.join("\n")
    );
}
