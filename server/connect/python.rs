//! Step 5 in a build without the embedded DuckDB (the Python wheel, `--no-default-features`): the
//! statements of sql.rs run by the `duckdb` Python package, the one a dbt-duckdb environment
//! already has, in a child process (`python -c duckdb_step.py`). The request, credentials
//! included, goes over stdin, never argv or the environment; the answer is one JSON line. The
//! child is killed at the step's deadline or when the check is cancelled.
//!
//! Which Python: `--python` / `FLOE_LINT_PYTHON` if set (it must have `duckdb`); otherwise the
//! first of these that can `import duckdb`: the Python beside the floe-lint executable (a venv
//! floe-lint was pip-installed into), `$VIRTUAL_ENV`'s, then `python3` and `python` on PATH.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::resolved::Resolved;
use super::{Cancel, Failure, Request, fail, sql};

const SCRIPT: &str = include_str!("duckdb_step.py");

/// Interpreter start-up and `import duckdb`, on top of the step's timeout.
const START_UP_GRACE: Duration = Duration::from_secs(3);

/// Answers and error output past this are cut (the answer is one short JSON line).
const MAX_OUTPUT: u64 = 1 << 20;

pub enum Outcome {
    Ok(String),
    Failed(Failure),
    /// No Python with `duckdb` was found: the reason and what to do.
    Skipped(String),
}

#[derive(Deserialize)]
struct Answer {
    ok: bool,
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    duckdb: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    schemas: Vec<String>,
}

/// What one interpreter did with the request.
enum Attempt {
    Answered(Answer),
    /// It could not be started (not there, not executable).
    NotRunnable(String),
    Failed(Failure),
}

pub fn attach(resolved: &Resolved, request: &Request, cancel: &Cancel) -> Outcome {
    let input = serde_json::json!({
        "protocol": 1,
        "setup": sql::setup_statements(
            request.extension_dir.as_deref(),
            request.timeout,
            resolved.storage.as_ref(),
        ),
        "attach": sql::attach_statement(resolved),
        "schemas": sql::schemas_query(),
        "detach": format!("DETACH {}", sql::CATALOG_ALIAS),
    })
    .to_string();
    let deadline = Instant::now() + request.timeout + START_UP_GRACE;
    if let Some(python) = &request.python {
        return match run(python, &input, deadline, request, cancel) {
            Attempt::Answered(answer) => explicit_answer(python, answer, request),
            Attempt::NotRunnable(why) => Outcome::Failed(fail(
                format!("cannot run {} ({why})", python.display()),
                "point --python / FLOE_LINT_PYTHON at a Python executable that has the `duckdb` package",
            )),
            Attempt::Failed(failure) => Outcome::Failed(failure),
        };
    }
    let mut tried = Vec::new();
    for python in candidates() {
        match run(&python, &input, deadline, request, cancel) {
            Attempt::Answered(answer) if answer.stage.as_deref() == Some("import") => {
                tried.push(format!("{} (no duckdb)", python.display()));
            }
            Attempt::Answered(answer) => return answered(&python, answer, request),
            Attempt::NotRunnable(_) => {}
            Attempt::Failed(failure) => return Outcome::Failed(failure),
        }
    }
    let tried = if tried.is_empty() {
        "no Python found".to_owned()
    } else {
        format!("tried {}", tried.join(", "))
    };
    Outcome::Skipped(format!(
        "{} and found no Python with the `duckdb` package ({tried}); install duckdb where floe-lint is installed (`pip install duckdb`), or set FLOE_LINT_PYTHON to your dbt-duckdb environment's python",
        super::report::NO_DUCKDB
    ))
}

/// A Python named by the user must have `duckdb`: its absence is a failure, not a skip.
fn explicit_answer(python: &Path, answer: Answer, request: &Request) -> Outcome {
    if answer.stage.as_deref() == Some("import") {
        return Outcome::Failed(fail(
            format!(
                "{} cannot import duckdb ({})",
                python.display(),
                answer.error.unwrap_or_default()
            ),
            format!(
                "install it there (`{} -m pip install duckdb`), or point --python / FLOE_LINT_PYTHON at your dbt-duckdb environment's python",
                python.display()
            ),
        ));
    }
    answered(python, answer, request)
}

