//! `platform.yaml` (Generation A): the platform engineer's per-environment file, root model
//! [`PlatformSpec`].
//!
//! It defines named storage, catalog and compute profiles that floe.yaml refers to by name, plus
//! the enterprise sections (infrastructure, security, governance) and medallion `layers`.

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

// ---------------------------------------------------------------------------------------------
// storage / catalogs / compute profiles
// ---------------------------------------------------------------------------------------------

/// Object-storage backend: `s3`, `gcs`, `azure` or `local`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StorageType {
    S3,
    Gcs,
    Azure,
    Local,
}

fn default_storage_type() -> StorageType {
    StorageType::S3
}

fn default_storage_endpoint() -> StringOrSecretRef {
    StringOrSecretRef::Literal(String::new())
}

fn default_region() -> String {
    DEFAULT_REGION.to_owned()
}

/// An object-storage profile (S3 or S3-compatible such as MinIO and LocalStack).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StorageProfile {
    /// Storage backend: `s3` (default), `gcs`, `azure` or `local`.
    #[serde(default = "default_storage_type")]
    pub r#type: StorageType,
    /// S3 endpoint URL, inline or as `{secret_ref: …}`. Empty (the default) means AWS S3; set it
    /// for MinIO or LocalStack. Not URL-validated.
    #[serde(default = "default_storage_endpoint")]
    pub endpoint: StringOrSecretRef,
    /// Region of the bucket. Default `"us-east-1"`.
    #[serde(default = "default_region")]
    pub region: String,
    /// Bucket name, 3–63 characters.
    #[schemars(length(min = 3, max = 63))]
    pub bucket: String,
    /// Use path-style S3 URLs. Default `false`; set `true` for MinIO and LocalStack.
    #[serde(default)]
    pub path_style_access: bool,
    /// How the storage credentials are obtained. Default `{mode: static}`.
    #[serde(default)]
    pub credentials: CredentialConfig,
}

/// Iceberg catalog implementation: `polaris`, `glue`, `nessie`, `rest` or `hive`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CatalogType {
    Polaris,
    Glue,
    Nessie,
    Rest,
    Hive,
}

fn default_catalog_type() -> CatalogType {
    CatalogType::Polaris
}

/// Storage credential delegation by the catalog: `vended-credentials`, `remote-signing` or
/// `none` (with hyphens; `vended_credentials` is rejected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AccessDelegation {
    VendedCredentials,
    RemoteSigning,
    None,
}

fn default_access_delegation() -> AccessDelegation {
    AccessDelegation::None
}

/// An Iceberg catalog profile.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogProfile {
    /// Catalog implementation: `polaris` (default), `glue`, `nessie`, `rest` or `hive`.
    #[serde(default = "default_catalog_type")]
    pub r#type: CatalogType,
    /// Catalog endpoint URI, inline or as `{secret_ref: …}`, e.g.
    /// `http://polaris:8181/api/catalog`. Not URL-validated.
    pub uri: StringOrSecretRef,
    /// Warehouse (catalog) name, 1–255 characters.
    #[schemars(length(min = 1, max = 255))]
    pub warehouse: String,
    /// Default namespace, 1–255 characters. Default `"default"`.
    #[serde(default = "default_profile_name")]
    #[schemars(length(min = 1, max = 255))]
    pub namespace: String,
    /// How the catalog credentials are obtained. Default `{mode: static}`.
    #[serde(default)]
    pub credentials: CredentialConfig,
    /// Storage credential delegation: `vended-credentials`, `remote-signing` or `none`
    /// (default). Values use hyphens. Use `none` with LocalStack or MinIO.
    #[serde(default = "default_access_delegation")]
    pub access_delegation: AccessDelegation,
    /// Refresh OAuth2 tokens automatically. Default `true`.
    #[serde(default = "default_true")]
    pub token_refresh_enabled: bool,
    /// Extra catalog properties. Values must be strings: quote `true` or numbers.
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
}

/// dbt compute target: `duckdb`, `snowflake`, `bigquery`, `redshift`, `databricks`, `postgres`
/// or `spark`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComputeTarget {
    Duckdb,
    Snowflake,
    Bigquery,
    Redshift,
    Databricks,
    Postgres,
    Spark,
}

fn default_compute_target() -> ComputeTarget {
    ComputeTarget::Duckdb
}

/// A compute (dbt adapter) profile.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComputeProfile {
    /// Compute target: `duckdb` (default), `snowflake`, `bigquery`, `redshift`, `databricks`,
    /// `postgres` or `spark`.
    #[serde(default = "default_compute_target")]
    pub r#type: ComputeTarget,
    /// Target-specific connection properties, not validated (e.g. DuckDB `path`, `threads`,
    /// `memory_limit`; Snowflake `account`, `warehouse`).
    #[serde(default)]
    pub properties: Map<String, Value>,
    /// How the compute credentials are obtained. Default `{mode: static}`.
    #[serde(default)]
    pub credentials: CredentialConfig,
}

// ---------------------------------------------------------------------------------------------
// layers
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// infrastructure
// ---------------------------------------------------------------------------------------------

/// Infrastructure settings: time zone, network, cloud provider, lifecycle and resource profiles.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct InfrastructureConfig {
    /// IANA time zone for all pods, e.g. `Australia/Sydney`. Default `"UTC"`. Not validated.
    #[serde(default = "default_utc")]
    pub timezone: String,
    /// DNS, network policies, ingress and local access.
    #[serde(default)]
    pub network: NetworkConfig,
    /// Cloud provider settings (AWS, LocalStack).
    #[serde(default)]
    pub cloud: CloudConfig,
    /// Automatic cleanup of finished jobs and namespace resource quotas.
    #[serde(default)]
    pub lifecycle: Option<LifecycleConfig>,
    /// Named CPU/memory profiles (e.g. `platform`, `storage`, `transform`).
    #[serde(default)]
    pub resource_profiles: Option<BTreeMap<String, ResourceProfile>>,
}

/// Network settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkConfig {
    /// Apply the network configuration. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// DNS and service discovery.
    #[serde(default)]
    pub dns: DnsConfig,
    /// Kubernetes network policies.
    #[serde(default)]
    pub network_policies: NetworkPoliciesConfig,
    /// Ingress controller and routes.
    #[serde(default)]
    pub ingress: IngressConfig,
    /// External access for local development clusters.
    #[serde(default)]
    pub local_access: LocalAccessConfig,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            dns: DnsConfig::default(),
            network_policies: NetworkPoliciesConfig::default(),
            ingress: IngressConfig::default(),
            local_access: LocalAccessConfig::default(),
        }
    }
}

/// DNS strategy: `kubernetes`, `consul` or `route53`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DnsStrategy {
    Kubernetes,
    Consul,
    Route53,
}

