//! An editing session on a Generation B floe.yaml against the real server: a `dependsOn` entry
//! typed one key at a time with completion, a transform renamed, the rename undone; after every
//! change the published diagnostics equal a fresh check of the same text.

use serde_json::{Value, json};

use super::client::Client;
use super::generation_b_completion::labels;
use super::generation_b_navigation::{SPEC, repository, starts};
use super::replay::{accept, end_position, fresh_check, offset_of};
use super::{Fixture, SNIPPETS, keys::lsp_key, pos};

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
