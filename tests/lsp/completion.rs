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
    let (mut client, _) = fixture.start_with(super::SNIPPETS.clone(), serde_json::Value::Null);
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
    assert_eq!(snippet["textEdit"]["newText"], "{secret_ref: ${1:name}}");

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

/// `text` with `|` at the cursor → (text, line, UTF-16 character).
fn cursor(text: &str) -> (String, u32, u32) {
    let at = text.find('|').expect("a cursor");
    let before = &text[..at];
    let line = before.matches('\n').count();
    let column: usize = before
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .chars()
        .map(char::len_utf16)
        .sum();
    (
        text.replacen('|', "", 1),
        u32::try_from(line).expect("line"),
        u32::try_from(column).expect("column"),
    )
}

#[test]
fn completion_follows_typing_in_every_state() {
    let fixture = Fixture::new();
    let (mut client, _) = fixture.start_with(super::SNIPPETS.clone(), Value::Null);
    let local = fixture.path("platform/local/platform.yaml");
    let uri = client.open(&local, super::LOCAL);
    let floe_uri = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let mut version = 1;
    // (file, text with the cursor, offered, not offered)
    let cases: Vec<(&str, String, &[&str], &[&str])> = vec![
        // A new storage profile in the middle of the file: its keys, not the top level's.
        (
            "platform",
            super::LOCAL.replace("    bucket: lake\n", "    bucket: lake\n  lake:\n    |\n"),
            &["bucket", "endpoint", "credentials", "path_style_access"],
            &["catalogs", "version"],
        ),
        // `credentials:` + Enter.
        (
            "platform",
            super::LOCAL.replace(
                "    bucket: lake\n",
                "    bucket: lake\n    credentials:\n      |\n",
            ),
            &["mode", "secret_ref", "client_id"],
            &["bucket", "storage"],
        ),
        // A half-typed key: filtered by its prefix.
        (
            "platform",
            super::LOCAL.replace("    bucket: lake\n", "    bucket: lake\n    end|\n"),
            &["endpoint"],
            &["region", "bucket"],
        ),
        // Enum values after `type: `, `mode: ` and `level: `.
        (
            "platform",
            super::LOCAL.replace("    bucket: lake\n", "    bucket: lake\n    type: |\n"),
            &["s3", "gcs", "azure", "local"],
            &[],
        ),
        (
            "platform",
            super::LOCAL.replace("      mode: oauth2\n", "      mode: |\n"),
            &["static", "oauth2", "iam_role", "service_account"],
            &[],
        ),
        (
            "platform",
            format!("{}observability:\n  logging:\n    level: |\n", super::LOCAL),
            &["INFO", "DEBUG", "WARNING"],
            &[],
        ),
        // After `key:` with no space yet.
        (
            "platform",
            super::LOCAL.replace("    type: duckdb\n", "    type:|\n"),
            &["duckdb", "snowflake"],
            &[],
        ),
        // A blank line inside compute.*.properties: the target's documented properties.
        (
            "platform",
            super::LOCAL.replace(
                "      path: /tmp/floe.duckdb\n",
                "      path: /tmp/floe.duckdb\n      |\n",
            ),
            &["threads", "memory_limit", "extensions"],
            &["path", "account"],
        ),
        (
            "platform",
            super::LOCAL
                .replace("    type: duckdb\n", "    type: snowflake\n")
                .replace("      path: /tmp/floe.duckdb\n", "      |\n"),
            &["account", "warehouse", "role"],
            &["threads"],
        ),
        // Inside flow mappings and sequences.
        (
            "platform",
            super::LOCAL.replace(
                "    bucket: lake\n",
                "    bucket: lake\n    credentials: {mode: static, |}\n",
            ),
            &["secret_ref", "client_id"],
            &["mode"],
        ),
        (
            "platform",
            super::LOCAL.replace(
                "    bucket: lake\n",
                "    bucket: lake\n    credentials: {mode: |}\n",
            ),
            &["static", "iam_role"],
            &[],
        ),
        (
            "platform",
            super::LOCAL.replace(
                "      path: /tmp/floe.duckdb\n",
                "      path: /tmp/floe.duckdb\n      extensions: [iceberg, |]\n",
            ),
            &["httpfs"],
            &[],
        ),
        // The end of the file with no trailing newline.
        (
            "platform",
            format!("{}observability:\n  |", super::LOCAL),
            &["traces", "lineage", "logging"],
            &["storage"],
        ),
        // CRLF line breaks and a tab after the colon.
        (
            "platform",
            super::LOCAL
                .replace(
                    "    bucket: lake\n",
                    "    bucket: lake\n    path_style_access:\t|\n",
                )
                .replace('\n', "\r\n"),
            &["true", "false"],
            &[],
        ),
        (
            "platform",
            super::LOCAL
                .replace("    bucket: lake\n", "    bucket: lake\n  lake:\n    |\n")
                .replace('\n', "\r\n"),
            &["bucket", "region"],
            &["catalogs"],
        ),
        // A new top-level key at column 0 in the middle of the file.
        (
            "platform",
            super::LOCAL.replace("catalogs:\n", "|\ncatalogs:\n"),
            &["layers", "observability"],
            &["catalogs", "storage", "bucket"],
        ),
        // A new list item and its keys in floe.yaml.
        (
            "floe",
            format!("{}transforms:\n  - |\n", super::FLOE),
            &["type", "path"],
            &["name"],
        ),
        (
            "floe",
            format!("{}transforms:\n  - type: dbt\n    |\n", super::FLOE),
            &["path", "target"],
            &["type", "name"],
        ),
        // A tagged union before its variant is written: every variant's `type`.
        (
            "floe",
            format!(
                "{}orchestration:\n  jobs:\n    nightly:\n      type: |\n",
                super::FLOE
            ),
            &["batch", "ops"],
            &[],
        ),
        (
            "floe",
            format!(
                "{}orchestration:\n  jobs:\n    nightly:\n      type: ops\n      |\n",
                super::FLOE
            ),
            &["target_function", "args"],
            &["selection"],
        ),
    ];
    for (file, text, offered, absent) in cases {
        let (text, line, character) = cursor(&text);
        let target = if file == "floe" { &floe_uri } else { &uri };
        version += 1;
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": target, "version": version}, "contentChanges": [{"text": text}]}),
        );
        let result = complete(&mut client, target, line, character);
        let got = labels(&result);
        for want in offered {
            assert!(
                got.iter().any(|g| g == want),
                "{want} not offered at {line}:{character} of\n{text}\ngot {got:?}"
            );
        }
        for unwanted in absent {
            assert!(
                !got.iter().any(|g| g == unwanted),
                "{unwanted} offered at {line}:{character} of\n{text}\ngot {got:?}"
            );
        }
        // Every key item carries its documentation.
        for item in result.as_array().into_iter().flatten() {
            if item["kind"] == 10 {
                assert!(
                    item["documentation"]["value"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{item}"
                );
            }
        }
    }
    // An empty file: a skeleton, and the top-level keys.
    version += 1;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": ""}]}),
    );
    let got = labels(&complete(&mut client, &uri, 0, 0));
    assert!(
        got.contains(&"platform.yaml skeleton".to_owned()) && got.contains(&"storage".to_owned()),
        "{got:?}"
    );
    // A nested key inserts the shape of its value at the file's indentation (4 spaces here).
    let four = "version: \"1.2.0\"\nstorage:\n    lake:\n        bucket: lake\n        |\n";
    let (text, line, character) = cursor(four);
    version += 1;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
    let result = complete(&mut client, &uri, line, character);
    let credentials = result
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["label"] == "credentials")
        .expect("credentials");
    assert_eq!(credentials["textEdit"]["newText"], "credentials:\n    $0");
    assert_eq!(credentials["insertTextMode"], 2);
    let mode = result
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["label"] == "type")
        .expect("type");
    assert_eq!(
        mode["textEdit"]["newText"],
        "type: ${1|s3,gcs,azure,local|}"
    );
    client.shutdown();
}
