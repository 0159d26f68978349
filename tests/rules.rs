//! Every rule fires on its bad fixtures and stays quiet on its good ones.
//! Fixtures: `tests/fixtures/rules/<CODE>/{bad,good}/<case>/` (each case a small project); the
//! rule's findings on each bad case are snapshotted (`snapshots/rules__<CODE>-<case>.snap`).

mod common;

use std::path::Path;

use common::{fixtures_dir, floe_lint};

fn run(case: &Path) -> serde_json::Value {
    let output = floe_lint()
        .current_dir(case)
        .args(["check", "--format", "json"])
        .output()
        .expect("run floe-lint");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{}: {e}", case.display()))
}

fn dirs(path: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn every_rule_fires_on_bad_and_not_on_good_fixtures() {
    let root = fixtures_dir().join("rules");
    let mut checked = 0;
    let mut fixed_codes = std::collections::BTreeSet::new();
    for rule_dir in dirs(&root) {
        let code = rule_dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("code dir")
            .to_owned();
        assert!(
            floe_lint_knows(&code),
            "fixture directory for unknown rule {code}"
        );
        let bad = dirs(&rule_dir.join("bad"));
        let good = dirs(&rule_dir.join("good"));
        assert!(
            !bad.is_empty() && !good.is_empty(),
            "{code} needs bad and good fixtures"
        );
        for case in bad {
            let json = run(&case);
            for d in json["diagnostics"].as_array().into_iter().flatten() {
                if !d["fix"].is_null() {
                    fixed_codes.insert(d["code"].as_str().unwrap_or_default().to_owned());
                }
            }
            let hits: Vec<&serde_json::Value> = json["diagnostics"]
                .as_array()
                .expect("array")
                .iter()
                .filter(|d| d["code"] == code.as_str())
                .collect();
            let name = case
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            assert!(
                !hits.is_empty(),
                "{code} did not fire on bad/{name}: {json:#}"
            );
            let rendered: String = hits
                .iter()
                .map(|d| {
                    format!(
                        "{}:{}:{} {}\n",
                        d["file"].as_str().unwrap_or_default(),
                        d["range"]["start"]["line"],
                        d["range"]["start"]["column"],
                        d["message"].as_str().unwrap_or_default()
                    )
                })
                .collect();
            insta::assert_snapshot!(format!("{code}-{name}"), rendered);
            checked += 1;
        }
        for case in good {
            let json = run(&case);
            let hits: Vec<&serde_json::Value> = json["diagnostics"]
                .as_array()
                .expect("array")
                .iter()
                .filter(|d| d["code"] == code.as_str())
                .collect();
            assert!(
                hits.is_empty(),
                "{code} fired on good/{}: {hits:#?}",
                case.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} fixtures checked");
    assert_fix_flags_match(&fixed_codes);
}

/// A rule's `fix` flag (shown by `rules`, `explain` and SARIF) says what its findings do: every
/// code seen with a fix is declared fixable, and every rule declared fixable that has fixtures
/// shows one there.
fn assert_fix_flags_match(fixed_codes: &std::collections::BTreeSet<String>) {
    for code in fixed_codes {
        let meta = floe_lint::rules::registry::find(code).expect("known code");
        assert!(
            meta.fix.is_fixable(),
            "{code}'s findings carry fixes, but its declaration says `fix: None`"
        );
    }
    let root = fixtures_dir().join("rules");
    for meta in floe_lint::rules::registry::ALL.iter() {
        if meta.fix.is_fixable() && root.join(meta.code).is_dir() {
            assert!(
                fixed_codes.contains(meta.code),
                "{} is declared fixable but no bad fixture of it has a fix",
                meta.code
            );
        }
    }
}

fn floe_lint_knows(code: &str) -> bool {
    floe_lint::rules::registry::find(code).is_some()
}

#[test]
fn every_lint_rule_has_fixtures() {
    let root = fixtures_dir().join("rules");
    for rule in floe_lint::rules::registry::rules() {
        let code = rule.meta().code;
        assert!(
            root.join(code).is_dir(),
            "{code} has no fixtures under tests/fixtures/rules/{code}"
        );
    }
}
