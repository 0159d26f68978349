use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::diagnostic::rule_meta::RuleMeta;
use crate::diagnostic::{Diagnostic, Span};
use crate::rules::{Context, Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Flags a dbt model `config(...)` with a hard-coded `location='s3://…'`.
    ///
    /// ## Why is this bad?
    /// floe resolves table locations from the catalog and schema; a hard-coded location writes
    /// data where the catalog does not expect it and breaks between environments. Upstream:
    /// "Hardcoded S3 location forbidden. Platform resolves locations from schema automatically."
    ///
    /// ## Example
    /// ```sql
    /// {{ config(materialized='table', location='s3://lake/orders') }}
    /// ```
    ///
    /// ## Fix
    /// Remove the `location` parameter.
    pub struct Location(LOCATION) = ("FL600", "dbt-hardcoded-location", Dbt, Warning, "dbt model config with a hard-coded S3 location");
}

declare_rule! {
    /// ## What it does
    /// Flags dbt models materialized as `external` or `iceberg`.
    ///
    /// ## Why is this bad?
    /// `external` writes files outside the catalog's control plane; `iceberg` is the deprecated
    /// legacy plugin materialization. floe writes Iceberg tables itself through the catalog when
    /// the model is a plain `table`.
    ///
    /// ## Example
    /// ```sql
    /// {{ config(materialized='external') }}
    /// ```
    ///
    /// ## Fix
    /// Use `materialized='table'` (or `view`, `incremental`).
    pub struct Materialization(MATERIALIZATION) = ("FL601", "dbt-bypasses-catalog", Dbt, Warning, "dbt model materialized outside the catalog");
}

declare_rule! {
    /// ## What it does
    /// Flags the deprecated `polaris_namespace=` and `polaris_table=` model configs.
    ///
    /// ## Why is this bad?
    /// They belong to the legacy plugin pattern; floe derives the namespace from the schema and
    /// the table from the model name, and ignores or contradicts these settings.
    ///
    /// ## Example
    /// ```sql
    /// {{ config(materialized='table', polaris_namespace='gold') }}
    /// ```
    ///
    /// ## Fix
    /// Remove them.
    pub struct Legacy(LEGACY) = ("FL602", "dbt-legacy-polaris-config", Dbt, Warning, "Deprecated polaris_namespace/polaris_table model config");
}

declare_rule! {
    /// ## What it does
    /// Flags infrastructure settings in a model config: `endpoint=`, `bucket=`, `region=`,
    /// `access_key=`, `catalog_uri=`, `warehouse=`.
    ///
    /// ## Why is this bad?
    /// All infrastructure lives in platform.yaml, per environment. A model that names a bucket or
    /// endpoint runs against the same one in every environment (upstream: "Infrastructure key
    /// forbidden. All infrastructure configured in platform.yaml only.").
    ///
    /// ## Example
    /// ```sql
    /// {{ config(materialized='table', bucket='lake-prod') }}
    /// ```
    ///
    /// ## Fix
    /// Remove the setting; configure it in platform.yaml.
    pub struct Infrastructure(INFRASTRUCTURE) = ("FL603", "dbt-infrastructure-config", Dbt, Warning, "Infrastructure settings in a dbt model config");
}

static CONFIG_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\{\{-?\s*config\s*\((.*?)\)\s*-?\}\}").expect("static regex compiles")
});

struct Check {
    meta: &'static RuleMeta,
    pattern: LazyLock<Regex>,
    message: fn(&str) -> String,
}

static CHECKS: [Check; 4] = [
    Check {
        meta: &LOCATION,
        pattern: LazyLock::new(|| Regex::new(r#"location\s*=\s*['"]s3://"#).expect("regex")),
        message: |_| {
            "Hardcoded S3 location forbidden. Platform resolves locations from schema automatically. Remove 'location' parameter.".into()
        },
    },
    Check {
        meta: &MATERIALIZATION,
        pattern: LazyLock::new(|| {
            Regex::new(r#"materialized\s*=\s*['"](external|iceberg)['"]"#).expect("regex")
        }),
        message: |found| {
            if found.contains("iceberg") {
                "'iceberg' materialization is DEPRECATED. Use materialized='table' instead (platform uses DuckDB native writes).".into()
            } else {
                "'external' materialization bypasses catalog control plane. Use materialized='table' instead (platform handles Iceberg writes).".into()
            }
        },
    },
    Check {
        meta: &LEGACY,
        pattern: LazyLock::new(|| Regex::new(r"\bpolaris_(namespace|table)\s*=").expect("regex")),
        message: |found| {
            if found.contains("namespace") {
                "'polaris_namespace' config is DEPRECATED (legacy plugin pattern). Remove - platform resolves from schema automatically.".into()
            } else {
                "'polaris_table' config is DEPRECATED (legacy plugin pattern). Remove - table name inferred from model name.".into()
            }
        },
    },
    Check {
        meta: &INFRASTRUCTURE,
        pattern: LazyLock::new(|| {
            Regex::new(r"(?i)\b(endpoint|bucket|region|access_key|catalog_uri|warehouse)\s*=")
                .expect("regex")
        }),
        message: |found| {
            let key = found
                .split(|c: char| c == '=' || c.is_whitespace())
                .next()
                .unwrap_or(found);
            format!(
                "Infrastructure key '{key}' forbidden. All infrastructure configured in platform.yaml only."
            )
        },
    },
];

fn run(meta: &'static RuleMeta, cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(check) = CHECKS.iter().find(|c| std::ptr::eq(c.meta, meta)) else {
        return;
    };
    for sql in &cx.dbt.sql {
        check_file(sql, check, out);
    }
}

fn check_file(sql: &Document, check: &Check, out: &mut Sink<'_>) {
    for block in CONFIG_BLOCK.captures_iter(&sql.text) {
        let Some(body) = block.get(1) else { continue };
        for m in check.pattern.find_iter(body.as_str()) {
            let span = Span::new(body.start() + m.start(), body.start() + m.end());
            out.push(Diagnostic::new(
                check.meta,
                &sql.file,
                span,
                (check.message)(m.as_str()),
            ));
        }
    }
}

macro_rules! dbt_rule {
    ($ty:ident, $meta:ident) => {
        impl Rule for $ty {
            fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
                run(&$meta, cx, out);
            }
        }
    };
}

dbt_rule!(Location, LOCATION);
dbt_rule!(Materialization, MATERIALIZATION);
dbt_rule!(Legacy, LEGACY);
dbt_rule!(Infrastructure, INFRASTRUCTURE);