fn default_dns_strategy() -> DnsStrategy {
    DnsStrategy::Kubernetes
}

/// DNS and service-discovery settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DnsConfig {
    /// Internal cluster domain, e.g. `floe.internal`.
    #[serde(default)]
    #[schemars(regex(pattern = DNS_DOMAIN_PATTERN))]
    pub internal_domain: Option<String>,
    /// Public domain, e.g. `data.company.com`.
    #[serde(default)]
    #[schemars(regex(pattern = DNS_DOMAIN_PATTERN))]
    pub external_domain: Option<String>,
    /// Resolution strategy: `kubernetes` (default), `consul` or `route53`.
    #[serde(default = "default_dns_strategy")]
    pub strategy: DnsStrategy,
}

impl Default for DnsConfig {
    fn default() -> Self {
        Self {
            internal_domain: None,
            external_domain: None,
            strategy: default_dns_strategy(),
        }
    }
}

/// Default network-policy rule: `deny-all` or `allow-all` (with hyphens).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkPolicyRule {
    DenyAll,
    AllowAll,
}

fn default_network_policy_rule() -> NetworkPolicyRule {
    NetworkPolicyRule::AllowAll
}

/// Network-policy settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkPoliciesConfig {
    /// Enforce network policies. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Rule for traffic not covered by a zone: `allow-all` (default) or `deny-all`.
    #[serde(default = "default_network_policy_rule")]
    pub default_rule: NetworkPolicyRule,
    /// Network zones by name with their allowed traffic.
    #[serde(default)]
    pub zones: BTreeMap<String, NetworkZone>,
}

impl Default for NetworkPoliciesConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            default_rule: default_network_policy_rule(),
            zones: BTreeMap::new(),
        }
    }
}

/// A network zone.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkZone {
    /// Zone description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: String,
    /// Zones or endpoints this zone may reach.
    #[serde(default)]
    pub allowed_egress: Vec<String>,
    /// Zones or endpoints that may reach this zone.
    #[serde(default)]
    pub allowed_ingress: Vec<String>,
}

/// Ingress controller class: `nginx`, `traefik`, `alb` or `gce`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IngressClass {
    Nginx,
    Traefik,
    Alb,
    Gce,
}

fn default_ingress_class() -> IngressClass {
    IngressClass::Nginx
}

/// Ingress settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IngressConfig {
    /// Deploy an ingress. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Ingress controller: `nginx` (default), `traefik`, `alb` or `gce`.
    #[serde(default = "default_ingress_class")]
    pub ingress_class: IngressClass,
    /// TLS termination settings.
    #[serde(default)]
    pub tls: TlsConfig,
    /// Routes by name.
    #[serde(default)]
    pub routes: BTreeMap<String, IngressRoute>,
}

impl Default for IngressConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            ingress_class: default_ingress_class(),
            tls: TlsConfig::default(),
            routes: BTreeMap::new(),
        }
    }
}

/// TLS certificate provider: `cert-manager`, `acm` or `manual`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TlsProvider {
    CertManager,
    Acm,
    Manual,
}

fn default_tls_provider() -> TlsProvider {
    TlsProvider::CertManager
}

fn default_tls_version() -> String {
    "1.2".to_owned()
}

/// TLS settings of the ingress.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TlsConfig {
    /// Terminate TLS at the ingress. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Certificate provider: `cert-manager` (default), `acm` or `manual`.
    #[serde(default = "default_tls_provider")]
    pub provider: TlsProvider,
    /// cert-manager issuer name (with `provider: cert-manager`).
    #[serde(default)]
    pub issuer: Option<String>,
    /// Minimum TLS version, `"1.0"` to `"1.3"`, quoted. Default `"1.2"`.
    #[serde(default = "default_tls_version")]
    #[schemars(regex(pattern = TLS_VERSION_PATTERN))]
    pub min_version: String,
}

impl Default for TlsConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            provider: default_tls_provider(),
            issuer: None,
            min_version: default_tls_version(),
        }
    }
}

/// An ingress route to a service.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IngressRoute {
    /// External host name, e.g. `dagster.data.company.com`.
    #[schemars(regex(pattern = DNS_DOMAIN_PATTERN))]
    pub host: String,
    /// Kubernetes service name (not empty).
    #[schemars(length(min = 1))]
    pub service: String,
    /// Service port, 1–65535.
    #[schemars(range(min = 1, max = 65535))]
    pub port: i64,
    /// Authentication in front of the route, e.g. `oauth2-proxy`.
    #[serde(default)]
    pub auth: Option<String>,
}

/// Local access type: `nodeport`, `port-forward` or `loadbalancer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LocalAccessType {
    Nodeport,
    PortForward,
    Loadbalancer,
}

fn default_local_access_type() -> LocalAccessType {
    LocalAccessType::Nodeport
}

/// External access for local development clusters.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalAccessConfig {
    /// Configure local access. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// How services are exposed: `nodeport` (default), `port-forward` or `loadbalancer`.
    #[serde(default = "default_local_access_type")]
    pub access_type: LocalAccessType,
    /// Node ports of the platform services.
    #[serde(default)]
    pub ports: LocalAccessPorts,
}

impl Default for LocalAccessConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            access_type: default_local_access_type(),
            ports: LocalAccessPorts::default(),
        }
    }
}

/// Node ports of the platform services; each must be in the Kubernetes NodePort range
/// 30000–32767.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalAccessPorts {
    /// Dagster UI node port, 30000–32767. Default 30000.
    #[serde(default = "default_int::<30000>")]
    #[schemars(range(min = 30000, max = 32767))]
    pub dagster: i64,
    /// Polaris API node port, 30000–32767. Default 30181.
    #[serde(default = "default_int::<30181>")]
    #[schemars(range(min = 30000, max = 32767))]
    pub polaris: i64,
    /// MinIO console node port, 30000–32767. Default 30901.
    #[serde(default = "default_int::<30901>")]
    #[schemars(range(min = 30000, max = 32767))]
    pub minio_console: i64,
    /// Jaeger UI node port, 30000–32767. Default 30686.
    #[serde(default = "default_int::<30686>")]
    #[schemars(range(min = 30000, max = 32767))]
    pub jaeger: i64,
    /// Marquez web UI node port, 30000–32767. Default 30301.
    #[serde(default = "default_int::<30301>")]
    #[schemars(range(min = 30000, max = 32767))]
    pub marquez_web: i64,
    /// Marquez API node port, 30000–32767. Default 30500.
    #[serde(default = "default_int::<30500>")]
    #[schemars(range(min = 30000, max = 32767))]
    pub marquez_api: i64,
    /// LocalStack node port, 30000–32767. Default 30566.
    #[serde(default = "default_int::<30566>")]
    #[schemars(range(min = 30000, max = 32767))]
    pub localstack: i64,
}

