use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::sql;
use crate::rules::walk::strings;
use crate::rules::{Context, Environment, Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Finds `CREATE SECRET` statements in any SQL floe-lint can see: string values in floe.yaml
    /// and platform.yaml (DuckDB settings, init SQL), the `on-run-start`/`on-run-end` hooks of the
    /// `dbt_project.yml` beside floe.yaml, and the `.sql` files of that dbt project, including
    /// SQL that Jinja runs (`run_query("…")`, `pre_hook='…'`). A statement is flagged, not a
    /// mention: text in a comment or in a SQL string literal (`'CREATE SECRET is forbidden' as
    /// note`) is not SQL that runs.
    ///
    /// ## Why is this bad?
    /// dbt-duckdb opens the connection, and uses DuckDB's secret manager, before any hook runs.
    /// Creating a secret afterwards fails with `Invalid Input Error: Changing Secret Manager
    /// settings after the secret manager is used is not allowed!`, and a persistent secret would
    /// also write the credential to disk. floe's Polaris plugin instead passes credentials inline
    /// to `ATTACH`, from environment variables, at connection time.
    ///
    /// ## Example
    /// ```sql
    /// -- macros/attach.sql
    /// CREATE SECRET polaris (TYPE ICEBERG, CLIENT_ID '…', CLIENT_SECRET '…');
    /// ```
    ///
    /// Use instead (what floe's plugin runs):
    /// ```sql
    /// ATTACH 'warehouse' AS lake (TYPE ICEBERG, CLIENT_ID '…', CLIENT_SECRET '…',
    ///     OAUTH2_SERVER_URI '<uri>/v1/oauth/tokens', ENDPOINT '<uri>');
    /// ```
    ///
    /// ## Fix
    /// Delete the `CREATE SECRET`; let floe's generated profile attach the catalog with inline
    /// credentials read from environment variables.
    pub struct CreateSecret(META) = ("FL301", "create-secret", Security, Error, "CREATE SECRET in SQL run by dbt-duckdb");
}

static CREATE_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bcreate\s+(?:or\s+replace\s+)?(?:persistent\s+|temporary\s+|temp\s+)?secret\b",
    )
    .expect("static regex compiles")
});

const HELP: &str = "DuckDB's secret manager is already in use when dbt-duckdb runs this; pass the credentials inline to ATTACH (TYPE ICEBERG, CLIENT_ID …, CLIENT_SECRET …) as floe's plugin does";

/// Whether `text` holds `create` in any case, which every match does (`(?i)` folds no other
/// character to these letters): most strings never reach the regex.
fn may_create(text: &str) -> bool {
    text.as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"create"))
}

/// YAML strings that hold SQL (hooks, DuckDB init SQL): the whole scalar is reported.
fn in_yaml(document: &Document, out: &mut Sink<'_>) {
    let Some(root) = &document.root else { return };
    strings(root, &mut |text, node| {
        if may_create(text)
            && CREATE_SECRET.is_match(text)
            && !sql::statements(text, &CREATE_SECRET).is_empty()
        {
            out.push(
                Diagnostic::new(
                    &META,
                    &document.file,
                    node.span,
                    "`CREATE SECRET` in SQL that dbt-duckdb runs",
                )
                .with_help(HELP),
            );
        }
    });
}

/// A statement, not a mention in a comment or a SQL string literal.
fn in_sql(document: &Document, out: &mut Sink<'_>) {
    if !may_create(&document.text) || !CREATE_SECRET.is_match(&document.text) {
        return;
    }
    for span in sql::statements(&document.text, &CREATE_SECRET) {
        out.push(
            Diagnostic::new(
                &META,
                &document.file,
                span,
                "`CREATE SECRET` in a dbt SQL file",
            )
            .with_help(HELP),
        );
    }
}

impl Rule for CreateSecret {
    fn floe(&self, floe: &Document, out: &mut Sink<'_>) {
        in_yaml(floe, out);
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        in_yaml(env.document, out);
    }

    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if let Some(project) = cx.dbt.project.filter(|d| d.loadable) {
            in_yaml(project, out);
        }
        for sql in &cx.dbt.sql {
            in_sql(sql, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The literal gate only skips text the regex finds nothing in.
        #[test]
        fn gate_hides_nothing(text in "((?i)create|creat|secret|or replace|persistent|temp|[ \n\t_é\u{212a}ſ]|[a-z]{1,3}){0,8}") {
            prop_assert!(may_create(&text) || !CREATE_SECRET.is_match(&text), "{:?}", text);
        }
    }
}
