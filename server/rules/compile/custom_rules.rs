//! `governance.custom_rules` applied to the transforms (FLOE-E400, E401, E402).

use super::{Enforcement, Violation, fnmatch};
use crate::declare_rule;
use crate::dialect::v1::governance::CustomRule;
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Applies the manifest's `governance.custom_rules` to the transforms as compile does, on
    /// those whose name matches the rule's `applies_to` glob (default `*`), with upstream's
    /// messages:
    ///
    /// - `require_tags_for_prefix` (FLOE-E400): a transform whose name starts with `prefix` and
    /// lacks one of `required_tags` in its `tags`;
    /// - `require_meta_field` (FLOE-E401): **always** fails, floe.yaml has no `meta`;
    /// - `require_tests_of_type` (FLOE-E402): **always** fails, compile's synthetic dbt manifest
    /// has no tests (`qualityChecks` are not turned into tests there).
    ///
    /// A warning under `policy_enforcement_level: warn`, an error under `strict`.
    ///
    /// ## Why is this bad?
    /// Under `strict` the product does not compile; the last two rule types can never pass.
    ///
    /// ## Example
    /// ```yaml
    /// # manifest.yaml
    /// governance:
    ///   custom_rules:
    ///     - type: require_tags_for_prefix
    ///       prefix: mart_
    ///       required_tags: [certified]
    /// # floe.yaml
    /// transforms:
    ///   - name: mart_orders
    ///     tags: [marts]
    /// ```
    ///
    /// ## Fix
    /// Add the tags to the transform's `tags`; drop `require_meta_field` and
    /// `require_tests_of_type` rules until compile can see meta fields and tests.
    pub struct GovernanceCustomRule(GOVERNANCE_CUSTOM_RULE) = ("FL218", "governance-custom-rule", CrossFile, Warning, "A transform breaks one of the manifest's `custom_rules` (FLOE-E400–E402)");
}

impl Rule for GovernanceCustomRule {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(enforcement) = Enforcement::of(cx) else {
            return;
        };
        let rules = enforcement.governance().custom_rules();
        if rules.is_empty() {
            return;
        }
        let transforms = enforcement.product.transforms();
        for rule in &rules {
            for transform in &transforms {
                let Some((name, span)) = transform.name() else {
                    continue;
                };
                let (code, message, suggestion) = match &rule.item {
                    CustomRule::TagsForPrefix {
                        prefix,
                        required_tags,
                        applies_to,
                    } => {
                        if !fnmatch(name, applies_to) || !name.starts_with(prefix) {
                            continue;
                        }
                        let tags = transform.tags();
                        let mut missing: Vec<&str> = required_tags
                            .iter()
                            .copied()
                            .filter(|t| !tags.contains(t))
                            .collect();
                        missing.sort_unstable();
                        missing.dedup();
                        if missing.is_empty() {
                            continue;
                        }
                        let missing = missing.join(", ");
                        (
                            "FLOE-E400",
                            format!(
                                "Model '{name}' with prefix '{prefix}' is missing required tags: {missing}"
                            ),
                            format!("Add {missing} to the transform's `tags` in floe.yaml."),
                        )
                    }
                    CustomRule::MetaField { field, applies_to } => {
                        if !fnmatch(name, applies_to) {
                            continue;
                        }
                        (
                            "FLOE-E401",
                            format!("Model '{name}' is missing required meta field '{field}'"),
                            "floe.yaml has no `meta`, so this rule fails for every transform it applies to.".to_owned(),
                        )
                    }
                    CustomRule::TestsOfType {
                        test_types,
                        applies_to,
                    } => {
                        if !fnmatch(name, applies_to) {
                            continue;
                        }
                        let mut missing = test_types.clone();
                        missing.sort_unstable();
                        missing.dedup();
                        (
                            "FLOE-E402",
                            format!(
                                "Model '{name}' is missing required test types: {}",
                                missing.join(", ")
                            ),
                            "Compile checks a dbt manifest it builds from floe.yaml, which has no tests (`qualityChecks` are not tests there): this rule fails for every transform it applies to.".to_owned(),
                        )
                    }
                };
                out.push(enforcement.finding(Violation {
                    rule: &GOVERNANCE_CUSTOM_RULE,
                    code,
                    message,
                    upstream_error: true,
                    span,
                    suggestion: Some(suggestion),
                    related: vec![(
                        enforcement.manifest().file.clone(),
                        rule.span,
                        "the custom rule",
                    )],
                }));
            }
        }
    }
}
