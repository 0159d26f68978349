//! Governance controls that fail compile by themselves: `rbac` (FLOE-E500, an upstream bug)
//! and `network_policies` (FLOE-E700, without the network-security plugin).

use super::{Governed, Violation};
use crate::declare_rule;
use crate::dialect::v1::compile as key;
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports `governance.rbac.enabled: true`: `floe platform compile` then always reports
    /// FLOE-E500 "RBAC check failed: identity_plugin must not be None when RBAC is enabled".
    ///
    /// ## Why is this bad?
    /// This is an upstream bug: compile never passes an identity plugin to its RBAC check, so the
    /// check can never pass, whatever the identity plugin or the principal. Under
    /// `policy_enforcement_level: strict` no product can compile with this manifest; under
    /// `warn` every compile logs the warning.
    ///
    /// ## Example
    /// ```yaml
    /// governance:
    ///   policy_enforcement_level: strict
    ///   rbac:
    ///     enabled: true
    /// ```
    ///
    /// ## Fix
    /// Keep `rbac.enabled: false` (or the level at `warn`) until upstream wires the identity
    /// plugin into compile.
    pub struct GovernanceRbac(GOVERNANCE_RBAC) = ("FL220", "governance-rbac", CrossFile, Warning, "`rbac.enabled: true` can never pass compile (FLOE-E500, upstream bug)");
}

declare_rule! {
    /// ## What it does
    /// Reports `governance.network_policies.enabled: true`: compile then needs a network
    /// security plugin (entry point group `floe.network_security`, upstream's
    /// floe-network-security-k8s) and reports FLOE-E700 "network policy check failed: No network
    /// security plugins found. …" where none is installed.
    ///
    /// ## Why is this bad?
    /// Whether the product compiles depends on a package installed beside the compiler, not on
    /// the two files; under `policy_enforcement_level: strict` a compile without the plugin
    /// fails. floe-lint cannot see what is installed, so it reports the dependency.
    ///
    /// ## Example
    /// ```yaml
    /// governance:
    ///   network_policies:
    ///     enabled: true
    /// ```
    ///
    /// ## Fix
    /// Install floe-network-security-k8s wherever `floe platform compile` runs, or disable
    /// network policies in the manifest.
    pub struct GovernanceNetworkPolicy(GOVERNANCE_NETWORK_POLICY) = ("FL221", "governance-network-policy", CrossFile, Warning, "`network_policies.enabled: true` fails compile without the network-security plugin (FLOE-E700)");
}

impl Rule for GovernanceRbac {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(governed) = Governed::of(cx) else {
            return;
        };
        let Some(span) = governed.governance.enabled(key::RBAC) else {
            return;
        };
        out.push(governed.finding_in(
            governed.manifest,
            Violation {
                rule: &GOVERNANCE_RBAC,
                code: "FLOE-E500",
                message: "RBAC check failed: identity_plugin must not be None when RBAC is enabled".to_owned(),
                upstream_error: true,
                span,
                suggestion: Some("Upstream bug: compile never passes an identity plugin to its RBAC check, so it fails whatever is configured.".to_owned()),
                related: Vec::new(),
            },
        ));
    }
}

impl Rule for GovernanceNetworkPolicy {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(governed) = Governed::of(cx) else {
            return;
        };
        let Some(span) = governed.governance.enabled(key::NETWORK_POLICIES) else {
            return;
        };
        out.push(governed.finding_in(
            governed.manifest,
            Violation {
                rule: &GOVERNANCE_NETWORK_POLICY,
                code: "FLOE-E700",
                message: "network policy check failed: No network security plugins found. Ensure a plugin is installed with entry point group 'floe.network_security'".to_owned(),
                upstream_error: true,
                span,
                suggestion: Some("Compile reports this only where no network security plugin (floe-network-security-k8s) is installed beside it.".to_owned()),
                related: Vec::new(),
            },
        ));
    }
}
