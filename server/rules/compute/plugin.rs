//! FL230: a compute plugin type upstream does not have.

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::compute::DUCKDB;
use crate::profiles::v1::IssueKind;
use crate::rules::{Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Flags a manifest whose `plugins.compute.type` names a compute plugin that does not exist
    /// upstream. `floe platform compile` looks the type up among the installed compute plugins
    /// to generate the dbt profile, and upstream ships exactly one: `duckdb`
    /// (floe-compute-duckdb). Reported at the type, with compile's `E301` wording.
    ///
    /// ## Why is this bad?
    /// Every product compiled with this manifest fails ("Compilation failed. Check input files
    /// and configuration.", exit 7); the reason, `E301 Compute plugin 'snowflake' not found`, is
    /// only in a log line. The manifest's schema accepts any type, and upstream's documentation
    /// mentions Spark and Snowflake, which have no plugin.
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   compute:
    ///     type: snowflake
    /// ```
    ///
    /// ## Fix
    /// Use `type: duckdb`, the only compute plugin upstream has.
    pub struct ComputePluginNotFound(META) = ("FL230", "compute-plugin-not-found", CrossFile, Error, "`plugins.compute.type` names a compute plugin upstream does not have (only `duckdb`)");
}

impl Rule for ComputePluginNotFound {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        super::report(
            manifest,
            IssueKind::PluginNotFound,
            |issue| {
                Diagnostic::new(&META, &manifest.file, issue.span, issue.message.clone())
                    .with_help(format!(
                        "`floe platform compile` fails with E301 for every product using this manifest: upstream ships only the `{DUCKDB}` compute plugin"
                    ))
            },
            out,
        );
    }
}
