//! FL231: DuckDB's `generate_dbt_profile` raises on the compute config (compile's `E303`).

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::compute::DUCKDB;
use crate::profiles::v1::IssueKind;
use crate::rules::{Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Runs what the DuckDB compute plugin's `generate_dbt_profile` does with
    /// `plugins.compute.config` and reports each place it raises, with the exception's own
    /// text: a `path` containing `..` ("path traversal"), a `path` made only of `/ \ . _ - :`,
    /// a `path` that is not a string, an `attach` entry without `path`, an attach option key
    /// outside `access_mode, catalog_uri, read_only, schema, type`, and `settings`, `attach` or
    /// `options` of a type the plugin cannot iterate.
    ///
    /// ## Why is this bad?
    /// `floe platform compile` fails for every product using this manifest with `E303 Failed to
    /// generate dbt profile for 'duckdb'`, printed only as "Compilation failed"; the reason is
    /// in a log line's suggestion. The manifest's schema accepts any `config`. Upstream stops at
    /// the first failure; this reports all of them.
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   compute:
    ///     type: duckdb
    ///     config:
    ///       path: ../warehouse/{product_slug}.duckdb
    ///       attach:
    ///         - path: iceberg:polaris
    ///           options: {token: abc}
    /// ```
    ///
    /// ## Fix
    /// Use an absolute or plain relative database path (`/tmp/floe/{product_slug}.duckdb`), give
    /// every attach entry a `path`, and keep attach options to the allowed keys.
    pub struct DbtProfileFails(META) = ("FL231", "dbt-profile-fails", CrossFile, Error, "The DuckDB compute plugin cannot generate the dbt profile from `plugins.compute.config` (compile E303)");
}

impl Rule for DbtProfileFails {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        super::report(
            manifest,
            IssueKind::ProfileFailed,
            |issue| {
                Diagnostic::new(
                    &META,
                    &manifest.file,
                    issue.span,
                    format!(
                        "Failed to generate dbt profile for '{DUCKDB}': {}",
                        issue.message
                    ),
                )
                .with_help(
                    "`floe platform compile` fails with E303 for every product using this manifest",
                )
            },
            out,
        );
    }
}
