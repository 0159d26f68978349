//! Generation B manifest.yaml (`kind: Manifest`): upstream's example manifests get upstream's
//! verdict, one-edit variants fail where and how upstream says.

mod genb_support;

use floe_lint::model::v1::semantic::{
    KNOWN_MANIFEST_KEYS, UpstreamSeverity, V1Check, check_detailed,
};
use floe_lint::model::v1::{self, V1Kind};
use genb_support::{all_errors, schema_errors, semantic_errors, upstream, yaml};
use serde_json::{Value, json};

const DEMO: &str = "floe__demo__manifest.yaml";
const QUICKSTART: &str = "floe__packages__floe-core__tests__fixtures__quickstart__manifest.yaml";

#[test]
fn upstream_manifests_are_schema_valid() {
    for name in [DEMO, QUICKSTART] {
        let document = yaml(&upstream(name));
        assert_eq!(v1::detect_kind(&document), Some(V1Kind::Manifest), "{name}");
        assert_eq!(
            all_errors(V1Kind::Manifest, &document),
            Vec::<String>::new(),
            "{name}"
        );
        assert!(
            check_detailed(V1Kind::Manifest, &document).is_empty(),
            "{name}"
        );
    }
}

#[test]
fn schema_keys_match_the_known_root_keys() {
    let schema: Value = serde_json::from_str(v1::embedded_schema(V1Kind::Manifest)).expect("json");
    let mut properties: Vec<&str> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(String::as_str)
        .collect();
    properties.sort_unstable();
    let mut known = KNOWN_MANIFEST_KEYS.to_vec();
    known.sort_unstable();
    assert_eq!(properties, known);
    assert!(
        schema.get("additionalProperties").is_none(),
        "the root allows unknown keys"
    );
}

fn minimal() -> Value {
    json!({
        "apiVersion": "floe.dev/v1",
        "kind": "Manifest",
        "metadata": {"name": "acme", "version": "1.0.0", "owner": "team"},
        "plugins": {}
    })
}

fn with(pointer_key: &str, value: Value) -> Value {
    let mut document = minimal();
    document[pointer_key] = value;
    document
}

#[test]
fn one_edit_schema_variants() {
    let cases: Vec<(Value, &str)> = vec![
        (with("kind", json!("FloeSpec")), "/kind: enum"),
        (
            with(
                "metadata",
                json!({"name": "acme-", "version": "1.0.0", "owner": "t"}),
            ),
            "/metadata/name: pattern",
        ),
        (
            with("metadata", json!({"name": "acme", "version": "1.0.0"})),
            "/metadata/owner: missing",
        ),
        (with("plugins", Value::Null), "/plugins: type"),
        (
            with("plugins", json!({"alerts": {"type": "x"}})),
            "/plugins/alerts: extra",
        ),
        (
            with("plugins", json!({"compute": {"type": ""}})),
            "/plugins/compute/type: range",
        ),
        (
            with(
                "plugins",
                json!({"compute": {"type": "duckdb", "version": "1"}}),
            ),
            "/plugins/compute/version: pattern",
        ),
        (
            with(
                "plugins",
                json!({"compute": {"type": "duckdb", "connection_secret_ref": "A"}}),
            ),
            "/plugins/compute/connection_secret_ref: pattern",
        ),
        (
            with(
                "plugins",
                json!({"quality": {"provider": "gx", "check_timeout_seconds": 0}}),
            ),
            "/plugins/quality/check_timeout_seconds: range",
        ),
        (with("scope", json!("global")), "/scope: enum"),
        (
            with("governance", json!({"policy_enforcement_level": "hard"})),
            "/governance/policy_enforcement_level: enum",
        ),
        (
            with(
                "governance",
                json!({"custom_rules": [{"type": "require_tags_for_prefix", "prefix": ""}]}),
            ),
            "/governance/custom_rules/0/required_tags: missing",
        ),
        (
            with(
                "governance",
                json!({"policies": [{"name": "p", "type": "max_transforms", "action": "deny", "message": "m"}]}),
            ),
            "/governance/policies/0/action: enum",
        ),
        (
            with("observability", json!({"logging": {"log_format": "json"}})),
            "/observability/logging/log_format: extra",
        ),
        (
            with("observability", json!({"logging": {"level": "CRITICAL"}})),
            "/observability/logging/level: enum",
        ),
        (
            with(
                "resource_presets",
                json!({"s": {"cpu_request": "1", "cpu_limit": "1", "memory_request": "1"}}),
            ),
            "/resource_presets/s/requests: missing",
        ),
        (
            with(
                "artifacts",
                json!({"registry": {"uri": "oci://h/x", "auth": {"type": "anonymous"}}}),
            ),
            "/artifacts/registry/uri: pattern",
        ),
        (
            with(
                "artifacts",
                json!({"registry": {"uri": "oci://harbor.io", "auth": {"type": "anonymous"}, "resilience": {"retry": {"max_attempts": 11}}}}),
            ),
            "/artifacts/registry/resilience/retry/max_attempts: range",
        ),
        (
            with(
                "artifacts",
                json!({"registry": {"uri": "oci://harbor.io", "auth": {"type": "anonymous"}}, "promotion": {"environments": [{"name": "Dev", "gates": {}}]}}),
            ),
            "/artifacts/promotion/environments/0/name: pattern",
        ),
    ];
    for (document, expected) in cases {
        let errors = schema_errors(V1Kind::Manifest, &document);
        assert!(
            errors.iter().any(|e| e == expected),
            "expected {expected:?}, got {errors:?}"
        );
    }
    // A flat preset with all four keys is valid (its other keys are dropped upstream).
    let flat = with(
        "resource_presets",
        json!({"s": {"cpu_request": "1", "cpu_limit": "1", "memory_request": "1", "memory_limit": "1", "gpu": "1"}}),
    );
    assert_eq!(schema_errors(V1Kind::Manifest, &flat), Vec::<String>::new());
}

