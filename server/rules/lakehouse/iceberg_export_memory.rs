use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Span};
use crate::dialect::v1::vocabulary as v1;
use crate::dialect::v1::{Category, Plugin, Plugins};
use crate::rules::edit::{append_entry, fix, replace_scalar};
use crate::rules::walk::is_null;
use crate::rules::{Rule, Sink};
use crate::syntax::{Document, Entry};

declare_rule! {
    /// ## What it does
    /// Flags a Generation B manifest whose DuckDB compute plugin keeps its database in memory
    /// while `plugins.catalog` and `plugins.storage` are both configured:
    /// `plugins.compute.config.path: ":memory:"`, a named in-memory database (`:memory:name`),
    /// or no `path` at all (the DuckDB plugin's default is `:memory:`).
    ///
    /// ## Why is this bad?
    /// With a catalog and a storage plugin, the runtime exports every table dbt built to
    /// Iceberg after `dbt run`, by opening the DuckDB file dbt wrote. An in-memory database is
    /// gone when dbt exits, so every run fails: upstream's export stops with
    /// "Configured Iceberg export requires a file-backed DuckDB profile path for product
    /// <name>; got ':memory:'." (a named in-memory database is looked for as a file in the
    /// project directory: "DuckDB output file is missing for configured Iceberg export").
    /// Compile accepts the manifest; only the first run tells. Upstream's CI checks its demo
    /// for exactly this ("must use a file-backed DuckDB path when catalog+storage Iceberg export
    /// is enabled").
    ///
    /// This is not `FL400` (a Generation A platform's in-memory DuckDB, a warning about state
    /// lost between connections): here the run fails, whatever FL400's severity is set to.
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   compute:
    ///     type: duckdb
    ///     config:
    ///       threads: 4
    ///   catalog:
    ///     type: polaris
    ///     config: {…}
    ///   storage:
    ///     type: s3
    ///     config: {…}
    /// ```
    ///
    /// Use instead (upstream's demo: one file per product, its directory created by the
    /// runtime):
    /// ```yaml
    ///   compute:
    ///     type: duckdb
    ///     config:
    ///       path: /tmp/floe/{product_slug}.duckdb
    ///       threads: 4
    /// ```
    ///
    /// ## Fix
    /// Give `plugins.compute.config.path` a file path. `--unsafe-fixes` writes
    /// `/tmp/floe/{product_slug}.duckdb` in place of `:memory:`, or adds it to a `config`
    /// block that has none (unsafe: it decides where each product's database lives).
    pub struct IcebergExportMemoryDatabase(META) = ("FL408", "iceberg-export-memory-database", Lakehouse, Error, "In-memory DuckDB while the manifest configures Iceberg export (catalog + storage)", fix: Sometimes);
}

/// How the compute `path` keeps the database in memory.
enum InMemory<'d> {
    /// No `path`: the DuckDB plugin uses `:memory:`.
    Default,
    /// `path: ":memory:"`, or a named in-memory database.
    Written(&'d Entry, &'d str),
}

fn in_memory<'d>(compute: &Plugin<'d>) -> Option<InMemory<'d>> {
    let Some(entry) = compute.setting(v1::DUCKDB_PATH) else {
        // A `config` of another type is the schema stage's finding, not a default path.
        return match compute.config_entry() {
            Some(config) if config.value.as_mapping().is_none() && !is_null(&config.value) => None,
            _ => Some(InMemory::Default),
        };
    };
    let text = entry.value.as_str()?;
    text.starts_with(v1::DUCKDB_MEMORY)
        .then_some(InMemory::Written(entry, text))
}

impl Rule for IcebergExportMemoryDatabase {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        let Some(plugins) = Plugins::of(manifest) else {
            return;
        };
        let (Some(compute), Some(catalog), Some(storage)) = (
            plugins.get(Category::Compute),
            plugins.get(Category::Catalog),
            plugins.get(Category::Storage),
        ) else {
            return;
        };
        // Another compute type fails compile (only DuckDB ships): that is compile's finding.
        if !compute.is(v1::DUCKDB) {
            return;
        }
        let Some(how) = in_memory(&compute) else {
            return;
        };
        let exporting = format!(
            "`{}.{}` and `{}.{}` make every run export dbt's tables to Iceberg",
            v1::PLUGINS,
            Category::Catalog.key(),
            v1::PLUGINS,
            Category::Storage.key()
        );
        let path = [
            v1::PLUGINS,
            Category::Compute.key(),
            v1::PLUGIN_CONFIG,
            v1::DUCKDB_PATH,
        ]
        .join(".");
        let (span, message, edit) = match how {
            InMemory::Written(entry, text) if text == v1::DUCKDB_MEMORY => (
                entry.value.span,
                format!(
                    "`{path}` is `{text}`, but {exporting}, which fails: \"Configured Iceberg export requires a file-backed DuckDB profile path for product …; got ':memory:'.\""
                ),
                Some(replace_scalar(manifest, &entry.value, v1::DUCKDB_DEMO_PATH)),
            ),
            InMemory::Written(entry, text) => (
                entry.value.span,
                format!(
                    "`{path}` is the in-memory database `{text}`, but {exporting}, which looks for a file of that name in the project directory that dbt never wrote: \"DuckDB output file is missing for configured Iceberg export: …\""
                ),
                Some(replace_scalar(manifest, &entry.value, v1::DUCKDB_DEMO_PATH)),
            ),
            InMemory::Default => {
                let (span, edit) = default_path_place(manifest, &compute);
                (
                    span,
                    format!(
                        "the DuckDB compute plugin has no `{}`, so its database is `{}`, but {exporting}, which fails: \"Configured Iceberg export requires a file-backed DuckDB profile path for product …; got ':memory:'.\"",
                        v1::DUCKDB_PATH,
                        v1::DUCKDB_MEMORY
                    ),
                    edit,
                )
            }
        };
        let mut diagnostic = Diagnostic::new(&META, &manifest.file, span, message)
            .with_help(format!(
                "give it a file path such as `{}` (one file per product; the runtime creates its directory)",
                v1::DUCKDB_DEMO_PATH
            ))
            .with_related(&manifest.file, catalog.entry.key.span, "the catalog plugin")
            .with_related(&manifest.file, storage.entry.key.span, "the storage plugin");
        if let Some(edit) = edit {
            diagnostic = diagnostic.with_fix(fix(
                format!("Use `{}`", v1::DUCKDB_DEMO_PATH),
                Applicability::Unsafe,
                vec![edit],
            ));
        }
        out.push(diagnostic);
    }
}

/// Where a missing `path` is reported (the `config` key, else the `compute` key) and the edit
/// that adds one to a block `config` mapping.
fn default_path_place(manifest: &Document, compute: &Plugin<'_>) -> (Span, Option<Edit>) {
    match compute.config_entry() {
        Some(config) => {
            let edit = config
                .value
                .as_mapping()
                .filter(|entries| !entries.is_empty())
                .and_then(|_| {
                    append_entry(
                        manifest,
                        &config.value,
                        v1::DUCKDB_PATH,
                        v1::DUCKDB_DEMO_PATH,
                    )
                });
            (config.key.span, edit)
        }
        None => (compute.entry.key.span, None),
    }
}
