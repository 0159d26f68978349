//! `floe-lint connect` against a real Iceberg REST catalog process on 127.0.0.1: the Polaris
//! stand-in (tests/polaris_standin, a TEST DOUBLE on pyiceberg's SqlCatalog) and real DuckDB 1.5.5
//! with the iceberg extension from PyPI. `.ci/run` prepares both and sets POLARIS_STANDIN_PYTHON
//! (a Python with tests/polaris_standin/requirements.txt) and FLOE_DUCKDB_EXTENSION_DIR
//! (<dir>/v1.5.5/linux_amd64/{iceberg,httpfs,avro,parquet}.duckdb_extension). Without them the
//! tests skip, unless FLOE_LINT_REQUIRE_EXTERNAL=1.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::Project;
use common::standin::{self, Standin, tools};
use serde_json::Value;

const CLIENT: &str = "floe-client";
const SECRET: &str = "s3cr3t-floe-standin-value";

fn start(python: &Path, extra: &[&str]) -> Standin {
    let mut args = vec![
        "--warehouse",
        "floe_warehouse",
        "--client-id",
        CLIENT,
        "--client-secret",
        SECRET,
        "--namespace",
        "demo",
    ];
    args.extend_from_slice(extra);
    standin::start(python, &args)
}

fn project(uri: &str, namespace: &str, warehouse: &str) -> Project {
    let project = Project::new();
    project
        .write("floe.yaml", "name: orders\nversion: \"1\"\ncatalog: lake\n")
        .write(
            "platform/local/platform.yaml",
            format!(
                "catalogs:\n  lake:\n    uri: \"{uri}\"\n    warehouse: {warehouse}\n    namespace: {namespace}\n    credentials:\n      mode: oauth2\n      client_id: {{secret_ref: polaris-client-id}}\n      client_secret: {{secret_ref: polaris-client-secret}}\n      scope: \"PRINCIPAL_ROLE:ALL\"\n"
            ),
        );
    project
}

fn connect(
    project: &Project,
    extensions: &Path,
    secret: Option<&str>,
    extra: &[&str],
) -> (Output, Value) {
    let mut command = common::floe_lint();
    command
        .current_dir(project.path())
        .args(["connect", "--format", "json", "--duckdb-extension-dir"])
        .arg(extensions)
        .args(if extra.contains(&"--timeout") {
            &[][..]
        } else {
            &["--timeout", "5"][..]
        })
        .args(extra)
        .env("POLARIS_CLIENT_ID", CLIENT)
        .env("FLOE_SECRETS_DIR", project.path().join("no-secrets-here"));
    match secret {
        Some(s) => command.env("POLARIS_CLIENT_SECRET", s),
        None => command.env_remove("POLARIS_CLIENT_SECRET"),
    };
    let output = command.output().expect("run floe-lint connect");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    for stream in [&output.stdout, &output.stderr] {
        let shown = String::from_utf8_lossy(stream);
        assert!(
            !shown.contains(SECRET) && !shown.contains("wrong-secret-value"),
            "a secret was printed:\n{shown}"
        );
    }
    let json = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {text}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output, json)
}

fn statuses(json: &Value) -> Vec<(String, String)> {
    json["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or("").to_owned(),
                s["status"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn step<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["name"] == name)
        .expect("step")
}

fn expect(json: &Value, failed: &str) {
    let names = ["resolve", "token", "config", "namespace", "duckdb"];
    let at = names.iter().position(|n| *n == failed).expect("step name");
    let want: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                (*n).to_owned(),
                (if i < at {
                    "ok"
                } else if i == at {
                    "failed"
                } else {
                    "skipped"
                })
                .to_owned(),
            )
        })
        .collect();
    assert_eq!(statuses(json), want, "{json:#}");
}

#[test]
fn every_step_passes_and_duckdb_lists_the_schema() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    let server = start(&python, &["--seed"]);
    let uri = format!("http://127.0.0.1:{}/api/catalog", server.port);
    let project = project(&uri, "demo", "floe_warehouse");
    let (output, json) = connect(&project, &extensions, Some(SECRET), &[]);
    assert_eq!(output.status.code(), Some(0), "{json:#}");
    assert_eq!(json["ok"], true);
    assert!(statuses(&json).iter().all(|(_, s)| s == "ok"));
    assert!(
        step(&json, "namespace")["detail"]
            .as_str()
            .unwrap_or("")
            .contains("1 table"),
        "{json:#}"
    );
    assert!(
        step(&json, "duckdb")["detail"]
            .as_str()
            .unwrap_or("")
            .contains("demo"),
        "{json:#}"
    );
    // Human output too, without the secret.
    let human = common::floe_lint()
        .current_dir(project.path())
        .args(["connect", "--duckdb-extension-dir"])
        .arg(&extensions)
        .env("POLARIS_CLIENT_ID", CLIENT)
        .env("POLARIS_CLIENT_SECRET", SECRET)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("Connectivity verified.") && !text.contains(SECRET),
        "{text}"
    );
}

