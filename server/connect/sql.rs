//! The DuckDB step's SQL and its error messages, shared by the two ways it runs: the embedded
//! DuckDB (`connect` feature, engine.rs) and the `duckdb` Python package (python.rs). Both run
//! exactly the inline-credential `ATTACH` floe's dbt plugin runs (`floe_dbt.plugins.polaris`,
//! spec §4.2), list the attached catalog's schemas, then `DETACH`. Never `CREATE SECRET`.

use std::path::Path;
use std::time::Duration;

use super::resolved::{Client, Resolved, Storage};
use super::{Failure, fail};

/// The alias floe's plugin attaches the catalog under (shared with the generated profile).
pub use crate::dialect::runtime::constants::CATALOG_ALIAS;

/// A SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The ATTACH of the client the configuration's dialect uses. Generation A: floe's dbt plugin
/// statement, verbatim in shape (no scope: DuckDB then asks for `PRINCIPAL_ROLE:ALL`, as the
/// plugin does). Generation B: what PyIceberg does, in DuckDB's words: the token at `token_url`,
/// the scope PyIceberg sends, and no vended credentials when the plugin turns them off.
pub fn attach_statement(resolved: &Resolved) -> String {
    let mut options = vec![
        "TYPE ICEBERG".to_owned(),
        format!("CLIENT_ID {}", literal(resolved.client_id.expose())),
        format!("CLIENT_SECRET {}", literal(resolved.client_secret.expose())),
        format!("OAUTH2_SERVER_URI {}", literal(&resolved.token_url)),
    ];
    if resolved.client == Client::V1 {
        options.push(format!("OAUTH2_SCOPE {}", literal(resolved.sent_scope())));
    }
    options.push(format!("ENDPOINT {}", literal(&resolved.uri)));
    if !resolved.vended_credentials {
        options.push("ACCESS_DELEGATION_MODE 'none'".to_owned());
    }
    format!(
        "ATTACH IF NOT EXISTS {} AS {CATALOG_ALIAS} (\n    {}\n)",
        literal(&resolved.warehouse),
        options.join(",\n    ")
    )
}

/// Session settings before the ATTACH: prepared extensions (autoinstall off), one HTTP attempt
/// per request bounded by the step timeout (DuckDB retries 3 times by default), and the object
/// storage the runtime hands PyIceberg, as session settings (never `CREATE SECRET`).
pub fn setup_statements(
    extension_dir: Option<&Path>,
    timeout: Duration,
    storage: Option<&Storage>,
) -> Vec<String> {
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
    if let Some(storage) = storage {
        setup.extend(storage_settings(storage));
    }
    setup
}

/// PyIceberg's `s3.endpoint`, `s3.region`, `s3.path-style-access` and keys, as DuckDB's S3
/// settings: the endpoint without its scheme, which says whether to use TLS.
fn storage_settings(storage: &Storage) -> Vec<String> {
    let endpoint = storage.endpoint.trim().trim_end_matches('/');
    let (host, tls) = match endpoint.split_once("://") {
        Some((scheme, host)) => (host, !scheme.eq_ignore_ascii_case("http")),
        None => (endpoint, true),
    };
    let mut settings = vec![
        format!("SET s3_endpoint = {}", literal(host)),
        format!("SET s3_use_ssl = {tls}"),
        format!("SET s3_region = {}", literal(&storage.region)),
        format!(
            "SET s3_url_style = {}",
            literal(if storage.path_style_access {
                "path"
            } else {
                "vhost"
            })
        ),
    ];
    if let Some((id, secret)) = &storage.keys {
        settings.push(format!("SET s3_access_key_id = {}", literal(id.expose())));
        settings.push(format!(
            "SET s3_secret_access_key = {}",
            literal(secret.expose())
        ));
    }
    settings
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connect::resolved::{Namespace, Secret};

    fn resolved(client: Client, vended_credentials: bool) -> Resolved {
        Resolved {
            client,
            uri: "http://127.0.0.1:8181/api/catalog".into(),
            token_url: "http://127.0.0.1:8181/idp/token".into(),
            warehouse: "floe-demo".into(),
            namespace: Namespace::Any,
            client_id: Secret::new("id"),
            client_secret: Secret::new("secret"),
            scope: None,
            vended_credentials,
            storage: None,
        }
    }

    #[test]
    fn each_dialect_attaches_as_its_client_does() {
        // floe-runtime's dbt plugin: no scope in the statement (DuckDB then asks for
        // PRINCIPAL_ROLE:ALL), vended credentials as DuckDB's default.
        let runtime = attach_statement(&resolved(Client::Runtime, true));
        assert!(!runtime.contains("OAUTH2_SCOPE") && !runtime.contains("ACCESS_DELEGATION_MODE"));
        assert!(runtime.contains("OAUTH2_SERVER_URI 'http://127.0.0.1:8181/idp/token'"));
        // Generation B: the scope PyIceberg sends, and no vended credentials when turned off.
        let v1 = attach_statement(&resolved(Client::V1, false));
        assert!(v1.contains("OAUTH2_SCOPE 'catalog'"), "{v1}");
        assert!(v1.contains("ACCESS_DELEGATION_MODE 'none'"), "{v1}");
        assert!(!attach_statement(&resolved(Client::V1, true)).contains("ACCESS_DELEGATION_MODE"));
    }
}
