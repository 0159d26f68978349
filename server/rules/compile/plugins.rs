//! `plugins` as compile needs it: the two required plugins (RESOLVE, `E201`) and the quality
//! provider (VALIDATE, `FLOE-DQ001`).

use super::{platform, product};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::compile::{self as key, QUALITY_PROVIDERS, REQUIRED_PLUGINS};
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports a manifest without `plugins.compute` or without `plugins.orchestrator` (either
    /// missing or `null`): `floe platform compile` fails with `E201` "Required plugin 'compute'
    /// not found in platform manifest" (then the same for `orchestrator`), whatever the product.
    ///
    /// ## Why is this bad?
    /// The manifest's schema accepts `plugins: {}`, so nothing but compile says so, and compile
    /// stops at the first missing plugin and prints only "Compilation failed. Check input files
    /// and configuration." (exit 7). Both missing plugins are reported here at once.
    /// `defaults.compute` does not replace a missing compute plugin.
    ///
    /// The finding is at the `plugins` key (at `compute:` itself when it is written as `null`),
    /// with the product it was checked with as a related location. Without any `plugins`
    /// mapping the schema's finding (`FL101`/`FL102` at the root or the key) comes first and this
    /// rule stays quiet.
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   catalog:
    ///     type: polaris
    /// ```
    ///
    /// ## Fix
    /// Select both plugins (upstream ships `duckdb` and `dagster`):
    /// ```yaml
    /// plugins:
    ///   compute:
    ///     type: duckdb
    ///   orchestrator:
    ///     type: dagster
    /// ```
    pub struct MissingRequiredPlugin(MISSING_REQUIRED_PLUGIN) = ("FL210", "missing-required-plugin", CrossFile, Error, "The manifest lacks `plugins.compute` or `plugins.orchestrator` (compile E201)");
}

declare_rule! {
    /// ## What it does
    /// Reports a `plugins.quality.provider` that is not one of the providers compile accepts
    /// (`great_expectations`, `soda`, `dbt_expectations`), with upstream's message
    /// (`[FLOE-DQ001] Invalid quality provider …`).
    ///
    /// ## Why is this bad?
    /// The schema accepts any non-empty string; `floe platform compile` then fails in its
    /// VALIDATE stage. (`soda` passes compile although upstream ships no soda plugin.)
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   quality:
    ///     provider: soda-core
    /// ```
    ///
    /// ## Fix
    /// Use one of the listed providers: `provider: great_expectations`.
    pub struct UnknownQualityProvider(UNKNOWN_QUALITY_PROVIDER) = ("FL211", "unknown-quality-provider", CrossFile, Error, "`plugins.quality.provider` is not a provider compile accepts (FLOE-DQ001)");
}

impl Rule for MissingRequiredPlugin {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some((manifest, platform)) = platform(cx) else {
            return;
        };
        // Without a `plugins` mapping the schema's finding comes first.
        let Some(plugins) = platform.plugins() else {
            return;
        };
        for category in REQUIRED_PLUGINS {
            if platform.plugin(category).is_some() {
                continue;
            }
            // `compute: null` is written: point at it; else at `plugins`.
            let span = plugins
                .value
                .get(category)
                .map_or(plugins.key.span, |e| e.key.span);
            let mut help = format!(
                "Add {} {category} plugin to the manifest plugins section",
                if category == key::COMPUTE { "a" } else { "an" }
            );
            if category == key::COMPUTE
                && let Some((default, _)) = platform.default_compute()
            {
                help.push_str(&format!(
                    " (`{}.{}: {default}` does not replace it)",
                    key::DEFAULTS,
                    key::COMPUTE
                ));
            }
            help.push_str(
                ". `floe platform compile` stops here (RESOLVE stage) for every product.",
            );
            let mut diagnostic = Diagnostic::new(
                &MISSING_REQUIRED_PLUGIN,
                &manifest.file,
                span,
                format!("[E201] Required plugin '{category}' not found in platform manifest"),
            )
            .with_help(help);
            if let Some((spec, product)) = product(cx) {
                diagnostic = diagnostic.with_related(
                    &spec.file,
                    product.span(),
                    "this product is compiled with the manifest",
                );
            }
            out.push(diagnostic);
        }
    }
}

impl Rule for UnknownQualityProvider {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some((manifest, platform)) = platform(cx) else {
            return;
        };
        let Some((provider, span)) = platform.quality_provider() else {
            return;
        };
        // An empty provider is the schema's finding (`min_length=1`).
        if provider.is_empty() || QUALITY_PROVIDERS.contains(&provider) {
            return;
        }
        let available = QUALITY_PROVIDERS.join(", ");
        out.push(
            Diagnostic::new(
                &UNKNOWN_QUALITY_PROVIDER,
                &manifest.file,
                span,
                format!(
                    "[FLOE-DQ001] Invalid quality provider '{provider}'. Available providers: [{available}]. Resolution: Check manifest.yaml plugins.quality.provider; valid providers: {available}"
                ),
            )
            .with_help("The schema accepts any provider name; `floe platform compile` rejects it (VALIDATE stage)."),
        );
    }
}
