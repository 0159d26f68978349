//! Fixes never lose text. Every fix offered on every corpus file (and on random mutations of
//! them) changes only the bytes inside its edits and never turns a file that loads into one that
//! does not; the language server's code actions are these same fixes. A `--fix` write killed
//! midway leaves the old file or the new one, never a truncated mix.

mod common;

#[path = "../benches/support/hostile.rs"]
mod hostile;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use floe_lint::check::{Options, check_projects};
use floe_lint::diagnostic::Fix;
use floe_lint::syntax::{self, Limits};
use floe_lint::workspace::{Environment, Project, Selection};
use proptest::prelude::*;

/// Every fix the checker offers for `text` checked as a floe.yaml or a prod platform.yaml.
fn offered_fixes(text: &str, as_floe: bool) -> (PathBuf, Vec<Fix>) {
    let path = PathBuf::from(if as_floe {
        "/p/floe.yaml"
    } else {
        "/p/platform/prod/platform.yaml"
    });
    let project = Project {
        floe: as_floe.then(|| path.clone()),
        environments: if as_floe {
            Vec::new()
        } else {
            vec![Environment {
                name: "prod".into(),
                platform: path.clone(),
            }]
        },
        searched: Vec::new(),
        manifest: None,
    };
    let sources = HashMap::from([(path.clone(), text.as_bytes().to_vec())]);
    let report = check_projects(
        &[project],
        &sources,
        &Selection::default(),
        &Options::default(),
    );
    let fixes = report
        .diagnostics
        .iter()
        .filter(|d| *d.file == *path)
        .filter_map(|d| d.fix.clone())
        .collect();
    (path, fixes)
}

fn loads(path: &Path, text: &str) -> bool {
    syntax::parse(&Arc::from(path), text.as_bytes(), &Limits::default()).loadable
}

/// Applies each fix alone: the result must be the text with exactly the fix's edits spliced in,
/// and must still load if the original did. Then all fixes together must still load.
fn assert_fixes_are_safe(text: &str, as_floe: bool) -> Result<(), String> {
    let (path, fixes) = offered_fixes(text, as_floe);
    let loaded = loads(&path, text);
    for fix in &fixes {
        let (fixed, applied) = floe_lint::fix::apply(text, [fix]);
        if applied != 1 {
            return Err(format!("fix {:?} was not applicable", fix.title));
        }
        let mut edits = fix.edits.clone();
        edits.sort_by_key(|e| e.span.start);
        let mut expected = String::new();
        let mut cursor = 0;
        for edit in &edits {
            expected.push_str(&text[cursor..edit.span.start]);
            expected.push_str(&edit.replacement);
            cursor = edit.span.end;
        }
        expected.push_str(&text[cursor..]);
        if fixed != expected {
            return Err(format!(
                "fix {:?} changed bytes outside its edits",
                fix.title
            ));
        }
        if loaded && !loads(&path, &fixed) {
            return Err(format!(
                "fix {:?} made the file unloadable:\n{fixed}",
                fix.title
            ));
        }
    }
    let (all, _) = floe_lint::fix::apply(text, fixes.iter());
    if loaded && !loads(&path, &all) {
        return Err(format!(
            "all fixes together made the file unloadable:\n{all}"
        ));
    }
    Ok(())
}

/// Every `.yaml`/`.yml` under tests/fixtures, with whether it is a floe.yaml.
fn corpus() -> Vec<(PathBuf, String, bool)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(&common::fixtures_dir(), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = String::from_utf8(std::fs::read(&p).ok()?).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            let as_floe = name.contains("floe") && !name.contains("platform");
            Some((p, text, as_floe))
        })
        .collect()
}

#[test]
fn every_fix_on_every_corpus_file_keeps_the_bytes_outside_its_edits() {
    let corpus = corpus();
    assert!(corpus.len() > 50, "corpus found: {}", corpus.len());
    let mut fixes_checked = 0;
    for (path, text, as_floe) in &corpus {
        for kind in [*as_floe, !*as_floe] {
            if let Err(e) = assert_fixes_are_safe(text, kind) {
                panic!("{}: {e}", path.display());
            }
            fixes_checked += offered_fixes(text, kind).1.len();
        }
    }
    assert!(fixes_checked >= 10, "only {fixes_checked} fixes offered");
}

/// A corpus file with a few lines deleted, duplicated or edited.
fn mutated() -> impl Strategy<Value = (String, bool)> {
    let corpus: Vec<(String, bool)> = corpus().into_iter().map(|(_, t, f)| (t, f)).collect();
    let count = corpus.len();
    (
        0..count,
        proptest::collection::vec((0usize..400, 0u8..4, "[a-z:{}\\[\\], #é'\"-]{0,8}"), 0..6),
    )
        .prop_map(move |(index, mutations)| {
            let (text, as_floe) = &corpus[index];
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            for (at, op, insert) in mutations {
                if lines.is_empty() {
                    break;
                }
                let at = at % lines.len();
                match op {
                    0 => {
                        lines.remove(at);
                    }
                    1 => {
                        let copy = lines[at].clone();
                        lines.insert(at, copy);
                    }
                    2 => lines[at].push_str(&insert),
                    _ => {
                        let cut = lines[at].char_indices().map(|(i, _)| i).nth(insert.len());
                        if let Some(cut) = cut {
                            lines[at].insert_str(cut, &insert);
                        }
                    }
                }
            }
            (lines.join("\n") + "\n", *as_floe)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fixes_on_mutated_corpus_files_keep_the_bytes_outside_their_edits((text, as_floe) in mutated()) {
        assert_fixes_are_safe(&text, as_floe).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn a_fix_write_killed_midway_leaves_the_old_or_the_new_file() {
    // ~3 MB, one safe fix at the top (`WARN` → `WARNING`): the write is long enough to be hit.
    let body = hostile::large_file(3 * 1024 * 1024)
        .replace("    endpoint: \"https://s3.example.com\"\n", "");
    let original = format!(
        "observability:\n  logging:\n    level: WARN\n{}",
        body.trim_start_matches("version: \"1.0.0\"\n")
    );
    let fixed = original.replacen("level: WARN\n", "level: WARNING\n", 1);
    let project = common::Project::new();
    let file = "platform/prod/platform.yaml";
    project.write(file, &original);
    // One full run tells how long a fix takes here.
    let started = Instant::now();
    let output = project.run(&["check", "--fix", "--select", "FL103"]);
    let full = started.elapsed();
    let written = std::fs::read_to_string(project.path().join(file)).expect("read");
    assert!(
        written == fixed,
        "the uninterrupted fix did not write the fixed file: {:?}",
        output
    );

    let mut outcomes = (0, 0);
    for step in 0..10u32 {
        project.write(file, &original);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("floe-lint"))
            .current_dir(project.path())
            .args(["check", "--fix", "--select", "FL103"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(full.mul_f64(f64::from(step) / 8.0) + Duration::from_millis(1));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();
        let now = std::fs::read_to_string(project.path().join(file)).expect("read");
        if now == original {
            outcomes.0 += 1;
        } else if now == fixed {
            outcomes.1 += 1;
        } else {
            panic!(
                "killed at step {step}: the file is neither old nor new ({} bytes)",
                now.len()
            );
        }
    }
    eprintln!(
        "killed runs: {} left the old file, {} the new",
        outcomes.0, outcomes.1
    );
}
