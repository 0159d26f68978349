//! Medallion layers (`layers.<name>`): a storage profile and a catalog namespace each.

use super::*;

/// A data layer (e.g. bronze, silver, gold): a storage profile plus a catalog namespace.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LayerConfig {
    /// Layer name, 1–100 characters (a letter, then letters, digits, `_` or `-`). Normally equal
    /// to the layer's key.
    #[schemars(regex(pattern = PROFILE_NAME_PATTERN), length(min = 1, max = 100))]
    pub name: String,
    /// Human-readable description, at most 500 characters. Default empty.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: String,
    /// Storage profile holding the layer's data; must be a key of `storage`.
    #[schemars(regex(pattern = PROFILE_NAME_PATTERN))]
    pub storage_ref: String,
    /// Catalog profile of the layer's tables; must be a key of `catalogs`. Default `"default"`.
    #[serde(default = "default_profile_name")]
    #[schemars(regex(pattern = PROFILE_NAME_PATTERN))]
    pub catalog_ref: String,
    /// Catalog namespace of the layer, 1–255 characters: letters, digits, `_` and single inner
    /// dots, e.g. `bronze` or `analytics.bronze`. Do not prefix the warehouse name.
    #[schemars(length(min = 1, max = 255))]
    pub namespace: String,
    /// Retention in days, 1–36500 (metadata only, not enforced).
    #[serde(default)]
    #[schemars(range(min = 1, max = 36500))]
    pub retention_days: Option<i64>,
    /// Extra layer properties such as owner or sensitivity. Values must be strings.
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
}
