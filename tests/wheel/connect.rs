//! `floe-lint connect` from the installed wheel (no embedded DuckDB): the DuckDB step runs through
//! the `duckdb` Python package, here the real dbt-duckdb environment's (`duckdb==1.5.5` from PyPI,
//! the venv of `DBT`), against the Polaris stand-in (a TEST DOUBLE on pyiceberg) with the iceberg
//! extension from PyPI. Same redaction and timeouts as the embedded step: no output may contain
//! the secret, and a hung interpreter is stopped at the deadline.

#[path = "../common/standin.rs"]
mod standin;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::support::{self, env_path, path_without_rust, require, text};

const CLIENT: &str = "floe-client";
const SECRET: &str = "s3cr3t-floe-wheel-value";

struct Setup {
    _venv: tempfile::TempDir,
    /// The wheel's floe-lint, in a venv without duckdb.
    floe_lint: PathBuf,
    /// That venv's bin directory.
    bin: PathBuf,
    /// The dbt-duckdb environment's python (it has duckdb 1.5.5).
    dbt_python: PathBuf,
    extensions: PathBuf,
    _server: standin::Standin,
    project: tempfile::TempDir,
}

fn setup() -> Option<Setup> {
    let (dir, _) = require(
        support::wheel(),
        "FLOE_LINT_WHEEL_DIR has no floe-lint wheel",
    )?;
    let dbt = require(env_path("DBT"), "DBT (dbt-core + dbt-duckdb venv) not set")?;
    let (standin_python, extensions) = standin::tools()?;
    let dbt_python = dbt.parent().expect("dbt's bin directory").join("python");
    let venv = tempfile::tempdir().expect("venv");
    let (bin, _) = support::pip_install(venv.path(), &dir);
    let server = standin::start(
        &standin_python,
        &[
            "--warehouse",
            "floe_warehouse",
            "--client-id",
            CLIENT,
            "--client-secret",
            SECRET,
            "--namespace",
            "demo",
            "--seed",
        ],
    );
    let project = tempfile::tempdir().expect("project");
    let uri = format!("http://127.0.0.1:{}/api/catalog", server.port);
    std::fs::write(
        project.path().join("floe.yaml"),
        "name: orders\nversion: \"1\"\ncatalog: lake\n",
    )
    .expect("write floe.yaml");
    let platform = project.path().join("platform/local");
    std::fs::create_dir_all(&platform).expect("mkdir");
    std::fs::write(
        platform.join("platform.yaml"),
        format!(
            "catalogs:\n  lake:\n    uri: \"{uri}\"\n    warehouse: floe_warehouse\n    namespace: demo\n    credentials:\n      mode: oauth2\n      client_id: {{secret_ref: polaris-client-id}}\n      client_secret: {{secret_ref: polaris-client-secret}}\n      scope: \"PRINCIPAL_ROLE:ALL\"\n"
        ),
    )
    .expect("write platform.yaml");
    Some(Setup {
        floe_lint: bin.join("floe-lint"),
        bin,
        _venv: venv,
        dbt_python,
        extensions,
        _server: server,
        project,
    })
}

/// `floe-lint connect --format json` with PATH limited to `path_dirs` (plus the basic tools) and
/// `env` added (FLOE_LINT_PYTHON and VIRTUAL_ENV only when given).
fn command(
    setup: &Setup,
    extensions: &Path,
    path_dirs: &[&Path],
    env: &[(&str, &Path)],
) -> Command {
    let mut command = Command::new(&setup.floe_lint);
    command
        .args(["connect", "--format", "json", "--duckdb-extension-dir"])
        .arg(extensions)
        .current_dir(setup.project.path())
        .env("POLARIS_CLIENT_ID", CLIENT)
        .env("POLARIS_CLIENT_SECRET", SECRET)
        .env(
            "FLOE_SECRETS_DIR",
            setup.project.path().join("no-secrets-here"),
        )
        .env("PATH", path_without_rust(path_dirs))
        .env_remove("FLOE_LINT_PYTHON")
        .env_remove("VIRTUAL_ENV");
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// Runs it with a 5 s timeout and `extra` arguments; checks that no output shows the secret.
fn connect(
    setup: &Setup,
    extensions: &Path,
    path_dirs: &[&Path],
    env: &[(&str, &Path)],
    extra: &[&str],
) -> (Output, Value) {
    let output = command(setup, extensions, path_dirs, env)
        .args(["--timeout", "5"])
        .args(extra)
        .output()
        .expect("run floe-lint connect");
    parse(output)
}

fn parse(output: Output) -> (Output, Value) {
    let shown = text(&output);
    assert!(!shown.contains(SECRET), "a secret was printed:\n{shown}");
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {shown}"));
    (output, json)
}

fn duckdb_step(json: &Value) -> &Value {
    json["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["name"] == "duckdb"))
        .unwrap_or_else(|| panic!("no duckdb step: {json:#}"))
}

fn field<'a>(step: &'a Value, name: &str) -> &'a str {
    step[name].as_str().unwrap_or("")
}

