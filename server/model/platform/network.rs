//! `infrastructure.network`: DNS, network policies, zones, ingress and TLS, local access.

use super::*;

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

pub(super) fn default_tls_version() -> String {
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
