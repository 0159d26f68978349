//! Generation B documents (`apiVersion: floe.dev/v1`) in the editor: a FloeSpec and its manifest
//! get the diagnostics `floe-lint check` reports, on open and change, the manifest re-published
//! with the product; hover reads Generation B's schema, not Generation A's.

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
