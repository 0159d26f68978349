//! Key names of Generation B's models (`model/v1/`), and the values of theirs that a check
//! branches on, written once. The serde `rename`s and field names of the models are the
//! definitions; tests/vocabulary.rs holds each key here to the generated schema
//! (`schemas/floe-v1.schema.json`, `schemas/manifest.schema.json`, the plugin configs' models) at
//! the place it is read. The `apiVersion`/`kind` declaration keys are in [`super::vocabulary`].

// ----- shared by several models -----
pub const NAME: &str = "name";
pub const TYPE: &str = "type";
pub const CONFIG: &str = "config";
pub const ENDPOINT: &str = "endpoint";
pub const ENABLED: &str = "enabled";
pub const MODE: &str = "mode";
pub const METADATA: &str = "metadata";

// ----- floe.yaml (FloeSpec) -----
pub const TRANSFORMS: &str = "transforms";
pub const DESTINATIONS: &str = "destinations";
/// `(alias, field name)`: upstream accepts either spelling (`populate_by_name`).
pub const OUTPUT_PORTS: (&str, &str) = ("outputPorts", "output_ports");
pub const DEPENDS_ON: (&str, &str) = ("dependsOn", "depends_on");
pub const QUALITY_CHECKS: (&str, &str) = ("qualityChecks", "quality_checks");

// ----- manifest.yaml (PlatformManifest): the root -----
pub const SCOPE: &str = "scope";
pub const PARENT_MANIFEST: &str = "parent_manifest";
pub const PLUGINS: &str = "plugins";
pub const GOVERNANCE: &str = "governance";
pub const APPROVED_PLUGINS: &str = "approved_plugins";
pub const APPROVED_SINKS: &str = "approved_sinks";
pub const APPROVED_PRODUCTS: &str = "approved_products";
pub const DEFAULTS: &str = "defaults";
pub const ARTIFACTS: &str = "artifacts";
pub const OBSERVABILITY: &str = "observability";
pub const RESOURCE_PRESETS: &str = "resource_presets";

/// `scope:` values.
pub const SCOPE_ENTERPRISE: &str = "enterprise";
pub const SCOPE_DOMAIN: &str = "domain";

/// `plugins.<category>`: each a `PluginSelection` (`type`, `config`, …), and `quality`.
pub mod plugin {
    pub const COMPUTE: &str = "compute";
    pub const ORCHESTRATOR: &str = "orchestrator";
    pub const CATALOG: &str = "catalog";
    pub const STORAGE: &str = "storage";
    pub const SEMANTIC_LAYER: &str = "semantic_layer";
    pub const INGESTION: &str = "ingestion";
    pub const SECRETS: &str = "secrets";
    pub const TELEMETRY_BACKEND: &str = "telemetry_backend";
    pub const LINEAGE_BACKEND: &str = "lineage_backend";
    pub const IDENTITY: &str = "identity";
    pub const DBT: &str = "dbt";
    /// The categories holding one `PluginSelection`, in the model's order.
    pub const SELECTIONS: [&str; 11] = [
        COMPUTE,
        ORCHESTRATOR,
        CATALOG,
        STORAGE,
        SEMANTIC_LAYER,
        INGESTION,
        SECRETS,
        TELEMETRY_BACKEND,
        LINEAGE_BACKEND,
        IDENTITY,
        DBT,
    ];
    /// `plugins.quality` (`QualityConfig`) and its `dimension_weights`.
    pub const QUALITY: &str = "quality";
    pub const DIMENSION_WEIGHTS: &str = "dimension_weights";
}

/// The plugin `type`s with a runtime config model, and the dbt plugin's default.
pub mod plugin_type {
    pub const POLARIS: &str = "polaris";
    pub const S3: &str = "s3";
    pub const MARQUEZ: &str = "marquez";
    pub const CUBE: &str = "cube";
    pub const DLT: &str = "dlt";
    pub const K8S: &str = "k8s";
    pub const INFISICAL: &str = "infisical";
    pub const KEYCLOAK: &str = "keycloak";
    pub const CORE: &str = "core";
}

