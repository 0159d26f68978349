//! Governance values the manifest's schema accepts and compile rejects: `ResolvedGovernance`
//! (ENFORCE stage) bounds two fields the manifest model only bounds below.

use super::platform;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::compile::{self as key, MAX_DEFAULT_TTL_HOURS, MAX_SNAPSHOT_KEEP_LAST};
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports `governance.default_ttl_hours` above 8760 and `governance.snapshot_keep_last`
    /// above 100, with pydantic's message (`Input should be less than or equal to 8760`).
    ///
    /// ## Why is this bad?
    /// The manifest's schema only asks for values ≥ 1, so the file validates; but `floe
    /// platform compile` copies governance into its `ResolvedGovernance` model, whose limits are
    /// 8760 hours (one year) and 100 snapshots, and fails there with a bare validation error
    /// (hidden behind "Compilation failed. Check input files and configuration.").
    ///
    /// ## Example
    /// ```yaml
    /// governance:
    ///   default_ttl_hours: 17520     # two years
    ///   snapshot_keep_last: 500
    /// ```
    ///
    /// ## Fix
    /// Stay within compile's limits: `default_ttl_hours: 8760`, `snapshot_keep_last: 100`.
    pub struct GovernanceOutOfRange(GOVERNANCE_OUT_OF_RANGE) = ("FL212", "governance-out-of-range", CrossFile, Error, "A governance value the schema accepts but compile rejects (over its limit)");
}

/// The bounded fields and their limits.
const LIMITS: [(&str, i128, &str); 2] = [
    (
        key::DEFAULT_TTL_HOURS,
        MAX_DEFAULT_TTL_HOURS,
        "hours (one year)",
    ),
    (key::SNAPSHOT_KEEP_LAST, MAX_SNAPSHOT_KEEP_LAST, "snapshots"),
];

impl Rule for GovernanceOutOfRange {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some((manifest, platform)) = platform(cx) else {
            return;
        };
        let Some(governance) = platform.governance() else {
            return;
        };
        for (field, limit, unit) in LIMITS {
            let Some((value, span)) = governance.integer(field) else {
                continue;
            };
            if value > limit {
                out.push(
                    Diagnostic::new(
                        &GOVERNANCE_OUT_OF_RANGE,
                        &manifest.file,
                        span,
                        format!("Input should be less than or equal to {limit}: `floe platform compile` rejects this although the manifest's schema accepts it"),
                    )
                    .with_help(format!(
                        "The manifest's model only asks for `{}.{field}` ≥ 1; compile's ResolvedGovernance allows at most {limit} {unit} and fails (ENFORCE stage).",
                        key::GOVERNANCE
                    )),
                );
            }
        }
    }
}
