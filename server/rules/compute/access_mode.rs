//! FL234: `access_mode` in the DuckDB compute config, which dbt cannot apply.

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::profiles::v1::IssueKind;
use crate::rules::{Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Flags `access_mode` in `plugins.compute.config`, at its top level or under `settings`.
    /// The DuckDB compute plugin writes it into the dbt profile's `settings` (it moves a
    /// top-level `access_mode` there on purpose), and dbt-duckdb applies every setting with
    /// `SET access_mode = '…'` on the database it has just opened, which DuckDB refuses whatever
    /// the value: "Cannot change access_mode setting while database is running - it must be set
    /// when opening or attaching the database".
    ///
    /// ## Why is this bad?
    /// Compile passes, and then every dbt run of every product using this manifest stops at the
    /// connection ("dbt was unable to connect to the specified database"). floe-lint's real-dbt
    /// test (dbt-core 1.11, dbt-duckdb 1.11, DuckDB 1.5.5) shows it.
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   compute:
    ///     type: duckdb
    ///     config:
    ///       path: /tmp/floe/{product_slug}.duckdb
    ///       access_mode: READ_WRITE
    /// ```
    ///
    /// ## Fix
    /// Remove `access_mode` (DuckDB opens a file read-write by default). For a read-only
    /// database, attach it with `attach: [{path: …, alias: …, options: {read_only: true}}]`.
    pub struct AccessModeSetting(META) = ("FL234", "duckdb-access-mode-setting", CrossFile, Error, "`access_mode` in the DuckDB compute config, which dbt-duckdb applies after opening the database and DuckDB refuses");
}

impl Rule for AccessModeSetting {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        super::report(
            manifest,
            IssueKind::RefusedByDuckDb,
            |issue| {
                Diagnostic::new(&META, &manifest.file, issue.span, issue.message.clone())
                    .with_help("remove `access_mode`: the DuckDB compute plugin cannot pass it at open time (dbt-duckdb's `config_options`); attach a database with `options: {read_only: true}` to read it only")
            },
            out,
        );
    }
}