fn answered(python: &Path, answer: Answer, request: &Request) -> Outcome {
    let version = answer.duckdb.unwrap_or_else(|| "unknown".to_owned());
    if answer.ok {
        let via = format!(" through Python duckdb {version} ({})", python.display());
        return Outcome::Ok(sql::success_detail(&answer.schemas, &via));
    }
    let error = answer.error.unwrap_or_default();
    if answer.stage.as_deref() == Some("input") {
        return Outcome::Failed(fail(
            format!(
                "{} did not understand floe-lint's request: {error}",
                python.display()
            ),
            "this is a floe-lint bug; please report it",
        ));
    }
    Outcome::Failed(sql::explain(
        &error,
        request.extension_dir.as_deref(),
        &format!("v{version}"),
    ))
}

/// The Pythons to try, in order, without duplicates.
fn candidates() -> Vec<PathBuf> {
    let names: &[&str] = if cfg!(windows) {
        &["python.exe"]
    } else {
        &["python3", "python"]
    };
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        dirs.push(dir);
    }
    if let Some(venv) = std::env::var_os("VIRTUAL_ENV").filter(|v| !v.is_empty()) {
        dirs.push(PathBuf::from(venv).join(if cfg!(windows) { "Scripts" } else { "bin" }));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    let mut found: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        // The same directory twice (`/bin` is `/usr/bin` on merged-/usr systems) is tried once.
        // Not the interpreter's own canonical path: a venv's python is a symlink to the base one,
        // and which venv it belongs to depends on where the link is.
        let same = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if seen.contains(&same) {
            continue;
        }
        seen.push(same);
        if let Some(candidate) = names
            .iter()
            .map(|name| dir.join(name))
            .find(|c| c.is_file())
        {
            found.push(candidate);
        }
    }
    found
}

/// Runs the script with `python`, feeds it the request, waits for its answer until `deadline`.
fn run(
    python: &Path,
    input: &str,
    deadline: Instant,
    request: &Request,
    cancel: &Cancel,
) -> Attempt {
    let mut child = match Command::new(python)
        .arg("-c")
        .arg(SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) => return Attempt::NotRunnable(error.to_string()),
    };
    // The request is a few hundred bytes: it fits in the pipe, so writing it cannot block.
    if let Some(stdin) = child.stdin.take() {
        send(stdin, input);
    }
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let status = match wait(&mut child, deadline, request.timeout, cancel) {
        Ok(status) => status,
        Err(failure) => return Attempt::Failed(failure),
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let answer = stdout
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .and_then(|line| serde_json::from_str::<Answer>(line).ok());
    match answer {
        Some(answer) => Attempt::Answered(answer),
        None => {
            let last = stderr
                .lines()
                .rev()
                .find(|line| !line.trim().is_empty())
                .unwrap_or("no output");
            Attempt::Failed(fail(
                format!(
                    "{} stopped without an answer ({status}): {last}",
                    python.display()
                ),
                if request.python.is_some() {
                    "check that --python / FLOE_LINT_PYTHON names a working Python 3 with the `duckdb` package"
                } else {
                    "set FLOE_LINT_PYTHON to a working Python 3 with the `duckdb` package"
                },
            ))
        }
    }
}

fn send(mut stdin: ChildStdin, input: &str) {
    // A child that exits at once (no duckdb) closes the pipe: its answer says why, not this.
    let _ = stdin.write_all(input.as_bytes());
}

fn reader<R: Read + Send + 'static>(stream: Option<R>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(stream) = stream {
            let mut bytes = Vec::new();
            let _ = stream.take(MAX_OUTPUT).read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}

fn wait(
    child: &mut Child,
    deadline: Instant,
    timeout: Duration,
    cancel: &Cancel,
) -> Result<std::process::ExitStatus, Failure> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) => {}
            Err(error) => {
                stop(child);
                return Err(fail(
                    format!("lost track of the Python process: {error}"),
                    "run the check again",
                ));
            }
        }
        if cancel.is_cancelled() {
            stop(child);
            return Err(fail("cancelled", "run the check again"));
        }
        if Instant::now() >= deadline {
            stop(child);
            return Err(fail(
                format!(
                    "DuckDB's ATTACH (through Python) did not finish within {} s (plus {} s to start Python)",
                    timeout.as_secs_f32(),
                    START_UP_GRACE.as_secs()
                ),
                "check that the catalog answers; raise --timeout for a slow network",
            ));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
