//! Hover: schema documentation, resolved profiles per environment (secrets redacted), rule docs.

use serde_json::json;

use super::{Fixture, pos};

fn hover_text(client: &mut super::client::Client, uri: &str, line: u32, character: u32) -> String {
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(line, character)}),
    );
    result["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn field_docs_references_and_rule_docs() {
    let fixture = Fixture::new();
    fixture.write("platform/prod/platform.yaml", &super::PROD.replace("bucket: lake\n", "bucket: lake\n    endpoint: \"https://s3.example.com\"\n    credentials: {mode: static, secret_ref: s3}\n    path_style_access: true\n").replace("properties:\n      path: /tmp/floe.duckdb\n", "properties:\n      path: /tmp/floe.duckdb\n      password: \"literal-Secret-99\"\n"));
    let mut client = fixture.start();
    let local = client.open(&fixture.path("platform/local/platform.yaml"), super::LOCAL);
    // `warehouse:` key in catalogs.lakehouse.
    let text = hover_text(&mut client, &local, 7, 6);
    assert!(text.starts_with("**`warehouse`**"), "{text}");
    assert!(text.len() > 40, "{text}");
    // access to an enum's allowed values: `mode:` value.
    let text = hover_text(&mut client, &local, 9, 14);
    assert!(
        text.contains("`oauth2`") && text.contains("`iam_role`"),
        "{text}"
    );

    let floe = client.open(&fixture.path("floe.yaml"), super::FLOE);
    let text = hover_text(&mut client, &floe, 4, 11);
    assert!(text.contains("**Compute profile `default`**"), "{text}");
    assert!(
        text.contains("Environment `local`") && text.contains("Environment `prod`"),
        "{text}"
    );
    assert!(text.contains("type: duckdb"), "{text}");
    assert!(
        !text.contains("literal-Secret-99"),
        "secrets are redacted: {text}"
    );
    assert!(text.contains("li… (17 chars)"), "{text}");

    // A finding under the cursor shows its rule's documentation.
    let text = hover_text(&mut client, &local, 12, 16);
    assert!(
        !text.contains("FL302"),
        "PRINCIPAL_ROLE:ALL is fine in local"
    );
    let prod = client.open(
        &fixture.path("platform/prod/platform.yaml"),
        &super::PROD.replace("DATA_ENGINEER", "ALL"),
    );
    let text = hover_text(&mut client, &prod, 12, 16);
    assert!(
        text.contains("**FL302 principal-role-all**") && text.contains("## What it does"),
        "{text}"
    );
    client.shutdown();
}
