//! Generation B files in the editor beyond diagnostics and hover: completion (keys, enum values,
//! transform names in `dependsOn`, the plugin types upstream ships), definition / references /
//! rename of transforms, definition from `platform.manifest` to the manifest, the outline, quick
//! fixes on Generation B findings, and a dependency typed keystroke by keystroke, renamed and
//! undone, the published diagnostics equal to a fresh check after every change.

use serde_json::{Value, json};

use super::client::{Client, codes, uri};
use super::replay::{accept, end_position, fresh_check, offset_of};
use super::{Fixture, SNIPPETS, keys::lsp_key, pos};

const SPEC: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: \"1.0.0\"\nplatform:\n  manifest: ../manifest.yaml\ntransforms:\n  - name: stg_orders\n    tier: bronze\n  - name: stg_customers\n    tier: bronze\n  - name: fct_orders\n    tier: gold\n    dependsOn: [stg_orders, stg_customers]\n  - name: agg_orders\n    depends_on:\n      - 'fct_orders'\n";
const MANIFEST: &str = "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: acme\n  version: \"1.0.0\"\n  owner: platform-team\nplugins:\n  compute:\n    type: duckdb\n  orchestrator:\n    type: dagster\n";

/// A repository holding one product (`orders/floe.yaml`) and the manifest it names.
fn repository() -> Fixture {
    let fixture = Fixture {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    fixture.write(".git/HEAD", "ref: refs/heads/main\n");
    fixture.write("orders/floe.yaml", SPEC);
    fixture.write("manifest.yaml", MANIFEST);
    fixture
}

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

/// `(line, character)` of each location's start, for locations in one file.
fn starts(locations: &Value) -> Vec<(u64, u64)> {
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

/// One editing session against the real server, every change a `didChange` as an editor sends
/// it: a `dependsOn` entry typed one key at a time with completion asked for and accepted, a
/// transform renamed through `textDocument/rename`, the rename undone. After every change the
/// published diagnostics equal a fresh check of the same text.
#[test]
fn typing_renaming_and_undoing_a_dependency() {
    let server = repository();
    let mirror = repository();
    let path = server.path("orders/floe.yaml");
    let (mut client, _) = server.start_with(SNIPPETS.clone(), Value::Null);
    let spec = client.open(&path, SPEC);
    let mut session = Session {
        client: &mut client,
        uri: spec.clone(),
        mirror: &mirror,
        root: server.dir.path().display().to_string(),
        text: SPEC.to_owned(),
        version: 1,
    };
    session.compare();

    // A second entry under agg_orders' `depends_on`, typed key by key.
    for key in [" ", " ", " ", " ", " ", " ", "-", " "] {
        session.type_at_end(key);
    }
    let offered = labels(&session.complete());
    assert_eq!(offered, vec!["stg_orders", "stg_customers"]);
    for key in ["s", "t", "g", "_", "c"] {
        session.type_at_end(key);
    }
    let result = session.complete();
    assert_eq!(labels(&result), vec!["stg_customers"]);
    let accepted = accept(&session.text, &result[0]);
    assert!(accepted.ends_with("      - 'fct_orders'\n      - stg_customers"));
    session.replace_all(&accepted);
    // The next entry is offered only what is left.
    for key in ["\n", " ", " ", " ", " ", " ", " ", "-", " "] {
        session.type_at_end(key);
    }
    assert_eq!(labels(&session.complete()), vec!["stg_orders"]);
    session.backspace(9);
    let typed = session.text.clone();
    assert!(typed.ends_with("      - stg_customers"));

    // Rename stg_customers from its entry in fct_orders' flow list: three places.
    let edit = session.client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": spec}, "position": pos(14, 30), "newName": "bronze_customers"}),
    );
    let mut edits: Vec<Value> = edit["changes"][&spec]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edits.len(), 3, "{edit}");
    // An editor applies a workspace edit as one change holding every edit, last first.
    edits.sort_by_key(|e| std::cmp::Reverse(offset_of(&session.text, &e["range"]["start"])));
    let mut renamed = session.text.clone();
    for e in &edits {
        let start = offset_of(&renamed, &e["range"]["start"]);
        let end = offset_of(&renamed, &e["range"]["end"]);
        renamed.replace_range(start..end, e["newText"].as_str().unwrap_or_default());
    }
    session.apply(&edits, &renamed);
    assert_eq!(renamed.matches("bronze_customers").count(), 3);
    assert!(!renamed.contains("stg_customers"));
    let found = session.client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": spec}, "position": pos(18, 10)}),
    );
    assert_eq!(starts(&found), vec![(10, 10)]);

    // Undo: the editor restores the text before the rename in one change.
    session.replace_all(&typed);
    let found = session.client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": spec}, "position": pos(10, 12), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(starts(&found), vec![(10, 10), (14, 28), (18, 8)]);
    client.shutdown();
}

struct Session<'a> {
    client: &'a mut Client,
    uri: String,
    mirror: &'a Fixture,
    root: String,
    text: String,
    version: i64,
}

impl Session<'_> {
    fn change(&mut self, changes: Value, text: String) {
        self.version += 1;
        self.client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri, "version": self.version}, "contentChanges": changes}),
        );
        self.text = text;
        self.compare();
    }

    fn type_at_end(&mut self, key: &str) {
        let at = end_position(&self.text);
        let text = format!("{}{key}", self.text);
        self.change(
            json!([{"range": {"start": at, "end": at}, "text": key}]),
            text,
        );
    }

    fn backspace(&mut self, count: usize) {
        for _ in 0..count {
            let mut text = self.text.clone();
            text.pop();
            let (start, end) = (end_position(&text), end_position(&self.text));
            self.change(
                json!([{"range": {"start": start, "end": end}, "text": ""}]),
                text,
            );
        }
    }

    fn replace_all(&mut self, text: &str) {
        let end = end_position(&self.text);
        self.change(
            json!([{"range": {"start": pos(0, 0), "end": end}, "text": text}]),
            text.to_owned(),
        );
    }

    /// Sends text edits (ranges in the text before them, applied last first) as one change.
    fn apply(&mut self, edits: &[Value], result: &str) {
        let changes: Vec<Value> = edits
            .iter()
            .map(|e| json!({"range": e["range"], "text": e["newText"]}))
            .collect();
        self.change(Value::Array(changes), result.to_owned());
    }

    fn complete(&mut self) -> Value {
        self.client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": self.uri}, "position": end_position(&self.text)}),
        )
    }

    /// The diagnostics published for this version equal a fresh check of the same text.
    fn compare(&mut self) {
        let (uri, version) = (self.uri.clone(), self.version);
        let message = self.client.wait_for(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri.as_str()
                    && m["params"]["version"] == version
            },
            &format!("diagnostics of version {version}"),
        );
        let mut published: Vec<_> = message["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| lsp_key(d, &self.root))
            .collect();
        published.sort();
        self.mirror.write("orders/floe.yaml", &self.text);
        let fresh = fresh_check(self.mirror.dir.path(), "orders/floe.yaml");
        assert_eq!(
            published, fresh,
            "version {version}: published diagnostics differ from a fresh check of:\n{}",
            self.text
        );
    }
}
