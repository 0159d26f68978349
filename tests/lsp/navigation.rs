//! Definition, references, rename (with prepareRename), document symbols, folding ranges.

use serde_json::json;

use super::{Fixture, pos};

#[test]
fn definition_references_and_rename_across_environments() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let floe = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let result = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": floe}, "position": pos(3, 12)}),
    );
    let targets: Vec<String> = result
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| {
            l["uri"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .nth(1)
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(targets, vec!["local", "prod"]);
    assert_eq!(result[0]["range"]["start"], pos(5, 2));

    let local = super::client::uri(&fixture.path("platform/local/platform.yaml"));
    let refs = client.request("textDocument/references", json!({"textDocument": {"uri": local}, "position": pos(5, 4), "context": {"includeDeclaration": false}}));
    assert_eq!(refs.as_array().map(Vec::len), Some(1));
    assert_eq!(refs[0]["uri"], floe);

    let prepared = client.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": floe}, "position": pos(3, 12)}),
    );
    assert_eq!(prepared["placeholder"], "lakehouse");
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": floe}, "position": pos(3, 12), "newName": "lake"}),
    );
    let changes = edit["changes"].as_object().expect("changes");
    assert_eq!(
        changes.len(),
        3,
        "floe.yaml and both environments: {edit:#}"
    );
    for edits in changes.values() {
        assert_eq!(edits[0]["newText"], "lake");
    }
    let invalid = client.request_async(
        "textDocument/rename",
        json!({"textDocument": {"uri": floe}, "position": pos(3, 12), "newName": "1bad"}),
    );
    let response = client.response(invalid);
    assert!(
        response["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Invalid profile name '1bad'"),
        "{response}"
    );
    client.shutdown();
}

#[test]
fn outline_and_folding() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let local = client.open(&fixture.path("platform/local/platform.yaml"), super::LOCAL);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": local}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, vec!["version", "storage", "catalogs", "compute"]);
    assert_eq!(symbols[2]["children"][0]["name"], "lakehouse");
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": local}}),
    );
    let catalogs = folds
        .as_array()
        .expect("ranges")
        .iter()
        .find(|f| f["startLine"] == 4)
        .expect("catalogs fold");
    assert_eq!(catalogs["endLine"], 12);
    client.shutdown();
}