impl Default for LocalAccessPorts {
    fn default() -> Self {
        Self {
            dagster: 30000,
            polaris: 30181,
            minio_console: 30901,
            jaeger: 30686,
            marquez_web: 30301,
            marquez_api: 30500,
            localstack: 30566,
        }
    }
}

/// Cloud provider: `aws`, `gcp`, `azure` or `local`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CloudProvider {
    Aws,
    Gcp,
    Azure,
    Local,
}

fn default_cloud_provider() -> CloudProvider {
    CloudProvider::Local
}

/// Cloud provider settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloudConfig {
    /// Provider: `aws`, `gcp`, `azure` or `local` (default). `aws` requires `region`.
    #[serde(default = "default_cloud_provider")]
    pub provider: CloudProvider,
    /// Cloud region, e.g. `us-east-1`; required when `provider` is `aws`.
    #[serde(default)]
    pub region: Option<String>,
    /// AWS-specific settings (account id, VPC, IAM, KMS, CloudWatch). `account_id` goes here,
    /// not directly under `cloud`.
    #[serde(default)]
    pub aws: AwsConfig,
    /// LocalStack emulation for local development.
    #[serde(default)]
    pub localstack: LocalStackConfig,
}

impl Default for CloudConfig {
    fn default() -> Self {
        Self {
            provider: default_cloud_provider(),
            region: None,
            aws: AwsConfig::default(),
            localstack: LocalStackConfig::default(),
        }
    }
}

/// AWS-specific settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsConfig {
    /// AWS account id, exactly 12 digits (quote it).
    #[serde(default)]
    #[schemars(regex(pattern = AWS_ACCOUNT_ID_PATTERN))]
    pub account_id: Option<String>,
    /// Existing VPC to use (referenced, not created).
    #[serde(default)]
    pub vpc: AwsVpcConfig,
    /// IAM roles for service accounts (IRSA).
    #[serde(default)]
    pub iam: AwsIamConfig,
    /// KMS key used for encryption.
    #[serde(default)]
    pub kms: AwsKmsConfig,
    /// CloudWatch integration.
    #[serde(default)]
    pub cloudwatch: AwsCloudWatchConfig,
}

/// AWS VPC reference.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsVpcConfig {
    /// VPC id, e.g. `vpc-0abc123`.
    #[serde(default)]
    #[schemars(regex(pattern = AWS_VPC_ID_PATTERN))]
    pub id: Option<String>,
    /// Subnet ids by group, e.g. `private: [subnet-1a, subnet-1b]`.
    #[serde(default)]
    pub subnets: BTreeMap<String, Vec<String>>,
}

/// AWS IAM settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsIamConfig {
    /// IAM role per Kubernetes service account, by service-account name.
    #[serde(default)]
    pub service_accounts: BTreeMap<String, AwsServiceAccountConfig>,
}

/// IAM role bound to a Kubernetes service account.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsServiceAccountConfig {
    /// IAM role ARN, e.g. `arn:aws:iam::123456789012:role/DagsterRole`.
    #[schemars(regex(pattern = AWS_IAM_ROLE_PATTERN))]
    pub role_arn: String,
}

/// AWS KMS settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsKmsConfig {
    /// KMS key ARN, e.g. `arn:aws:kms:us-east-1:123456789012:key/abcd-1234`.
    #[serde(default)]
    #[schemars(regex(pattern = AWS_KMS_KEY_PATTERN))]
    pub key_arn: Option<String>,
}

/// AWS CloudWatch settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsCloudWatchConfig {
    /// Send logs and metrics to CloudWatch. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// CloudWatch log group, e.g. `/floe/runtime`.
    #[serde(default)]
    pub log_group: Option<String>,
    /// CloudWatch metrics namespace, e.g. `Floe/Runtime`.
    #[serde(default)]
    pub metrics_namespace: Option<String>,
}

fn default_localstack_services() -> Vec<String> {
    vec!["s3".to_owned(), "sts".to_owned()]
}

/// LocalStack (local AWS emulation) settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalStackConfig {
    /// Use LocalStack. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// LocalStack endpoint URL, e.g. `http://localstack:4566`.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// AWS services to emulate. Default `[s3, sts]`.
    #[serde(default = "default_localstack_services")]
    pub services: Vec<String>,
}

impl Default for LocalStackConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            endpoint: None,
            services: default_localstack_services(),
        }
    }
}

/// Lifecycle management of ephemeral resources.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct LifecycleConfig {
    /// Automatic cleanup of finished jobs.
    #[serde(default)]
    pub cleanup: CleanupConfig,
    /// Namespace resource quotas.
    #[serde(default)]
    pub resource_quotas: ResourceQuotasConfig,
}

/// Cleanup settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CleanupConfig {
    /// Delete finished resources automatically. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Cleanup of Kubernetes jobs.
    #[serde(default)]
    pub jobs: JobCleanupConfig,
}

impl Default for CleanupConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            jobs: JobCleanupConfig::default(),
        }
    }
}

fn default_history_limits() -> BTreeMap<String, i64> {
    BTreeMap::from([("successful".to_owned(), 3), ("failed".to_owned(), 5)])
}

/// Cleanup of finished Kubernetes jobs.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JobCleanupConfig {
    /// Seconds after completion before a job is deleted, at least 0. Default 300.
    #[serde(default = "default_int::<300>")]
    #[schemars(range(min = 0))]
    pub ttl_seconds: i64,
    /// How many finished jobs to keep, by outcome. Default `{successful: 3, failed: 5}`.
    #[serde(default = "default_history_limits")]
    pub history_limits: BTreeMap<String, i64>,
}

impl Default for JobCleanupConfig {
    fn default() -> Self {
        Self {
            ttl_seconds: 300,
            history_limits: default_history_limits(),
        }
    }
}

/// Namespace resource-quota settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceQuotasConfig {
    /// Apply resource quotas. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Namespace-wide limits.
    #[serde(default)]
    pub namespace_limits: ResourceQuotaLimits,
}

impl Default for ResourceQuotasConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            namespace_limits: ResourceQuotaLimits::default(),
        }
    }
}

fn default_requests_cpu() -> String {
    "8".to_owned()
}

fn default_requests_memory() -> String {
    "8Gi".to_owned()
}

fn default_limits_cpu() -> String {
    "12".to_owned()
}

fn default_limits_memory() -> String {
    "20Gi".to_owned()
}

