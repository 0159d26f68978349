//! No secret value is ever printed whole: every output format, and every rule's documentation,
//! is searched for the literal secrets of a fixture full of them.

mod common;
#[allow(dead_code)]
#[path = "lsp/client.rs"]
mod lsp_client;

use common::{Project, floe_lint};

const SECRETS: &[&str] = &[
    "AKIAQ3EGUHS7EXAMPLE1",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
    "Sup3rS3cretPw",
    "not-a-reference-9f8e7d",
    "hunter2-but-longer",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmbG9lIn0.c2lnbmF0dXJlLWhlcmU",
    "dbt-s3cret-key-value",
    // dbt SQL: a CREATE SECRET's literals (shown in FL301's snippet), run_query("SET …"), vars.
    "AKIAQ3EGUHS7EXAMPLE2",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSQLKEY",
    "s3t-in-run-query-77",
    "polaris-var-secret-88",
];

fn secret_project() -> Project {
    let project = Project::new();
    project
        .write(
            "floe.yaml",
            format!(
                "name: p\nversion: \"1\"\ntransforms:\n  - type: dbt\n    path: dbt\nobservability:\n  attributes:\n    deploy: {}\n    token: \"{}\"\n# leaked: {}\n",
                SECRETS[0], SECRETS[5], SECRETS[0]
            ),
        )
        .write(
            "platform/prod/platform.yaml",
            format!(
                "version: \"1.2.0\"\ncatalogs:\n  default:\n    uri: \"https://p/api/catalog\"\n    warehouse: w\n    credentials:\n      mode: oauth2\n      client_id: app\n      client_secret: \"{}\"\n      scope: \"PRINCIPAL_ROLE:X\"\n    properties:\n      s3.secret-access-key: \"{}\"\nobservability:\n  otlp_endpoint: \"https://otel:{}@collector.example.com\"\n  lineage_endpoint: \"https://m/api/v1/lineage\"\ncompute:\n  default:\n    properties: {{path: /tmp/f.duckdb, password: {}}}\n",
                SECRETS[3], SECRETS[1], SECRETS[2], SECRETS[4]
            ),
        )
        .write(
            "dbt/dbt_project.yml",
            format!("name: demo\nprofile: p\nvars:\n  polaris_client_secret: \"{}\"\n", SECRETS[10]),
        )
        .write(
            "dbt/macros/attach.sql",
            format!(
                "{{% macro s3() %}}\n  CREATE SECRET s3 (TYPE S3, KEY_ID '{}', SECRET '{}');\n{{% endmacro %}}\n",
                SECRETS[7], SECRETS[8]
            ),
        )
        .write(
            "dbt/models/orders.sql",
            format!("{{% do run_query(\"SET s3_secret_access_key='{}'\") %}}\nselect 1 as id\n", SECRETS[9]),
        )
        .write("dbt/profiles.yml", format!("default:\n  outputs:\n    dev:\n      type: duckdb\n      path: /tmp/f.duckdb\n      settings:\n        s3_secret_access_key: {}\n", SECRETS[6]));
    project
}

fn assert_no_secret(what: &str, bytes: &[u8]) {
    assert_none_printed(what, bytes, SECRETS);
}

/// No secret of `secrets`, nor a large piece of one, is in the output.
fn assert_none_printed(what: &str, bytes: &[u8], secrets: &[&str]) {
    let text = String::from_utf8_lossy(bytes);
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{what} prints the secret {secret}:\n{text}"
        );
        let piece: String = secret.chars().skip(2).take(8).collect();
        assert!(
            !text.contains(&piece),
            "{what} prints part of the secret {secret} ({piece}):\n{text}"
        );
    }
}

#[test]
fn no_output_format_prints_a_secret() {
    let project = secret_project();
    let mut flagged = 0;
    for args in [
        vec!["check", "--color", "never"],
        vec!["check", "--color", "always"],
        vec!["check", "--format", "json"],
        vec!["check", "--format", "sarif"],
        vec!["check", "--format", "github"],
        vec!["check", "--diff", "--unsafe-fixes"],
    ] {
        let output = project.run(&args);
        assert_no_secret(&args.join(" "), &output.stdout);
        assert_no_secret(&args.join(" "), &output.stderr);
        flagged += String::from_utf8_lossy(&output.stdout)
            .matches("FL300")
            .count();
    }
    assert!(
        flagged >= 11,
        "the fixture's secrets were found ({flagged} FL300 mentions)"
    );
    let (_, json) = project.check_json(&[]);
    let credentials = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "FL300")
        .count();
    assert_eq!(credentials, 12, "{json:#}");
    // FL301's snippet shows the CREATE SECRET line; its literals are masked there too.
    let human = project.run(&["check", "--color", "never", "--select", "FL301"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("FL301") && text.contains("KEY_ID '****"),
        "{text}"
    );
}

