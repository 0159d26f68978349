//! Typed access to a manifest's `governance` block as compile's enforcement reads it, with
//! spans. Values are read as pydantic would coerce them (lax mode: `"true"`, `1` for booleans,
//! `"9000"` for integers); anything else reads as absent or as the field's default.

use super::compile::{self as key, EnforcementLevel, NamingPattern};
use crate::diagnostic::Span;
use crate::syntax::resolve::Scalar;
use crate::syntax::{Entry, Node, NodeValue, pydantic};

/// `governance:` (a mapping).
#[derive(Clone, Copy)]
pub struct Governance<'d> {
    pub entry: &'d Entry,
}

/// The enforcement level compile applies, and the value that sets it (none when compile's
/// default, `warn`, applies).
#[derive(Debug, Clone, Copy)]
pub struct Level {
    pub level: EnforcementLevel,
    pub span: Option<Span>,
}

/// `governance.naming`.
pub struct Naming<'d> {
    pub entry: &'d Entry,
    /// `enforcement` (default `warn`).
    pub enforcement: EnforcementLevel,
    /// `pattern` (default `medallion`), `None` for a value upstream rejects.
    pub pattern: Option<NamingPattern>,
    /// `custom_patterns`, string items.
    pub custom_patterns: Vec<&'d str>,
}

/// One `governance.custom_rules[]` item, by its `type`.
pub enum CustomRule<'d> {
    /// `require_tags_for_prefix` (FLOE-E400).
    TagsForPrefix {
        prefix: &'d str,
        required_tags: Vec<&'d str>,
        applies_to: &'d str,
    },
    /// `require_meta_field` (FLOE-E401).
    MetaField { field: &'d str, applies_to: &'d str },
    /// `require_tests_of_type` (FLOE-E402).
    TestsOfType {
        test_types: Vec<&'d str>,
        applies_to: &'d str,
    },
}

/// A custom rule and where it is written (its `type` value).
pub struct Located<'d, T> {
    pub item: T,
    pub span: Span,
    pub node: &'d Node,
}

/// One `governance.policies[]` item.
pub struct Policy<'d> {
    pub name: &'d str,
    pub kind: &'d str,
    pub action: &'d str,
    pub message: &'d str,
    /// `config`, when it is a mapping.
    pub config: Option<&'d Node>,
}

impl<'d> Governance<'d> {
    pub fn of(entry: &'d Entry) -> Option<Governance<'d>> {
        entry.value.as_mapping().map(|_| Governance { entry })
    }

    fn get(&self, name: &str) -> Option<&'d Entry> {
        self.entry.value.get(name)
    }

    /// `policy_enforcement_level`, or compile's default (`warn`) when it is absent, null or not
    /// one of upstream's values (the schema reports that).
    pub fn level(&self) -> Level {
        let written = self.get(key::POLICY_ENFORCEMENT_LEVEL);
        let level = written
            .and_then(|e| e.value.as_str())
            .and_then(EnforcementLevel::from_value);
        match (level, written) {
            (Some(level), Some(entry)) => Level {
                level,
                span: Some(entry.value.span),
            },
            _ => Level {
                level: EnforcementLevel::Warn,
                span: None,
            },
        }
    }

    /// An integer field as pydantic's lax mode reads it, with its value's span.
    pub fn integer(&self, name: &str) -> Option<(i128, Span)> {
        let entry = self.get(name)?;
        Some((lax_int(&entry.value)?, entry.value.span))
    }

    /// `naming`, when it is a mapping.
    pub fn naming(&self) -> Option<Naming<'d>> {
        let entry = self.get(key::NAMING)?;
        entry.value.as_mapping()?;
        let text = |name: &str| entry.value.get(name).and_then(|e| e.value.as_str());
        let enforcement = text(key::ENFORCEMENT)
            .and_then(EnforcementLevel::from_value)
            .unwrap_or(EnforcementLevel::Warn);
        let pattern = match entry.value.get(key::PATTERN) {
            None => Some(NamingPattern::Medallion),
            Some(p) => p.value.as_str().and_then(NamingPattern::from_value),
        };
        Some(Naming {
            entry,
            enforcement,
            pattern,
            custom_patterns: strings(entry.value.get(key::CUSTOM_PATTERNS)),
        })
    }

    /// `quality_gates.require_descriptions` when it is true: the span of that value.
    pub fn require_descriptions(&self) -> Option<Span> {
        let gates = self.get(key::QUALITY_GATES)?;
        let entry = gates.value.get(key::REQUIRE_DESCRIPTIONS)?;
        (pydantic::bool_value(&entry.value) == Some(true)).then_some(entry.value.span)
    }

    /// `custom_rules`, the items whose `type` and fields upstream accepts.
    pub fn custom_rules(&self) -> Vec<Located<'d, CustomRule<'d>>> {
        items(self.get(key::CUSTOM_RULES))
            .filter_map(|node| {
                let kind = node.get(key::TYPE)?;
                let text = |name: &str| node.get(name).and_then(|e| e.value.as_str());
                let applies_to = match node.get(key::APPLIES_TO) {
                    None => "*",
                    Some(entry) => entry.value.as_str()?,
                };
                let item = match kind.value.as_str()? {
                    key::REQUIRE_TAGS_FOR_PREFIX => CustomRule::TagsForPrefix {
                        prefix: text(key::PREFIX).filter(|p| !p.is_empty())?,
                        required_tags: non_empty(strings(node.get(key::REQUIRED_TAGS)))?,
                        applies_to,
                    },
                    key::REQUIRE_META_FIELD => CustomRule::MetaField {
                        field: text(key::FIELD).filter(|f| !f.is_empty())?,
                        applies_to,
                    },
                    key::REQUIRE_TESTS_OF_TYPE => CustomRule::TestsOfType {
                        test_types: non_empty(strings(node.get(key::TEST_TYPES)))?,
                        applies_to,
                    },
                    _ => return None,
                };
                Some(Located {
                    item,
                    span: kind.value.span,
                    node,
                })
            })
            .collect()
    }

    /// `policies`, the items with every required field a string.
    pub fn policies(&self) -> Vec<Located<'d, Policy<'d>>> {
        items(self.get(key::POLICIES))
            .filter_map(|node| {
                let text = |name: &str| node.get(name).and_then(|e| e.value.as_str());
                let kind = node.get(key::TYPE)?;
                let config = match node.get(key::CONFIG) {
                    None => None,
                    Some(entry) if entry.value.as_mapping().is_some() => Some(&entry.value),
                    Some(_) => return None,
                };
                Some(Located {
                    item: Policy {
                        name: text(key::NAME)?,
                        kind: kind.value.as_str()?,
                        action: text(key::ACTION)?,
                        message: text(key::MESSAGE)?,
                        config,
                    },
                    span: kind.value.span,
                    node,
                })
            })
            .collect()
    }

    /// `<block>.enabled` (`rbac`, `network_policies`) when it is true: the span of that value.
    pub fn enabled(&self, block: &str) -> Option<Span> {
        let entry = self.get(block)?.value.get(key::ENABLED)?;
        (pydantic::bool_value(&entry.value) == Some(true)).then_some(entry.value.span)
    }
}

