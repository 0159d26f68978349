use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::dialect::dbt;
use crate::dialect::runtime::constants::{DUCKDB_DEFAULT_PATH, compute_type};
use crate::dialect::runtime::vocabulary as key;
use crate::rules::edit::{append_entry, fill_empty, fix, replace_scalar};
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Context, Environment, Rule, Sink};
use crate::syntax::resolve::Scalar;
use crate::syntax::{Document, Entry, NodeValue};

declare_rule! {
    /// ## What it does
    /// Flags DuckDB compute profiles that use an in-memory database: `path: ":memory:"`, a named
    /// in-memory database (`:memory:my_db`), an empty path (`path: ""`, `path:` with no value,
    /// `null`), which DuckDB opens in memory, and profiles with no `path` at all, because floe's
    /// default DuckDB path is `:memory:`. The DuckDB outputs of a checked-in dbt `profiles.yml`
    /// are checked the same way.
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
    /// Set `properties.path` to a file path. `--unsafe-fixes` writes `/tmp/floe.duckdb` in place
    /// of the in-memory value, or adds it when there is no `path` (unsafe: it changes where
    /// DuckDB keeps its state).
    pub struct MemoryDatabase(META) = ("FL400", "duckdb-memory-database", Lakehouse, Warning, "DuckDB compute profile uses an in-memory database", fix: Sometimes);
}

const FILE_PATH: &str = "/tmp/floe.duckdb";

/// How a DuckDB `path` opens an in-memory database, if it does.
enum InMemory<'n> {
    /// No `path`: floe's and dbt-duckdb's default is `:memory:`.
    Absent,
    /// `path:` with no value, `null`, `~` or `""`: DuckDB opens an empty path in memory.
    Empty(&'n Entry),
    /// `:memory:` or a named in-memory database, `:memory:<name>`.
    Memory(&'n Entry, &'n str),
}

/// The in-memory spelling of a `path` entry (`None`: a file database).
fn in_memory(path: Option<&Entry>) -> Option<InMemory<'_>> {
    let Some(entry) = path else {
        return Some(InMemory::Absent);
    };
    match &entry.value.value {
        NodeValue::Scalar {
            value: Scalar::Null,
            ..
        } => Some(InMemory::Empty(entry)),
        NodeValue::Scalar {
            value: Scalar::Str,
            text,
            ..
        } if text.is_empty() => Some(InMemory::Empty(entry)),
        NodeValue::Scalar {
            value: Scalar::Str,
            text,
            ..
        } if text.starts_with(DUCKDB_DEFAULT_PATH) => Some(InMemory::Memory(entry, text)),
        _ => None,
    }
}

fn described(how: &InMemory<'_>) -> String {
    match how {
        InMemory::Absent => {
            "has no `path`, so DuckDB uses an in-memory database (`:memory:`)".into()
        }
        InMemory::Empty(_) => {
            "has an empty `path`, which DuckDB opens as an in-memory database".into()
        }
        InMemory::Memory(_, text) if *text == DUCKDB_DEFAULT_PATH => {
            format!("uses an in-memory database (`{DUCKDB_DEFAULT_PATH}`)")
        }
        InMemory::Memory(_, text) => format!("uses a named in-memory database (`{text}`)"),
    }
}

/// Puts the file path in place of an in-memory `path` value (never a second `path` key).
fn path_edit(document: &Document, entry: &Entry) -> Option<Edit> {
    if entry.value.span.is_empty() {
        fill_empty(document, entry, FILE_PATH)
    } else {
        Some(replace_scalar(document, &entry.value, FILE_PATH))
    }
}

/// DuckDB outputs of a dbt profiles.yml (`<profile>.outputs.<target>`) that are in-memory.
fn check_profiles(document: &Document, out: &mut Sink<'_>) {
    let Some(root) = &document.root else { return };
    for (profile, entry) in root
        .as_mapping()
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| Some((e.key.key_text()?, e)))
    {
        for (target, output) in profiles(&entry.value, dbt::OUTPUTS) {
            if string_field(&output.value, dbt::TYPE).map(|(t, _)| t) != Some(compute_type::DUCKDB)
            {
                continue;
            }
            let Some(how) = in_memory(output.value.get(dbt::PATH)) else {
                continue;
            };
            let span = match &how {
                InMemory::Absent => output.key.span,
                InMemory::Empty(path) | InMemory::Memory(path, _) => path.value.span,
            };
            let message = format!("dbt output `{profile}.{target}` {}", described(&how))
                .replace("DuckDB uses", "dbt-duckdb uses");
            out.push(
                Diagnostic::new(&META, &document.file, span, message)
                    .with_help(format!("use a file database such as `{FILE_PATH}` so installed extensions persist across connections")),
            );
        }
    }
}

impl Rule for MemoryDatabase {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if let Some(profiles) = cx.dbt.profiles.filter(|d| d.loadable) {
            check_profiles(profiles, out);
        }
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        for (name, profile) in profiles(root, key::COMPUTE) {
            let kind =
                string_field(&profile.value, key::TYPE).map_or(compute_type::DEFAULT, |(t, _)| t);
            if kind != compute_type::DUCKDB {
                continue;
            }
            let properties = profile.value.get(key::PROPERTIES);
            let Some(how) = in_memory(properties.and_then(|p| p.value.get(dbt::PATH))) else {
                continue;
            };
            let message = format!("DuckDB profile `{name}` {}", described(&how))
                .replace("DuckDB uses", "floe uses");
            let diagnostic = match how {
                InMemory::Empty(entry) | InMemory::Memory(entry, _) => {
                    let diagnostic = Diagnostic::new(&META, &document.file, entry.value.span, message)
                        .with_help(format!("use a file database such as `{FILE_PATH}` so installed extensions persist across connections"));
                    match path_edit(document, entry) {
                        Some(edit) => diagnostic.with_fix(fix(
                            format!("Use `{FILE_PATH}`"),
                            Applicability::Unsafe,
                            vec![edit],
                        )),
                        None => diagnostic,
                    }
                }
                InMemory::Absent => {
                    let mut diagnostic = Diagnostic::new(&META, &document.file, profile.key.span, message)
                        .with_help(format!("add `properties.path: {FILE_PATH}` (a file database keeps installed extensions)"));
                    let edit = match properties {
                        Some(p) if p.value.as_mapping().is_some_and(|m| !m.is_empty()) => {
                            append_entry(document, &p.value, dbt::PATH, FILE_PATH)
                        }
                        Some(_) => None,
                        None if profile.value.as_mapping().is_some_and(|m| !m.is_empty()) => {
                            append_entry(
                                document,
                                &profile.value,
                                key::PROPERTIES,
                                &format!("{{path: {FILE_PATH}}}"),
                            )
                        }
                        None => None,
                    };
                    if let Some(edit) = edit {
                        diagnostic = diagnostic.with_fix(fix(
                            format!("Add `path: {FILE_PATH}`"),
                            Applicability::Unsafe,
                            vec![edit],
                        ));
                    }
                    diagnostic
                }
            };
            out.push(diagnostic);
        }
    }
}