#[test]
fn environment_keys_unknown_keys_and_aliases() {
    let mut document = minimal();
    document["prod"] = json!({});
    document["environments"] = json!([]);
    document["foo"] = json!(1);
    document["api_version"] = json!("floe.dev/v1");
    let findings = check_detailed(V1Kind::Manifest, &document);
    let summary: Vec<(&str, V1Check, UpstreamSeverity)> = findings
        .iter()
        .map(|f| (f.error.pointer.as_str(), f.check, f.severity))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "/api_version",
                V1Check::AliasConflict,
                UpstreamSeverity::Warning
            ),
            (
                "/prod",
                V1Check::EnvironmentFieldInManifest,
                UpstreamSeverity::Error
            ),
            (
                "/environments",
                V1Check::EnvironmentFieldInManifest,
                UpstreamSeverity::Error
            ),
            (
                "/foo",
                V1Check::UnknownManifestKey,
                UpstreamSeverity::Warning
            ),
        ]
    );
    let tail = "Manifests are environment-agnostic by design. Use FLOE_ENV environment variable at runtime to select environment. See quickstart.md for environment resolution patterns.";
    assert_eq!(
        findings[1].error.message,
        format!("Environment-specific fields are not allowed in manifests: [prod]. {tail}")
    );
    assert_eq!(
        findings[1].upstream_message.as_deref(),
        Some(format!("Environment-specific fields are not allowed in manifests: [environments, prod]. {tail}").as_str())
    );
    assert_eq!(
        findings[3].error.message,
        "Unknown fields in manifest will be ignored: ['foo']. This may indicate a newer manifest version or typos."
    );
    // Only upstream errors reach `check`; snake_case alone validates.
    assert_eq!(semantic_errors(V1Kind::Manifest, &document).len(), 2);
    let mut snake = minimal();
    let version = snake
        .as_object_mut()
        .and_then(|m| m.remove("apiVersion"))
        .expect("present");
    snake["api_version"] = version;
    assert_eq!(all_errors(V1Kind::Manifest, &snake), Vec::<String>::new());
    // Neither spelling: reported as the alias missing, as pydantic reports it.
    let mut neither = minimal();
    neither.as_object_mut().and_then(|m| m.remove("apiVersion"));
    assert_eq!(
        schema_errors(V1Kind::Manifest, &neither),
        vec!["/apiVersion: missing"]
    );
}

