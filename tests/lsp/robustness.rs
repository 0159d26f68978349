//! Malformed JSON-RPC, unknown methods, unopened documents, out-of-range positions, a large
//! document and a burst of changes: the server answers or errors per spec and stays up.

use serde_json::json;

use super::client::frame;
use super::{Fixture, pos};

#[test]
fn bad_messages_and_requests_do_not_take_the_server_down() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    client.send_raw(&frame("{not json"));
    client.send_raw(b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01");
    client.send_raw(b"X-Nonsense: 1\r\n\r\n");
    for _ in 0..2 {
        let error = client.wait_for(|m| m["error"]["code"] == -32700, "parse error");
        assert_eq!(error["id"], serde_json::Value::Null);
    }
    client.send_raw(&frame(
        r#"{"jsonrpc":"2.0","id":99,"method":"textDocument/hover","params":{"bogus":1}}"#,
    ));
    let invalid = client.response(99);
    assert!(invalid["error"]["code"].is_i64(), "{invalid}");
    let unknown = client.request_async("floe/doesNotExist", json!({}));
    assert_eq!(client.response(unknown)["error"]["code"], -32601);
    // Requests about documents that are not open (or do not exist) get empty answers.
    let missing = super::client::uri(&fixture.path("nowhere/floe.yaml"));
    assert_eq!(
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": missing}, "position": pos(0, 0)})
        ),
        serde_json::Value::Null
    );
    // Out-of-range positions are clamped.
    let uri = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let _ = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(999, 999)}),
    );
    let _ = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos(999, 999)}),
    );
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": pos(500, 3), "end": pos(900, 0)}, "text": "x"}]}));
    assert!(client.is_running());
    client.shutdown();
}

#[test]
fn a_burst_of_changes_ends_with_the_latest_diagnostics() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let uri = client.open(&fixture.path("platform/local/platform.yaml"), super::LOCAL);
    client.diagnostics_for(&uri, |l| l.is_empty());
    for version in 2..=1001 {
        // Alternate between a bucket that is too short and one that is fine; the last is short.
        let bucket = if version % 2 == 1 { "ab" } else { "lake" };
        client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": super::LOCAL.replace("bucket: lake", &format!("bucket: {bucket}"))}]}));
    }
    let list = client.diagnostics_for(&uri, |l| l.len() == 1);
    assert_eq!(list[0]["code"], "FL105");
    assert!(client.is_running());
    client.shutdown();
}

#[test]
fn a_ten_megabyte_document_gets_an_answer() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let mut big = String::from("version: \"1.2.0\"\nobservability:\n  attributes:\n");
    let mut i = 0;
    while big.len() < 10 * 1024 * 1024 {
        big.push_str(&format!(
            "    key_{i}: \"value number {i} with some padding text\"\n"
        ));
        i += 1;
    }
    let uri = client.open(&fixture.path("platform/local/platform.yaml"), &big);
    let list = client.diagnostics_for(&uri, |_| true);
    assert!(list.is_empty(), "{:?}", &list[..list.len().min(3)]);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()));
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(client.is_running());
    client.shutdown();
}

#[test]
fn only_lsp_line_breaks_split_lines() {
    // U+2028, U+0085 and U+2029 are not line breaks in LSP: an edit at line 1 lands after the
    // first `\n`, not after one of them.
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let text = "name: \"x\u{2028}y\u{85}z\u{2029}w\"\nversion: \"1.0.0\"\n";
    let uri = client.open(&fixture.path("floe.yaml"), text);
    let before = client.diagnostics_for(&uri, |_| true);
    assert!(before.iter().all(|d| d["code"] != "FL100"), "{before:#?}");
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": pos(1, 0), "end": pos(1, 0)}, "text": "zz"}]}));
    let list = client.diagnostics_for(&uri, |l| l.iter().any(|d| d["code"] == "FL100"));
    let unknown: Vec<_> = list.iter().filter(|d| d["code"] == "FL100").collect();
    assert_eq!(unknown.len(), 1, "{list:#?}");
    assert_eq!(
        unknown[0]["range"]["start"],
        pos(1, 0),
        "`zzversion` is an unknown key"
    );
    client.shutdown();
}

#[test]
fn json_that_is_not_a_message_gets_invalid_request_and_the_server_carries_on() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let uri = client.open(&fixture.path("floe.yaml"), super::FLOE);
    client.diagnostics_for(&uri, |_| true);
    // (body, the id the answer must carry)
    let cases = [
        ("[]", serde_json::Value::Null),
        (
            r#"[{"jsonrpc":"2.0","id":41,"method":"shutdown"}]"#,
            json!(41),
        ),
        (
            r#"{"id":42,"method":"textDocument/hover","params":{}}"#,
            json!(42),
        ),
        (
            r#"{"jsonrpc":"2.0","id":{"n":43},"method":"shutdown"}"#,
            serde_json::Value::Null,
        ),
        (r#"{"jsonrpc":"2.0","id":44,"method":7}"#, json!(44)),
        (r#"{"jsonrpc":"2.0","id":"45"}"#, json!("45")),
        (
            r#"{"jsonrpc":"2.0","method":"x","params":"text"}"#,
            serde_json::Value::Null,
        ),
        ("3", serde_json::Value::Null),
        ("null", serde_json::Value::Null),
    ];
    for (body, id) in cases {
        client.send_raw(&frame(body));
        let answer = client.wait_for(
            |m| m["error"]["code"] == -32600 && m["id"] == id,
            &format!("Invalid Request for {body}"),
        );
        assert!(
            answer["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Invalid Request")),
            "{answer}"
        );
        assert!(client.is_running(), "the server survives {body}");
    }
    // And it still works: an edit is checked, a request answered.
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": super::FLOE.replace("\"1.0.0\"", "1.0")}]}));
    client.diagnostics_for(&uri, |l| !l.is_empty());
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()));
    client.shutdown();
}

/// Writes framed messages to a raw server process and waits (bounded) for it to exit.
fn exit_code_after(messages: &[serde_json::Value]) -> Option<i32> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_floe-lint"))
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    // Keep the server's output flowing without ever answering its requests.
    let mut stdout = child.stdout.take().expect("stdout");
    let _drain = std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    for message in messages {
        stdin
            .write_all(&frame(&message.to_string()))
            .expect("write");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn exit_ends_the_server_even_with_its_own_requests_unanswered() {
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {"workspace": {"configuration": true}}}});
    let initialized = json!({"jsonrpc": "2.0", "method": "initialized", "params": {}});
    let shutdown = json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"});
    let exit = json!({"jsonrpc": "2.0", "method": "exit"});
    // The server asks for workspace/configuration after `initialized`; this client never answers.
    assert_eq!(
        exit_code_after(&[init.clone(), initialized.clone(), shutdown, exit.clone()]),
        Some(0),
        "shutdown then exit: code 0, within the grace period"
    );
    assert_eq!(
        exit_code_after(&[init, initialized, exit]),
        Some(1),
        "exit without shutdown: code 1 (LSP)"
    );
}
