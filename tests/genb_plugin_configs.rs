//! The runtime plugin-config models of Generation B manifests (`plugins.<category>.config`):
//! upstream's example configs get the runtime's verdict, and its custom validators their
//! wording.

mod genb_support;

use floe_lint::model::v1::plugin_config::{self, PluginConfigKind};
use genb_support::{plugin_config_errors, upstream, yaml};
use serde_json::{Value, json};

const DEMO: &str = "floe__demo__manifest.yaml";
const QUICKSTART: &str = "floe__packages__floe-core__tests__fixtures__quickstart__manifest.yaml";

fn manifest_with_plugins(plugins: Value) -> Value {
    json!({
        "apiVersion": "floe.dev/v1",
        "kind": "Manifest",
        "metadata": {"name": "acme", "version": "1.0.0", "owner": "team"},
        "plugins": plugins
    })
}

#[test]
fn upstream_plugin_configs_get_the_runtime_verdict() {
    // The demo's Polaris, S3 and Marquez (allow_insecure_http) configs are valid.
    let demo = yaml(&upstream(DEMO));
    let kinds: Vec<PluginConfigKind> = plugin_config::locate(&demo)
        .iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            PluginConfigKind::Polaris,
            PluginConfigKind::S3,
            PluginConfigKind::Marquez
        ]
    );
    assert_eq!(plugin_config_errors(&demo), Vec::<String>::new());
    // The quickstart's Polaris config lacks `warehouse` and `oauth2`: the runtime rejects it.
    let quickstart = yaml(&upstream(QUICKSTART));
    assert_eq!(
        plugin_config_errors(&quickstart),
        vec![
            "/plugins/catalog/config/oauth2: missing",
            "/plugins/catalog/config/warehouse: missing"
        ]
    );
}

#[test]
fn plugin_config_runtime_rules() {
    let manifest = manifest_with_plugins(json!({
        "lineage_backend": {"type": "marquez", "config": {"url": "http://marquez:5000/", "unknown": 1}},
        "semantic_layer": {"type": "cube", "config": {"api_secret": "s", "server_url": "cube:4000", "health_check_timeout": 0}},
        "ingestion": {"type": "dlt", "config": {"sources": [
            {"name": "a b", "source_type": "kafka", "destination_table": "t", "write_mode": "merge"},
            {"name": "a b", "source_type": "rest_api", "destination_table": "t"}
        ]}},
        "secrets": {"type": " infisical ", "config": {"client_id": "i", "client_secret": "s", "site_url": "http://vault"}},
        "identity": {"type": "keycloak", "config": {"server_url": "http://sso.example.com", "realm": "r", "client_id": "c", "client_secret": ""}},
        "catalog": {"type": "polaris", "config": {"uri": "polaris:8181", "warehouse": "w", "oauth2": {"client_id": "c", "client_secret": "s", "token_url": "https://t", "refresh_margin_seconds": 5}}}
    }));
    assert_eq!(
        plugin_config_errors(&manifest),
        vec![
            "/plugins/catalog/config/oauth2/refresh_margin_seconds: range",
            "/plugins/catalog/config/uri: pattern",
            "/plugins/lineage_backend/config: HTTP not allowed for 'marquez'. url must use HTTPS for non-localhost URLs. HTTP is only allowed for localhost development. Set allow_insecure_http=true in manifest config or FLOE_ALLOW_INSECURE_HTTP=true to override (not recommended).",
            "/plugins/semantic_layer/config/server_url: server_url must start with http:// or https://",
            "/plugins/semantic_layer/config/health_check_timeout: health_check_timeout must be positive",
            "/plugins/ingestion/config/sources/0/name: Source name 'a b' contains invalid characters. Only alphanumeric, underscore, and hyphen are allowed.",
            "/plugins/ingestion/config/sources/0/source_type: source_type must be one of ['filesystem', 'rest_api', 'sql_database'], got 'kafka'",
            "/plugins/ingestion/config/sources/0: primary_key is required when write_mode is 'merge'",
            "/plugins/ingestion/config/sources/1/name: Source name 'a b' contains invalid characters. Only alphanumeric, underscore, and hyphen are allowed.",
            "/plugins/ingestion/config/sources: Duplicate source names found: ['a b']",
            "/plugins/secrets/config/site_url: site_url must use HTTPS for security",
            "/plugins/identity/config/server_url: HTTP not allowed for 'sso.example.com'. server_url must use HTTPS for non-localhost URLs. HTTP is only allowed for localhost development.",
            "/plugins/identity/config/client_secret: client_secret cannot be empty",
        ]
    );
    // Marquez ignores unknown keys; localhost needs no override; k8s label limits.
    let fine = manifest_with_plugins(json!({
        "lineage_backend": {"type": "marquez", "config": {"url": "http://127.0.0.1:5000", "extra": true}},
        "secrets": {"type": "k8s", "config": {"labels": {"team": "x".repeat(64)}}}
    }));
    assert_eq!(
        plugin_config_errors(&fine),
        vec![format!(
            "/plugins/secrets/config/labels/team: Label value too long for key team: {}",
            "x".repeat(64)
        )]
    );
    // No config model: DuckDB, Dagster, dbt, telemetry.
    let none = manifest_with_plugins(
        json!({"compute": {"type": "duckdb", "config": {"x": 1}}, "telemetry_backend": {"type": "jaeger"}}),
    );
    assert!(plugin_config::locate(&none).is_empty());
}
