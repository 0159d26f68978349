//! "Verify connectivity" over LSP against the Polaris stand-in (tests/polaris_standin, a test
//! double) and real DuckDB: `$/progress` per step, the report as the result, and FL800 on the
//! catalog in platform.yaml while a check fails (cleared when one passes).

use serde_json::{Value, json};

use super::Fixture;
use super::client::{Client, codes, uri};
use super::standin::{self, tools};

fn run_verify(client: &mut Client, floe: &str) -> Value {
    let id = client.request_async("workspace/executeCommand", json!({"command": "floe-lint.verifyConnectivity", "arguments": [floe], "workDoneToken": "verify-1"}));
    client.response(id)
}

#[test]
fn verify_connectivity_reports_progress_and_diagnostics() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    let standin = standin::start(
        &python,
        &[
            "--client-id",
            "floe-client",
            "--client-secret",
            "right-secret-value",
            "--namespace",
            "demo",
            "--seed",
        ],
    );
    let fixture = Fixture::new();
    std::fs::remove_dir_all(fixture.path("platform/prod")).expect("single environment");
    let platform = format!(
        "storage:\n  default: {{bucket: lake}}\ncatalogs:\n  lakehouse:\n    uri: \"http://127.0.0.1:{}/api/catalog\"\n    warehouse: floe_warehouse\n    namespace: demo\n    credentials:\n      mode: oauth2\n      client_id: {{secret_ref: polaris-client-id}}\n      client_secret: {{secret_ref: polaris-client-secret}}\n      scope: \"PRINCIPAL_ROLE:ALL\"\ncompute:\n  default: {{properties: {{path: /tmp/f.duckdb}}}}\n",
        standin.port
    );
    fixture.write("platform/local/platform.yaml", &platform);
    let ext = extensions.to_string_lossy().into_owned();
    let env = [
        ("POLARIS_CLIENT_ID", "floe-client"),
        ("POLARIS_CLIENT_SECRET", "wrong-secret-value"),
        ("FLOE_DUCKDB_EXTENSION_DIR", ext.as_str()),
    ];
    let (mut client, _) = Client::start_with_env(
        fixture.dir.path(),
        json!({"window": {"workDoneProgress": true}}),
        Value::Null,
        &env,
    );
    let floe = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let platform_uri = uri(&fixture.path("platform/local/platform.yaml"));

    let response = run_verify(&mut client, &floe);
    let report = &response["result"];
    assert_eq!(report["ok"], false, "{response:#}");
    assert_eq!(report["steps"][1]["status"], "failed");
    let begin = client.wait_for(
        |m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin",
        "progress begin",
    );
    assert_eq!(begin["params"]["token"], "verify-1");
    client.wait_for(
        |m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end",
        "progress end",
    );
    let list = client.diagnostics_for(&platform_uri, |l| l.iter().any(|d| d["code"] == "FL800"));
    assert_eq!(codes(&list).iter().filter(|(_, c)| c == "FL800").count(), 1);
    let message = list
        .iter()
        .find(|d| d["code"] == "FL800")
        .and_then(|d| d["message"].as_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.contains("step `token` failed") && !message.contains("wrong-secret-value"),
        "{message}"
    );
    client.shutdown();

    // The right secret: every step passes and FL800 is gone.
    let env = [
        ("POLARIS_CLIENT_ID", "floe-client"),
        ("POLARIS_CLIENT_SECRET", "right-secret-value"),
        ("FLOE_DUCKDB_EXTENSION_DIR", ext.as_str()),
    ];
    let (mut client, _) = Client::start_with_env(fixture.dir.path(), json!({}), Value::Null, &env);
    let floe = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let response = run_verify(&mut client, &floe);
    assert_eq!(response["result"]["ok"], true, "{response:#}");
    let list = client.diagnostics_for(&platform_uri, |l| !l.iter().any(|d| d["code"] == "FL800"));
    assert!(list.iter().all(|d| d["code"] != "FL800"));
    client.shutdown();
}

/// Generation B: "Verify connectivity" on a FloeSpec checks the catalog plugin of the manifest it
/// pairs with; a failure is FL800 on `plugins.catalog` in the manifest, gone once a check passes.
#[test]
fn verify_connectivity_on_a_floe_spec_reports_on_the_manifest() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    let token_path = "/idp/token";
    let standin = standin::start(
        &python,
        &[
            "--warehouse",
            "floe-demo",
            "--client-id",
            "floe-runtime",
            "--client-secret",
            "v1-lsp-secret-value",
            "--token-path",
            token_path,
            "--namespace",
            "orders",
            "--seed",
        ],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = |scope: &str| {
        format!(
            "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: acme\n  version: 1.0.0\n  owner: platform@acme.example\nplugins:\n  compute:\n    type: duckdb\n    config:\n      path: /tmp/floe/{{product_slug}}.duckdb\n  orchestrator:\n    type: dagster\n  catalog:\n    type: polaris\n    config:\n      uri: http://127.0.0.1:{port}/api/catalog\n      warehouse: floe-demo\n      oauth2:\n        client_id: floe-runtime\n        client_secret: v1-lsp-secret-value\n        token_url: http://127.0.0.1:{port}{token_path}\n{scope}",
            port = standin.port
        )
    };
    std::fs::write(dir.path().join("manifest.yaml"), manifest("")).expect("write");
    std::fs::create_dir(dir.path().join("orders")).expect("mkdir");
    let spec_text = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: 1.0.0\n  owner: data@acme.example\ntransforms:\n  - name: stg_orders\n";
    std::fs::write(dir.path().join("orders/floe.yaml"), spec_text).expect("write");
    let ext = extensions.to_string_lossy().into_owned();
    let env = [("FLOE_DUCKDB_EXTENSION_DIR", ext.as_str())];
    let (mut client, _) = Client::start_with_env(dir.path(), json!({}), Value::Null, &env);
    let spec = client.open(&dir.path().join("orders/floe.yaml"), spec_text);
    let manifest_uri = uri(&dir.path().join("manifest.yaml"));

    // No scope: PyIceberg asks for `catalog`, which the catalog rejects.
    let response = run_verify(&mut client, &spec);
    let report = &response["result"];
    assert_eq!(report["ok"], false, "{response:#}");
    assert_eq!(report["product"], "orders");
    assert_eq!(report["steps"][1]["status"], "failed", "{response:#}");
    let list = client.diagnostics_for(&manifest_uri, |l| l.iter().any(|d| d["code"] == "FL800"));
    let finding = list.iter().find(|d| d["code"] == "FL800").expect("FL800");
    // On the `catalog:` key (line 13, 0-based).
    assert_eq!(finding["range"]["start"]["line"], 13, "{finding:#}");
    let message = finding["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("step `token` failed") && message.contains("`catalog`"),
        "{message}"
    );
    assert!(!message.contains("v1-lsp-secret-value"), "{message}");

    // With a scope every step passes, and FL800 goes.
    std::fs::write(
        dir.path().join("manifest.yaml"),
        manifest("        scope: PRINCIPAL_ROLE:DATA_ENGINEER\n"),
    )
    .expect("write");
    let response = run_verify(&mut client, &spec);
    assert_eq!(response["result"]["ok"], true, "{response:#}");
    let list = client.diagnostics_for(&manifest_uri, |l| !l.iter().any(|d| d["code"] == "FL800"));
    assert!(list.iter().all(|d| d["code"] != "FL800"));
    client.shutdown();
}
