//! Resource budgets: hostile files each end in bounded time with a clear diagnostic at a location.
//! (Time and memory are measured by `cargo bench --bench hostile`, not here.)

mod common;

#[path = "../benches/support/hostile.rs"]
mod hostile;

use common::Project;
use serde_json::Value;

fn check(platform: &str) -> (i32, Value) {
    let project = Project::new();
    project.write("platform/local/platform.yaml", platform);
    project.check_json(&[])
}

fn codes(json: &Value) -> Vec<(String, u64)> {
    json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn a_file_over_the_size_budget_is_not_parsed() {
    let (code, json) = check(&hostile::large_file(17 * 1024 * 1024));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), vec![("FL007".into(), 1)]);
}

#[test]
fn deep_nesting_stops_at_the_depth_budget() {
    for text in [hostile::deep_flow(10_000), hostile::deep_block(10_000)] {
        let (code, json) = check(&text);
        assert_eq!(code, 1);
        let found = codes(&json);
        assert_eq!(found.len(), 1, "{json:#}");
        assert_eq!(found[0].0, "FL001", "{json:#}");
    }
}

#[test]
fn the_billion_laughs_stop_at_the_alias_budget() {
    let (code, json) = check(&hostile::billion_laughs());
    assert_eq!(code, 1);
    let found = codes(&json);
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(found[0].0, "FL004");
}

#[test]
fn a_megabyte_line_is_read() {
    let (code, json) = check(&hostile::long_line(1024 * 1024));
    assert!(code == 0 || code == 1, "{json:#}");
    assert!(
        codes(&json).iter().all(|(c, _)| !c.starts_with("FL0")),
        "{json:#}"
    );
}

#[test]
fn findings_past_the_per_file_budget_are_counted_in_one() {
    let (code, json) = check(&hostile::many_findings(5_000));
    assert_eq!(code, 1);
    let found = codes(&json);
    assert_eq!(found.len(), 1_001);
    let budget: Vec<&Value> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "FL008")
        .collect();
    assert_eq!(budget.len(), 1);
    assert_eq!(
        budget[0]["message"],
        "4000 more findings in this file not shown (budget: 1000 per file)"
    );
    assert_eq!(
        budget[0]["severity"], "error",
        "the highest dropped severity"
    );
    // The findings shown are the first ones in the file.
    assert!(
        found
            .iter()
            .filter(|(c, _)| c != "FL008")
            .all(|(_, line)| *line <= 1_001)
    );
}
