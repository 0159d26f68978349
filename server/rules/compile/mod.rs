//! `floe platform compile`'s checks across a Generation B product (`kind: FloeSpec`) and its
//! manifest (spec §6), as rules. Upstream stops at the first failure and prints one generic line
//! (`Compilation failed. Check input files and configuration.`); here every failure is reported
//! at the key or value that causes it, with upstream's wording and its code (`E201`,
//! `FLOE-DQ001`, `FLOE-E301`, …) in the message so that it can be matched with upstream's log.
//!
//! - [`plugins`]: required plugins (`E201`), quality provider (`FLOE-DQ001`);
//! - [`ranges`]: governance limits stricter than the schema;
//! - [`sinks`]: `approved_sinks` against `destinations[].sink_type`;
//! - governance enforcement on the transforms, at the severity the manifest's enforcement level
//!   gives ([`Enforcement`]): [`naming`], [`documentation`], [`dependencies`], [`custom_rules`],
//!   [`policies`], [`controls`];
//! - [`unenforced`]: what upstream documents as forbidden and never checks.

pub mod controls;
pub mod custom_rules;
pub mod dependencies;
pub mod documentation;
pub mod naming;
pub mod plugins;
pub mod policies;
pub mod ranges;
pub mod sinks;
pub mod unenforced;

use std::path::Path;
use std::sync::Arc;

use super::Context;
use crate::diagnostic::rule_meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::dialect::v1::compile::{self as key, EnforcementLevel};
use crate::dialect::v1::governance::{Governance, Level};
use crate::dialect::v1::platform::Platform;
use crate::dialect::v1::product::Product;
use crate::syntax::Document;

/// The product of a project, when it is loaded.
fn product<'a>(cx: &Context<'a>) -> Option<(&'a Document, Product<'a>)> {
    let spec = cx.spec.filter(|d| d.loadable)?;
    Some((spec, Product::of(spec)?))
}

/// The manifest of a project, when it is loaded.
fn platform<'a>(cx: &Context<'a>) -> Option<(&'a Document, Platform<'a>)> {
    let manifest = cx.manifest.filter(|d| d.loadable)?;
    Some((manifest, Platform::of(manifest)?))
}

/// A manifest's governance as compile enforces it: present, and at a level other than `off`.
pub struct Governed<'a> {
    pub manifest: &'a Document,
    pub governance: Governance<'a>,
    pub level: Level,
}

