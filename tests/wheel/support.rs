//! Helpers for the wheel tests: find the built wheel and the tools, make fresh venvs, run
//! commands with no Rust toolchain on PATH, and speak just enough LSP to start and stop a server.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../support/lsp_wire.rs"]
mod lsp_wire;
use lsp_wire::{frame, read_message};

/// `Some(value)` when ready; otherwise skips (None), or fails under FLOE_LINT_REQUIRE_EXTERNAL.
pub fn require<T>(value: Option<T>, what: &str) -> Option<T> {
    if value.is_none() {
        assert!(
            std::env::var_os("FLOE_LINT_REQUIRE_EXTERNAL").is_none(),
            "{what} (.ci/run builds the wheel and sets it)"
        );
        eprintln!("skipping: {what}");
    }
    value
}

pub fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.exists())
}

/// The directory with the built wheel (`FLOE_LINT_WHEEL_DIR`, `dist/` in .ci/run) and the wheel.
pub fn wheel() -> Option<(PathBuf, PathBuf)> {
    let dir = env_path("FLOE_LINT_WHEEL_DIR")?;
    let version = env!("CARGO_PKG_VERSION");
    let wheel = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&format!("floe_lint-{version}-")) && n.ends_with(".whl")
            })
        })?;
    Some((dir, wheel))
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A PATH without Rust: the directories of `python3`, `git` and the basic tools, none with cargo.
pub fn path_without_rust(extra: &[&Path]) -> std::ffi::OsString {
    let mut dirs: Vec<PathBuf> = extra.iter().map(|p| p.to_path_buf()).collect();
    dirs.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
    for dir in &dirs {
        assert!(
            !dir.join("cargo").exists() && !dir.join("rustc").exists(),
            "{} has a Rust toolchain",
            dir.display()
        );
    }
    std::env::join_paths(dirs).expect("PATH")
}

/// The real interpreter behind `python3` on PATH (not a pyenv shim, which needs its own PATH).
pub fn system_python() -> PathBuf {
    let output = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("python3");
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

/// A fresh venv in `dir`; returns its bin directory.
pub fn venv(dir: &Path) -> PathBuf {
    let status = Command::new(system_python())
        .args(["-m", "venv"])
        .arg(dir)
        .status()
        .expect("python3 -m venv");
    assert!(status.success(), "python3 -m venv failed");
    dir.join("bin")
}

/// Runs `command` with PATH set to `path` and a time limit; returns the output and the time.
pub fn run_timed(command: &mut Command, path: &std::ffi::OsStr) -> (Output, Duration) {
    let started = Instant::now();
    let output = command
        .env("PATH", path)
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV")
        .env_remove("VIRTUAL_ENV")
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    (output, started.elapsed())
}

pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `pip install --no-index --find-links DIR floe-lint` into a fresh venv, with no Rust on PATH.
pub fn pip_install(venv_dir: &Path, wheel_dir: &Path) -> (PathBuf, Duration) {
    let bin = venv(venv_dir);
    let path = path_without_rust(&[&bin]);
    let (output, took) = run_timed(
        Command::new(bin.join("pip"))
            .args([
                "install",
                "--no-index",
                "--disable-pip-version-check",
                "--find-links",
            ])
            .arg(wheel_dir)
            .arg("floe-lint"),
        &path,
    );
    assert!(
        output.status.success(),
        "pip install failed:\n{}",
        text(&output)
    );
    (bin, took)
}

/// The cargo-built binary's `check` output on the example, to compare an installed one with.
pub fn cargo_built_check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_floe-lint"))
        .args(args)
        .current_dir(repo())
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV")
        .env("NO_COLOR", "1")
        .output()
        .expect("run the cargo-built floe-lint")
}

/// The server's stdin, shared with the thread answering its requests; `None` once closed.
type Shared = std::sync::Arc<std::sync::Mutex<Option<std::process::ChildStdin>>>;

fn send(stdin: &Shared, message: &Value) {
    let mut stdin = stdin.lock().expect("stdin lock");
    if let Some(stdin) = stdin.as_mut() {
        stdin
            .write_all(&frame(&message.to_string()))
            .expect("write to the server");
        stdin.flush().expect("flush");
    }
}

/// Reads the server's output until it closes: answers the server's own requests
/// (workspace/configuration, capability registration), as a client must, since it waits for
/// them, and passes every message on.
fn pump(mut reader: impl BufRead, stdin: Shared, responses: std::sync::mpsc::Sender<Value>) {
    while let Some(message) = read_message(&mut reader) {
        if let (Some(request), Some(method)) = (
            message.get("id"),
            message.get("method").and_then(Value::as_str),
        ) {
            let result = if method == "workspace/configuration" {
                json!([{}])
            } else {
                Value::Null
            };
            send(
                &stdin,
                &json!({"jsonrpc": "2.0", "id": request, "result": result}),
            );
        }
        let _ = responses.send(message);
    }
}

/// `floe-lint lsp`: initialize, initialized, shutdown, exit. Returns the initialize response and
/// the exit status's code.
pub fn lsp_handshake(binary: &Path, root: &Path) -> (Value, Option<i32>) {
    let mut child = Command::new(binary)
        .arg("lsp")
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start floe-lint lsp");
    let stdin: Shared = std::sync::Arc::new(std::sync::Mutex::new(Some(
        child.stdin.take().expect("stdin"),
    )));
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let (sender, responses) = std::sync::mpsc::channel();
    let pump_stdin = stdin.clone();
    std::thread::spawn(move || pump(stdout, pump_stdin, sender));
    let response = |id: i64| loop {
        let message = responses
            .recv_timeout(Duration::from_secs(30))
            .expect("a response from the server");
        if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
            return message;
        }
    };
    // Until the server has been quiet for a moment (its requests after `initialized` answered):
    // a request of its still unanswered at `exit` would keep it waiting, as with any client.
    let settle = || {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline
            && responses.recv_timeout(Duration::from_millis(500)).is_ok()
        {}
    };
    let root_uri = format!("file://{}", root.display());
    send(
        &stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": null, "rootUri": root_uri, "capabilities": {}}}),
    );
    let initialized = response(1);
    send(
        &stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    settle();
    send(
        &stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}),
    );
    let shutdown = response(2);
    assert_eq!(shutdown.get("result"), Some(&Value::Null), "{shutdown}");
    send(
        &stdin,
        &json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    );
    // After `exit` there is nothing more to say: close stdin, as an editor does.
    drop(stdin.lock().expect("stdin lock").take());
    let deadline = Instant::now() + Duration::from_secs(20);
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("floe-lint lsp did not exit after `exit`");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (initialized, code)
}
