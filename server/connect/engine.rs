//! Step 5 with the embedded DuckDB (`connect` feature): in an in-memory DuckDB, the statements of
//! sql.rs (floe's plugin `ATTACH`, listing the attached catalog's schemas, since ATTACH alone only
//! fetches a token and the config, then `DETACH`). DuckDB runs on its own thread so a hung catalog
//! is interrupted at the timeout.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use duckdb::Connection;

use super::resolved::Resolved;
use super::{Cancel, Request};
use super::{Failure, fail, sql};

/// The DuckDB release the crate bundles (extension directories are versioned by it).
pub const DUCKDB_VERSION: &str = "v1.5.5";

fn session(request: &Request, resolved: &Resolved) -> Result<Connection, Failure> {
    let connection = Connection::open_in_memory().map_err(|e| {
        fail(
            format!("cannot open an in-memory DuckDB: {e}"),
            "this is a floe-lint bug; please report it",
        )
    })?;
    let setup = sql::setup_statements(
        request.extension_dir.as_deref(),
        request.timeout,
        resolved.storage.as_ref(),
    );
    connection
        .execute_batch(&format!("{};", setup.join(";\n")))
        .map_err(|e| explain(&e.to_string(), request))?;
    Ok(connection)
}

fn explain(error: &str, request: &Request) -> Failure {
    sql::explain(error, request.extension_dir.as_deref(), DUCKDB_VERSION)
}

fn run(connection: &Connection, resolved: &Resolved) -> Result<Vec<String>, String> {
    connection
        .execute_batch(&sql::attach_statement(resolved))
        .map_err(|e| e.to_string())?;
    let mut statement = connection
        .prepare(&sql::schemas_query())
        .map_err(|e| e.to_string())?;
    let schemas = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(|e| e.to_string())?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    connection
        .execute_batch(&format!("DETACH {}", sql::CATALOG_ALIAS))
        .map_err(|e| e.to_string())?;
    Ok(schemas)
}

pub fn attach(resolved: &Resolved, request: &Request, cancel: &Cancel) -> Result<String, Failure> {
    let connection = session(request, resolved)?;
    let interrupt = connection.interrupt_handle();
    let (sender, receiver) = mpsc::channel();
    let owned = resolved.clone();
    std::thread::spawn(move || {
        let _ = sender.send(run(&connection, &owned));
    });
    let deadline = Instant::now() + request.timeout;
    loop {
        match receiver.recv_timeout(Duration::from_millis(50)) {
            Ok(Ok(schemas)) => return Ok(sql::success_detail(&schemas, "")),
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
