//! No secret value is ever printed whole: every output format, and every rule's documentation,
//! is searched for the literal secrets of a fixture full of them.

mod common;

use common::{Project, floe_lint};

const SECRETS: &[&str] = &[
    "AKIAQ3EGUHS7EXAMPLE1",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
    "Sup3rS3cretPw",
    "not-a-reference-9f8e7d",
    "hunter2-but-longer",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmbG9lIn0.c2lnbmF0dXJlLWhlcmU",
    "dbt-s3cret-key-value",
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
        .write("dbt/dbt_project.yml", "name: demo\n")
        .write("dbt/profiles.yml", format!("default:\n  outputs:\n    dev:\n      type: duckdb\n      path: /tmp/f.duckdb\n      settings:\n        s3_secret_access_key: {}\n", SECRETS[6]));
    project
}

fn assert_no_secret(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} prints the secret {secret}:\n{text}"
        );
        // Nor a large piece of it.
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
        flagged >= 7,
        "the fixture's secrets were found ({flagged} FL300 mentions)"
    );
    let (_, json) = project.check_json(&[]);
    let credentials = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "FL300")
        .count();
    assert_eq!(credentials, 8, "{json:#}");
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
