//! `floe-lint connect` on Generation B (a FloeSpec and its manifest, or a manifest alone) against
//! the Polaris stand-in (tests/polaris_standin, a TEST DOUBLE) on 127.0.0.1 and real DuckDB
//! 1.5.5: the token at `oauth2.token_url` (served at a path of its own, as an external identity
//! provider's, so nothing derived from `uri` would answer), the scope PyIceberg would send, the
//! product's namespace, the ATTACH with the token URL and scope. Prepared by `.ci/run` as
//! tests/connect.rs says; skipped without it unless FLOE_LINT_REQUIRE_EXTERNAL=1.

mod common;

use std::path::Path;
use std::process::Output;

use common::Project;
use common::standin::{self, Standin, tools};
use serde_json::Value;

const CLIENT: &str = "floe-runtime-client";
const SECRET: &str = "v1-polaris-secret-value";
const S3_SECRET: &str = "v1-s3-secret-access-key";
/// The identity provider's token path (not `<uri>/v1/oauth/tokens`).
const TOKEN_PATH: &str = "/realms/floe/protocol/openid-connect/token";

fn start(python: &Path, extra: &[&str]) -> Standin {
    let mut args = vec![
        "--warehouse",
        "floe-demo",
        "--client-id",
        CLIENT,
        "--client-secret",
        SECRET,
        "--token-path",
        TOKEN_PATH,
    ];
    args.extend_from_slice(extra);
    standin::start(python, &args)
}

/// A manifest whose catalog is the stand-in; `oauth2_extra` and `config_extra` are lines added
/// under `oauth2:` and `config:`.
fn manifest(port: u16, oauth2_extra: &str, config_extra: &str) -> String {
    format!(
        "apiVersion: floe.dev/v1
kind: Manifest
metadata:
  name: acme-platform
  version: 1.0.0
  owner: platform@acme.example
plugins:
  compute:
    type: duckdb
    config:
      path: /tmp/floe/{{product_slug}}.duckdb
  orchestrator:
    type: dagster
  catalog:
    type: polaris
    config:
      uri: http://127.0.0.1:{port}/api/catalog
      warehouse: floe-demo
{config_extra}      oauth2:
        client_id: {CLIENT}
        client_secret: {SECRET}
        token_url: http://127.0.0.1:{port}{TOKEN_PATH}
{oauth2_extra}  storage:
    type: s3
    config:
      endpoint: http://127.0.0.1:9000
      bucket: floe-iceberg
      access_key_id: floe-access-key
      secret_access_key: {S3_SECRET}
"
    )
}

const SCOPE: &str = "        scope: PRINCIPAL_ROLE:DATA_ENGINEER\n";

fn product(project: &Project, manifest_text: &str) {
    project
        .write("manifest.yaml", manifest_text)
        .write(
            "customer-360/floe.yaml",
            "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: customer-360\n  version: 1.0.0\n  owner: data@acme.example\nplatform:\n  manifest: ../manifest.yaml\ntransforms:\n  - name: stg_customers\n",
        );
}

fn connect(project: &Project, path: &str, extensions: &Path, extra: &[&str]) -> (Output, Value) {
    let output = common::floe_lint()
        .current_dir(project.path())
        .args(["connect", path, "--format", "json", "--timeout", "5"])
        .arg("--duckdb-extension-dir")
        .arg(extensions)
        .args(extra)
        .output()
        .expect("run floe-lint connect");
    for stream in [&output.stdout, &output.stderr] {
        let shown = String::from_utf8_lossy(stream);
        assert!(
            !shown.contains(SECRET) && !shown.contains(S3_SECRET),
            "a secret was printed:\n{shown}"
        );
    }
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let json = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {text}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output, json)
}

fn detail<'a>(json: &'a Value, name: &str) -> &'a str {
    json["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["name"] == name))
        .and_then(|s| s["detail"].as_str().or(s["cause"].as_str()))
        .unwrap_or("")
}

