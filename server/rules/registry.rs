//! Every rule, one line each.

use std::sync::LazyLock;

use super::Rule;
use crate::rule_meta::RuleMeta;
use crate::{model, rules, syntax};

/// The rules that run over loaded documents (the syntax, schema and cross-file stages run first).
pub static RULES: &[&dyn Rule] = &[
    &rules::security::credentials::HardcodedCredentials,
    &rules::security::create_secret::CreateSecret,
    &rules::security::oauth_scope::PrincipalRoleAll,
    &rules::security::oauth_scope::MissingScope,
    &rules::security::insecure_http::InsecureHttp,
    &rules::security::scan_refusal::ScanRefusal,
    &rules::lakehouse::memory_database::MemoryDatabase,
    &rules::lakehouse::vended_credentials::VendedCredentials,
    &rules::lakehouse::path_style_access::PathStyleAccess,
    &rules::lakehouse::namespace_prefix::NamespacePrefix,
    &rules::lakehouse::catalog_uri::CatalogUri,
    &rules::lakehouse::duckdb_memory::PerThread,
    &rules::lakehouse::duckdb_memory::OverContainer,
    &rules::lakehouse::lineage_endpoint::LineageEndpoint,
    &rules::reference::jobs::UnknownJob,
    &rules::reference::partitions::UnknownPartition,
    &rules::reference::storage_ref::UnknownStorageRef,
    &rules::reference::layers::LayerNameMismatch,
    &rules::reference::jobs::AssetSensorOneAsset,
    &rules::dbt::model_config::Location,
    &rules::dbt::model_config::Materialization,
    &rules::dbt::model_config::Legacy,
    &rules::dbt::model_config::Infrastructure,
    &rules::profiles::generator::GeneratorQuirks,
    &rules::profiles::generator::GenerationFails,
    &rules::profiles::drift::Drift,
    &rules::profiles::profile_name::ProfileMismatch,
];

/// Codes produced by the stages themselves (not [`Rule`]s).
static STAGES: &[&RuleMeta] = &[
    &syntax::rules::YAML_SYNTAX,
    &syntax::rules::DUPLICATE_KEY,
    &syntax::rules::INVALID_ENCODING,
    &syntax::rules::ALIAS_LIMIT,
    &syntax::rules::MULTIPLE_DOCUMENTS,
    &syntax::rules::UNLOADABLE_VALUE,
    &syntax::rules::FILE_TOO_LARGE,
    &syntax::rules::TOO_MANY_FINDINGS,
    &model::rules::UNKNOWN_KEY,
    &model::rules::MISSING_FIELD,
    &model::rules::WRONG_TYPE,
    &model::rules::INVALID_ENUM,
    &model::rules::PATTERN_MISMATCH,
    &model::rules::OUT_OF_RANGE,
    &model::rules::INVALID_VALUE,
    &model::rules::UNKNOWN_VARIANT,
    &rules::cross_file::UNKNOWN_PROFILE,
    &rules::cross_file::PLATFORM_NOT_FOUND,
    &crate::connect::UNREACHABLE,
    &rules::suppression::UNUSED,
    &rules::suppression::UNKNOWN_CODE,
];

/// Every rule floe-lint has, by code.
pub static ALL: LazyLock<Vec<&'static RuleMeta>> = LazyLock::new(|| {
    let mut all: Vec<&'static RuleMeta> = STAGES
        .iter()
        .copied()
        .chain(RULES.iter().map(|r| r.meta()))
        .collect();
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
