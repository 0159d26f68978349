use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::vocabulary as v1;
use crate::dialect::v1::{Category, Plugins};
use crate::rules::{Rule, Sink};
use crate::syntax::pydantic;
use crate::syntax::{Document, Entry};

declare_rule! {
    /// ## What it does
    /// Flags TLS certificate verification turned off in a Generation B manifest:
    /// `artifacts.registry.tls_verify: false` (the OCI registry platform and product artifacts
    /// are pushed to and pulled from), and `verify_ssl: false` in the Marquez lineage backend's
    /// or the Keycloak identity plugin's `config`.
    ///
    /// ## Why is this bad?
    /// Without verification, anyone on the network path can pose as the server. For the
    /// registry, that means serving tampered artifacts and reading the registry credentials
    /// (upstream's own description of `tls_verify`: "disable only for local testing"); for
    /// Keycloak, the keys that sign tokens are fetched unverified, so forged tokens validate;
    /// for Marquez, the lineage events and API key go to whoever answers. A manifest serves
    /// every environment, so a setting meant for a laptop reaches production.
    ///
    /// ## Example
    /// ```yaml
    /// artifacts:
    ///   registry:
    ///     uri: oci://registry.example.com/floe
    ///     auth: {type: aws-irsa}
    ///     tls_verify: false
    /// ```
    ///
    /// ## Fix
    /// Remove the setting (verification is on by default). For a registry or server with a
    /// private certificate authority, install that CA where the runtime runs instead of turning
    /// verification off.
    pub struct TlsVerificationDisabled(META) = ("FL306", "tls-verification-disabled", Security, Warning, "TLS certificate verification turned off in a Generation B manifest");
}

/// A setting that turns verification off, where it is and what it protects.
struct Setting<'d> {
    path: String,
    entry: &'d Entry,
    protects: &'static str,
}

fn settings(manifest: &Document) -> Vec<Setting<'_>> {
    let mut found = Vec::new();
    let registry = manifest
        .root
        .as_ref()
        .and_then(|root| root.get(v1::ARTIFACTS))
        .and_then(|artifacts| artifacts.value.get(v1::REGISTRY))
        .and_then(|registry| registry.value.get(v1::TLS_VERIFY));
    if let Some(entry) = registry {
        found.push(Setting {
            path: [v1::ARTIFACTS, v1::REGISTRY, v1::TLS_VERIFY].join("."),
            entry,
            protects: "the OCI registry's artifacts and the credentials sent to it",
        });
    }
    let plugins = Plugins::of(manifest);
    let verified = [
        (
            Category::LineageBackend,
            v1::MARQUEZ,
            "lineage events and the Marquez API key",
        ),
        (
            Category::Identity,
            v1::KEYCLOAK,
            "the keys Keycloak signs tokens with (forged tokens would validate)",
        ),
    ];
    for (category, plugin_type, protects) in verified {
        let Some(plugin) = plugins.and_then(|p| p.get(category)) else {
            continue;
        };
        if !plugin.is(plugin_type) {
            continue;
        }
        if let Some(entry) = plugin.setting(v1::VERIFY_SSL) {
            found.push(Setting {
                path: [
                    v1::PLUGINS,
                    category.key(),
                    v1::PLUGIN_CONFIG,
                    v1::VERIFY_SSL,
                ]
                .join("."),
                entry,
                protects,
            });
        }
    }
    found
}

impl Rule for TlsVerificationDisabled {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        for setting in settings(manifest) {
            if pydantic::bool_value(&setting.entry.value) != Some(false) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    &manifest.file,
                    setting.entry.value.span,
                    format!(
                        "`{}` turns TLS certificate verification off: anyone on the network path can pose as the server and read or alter {}",
                        setting.path, setting.protects
                    ),
                )
                .with_help("remove it (verification is on by default); for a private certificate authority, install the CA where the runtime runs. A manifest serves every environment: a setting for local testing reaches production"),
            );
        }
    }
}
