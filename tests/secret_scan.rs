//! floe-lint's credential scan of floe.yaml, calibrated against upstream's: real non-secrets
//! (git SHAs, UUIDs, checksums, image digests, bucket suffixes) are not credentials, real
//! secrets are, and upstream's wording is used exactly where detect-secrets reports the value.
//! `tests/fixtures/secret-scan/expected.tsv` holds detect-secrets 1.5.0's own results per line.

mod common;

use common::{fixtures_dir, floe_lint};

fn verdicts() -> std::collections::BTreeMap<u64, String> {
    let output = floe_lint()
        .current_dir(fixtures_dir().join("secret-scan"))
        .args(["check", "--format", "json", "floe.yaml"])
        .output()
        .expect("run floe-lint");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let mut found = std::collections::BTreeMap::new();
    for d in json["diagnostics"].as_array().expect("array") {
        let line = d["range"]["start"]["line"].as_u64().unwrap_or(0);
        let message = d["message"].as_str().unwrap_or_default();
        let verdict = match d["code"].as_str().unwrap_or_default() {
            "FL300" if message.starts_with("Field 'file 'floe.yaml''") => "FL300-upstream",
            "FL300" => "FL300-own",
            "FL305" => "FL305",
            _ => continue,
        };
        let previous = found.insert(line, verdict.to_owned());
        assert!(previous.is_none(), "two findings on line {line}");
    }
    found
}

#[test]
fn floe_yaml_scan_matches_detect_secrets() {
    let expected = std::fs::read_to_string(fixtures_dir().join("secret-scan/expected.tsv"))
        .expect("expected.tsv");
    let found = verdicts();
    let mut rows = 0;
    for row in expected
        .lines()
        .filter(|r| !r.starts_with('#') && !r.is_empty())
    {
        let fields: Vec<&str> = row.split('\t').collect();
        let [line, expect, upstream] = fields[..] else {
            panic!("malformed row {row:?}");
        };
        let line: u64 = line.parse().expect("line number");
        let got = found.get(&line).map_or("none", String::as_str);
        assert_eq!(got, expect, "line {line} ({row})");
        // The fixture itself: upstream's wording and FL305 exactly where detect-secrets reports.
        let reported_upstream = upstream != "-";
        assert_eq!(
            reported_upstream,
            matches!(expect, "FL300-upstream" | "FL305"),
            "expected.tsv row disagrees with detect-secrets: {row}"
        );
        rows += 1;
    }
    assert!(rows >= 25, "only {rows} calibration rows");
    assert_eq!(
        found.len(),
        expected.lines().filter(|r| r.contains("\tFL3")).count()
    );
}

#[test]
fn a_git_sha_is_no_longer_an_error() {
    let project = common::Project::new();
    project.write(
        "floe.yaml",
        "name: p\nversion: \"1\"\nobservability:\n  attributes:\n    git.commit: \"9fceb02d0ae598e95dc970b74767f19372d61af8\"\n",
    );
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 0, "{json:#}");
    let codes: Vec<String> = common::findings(&json).into_iter().map(|f| f.2).collect();
    assert!(codes.contains(&"FL305".to_owned()), "{json:#}");
    assert!(!codes.contains(&"FL300".to_owned()), "{json:#}");
}
