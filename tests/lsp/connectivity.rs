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
