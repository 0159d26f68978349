//! Generation B navigation in the editor: definition / references / rename of transforms across
//! `dependsOn`, definition from `platform.manifest` to the manifest, the outline, and the quick
//! fixes Generation B findings carry.

use serde_json::{Value, json};

use super::client::{codes, uri};
use super::replay::offset_of;
use super::{Fixture, pos};

pub const SPEC: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: \"1.0.0\"\nplatform:\n  manifest: ../manifest.yaml\ntransforms:\n  - name: stg_orders\n    tier: bronze\n  - name: stg_customers\n    tier: bronze\n  - name: fct_orders\n    tier: gold\n    dependsOn: [stg_orders, stg_customers]\n  - name: agg_orders\n    depends_on:\n      - 'fct_orders'\n";
pub const MANIFEST: &str = "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: acme\n  version: \"1.0.0\"\n  owner: platform-team\nplugins:\n  compute:\n    type: duckdb\n  orchestrator:\n    type: dagster\n";

/// A repository holding one product (`orders/floe.yaml`) and the manifest it names.
pub fn repository() -> Fixture {
    let fixture = Fixture {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    fixture.write(".git/HEAD", "ref: refs/heads/main\n");
    fixture.write("orders/floe.yaml", SPEC);
    fixture.write("manifest.yaml", MANIFEST);
    fixture
}

/// `(line, character)` of each location's start, for locations in one file.
pub fn starts(locations: &Value) -> Vec<(u64, u64)> {
    locations
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| {
            let start = &l["range"]["start"];
            (
                start["line"].as_u64().unwrap_or(u64::MAX),
                start["character"].as_u64().unwrap_or(u64::MAX),
            )
        })
        .collect()
}

#[test]
fn definition_references_and_rename_of_transforms() {
    let fixture = repository();
    let mut client = fixture.start();
    let spec = client.open(&fixture.path("orders/floe.yaml"), SPEC);
    let at =
        |line, character| json!({"textDocument": {"uri": spec}, "position": pos(line, character)});

    // From a flow entry and from a quoted block entry to the transform's name.
    let found = client.request("textDocument/definition", at(14, 18));
    assert_eq!(starts(&found), vec![(8, 10)]);
    assert_eq!(found[0]["uri"], spec);
    let found = client.request("textDocument/definition", at(17, 10));
    assert_eq!(starts(&found), vec![(12, 10)]);
    // From `platform.manifest` to the manifest it names.
    let found = client.request("textDocument/definition", at(6, 14));
    assert_eq!(found[0]["uri"], uri(&fixture.path("manifest.yaml")));
    assert_eq!(found[0]["range"]["start"], pos(0, 0));
    // Not from a key, nor from a tier.
    assert!(
        client
            .request("textDocument/definition", at(8, 5))
            .is_null()
    );
    assert!(
        client
            .request("textDocument/definition", at(9, 12))
            .is_null()
    );

    // References from the name, with and without the declaration.
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": spec}, "position": pos(12, 12), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(starts(&refs), vec![(12, 10), (17, 8)]);
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": spec}, "position": pos(8, 12), "context": {"includeDeclaration": false}}),
    );
    assert_eq!(starts(&refs), vec![(14, 16)]);

    // prepareRename: a transform's name or entry, nothing else.
    let prepared = client.request("textDocument/prepareRename", at(17, 10));
    assert_eq!(prepared["placeholder"], "fct_orders");
    assert_eq!(prepared["range"]["start"], pos(17, 8));
    for (line, character) in [(3, 10), (9, 12), (12, 5), (6, 14)] {
        let prepared = client.request("textDocument/prepareRename", at(line, character));
        assert!(prepared.is_null(), "({line}, {character}): {prepared}");
    }

    // Rename: the name and every entry naming it, keeping the entry's quotes.
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": spec}, "position": pos(12, 12), "newName": "gold_orders"}),
    );
    let edits = edit["changes"][&spec].as_array().expect("edits");
    let written: Vec<(u64, &str)> = edits
        .iter()
        .map(|e| {
            (
                e["range"]["start"]["line"].as_u64().unwrap_or(u64::MAX),
                e["newText"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(written, vec![(12, "gold_orders"), (17, "'gold_orders'")]);
    assert_eq!(edit["changes"].as_object().map(|c| c.len()), Some(1));

    // Names a dbt model cannot have, and names another transform has, are refused.
    for (name, message) in [
        ("1st_orders", "Invalid transform name '1st_orders'"),
        ("stg-orders", "Invalid transform name 'stg-orders'"),
        (
            "stg_orders",
            "A transform named 'stg_orders' already exists",
        ),
    ] {
        let id = client.request_async(
            "textDocument/rename",
            json!({"textDocument": {"uri": spec}, "position": pos(12, 12), "newName": name}),
        );
        let response = client.response(id);
        assert!(
            response["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .starts_with(message),
            "{name}: {response}"
        );
    }
    client.shutdown();
}

/// `platform.manifest` as an OCI URI names no local file: definition goes to the manifest the
/// product is checked with (the one above it); a local path that does not exist goes nowhere.
#[test]
fn manifest_definition_follows_the_pairing() {
    let fixture = repository();
    let oci = SPEC.replace("../manifest.yaml", "oci://registry.example.com/acme:1.0.0");
    let mut client = fixture.start();
    let spec = client.open(&fixture.path("orders/floe.yaml"), &oci);
    let found = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": spec}, "position": pos(6, 20)}),
    );
    assert_eq!(found[0]["uri"], uri(&fixture.path("manifest.yaml")));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": spec, "version": 2}, "contentChanges": [{"text": SPEC.replace("../manifest.yaml", "./missing.yaml")}]}),
    );
    let found = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": spec}, "position": pos(6, 14)}),
    );
    assert!(found.is_null(), "{found}");
    client.shutdown();
}

/// `(name, detail)` of symbols, nested ones indented by two spaces per level.
fn outline(symbols: &Value, depth: usize, out: &mut Vec<(String, String)>) {
    for symbol in symbols.as_array().into_iter().flatten() {
        out.push((
            format!(
                "{}{}",
                "  ".repeat(depth),
                symbol["name"].as_str().unwrap_or("?")
            ),
            symbol["detail"].as_str().unwrap_or_default().to_owned(),
        ));
        outline(&symbol["children"], depth + 1, out);
    }
}

#[test]
fn outline_of_a_spec_and_a_manifest() {
    let fixture = repository();
    let mut client = fixture.start();
    let spec = client.open(&fixture.path("orders/floe.yaml"), SPEC);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": spec}}),
    );
    let mut found = Vec::new();
    outline(&symbols, 0, &mut found);
    let shown = |name: &str| {
        found
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| d.as_str())
    };
    assert_eq!(shown("metadata"), Some("orders 1.0.0"));
    assert_eq!(shown("platform"), Some("../manifest.yaml"));
    assert_eq!(symbols[4]["name"], "transforms");
    let mut transforms = Vec::new();
    outline(&symbols[4]["children"], 0, &mut transforms);
    let transforms: Vec<(&str, &str)> = transforms
        .iter()
        .filter(|(n, _)| !n.starts_with(' '))
        .map(|(n, d)| (n.as_str(), d.as_str()))
        .collect();
    assert_eq!(
        transforms,
        vec![
            ("stg_orders", "bronze"),
            ("stg_customers", "bronze"),
            ("fct_orders", "gold · after stg_orders, stg_customers"),
            ("agg_orders", "after fct_orders"),
        ]
    );
    // Picking a transform selects its name.
    let fct = &symbols[4]["children"][2];
    assert_eq!(fct["selectionRange"]["start"], pos(12, 10));
    assert_eq!(fct["kind"], 12, "a function: a dbt model");

    let manifest = client.open(
        &fixture.path("manifest.yaml"),
        &MANIFEST.replace(
            "plugins:\n",
            "plugins:\n  quality:\n    provider: great_expectations\n",
        ),
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": manifest}}),
    );
    let mut found = Vec::new();
    outline(&symbols, 0, &mut found);
    assert!(found.contains(&("metadata".to_owned(), "acme 1.0.0".to_owned())));
    let mut plugins = Vec::new();
    outline(&symbols[3]["children"], 0, &mut plugins);
    let plugins: Vec<(&str, &str)> = plugins
        .iter()
        .filter(|(n, _)| !n.starts_with(' '))
        .map(|(n, d)| (n.as_str(), d.as_str()))
        .collect();
    assert_eq!(
        plugins,
        vec![
            ("quality", "great_expectations"),
            ("compute", "duckdb"),
            ("orchestrator", "dagster"),
        ]
    );
    client.shutdown();
}