fn statuses(json: &Value) -> Vec<&str> {
    json["steps"]
        .as_array()
        .map(|steps| steps.iter().filter_map(|s| s["status"].as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn a_product_and_its_manifest_pass_every_step() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    let log = tempfile::NamedTempFile::new().expect("log file");
    let log_path = log.path().to_string_lossy().into_owned();
    let server = start(
        &python,
        &[
            "--namespace",
            "customer_360",
            "--seed",
            "--request-log",
            &log_path,
        ],
    );
    let project = Project::new();
    product(&project, &manifest(server.port, SCOPE, ""));
    let (output, json) = connect(&project, "customer-360", &extensions, &[]);
    assert_eq!(output.status.code(), Some(0), "{json:#}");
    assert_eq!(statuses(&json), ["ok"; 5], "{json:#}");
    assert_eq!(json["product"], "customer-360");
    assert_eq!(json["environment"], Value::Null);
    assert!(
        json["manifest"]
            .as_str()
            .unwrap_or("")
            .ends_with("manifest.yaml")
    );
    let resolve = detail(&json, "resolve");
    assert!(
        resolve.contains("product namespace `customer_360`")
            && resolve.contains("storage s3 at http://127.0.0.1:9000, bucket `floe-iceberg`"),
        "{resolve}"
    );
    assert!(
        detail(&json, "token").contains(TOKEN_PATH)
            && detail(&json, "token").contains("PRINCIPAL_ROLE:DATA_ENGINEER"),
        "{json:#}"
    );
    assert!(
        detail(&json, "namespace").contains("`customer_360` exists with 1 table"),
        "{json:#}"
    );
    assert!(detail(&json, "duckdb").contains("customer_360"), "{json:#}");
    // Both floe-lint and DuckDB asked the identity provider's path for their tokens; nothing asked
    // `<uri>/v1/oauth/tokens`.
    let requests = std::fs::read_to_string(log.path()).expect("request log");
    let token_posts = requests
        .lines()
        .filter(|l| l.contains(TOKEN_PATH) && l.contains("\"POST\""))
        .count();
    assert!(token_posts >= 2, "{requests}");
    assert!(!requests.contains("/oauth/tokens"), "{requests}");

    // The manifest on its own: its namespaces are listed.
    let (output, json) = connect(&project, "manifest.yaml", &extensions, &[]);
    assert_eq!(output.status.code(), Some(0), "{json:#}");
    assert_eq!(json["product"], Value::Null);
    assert!(
        detail(&json, "namespace")
            .contains("warehouse `floe-demo` has 1 namespace: `customer_360`"),
        "{json:#}"
    );

    // Human output names the manifest and the product.
    let human = common::floe_lint()
        .current_dir(project.path())
        .args([
            "connect",
            "customer-360/floe.yaml",
            "--duckdb-extension-dir",
        ])
        .arg(&extensions)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.starts_with("Catalog plugin `plugins.catalog` of manifest ")
            && text.contains("for product `customer-360`")
            && text.ends_with("Connectivity verified.\n"),
        "{text}"
    );
}

#[test]
fn a_product_whose_namespace_is_not_there_yet_passes_and_says_so() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    // Vended credentials off: the ATTACH asks for none.
    let server = start(&python, &["--namespace", "other_product", "--seed"]);
    let project = Project::new();
    product(
        &project,
        &manifest(
            server.port,
            SCOPE,
            "      credential_vending_enabled: false\n",
        ),
    );
    let (output, json) = connect(&project, "customer-360/floe.yaml", &extensions, &[]);
    assert_eq!(output.status.code(), Some(0), "{json:#}");
    let namespace = detail(&json, "namespace");
    assert!(
        namespace.contains("`customer_360` does not exist yet: floe's export creates it")
            && namespace.contains("has 1 namespace: `other_product`"),
        "{namespace}"
    );
}

#[test]
fn without_a_scope_the_token_fails_as_pyiceberg_would() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    let server = start(&python, &[]);
    let project = Project::new();
    product(&project, &manifest(server.port, "", ""));
    let (output, json) = connect(&project, "customer-360", &extensions, &[]);
    assert_eq!(output.status.code(), Some(1), "{json:#}");
    assert_eq!(
        statuses(&json),
        ["ok", "failed", "skipped", "skipped", "skipped"]
    );
    let token = &json["steps"][1];
    let cause = token["cause"].as_str().unwrap_or("");
    assert!(
        cause.contains("rejected the scope `catalog` (PyIceberg's default")
            && cause.contains("invalid_scope"),
        "{cause}"
    );
    assert!(
        token["fix"]
            .as_str()
            .unwrap_or("")
            .contains("`plugins.catalog.config.oauth2.scope`"),
        "{token:#}"
    );
}

#[test]
fn a_token_url_that_is_not_the_endpoint_is_named() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    let server = start(&python, &[]);
    let project = Project::new();
    let text = manifest(server.port, SCOPE, "").replace(TOKEN_PATH, "/realms/floe/token");
    product(&project, &text);
    let (output, json) = connect(&project, "customer-360", &extensions, &[]);
    assert_eq!(output.status.code(), Some(1), "{json:#}");
    let token = &json["steps"][1];
    assert_eq!(token["status"], "failed");
    assert!(
        token["cause"]
            .as_str()
            .unwrap_or("")
            .contains("(HTTP 404), so `plugins.catalog.config.oauth2.token_url` is not"),
        "{token:#}"
    );
}

#[test]
fn insecure_or_missing_settings_stop_before_the_network() {
    let Some((_, extensions)) = tools() else {
        return;
    };
    let project = Project::new();
    // A plain-http token URL on another host: the secret would cross the network in clear.
    let remote = manifest(1, SCOPE, "").replace(
        &format!("http://127.0.0.1:1{TOKEN_PATH}"),
        "http://idp.example.com/token",
    );
    product(&project, &remote);
    let (output, json) = connect(&project, "customer-360", &extensions, &[]);
    assert_eq!(output.status.code(), Some(1));
    let cause = json["steps"][0]["cause"].as_str().unwrap_or("");
    assert!(
        cause.contains(
            "refusing to send credentials over plain http to http://idp.example.com/token"
        ),
        "{json:#}"
    );
    // No warehouse: named by its place in the manifest.
    product(
        &project,
        &manifest(1, SCOPE, "").replace("      warehouse: floe-demo\n", ""),
    );
    let (_, json) = connect(&project, "customer-360", &extensions, &[]);
    assert!(
        json["steps"][0]["cause"]
            .as_str()
            .unwrap_or("")
            .contains("`plugins.catalog.config.warehouse` is missing"),
        "{json:#}"
    );
    // Generation A's options do not apply.
    let usage = common::floe_lint()
        .current_dir(project.path())
        .args(["connect", "customer-360", "--env", "prod"])
        .output()
        .expect("run");
    assert_eq!(usage.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&usage.stderr).contains("--env and --catalog are for floe-runtime"),
        "{}",
        String::from_utf8_lossy(&usage.stderr)
    );
}
