//! Diagnostics: published on open and change, with code, description link, related information;
//! cross-file re-publish; environments named; UTF-16 and UTF-8 positions; versions respected.

use serde_json::json;

use super::client::codes;
use super::{Fixture, LOCAL, pos};

#[test]
fn open_change_and_cross_file_republish() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let floe = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let clean = client.diagnostics_for(&floe, |l| l.is_empty());
    assert!(clean.is_empty());

    // Editing platform/prod (open) to drop the `lakehouse` catalog re-publishes floe.yaml (not
    // edited) with the environment named.
    let prod = client.open(&fixture.path("platform/prod/platform.yaml"), super::PROD);
    client.diagnostics_for(&prod, |l| l.is_empty());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": prod, "version": 2}, "contentChanges": [{"range": {"start": pos(5, 2), "end": pos(5, 11)}, "text": "warehouse_main"}]}),
    );
    let list = client.diagnostics_for(&floe, |l| !l.is_empty());
    assert_eq!(codes(&list), vec![(3, "FL200".to_owned())]);
    let d = &list[0];
    assert!(
        d["message"]
            .as_str()
            .unwrap_or_default()
            .contains("environment `prod`"),
        "{d}"
    );
    assert_eq!(d["source"], "floe-lint");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap_or_default()
            .ends_with("#fl200")
    );
    assert!(
        d["relatedInformation"][0]["location"]["uri"]
            .as_str()
            .unwrap_or_default()
            .ends_with("platform/prod/platform.yaml")
    );
    assert_eq!(d["range"]["start"], pos(3, 9));
    client.shutdown();
}

#[test]
fn unopened_files_are_read_from_disk_and_watched() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let floe = client.open(&fixture.path("floe.yaml"), super::FLOE);
    client.diagnostics_for(&floe, |l| l.is_empty());
    // platform/local changes on disk; the editor reports it through didChangeWatchedFiles.
    fixture.write(
        "platform/local/platform.yaml",
        &LOCAL.replace("lakehouse:", "lake:"),
    );
    let local = super::client::uri(&fixture.path("platform/local/platform.yaml"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": local, "type": 2}]}),
    );
    let list = client.diagnostics_for(&floe, |l| !l.is_empty());
    assert_eq!(codes(&list), vec![(3, "FL200".to_owned())]);
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("environment `local`")
    );
    client.shutdown();
}

#[test]
fn utf16_and_utf8_positions_after_emoji_and_cjk() {
    let text =
        "version: \"1.2.0\"\nobservability:\n  attributes: {team: \"数据 🚀\", replicas: 3}\n";
    let prefix = "  attributes: {team: \"数据 🚀\", replicas: ";
    for (encodings, expected) in [
        (json!(["utf-16"]), prefix.encode_utf16().count()),
        (json!(["utf-8", "utf-16"]), prefix.len()),
    ] {
        let fixture = Fixture::new();
        let (mut client, init) = fixture.start_with(
            json!({"general": {"positionEncodings": encodings}}),
            serde_json::Value::Null,
        );
        let uri = client.open(&fixture.path("platform/local/platform.yaml"), text);
        let list = client.diagnostics_for(&uri, |l| !l.is_empty());
        let wrong_type = list.iter().find(|d| d["code"] == "FL102").expect("FL102");
        assert_eq!(
            wrong_type["range"]["start"],
            pos(2, expected as u32),
            "encoding {}",
            init["capabilities"]["positionEncoding"]
        );
        client.shutdown();
    }
}

#[test]
fn versions_are_applied_in_order_and_results_follow_the_latest_text() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let uri = client.open(&fixture.path("platform/local/platform.yaml"), LOCAL);
    client.diagnostics_for(&uri, |l| l.is_empty());
    // Version 3 arrives before version 2: the server waits for 2, then applies both.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"range": {"start": pos(3, 12), "end": pos(3, 12)}, "text": "-b"}]}),
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": pos(3, 12), "end": pos(3, 12)}, "text": "x"}]}),
    );
    // `bucket: lakex-b` → still valid; now make it too short in version 4 to see the effect.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"range": {"start": pos(3, 12), "end": pos(3, 19)}, "text": "l"}]}),
    );
    let list = client.diagnostics_for(&uri, |l| !l.is_empty());
    assert_eq!(codes(&list), vec![(3, "FL105".to_owned())], "{list:#?}");
    let published = list[0]["range"]["end"].clone();
    assert_eq!(
        published,
        pos(3, 13),
        "the span of `l` after all three edits"
    );
    client.shutdown();
}