fn items(entry: Option<&Entry>) -> impl Iterator<Item = &Node> {
    entry
        .and_then(|e| e.value.as_sequence())
        .unwrap_or(&[])
        .iter()
}

/// The string items of a list (`None` or another shape: none).
pub(crate) fn strings(entry: Option<&Entry>) -> Vec<&str> {
    items(entry).filter_map(Node::as_str).collect()
}

fn non_empty(items: Vec<&str>) -> Option<Vec<&str>> {
    (!items.is_empty()).then_some(items)
}

/// An integer as pydantic's lax mode reads it: an integer, a float without a fraction, or a
/// string of digits.
pub fn lax_int(node: &Node) -> Option<i128> {
    match &node.value {
        NodeValue::Scalar { value, text, .. } => match value {
            Scalar::Int(_) | Scalar::BigInt(_) => value.integer(),
            Scalar::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e30 => {
                Some(*f as i128)
            }
            Scalar::Str => text.trim().parse().ok(),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::dialect::v1::platform::Platform;
    use crate::syntax::test_document;

    #[test]
    fn levels() {
        for (text, level, written) in [
            ("governance: {}\n", EnforcementLevel::Warn, false),
            (
                "governance: {policy_enforcement_level: strict}\n",
                EnforcementLevel::Strict,
                true,
            ),
            (
                "governance: {policy_enforcement_level: off}\n",
                EnforcementLevel::Warn,
                false,
            ),
            (
                "governance: {policy_enforcement_level: 'off'}\n",
                EnforcementLevel::Off,
                true,
            ),
            (
                "governance: {policy_enforcement_level: hard}\n",
                EnforcementLevel::Warn,
                false,
            ),
        ] {
            let manifest = test_document("manifest.yaml", text);
            let platform = Platform::of(&manifest).expect("root");
            let found = platform.governance().expect("governance").level();
            assert_eq!(
                (found.level, found.span.is_some()),
                (level, written),
                "{text}"
            );
        }
        let manifest = test_document("manifest.yaml", "governance: null\n");
        assert!(
            Platform::of(&manifest)
                .expect("root")
                .governance()
                .is_none()
        );
    }

    #[test]
    fn blocks() {
        let manifest = test_document(
            "manifest.yaml",
            "governance:\n  default_ttl_hours: '9000'\n  naming: {}\n  quality_gates: {require_descriptions: 'yes'}\n  rbac: {enabled: true}\n  network_policies: {enabled: false}\n  custom_rules:\n    - {type: require_tags_for_prefix, prefix: gold_, required_tags: [tested]}\n    - {type: require_meta_field, field: owner, applies_to: 'mart_*'}\n    - {type: unknown}\n  policies:\n    - {name: few, type: max_transforms, action: warn, message: too many, config: {threshold: 3}}\n    - {name: bad, type: max_transforms, action: warn}\n",
        );
        let platform = Platform::of(&manifest).expect("root");
        let governance = platform.governance().expect("governance");
        assert_eq!(
            governance.integer(key::DEFAULT_TTL_HOURS).map(|(v, _)| v),
            Some(9000)
        );
        let naming = governance.naming().expect("naming");
        assert_eq!(naming.pattern, Some(NamingPattern::Medallion));
        assert_eq!(naming.enforcement, EnforcementLevel::Warn);
        assert!(governance.require_descriptions().is_some());
        assert!(governance.enabled(key::RBAC).is_some());
        assert!(governance.enabled(key::NETWORK_POLICIES).is_none());
        let rules = governance.custom_rules();
        assert_eq!(rules.len(), 2);
        assert!(matches!(
            rules[1].item,
            CustomRule::MetaField {
                field: "owner",
                applies_to: "mart_*"
            }
        ));
        let policies = governance.policies();
        assert_eq!(policies.len(), 1);
        assert_eq!(policies[0].item.name, "few");
    }
}
