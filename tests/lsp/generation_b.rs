//! Generation B documents (`apiVersion: floe.dev/v1`) in the editor: a FloeSpec and its manifest
//! get the diagnostics `floe-lint check` reports, on open and change, the manifest re-published
//! with the product; hover reads Generation B's schema, not Generation A's; the preview lens
//! shows the profiles.yml Generation B's runtime writes.

use serde_json::json;

use super::client::codes;
use super::{Fixture, pos};

const SPEC: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: \"1.0.0\"\nplatform:\n  manifest: ../manifest.yaml\ntransforms:\n  - name: stg_orders\n";
const MANIFEST: &str = "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: acme\n  version: \"1.0.0\"\n  owner: platform-team\nplugins:\n  compute:\n    type: duckdb\n  orchestrator:\n    type: dagster\n";

/// A repository holding one product and the manifest it names, nothing of Generation A.
fn repository() -> Fixture {
    let fixture = Fixture {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    fixture.write(".git/HEAD", "ref: refs/heads/main\n");
    fixture.write("orders/floe.yaml", SPEC);
    fixture.write("manifest.yaml", MANIFEST);
    fixture
}

#[test]
fn a_spec_and_its_manifest_get_check_diagnostics() {
    let fixture = repository();
    let mut client = fixture.start();
    let spec = client.open(&fixture.path("orders/floe.yaml"), SPEC);
    let manifest = super::client::uri(&fixture.path("manifest.yaml"));
    assert!(client.diagnostics_for(&spec, |l| l.is_empty()).is_empty());
    // The manifest (not open) is checked with the product and published too.
    assert!(
        client
            .diagnostics_for(&manifest, |l| l.is_empty())
            .is_empty()
    );

    // `Orders` breaks metadata.name's pattern; `tier` takes a literal.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": spec, "version": 2}, "contentChanges": [{"text": SPEC.replace("name: orders", "name: Orders").replace("  - name: stg_orders\n", "  - name: stg_orders\n    tier: platinum\n")}]}),
    );
    let list = client.diagnostics_for(&spec, |l| l.len() == 2);
    assert_eq!(
        codes(&list),
        vec![(3, "FL104".to_owned()), (9, "FL103".to_owned())]
    );
    assert_eq!(list[0]["range"]["start"], pos(3, 8));
    assert_eq!(
        list[1]["message"],
        "Input should be 'bronze', 'silver' or 'gold'"
    );

    // Editing the manifest: an unknown root key is upstream's warning, a bad plugin config the
    // runtime's error.
    let opened = client.open(
        &fixture.path("manifest.yaml"),
        &MANIFEST.replace(
            "plugins:\n",
            "governence: {}\nplugins:\n  catalog:\n    type: polaris\n    config: {uri: polaris:8181}\n",
        ),
    );
    assert_eq!(opened, manifest);
    let list = client.diagnostics_for(&manifest, |l| l.len() >= 3);
    let found: Vec<(u64, String, u64)> = list
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap_or_default(),
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["severity"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert!(found.contains(&(6, "FL110".to_owned(), 2)), "{list:#?}");
    assert!(found.contains(&(10, "FL108".to_owned(), 1)), "{list:#?}");
    client.shutdown();
}

#[test]
fn hover_on_a_spec_reads_generation_b_schema() {
    let fixture = repository();
    let mut client = fixture.start();
    let spec = client.open(&fixture.path("orders/floe.yaml"), SPEC);
    client.diagnostics_for(&spec, |l| l.is_empty());
    // `transforms:` key.
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": spec}, "position": pos(7, 3)}),
    );
    let text = result["contents"]["value"].as_str().unwrap_or_default();
    assert!(text.starts_with("**`transforms`**"), "{text}");
    // FloeSpec's own description (Generation A's `transforms` is a list of dbt projects).
    assert!(text.contains("dbt models, at least one"), "{text}");
    client.shutdown();
}

