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
fn changes_apply_in_arrival_order_when_versions_skip_or_go_back() {
    let fixture = Fixture::new();
    let mut client = fixture.start();
    let uri = client.open(&fixture.path("platform/local/platform.yaml"), LOCAL);
    client.diagnostics_for(&uri, |l| l.is_empty());
    // Neovim's versions are `b:changedtick`, which `:w` also moves: after a save the next change
    // skips a number. Every change must apply at once, in arrival order.
    let change = |client: &mut super::client::Client,
                  version: i64,
                  at: (u32, u32, u32),
                  text: &str| {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": pos(at.0, at.1), "end": pos(at.0, at.2)}, "text": text}]}),
        );
    };
    change(&mut client, 2, (3, 12, 12), "x"); // bucket: lakex
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    change(&mut client, 4, (3, 12, 13), ""); // bucket: lake (version 3 was the save)
    change(&mut client, 6, (3, 12, 12), "-b"); // bucket: lake-b
    change(&mut client, 9, (3, 12, 14), ""); // bucket: lake
    change(&mut client, 10, (3, 13, 16), ""); // bucket: l: too short
    let list = client.diagnostics_for(&uri, |l| !l.is_empty());
    assert_eq!(codes(&list), vec![(3, "FL105".to_owned())], "{list:#?}");
    assert_eq!(list[0]["range"]["end"], pos(3, 13), "the span of `l`");
    // Requests see the latest text too: hover on `l` shows its finding.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(3, 12)}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|t| t.contains("FL105")),
        "{hover}"
    );
    // A version that goes backwards is the client's bug: reported, and the change still applied.
    change(&mut client, 7, (3, 13, 13), "ake");
    let log = client.wait_for(
        |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains("version 7 after 10"))
        },
        "a log message about the version",
    );
    assert_eq!(log["params"]["type"], 2, "a warning: {log}");
    let list = client.diagnostics_for(&uri, |l| l.is_empty());
    assert!(list.is_empty());
    client.shutdown();
}

#[test]
fn a_dbt_file_is_cleared_once_its_findings_are_fixed() {
    let fixture = Fixture::new();
    fixture.write(
        "floe.yaml",
        &format!(
            "{}transforms:\n  - type: dbt\n    path: ./dbt\n",
            super::FLOE
        ),
    );
    fixture.write(
        "dbt/dbt_project.yml",
        "name: orders\nprofile: orders\nmodel-paths: [\"models\"]\n",
    );
    fixture.write(
        "dbt/models/attach.sql",
        "{{ config(materialized='view') }}\nCREATE SECRET s (TYPE ICEBERG);\nselect 1\n",
    );
    let mut client = fixture.start();
    client.open(
        &fixture.path("floe.yaml"),
        &std::fs::read_to_string(fixture.path("floe.yaml")).expect("read"),
    );
    let sql = super::client::uri(&fixture.path("dbt/models/attach.sql"));
    let list = client.diagnostics_for(&sql, |l| !l.is_empty());
    assert!(list.iter().any(|d| d["code"] == "FL301"), "{list:#?}");
    fixture.write(
        "dbt/models/attach.sql",
        "{{ config(materialized='view') }}\nselect 1\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": sql, "type": 2}]}),
    );
    let list = client.diagnostics_for(&sql, |l| l.is_empty());
    assert!(list.is_empty());
    client.shutdown();
}
