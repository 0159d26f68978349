//! Types shared by `floe.yaml` and `platform.yaml`: secret references, credential blocks, the
//! observability section, the upstream regular expressions and the small default helpers the
//! models use.

mod credentials;
mod observability;
#[cfg(test)]
pub(crate) mod test_support;

pub use credentials::*;
pub use observability::*;

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::dialect::runtime::constants::DEFAULT_PROFILE;

// ---------------------------------------------------------------------------------------------
// Upstream regular expressions (exact text, used both in the schemas and in `semantic`).
// ---------------------------------------------------------------------------------------------

/// Profile names and logical profile references (`storage`, `catalogs`, `compute` keys; floe.yaml
/// `storage`/`catalog`/`compute`; layer `name`/`storage_ref`/`catalog_ref`).
pub const PROFILE_NAME_PATTERN: &str = r"^[a-zA-Z][a-zA-Z0-9_-]*$";
/// floe.yaml pipeline `name`.
pub const PIPELINE_NAME_PATTERN: &str = r"^[a-zA-Z][a-zA-Z0-9_-]{0,99}$";
/// Kubernetes secret names used as `secret_ref` (1–253 chars, no dots).
pub const K8S_SECRET_PATTERN: &str = r"^[a-zA-Z0-9][a-zA-Z0-9_-]{0,252}$";
/// AWS IAM role ARN (`credentials.role_arn`, IRSA service accounts).
pub const AWS_IAM_ROLE_PATTERN: &str = r"^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$";
/// AWS KMS key ARN.
pub const AWS_KMS_KEY_PATTERN: &str = r"^arn:aws:kms:[a-z0-9-]+:\d{12}:key/[a-f0-9-]+$";
/// Twelve-digit AWS account id.
pub const AWS_ACCOUNT_ID_PATTERN: &str = r"^\d{12}$";
/// AWS VPC id.
pub const AWS_VPC_ID_PATTERN: &str = r"^vpc-[a-f0-9]+$";
/// DNS domain / host name.
pub const DNS_DOMAIN_PATTERN: &str =
    r"^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$";
/// TLS versions `1.0`–`1.3`.
pub const TLS_VERSION_PATTERN: &str = r"^1\.[0-3]$";
/// platform.yaml `version` (semver).
pub const SEMVER_PATTERN: &str = r"^\d+\.\d+\.\d+$";
/// Prometheus scrape interval such as `15s`, `1m`, `2h`.
pub const SCRAPE_INTERVAL_PATTERN: &str = r"^\d+[smh]$";
/// Orchestration identifiers (no hyphens): partition/job/schedule/sensor/backfill names and refs.
pub const IDENTIFIER_PATTERN: &str = r"^[a-zA-Z][a-zA-Z0-9_]*$";
/// Python module path (`orchestration.asset_modules` entries).
pub const MODULE_PATH_PATTERN: &str = r"^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)*$";
/// `module.function` reference (at least one dot).
pub const FUNCTION_PATH_PATTERN: &str =
    r"^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)*\.[a-zA-Z][a-zA-Z0-9_]*$";
/// Cron expression with 5 or 6 numeric fields (`@daily`, `MON` and `${VAR}` are rejected).
pub const CRON_PATTERN: &str = r"^([0-9*,-/]+\s){4,5}[0-9*,-/]+$";
/// `YYYY-MM-DD` date.
pub const DATE_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}$";

// ---------------------------------------------------------------------------------------------
// Default helpers (serde `default = "..."` paths; also used by the `Default` impls).
// ---------------------------------------------------------------------------------------------

pub(crate) fn default_true() -> bool {
    true
}

pub(crate) fn default_int<const N: i64>() -> i64 {
    N
}

pub(crate) fn default_profile_name() -> String {
    DEFAULT_PROFILE.to_owned()
}

pub(crate) fn default_utc() -> String {
    "UTC".to_owned()
}

/// Schema transform that turns the hard-wrapped lines of doc-comment `description`s into flowing
/// text: single line breaks become spaces, blank-line paragraph breaks are kept. Editors show the
/// description verbatim, so wrapped source lines would otherwise show as ragged line breaks.
/// Apply it recursively (`schemars::transform::RecursiveTransform`).
pub fn unwrap_description(schema: &mut Schema) {
    let Some(Value::String(text)) = schema.get_mut("description") else {
        return;
    };
    if !text.contains('\n') {
        return;
    }
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .collect();
    *text = paragraphs.join("\n\n");
}
