//! Code actions: rule fixes as quick fixes, ignore-on-line / ignore-in-file, fix-all; code lenses
//! and their commands.

use serde_json::{Value, json};

use super::{Fixture, pos};

#[test]
fn quick_fixes_suppressions_and_fix_all() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let text = super::LOCAL.replace(
        "    warehouse: lake\n",
        "    warehouse: lake\n    access_delegation: vended_credentials\n",
    );
    let uri = client.open(&fixture.path("platform/local/platform.yaml"), &text);
    let list = client.diagnostics_for(&uri, |l| !l.is_empty());
    let enum_miss = list
        .iter()
        .find(|d| d["code"] == "FL103")
        .expect("FL103")
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": enum_miss["range"], "context": {"diagnostics": [enum_miss]}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Replace with `vended-credentials`",
            "Ignore FL103 on this line",
            "Ignore FL103 in this file"
        ]
    );
    let fix = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(fix["newText"], "vended-credentials");
    assert_eq!(actions[0]["isPreferred"], true);
    let ignore = &actions[1]["edit"]["changes"][&uri][0];
    assert_eq!(ignore["newText"], "  # floe-lint: ignore[FL103]");
    assert_eq!(ignore["range"]["start"], pos(8, 41));

    let all = client.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(0, 0)}, "context": {"diagnostics": [], "only": ["source.fixAll.floe-lint"]}}));
    let edit = &all[0]["edit"]["changes"][&uri][0];
    assert!(
        edit["newText"]
            .as_str()
            .unwrap_or_default()
            .contains("access_delegation: vended-credentials"),
        "{all:#}"
    );
    client.shutdown();
}

#[test]
fn lenses_and_commands_answer_clearly() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let floe = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": floe}}),
    );
    let titles: Vec<&str> = lenses
        .as_array()
        .expect("lenses")
        .iter()
        .filter_map(|l| l["command"]["title"].as_str())
        .collect();
    assert_eq!(titles, vec!["Preview profiles.yml", "Verify connectivity"]);
    // Preview: the fixture's catalog is `lakehouse`, and floe's generator reads profile
    // `default` for everything, so it answers with upstream's error, clearly.
    let preview = &lenses[0]["command"];
    let id = client.request_async(
        "workspace/executeCommand",
        json!({"command": preview["command"], "arguments": preview["arguments"]}),
    );
    let response: Value = client.response(id);
    assert!(
        response["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Profile 'default' not found"),
        "{response}"
    );
    // Verify connectivity answers with a report (nothing listens on the fixture's localhost:8181).
    let verify = &lenses[1]["command"];
    let id = client.request_async(
        "workspace/executeCommand",
        json!({"command": verify["command"], "arguments": verify["arguments"]}),
    );
    let response: Value = client.response(id);
    assert_eq!(response["result"]["ok"], false, "{response}");
    assert_eq!(response["result"]["steps"][1]["name"], "token");
    // floe/previewProfiles with an environment whose platform uses `default` profiles.
    fixture.write(
        "platform/local/platform.yaml",
        &super::LOCAL.replace("lakehouse:", "default:"),
    );
    let result = client.request(
        "floe/previewProfiles",
        json!({"uri": floe, "environment": "local"}),
    );
    assert!(
        result["text"]
            .as_str()
            .unwrap_or_default()
            .contains("type: duckdb"),
        "{result}"
    );
    assert_eq!(result["environment"], "local");
    assert!(client.is_running());
    client.shutdown();
}

#[test]
fn quick_fixes_of_findings_from_an_older_text_are_not_offered() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let text = super::LOCAL.replace(
        "    warehouse: lake\n",
        "    warehouse: lake\n    access_delegation: vended_credentials\n",
    );
    let uri = client.open(&fixture.path("platform/local/platform.yaml"), &text);
    let list = client.diagnostics_for(&uri, |l| !l.is_empty());
    let stale = list
        .iter()
        .find(|d| d["code"] == "FL103")
        .expect("FL103")
        .clone();
    // A line is inserted above: the finding moves down one line; the client still holds the old one.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": pos(0, 0), "end": pos(0, 0)}, "text": "# a comment\n"}]}),
    );
    let ask = |client: &mut super::client::Client, diagnostic: &Value| {
        client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
        )
    };
    let actions = ask(&mut client, &stale);
    assert_eq!(
        actions,
        json!([]),
        "an edit at the old range would corrupt the text"
    );
    let fresh =
        client.diagnostics_for(&uri, |l| l.iter().any(|d| d["range"]["start"]["line"] == 9));
    let current = fresh
        .iter()
        .find(|d| d["code"] == "FL103")
        .expect("FL103")
        .clone();
    let actions = ask(&mut client, &current);
    assert_eq!(actions[0]["title"], "Replace with `vended-credentials`");
    assert_eq!(
        actions[0]["edit"]["changes"][&uri][0]["range"]["start"]["line"],
        9
    );
    client.shutdown();
}