/// `DimensionWeights` keys, with upstream's defaults in its summation order.
pub const DIMENSION_DEFAULTS: [(&str, f64); 5] = [
    ("completeness", 0.25),
    ("accuracy", 0.25),
    ("validity", 0.20),
    ("consistency", 0.15),
    ("timeliness", 0.15),
];

// ----- manifest: governance -----
pub const NAMING: &str = "naming";
pub const PATTERN: &str = "pattern";
pub const CUSTOM_PATTERNS: &str = "custom_patterns";
/// `naming.pattern: custom`, which requires `custom_patterns`.
pub const NAMING_CUSTOM: &str = "custom";
pub const POLICY_OVERRIDES: &str = "policy_overrides";
pub const POLICY_TYPES: &str = "policy_types";

// ----- manifest: observability (`tracing`, `lineage`, each with an `endpoint`) -----
pub const TRACING: &str = "tracing";
pub const LINEAGE: &str = "lineage";

// ----- manifest: artifacts -----
pub const REGISTRY: &str = "registry";
pub const AUTH: &str = "auth";
pub const CREDENTIALS_REF: &str = "credentials_ref";
pub const SIGNING: &str = "signing";
pub const OIDC_ISSUER: &str = "oidc_issuer";
pub const PRIVATE_KEY_REF: &str = "private_key_ref";
pub const VERIFICATION: &str = "verification";
pub const TRUSTED_ISSUERS: &str = "trusted_issuers";
pub const PUBLIC_KEY_REF: &str = "public_key_ref";
pub const SUBJECT: &str = "subject";
pub const SUBJECT_REGEX: &str = "subject_regex";
pub const PROMOTION: &str = "promotion";
pub const ENVIRONMENTS: &str = "environments";
pub const GATES: &str = "gates";
pub const GATE_COMMANDS: &str = "gate_commands";
pub const WEBHOOKS: &str = "webhooks";
pub const EVENTS: &str = "events";
pub const BLOCK_ON_SEVERITY: &str = "block_on_severity";
/// The promotion gate that cannot be disabled.
pub const POLICY_COMPLIANCE: &str = "policy_compliance";
/// `auth.type` values that need a `credentials_ref`.
pub const AUTH_BASIC: &str = "basic";
pub const AUTH_TOKEN: &str = "token";
/// `signing.mode` values.
pub const SIGNING_KEYLESS: &str = "keyless";
pub const SIGNING_KEY_BASED: &str = "key-based";

// ----- plugin configs (`plugins.<category>.config`, model/v1/plugin_config/) -----
pub const URL: &str = "url";
pub const ALLOW_INSECURE_HTTP: &str = "allow_insecure_http";
pub const SERVER_URL: &str = "server_url";
pub const HEALTH_CHECK_TIMEOUT: &str = "health_check_timeout";
pub const SOURCES: &str = "sources";
pub const SOURCE_TYPE: &str = "source_type";
pub const WRITE_MODE: &str = "write_mode";
pub const SCHEMA_CONTRACT: &str = "schema_contract";
pub const PRIMARY_KEY: &str = "primary_key";
pub const LABELS: &str = "labels";
pub const SITE_URL: &str = "site_url";
pub const CLIENT_SECRET: &str = "client_secret";
pub const CLIENT_ID: &str = "client_id";
pub const WAREHOUSE: &str = "warehouse";
pub const CREDENTIAL_VENDING_ENABLED: &str = "credential_vending_enabled";
pub const BUCKET: &str = "bucket";
pub const REGION: &str = "region";
pub const PATH_STYLE_ACCESS: &str = "path_style_access";
/// `write_mode: merge`, which requires a `primary_key`.
pub const WRITE_MODE_MERGE: &str = "merge";
