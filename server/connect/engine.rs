//! Step 5: in an embedded, in-memory DuckDB, exactly the inline-credential `ATTACH` floe's dbt
//! plugin runs (`floe_dbt.plugins.polaris`, spec §4.2), then listing the attached catalog's
//! schemas (ATTACH alone only fetches a token and the config), then `DETACH`. Never
//! `CREATE SECRET`. DuckDB runs on its own thread so a hung catalog is interrupted at the timeout.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use duckdb::Connection;

use super::resolve::Resolved;
use super::{Cancel, Request};
use super::{Failure, fail};

/// The DuckDB release the crate bundles (extension directories are versioned by it).
pub const DUCKDB_VERSION: &str = "v1.5.5";

const ALIAS: &str = "polaris_catalog";

/// A SQL string literal.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// floe's plugin statement, verbatim in shape.
pub fn attach_statement(resolved: &Resolved) -> String {
    format!(
        "ATTACH IF NOT EXISTS {} AS {ALIAS} (\n    TYPE ICEBERG,\n    CLIENT_ID {},\n    CLIENT_SECRET {},\n    OAUTH2_SERVER_URI {},\n    ENDPOINT {}\n)",
        literal(&resolved.warehouse),
        literal(resolved.client_id.expose()),
        literal(resolved.client_secret.expose()),
        literal(&format!("{}/v1/oauth/tokens", resolved.uri)),
        literal(&resolved.uri),
    )
}

fn session(request: &Request) -> Result<Connection, Failure> {
    let connection = Connection::open_in_memory().map_err(|e| {
        fail(
            format!("cannot open an in-memory DuckDB: {e}"),
            "this is a floe-lint bug; please report it",
        )
    })?;
    // Extension settings first: the http settings below belong to httpfs and would otherwise
    // make DuckDB try to download it.
    let mut setup = String::new();
    if let Some(dir) = &request.extension_dir {
        setup.push_str(&format!(
            "SET extension_directory = {};\nSET autoinstall_known_extensions = false;\nSET autoload_known_extensions = true;\n",
            literal(&dir.to_string_lossy())
        ));
    }
    // One attempt per request (DuckDB retries 3 times by default), bounded by the step timeout.
    setup.push_str(&format!(
        "SET http_timeout = {};\nSET http_retries = 0;\n",
        request.timeout.as_secs().max(1)
    ));
    connection
        .execute_batch(&setup)
        .map_err(|e| explain(&e.to_string(), request))?;
    Ok(connection)
}

fn explain(error: &str, request: &Request) -> Failure {
    let lower = error.to_ascii_lowercase();
    if lower.contains("extension")
        && (lower.contains("not found")
            || lower.contains("could not")
            || lower.contains("install")
            || lower.contains("failed to download"))
    {
        let hint = match &request.extension_dir {
            Some(dir) => format!(
                "put iceberg, httpfs, avro and parquet for DuckDB {DUCKDB_VERSION} in {}/{DUCKDB_VERSION}/<platform>/ (PyPI: duckdb-extension-iceberg=={} and the others)",
                dir.display(),
                &DUCKDB_VERSION[1..]
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

fn run(connection: &Connection, resolved: &Resolved) -> Result<Vec<String>, String> {
    connection
        .execute_batch(&attach_statement(resolved))
        .map_err(|e| e.to_string())?;
    let mut statement = connection
        .prepare(&format!(
            "SELECT schema_name FROM duckdb_schemas() WHERE database_name = {} ORDER BY 1",
            literal(ALIAS)
        ))
        .map_err(|e| e.to_string())?;
    let schemas = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(|e| e.to_string())?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    connection
        .execute_batch(&format!("DETACH {ALIAS}"))
        .map_err(|e| e.to_string())?;
    Ok(schemas)
}

pub fn attach(resolved: &Resolved, request: &Request, cancel: &Cancel) -> Result<String, Failure> {
    let connection = session(request)?;
    let interrupt = connection.interrupt_handle();
    let (sender, receiver) = mpsc::channel();
    let owned = resolved.clone();
    std::thread::spawn(move || {
        let _ = sender.send(run(&connection, &owned));
    });
    let deadline = Instant::now() + request.timeout;
    loop {
        match receiver.recv_timeout(Duration::from_millis(50)) {
            Ok(Ok(schemas)) => {
                let listed = if schemas.is_empty() {
                    "no schemas".to_owned()
                } else {
                    schemas.join(", ")
                };
                return Ok(format!(
                    "ATTACH (TYPE ICEBERG) succeeded; schemas: {listed}; DETACH done"
                ));
            }
            Ok(Err(error)) => return Err(explain(&error, request)),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(fail(
                    "DuckDB stopped unexpectedly",
                    "this is a floe-lint bug; please report it",
                ));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if cancel.is_cancelled() {
                    interrupt.interrupt();
                    return Err(fail("cancelled", "run the check again"));
                }
                if Instant::now() >= deadline {
                    interrupt.interrupt();
                    return Err(fail(
                        format!(
                            "DuckDB's ATTACH did not finish within {} s",
                            request.timeout.as_secs_f32()
                        ),
                        "check that the catalog answers; raise --timeout for a slow network",
                    ));
                }
            }
        }
    }
}