/// The "Preview profiles.yml" lens of a FloeSpec answers with what upstream's runtime writes
/// from it and its manifest; `floe/previewProfiles` names both files; a compile failure is the
/// answer's error, in upstream's words.
#[test]
fn the_preview_lens_of_a_spec_shows_the_runtimes_profiles_yml() {
    let fixture = repository();
    let mut client = fixture.start();
    let spec = client.open(&fixture.path("orders/floe.yaml"), SPEC);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": spec}}),
    );
    let preview = lenses
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|l| l["command"]["title"] == "Preview profiles.yml")
        })
        .map(|l| l["command"].clone())
        .expect("the preview lens");
    let text = client.request(
        "workspace/executeCommand",
        json!({"command": preview["command"], "arguments": preview["arguments"]}),
    );
    assert_eq!(
        text,
        "orders:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ':memory:'\n      threads: 4\n      timeout_seconds: 3600\n"
    );
    let result = client.request("floe/previewProfiles", json!({"uri": spec}));
    assert_eq!(result["text"], text);
    assert_eq!(result["environment"], serde_json::Value::Null);
    assert!(
        result["manifest"]
            .as_str()
            .is_some_and(|m| m.ends_with("manifest.yaml")),
        "{result}"
    );

    // A credential in the compute config is written into the file as is: the preview hides it.
    fixture.write(
        "manifest.yaml",
        &MANIFEST.replace(
            "type: duckdb\n",
            "type: duckdb\n    config:\n      settings: {s3_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzLSPKEY}\n",
        ),
    );
    let result = client.request("floe/previewProfiles", json!({"uri": spec}));
    let shown = result["text"].as_str().unwrap_or_default();
    assert!(
        shown.contains("s3_secret_access_key: wJ… (37 chars)") && !shown.contains("alrXUtnF"),
        "{result}"
    );

    fixture.write(
        "manifest.yaml",
        &MANIFEST.replace("type: duckdb", "type: snowflake"),
    );
    let id = client.request_async(
        "workspace/executeCommand",
        json!({"command": preview["command"], "arguments": preview["arguments"]}),
    );
    let response = client.response(id);
    assert!(
        response["error"]["message"]
            .as_str()
            .is_some_and(|m| m.ends_with("E301 Compute plugin 'snowflake' not found (upstream ships only the 'duckdb' compute plugin)")),
        "{response}"
    );
    client.shutdown();
}

/// The `manifestFile` setting pairs a product that names no manifest and has none above it;
/// a relative path is read from the workspace folder.
#[test]
fn manifest_file_setting_pairs_a_product_that_names_none() {
    let fixture = Fixture {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    fixture.write(".git/HEAD", "ref: refs/heads/main\n");
    let spec_text = SPEC.replace("platform:\n  manifest: ../manifest.yaml\n", "");
    fixture.write("orders/floe.yaml", &spec_text);
    fixture.write(
        "platform/acme-manifest.yaml",
        &MANIFEST.replace(
            "plugins:\n",
            "governance:\n  policy_enforcement_level: loud\nplugins:\n",
        ),
    );
    let (mut client, _) = fixture.start_with(
        json!({}),
        json!({"manifestFile": "platform/acme-manifest.yaml"}),
    );
    let spec = client.open(&fixture.path("orders/floe.yaml"), &spec_text);
    assert!(client.diagnostics_for(&spec, |l| l.is_empty()).is_empty());
    let manifest = super::client::uri(&fixture.path("platform/acme-manifest.yaml"));
    let list = client.diagnostics_for(&manifest, |l| !l.is_empty());
    assert_eq!(codes(&list), vec![(7, "FL103".to_owned())]);
    client.shutdown();
}

/// Other tools name files manifest.yaml too: the editor sends them (the extension selects by
/// name), and the server says nothing about them, even when a floe manifest is edited into one.
#[test]
fn another_tool_s_manifest_yaml_gets_no_diagnostics() {
    let fixture = repository();
    let floe = MANIFEST.replace(
        "plugins:\n",
        "governance:\n  policy_enforcement_level: loud\nplugins:\n",
    );
    let other =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n";
    fixture.write("deploy/manifest.yaml", &floe);
    let mut client = fixture.start();
    let uri = client.open(&fixture.path("deploy/manifest.yaml"), &floe);
    assert_eq!(
        codes(&client.diagnostics_for(&uri, |l| !l.is_empty())),
        vec![(7, "FL103".to_owned())]
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": other}]}),
    );
    assert!(client.diagnostics_for(&uri, |l| l.is_empty()).is_empty());
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(4, 2)}),
    );
    assert!(result.is_null(), "{result}");

    // Opened as another tool's file from the start: nothing is ever published for it.
    fixture.write("k8s/manifest.yaml", other);
    let uri = client.open(&fixture.path("k8s/manifest.yaml"), other);
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(1, 2)}),
    );
    assert!(result.is_null(), "{result}");
    while let Some(message) = client.next_within(std::time::Duration::from_millis(500)) {
        assert!(
            message["params"]["uri"] != uri.as_str(),
            "published for another tool's manifest: {message}"
        );
    }
    client.shutdown();
}
