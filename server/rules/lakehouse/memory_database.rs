use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::rules::edit::{append_entry, fix, replace_scalar};
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Context, Environment, Rule};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Flags DuckDB compute profiles that use an in-memory database: `path: ":memory:"`, and
    /// profiles with no `path` at all, because floe's default DuckDB path is `:memory:`. The
    /// DuckDB outputs of a checked-in dbt `profiles.yml` are checked the same way.
    ///
    /// ## Why is this bad?
    /// An in-memory database lives only as long as one connection. Extensions (`iceberg`,
    /// `httpfs`) installed into it do not persist, so every connection in a container re-installs
    /// them, and anything attached or configured is gone for the next dbt step. floe's own
    /// runtime image uses a file database (`/tmp/floe.duckdb`) for this reason.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   default:
    ///     type: duckdb
    ///     properties:
    ///       path: ":memory:"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   default:
    ///     type: duckdb
    ///     properties:
    ///       path: /tmp/floe.duckdb
    /// ```
    ///
    /// ## Fix
    /// Set `properties.path` to a file path. `--unsafe-fixes` writes `/tmp/floe.duckdb`
    /// (unsafe: it changes where DuckDB keeps its state).
    pub static META = ("FL400", "duckdb-memory-database", Lakehouse, Warning, "DuckDB compute profile uses an in-memory database");
}

pub struct MemoryDatabase;

const FILE_PATH: &str = "/tmp/floe.duckdb";

/// DuckDB outputs of a dbt profiles.yml (`<profile>.outputs.<target>`) that are in-memory.
fn check_profiles(document: &Document, out: &mut Vec<Diagnostic>) {
    let Some(root) = &document.root else { return };
    for (profile, entry) in root
        .as_mapping()
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| Some((e.key.key_text()?, e)))
    {
        for (target, output) in profiles(&entry.value, "outputs") {
            if string_field(&output.value, "type").map(|(t, _)| t) != Some("duckdb") {
                continue;
            }
            let (span, message) = match string_field(&output.value, "path") {
                Some((":memory:", path)) => (
                    path.value.span,
                    format!(
                        "dbt output `{profile}.{target}` uses an in-memory DuckDB database (`:memory:`)"
                    ),
                ),
                Some(_) => continue,
                None => (
                    output.key.span,
                    format!(
                        "dbt output `{profile}.{target}` has no `path`, so dbt-duckdb uses an in-memory database"
                    ),
                ),
            };
            out.push(
                Diagnostic::new(&META, &document.file, span, message)
                    .with_help(format!("use a file database such as `{FILE_PATH}` so installed extensions persist across connections")),
            );
        }
    }
}

impl Rule for MemoryDatabase {
    fn meta(&self) -> &'static crate::rule_meta::RuleMeta {
        &META
    }

    fn project(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(profiles) = cx.dbt.profiles.filter(|d| d.loadable) {
            check_profiles(profiles, out);
        }
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Vec<Diagnostic>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        for (name, profile) in profiles(root, "compute") {
            let compute_type = string_field(&profile.value, "type").map_or("duckdb", |(t, _)| t);
            if compute_type != "duckdb" {
                continue;
            }
            let properties = profile.value.get("properties");
            match properties.and_then(|p| string_field(&p.value, "path")) {
                Some((":memory:", entry)) => out.push(
                    Diagnostic::new(&META, &document.file, entry.value.span, format!("DuckDB profile `{name}` uses an in-memory database (`:memory:`)"))
                        .with_help(format!("use a file database such as `{FILE_PATH}` so installed extensions persist across connections"))
                        .with_fix(fix(format!("Use `{FILE_PATH}`"), Applicability::Unsafe, vec![replace_scalar(document, &entry.value, FILE_PATH)])),
                ),
                Some(_) => {}
                None => {
                    let mut diagnostic = Diagnostic::new(
                        &META,
                        &document.file,
                        profile.key.span,
                        format!("DuckDB profile `{name}` has no `path`, so floe uses an in-memory database (`:memory:`)"),
                    )
                    .with_help(format!("add `properties.path: {FILE_PATH}` (a file database keeps installed extensions)"));
                    let edit = match properties {
                        Some(p) if p.value.as_mapping().is_some_and(|m| !m.is_empty()) => append_entry(document, &p.value, "path", FILE_PATH),
                        Some(_) => None,
                        None if profile.value.as_mapping().is_some_and(|m| !m.is_empty()) => {
                            append_entry(document, &profile.value, "properties", &format!("{{path: {FILE_PATH}}}"))
                        }
                        None => None,
                    };
                    if let Some(edit) = edit {
                        diagnostic = diagnostic.with_fix(fix(format!("Add `path: {FILE_PATH}`"), Applicability::Unsafe, vec![edit]));
                    }
                    out.push(diagnostic);
                }
            }
        }
    }
}
