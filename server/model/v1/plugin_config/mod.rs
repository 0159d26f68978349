//! `plugins.<category>.config` of the plugins that have a runtime config model (spec §5).
//!
//! Compile never looks inside `config`: the runtime validates it when the plugin starts, so a
//! finding here means "the first run will fail", not "compile fails". An integration should
//! report these under their own rule, separately from the manifest's schema errors:
//!
//! ```text
//! for located in plugin_config::locate(&manifest) {
//!     // 1. validate located.value against plugin_config::schema(located.kind), prefixing
//!     //    every error's instance path with located.pointer;
//!     // 2. plugin_config::check(&manifest) gives the custom validators' findings (absolute
//!     //    pointers already).
//! }
//! ```

pub mod models;
mod rules;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::Value;

use crate::model::common::unwrap_description;
use crate::model::semantic::SemanticError;

pub use rules::check;

/// A plugin whose `config` has a runtime model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluginConfigKind {
    /// `catalog: polaris`.
    Polaris,
    /// `storage: s3`.
    S3,
    /// `lineage_backend: marquez`.
    Marquez,
    /// `semantic_layer: cube`.
    Cube,
    /// `ingestion: dlt`.
    Dlt,
    /// `secrets: k8s`.
    K8sSecrets,
    /// `secrets: infisical`.
    Infisical,
    /// `identity: keycloak`.
    Keycloak,
}

impl PluginConfigKind {
    /// Every kind.
    pub const ALL: [PluginConfigKind; 8] = [
        PluginConfigKind::Polaris,
        PluginConfigKind::S3,
        PluginConfigKind::Marquez,
        PluginConfigKind::Cube,
        PluginConfigKind::Dlt,
        PluginConfigKind::K8sSecrets,
        PluginConfigKind::Infisical,
        PluginConfigKind::Keycloak,
    ];

    /// The model for a plugin `type` in a `plugins` category (the type as upstream sees it:
    /// surrounding whitespace stripped). Other plugins (DuckDB, Dagster, dbt, console, jaeger)
    /// have no config model.
    pub fn for_plugin(category: &str, plugin_type: &str) -> Option<PluginConfigKind> {
        Some(match (category, plugin_type.trim()) {
            ("catalog", "polaris") => PluginConfigKind::Polaris,
            ("storage", "s3") => PluginConfigKind::S3,
            ("lineage_backend", "marquez") => PluginConfigKind::Marquez,
            ("semantic_layer", "cube") => PluginConfigKind::Cube,
            ("ingestion", "dlt") => PluginConfigKind::Dlt,
            ("secrets", "k8s") => PluginConfigKind::K8sSecrets,
            ("secrets", "infisical") => PluginConfigKind::Infisical,
            ("identity", "keycloak") => PluginConfigKind::Keycloak,
            _ => return None,
        })
    }

    /// The `plugins` category whose `type` selects the plugin.
    pub fn category(self) -> &'static str {
        match self {
            PluginConfigKind::Polaris => "catalog",
            PluginConfigKind::S3 => "storage",
            PluginConfigKind::Marquez => "lineage_backend",
            PluginConfigKind::Cube => "semantic_layer",
            PluginConfigKind::Dlt => "ingestion",
            PluginConfigKind::K8sSecrets | PluginConfigKind::Infisical => "secrets",
            PluginConfigKind::Keycloak => "identity",
        }
    }

    /// The upstream model's name.
    pub fn model_name(self) -> &'static str {
        match self {
            PluginConfigKind::Polaris => "PolarisCatalogConfig",
            PluginConfigKind::S3 => "S3StorageConfig",
            PluginConfigKind::Marquez => "MarquezConfig",
            PluginConfigKind::Cube => "CubeSemanticConfig",
            PluginConfigKind::Dlt => "DltIngestionConfig",
            PluginConfigKind::K8sSecrets => "K8sSecretsConfig",
            PluginConfigKind::Infisical => "InfisicalSecretsConfig",
            PluginConfigKind::Keycloak => "KeycloakIdentityConfig",
        }
    }
}

/// A `config` block with a runtime model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocatedConfig<'a> {
    pub kind: PluginConfigKind,
    /// JSON pointer of the `config` value, e.g. `/plugins/catalog/config`.
    pub pointer: &'static str,
    pub value: &'a Value,
}

const CATEGORIES: [(&str, &str); 6] = [
    ("catalog", "/plugins/catalog/config"),
    ("storage", "/plugins/storage/config"),
    ("lineage_backend", "/plugins/lineage_backend/config"),
    ("semantic_layer", "/plugins/semantic_layer/config"),
    ("ingestion", "/plugins/ingestion/config"),
    ("secrets", "/plugins/secrets/config"),
];
const IDENTITY: (&str, &str) = ("identity", "/plugins/identity/config");

/// The JSON pointer of the `config` block of `kind`'s category (`/plugins/catalog/config`).
pub fn pointer_of(kind: PluginConfigKind) -> &'static str {
    CATEGORIES
        .iter()
        .chain(std::iter::once(&IDENTITY))
        .find(|(category, _)| *category == kind.category())
        .map_or("", |(_, pointer)| pointer)
}

/// The plugin `config` blocks of a manifest that the runtime validates. A selection without
/// `config` (or `config: null`) is located with an empty mapping: the runtime then validates
/// `{}`, so the model's required keys are reported (e.g. Polaris's `uri`).
pub fn locate(manifest: &Value) -> Vec<LocatedConfig<'_>> {
    static EMPTY: std::sync::LazyLock<Value> =
        std::sync::LazyLock::new(|| Value::Object(serde_json::Map::new()));
    let Some(plugins) = manifest.get("plugins").and_then(Value::as_object) else {
        return Vec::new();
    };
    CATEGORIES
        .iter()
        .chain(std::iter::once(&IDENTITY))
        .filter_map(|(category, pointer)| {
            let selection = plugins.get(*category)?.as_object()?;
            let plugin_type = selection.get("type")?.as_str()?;
            let kind = PluginConfigKind::for_plugin(category, plugin_type)?;
            let value = match selection.get("config") {
                None | Some(Value::Null) => &*EMPTY,
                Some(value) => value,
            };
            Some(LocatedConfig {
                kind,
                pointer,
                value,
            })
        })
        .collect()
}

/// The JSON Schema (draft 2020-12) of one plugin config model.
pub fn schema(kind: PluginConfigKind) -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(unwrap_description))
        .into_generator();
    let root = match kind {
        PluginConfigKind::Polaris => {
            generator.into_root_schema_for::<models::PolarisCatalogConfig>()
        }
        PluginConfigKind::S3 => generator.into_root_schema_for::<models::S3StorageConfig>(),
        PluginConfigKind::Marquez => generator.into_root_schema_for::<models::MarquezConfig>(),
        PluginConfigKind::Cube => generator.into_root_schema_for::<models::CubeSemanticConfig>(),
        PluginConfigKind::Dlt => generator.into_root_schema_for::<models::DltIngestionConfig>(),
        PluginConfigKind::K8sSecrets => {
            generator.into_root_schema_for::<models::K8sSecretsConfig>()
        }
        PluginConfigKind::Infisical => {
            generator.into_root_schema_for::<models::InfisicalSecretsConfig>()
        }
        PluginConfigKind::Keycloak => {
            generator.into_root_schema_for::<models::KeycloakIdentityConfig>()
        }
    };
    root.to_value()
}

/// Keeps a finding's type for callers that only want [`SemanticError`]s.
pub(crate) fn error(pointer: String, message: String) -> SemanticError {
    SemanticError {
        pointer,
        at_key: false,
        message,
    }
}
