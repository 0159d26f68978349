//! `governance.naming` applied to the transforms' names (FLOE-E201).

use regex::Regex;

use super::{Enforcement, Violation};
use crate::declare_rule;
use crate::dialect::v1::compile::{
    EnforcementLevel, KIMBALL_PATTERN, KIMBALL_SUGGESTIONS, MEDALLION_PATTERN,
    MEDALLION_SUGGESTIONS, NamingPattern,
};
use crate::rules::{Context, Rule, Sink};
use crate::syntax::pattern::LazyRegex;

declare_rule! {
    /// ## What it does
    /// When the manifest sets `governance.naming`, reports each transform whose name does not
    /// follow the convention, with upstream's message (FLOE-E201 "Model name 'stg_orders' does
    /// not match medallion naming convention") and its rename suggestion:
    ///
    /// - `medallion` (the default): `^(bronze|silver|gold)_[a-z][a-z0-9_]*$`;
    /// - `kimball`: `^(dim|fact|bridge|hub|link|sat)_[a-z][a-z0-9_]*$`;
    /// - `custom`: any of `custom_patterns`, matched from the start of the name as Python's
    /// `re.match` does (a pattern Rust's regex engine cannot compile, e.g. with look-around, is
    /// not judged).
    ///
    /// `naming.enforcement: 'off'` checks nothing; `warn` (the default) makes the violations
    /// warnings; `strict` makes them errors, which fail `floe platform compile` only when
    /// `policy_enforcement_level` is `strict` too (at `warn` every violation is a warning).
    ///
    /// ## Why is this bad?
    /// The platform team asked for a naming convention; under strict enforcement the product
    /// does not compile. Upstream's own demo names (`stg_*`, `int_*`, `mart_*`) fail medallion.
    ///
    /// ## Example
    /// ```yaml
    /// # manifest.yaml
    /// governance:
    ///   naming: {pattern: medallion, enforcement: strict}
    /// # floe.yaml
    /// transforms:
    ///   - name: stg_orders
    /// ```
    ///
    /// ## Fix
    /// Rename the transform (`bronze_orders`), or change the convention in the manifest.
    pub struct GovernanceNaming(GOVERNANCE_NAMING) = ("FL214", "governance-naming", CrossFile, Warning, "A transform's name breaks the manifest's naming convention (FLOE-E201)");
}

static MEDALLION: LazyRegex = LazyRegex::new(MEDALLION_PATTERN);
static KIMBALL: LazyRegex = LazyRegex::new(KIMBALL_PATTERN);

impl Rule for GovernanceNaming {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(enforcement) = Enforcement::of(cx) else {
            return;
        };
        let Some(naming) = enforcement.governance().naming() else {
            return;
        };
        let Some(pattern) = naming.pattern else {
            return;
        };
        if naming.enforcement == EnforcementLevel::Off {
            return;
        }
        // `re.match`: anchored at the start only. A pattern Rust cannot compile is undecided.
        let custom: Vec<Option<Regex>> = naming
            .custom_patterns
            .iter()
            .map(|p| Regex::new(&format!(r"\A(?:{p})")).ok())
            .collect();
        for transform in enforcement.product.transforms() {
            let Some((name, span)) = transform.name() else {
                continue;
            };
            let matches = match pattern {
                NamingPattern::Medallion => MEDALLION.is_match(name),
                NamingPattern::Kimball => KIMBALL.is_match(name),
                NamingPattern::Custom if custom.is_empty() => Some(false),
                NamingPattern::Custom => {
                    if custom.iter().flatten().any(|re| re.is_match(name)) {
                        Some(true)
                    } else if custom.iter().all(Option::is_some) {
                        Some(false)
                    } else {
                        None
                    }
                }
            };
            if matches != Some(false) {
                continue;
            }
            out.push(enforcement.finding(Violation {
                rule: &GOVERNANCE_NAMING,
                code: "FLOE-E201",
                message: format!(
                    "Model name '{name}' does not match {} naming convention",
                    pattern.value()
                ),
                upstream_error: naming.enforcement == EnforcementLevel::Strict,
                span,
                suggestion: Some(suggestion(pattern, name, &naming.custom_patterns)),
                related: vec![(
                    enforcement.manifest().file.clone(),
                    naming.entry.key.span,
                    "the naming convention",
                )],
            }));
        }
    }
}

/// Upstream's rename suggestion (`NamingValidator._generate_suggestion`).
fn suggestion(pattern: NamingPattern, name: &str, custom: &[&str]) -> String {
    match pattern {
        NamingPattern::Medallion => {
            for (prefix, replacement) in MEDALLION_SUGGESTIONS {
                if let Some(base) = name.strip_prefix(prefix) {
                    let layer = match replacement {
                        "bronze_" => "raw/landing",
                        "silver_" => "cleansed/transformed",
                        "gold_" => "aggregated/presentation",
                        _ => "data",
                    };
                    return format!(
                        "Rename to '{replacement}{base}'. The '{prefix}' prefix suggests this is a {layer} layer model."
                    );
                }
            }
            format!(
                "Rename to 'bronze_{name}', 'silver_{name}', or 'gold_{name}'. Choose the prefix based on the data layer: bronze (raw), silver (transformed), gold (aggregated)."
            )
        }
        NamingPattern::Kimball => {
            for (prefix, replacement) in KIMBALL_SUGGESTIONS {
                if let Some(base) = name.strip_prefix(prefix) {
                    return format!(
                        "Rename to '{replacement}{base}' or 'dim_{base}'. Choose based on model purpose: dim_ (dimension), fact_ (transactional), bridge_ (many-to-many)."
                    );
                }
            }
            format!(
                "Rename to 'dim_{name}', 'fact_{name}', or 'bridge_{name}'. Choose the prefix based on model type: dim (dimension/lookup), fact (transactional/metrics), bridge (many-to-many)."
            )
        }
        NamingPattern::Custom => {
            // Upstream: the literal prefix after `^` of each of the first three patterns.
            let examples: Vec<String> = custom
                .iter()
                .take(3)
                .filter_map(|p| {
                    let prefix: String = p
                        .strip_prefix('^')?
                        .chars()
                        .take_while(|c| c.is_ascii_alphabetic() || *c == '_')
                        .collect();
                    (!prefix.is_empty()).then(|| format!("{prefix}{name}"))
                })
                .collect();
            if examples.is_empty() {
                "Rename to match one of the configured custom patterns".to_owned()
            } else {
                format!("Rename to match one of: {}", examples.join(", "))
            }
        }
    }
}