#[test]
fn wrong_secret_unknown_warehouse_and_missing_namespace() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    let server = start(&python, &["--seed"]);
    let uri = format!("http://127.0.0.1:{}/api/catalog", server.port);
    let (output, json) = connect(
        &project(&uri, "demo", "floe_warehouse"),
        &extensions,
        Some("wrong-secret-value"),
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    expect(&json, "token");
    assert!(
        step(&json, "token")["cause"]
            .as_str()
            .unwrap_or("")
            .contains("rejected the client credentials"),
        "{json:#}"
    );

    let (_, json) = connect(
        &project(&uri, "demo", "no_such_warehouse"),
        &extensions,
        Some(SECRET),
        &[],
    );
    expect(&json, "config");
    assert!(
        step(&json, "config")["cause"]
            .as_str()
            .unwrap_or("")
            .contains("does not know warehouse `no_such_warehouse`")
    );

    let (_, json) = connect(
        &project(&uri, "missing", "floe_warehouse"),
        &extensions,
        Some(SECRET),
        &[],
    );
    expect(&json, "namespace");
    assert!(
        step(&json, "namespace")["cause"]
            .as_str()
            .unwrap_or("")
            .contains("`missing` does not exist")
    );
}

#[test]
fn server_down_or_silent_fails_in_time() {
    let Some((python, extensions)) = tools() else {
        return;
    };
    // A port nobody listens on: bind, read the port, release it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let (_, json) = connect(
        &project(
            &format!("http://127.0.0.1:{port}/api/catalog"),
            "demo",
            "floe_warehouse",
        ),
        &extensions,
        Some(SECRET),
        &[],
    );
    expect(&json, "token");
    assert!(
        step(&json, "token")["cause"]
            .as_str()
            .unwrap_or("")
            .contains("cannot connect"),
        "{json:#}"
    );

    let silent = start(&python, &["--hang"]);
    let started = Instant::now();
    let (_, json) = connect(
        &project(
            &format!("http://127.0.0.1:{}/api/catalog", silent.port),
            "demo",
            "floe_warehouse",
        ),
        &extensions,
        Some(SECRET),
        &["--timeout", "2"],
    );
    expect(&json, "token");
    assert!(
        step(&json, "token")["cause"]
            .as_str()
            .unwrap_or("")
            .contains("no answer"),
        "{json:#}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn missing_secret_and_insecure_http_stop_before_the_network() {
    let Some((_, extensions)) = tools() else {
        return;
    };
    let (_, json) = connect(
        &project("http://127.0.0.1:9/api/catalog", "demo", "w"),
        &extensions,
        None,
        &[],
    );
    expect(&json, "resolve");
    let cause = step(&json, "resolve")["cause"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert!(
        cause.contains("environment variable 'POLARIS_CLIENT_SECRET'"),
        "{cause}"
    );

    let (_, json) = connect(
        &project("http://polaris.example.com/api/catalog", "demo", "w"),
        &extensions,
        Some(SECRET),
        &[],
    );
    expect(&json, "resolve");
    assert!(
        step(&json, "resolve")["cause"]
            .as_str()
            .unwrap_or("")
            .contains("refusing to send credentials over plain http")
    );
}

#[test]
fn a_missing_extension_fails_the_duckdb_step_with_that_cause() {
    let Some((python, _)) = tools() else { return };
    let server = start(&python, &["--seed"]);
    let uri = format!("http://127.0.0.1:{}/api/catalog", server.port);
    let empty = tempfile::tempdir().expect("empty extension dir");
    let (output, json) = connect(
        &project(&uri, "demo", "floe_warehouse"),
        empty.path(),
        Some(SECRET),
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    expect(&json, "duckdb");
    let step = step(&json, "duckdb");
    assert!(
        step["cause"].as_str().unwrap_or("").contains("extension"),
        "{json:#}"
    );
    assert!(
        step["fix"]
            .as_str()
            .unwrap_or("")
            .contains("duckdb-extension-iceberg==1.5.5"),
        "{json:#}"
    );
}
