//! Completion in Generation B files: keys (a key's other spelling left out once one is written),
//! enum values, transform names in `dependsOn`, the plugin types upstream ships, the keys of a
//! plugin's `config` from the model the plugin validates it with, and skeletons for empty files.

use serde_json::{Value, json};

use super::client::Client;
use super::generation_b_navigation::{MANIFEST, SPEC, repository};
use super::replay::end_position;
use super::{SNIPPETS, pos};

pub fn labels(result: &Value) -> Vec<String> {
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

/// `text` with `|` at the cursor → (text, position).
fn cursor(text: &str) -> (String, Value) {
    let at = text.find('|').expect("a cursor");
    let text = text.replacen('|', "", 1);
    let position = end_position(&text[..at]);
    (text, position)
}

/// Replaces an open document's text and asks for completion at the `|` in it.
fn complete_at(client: &mut Client, uri: &str, version: &mut i64, marked: &str) -> Value {
    let (text, position) = cursor(marked);
    *version += 1;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": *version}, "contentChanges": [{"text": text}]}),
    );
    client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": position}),
    )
}

#[test]
fn completion_in_a_spec_and_its_manifest() {
    let fixture = repository();
    let (mut client, _) = fixture.start_with(SNIPPETS.clone(), Value::Null);
    let spec = client.open(&fixture.path("orders/floe.yaml"), SPEC);
    let mut version = 1;
    // (text with the cursor, offered in this order, not offered)
    let cases: Vec<(String, &[&str], &[&str])> = vec![
        // A transform's keys: not those written, nor the other spelling of one written.
        (
            SPEC.replace("    tier: gold\n", "    tier: gold\n    |\n"),
            &["compute", "tags", "qualityChecks", "quality_checks"],
            &["name", "tier", "dependsOn", "depends_on"],
        ),
        // The tier's values (`tier` is `Tier | null` in the schema).
        (
            SPEC.replace("    tier: gold\n", "    tier: |\n"),
            &["bronze", "silver", "gold"],
            &[],
        ),
        // Flow dependsOn: every other transform, not itself, not one listed.
        (
            SPEC.replace("[stg_orders, stg_customers]", "[stg_orders, |]"),
            &["stg_customers", "agg_orders"],
            &["stg_orders", "fct_orders"],
        ),
        // Filtered by what is typed.
        (
            SPEC.replace("[stg_orders, stg_customers]", "[stg_c|]"),
            &["stg_customers"],
            &["stg_orders", "agg_orders"],
        ),
        // Block depends_on, a second entry.
        (
            SPEC.replace(
                "      - 'fct_orders'\n",
                "      - 'fct_orders'\n      - |\n",
            ),
            &["stg_orders", "stg_customers"],
            &["fct_orders", "agg_orders"],
        ),
        // A new item's keys: the previous item's keys are not this one's.
        (format!("{SPEC}  - |"), &["name", "dependsOn", "tier"], &[]),
        // A list still to write: every other transform (written as `[name]`, below).
        (
            SPEC.replace("    tier: gold\n", "    tier: gold\n    dependsOn: |\n")
                .replace("    dependsOn: [stg_orders, stg_customers]\n", ""),
            &["stg_orders", "stg_customers", "agg_orders"],
            &["fct_orders"],
        ),
        (
            SPEC.replace("[stg_orders, stg_customers]", "stg_c|"),
            &["stg_customers"],
            &["stg_orders", "fct_orders"],
        ),
    ];
    for (marked, offered, absent) in &cases {
        let got = labels(&complete_at(&mut client, &spec, &mut version, marked));
        let wanted: Vec<String> = got
            .iter()
            .filter(|l| offered.contains(&l.as_str()))
            .cloned()
            .collect();
        assert_eq!(wanted, *offered, "{marked}\noffered {got:?}");
        for label in *absent {
            assert!(
                !got.contains(&label.to_string()),
                "{marked}\noffered {got:?}"
            );
        }
    }
    // A transform name's item says where it is defined.
    let result = complete_at(
        &mut client,
        &spec,
        &mut version,
        &SPEC.replace("[stg_orders, stg_customers]", "[|]"),
    );
    assert_eq!(result[0]["label"], "stg_orders");
    assert_eq!(result[0]["detail"], "transform (line 9)");
    assert_eq!(result[0]["textEdit"]["newText"], "stg_orders");
    // After `dependsOn:` the whole list is written: a flow list of the one name, a space first
    // when none is typed.
    for (written, new_text) in [
        ("dependsOn: |", "[stg_orders]"),
        ("dependsOn:|", " [stg_orders]"),
    ] {
        let marked = SPEC.replace("dependsOn: [stg_orders, stg_customers]", written);
        let result = complete_at(&mut client, &spec, &mut version, &marked);
        assert_eq!(result[0]["label"], "stg_orders", "{marked}");
        assert_eq!(result[0]["textEdit"]["newText"], new_text, "{marked}");
    }

    let manifest = client.open(&fixture.path("manifest.yaml"), MANIFEST);
    let mut version = 1;
    let with = |block: &str| MANIFEST.replace("plugins:\n", &format!("plugins:\n{block}"));
    let cases: Vec<(String, Vec<&str>)> = vec![
        // The plugin types upstream ships, per category.
        (with("  catalog:\n    type: |\n"), vec!["polaris"]),
        (with("  secrets:\n    type: |\n"), vec!["k8s", "infisical"]),
        (with("  dbt:\n    type: f|\n"), vec!["fusion"]),
        (
            with("  quality:\n    provider: |\n"),
            vec!["great_expectations", "dbt_expectations"],
        ),
        // An optional enum of the manifest (`off` is quoted when written: YAML 1.1 reads a bool).
        (
            format!("{MANIFEST}governance:\n  policy_enforcement_level: |"),
            vec!["off", "warn", "strict"],
        ),
    ];
    for (marked, offered) in &cases {
        let result = complete_at(&mut client, &manifest, &mut version, marked);
        assert_eq!(labels(&result), *offered, "{marked}");
    }
    let result = complete_at(
        &mut client,
        &manifest,
        &mut version,
        &format!("{MANIFEST}governance:\n  policy_enforcement_level: |"),
    );
    assert_eq!(result[0]["textEdit"]["newText"], "\"off\"");

    // A plugin's `config` takes the keys of the model the plugin validates it with at run time
    // (Polaris here), in block and in flow style, not those already written.
    let polaris = |config: &str| {
        with(&format!(
            "  catalog:\n    type: polaris\n    config:{config}"
        ))
    };
    for (marked, offered, absent) in [
        (
            polaris("\n      |\n"),
            vec!["uri", "warehouse", "oauth2"],
            vec!["type"],
        ),
        (
            polaris(" {uri: \"https://polaris:8181/api/catalog\", |}\n"),
            vec!["warehouse", "oauth2"],
            vec!["uri"],
        ),
        (
            polaris("\n      oauth2:\n        client_id: x\n        |\n"),
            vec!["client_secret", "token_url", "scope"],
            vec!["client_id", "uri"],
        ),
    ] {
        let got = labels(&complete_at(&mut client, &manifest, &mut version, &marked));
        for label in offered {
            assert!(got.contains(&label.to_owned()), "{marked}\noffered {got:?}");
        }
        for label in absent {
            assert!(
                !got.contains(&label.to_owned()),
                "{marked}\noffered {got:?}"
            );
        }
    }
    // Hover reads the same model.
    let (text, position) = cursor(&polaris("\n      oauth2:\n        sc|ope: x\n"));
    version += 1;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": manifest, "version": version}, "contentChanges": [{"text": text}]}),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": manifest}, "position": position}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.starts_with("**`scope`**") && shown.contains("PRINCIPAL_ROLE:ALL"),
        "{shown}"
    );
    client.shutdown();
}

/// An empty floe.yaml can become either generation's: both skeletons are offered; an empty
/// manifest.yaml (not served until it says it is floe's) is offered the manifest's.
#[test]
fn empty_files_are_offered_generation_b_skeletons() {
    let fixture = repository();
    fixture.write("sales/floe.yaml", "");
    fixture.write("platform/manifest.yaml", "");
    let mut client = fixture.start();
    for (relative, wanted) in [
        (
            "sales/floe.yaml",
            vec!["floe.yaml skeleton", "floe.yaml (floe.dev/v1) skeleton"],
        ),
        ("platform/manifest.yaml", vec!["manifest.yaml skeleton"]),
    ] {
        let uri = client.open(&fixture.path(relative), "");
        let result = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(0, 0)}),
        );
        let got: Vec<String> = labels(&result)
            .into_iter()
            .filter(|l| l.ends_with("skeleton"))
            .collect();
        assert_eq!(got, wanted, "{relative}");
    }
    client.shutdown();
}
