//! `governance.policies` (policy-as-code) applied to the transforms (FLOE-E600).

use regex::Regex;

use super::{Enforcement, Violation};
use crate::declare_rule;
use crate::dialect::v1::compile::{
    self as key, ACTION_BLOCK, ACTION_ERROR, ACTION_WARN, POLICY_MAX_TRANSFORMS,
    POLICY_NAMING_CONVENTION, POLICY_REQUIRED_TAGS,
};
use crate::dialect::v1::governance::strings;
use crate::rules::{Context, Rule, Sink};
use crate::syntax::resolve::Scalar;
use crate::syntax::{NodeValue, python};

declare_rule! {
    /// ## What it does
    /// Applies the manifest's `governance.policies` to the product as compile does, with
    /// upstream's message (FLOE-E600 `[<policy name>] <message> (…)`):
    ///
    /// - `required_tags`: each transform lacking one of `config.required_tags`;
    /// - `naming_convention`: each transform whose name `config.pattern` does not match from its
    /// start (`re.match`; a pattern Rust's regex engine cannot compile is not judged);
    /// - `max_transforms`: more transforms than `config.threshold`, at floe.yaml's `transforms`.
    /// Without `threshold` upstream uses 0, so every product fails;
    /// - `custom`: a Python expression upstream evaluates on its synthetic dbt node; not evaluated
    /// here.
    ///
    /// The policy's `action` gives the severity: `warn` is a warning, `error` and `block` are
    /// errors under `policy_enforcement_level: strict` (at `warn` everything is a warning).
    ///
    /// ## Why is this bad?
    /// An `error`/`block` policy fails `floe platform compile` under strict enforcement.
    ///
    /// ## Example
    /// ```yaml
    /// governance:
    ///   policies:
    ///     - name: small-products
    ///       type: max_transforms
    ///       action: error
    ///       message: Split large products
    ///       config: {threshold: 3}
    /// ```
    ///
    /// ## Fix
    /// Change the product to satisfy the policy, or the policy (`threshold`, `action: warn`).
    pub struct GovernancePolicy(GOVERNANCE_POLICY) = ("FL219", "governance-policy", CrossFile, Warning, "The product breaks one of the manifest's `policies` (FLOE-E600)");
}

impl Rule for GovernancePolicy {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(enforcement) = Enforcement::of(cx) else {
            return;
        };
        let transforms = enforcement.product.transforms();
        for policy in enforcement.governance().policies() {
            let p = &policy.item;
            let upstream_error = match p.action {
                ACTION_WARN => false,
                ACTION_ERROR | ACTION_BLOCK => true,
                _ => continue,
            };
            let config = |name: &str| p.config.and_then(|c| c.get(name));
            // (message, suggestion, span) of each violation.
            let mut found: Vec<(String, String, crate::diagnostic::Span)> = Vec::new();
            match p.kind {
                POLICY_REQUIRED_TAGS => {
                    let required = strings(config(key::REQUIRED_TAGS));
                    for transform in &transforms {
                        let Some((name, span)) = transform.name() else {
                            continue;
                        };
                        let tags = transform.tags();
                        let missing: Vec<&str> = required
                            .iter()
                            .copied()
                            .filter(|t| !tags.contains(t))
                            .collect();
                        if !missing.is_empty() {
                            let missing = missing.join(", ");
                            found.push((
                                format!("[{}] {} (Missing tags: {missing})", p.name, p.message),
                                format!("Add missing tags to {name}: {missing}"),
                                span,
                            ));
                        }
                    }
                }
                POLICY_NAMING_CONVENTION => {
                    let pattern = match config(key::PATTERN) {
                        None => "",
                        Some(entry) => match entry.value.as_str() {
                            Some(text) => text,
                            None => continue,
                        },
                    };
                    let Ok(regex) = Regex::new(&format!(r"\A(?:{pattern})")) else {
                        continue;
                    };
                    for transform in &transforms {
                        let Some((name, span)) = transform.name() else {
                            continue;
                        };
                        if !regex.is_match(name) {
                            found.push((
                                format!("[{}] {} (Pattern: {pattern})", p.name, p.message),
                                format!("Rename {name} to match pattern {pattern}"),
                                span,
                            ));
                        }
                    }
                }
                POLICY_MAX_TRANSFORMS => {
                    let threshold = match config(key::THRESHOLD).map(|e| &e.value.value) {
                        None => Threshold::Int(0),
                        Some(NodeValue::Scalar {
                            value: value @ (Scalar::Int(_) | Scalar::BigInt(_)),
                            ..
                        }) => Threshold::Int(value.integer().unwrap_or_default()),
                        Some(NodeValue::Scalar {
                            value: Scalar::Float(f),
                            ..
                        }) => Threshold::Float(*f),
                        Some(_) => continue,
                    };
                    let mut names: Vec<&str> = transforms
                        .iter()
                        .filter_map(|t| t.name())
                        .map(|(n, _)| n)
                        .collect();
                    names.sort_unstable();
                    names.dedup();
                    let count = names.len();
                    if threshold.exceeded_by(count) {
                        let written = threshold.python();
                        found.push((
                            format!(
                                "[{}] {} (Actual: {count}, Threshold: {written})",
                                p.name, p.message
                            ),
                            format!("Reduce model count to {written} or below"),
                            enforcement.product.transforms_span(),
                        ));
                    }
                }
                // `custom` conditions are Python expressions: not evaluated.
                _ => continue,
            }
            for (message, suggestion, span) in found {
                out.push(enforcement.finding(Violation {
                    rule: &GOVERNANCE_POLICY,
                    code: "FLOE-E600",
                    message,
                    upstream_error,
                    span,
                    suggestion: Some(suggestion),
                    related: vec![(
                        enforcement.manifest().file.clone(),
                        policy.span,
                        "the policy",
                    )],
                }));
            }
        }
    }
}

/// `config.threshold` as written (an int or a float; upstream compares it with `>`).
enum Threshold {
    Int(i128),
    Float(f64),
}

impl Threshold {
    fn exceeded_by(&self, count: usize) -> bool {
        match self {
            Threshold::Int(limit) => (count as i128) > *limit,
            Threshold::Float(limit) => (count as f64) > *limit,
        }
    }

    /// As Python prints it.
    fn python(&self) -> String {
        match self {
            Threshold::Int(limit) => limit.to_string(),
            Threshold::Float(limit) => python::repr_float(*limit),
        }
    }
}
