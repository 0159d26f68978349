//! The schema stage on the shapes that JSON Schema makes hard: tagged unions (partitions, jobs,
//! sensors), lax coercions pydantic accepts, YAML 1.1 dates, custom validators, nested errors under
//! nullable sections, and the safe enum fix.

mod common;

use common::Project;

fn diagnostics(floe: &str, platform: &str) -> Vec<(u64, String, String, String)> {
    let project = Project::new();
    project
        .write("floe.yaml", floe)
        .write("platform/local/platform.yaml", platform);
    let (_, json) = project.check_json(&[]);
    let json = common::upstream_only(json);
    json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] != "FL200")
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["message"].as_str().unwrap_or_default().to_owned(),
                d["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

const PLATFORM: &str = "version: \"1.2.0\"\nstorage:\n  default: {bucket: lake}\ncatalogs:\n  default: {uri: \"http://x/api/catalog\", warehouse: w}\ncompute:\n  default: {}\n";

#[test]
fn orchestration_unions_and_validators() {
    let floe = r#"name: p
version: "1"
orchestration:
  asset_modules: ["ok.mod", "bad-mod"]
  partitions:
    daily:
      type: time_window
      start: 2024-01-01
      cron_schedule: "@daily"
    bad-key:
      type: static
      partition_keys: []
    notype:
      partition_keys: [a]
  jobs:
    j1:
      type: batched
      selection: ["x"]
    j2:
      type: ops
      target_function: nodot
      extra: 1
  sensors:
    s1:
      type: run_status
      job: j1
      watched_jobs: []
      status: success
"#;
    let found = diagnostics(floe, PLATFORM);
    let brief: Vec<(u64, &str)> = found.iter().map(|(l, c, _, _)| (*l, c.as_str())).collect();
    assert_eq!(
        brief,
        vec![
            (4, "FL106"),  // Invalid module path: bad-mod
            (8, "FL102"),  // unquoted date in a string field
            (9, "FL104"),  // cron pattern
            (10, "FL106"), // Invalid identifier in partitions: bad-key
            (12, "FL105"), // partition_keys needs an item
            (13, "FL107"), // no type
            (17, "FL107"), // unknown tag
            (21, "FL104"), // function path pattern
            (22, "FL100"), // extra key in the ops variant
            (27, "FL105"), // watched_jobs needs an item
            (28, "FL103"), // status enum
        ],
        "{found:#?}"
    );
    let by_line = |line: u64| {
        found
            .iter()
            .find(|(l, _, _, _)| *l == line)
            .expect("finding")
    };
    assert_eq!(by_line(4).2, "Invalid module path: bad-mod");
    assert_eq!(
        by_line(8).3,
        "YAML reads an unquoted 2024-01-01 as a date; quote it: \"2024-01-01\""
    );
    assert_eq!(by_line(10).2, "Invalid identifier in partitions: bad-key");
    assert_eq!(
        by_line(13).2,
        "Unable to extract tag using discriminator 'type'"
    );
    assert_eq!(
        by_line(13).3,
        "add `type:` with one of 'time_window', 'static', 'multi', 'dynamic'"
    );
    assert_eq!(
        by_line(17).2,
        "Input tag 'batched' found using 'type' does not match any of the expected tags: 'batch', 'ops'"
    );
    assert_eq!(by_line(17).3, "did you mean `batch`?");
    assert_eq!(by_line(28).3, "did you mean `SUCCESS`?");
}

#[test]
fn pydantic_lax_coercions_are_accepted_and_strings_stay_strict() {
    let floe = "name: p\nversion: \"1\"\nconsumption:\n  port: \"4000\"\n  enabled: 1\n  dev_mode: \"yes\"\n";
    assert_eq!(diagnostics(floe, PLATFORM), vec![]);
    let platform = "version: \"1.2.0\"\ncatalogs:\n  default:\n    uri: x\n    warehouse: w\n    properties: {retries: 3, verbose: true}\n";
    let found = diagnostics("name: p\nversion: \"1\"\n", platform);
    let codes: Vec<&str> = found
        .iter()
        .map(|(_, c, m, _)| {
            if m == "Input should be a valid string" {
                c.as_str()
            } else {
                "?"
            }
        })
        .collect();
    assert_eq!(codes, vec!["FL102", "FL102"], "{found:#?}");
}

#[test]
fn nested_errors_inside_nullable_sections_are_all_reported() {
    let platform = "version: \"1.2.0\"\nobservability:\n  tracing:\n    sampling: {sampling_type: sometimes, probability: 2}\n  logging: {level: info, format: json}\n";
    let found = diagnostics("name: p\nversion: \"1\"\n", platform);
    let brief: Vec<(&str, &str)> = found
        .iter()
        .map(|(_, c, m, _)| (c.as_str(), m.as_str()))
        .collect();
    assert!(
        brief.contains(&(
            "FL103",
            "Input should be 'always_on', 'always_off', 'probabilistic' or 'rate_limiting'"
        )),
        "{brief:#?}"
    );
    assert!(
        brief.contains(&("FL105", "Input should be less than or equal to 1")),
        "{brief:#?}"
    );
    assert!(brief.contains(&(
        "FL103",
        "Input should be 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'"
    )));
    let unknown = found
        .iter()
        .find(|(_, c, _, _)| c == "FL100")
        .expect("format is unknown");
    assert!(
        unknown.3.starts_with("did you mean `log_format`?"),
        "{unknown:?}"
    );
}

#[test]
fn enum_near_miss_has_a_safe_fix_keeping_quotes() {
    let project = Project::new();
    project.write("platform/local/platform.yaml", "catalogs:\n  default:\n    uri: x\n    warehouse: w\n    access_delegation: 'vended_credentials'\n");
    let (_, json) = project.check_json(&[]);
    let fix = &json["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["edits"][0]["replacement"], "'vended-credentials'");
    assert_eq!(fix["edits"][0]["range"]["start"]["column"], 24);
}

#[test]
fn client_secret_must_be_a_reference_and_is_never_echoed() {
    let platform = "catalogs:\n  default:\n    uri: x\n    warehouse: w\n    credentials:\n      mode: oauth2\n      client_id: app\n      client_secret: \"s3cr3t-Value-123\"\n";
    let found = diagnostics("name: p\nversion: \"1\"\n", platform);
    let secret = found
        .iter()
        .find(|(l, _, _, _)| *l == 8)
        .expect("client_secret finding");
    assert_eq!(secret.1, "FL102");
    assert_eq!(
        secret.2,
        "Input should be a valid dictionary or instance of SecretReference"
    );
    assert!(!secret.2.contains("s3cr3t") && !secret.3.contains("s3cr3t"));
}

#[test]
fn layer_references_and_profile_names_use_upstream_wording() {
    let platform = "storage:\n  bronze: {bucket: lake}\n  1bad: {bucket: lake}\nlayers:\n  bronze:\n    name: bronze\n    storage_ref: silver\n    namespace: demo..bronze\n";
    let found = diagnostics("name: p\nversion: \"1\"\n", platform);
    let messages: Vec<&str> = found.iter().map(|(_, _, m, _)| m.as_str()).collect();
    assert!(
        messages.contains(
            &"Invalid profile name '1bad'. Names must match pattern: ^[a-zA-Z][a-zA-Z0-9_-]*$"
        ),
        "{messages:#?}"
    );
    assert!(messages.contains(&"Layer 'bronze' references non-existent storage profile 'silver'. Available storage profiles: ['bronze', '1bad']"), "{messages:#?}");
    assert!(
        messages.contains(&"Namespace cannot contain consecutive dots, got 'demo..bronze'"),
        "{messages:#?}"
    );
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.contains("1bad") && m.contains("pattern"))
            .count(),
        1,
        "no duplicate of the key error"
    );
}