/// Namespace-wide resource limits. CPU and memory values are Kubernetes quantities written as
/// strings (quote plain numbers such as `"8"`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceQuotaLimits {
    /// Maximum number of pods, at least 1. Default 50.
    #[serde(default = "default_int::<50>")]
    #[schemars(range(min = 1))]
    pub pods: i64,
    /// Total CPU requests. Default `"8"`.
    #[serde(default = "default_requests_cpu")]
    pub requests_cpu: String,
    /// Total memory requests. Default `"8Gi"`.
    #[serde(default = "default_requests_memory")]
    pub requests_memory: String,
    /// Total CPU limits. Default `"12"`.
    #[serde(default = "default_limits_cpu")]
    pub limits_cpu: String,
    /// Total memory limits. Default `"20Gi"`.
    #[serde(default = "default_limits_memory")]
    pub limits_memory: String,
}

impl Default for ResourceQuotaLimits {
    fn default() -> Self {
        Self {
            pods: 50,
            requests_cpu: default_requests_cpu(),
            requests_memory: default_requests_memory(),
            limits_cpu: default_limits_cpu(),
            limits_memory: default_limits_memory(),
        }
    }
}

/// CPU/memory requests and limits for a class of services, plus environment variables.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceProfile {
    /// Guaranteed resources.
    pub requests: ResourceRequests,
    /// Maximum resources.
    pub limits: ResourceLimits,
    /// Environment variables for the pods, e.g. `DUCKDB_MEMORY_LIMIT: "8GB"`. Values must be
    /// strings: quote numbers (`DUCKDB_THREADS: "4"`).
    #[serde(default)]
    pub env: BTreeMap<String, String>,
}

/// Kubernetes resource requests.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceRequests {
    /// CPU request as a string, e.g. `"100m"` or `"1"` (an unquoted `1` is rejected).
    pub cpu: String,
    /// Memory request, e.g. `"256Mi"`.
    pub memory: String,
}

/// Kubernetes resource limits.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceLimits {
    /// CPU limit as a string, e.g. `"500m"` or `"2"` (an unquoted `2` is rejected).
    pub cpu: String,
    /// Memory limit, e.g. `"512Mi"`.
    pub memory: String,
}

// ---------------------------------------------------------------------------------------------
// security
// ---------------------------------------------------------------------------------------------

/// Security settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct SecurityConfig {
    /// User authentication.
    #[serde(default)]
    pub authentication: AuthenticationConfig,
    /// Role-based or attribute-based authorization.
    #[serde(default)]
    pub authorization: AuthorizationConfig,
    /// Where secrets are stored.
    #[serde(default)]
    pub secret_backends: SecretBackendsConfig,
    /// Encryption in transit and at rest.
    #[serde(default)]
    pub encryption: EncryptionConfig,
    /// Security audit logging.
    #[serde(default)]
    pub audit: AuditConfig,
}

/// Authentication method: `oidc`, `oauth2`, `saml` or `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    Oidc,
    Oauth2,
    Saml,
    Static,
}

fn default_auth_method() -> AuthMethod {
    AuthMethod::Static
}

/// Authentication settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthenticationConfig {
    /// Require authentication. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Method: `oidc`, `oauth2`, `saml` or `static` (default). An enabled `oidc` method needs an
    /// `oidc` block.
    #[serde(default = "default_auth_method")]
    pub method: AuthMethod,
    /// OpenID Connect provider settings (for `method: oidc`).
    #[serde(default)]
    pub oidc: Option<OidcConfig>,
    /// Session settings.
    #[serde(default)]
    pub session: SessionConfig,
}

impl Default for AuthenticationConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            method: default_auth_method(),
            oidc: None,
            session: SessionConfig::default(),
        }
    }
}

fn default_oidc_scopes() -> Vec<String> {
    vec![
        "openid".to_owned(),
        "profile".to_owned(),
        "email".to_owned(),
    ]
}

/// OpenID Connect settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct OidcConfig {
    /// Issuer URL of the OIDC provider, e.g. `https://auth.company.com`.
    pub provider_url: String,
    /// OAuth2 client id (not empty).
    #[schemars(length(min = 1))]
    pub client_id: String,
    /// OAuth2 client secret, as a `{secret_ref: …}` mapping only.
    #[serde(default)]
    pub client_secret: Option<SecretReference>,
    /// Scopes to request. Default `[openid, profile, email]`.
    #[serde(default = "default_oidc_scopes")]
    pub scopes: Vec<String>,
    /// Which token claims carry the user's email, groups and user name.
    #[serde(default)]
    pub claims_mapping: OidcClaimsMapping,
}

fn default_claim_email() -> String {
    "email".to_owned()
}

fn default_claim_groups() -> String {
    "groups".to_owned()
}

fn default_claim_username() -> String {
    "preferred_username".to_owned()
}

/// Mapping of OIDC claims to user attributes.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OidcClaimsMapping {
    /// Claim holding the email address. Default `"email"`.
    #[serde(default = "default_claim_email")]
    pub email: String,
    /// Claim holding the groups. Default `"groups"`.
    #[serde(default = "default_claim_groups")]
    pub groups: String,
    /// Claim holding the user name. Default `"preferred_username"`.
    #[serde(default = "default_claim_username")]
    pub username: String,
}

impl Default for OidcClaimsMapping {
    fn default() -> Self {
        Self {
            email: default_claim_email(),
            groups: default_claim_groups(),
            username: default_claim_username(),
        }
    }
}

/// Cookie SameSite policy: `Strict`, `Lax` or `None` (capitalised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SameSitePolicy {
    Strict,
    Lax,
    None,
}

fn default_same_site() -> SameSitePolicy {
    SameSitePolicy::Lax
}

/// Session settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionConfig {
    /// Session lifetime in minutes, 1–10080 (one week). Default 480.
    #[serde(default = "default_int::<480>")]
    #[schemars(range(min = 1, max = 10080))]
    pub timeout_minutes: i64,
    /// Maximum concurrent sessions per user, 1–100. Default 5.
    #[serde(default = "default_int::<5>")]
    #[schemars(range(min = 1, max = 100))]
    pub max_sessions_per_user: i64,
    /// Require HTTPS-only cookies. Default `true`.
    #[serde(default = "default_true")]
    pub secure_cookies: bool,
    /// Cookie SameSite policy: `Strict`, `Lax` (default) or `None`, capitalised.
    #[serde(default = "default_same_site")]
    pub same_site: SameSitePolicy,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            timeout_minutes: 480,
            max_sessions_per_user: 5,
            secure_cookies: true,
            same_site: default_same_site(),
        }
    }
}

/// Authorization mode: `rbac` or `abac`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthorizationMode {
    Rbac,
    Abac,
}

fn default_authorization_mode() -> AuthorizationMode {
    AuthorizationMode::Rbac
}

