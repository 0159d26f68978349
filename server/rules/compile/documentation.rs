//! `governance.quality_gates.require_descriptions` applied to the transforms (FLOE-E220).

use super::{Enforcement, Violation};
use crate::declare_rule;
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// When the manifest sets `governance.quality_gates.require_descriptions: true`, reports
    /// every transform with upstream's message (FLOE-E220 "Model 'x' is missing a
    /// description."): a warning under `policy_enforcement_level: warn`, an error under
    /// `strict`.
    ///
    /// ## Why is this bad?
    /// Compile checks descriptions on a dbt manifest it builds from floe.yaml, and floe.yaml has
    /// no field for a model's description (`transforms[].description` is rejected by the
    /// schema): the gate fails for **every** transform, whatever the dbt project documents.
    /// Under `strict` no product can compile with this manifest.
    ///
    /// ## Example
    /// ```yaml
    /// governance:
    ///   policy_enforcement_level: strict
    ///   quality_gates:
    ///     require_descriptions: true
    /// ```
    ///
    /// ## Fix
    /// Until upstream reads descriptions from somewhere, set `require_descriptions: false` (or
    /// keep the level at `warn`).
    pub struct GovernanceMissingDescription(GOVERNANCE_MISSING_DESCRIPTION) = ("FL215", "governance-missing-description", CrossFile, Warning, "`require_descriptions: true` fails every transform (FLOE-E220)");
}

impl Rule for GovernanceMissingDescription {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(enforcement) = Enforcement::of(cx) else {
            return;
        };
        let Some(gate) = enforcement.governance().require_descriptions() else {
            return;
        };
        for transform in enforcement.product.transforms() {
            let Some((name, span)) = transform.name() else {
                continue;
            };
            out.push(enforcement.finding(Violation {
                rule: &GOVERNANCE_MISSING_DESCRIPTION,
                code: "FLOE-E220",
                message: format!("Model '{name}' is missing a description."),
                upstream_error: true,
                span,
                suggestion: Some(
                    "floe.yaml has no field for a model's description, so compile's check fails for every transform whatever the dbt project documents.".to_owned(),
                ),
                related: vec![(
                    enforcement.manifest().file.clone(),
                    gate,
                    "descriptions are required here",
                )],
            }));
        }
    }
}
