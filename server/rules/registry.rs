//! Every code floe-lint reports, one line each: the stages' own codes and the rules the engine
//! runs.

use std::sync::LazyLock;

use super::Rule;
use crate::diagnostic::codes;
use crate::diagnostic::rule_meta::RuleMeta;
use crate::rules;

/// One registered code.
pub enum Registered {
    /// A code a stage reports itself (the syntax, schema and cross-file stages run before the
    /// rules; connectivity and suppression after).
    Stage(&'static RuleMeta),
    /// A rule run over the loaded documents.
    Rule(&'static dyn Rule),
}

impl Registered {
    pub fn meta(&self) -> &'static RuleMeta {
        match self {
            Registered::Stage(meta) => meta,
            Registered::Rule(rule) => rule.meta(),
        }
    }
}

use Registered::{Rule as R, Stage as S};

/// The registry.
pub static REGISTRY: &[Registered] = &[
    S(&codes::syntax::YAML_SYNTAX),
    S(&codes::syntax::DUPLICATE_KEY),
    S(&codes::syntax::INVALID_ENCODING),
    S(&codes::syntax::ALIAS_LIMIT),
    S(&codes::syntax::MULTIPLE_DOCUMENTS),
    S(&codes::syntax::UNLOADABLE_VALUE),
    S(&codes::syntax::FILE_TOO_LARGE),
    S(&codes::syntax::TOO_MANY_FINDINGS),
    S(&codes::schema::UNKNOWN_KEY),
    S(&codes::schema::MISSING_FIELD),
    S(&codes::schema::WRONG_TYPE),
    S(&codes::schema::INVALID_ENUM),
    S(&codes::schema::PATTERN_MISMATCH),
    S(&codes::schema::OUT_OF_RANGE),
    S(&codes::schema::INVALID_VALUE),
    S(&codes::schema::UNKNOWN_VARIANT),
    S(&codes::cross_file::UNKNOWN_PROFILE),
    S(&codes::cross_file::PLATFORM_NOT_FOUND),
    R(&rules::security::credentials::HardcodedCredentials),
    R(&rules::security::create_secret::CreateSecret),
    R(&rules::security::oauth_scope::PrincipalRoleAll),
    R(&rules::security::oauth_scope::MissingScope),
    R(&rules::security::insecure_http::InsecureHttp),
    R(&rules::security::scan_refusal::ScanRefusal),
    R(&rules::lakehouse::memory_database::MemoryDatabase),
    R(&rules::lakehouse::vended_credentials::VendedCredentials),
    R(&rules::lakehouse::path_style_access::PathStyleAccess),
    R(&rules::lakehouse::namespace_prefix::NamespacePrefix),
    R(&rules::lakehouse::catalog_uri::CatalogUri),
    R(&rules::lakehouse::duckdb_memory::PerThread),
    R(&rules::lakehouse::duckdb_memory::OverContainer),
    R(&rules::lakehouse::lineage_endpoint::LineageEndpoint),
    R(&rules::reference::jobs::UnknownJob),
    R(&rules::reference::partitions::UnknownPartition),
    R(&rules::reference::storage_ref::UnknownStorageRef),
    R(&rules::reference::layers::LayerNameMismatch),
    R(&rules::reference::jobs::AssetSensorOneAsset),
    R(&rules::dbt::model_config::Location),
    R(&rules::dbt::model_config::Materialization),
    R(&rules::dbt::model_config::Legacy),
    R(&rules::dbt::model_config::Infrastructure),
    R(&rules::profiles::generator::GeneratorQuirks),
    R(&rules::profiles::generator::GenerationFails),
    R(&rules::profiles::drift::Drift),
    R(&rules::profiles::profile_name::ProfileMismatch),
    S(&codes::connectivity::UNREACHABLE),
    S(&codes::suppression::UNUSED),
    S(&codes::suppression::UNKNOWN_CODE),
    // Generation B's stage codes. Appended rather than filed with their families: a code's
    // place in this list is its SARIF `ruleIndex` ([`in_registration_order`]), kept stable
    // across versions.
    S(&codes::schema::INVALID_PLUGIN_CONFIG),
    S(&codes::schema::STALE_DOCS_SHAPE),
    S(&codes::schema::IGNORED_MANIFEST_KEY),
    S(&codes::cross_file::MIXED_DIALECTS),
    S(&codes::cross_file::MANIFEST_NOT_FOUND),
    // `floe platform compile`'s checks across a FloeSpec and its manifest.
    R(&rules::compile::plugins::MissingRequiredPlugin),
    R(&rules::compile::plugins::UnknownQualityProvider),
    R(&rules::compile::ranges::GovernanceOutOfRange),
    R(&rules::compile::sinks::UnapprovedSink),
    R(&rules::compile::naming::GovernanceNaming),
    R(&rules::compile::documentation::GovernanceMissingDescription),
    R(&rules::compile::dependencies::UnknownDependency),
    R(&rules::compile::dependencies::CircularDependency),
    R(&rules::compile::custom_rules::GovernanceCustomRule),
    R(&rules::compile::policies::GovernancePolicy),
    R(&rules::compile::controls::GovernanceRbac),
    R(&rules::compile::controls::GovernanceNetworkPolicy),
    R(&rules::compile::unenforced::UnenforcedTransformCompute),
    R(&rules::compile::unenforced::UnenforcedApprovedProducts),
    R(&rules::compile::unenforced::UnenforcedDefaultCompute),
    R(&rules::security::tls_verification::TlsVerificationDisabled),
    R(&rules::lakehouse::iceberg_export_memory::IcebergExportMemoryDatabase),
    R(&rules::lakehouse::stale_table_repair::StaleTableRepair),
    R(&rules::lakehouse::ignored_schedule::IgnoredSchedule),
    // The compute part of compile and the profile dbt gets (profiles::v1).
    R(&rules::compute::plugin::ComputePluginNotFound),
    R(&rules::compute::profile::DbtProfileFails),
    R(&rules::compute::range::ComputeConfigRange),
    R(&rules::compute::dropped::ComputeKeyDropped),
    R(&rules::compute::access_mode::AccessModeSetting),
];

/// The rules the engine runs, in registry order.
pub fn rules() -> impl Iterator<Item = &'static dyn Rule> {
    REGISTRY.iter().filter_map(|entry| match entry {
        Registered::Rule(rule) => Some(*rule),
        Registered::Stage(_) => None,
    })
}

/// Every code in the order it was registered (new codes are appended): the order of SARIF's
/// rule list, so that a code's `ruleIndex` does not change when another code is added.
pub fn in_registration_order() -> impl Iterator<Item = &'static RuleMeta> {
    REGISTRY.iter().map(Registered::meta)
}

/// Every code floe-lint has, sorted.
pub static ALL: LazyLock<Vec<&'static RuleMeta>> = LazyLock::new(|| {
    let mut all: Vec<&'static RuleMeta> = REGISTRY.iter().map(Registered::meta).collect();
    all.sort_by_key(|r| r.code);
    all
});

/// Looks a rule up by code (`FL002`, case-insensitive) or name (`duplicate-key`).
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for rule in ALL.iter() {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(
                rule.code.len() == 5 && rule.code.starts_with("FL"),
                "{}",
                rule.code
            );
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                rule.name
            );
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Fix",
            ] {
                assert!(
                    rule.docs().lines().any(|l| l == section),
                    "{} lacks {section}",
                    rule.code
                );
            }
        }
    }
}