/// Authorization settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorizationConfig {
    /// Enforce authorization. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Mode: `rbac` (default) or `abac`. Roles go under `roles`, not under an `rbac` key.
    #[serde(default = "default_authorization_mode")]
    pub mode: AuthorizationMode,
    /// Role definitions by name.
    #[serde(default)]
    pub roles: BTreeMap<String, RoleDefinition>,
    /// Identity-provider group → role name.
    #[serde(default)]
    pub group_mappings: BTreeMap<String, String>,
}

impl Default for AuthorizationConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            mode: default_authorization_mode(),
            roles: BTreeMap::new(),
            group_mappings: BTreeMap::new(),
        }
    }
}

/// An authorization role.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleDefinition {
    /// Role description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: String,
    /// Permissions as `resource:action` strings, e.g. `catalogs:read,write`.
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// Secret backend: `kubernetes`, `vault` or `aws_secrets_manager` (`external_secrets` is not
/// supported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SecretBackendType {
    Kubernetes,
    Vault,
    AwsSecretsManager,
}

fn default_secret_backend() -> SecretBackendType {
    SecretBackendType::Kubernetes
}

/// Secret backends.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretBackendsConfig {
    /// Primary backend: `kubernetes` (default), `vault` or `aws_secrets_manager`.
    #[serde(default = "default_secret_backend")]
    pub primary: SecretBackendType,
    /// Kubernetes secrets backend.
    #[serde(default)]
    pub kubernetes: KubernetesSecretBackend,
    /// HashiCorp Vault backend.
    #[serde(default)]
    pub vault: VaultSecretBackend,
    /// AWS Secrets Manager backend.
    #[serde(default)]
    pub aws_secrets_manager: AwsSecretsManagerBackend,
}

impl Default for SecretBackendsConfig {
    fn default() -> Self {
        Self {
            primary: default_secret_backend(),
            kubernetes: KubernetesSecretBackend::default(),
            vault: VaultSecretBackend::default(),
            aws_secrets_manager: AwsSecretsManagerBackend::default(),
        }
    }
}

fn default_secret_mount_path() -> String {
    SECRETS_MOUNT.to_owned()
}

/// Kubernetes secrets backend.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KubernetesSecretBackend {
    /// Use Kubernetes secrets. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Namespace holding the secrets. Default `"default"`.
    #[serde(default = "default_profile_name")]
    pub namespace: String,
    /// Where secrets are mounted in containers. Default `"/var/run/secrets"`.
    #[serde(default = "default_secret_mount_path")]
    pub mount_path: String,
}

impl Default for KubernetesSecretBackend {
    fn default() -> Self {
        Self {
            enabled: true,
            namespace: default_profile_name(),
            mount_path: default_secret_mount_path(),
        }
    }
}

/// Vault authentication method: `kubernetes`, `jwt` or `approle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VaultAuthMethod {
    Kubernetes,
    Jwt,
    Approle,
}

fn default_vault_auth_method() -> VaultAuthMethod {
    VaultAuthMethod::Kubernetes
}

fn default_vault_secret_path() -> String {
    "secret/data/floe".to_owned()
}

/// HashiCorp Vault backend.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VaultSecretBackend {
    /// Use Vault. Default `false`. When enabled, `server_url` is required, and so is
    /// `kubernetes_role` with the `kubernetes` auth method.
    #[serde(default)]
    pub enabled: bool,
    /// Vault server URL, e.g. `https://vault.internal:8200`.
    #[serde(default)]
    pub server_url: Option<String>,
    /// How floe logs in to Vault: `kubernetes` (default), `jwt` or `approle`.
    #[serde(default = "default_vault_auth_method")]
    pub auth_method: VaultAuthMethod,
    /// Vault role for the `kubernetes` auth method.
    #[serde(default)]
    pub kubernetes_role: Option<String>,
    /// Base path of floe's secrets in Vault. Default `"secret/data/floe"`.
    #[serde(default = "default_vault_secret_path")]
    pub secret_path: String,
}

impl Default for VaultSecretBackend {
    fn default() -> Self {
        Self {
            enabled: false,
            server_url: None,
            auth_method: default_vault_auth_method(),
            kubernetes_role: None,
            secret_path: default_vault_secret_path(),
        }
    }
}

fn default_asm_prefix() -> String {
    "floe/".to_owned()
}

/// AWS Secrets Manager backend.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsSecretsManagerBackend {
    /// Use AWS Secrets Manager. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// AWS region of Secrets Manager.
    #[serde(default)]
    pub region: Option<String>,
    /// Prefix of floe's secret names. Default `"floe/"`.
    #[serde(default = "default_asm_prefix")]
    pub prefix: String,
}

impl Default for AwsSecretsManagerBackend {
    fn default() -> Self {
        Self {
            enabled: false,
            region: None,
            prefix: default_asm_prefix(),
        }
    }
}

/// Encryption settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EncryptionConfig {
    /// TLS for traffic between services.
    #[serde(default)]
    pub in_transit: InTransitEncryption,
    /// Encryption of stored data.
    #[serde(default)]
    pub at_rest: AtRestEncryption,
}

/// In-transit (TLS) encryption.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InTransitEncryption {
    /// Encrypt traffic with TLS. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Minimum TLS version, `"1.0"` to `"1.3"`, quoted. Default `"1.2"`. The key is
    /// `min_tls_version`, not `tls_version`.
    #[serde(default = "default_tls_version")]
    #[schemars(regex(pattern = TLS_VERSION_PATTERN))]
    pub min_tls_version: String,
}

impl Default for InTransitEncryption {
    fn default() -> Self {
        Self {
            enabled: true,
            min_tls_version: default_tls_version(),
        }
    }
}

/// At-rest encryption key provider: `aws_kms`, `gcp_kms` or `local`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EncryptionProvider {
    AwsKms,
    GcpKms,
    Local,
}

fn default_encryption_provider() -> EncryptionProvider {
    EncryptionProvider::Local
}

/// At-rest encryption.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AtRestEncryption {
    /// Encrypt stored data. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Key provider: `aws_kms`, `gcp_kms` or `local` (default).
    #[serde(default = "default_encryption_provider")]
    pub provider: EncryptionProvider,
    /// Encryption key, as a `{secret_ref: …}` mapping. (There is no `kms_key_id` key.)
    #[serde(default)]
    pub key_ref: Option<SecretReference>,
}

impl Default for AtRestEncryption {
    fn default() -> Self {
        Self {
            enabled: false,
            provider: default_encryption_provider(),
            key_ref: None,
        }
    }
}

/// Audit log backend: `cloudwatch`, `loki` or `elasticsearch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditBackend {
    Cloudwatch,
    Loki,
    Elasticsearch,
}

