//! Settings from initializationOptions and workspace/configuration.

use serde_json::json;

use super::client::codes;
use super::{Fixture, LOCAL};

const NOISY: &str = "version: 1.2\ncompute:\n  default: {type: duckdb}\n";

#[test]
fn initialization_options_select_rules() {
    let fixture = Fixture::new();
    let (mut client, _) = fixture.start_with(json!({}), json!({"select": ["FL1"]}));
    let uri = client.open(&fixture.path("platform/local/platform.yaml"), NOISY);
    let list = client.diagnostics_for(&uri, |l| !l.is_empty());
    assert_eq!(
        codes(&list),
        vec![(0, "FL102".to_owned())],
        "FL400 is not selected"
    );
    client.shutdown();
}

#[test]
fn workspace_configuration_is_pulled_and_reloaded() {
    let fixture = Fixture::new();
    let (mut client, _) = fixture.start_with(
        json!({"workspace": {"configuration": true}}),
        serde_json::Value::Null,
    );
    client.configuration = json!({"ignore": ["FL102"]});
    // The server asks for `floeLint` after `initialized`; changing the configuration re-checks.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"floeLint": {"ignore": ["FL102"]}}}),
    );
    let uri = client.open(&fixture.path("platform/local/platform.yaml"), NOISY);
    let list = client.diagnostics_for(&uri, |l| !l.is_empty());
    assert_eq!(codes(&list), vec![(2, "FL400".to_owned())]);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"floeLint": {"ignore": ["FL400"]}}}),
    );
    let list = client.diagnostics_for(&uri, |l| l.iter().any(|d| d["code"] == "FL102"));
    assert_eq!(codes(&list), vec![(0, "FL102".to_owned())]);
    client.shutdown();
}

#[test]
fn environment_setting_names_the_flat_platform_file() {
    let fixture = Fixture::new();
    std::fs::remove_dir_all(fixture.path("platform")).expect("remove platform dir");
    fixture.write("platform.yaml", &LOCAL.replace("lakehouse:", "other:"));
    let (mut client, _) = fixture.start_with(json!({}), json!({"environment": "staging"}));
    let uri = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let list = client.diagnostics_for(&uri, |l| !l.is_empty());
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("environment `staging`"),
        "{list:#?}"
    );
    client.shutdown();
}