#[test]
fn scope_rules_reserved_names_and_plugin_types() {
    let mut document = with("scope", json!("domain"));
    document["approved_plugins"] = json!({"compute": ["duckdb"]});
    document["approved_sinks"] = json!(["pg"]);
    document["metadata"]["name"] = json!("floe");
    document["plugins"] = json!({"compute": {"type": "  "}});
    assert_eq!(
        semantic_errors(V1Kind::Manifest, &document),
        vec![
            "/scope: parent_manifest is required for scope='domain'. Domain manifests must inherit from an enterprise manifest.",
            "/approved_plugins: approved_plugins is only valid for scope='enterprise', not scope='domain'.",
            "/approved_sinks: approved_sinks is only valid for scope='enterprise', not scope='domain'.",
            "/metadata/name: Name 'floe' is reserved and cannot be used",
            "/plugins/compute/type: Plugin type cannot be empty or whitespace-only",
        ]
    );
    let mut two_tier = with("parent_manifest", json!("oci://x/y"));
    two_tier["approved_products"] = json!(["p"]);
    assert_eq!(
        semantic_errors(V1Kind::Manifest, &two_tier),
        vec![
            "/parent_manifest: parent_manifest must be None for scope=None. Only domain-scoped manifests can have a parent.",
            "/approved_products: approved_products is only valid for scope='domain', not scope=None.",
        ]
    );
}

#[test]
fn custom_validators_of_nested_models() {
    let mut document = minimal();
    document["plugins"] =
        json!({"quality": {"provider": "soda", "dimension_weights": {"completeness": 0.5}}});
    document["governance"] = json!({
        "naming": {"pattern": "custom"},
        "policy_overrides": [{"pattern": "*", "action": "exclude", "reason": "r", "policy_types": ["style", "naming", "abc"]}]
    });
    document["observability"] = json!({
        "tracing": {"endpoint": "http://localhost-proxy.example.com"},
        "lineage": {"endpoint": "grpc://collector:4317"}
    });
    document["artifacts"] = json!({
        "registry": {
            "uri": "oci://harbor.example.com/floe",
            "auth": {"type": "basic", "credentials_ref": null},
            "signing": {"mode": "keyless"},
            "verification": {"trusted_issuers": [{"issuer": "https://i", "subject": "s", "subject_regex": "r"}]}
        },
        "promotion": {
            "environments": [
                {"name": "dev", "gates": {"policy_compliance": false}},
                {"name": "dev", "gates": {"security_scan": {"command": "trivy", "block_on_severity": ["SEVERE"]}}}
            ],
            "webhooks": [{"url": "u", "events": ["deploy"]}]
        }
    });
    assert_eq!(
        semantic_errors(V1Kind::Manifest, &document),
        vec![
            "/plugins/quality/dimension_weights: Dimension weights must sum to 1.0, got 1.2499999999999998",
            "/governance/naming: custom_patterns is required when pattern='custom'. Provide a list of regex patterns for model name validation.",
            "/governance/policy_overrides/0/policy_types: Invalid policy_types: ['abc', 'style']. Valid values are: ['coverage', 'custom', 'data_contract', 'documentation', 'naming', 'network_policy', 'rbac', 'secret_scanning', 'semantic']",
            "/observability/tracing/endpoint: Endpoint cannot target private/internal networks",
            "/observability/lineage/endpoint: Endpoint must use http or https scheme",
            "/artifacts/registry/auth/credentials_ref: credentials_ref required for auth type 'AuthType.BASIC'",
            "/artifacts/registry/signing: oidc_issuer required for keyless mode",
            "/artifacts/registry/verification/trusted_issuers/0: subject and subject_regex are mutually exclusive",
            "/artifacts/promotion/environments: Environment names must be unique. Duplicates found: {'dev'}",
            "/artifacts/promotion/environments/0/gates: policy_compliance gate cannot be disabled - it is mandatory for all environments",
            "/artifacts/promotion/environments/1/gates/security_scan/block_on_severity: Invalid severity levels: {'SEVERE'}. Valid levels: ['CRITICAL', 'HIGH', 'LOW', 'MEDIUM', 'UNKNOWN']",
            "/artifacts/promotion/webhooks/0/events: Invalid event types: {'deploy'}. Valid types: ['lock', 'promote', 'rollback', 'unlock']",
        ]
    );
    // Omitting credentials_ref passes upstream (a gap mirrored here); in-cluster names pass.
    document["artifacts"]["registry"]["auth"] = json!({"type": "token"});
    document["observability"] = json!({"tracing": {"endpoint": "http://floe-platform-otel:4317"}});
    let errors = semantic_errors(V1Kind::Manifest, &document);
    assert!(
        !errors
            .iter()
            .any(|e| e.contains("credentials_ref") || e.contains("Endpoint")),
        "{errors:?}"
    );
}