impl<'a> Governed<'a> {
    /// The project's manifest's governance, if compile would enforce it.
    pub fn of(cx: &Context<'a>) -> Option<Governed<'a>> {
        let (manifest, platform) = platform(cx)?;
        let governance = platform.governance()?;
        let level = governance.level();
        (level.level != EnforcementLevel::Off).then_some(Governed {
            manifest,
            governance,
            level,
        })
    }

    /// The severity of a violation upstream raises as an error (`upstream_error`) or a warning:
    /// under `warn` every violation is downgraded to a warning; under `strict` an error stays
    /// one (and makes compile fail).
    pub fn severity(&self, upstream_error: bool) -> Severity {
        if upstream_error && self.level.level == EnforcementLevel::Strict {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// A finding at `violation.span` of `document`: `[code] message`, the suggestion and what
    /// the enforcement level makes of it in the help, the level's value in the manifest as a
    /// related location.
    pub fn finding_in(&self, document: &Document, violation: Violation<'_>) -> Diagnostic {
        let severity = self.severity(violation.upstream_error);
        let consequence = consequence(self.level.level, severity);
        let help = match violation.suggestion {
            Some(suggestion) => format!("{suggestion}\n{consequence}"),
            None => consequence,
        };
        let (span, what) = match self.level.span {
            Some(span) => (
                span,
                format!(
                    "governance is enforced at `{}: {}`",
                    key::POLICY_ENFORCEMENT_LEVEL,
                    self.level.level.value()
                ),
            ),
            None => (
                self.governance.entry.key.span,
                format!(
                    "`{}` is set without `{}`: compile enforces it at `warn`",
                    key::GOVERNANCE,
                    key::POLICY_ENFORCEMENT_LEVEL
                ),
            ),
        };
        let mut diagnostic = Diagnostic::new(
            violation.rule,
            &document.file,
            violation.span,
            format!("[{}] {}", violation.code, violation.message),
        )
        .with_severity(severity)
        .with_help(help)
        .with_related(&self.manifest.file, span, what);
        for (file, span, message) in violation.related {
            diagnostic = diagnostic.with_related(&file, span, message);
        }
        diagnostic
    }
}

/// Governance enforcement as compile runs it on one product (ENFORCE, after the dbt profile):
/// only when the manifest has `governance` and its level is not `off`.
pub struct Enforcement<'a> {
    pub spec: &'a Document,
    pub product: Product<'a>,
    pub governed: Governed<'a>,
}

impl<'a> Enforcement<'a> {
    /// The enforcement of a project's product, if compile would run one.
    pub fn of(cx: &Context<'a>) -> Option<Enforcement<'a>> {
        let (spec, product) = product(cx)?;
        Some(Enforcement {
            spec,
            product,
            governed: Governed::of(cx)?,
        })
    }

    pub fn manifest(&self) -> &'a Document {
        self.governed.manifest
    }

    pub fn governance(&self) -> &Governance<'a> {
        &self.governed.governance
    }

    /// A finding about the product, at `violation.span` of floe.yaml (see
    /// [`Governed::finding_in`]).
    pub fn finding(&self, violation: Violation<'_>) -> Diagnostic {
        self.governed.finding_in(self.spec, violation)
    }
}

/// One governance violation, as upstream's enforcement reports it.
pub struct Violation<'m> {
    pub rule: &'static RuleMeta,
    /// Upstream's code, e.g. `FLOE-E301`.
    pub code: &'static str,
    /// Upstream's message.
    pub message: String,
    /// Whether upstream raises it as an error (before the level downgrades it).
    pub upstream_error: bool,
    pub span: Span,
    /// Upstream's suggestion or floe-lint's, for the help.
    pub suggestion: Option<String>,
    /// Further locations (the manifest setting that asks for the check).
    pub related: Vec<(Arc<Path>, Span, &'m str)>,
}

/// What a finding means for `floe platform compile`, by level and severity.
fn consequence(level: EnforcementLevel, severity: Severity) -> String {
    match (level, severity) {
        (EnforcementLevel::Strict, Severity::Error) => format!(
            "Under `{}: strict` `floe platform compile` fails on this (PolicyEnforcementError).",
            key::POLICY_ENFORCEMENT_LEVEL
        ),
        (EnforcementLevel::Strict, _) => format!(
            "Upstream raises this one as a warning, even under `{}: strict`: compile logs it and passes.",
            key::POLICY_ENFORCEMENT_LEVEL
        ),
        _ => format!(
            "At `{}: warn` (compile's default) compile logs this as a warning and passes; under `strict` it fails (PolicyEnforcementError).",
            key::POLICY_ENFORCEMENT_LEVEL
        ),
    }
}

/// Python's `fnmatch.fnmatch` on POSIX (case-sensitive): `*`, `?`, `[seq]`, `[!seq]`; a `[`
/// without its `]` is a literal. Used for `custom_rules[].applies_to`.
pub fn fnmatch(name: &str, pattern: &str) -> bool {
    let name: Vec<char> = name.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    // Iterative wildcard matching with one backtrack point for `*` (linear enough for names).
    let (mut n, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
                continue;
            }
            Some('?') => {
                n += 1;
                p += 1;
                continue;
            }
            Some('[') => {
                if let Some((matched, next)) = class(&pattern, p, name[n]) {
                    if matched {
                        n += 1;
                        p = next;
                        continue;
                    }
                } else if name[n] == '[' {
                    n += 1;
                    p += 1;
                    continue;
                }
            }
            Some(c) if *c == name[n] => {
                n += 1;
                p += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((star_p, star_n)) => {
                p = star_p + 1;
                n = star_n + 1;
                star = Some((star_p, star_n + 1));
            }
            None => return false,
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

/// A `[…]` class at `pattern[start]`: whether `c` is in it and where the pattern continues;
/// `None` when the class is not closed (then `[` is a literal).
fn class(pattern: &[char], start: usize, c: char) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negated = matches!(pattern.get(i), Some('!'));
    if negated {
        i += 1;
    }
    let first = i;
    let mut found = false;
    loop {
        let current = *pattern.get(i)?;
        if current == ']' && i > first {
            return Some((found != negated, i + 1));
        }
        if pattern.get(i + 1) == Some(&'-') && pattern.get(i + 2).is_some_and(|e| *e != ']') {
            let end = *pattern.get(i + 2)?;
            found |= current <= c && c <= end;
            i += 3;
        } else {
            found |= current == c;
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fnmatch;

    #[test]
    fn fnmatch_as_python() {
        for (name, pattern, expected) in [
            ("stg_orders", "*", true),
            ("stg_orders", "stg_*", true),
            ("mart_orders", "stg_*", false),
            ("gold_a", "gold_?", true),
            ("gold_ab", "gold_?", false),
            ("a1", "a[0-9]", true),
            ("ab", "a[!0-9]", true),
            ("a1", "a[!0-9]", false),
            ("a[", "a[", true),
            ("a]", "a[]]", true),
            ("abc", "*b*", true),
            ("abc", "*d*", false),
            ("", "*", true),
            ("Gold_a", "gold_*", false),
        ] {
            assert_eq!(fnmatch(name, pattern), expected, "{name} {pattern}");
        }
    }
}
