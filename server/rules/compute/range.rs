//! FL232: `threads` or `timeout_seconds` outside `ComputeConfig`'s ranges.

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::compute::{
    THREADS, THREADS_DEFAULT, THREADS_RANGE, TIMEOUT_SECONDS, TIMEOUT_SECONDS_DEFAULT,
    TIMEOUT_SECONDS_RANGE,
};
use crate::profiles::v1::IssueKind;
use crate::rules::{Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Checks `plugins.compute.config.threads` (an integer from 1 to 64, default 4) and
    /// `timeout_seconds` (1 to 86400, default 3600) as `floe platform compile` does when it builds
    /// `ComputeConfig` for the dbt profile, with pydantic's wording (lax mode: `"8"` and `8.0`
    /// are 8).
    ///
    /// ## Why is this bad?
    /// The manifest's schema accepts any value in a plugin's `config`, so the manifest validates,
    /// and then compile fails mid-pipeline with a bare pydantic error for every product using it.
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   compute:
    ///     type: duckdb
    ///     config:
    ///       threads: 128
    ///       timeout_seconds: 0
    /// ```
    ///
    /// ## Fix
    /// Keep `threads` within 1–64 and `timeout_seconds` within 1–86400.
    pub struct ComputeConfigRange(META) = ("FL232", "compute-config-range", CrossFile, Error, "`plugins.compute.config` `threads` or `timeout_seconds` outside ComputeConfig's ranges");
}

impl Rule for ComputeConfigRange {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        super::report(
            manifest,
            IssueKind::ComputeConfig,
            |issue| {
                let (field, default, (min, max)) = if issue.pointer.ends_with(THREADS) {
                    (THREADS, THREADS_DEFAULT, THREADS_RANGE)
                } else {
                    (
                        TIMEOUT_SECONDS,
                        TIMEOUT_SECONDS_DEFAULT,
                        TIMEOUT_SECONDS_RANGE,
                    )
                };
                Diagnostic::new(&META, &manifest.file, issue.span, issue.message.clone())
                    .with_help(format!(
                        "`floe platform compile` builds ComputeConfig from plugins.compute.config and fails here, although the manifest's schema accepts it: `{field}` is an integer from {min} to {max} (default {default})"
                    ))
            },
            out,
        );
    }
}
