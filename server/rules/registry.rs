//! Every rule, one line each. The order is the documentation order (by code).

use crate::rule_meta::RuleMeta;
use crate::{model, rules, syntax};

pub static ALL: &[&RuleMeta] = &[
    &syntax::rules::YAML_SYNTAX,
    &syntax::rules::DUPLICATE_KEY,
    &syntax::rules::INVALID_ENCODING,
    &syntax::rules::ALIAS_LIMIT,
    &syntax::rules::MULTIPLE_DOCUMENTS,
    &syntax::rules::UNLOADABLE_VALUE,
    &syntax::rules::FILE_TOO_LARGE,
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
];

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
        for rule in ALL {
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
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.name
            );
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Fix",
            ] {
                assert!(rule.docs.contains(section), "{} lacks {section}", rule.code);
            }
        }
    }
}