fn default_audit_backend() -> AuditBackend {
    AuditBackend::Loki
}

/// Security audit logging.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    /// Record audit events. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Which event types are audited (all by default).
    #[serde(default)]
    pub events: AuditEventsConfig,
    /// Where audit logs go: `cloudwatch`, `loki` (default) or `elasticsearch`.
    #[serde(default = "default_audit_backend")]
    pub backend: AuditBackend,
    /// Audit-log retention in days, 1–3650. Default 90.
    #[serde(default = "default_int::<90>")]
    #[schemars(range(min = 1, max = 3650))]
    pub retention_days: i64,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            events: AuditEventsConfig::default(),
            backend: default_audit_backend(),
            retention_days: 90,
        }
    }
}

/// Audited event types.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditEventsConfig {
    /// Audit logins and logouts. Default `true`.
    #[serde(default = "default_true")]
    pub authentication: bool,
    /// Audit authorization decisions. Default `true`.
    #[serde(default = "default_true")]
    pub authorization: bool,
    /// Audit data access. Default `true`.
    #[serde(default = "default_true")]
    pub data_access: bool,
    /// Audit configuration changes. Default `true`.
    #[serde(default = "default_true")]
    pub configuration_changes: bool,
}

impl Default for AuditEventsConfig {
    fn default() -> Self {
        Self {
            authentication: true,
            authorization: true,
            data_access: true,
            configuration_changes: true,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// governance (enterprise flavour)
// ---------------------------------------------------------------------------------------------

/// Enterprise governance: data classifications, retention, compliance frameworks and data
/// quality. (floe.yaml's `governance` is a different, smaller block.)
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct EnterpriseGovernanceConfig {
    /// Data classification classes.
    #[serde(default)]
    pub classifications: ClassificationsConfig,
    /// Retention policies.
    #[serde(default)]
    pub retention: RetentionConfig,
    /// Compliance frameworks.
    #[serde(default)]
    pub compliance: ComplianceConfig,
    /// Data-quality checks.
    #[serde(default)]
    pub data_quality: DataQualityConfig,
}

/// Data-classification settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationsConfig {
    /// Enforce classifications. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Classification classes by name (e.g. `public`, `pii`).
    #[serde(default)]
    pub classes: BTreeMap<String, ClassificationClass>,
}

/// Sensitivity level: `low`, `medium`, `high` or `critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SensitivityLevel {
    Low,
    Medium,
    High,
    Critical,
}

fn default_sensitivity() -> SensitivityLevel {
    SensitivityLevel::Medium
}

/// Compliance framework: `gdpr`, `ccpa`, `soc2`, `hipaa` or `pci_dss` (lower case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceFramework {
    Gdpr,
    Ccpa,
    Soc2,
    Hipaa,
    PciDss,
}

/// A classification class and its requirements.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationClass {
    /// Sensitivity: `low`, `medium` (default), `high` or `critical`.
    #[serde(default = "default_sensitivity")]
    pub sensitivity: SensitivityLevel,
    /// Data of this class must be encrypted. Default `false`.
    #[serde(default)]
    pub encryption_required: bool,
    /// Default retention in days, 1–36500.
    #[serde(default)]
    #[schemars(range(min = 1, max = 36500))]
    pub retention_days: Option<i64>,
    /// Access requires approval. Default `false`.
    #[serde(default)]
    pub require_approval: bool,
    /// Frameworks that apply: `gdpr`, `ccpa`, `soc2`, `hipaa`, `pci_dss` (lower case).
    #[serde(default)]
    pub compliance_required: Vec<ComplianceFramework>,
    /// Values must be masked when displayed. Default `false`.
    #[serde(default)]
    pub masking_required: bool,
}

/// Retention settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionConfig {
    /// Enforce retention policies. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Policy applied when no named policy matches. (Put `retention_days` inside it; there is
    /// no `default_retention_days` key.)
    #[serde(default)]
    pub default_policy: RetentionPolicy,
    /// Named retention policies overriding the default.
    #[serde(default)]
    pub policies: BTreeMap<String, RetentionPolicy>,
}

/// A retention policy.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionPolicy {
    /// Days data is kept before deletion, 1–36500. Default 730.
    #[serde(default = "default_int::<730>")]
    #[schemars(range(min = 1, max = 36500))]
    pub retention_days: i64,
    /// Days before data moves to cold storage, 1–36500.
    #[serde(default)]
    #[schemars(range(min = 1, max = 36500))]
    pub archive_after_days: Option<i64>,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        Self {
            retention_days: 730,
            archive_after_days: None,
        }
    }
}

/// Compliance settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplianceConfig {
    /// Enforce compliance. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Frameworks as a mapping from name to settings, e.g. `gdpr: {enabled: true}`. A list such
    /// as `[SOC2, GDPR]` is rejected.
    #[serde(default)]
    pub frameworks: BTreeMap<String, FrameworkConfig>,
}

/// Compliance enforcement: `strict`, `moderate` or `permissive`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceEnforcement {
    Strict,
    Moderate,
    Permissive,
}

fn default_enforcement() -> ComplianceEnforcement {
    ComplianceEnforcement::Moderate
}

/// Settings of one compliance framework.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkConfig {
    /// Apply this framework. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Enforcement: `strict` (block violations), `moderate` (default, warn) or `permissive`
    /// (log only).
    #[serde(default = "default_enforcement")]
    pub enforcement: ComplianceEnforcement,
}

/// Built-in data-quality check: `schema_validation`, `null_percentage`, `unique_constraints`,
/// `referential_integrity`, `value_ranges` or `freshness`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataQualityCheck {
    SchemaValidation,
    NullPercentage,
    UniqueConstraints,
    ReferentialIntegrity,
    ValueRanges,
    Freshness,
}

fn default_quality_checks() -> Vec<DataQualityCheck> {
    vec![
        DataQualityCheck::SchemaValidation,
        DataQualityCheck::NullPercentage,
    ]
}

/// Data-quality settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataQualityConfig {
    /// Run data-quality checks. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Checks run by default. Default `[schema_validation, null_percentage]`.
    #[serde(default = "default_quality_checks")]
    pub default_checks: Vec<DataQualityCheck>,
    /// Fail the pipeline when a check fails. Default `false`.
    #[serde(default)]
    pub fail_on_error: bool,
}

