//! The DuckDB step's SQL and its error messages, shared by the two ways it runs: the embedded
//! DuckDB (`connect` feature, engine.rs) and the `duckdb` Python package (python.rs). Both run
//! exactly the inline-credential `ATTACH` floe's dbt plugin runs (`floe_dbt.plugins.polaris`,
//! spec §4.2), list the attached catalog's schemas, then `DETACH`. Never `CREATE SECRET`.

use std::path::Path;
use std::time::Duration;

use super::resolve::Resolved;
use super::{Failure, fail};

/// The alias floe's plugin attaches the catalog under (shared with the generated profile).
pub use crate::dialect::runtime::constants::CATALOG_ALIAS;
use crate::dialect::runtime::constants::TOKEN_PATH;

/// A SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// floe's plugin statement, verbatim in shape.
pub fn attach_statement(resolved: &Resolved) -> String {
    format!(
        "ATTACH IF NOT EXISTS {} AS {CATALOG_ALIAS} (\n    TYPE ICEBERG,\n    CLIENT_ID {},\n    CLIENT_SECRET {},\n    OAUTH2_SERVER_URI {},\n    ENDPOINT {}\n)",
        literal(&resolved.warehouse),
        literal(resolved.client_id.expose()),
        literal(resolved.client_secret.expose()),
        literal(&format!("{}{TOKEN_PATH}", resolved.uri)),
        literal(&resolved.uri),
    )
}

/// Session settings before the ATTACH: prepared extensions (autoinstall off), and one HTTP attempt
/// per request bounded by the step timeout (DuckDB retries 3 times by default).
pub fn setup_statements(extension_dir: Option<&Path>, timeout: Duration) -> Vec<String> {
    let mut setup = Vec::new();
    // Extension settings first: the http settings belong to httpfs and would otherwise make DuckDB
    // try to download it.
    if let Some(dir) = extension_dir {
        setup.push(format!(
            "SET extension_directory = {}",
            literal(&dir.to_string_lossy())
        ));
        setup.push("SET autoinstall_known_extensions = false".to_owned());
        setup.push("SET autoload_known_extensions = true".to_owned());
    }
    setup.push(format!("SET http_timeout = {}", timeout.as_secs().max(1)));
    setup.push("SET http_retries = 0".to_owned());
    setup
}

/// The schemas of the attached catalog.
pub fn schemas_query() -> String {
    format!(
        "SELECT schema_name FROM duckdb_schemas() WHERE database_name = {} ORDER BY 1",
        literal(CATALOG_ALIAS)
    )
}

/// A DuckDB error in plain words, with what to change. `version` is DuckDB's (`v1.5.5`): extension
/// directories are laid out by it.
pub fn explain(error: &str, extension_dir: Option<&Path>, version: &str) -> Failure {
    let lower = error.to_ascii_lowercase();
    if lower.contains("extension")
        && (lower.contains("not found")
            || lower.contains("could not")
            || lower.contains("install")
            || lower.contains("failed to download"))
    {
        let hint = match extension_dir {
            Some(dir) => format!(
                "put iceberg, httpfs, avro and parquet for DuckDB {version} in {}/{version}/<platform>/ (PyPI: duckdb-extension-iceberg=={} and the others)",
                dir.display(),
                version.trim_start_matches('v')
            ),
            None => "allow DuckDB to download its extensions, or pass --duckdb-extension-dir with iceberg, httpfs, avro and parquet prepared".into(),
        };
        return fail(
            format!(
                "DuckDB could not load an extension it needs (iceberg, httpfs, avro, parquet): {error}"
            ),
            hint,
        );
    }
    if lower.contains("401") || lower.contains("unauthorized") || lower.contains("invalid_client") {
        return fail(
            format!("DuckDB's ATTACH was refused by the catalog: {error}"),
            "check the client id and secret",
        );
    }
    fail(
        format!("DuckDB's ATTACH failed: {error}"),
        "see the cause; the same ATTACH runs when dbt-duckdb opens its connection",
    )
}

/// The step's detail when the ATTACH and the listing worked.
pub fn success_detail(schemas: &[String], via: &str) -> String {
    let listed = if schemas.is_empty() {
        "no schemas".to_owned()
    } else {
        schemas.join(", ")
    };
    format!("ATTACH (TYPE ICEBERG) succeeded{via}; schemas: {listed}; DETACH done")
}
