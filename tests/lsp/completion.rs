//! Completion: missing keys with docs, enum values, profile names, the secret_ref snippet.

use serde_json::{Value, json};

use super::{Fixture, pos};

fn labels(result: &Value) -> Vec<String> {
    result
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["label"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn complete(client: &mut super::client::Client, uri: &str, line: u32, character: u32) -> Value {
    client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos(line, character)}),
    )
}

#[test]
fn keys_values_profiles_and_secret_snippet() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    // A new line inside catalogs.lakehouse: keys not yet present.
    let text = super::LOCAL.replace("    warehouse: lake\n", "    warehouse: lake\n    \n");
    let local = client.open(&fixture.path("platform/local/platform.yaml"), &text);
    let result = complete(&mut client, &local, 8, 4);
    let keys = labels(&result);
    assert!(
        keys.contains(&"access_delegation".to_owned()) && keys.contains(&"namespace".to_owned()),
        "{keys:?}"
    );
    assert!(
        !keys.contains(&"warehouse".to_owned()) && !keys.contains(&"uri".to_owned()),
        "present keys are not offered: {keys:?}"
    );
    let item = result
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["label"] == "namespace")
        .expect("namespace");
    assert!(
        item["documentation"]["value"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );

    // Enum values after `access_delegation: `.
    let text = super::LOCAL.replace(
        "    warehouse: lake\n",
        "    warehouse: lake\n    access_delegation: \n",
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": local, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let values = labels(&complete(&mut client, &local, 8, 23));
    assert_eq!(values, vec!["vended-credentials", "remote-signing", "none"]);

    // The secret_ref snippet for a secret field.
    let text = super::LOCAL.replace(
        "      client_secret: {secret_ref: polaris-client-secret}\n",
        "      client_secret: \n",
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": local, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    let result = complete(&mut client, &local, 11, 21);
    let snippet = result
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["insertTextFormat"] == 2)
        .expect("snippet");
    assert_eq!(snippet["insertText"], "{secret_ref: ${1:name}}");

    // Profile names from every environment for floe.yaml references.
    let floe = client.open(
        &fixture.path("floe.yaml"),
        &super::FLOE.replace("catalog: lakehouse", "catalog: "),
    );
    let result = complete(&mut client, &floe, 3, 9);
    assert_eq!(labels(&result), vec!["lakehouse"]);
    assert_eq!(result[0]["detail"], "Catalog profile in local, prod");
    client.shutdown();
}