#[test]
fn the_duckdb_step_runs_through_the_dbt_environments_duckdb() {
    let Some(setup) = setup() else { return };
    let python = [("FLOE_LINT_PYTHON", setup.dbt_python.as_path())];
    let (output, json) = connect(&setup, &setup.extensions, &[], &python, &[]);
    assert_eq!(output.status.code(), Some(0), "{json:#}");
    let step = duckdb_step(&json);
    assert_eq!(step["status"], "ok", "{json:#}");
    let detail = field(step, "detail");
    assert!(
        detail.contains("through Python duckdb 1.5.5") && detail.contains("schemas: demo"),
        "{detail}"
    );

    // Found without being named: floe-lint's own venv has no duckdb, the activated one has.
    let venv = setup
        .dbt_python
        .parent()
        .and_then(Path::parent)
        .expect("venv");
    let (output, json) = connect(
        &setup,
        &setup.extensions,
        &[],
        &[("VIRTUAL_ENV", venv)],
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{json:#}");
    assert!(
        field(duckdb_step(&json), "detail").contains(&setup.dbt_python.display().to_string()),
        "{json:#}"
    );
}

#[test]
fn without_duckdb_the_step_is_skipped_and_a_named_python_without_it_fails() {
    let Some(setup) = setup() else { return };
    // Only floe-lint's own venv (no duckdb) to find: skipped, saying what was tried and what to do.
    let (output, json) = connect(&setup, &setup.extensions, &[&setup.bin], &[], &[]);
    assert_eq!(output.status.code(), Some(1), "{json:#}");
    let step = duckdb_step(&json);
    assert_eq!(step["status"], "skipped", "{json:#}");
    let detail = field(step, "detail");
    assert!(
        detail.contains("(no duckdb)") && detail.contains("FLOE_LINT_PYTHON"),
        "{json:#}"
    );
    // Named with --python: its missing duckdb is a failure with the fix.
    let own = setup.bin.join("python").display().to_string();
    let (_, json) = connect(&setup, &setup.extensions, &[], &[], &["--python", &own]);
    let step = duckdb_step(&json);
    assert_eq!(step["status"], "failed", "{json:#}");
    assert!(
        field(step, "cause").contains("cannot import duckdb"),
        "{json:#}"
    );
    assert!(
        field(step, "fix").contains("-m pip install duckdb"),
        "{json:#}"
    );
}

#[test]
fn a_missing_extension_or_a_hung_interpreter_fails_the_step() {
    let Some(setup) = setup() else { return };
    let empty = tempfile::tempdir().expect("empty extension dir");
    let python = [("FLOE_LINT_PYTHON", setup.dbt_python.as_path())];
    let (output, json) = connect(&setup, empty.path(), &[], &python, &[]);
    assert_eq!(output.status.code(), Some(1), "{json:#}");
    let step = duckdb_step(&json);
    assert_eq!(step["status"], "failed", "{json:#}");
    assert!(field(step, "cause").contains("extension"), "{json:#}");
    assert!(
        field(step, "fix").contains("duckdb-extension-iceberg==1.5.5"),
        "{json:#}"
    );

    // A TEST DOUBLE for an interpreter that never answers: stopped at the deadline (the 1 s
    // timeout plus the 3 s allowed for Python's start-up).
    let hung = setup.project.path().join("hung-python");
    std::fs::write(&hung, "#!/bin/sh\nexec sleep 60\n").expect("write");
    make_executable(&hung);
    let started = Instant::now();
    let output = command(
        &setup,
        &setup.extensions,
        &[],
        &[("FLOE_LINT_PYTHON", &hung)],
    )
    .args(["--timeout", "1"])
    .output()
    .expect("run");
    let (_, json) = parse(output);
    let step = duckdb_step(&json);
    assert_eq!(step["status"], "failed", "{json:#}");
    assert!(
        field(step, "cause").contains("did not finish within 1 s"),
        "{json:#}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(12),
        "took {:?}",
        started.elapsed()
    );
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = std::fs::metadata(path).expect("stat").permissions();
    permissions.set_mode(0o755);
    std::fs::set_permissions(path, permissions).expect("chmod");
}
