//! `platform.yaml` (Generation A): the platform engineer's per-environment file, root model
//! [`PlatformSpec`].
//!
//! It defines named storage, catalog and compute profiles that floe.yaml refers to by name, plus
//! the enterprise sections (infrastructure, security, governance) and medallion `layers`.

mod audit;
mod cloud;
mod encryption;
mod governance;
mod infrastructure;
mod layers;
mod network;
mod profiles;
mod resources;
mod secret_backends;
mod security;
#[cfg(test)]
mod tests;

pub use audit::*;
pub use cloud::*;
pub use encryption::*;
pub use governance::*;
pub use infrastructure::*;
pub use layers::*;
pub use network::*;
pub use profiles::*;
pub use resources::*;
pub use secret_backends::*;
pub use security::*;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::dialect::runtime::constants::{DEFAULT_REGION, SECRETS_MOUNT};

use super::common::{
    AWS_ACCOUNT_ID_PATTERN, AWS_IAM_ROLE_PATTERN, AWS_KMS_KEY_PATTERN, AWS_VPC_ID_PATTERN,
    CredentialConfig, DNS_DOMAIN_PATTERN, ObservabilityConfig, PROFILE_NAME_PATTERN,
    SEMVER_PATTERN, SecretReference, StringOrSecretRef, TLS_VERSION_PATTERN, default_int,
    default_profile_name, default_true, default_utc,
};

/// The schema version written when `version` is omitted.
pub const PLATFORM_SPEC_VERSION: &str = "1.2.0";

fn default_platform_version() -> String {
    PLATFORM_SPEC_VERSION.to_owned()
}

/// Platform configuration for one environment (`platform.yaml`): named storage, catalog and
/// compute profiles that floe.yaml refers to by name, plus observability, infrastructure,
/// security, governance and layers. An empty file is valid.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlatformSpec {
    /// Schema version as `MAJOR.MINOR.PATCH`, e.g. `"1.2.0"` (the default). Quote it: an
    /// unquoted `1.2` is a YAML number and is rejected. The version does not restrict which
    /// sections may be used.
    #[serde(default = "default_platform_version")]
    #[schemars(regex(pattern = SEMVER_PATTERN))]
    pub version: String,
    /// Storage profiles by name (e.g. `default`, `bronze`). Names start with a letter, then
    /// letters, digits, `_` or `-`. floe.yaml `storage:` selects one.
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": PROFILE_NAME_PATTERN }))]
    pub storage: BTreeMap<String, StorageProfile>,
    /// Iceberg catalog profiles by name. Note the plural key `catalogs` (floe.yaml uses the
    /// singular `catalog:` to select one). Names follow the profile-name rules.
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": PROFILE_NAME_PATTERN }))]
    pub catalogs: BTreeMap<String, CatalogProfile>,
    /// Compute (dbt adapter) profiles by name. floe.yaml `compute:` selects one. Names follow the
    /// profile-name rules.
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": PROFILE_NAME_PATTERN }))]
    pub compute: BTreeMap<String, ComputeProfile>,
    /// Observability endpoints and settings for the environment.
    #[serde(default)]
    pub observability: Option<ObservabilityConfig>,
    /// Network, cloud, lifecycle and resource settings (since 1.1.0).
    #[serde(default)]
    pub infrastructure: Option<InfrastructureConfig>,
    /// Authentication, authorization, secret backends, encryption and audit (since 1.1.0).
    #[serde(default)]
    pub security: Option<SecurityConfig>,
    /// Enterprise governance: classifications, retention, compliance, data quality (since
    /// 1.1.0). Different from floe.yaml's `governance` block.
    #[serde(default)]
    pub governance: Option<EnterpriseGovernanceConfig>,
    /// Data layers (e.g. bronze/silver/gold) binding a storage profile and a catalog namespace
    /// (since 1.2.0).
    #[serde(default)]
    pub layers: BTreeMap<String, LayerConfig>,
}