#[test]
fn diff_context_lines_are_masked() {
    let project = Project::new();
    project.write(
        "platform/prod/platform.yaml",
        format!(
            "version: \"1.2.0\"\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: \":memory:\"\n      password: {}\n",
            SECRETS[4]
        ),
    );
    let output = project.run(&["check", "--diff", "--unsafe-fixes"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("+      path: \"/tmp/floe.duckdb\""), "{text}");
    assert!(text.contains("password: ****"), "{text}");
    assert_no_secret("check --diff", &output.stdout);
}

#[test]
fn hover_masks_what_the_credential_scan_finds() {
    let project = secret_project();
    let platform = "platform/prod/platform.yaml";
    let text = std::fs::read_to_string(project.path().join(platform)).expect("platform");
    // A secret in a comment and in SQL inside the profile hover shows.
    let text = text.replace(
        "compute:\n  default:\n",
        &format!(
            "compute:\n  default:\n    # old key: {}\n    init_sql: \"SET s3_secret_access_key='{}'\"\n",
            SECRETS[0], SECRETS[8]
        ),
    );
    project.write(platform, &text);
    project.write("floe.yaml", "name: p\nversion: \"1\"\ncompute: default\n");
    let (mut client, _) = lsp_client::Client::start(
        project.path(),
        serde_json::json!({}),
        serde_json::Value::Null,
    );
    let floe = client.open(
        &project.path().join("floe.yaml"),
        "name: p\nversion: \"1\"\ncompute: default\n",
    );
    // Let the first check finish (its diagnostics arrive) before asking.
    client.diagnostics_for(&floe, |_| true);
    let hover = client.request(
        "textDocument/hover",
        serde_json::json!({"textDocument": {"uri": floe}, "position": {"line": 2, "character": 11}}),
    );
    let shown = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    client.shutdown();
    assert!(shown.contains("Compute profile `default`"), "{shown}");
    assert!(shown.contains("init_sql"), "{shown}");
    assert_no_secret("hover", shown.as_bytes());
}

#[test]
fn no_rule_documentation_prints_a_secret() {
    for rule in floe_lint::rules::registry::ALL.iter() {
        let output = floe_lint()
            .args(["explain", rule.code])
            .output()
            .expect("run");
        assert_no_secret(&format!("explain {}", rule.code), &output.stdout);
    }
}

/// Generation B's literal secrets: a manifest's plugin configs (carried into compiled artifacts or
/// not) and a FloeSpec's labels.
const GENB_SECRETS: &[&str] = &[
    "genb-polaris-client-s3cret",
    "AKIAQ3EGUHS7GENBKEY9",
    "genbS3SecretAccessKeyValue/0123456789",
    "genb-cube-api-secret-value",
    "genb-keycloak-client-s3cret",
    "genb-marquez-api-key-value",
    "ghp_GenBGitHubTokenValue0123456789abcdef",
];

fn genb_secret_project() -> Project {
    let project = Project::new();
    project
        .write(
            "manifest.yaml",
            format!(
                "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: acme\n  version: 1.0.0\n  owner: platform\nplugins:\n  compute:\n    type: duckdb\n    config:\n      path: \":memory:\"\n  orchestrator:\n    type: dagster\n  catalog:\n    type: polaris\n    config:\n      uri: https://polaris.example/api/catalog\n      warehouse: lake\n      oauth2:\n        client_id: floe\n        client_secret: {}  # pragma: allowlist secret\n        token_url: https://polaris.example/api/catalog/v1/oauth/tokens\n  storage:\n    type: s3\n    config:\n      endpoint: https://s3.example\n      bucket: lake\n      access_key_id: {}\n      secret_access_key: \"{}\"\n  semantic_layer:\n    type: cube\n    config:\n      api_secret: {}\n  identity:\n    type: keycloak\n    config:\n      server_url: https://keycloak.example\n      realm: floe\n      client_id: floe\n      client_secret: '{}'\n  lineage_backend:\n    type: marquez\n    config:\n      url: https://marquez.example\n      api_key: {}\n",
                GENB_SECRETS[0],
                GENB_SECRETS[1],
                GENB_SECRETS[2],
                GENB_SECRETS[3],
                GENB_SECRETS[4],
                GENB_SECRETS[5]
            ),
        )
        .write(
            "orders/floe.yaml",
            format!(
                "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: 1.0.0\n  labels:\n    ci: {}\nplatform:\n  manifest: ../manifest.yaml\ntransforms:\n  - name: stg_orders\n",
                GENB_SECRETS[6]
            ),
        );
    project
}

fn assert_no_genb_secret(what: &str, bytes: &[u8]) {
    assert_none_printed(what, bytes, GENB_SECRETS);
}

#[test]
fn no_output_format_prints_a_generation_b_secret() {
    let project = genb_secret_project();
    for args in [
        vec!["check", "--color", "never", "orders"],
        vec!["check", "--color", "always", "orders"],
        vec!["check", "--format", "json", "orders"],
        vec!["check", "--format", "sarif", "orders"],
        vec!["check", "--format", "github", "orders"],
        // FL408's fix rewrites the DuckDB path: the diff's context lines hold the secrets.
        vec!["check", "--diff", "--unsafe-fixes", "orders"],
    ] {
        let output = project.run(&args);
        assert_no_genb_secret(&args.join(" "), &output.stdout);
        assert_no_genb_secret(&args.join(" "), &output.stderr);
    }
    let diff = project.run(&["check", "--diff", "--unsafe-fixes", "orders"]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(
        text.contains("+      path: \"/tmp/floe/{product_slug}.duckdb\""),
        "{text}"
    );
    let (_, json) = project.check_json(&["orders"]);
    let credentials: Vec<(String, u64)> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "FL300")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(credentials.len(), GENB_SECRETS.len(), "{json:#}");
}

#[test]
fn the_language_server_masks_generation_b_secrets() {
    let project = genb_secret_project();
    let (mut client, _) = lsp_client::Client::start(
        project.path(),
        serde_json::json!({}),
        serde_json::Value::Null,
    );
    let text = std::fs::read_to_string(project.path().join("manifest.yaml")).expect("manifest");
    let manifest = client.open(&project.path().join("manifest.yaml"), &text);
    let diagnostics =
        client.diagnostics_for(&manifest, |list| list.iter().any(|d| d["code"] == "FL300"));
    client.shutdown();
    assert_no_genb_secret(
        "published diagnostics",
        serde_json::to_string(&diagnostics)
            .unwrap_or_default()
            .as_bytes(),
    );
}