/// The quick fixes Generation B findings carry are offered as code actions and write the file
/// right: FL103's nearest value (`tier: silvr`), FL102's quotes (`owner: 2024`, a number).
#[test]
fn quick_fixes_on_generation_b_findings() {
    let fixture = repository();
    let mut client = fixture.start();
    let text = SPEC
        .replace(
            "  version: \"1.0.0\"\n",
            "  version: \"1.0.0\"\n  owner: 2024\n",
        )
        .replace("    tier: gold\n", "    tier: silvr\n");
    let spec = client.open(&fixture.path("orders/floe.yaml"), &text);
    let list = client.diagnostics_for(&spec, |l| l.len() == 2);
    assert_eq!(
        codes(&list),
        vec![(5, "FL102".to_owned()), (14, "FL103".to_owned())]
    );
    let mut fixed = text.clone();
    // Applied bottom-up so that the first edit's offsets stay right.
    for (diagnostic, title, written) in [
        (&list[1], "Replace with `silver`", "silver"),
        (&list[0], "Quote `2024` as a string", "\"2024\""),
    ] {
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": spec}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
        );
        let code = diagnostic["code"].as_str().unwrap_or_default();
        let titles: Vec<&str> = actions
            .as_array()
            .expect("actions")
            .iter()
            .filter_map(|a| a["title"].as_str())
            .collect();
        assert_eq!(
            titles,
            vec![
                title.to_owned(),
                format!("Ignore {code} on this line"),
                format!("Ignore {code} in this file"),
            ]
        );
        assert_eq!(actions[0]["isPreferred"], true);
        let edit = &actions[0]["edit"]["changes"][&spec][0];
        assert_eq!(edit["newText"], written);
        let start = offset_of(&fixed, &edit["range"]["start"]);
        let end = offset_of(&fixed, &edit["range"]["end"]);
        fixed.replace_range(start..end, written);
    }
    assert_eq!(
        fixed,
        SPEC.replace(
            "  version: \"1.0.0\"\n",
            "  version: \"1.0.0\"\n  owner: \"2024\"\n"
        )
        .replace("    tier: gold\n", "    tier: silver\n")
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": spec, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    assert!(client.diagnostics_for(&spec, |l| l.is_empty()).is_empty());
    client.shutdown();
}
