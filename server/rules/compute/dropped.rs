//! FL233: compute config keys the DuckDB profile drops without a word.

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::profiles::v1::IssueKind;
use crate::rules::{Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Flags keys of `plugins.compute.config` (and of its `attach` entries) that the DuckDB
    /// compute plugin never reads. It reads `path`, `extensions`, `settings`, `attach`,
    /// `memory_limit` and `access_mode` (the last two are moved under `settings`), and compile
    /// takes `threads` and `timeout_seconds`; an attach entry's `path`, `alias`, `type` and
    /// `options`. Everything else is left out of the dbt profile, silently.
    ///
    /// ## Why is this bad?
    /// The setting looks configured but never reaches dbt or DuckDB: a misspelt key
    /// (`memory_limt`), a DuckDB setting written at the wrong level (`s3_region` outside
    /// `settings`), or an option of another tool.
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   compute:
    ///     type: duckdb
    ///     config:
    ///       path: /tmp/floe/{product_slug}.duckdb
    ///       s3_region: eu-west-1
    /// ```
    ///
    /// ## Fix
    /// Move DuckDB settings under `settings:` (`settings: {s3_region: eu-west-1}`), fix the
    /// spelling, or remove the key.
    pub struct ComputeKeyDropped(META) = ("FL233", "compute-key-dropped", CrossFile, Warning, "A `plugins.compute.config` key the DuckDB dbt profile leaves out silently");
}

impl Rule for ComputeKeyDropped {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        super::report(
            manifest,
            IssueKind::Dropped,
            |issue| {
                Diagnostic::new(&META, &manifest.file, issue.span, issue.message.clone())
                    .with_help("DuckDB settings go under `settings:`; `floe-lint profiles` shows the profile the runtime writes")
            },
            out,
        );
    }
}
