//! `floe-lint profiles`: the real binary prints, byte for byte, what upstream's generator writes
//! for the demo and fixture pairs (tests/fixtures/upstream-generated, see SOURCES.md there).

mod common;
#[allow(dead_code)]
#[path = "lsp/client.rs"]
mod lsp_client;

use common::{Project, read_fixture};

fn pair(floe: &str, platform: &str) -> Project {
    let project = Project::new();
    project
        .fixture("floe.yaml", floe)
        .fixture("platform/local/platform.yaml", platform);
    project
}

#[test]
fn demo_and_fixture_pairs_match_upstream_byte_for_byte() {
    let demo = pair(
        "upstream/floe-runtime__demo__data_engineering__floe.yaml",
        "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
    );
    let output = demo.run(&["profiles"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        output.stdout,
        read_fixture("upstream-generated/demo.profiles.yml")
    );
    let notes = String::from_utf8_lossy(&output.stderr);
    assert!(notes.contains("note: "), "quirks are reported: {notes}");

    let fixture = pair(
        "upstream/floe-runtime__packages__floe-cli__tests__fixtures__valid_floe.yaml",
        "upstream/floe-runtime__packages__floe-cli__tests__fixtures__platform.yaml",
    );
    let output = fixture.run(&["profiles"]);
    assert_eq!(
        output.stdout,
        read_fixture("upstream-generated/fixture.profiles.yml")
    );
}

#[test]
fn output_file_and_errors() {
    let demo = pair(
        "upstream/floe-runtime__demo__data_engineering__floe.yaml",
        "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
    );
    demo.write("dbt/dbt_project.yml", "name: demo\n");
    let output = demo.run(&["profiles", "--output", "dbt/profiles.yml"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    assert_eq!(
        std::fs::read(demo.path().join("dbt/profiles.yml")).expect("written"),
        read_fixture("upstream-generated/demo.profiles.yml")
    );
    let missing = demo.run(&["profiles", "--profile", "nope"]);
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    // Which files and which environment the failure is about.
    assert!(
        stderr.contains("environment 'local' (floe.yaml with platform/local/platform.yaml)")
            && stderr.contains("Profile 'nope' not found in platform.yaml"),
        "{stderr}"
    );
    let no_env = demo.run(&["profiles", "--env", "prod"]);
    assert_eq!(no_env.status.code(), Some(2));
}

/// The demo pair with its dbt project and a checked-in `profiles.yml`, plus a `prod`
/// environment that generates something else.
fn demo_with_checked_in(profiles: &[u8]) -> Project {
    let project = pair(
        "upstream/floe-runtime__demo__data_engineering__floe.yaml",
        "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
    );
    let local = String::from_utf8(read_fixture(
        "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
    ))
    .expect("utf-8");
    project
        .write(
            "platform/prod/platform.yaml",
            local.replace("demo_catalog", "prod_catalog"),
        )
        // The demo's `transforms` path is ".": the dbt project sits beside floe.yaml.
        .write("dbt_project.yml", "name: demo\n")
        .write("profiles.yml", profiles);
    project
}

fn drift(project: &Project) -> Vec<serde_json::Value> {
    let (_, json) = project.check_json(&[]);
    json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "FL702")
        .cloned()
        .collect()
}

#[test]
fn a_checked_in_copy_of_any_environments_output_is_not_drift() {
    let generated = read_fixture("upstream-generated/demo.profiles.yml");
    assert_eq!(
        drift(&demo_with_checked_in(&generated)),
        Vec::<serde_json::Value>::new()
    );
    // The prod environment's output is accepted too, and so are CRLF line breaks.
    let prod = String::from_utf8(generated)
        .expect("utf-8")
        .replace("demo_catalog", "prod_catalog")
        .replace('\n', "\r\n");
    assert_eq!(
        drift(&demo_with_checked_in(prod.as_bytes())),
        Vec::<serde_json::Value>::new()
    );
}

#[test]
fn drift_shows_a_redacted_diff_and_the_fix_rewrites_the_file() {
    let secret = "Zq8vLp2XwR7tNm4KcY9bHs3D";
    let stale = String::from_utf8(read_fixture("upstream-generated/demo.profiles.yml"))
        .expect("utf-8")
        .replace("/tmp/floe.duckdb", "/tmp/old.duckdb")
        .replace(
            "client_secret: '{{ env_var(''POLARIS_CLIENT_SECRET'') }}'",
            &format!("client_secret: {secret}"),
        );
    let project = demo_with_checked_in(stale.as_bytes());
    let found = drift(&project);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = &found[0];
    assert_eq!(finding["file"], "profiles.yml");
    assert_eq!(
        finding["range"]["start"]["line"], 6,
        "the first line that differs"
    );
    assert_eq!(
        finding["message"],
        "profiles.yml differs from what floe generates for environment 'local' (4 lines changed)"
    );
    let help = finding["help"].as_str().expect("help");
    assert!(
        help.contains("-      path: /tmp/old.duckdb\n+      path: /tmp/floe.duckdb"),
        "{help}"
    );
    assert!(
        help.contains("-          client_secret: Zq… (24 chars)"),
        "{help}"
    );
    for format in ["human", "json", "sarif", "github"] {
        let output = project.run(&["check", "--format", format]);
        let all = [output.stdout, output.stderr].concat();
        assert!(
            !String::from_utf8_lossy(&all).contains(secret),
            "{format} output shows the secret"
        );
    }

    let output = project.run(&["check", "--fix"]);
    assert!(output.status.code().is_some(), "exits");
    assert_eq!(
        std::fs::read(project.path().join("profiles.yml")).expect("read"),
        read_fixture("upstream-generated/demo.profiles.yml")
    );
    assert_eq!(drift(&project), Vec::<serde_json::Value>::new());
}

#[test]
fn quirks_and_failures_are_check_diagnostics() {
    let project = pair(
        "upstream/floe-runtime__demo__data_engineering__floe.yaml",
        "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
    );
    let local = String::from_utf8(read_fixture(
        "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
    ))
    .expect("utf-8");
    // prod names its compute profile differently: floe's generator cannot run there.
    project.write(
        "platform/prod/platform.yaml",
        local.replacen("compute:\n  default:", "compute:\n  warehouse:", 1),
    );
    let (_, json) = project.check_json(&[]);
    let profiles: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("FL70")))
        .map(|d| {
            (
                format!(
                    "{} {}",
                    d["code"].as_str().unwrap_or(""),
                    d["file"].as_str().unwrap_or("")
                ),
                d["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        profiles.contains(&(
            "FL700 platform/local/platform.yaml".into(),
            "catalogs.default.namespace is 'default' but floe's generator maps every schema to the hard-coded namespace 'demo' (polaris_catalog.demo.<schema>)".into()
        )),
        "{profiles:#?}"
    );
    assert!(
        profiles.iter().any(|(at, message)| at == "FL701 platform/prod/platform.yaml"
            && message.contains("Profile 'default' not found in platform.yaml: \"Compute profile 'default' not found")),
        "{profiles:#?}"
    );
}

#[test]
fn a_dbt_profile_floe_does_not_generate_is_reported_in_check_and_the_editor() {
    let project = Project::new();
    project
        .write(
            "floe.yaml",
            "name: orders-lakehouse\nversion: \"1.0\"\ntransforms:\n  - type: dbt\n    path: dbt\n",
        )
        .write("dbt/dbt_project.yml", "name: orders\nprofile: default\n");
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 1, "{json:#}");
    let found: Vec<_> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "FL703")
        .collect();
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(found[0]["file"], "dbt/dbt_project.yml");
    assert_eq!(found[0]["range"]["start"]["line"], 2);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("'orders_lakehouse'"),
        "{json:#}"
    );
    // The editor shows it on the dbt file when floe.yaml is opened.
    let (mut client, _) = lsp_client::Client::start(
        project.path(),
        serde_json::json!({}),
        serde_json::Value::Null,
    );
    client.open(
        &project.path().join("floe.yaml"),
        &std::fs::read_to_string(project.path().join("floe.yaml")).expect("floe.yaml"),
    );
    let dbt = lsp_client::uri(&project.path().join("dbt/dbt_project.yml"));
    let published = client.diagnostics_for(&dbt, |list| list.iter().any(|d| d["code"] == "FL703"));
    client.shutdown();
    assert!(
        published.iter().any(|d| d["range"]["start"]["line"] == 1),
        "{published:#?}"
    );
    // --unsafe-fixes writes the generated key.
    project.run(&["check", "--fix", "--unsafe-fixes"]);
    let fixed = std::fs::read_to_string(project.path().join("dbt/dbt_project.yml")).expect("read");
    assert_eq!(fixed, "name: orders\nprofile: orders_lakehouse\n");
}

#[test]
fn several_projects_are_listed_not_picked() {
    let project = Project::new();
    for dir in ["orders", "billing"] {
        project
            .fixture(
                &format!("{dir}/floe.yaml"),
                "upstream/floe-runtime__demo__data_engineering__floe.yaml",
            )
            .fixture(
                &format!("{dir}/platform/local/platform.yaml"),
                "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
            );
    }
    let output = project.run(&["profiles"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(
        stderr.contains("holds 2 floe projects; name one of them")
            && stderr.contains("billing/floe.yaml")
            && stderr.contains("orders/floe.yaml"),
        "{stderr}"
    );
    // `connect` works on one project too.
    let connect = project.run(&["connect", "--timeout", "1"]);
    let stderr = String::from_utf8_lossy(&connect.stderr);
    assert_eq!(connect.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("holds 2 floe projects"), "{stderr}");
    let one = project.run(&["profiles", "orders"]);
    assert_eq!(
        one.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
}
