//! Starting the Polaris stand-in (tests/polaris_standin/server.py, a TEST DOUBLE for Polaris) on
//! 127.0.0.1 for the connectivity tests, and finding what they need. Shared by tests/connect.rs and
//! tests/lsp/connectivity.rs.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running stand-in; stopped when dropped.
pub struct Standin {
    child: Child,
    pub port: u16,
}

impl Drop for Standin {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The stand-in's Python and the prepared DuckDB extension directory (set by .ci/run). Without
/// them the caller skips, unless FLOE_LINT_REQUIRE_EXTERNAL=1 makes that a failure.
pub fn tools() -> Option<(PathBuf, PathBuf)> {
    let python = std::env::var_os("POLARIS_STANDIN_PYTHON").map(PathBuf::from);
    let extensions = std::env::var_os("FLOE_DUCKDB_EXTENSION_DIR").map(PathBuf::from);
    match (python, extensions) {
        (Some(p), Some(e)) if p.exists() && e.is_dir() => Some((p, e)),
        _ => {
            assert!(
                std::env::var_os("FLOE_LINT_REQUIRE_EXTERNAL").is_none(),
                "POLARIS_STANDIN_PYTHON / FLOE_DUCKDB_EXTENSION_DIR not set (run .ci/run)"
            );
            eprintln!("skipping: the Polaris stand-in or the DuckDB extensions are not prepared");
            None
        }
    }
}

/// Starts the stand-in on a free port with `args` (warehouse, credentials, namespace, --seed, …)
/// and waits for its `LISTENING <port>` line.
pub fn start(python: &Path, args: &[&str]) -> Standin {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/polaris_standin/server.py");
    let mut child = Command::new(python)
        .arg(script)
        .args(["--port", "0", "--quiet"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the Polaris stand-in");
    let stdout = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !line.starts_with("LISTENING") {
        line.clear();
        assert!(
            reader.read_line(&mut line).unwrap_or(0) > 0 && Instant::now() < deadline,
            "the stand-in did not start"
        );
    }
    let port = line
        .trim()
        .trim_start_matches("LISTENING")
        .trim()
        .parse()
        .expect("port");
    Standin { child, port }
}
