//! `infrastructure.cloud`: the cloud provider, AWS and LocalStack.

use super::*;

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