impl Default for DataQualityConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            default_checks: default_quality_checks(),
            fail_on_error: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::common::test_support::yaml_to_json;
    use crate::model::semantic;
    use crate::model::{FileKind, generate_schema};
    use serde_json::json;

    const LOCAL_DEMO: &str = include_str!(
        "../../tests/fixtures/upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml"
    );
    const CLI_FIXTURE: &str = include_str!(
        "../../tests/fixtures/upstream/floe-runtime__packages__floe-cli__tests__fixtures__platform.yaml"
    );
    const HISTORICAL_LOCAL: &str =
        include_str!("../../tests/fixtures/upstream/floe-runtime__platform__local__platform.yaml");
    const DEV: &str = include_str!(
        "../../tests/fixtures/upstream/floe-runtime__demo__platform-config__platform__dev__platform.yaml"
    );
    const PROD: &str = include_str!(
        "../../tests/fixtures/upstream/floe-runtime__demo__platform-config__platform__prod__platform.yaml"
    );

    fn parse(text: &str) -> Value {
        match yaml_to_json(text) {
            Ok(v) => v,
            Err(e) => panic!("fixture is not parseable YAML: {e}"),
        }
    }

    fn spec(doc: &Value) -> PlatformSpec {
        match serde_json::from_value(doc.clone()) {
            Ok(s) => s,
            Err(e) => panic!("platform document rejected: {e}"),
        }
    }

    fn validator(kind: FileKind) -> jsonschema::Validator {
        match jsonschema::validator_for(&generate_schema(kind)) {
            Ok(v) => v,
            Err(e) => panic!("{kind:?} schema does not compile: {e}"),
        }
    }

    /// Instance paths of the schema errors, sorted and de-duplicated.
    fn error_paths(doc: &Value) -> Vec<String> {
        let validator = validator(FileKind::Platform);
        let mut paths: Vec<String> = validator
            .iter_errors(doc)
            .map(|e| e.instance_path().to_string())
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }

    #[test]
    fn both_schemas_compile() {
        let _ = validator(FileKind::Floe);
        let _ = validator(FileKind::Platform);
    }

    #[test]
    fn local_demo_deserializes_and_validates() {
        let doc = parse(LOCAL_DEMO);
        let spec = spec(&doc);
        assert_eq!(spec.version, "1.2.0");
        assert_eq!(spec.storage.len(), 4);
        assert_eq!(spec.layers.len(), 3);
        let catalog = spec.catalogs.get("default");
        assert_eq!(
            catalog.map(|c| c.access_delegation),
            Some(AccessDelegation::None)
        );
        assert_eq!(
            catalog.map(|c| c.credentials.mode),
            Some(crate::model::common::CredentialMode::Oauth2)
        );
        let infra = spec.infrastructure.as_ref();
        assert_eq!(infra.map(|i| i.timezone.as_str()), Some("Australia/Sydney"));
        assert_eq!(
            infra.map(|i| i.network.local_access.ports.minio_console),
            Some(30901)
        );
        let env = infra
            .and_then(|i| i.resource_profiles.as_ref())
            .and_then(|p| p.get("transform"))
            .and_then(|p| p.env.get("DUCKDB_THREADS"));
        assert_eq!(env.map(String::as_str), Some("4"));
        let obs = spec.observability.as_ref();
        assert_eq!(
            obs.and_then(|o| o.logging.as_ref()).map(|l| l.level),
            Some(crate::model::common::LogLevel::Info)
        );
        assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
        assert!(semantic::check(FileKind::Platform, &doc).is_empty());
    }

    #[test]
    fn other_valid_fixtures_deserialize_and_validate() {
        for text in [CLI_FIXTURE, HISTORICAL_LOCAL] {
            let doc = parse(text);
            let spec = spec(&doc);
            assert_eq!(spec.version, "1.0.0");
            assert_eq!(
                spec.compute.get("default").map(|c| c.r#type),
                Some(ComputeTarget::Duckdb)
            );
            assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
            assert!(semantic::check(FileKind::Platform, &doc).is_empty());
        }
    }

    #[test]
    fn empty_document_is_valid() {
        let spec = spec(&json!({}));
        assert_eq!(spec.version, PLATFORM_SPEC_VERSION);
        assert!(error_paths(&json!({})).is_empty());
    }

    #[test]
    fn dev_demo_fails_where_upstream_fails() {
        // Upstream reports 10 errors; extra keys are one additionalProperties error per object.
        let doc = parse(DEV);
        assert!(serde_json::from_value::<PlatformSpec>(doc.clone()).is_err());
        let expected = [
            "/governance/classifications",
            "/governance/compliance/frameworks",
            "/governance/data_quality",
            "/governance/retention",
            "/infrastructure/cloud",
            "/security/authorization",
            "/security/encryption/at_rest",
            "/security/encryption/in_transit",
            "/security/secret_backends",
            "/security/secret_backends/primary",
        ];
        assert_eq!(error_paths(&doc), expected);
    }

    #[test]
    fn prod_demo_fails_where_upstream_fails() {
        let doc = parse(PROD);
        assert!(serde_json::from_value::<PlatformSpec>(doc.clone()).is_err());
        let paths = error_paths(&doc);
        for expected in [
            "/catalogs/default",
            "/governance",
            "/infrastructure/cloud",
            "/observability/logging",
            "/observability/logging/level",
            "/observability/metrics_config",
            "/observability/tracing",
            "/security/audit",
            "/security/authentication",
            "/storage/bronze",
            "/storage/gold",
            "/storage/silver",
        ] {
            assert!(
                paths.iter().any(|p| p == expected),
                "{expected} not in {paths:?}"
            );
        }
    }

    #[test]
    fn strings_only_maps_and_secret_refs() {
        let base = || json!({"catalogs": {"c": {"uri": "u", "warehouse": "w"}}});
        let mut doc = base();
        doc["catalogs"]["c"]["properties"] = json!({"flag": true});
        assert_eq!(
            error_paths(&doc),
            vec!["/catalogs/c/properties/flag".to_owned()]
        );
        assert!(serde_json::from_value::<PlatformSpec>(doc).is_err());

        let mut doc = base();
        doc["catalogs"]["c"]["credentials"] =
            json!({"mode": "oauth2", "client_id": "id", "client_secret": "plain"});
        assert_eq!(
            error_paths(&doc),
            vec!["/catalogs/c/credentials/client_secret".to_owned()]
        );
        assert!(serde_json::from_value::<PlatformSpec>(doc).is_err());

        let mut doc = base();
        doc["catalogs"]["c"]["uri"] = json!({"secret_ref": "catalog-uri"});
        doc["catalogs"]["c"]["credentials"] = json!({"client_id": {"secret_ref": "cid"}});
        assert!(error_paths(&doc).is_empty());
        let parsed = spec(&doc);
        assert!(matches!(
            parsed.catalogs.get("c").map(|c| &c.uri),
            Some(StringOrSecretRef::Secret(s)) if s.secret_ref == "catalog-uri"
        ));

        let mut doc = base();
        doc["catalogs"]["c"]["uri"] = json!({"secret_ref": "my.secret"});
        assert!(!error_paths(&doc).is_empty());

        let mut doc = base();
        doc["catalogs"]["c"]["access_delegation"] = json!("vended_credentials");
        assert_eq!(
            error_paths(&doc),
            vec!["/catalogs/c/access_delegation".to_owned()]
        );
    }

    #[test]
    fn profile_names_are_property_names() {
        let doc = json!({"storage": {"1bad": {"bucket": "abc"}}, "layers": {"1ok": {
            "name": "x", "storage_ref": "s", "namespace": "n"}}});
        assert_eq!(error_paths(&doc), vec!["/storage".to_owned()]);
    }

    #[test]
    fn defaults_match_upstream() {
        let doc = json!({
            "storage": {"s": {"bucket": "abc"}},
            "catalogs": {"c": {"uri": "u", "warehouse": "w"}},
            "compute": {"d": {}},
            "infrastructure": {},
            "security": {},
            "governance": {}
        });
        let spec = spec(&doc);
        let storage = &spec.storage["s"];
        assert_eq!(storage.r#type, StorageType::S3);
        assert_eq!(storage.endpoint, StringOrSecretRef::Literal(String::new()));
        assert_eq!(storage.region, "us-east-1");
        assert_eq!(
            storage.credentials.mode,
            crate::model::common::CredentialMode::Static
        );
        let catalog = &spec.catalogs["c"];
        assert_eq!(catalog.r#type, CatalogType::Polaris);
        assert_eq!(catalog.namespace, "default");
        assert!(catalog.token_refresh_enabled);
        assert_eq!(spec.compute["d"].r#type, ComputeTarget::Duckdb);
        let Some(infra) = spec.infrastructure else {
            panic!("infrastructure missing")
        };
        assert!(infra.network.enabled);
        assert_eq!(
            infra.network.network_policies.default_rule,
            NetworkPolicyRule::AllowAll
        );
        assert_eq!(infra.network.ingress.tls.provider, TlsProvider::CertManager);
        assert_eq!(infra.network.ingress.tls.min_version, "1.2");
        assert_eq!(infra.cloud.provider, CloudProvider::Local);
        assert_eq!(infra.cloud.localstack.services, vec!["s3", "sts"]);
        assert!(infra.lifecycle.is_none());
        let Some(security) = spec.security else {
            panic!("security missing")
        };
        assert_eq!(
            security.authentication.session.same_site,
            SameSitePolicy::Lax
        );
        assert_eq!(security.authentication.session.timeout_minutes, 480);
        assert_eq!(
            security.secret_backends.vault.secret_path,
            "secret/data/floe"
        );
        assert_eq!(security.audit.retention_days, 90);
        let Some(governance) = spec.governance else {
            panic!("governance missing")
        };
        assert_eq!(governance.retention.default_policy.retention_days, 730);
        assert_eq!(
            governance.data_quality.default_checks,
            vec![
                DataQualityCheck::SchemaValidation,
                DataQualityCheck::NullPercentage
            ]
        );
    }

    /// Calls `f` on every schema object in `value`, depth first.
    fn walk<'a>(value: &'a Value, path: &str, f: &mut dyn FnMut(&str, &'a Map<String, Value>)) {
        match value {
            Value::Object(map) => {
                f(path, map);
                for (k, v) in map {
                    walk(v, &format!("{path}/{k}"), f);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{path}/{i}"), f);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn schema_shape() {
        for kind in [FileKind::Floe, FileKind::Platform] {
            let schema = generate_schema(kind);
            let mut objects = 0;
            walk(&schema, "", &mut |path, node| {
                // Every object with declared keys forbids unknown keys.
                if node.contains_key("properties") && !path.ends_with("/properties") {
                    objects += 1;
                    assert_eq!(
                        node.get("additionalProperties"),
                        Some(&json!(false)),
                        "{path}"
                    );
                }
                // No `anyOf`: nullable objects and enums are plain `type: [..., "null"]` schemas
                // so that errors inside them keep their own location.
                assert!(
                    !node.contains_key("anyOf") || path.ends_with("/properties"),
                    "{path}"
                );
                if node.contains_key("oneOf") && !path.ends_with("/properties") {
                    assert!(
                        [
                            "/$defs/PartitionDefinition",
                            "/$defs/JobDefinition",
                            "/$defs/SensorDefinition"
                        ]
                        .contains(&path),
                        "{path}"
                    );
                }
            });
            assert!(objects > 20, "{kind:?}: {objects}");
        }

        let schema = generate_schema(FileKind::Platform);
        let defs = &schema["$defs"];
        assert_eq!(schema["additionalProperties"], json!(false));
        assert_eq!(
            schema["properties"]["storage"]["propertyNames"],
            json!({"pattern": crate::model::common::PROFILE_NAME_PATTERN})
        );
        assert_eq!(schema["properties"]["version"]["default"], json!("1.2.0"));
        assert_eq!(
            defs["StorageProfile"]["properties"]["type"]["default"],
            json!("s3")
        );
        assert_eq!(
            defs["CatalogProfile"]["properties"]["access_delegation"]["default"],
            json!("none")
        );
        assert_eq!(
            defs["AccessDelegation"]["enum"],
            json!(["vended-credentials", "remote-signing", "none"])
        );
        assert_eq!(
            defs["LogLevel"]["enum"],
            json!(["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
        );
        assert_eq!(
            defs["SameSitePolicy"]["enum"],
            json!(["Strict", "Lax", "None"])
        );
        assert!(defs["CredentialConfig"]["description"].is_string());
        assert_eq!(
            defs["CredentialConfig"]["properties"]["client_id"]["type"],
            json!(["string", "object", "null"])
        );
        assert_eq!(
            schema["properties"]["security"]["type"],
            json!(["object", "null"])
        );

        let floe = generate_schema(FileKind::Floe);
        let partitions = &floe["$defs"]["PartitionDefinition"]["oneOf"];
        let tags: Vec<&Value> = partitions
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| &v["properties"]["type"]["const"])
            .collect();
        assert_eq!(
            tags,
            [
                &json!("time_window"),
                &json!("static"),
                &json!("multi"),
                &json!("dynamic")
            ]
        );
        for variant in partitions.as_array().into_iter().flatten() {
            assert_eq!(variant["additionalProperties"], json!(false));
            assert_eq!(variant["required"][0], json!("type"));
        }
        for def in ["JobDefinition", "SensorDefinition"] {
            for variant in floe["$defs"][def]["oneOf"].as_array().into_iter().flatten() {
                assert_eq!(variant["additionalProperties"], json!(false), "{def}");
                assert!(variant["properties"]["type"]["const"].is_string(), "{def}");
            }
        }
    }
}
