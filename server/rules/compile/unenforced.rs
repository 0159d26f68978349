//! What upstream documents as forbidden and compile never checks (spec §6.4): a transform's
//! `compute`, `approved_products`, `defaults.compute`. Warnings that say upstream does not
//! enforce them.

use super::{platform, product};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::compile::{self as key, APPROVED_PRODUCTS};
use crate::dialect::v1::platform::Platform;
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports a transform's `compute` that is not the manifest's `plugins.compute.type`, or not
    /// in its `approved_plugins.compute` when that list is set.
    ///
    /// ## Why is this bad?
    /// Upstream's FloeSpec documents that a transform's compute "must be in platform's
    /// approved_plugins (validated at compilation)" and its architecture docs say "DON'T: Use
    /// Unapproved Compute", but compile checks neither: it records the value in the compiled
    /// artifacts and generates the dbt profile from `plugins.compute` alone (only DuckDB ships),
    /// so the model silently runs on the platform's compute, not the one written here.
    ///
    /// ## Example
    /// ```yaml
    /// transforms:
    ///   - name: int_customer_orders
    ///     compute: spark      # the manifest's plugins.compute is duckdb
    /// ```
    ///
    /// ## Fix
    /// Remove `compute` (the platform's compute is used anyway), or select that compute in the
    /// manifest.
    pub struct UnenforcedTransformCompute(UNENFORCED_TRANSFORM_COMPUTE) = ("FL222", "unenforced-transform-compute", CrossFile, Warning, "A transform's `compute` is ignored and unchecked by compile");
}

declare_rule! {
    /// ## What it does
    /// Reports a product whose `metadata.name` is not in its domain manifest's
    /// `approved_products`.
    ///
    /// ## Why is this bad?
    /// The list says which products the domain allows, but upstream's compile never reads it:
    /// the product compiles anyway. The platform team's intent is not enforced.
    ///
    /// ## Example
    /// ```yaml
    /// # manifest.yaml (scope: domain)
    /// approved_products: [customer-360]
    /// # floe.yaml
    /// metadata:
    ///   name: churn-model
    /// ```
    ///
    /// ## Fix
    /// Add the product to `approved_products`, or do not build it on this platform.
    pub struct UnenforcedApprovedProducts(UNENFORCED_APPROVED_PRODUCTS) = ("FL223", "unenforced-approved-products", CrossFile, Warning, "The product is not in `approved_products`, which compile never checks");
}

declare_rule! {
    /// ## What it does
    /// Reports a manifest's `defaults.compute` that is not its `plugins.compute.type`, or not in
    /// `approved_plugins.compute` when that list is set.
    ///
    /// ## Why is this bad?
    /// Compile records it as the compute of every transform without its own, but generates the
    /// dbt profile from `plugins.compute` alone: the default is never applied, and never checked
    /// against anything (nor does it replace a missing `plugins.compute`).
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   compute: {type: duckdb}
    /// defaults:
    ///   compute: snowflake
    /// ```
    ///
    /// ## Fix
    /// Remove `defaults.compute`, or make it the selected compute plugin.
    pub struct UnenforcedDefaultCompute(UNENFORCED_DEFAULT_COMPUTE) = ("FL224", "unenforced-default-compute", CrossFile, Warning, "`defaults.compute` is ignored and unchecked by compile");
}

/// Why a compute value is not what runs: `None` when it is the selected plugin and approved.
fn compute_mismatch(platform: &Platform<'_>, compute: &str) -> Option<String> {
    let (selected, _) = platform.plugin_type(key::COMPUTE)?;
    let approved = platform.approved_plugins(key::COMPUTE);
    let mut reasons = Vec::new();
    if compute != selected {
        reasons.push(format!(
            "the dbt profile is generated from `{}.{}` ('{selected}'), so it runs on {selected}",
            key::PLUGINS,
            key::COMPUTE
        ));
    }
    if let Some(approved) = approved.filter(|a| !a.contains(compute)) {
        reasons.push(format!(
            "'{compute}' is not in `{}.{}` ([{}])",
            key::APPROVED_PLUGINS,
            key::COMPUTE,
            approved.joined()
        ));
    }
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

impl Rule for UnenforcedTransformCompute {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let (Some((spec, product)), Some((manifest, platform))) = (product(cx), platform(cx))
        else {
            return;
        };
        for transform in product.transforms() {
            let Some((compute, span)) = transform.compute() else {
                continue;
            };
            let Some(reason) = compute_mismatch(&platform, compute) else {
                continue;
            };
            let name = transform.name().map_or("this transform", |(name, _)| name);
            let mut diagnostic = Diagnostic::new(
                &UNENFORCED_TRANSFORM_COMPUTE,
                &spec.file,
                span,
                format!("`{name}` asks for compute '{compute}', which upstream's compile neither checks nor applies: {reason}"),
            )
            .with_help("Upstream documents a transform's compute as checked against `approved_plugins` at compile, but compile does not check or apply it (the override is silently ignored).");
            if let Some((_, selected)) = platform.plugin_type(key::COMPUTE) {
                diagnostic =
                    diagnostic.with_related(&manifest.file, selected, "the compute that runs");
            }
            out.push(diagnostic);
        }
    }
}

impl Rule for UnenforcedApprovedProducts {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let (Some((spec, product)), Some((manifest, platform))) = (product(cx), platform(cx))
        else {
            return;
        };
        let (Some(approved), Some((name, span))) =
            (platform.string_list(APPROVED_PRODUCTS), product.name())
        else {
            return;
        };
        if approved.contains(name) {
            return;
        }
        out.push(
            Diagnostic::new(
                &UNENFORCED_APPROVED_PRODUCTS,
                &spec.file,
                span,
                format!(
                    "product '{name}' is not in the manifest's `{APPROVED_PRODUCTS}` ([{}]); upstream does not enforce the list, so compile accepts it",
                    approved.joined()
                ),
            )
            .with_help("Add the product to `approved_products`, or build it on another platform.")
            .with_related(&manifest.file, approved.entry.key.span, "the approved products"),
        );
    }
}

impl Rule for UnenforcedDefaultCompute {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some((manifest, platform)) = platform(cx) else {
            return;
        };
        let Some((compute, span)) = platform.default_compute() else {
            return;
        };
        // Without `plugins.compute` there is nothing to compare with: missing-required-plugin
        // (FL210) says that the default does not replace it.
        let Some(reason) = compute_mismatch(&platform, compute) else {
            return;
        };
        out.push(
            Diagnostic::new(
                &UNENFORCED_DEFAULT_COMPUTE,
                &manifest.file,
                span,
                format!("`{}.{}: {compute}` is neither checked nor applied by upstream's compile: {reason}", key::DEFAULTS, key::COMPUTE),
            )
            .with_help("Compile records it as the compute of transforms without their own, but does not check or apply it."),
        );
    }
}
