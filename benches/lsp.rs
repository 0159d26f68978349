//! The `lsp` benchmark: how fast `floe-lint lsp` answers an edit with diagnostics, and how soon
//! after spawn it publishes the first ones, next to yaml-language-server configured with our
//! generated JSON Schema for platform.yaml.
//!
//! Run with `cargo bench --bench lsp` (`harness = false`: a plain `main`, std + serde_json).
//!
//! Inputs are written to a temporary directory laid out as floe projects
//! (`<project>/floe.yaml` + `<project>/platform/local/platform.yaml`), with upstream's demo
//! floe.yaml and either upstream's demo platform.yaml (`demo`) or the ~5,000-line valid
//! platform.yaml generated as in `benches/check.rs` (`large`).
//!
//! Both servers are driven over stdio by the small JSON-RPC client below (as in
//! `tests/lsp/client.rs`), with the same client capabilities (`workspace/configuration`
//! supported; every server request is answered at once). Only platform.yaml is opened.
//!
//! 1. didChange → publishDiagnostics: each sample sends one incremental didChange that toggles
//!    the first `bucket:` value of platform.yaml between its valid value and `ab` (2 characters,
//!    below the schema's `minLength: 3`), then waits for the first publishDiagnostics of that
//!    URI whose content reflects the edit (a diagnostic on the bucket line after the invalid edit,
//!    none after the valid one). Time is send → arrival of that message (timestamped by the
//!    reader thread). Between samples the bench pauses 20 ms and drains everything pending, so
//!    each sample starts from an idle server. yaml-language-server debounces validation by
//!    200 ms: that is part of what is compared and is measured as-is.
//! 2. spawn → first diagnostics: process spawn, `initialize`, `initialized` (plus, for
//!    yaml-language-server, `workspace/didChangeConfiguration`), `didOpen` of platform.yaml with
//!    the invalid bucket, then the first publishDiagnostics for it that shows the schema error.
//!    (The first publishDiagnostics of any content is printed in the progress lines too.)
//!
//! Before any timing, each server must report the schema error of the invalid edit; a server
//! that does not is reported as failed instead of timed.
//!
//! * floe-lint binary: `$FLOE_LINT_BIN`, else `$CARGO_TARGET_DIR/release/floe-lint`, else the
//!   `floe-lint` next to this bench's own directory, else `target/release/floe-lint`.
//! * yaml-language-server: `$YAML_LANGUAGE_SERVER`, the path of its
//!   `node_modules/yaml-language-server/bin/yaml-language-server` script, run with `node … --stdio`
//!   (`$NODE`, else `node`). When unset, its column is skipped with install instructions. It is
//!   configured with `{"schemas": {"<file URI of schemas/platform.schema.json>":
//!   ["**/platform.yaml"]}, "validate": true, "schemaStore": {"enable": false}}` (the schema
//!   store is disabled so that startup does not download its catalog from the network).
//! * `FLOE_BENCH_SAMPLES` (default 200) and `FLOE_BENCH_YLS_SAMPLES` (default 50) set the
//!   didChange samples per file, after warm-up; `FLOE_BENCH_RUNS` (default 10) the spawn runs.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "support/binary.rs"]
mod binary;
use binary::floe_lint_binary;
#[path = "support/platform.rs"]
mod platform;
use platform::generate_platform;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/upstream");
const DEMO_FLOE: &str = "floe-runtime__demo__data_engineering__floe.yaml";
const DEMO_PLATFORM: &str = "floe-runtime__demo__platform-config__platform__local__platform.yaml";
const TARGET_LINES: usize = 5_000;
/// The invalid bucket name: 2 characters, below the schema's `minLength: 3`.
const INVALID_BUCKET: &str = "ab";

/// How long one expected message may take before the server is declared stuck.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Pause between didChange samples, after which everything pending is drained.
const SETTLE: Duration = Duration::from_millis(20);
const FLOE_WARMUP: usize = 10;
const YLS_WARMUP: usize = 4;

// Goals, for reference.
const GOAL_CHANGE: Duration = Duration::from_millis(5);
const GOAL_SPAWN: Duration = Duration::from_millis(50);

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Not `tempfile::tempdir()`: its `.tmpXXXX` name starts with a dot, and
    // yaml-language-server's `**` glob does not match dot directories (the schema would never be
    // associated with the file).
    let temp = tempfile::Builder::new()
        .prefix("floe-lsp-bench-")
        .tempdir()
        .expect("create a temporary directory");
    let demo_floe = read(&Path::new(FIXTURES).join(DEMO_FLOE));
    let demo_platform = read(&Path::new(FIXTURES).join(DEMO_PLATFORM));
    let large_platform = generate_platform(TARGET_LINES);
    let inputs = [
        Input::write(temp.path(), "demo", &demo_floe, &demo_platform),
        Input::write(temp.path(), "large", &demo_floe, &large_platform),
    ];

    let load_before = load_average();
    let samples = env_count("FLOE_BENCH_SAMPLES", 200);
    let yls_samples = env_count("FLOE_BENCH_YLS_SAMPLES", 50);
    let runs = env_count("FLOE_BENCH_RUNS", 10);

    let schema = root.join("schemas/platform.schema.json");
    let yaml_settings = json!({
        "schemas": {uri(&schema): ["**/platform.yaml"]},
        "validate": true,
        "schemaStore": {"enable": false},
    });

    println!("# floe-lint `lsp` benchmark\n");
    for input in &inputs {
        println!(
            "{}: {} ({} lines; edit: line {} `bucket: {}` ↔ `bucket: {INVALID_BUCKET}`)",
            input.name,
            input.platform.display(),
            input.text.lines().count(),
            input.edit.line + 1,
            input.edit.valid,
        );
    }
    let floe_lint = floe_lint_binary().map(|bin| Server {
        name: "floe-lint",
        program: bin.clone(),
        args: vec!["lsp".to_owned()],
        sections: HashMap::new(),
        did_change_configuration: None,
        version: version(&bin),
    });
    let yls = yaml_language_server().map(|script| {
        let node = std::env::var_os("NODE")
            .filter(|v| !v.is_empty())
            .map_or_else(|| PathBuf::from("node"), PathBuf::from);
        let version = format!(
            "{} on node {}",
            yls_version(&script),
            version(&node).trim_start_matches('v')
        );
        Server {
            name: "yaml-language-server",
            program: node,
            args: vec![script.display().to_string(), "--stdio".to_owned()],
            sections: HashMap::from([("yaml".to_owned(), yaml_settings.clone())]),
            did_change_configuration: Some(json!({"settings": {"yaml": yaml_settings}})),
            version,
        }
    });
    println!();
    match &floe_lint {
        Some(s) => println!("floe-lint: {} ({})", s.program.display(), s.version),
        None => println!(
            "floe-lint: release binary not found; run `cargo build --release` or set FLOE_LINT_BIN"
        ),
    }
    match &yls {
        Some(s) => println!("yaml-language-server: {} ({})", s.args[0], s.version),
        None => println!(
            "yaml-language-server: not found (set YAML_LANGUAGE_SERVER); install with\n  \
             npm install --prefix /tmp/yls yaml-language-server\n  \
             YAML_LANGUAGE_SERVER=/tmp/yls/node_modules/yaml-language-server/bin/yaml-language-server \
             cargo bench --bench lsp\n  the yaml-language-server column is skipped"
        ),
    }
    println!();

    // ---- Part 1: didChange → publishDiagnostics -----------------------------------------------
    let mut change_rows = Vec::new();
    for input in &inputs {
        let lint = floe_lint
            .as_ref()
            .map(|s| measure_changes(s, input, FLOE_WARMUP, samples));
        let other = yls
            .as_ref()
            .map(|s| measure_changes(s, input, YLS_WARMUP, yls_samples));
        change_rows.push(Row {
            label: format!(
                "didChange → publishDiagnostics, {} platform.yaml ({} lines)",
                input.name,
                input.text.lines().count()
            ),
            lint,
            other,
        });
    }

    // ---- Part 2: spawn → first diagnostics ----------------------------------------------------
    let mut spawn_rows = Vec::new();
    for input in &inputs {
        let lint = floe_lint.as_ref().map(|s| measure_spawns(s, input, runs));
        let other = yls.as_ref().map(|s| measure_spawns(s, input, runs));
        spawn_rows.push(Row {
            label: format!(
                "spawn → first diagnostics, {} platform.yaml ({} lines)",
                input.name,
                input.text.lines().count()
            ),
            lint,
            other,
        });
    }

    // ---- The table -----------------------------------------------------------------------------
    println!("\n## Results\n");
    println!("{}", table(&change_rows, &spawn_rows));
    let mut command = String::new();
    for var in [
        "YAML_LANGUAGE_SERVER",
        "NODE",
        "FLOE_LINT_BIN",
        "FLOE_BENCH_SAMPLES",
        "FLOE_BENCH_YLS_SAMPLES",
        "FLOE_BENCH_RUNS",
    ] {
        if let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            let _ = write!(command, "{var}={} ", value.to_string_lossy());
        }
    }
    command.push_str("cargo bench --bench lsp");
    println!("Measured with `{command}`");
    println!(
        "({} logical CPUs; didChange: incremental edit toggling a bucket name valid ↔ invalid, \
         {}-ms pause between samples, after {FLOE_WARMUP} (floe-lint) / {YLS_WARMUP} \
         (yaml-language-server) warm-up samples; p99 of fewer than 100 samples is the maximum; \
         spawn: median of {runs} runs after 1 warm-up run, didOpen with the invalid bucket, until \
         the publishDiagnostics showing it.)",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        SETTLE.as_millis(),
    );
    if let (Some(before), Some(after)) = (load_before, load_average()) {
        println!(
            "(1-minute load average {before} before, {after} after: other processes compete for the CPUs when it exceeds their number.)"
        );
    }
    println!();
    let goal = |rows: &[Row], at: usize, goal: Duration| match rows.get(at).and_then(|r| {
        r.lint
            .as_ref()
            .and_then(|m| m.as_ref().ok())
            .map(|m| m.stats.median)
    }) {
        Some(median) if median <= goal => format!("met ({})", fmt(median)),
        Some(median) => format!("MISSED ({})", fmt(median)),
        None => "not measured".to_owned(),
    };
    println!(
        "Goals: floe-lint median didChange → diagnostics ≤ {} on 5,000 lines: {}; first \
         diagnostics within {} of spawn: {} (demo), {} (5,000 lines).",
        fmt(GOAL_CHANGE),
        goal(&change_rows, 1, GOAL_CHANGE),
        fmt(GOAL_SPAWN),
        goal(&spawn_rows, 0, GOAL_SPAWN),
        goal(&spawn_rows, 1, GOAL_SPAWN),
    );
}

// ---------------------------------------------------------------------------------------------
// inputs
// ---------------------------------------------------------------------------------------------

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The 1-minute load average (Linux), to tell a busy machine's figures apart.
fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next().map(str::to_owned)
}

fn env_count(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// One floe project on disk and the edit the bench toggles in its platform.yaml.
struct Input {
    name: &'static str,
    dir: PathBuf,
    platform: PathBuf,
    text: String,
    edit: Edit,
}

/// The value of the first `bucket:` key: zero-based line, its column (ASCII lines, so UTF-16
/// and UTF-8 columns agree) and its valid value.
struct Edit {
    line: usize,
    column: usize,
    valid: String,
}

impl Input {
    fn write(temp: &Path, name: &'static str, floe: &str, platform: &str) -> Input {
        let dir = temp.join(name);
        let env_dir = dir.join("platform").join("local");
        std::fs::create_dir_all(&env_dir).expect("create the project directory");
        std::fs::write(dir.join("floe.yaml"), floe).expect("write floe.yaml");
        let path = env_dir.join("platform.yaml");
        std::fs::write(&path, platform).expect("write platform.yaml");
        let edit = platform
            .lines()
            .enumerate()
            .find_map(|(line, text)| {
                let at = text.find("bucket: ")?;
                if !text[..at].trim().is_empty() || !text.is_ascii() {
                    return None;
                }
                let column = at + "bucket: ".len();
                let valid = text[column..].split_whitespace().next()?.to_owned();
                Some(Edit {
                    line,
                    column,
                    valid,
                })
            })
            .unwrap_or_else(|| panic!("no `bucket:` line in {name}'s platform.yaml"));
        Input {
            name,
            dir,
            platform: path,
            text: platform.to_owned(),
            edit,
        }
    }

    /// platform.yaml with the bucket value replaced.
    fn text_with(&self, value: &str) -> String {
        let mut out = String::with_capacity(self.text.len());
        for (i, line) in self.text.split_inclusive('\n').enumerate() {
            if i == self.edit.line {
                out.push_str(&line[..self.edit.column]);
                out.push_str(value);
                out.push_str(&line[self.edit.column + self.edit.valid.len()..]);
            } else {
                out.push_str(line);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// servers and the JSON-RPC client
// ---------------------------------------------------------------------------------------------

struct Server {
    name: &'static str,
    program: PathBuf,
    args: Vec<String>,
    /// Answers to `workspace/configuration`, by section (others get `null`).
    sections: HashMap<String, Value>,
    /// Sent after `initialized`, when set.
    did_change_configuration: Option<Value>,
    version: String,
}

/// The client capabilities both servers get.
fn capabilities() -> Value {
    json!({
        "workspace": {
            "configuration": true,
            "didChangeConfiguration": {"dynamicRegistration": false},
            "workspaceFolders": true,
        },
        "textDocument": {
            "synchronization": {"dynamicRegistration": false, "didSave": true},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
        },
    })
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    /// Messages from the server, timestamped on arrival by the reader thread.
    incoming: Receiver<(Instant, Value)>,
    next_id: i64,
    sections: HashMap<String, Value>,
}

impl Client {
    fn spawn(server: &Server, dir: &Path) -> Client {
        let mut child = Command::new(&server.program)
            .args(&server.args)
            .current_dir(dir)
            .env_remove("FLOE_PLATFORM_FILE")
            .env_remove("FLOE_PLATFORM_ENV")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", server.program.display()));
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send((Instant::now(), message)).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next_id: 1,
            sections: server.sections.clone(),
        }
    }

    /// `initialize` (waiting for its result), `initialized`, then the configuration, if any.
    fn initialize(&mut self, server: &Server, dir: &Path) -> Result<Value, String> {
        let root = uri(dir);
        let id = self.next_id;
        self.next_id += 1;
        self.send(
            &json!({"jsonrpc": "2.0", "id": id, "method": "initialize", "params": {
                "processId": std::process::id(), "rootUri": root, "capabilities": capabilities(),
                "workspaceFolders": [{"uri": root, "name": "bench"}],
            }}),
        );
        let (_, response) = self
            .wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .ok_or("no answer to initialize")?;
        if let Some(error) = response.get("error") {
            return Err(format!("initialize failed: {error}"));
        }
        self.notify("initialized", json!({}));
        if let Some(settings) = &server.did_change_configuration {
            self.notify("workspace/didChangeConfiguration", settings.clone());
        }
        Ok(response["result"].clone())
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        // A server that died shows up as a timeout on the next wait.
        let _ = self.stdin.write_all(&frame(&body));
        let _ = self.stdin.flush();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Answers a server request (configuration by section, anything else with `null`); returns
    /// whether `message` was one.
    fn answer(&mut self, message: &Value) -> bool {
        let (Some(id), Some(method)) = (
            message.get("id"),
            message.get("method").and_then(Value::as_str),
        ) else {
            return false;
        };
        let result = match method {
            "workspace/configuration" => Value::Array(
                message["params"]["items"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|item| {
                        item["section"]
                            .as_str()
                            .and_then(|s| self.sections.get(s))
                            .cloned()
                            .unwrap_or(Value::Null)
                    })
                    .collect(),
            ),
            _ => Value::Null,
        };
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        true
    }

    /// The next message matching `accept` (server requests are answered, others dropped), with
    /// its arrival time; `None` after `TIMEOUT` or when the server has exited.
    fn wait(&mut self, accept: impl Fn(&Value) -> bool) -> Option<(Instant, Value)> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((at, message)) => {
                    if self.answer(&message) {
                        continue;
                    }
                    if accept(&message) {
                        return Some((at, message));
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// The next publishDiagnostics for `uri` whose list satisfies `accept`.
    fn diagnostics(
        &mut self,
        uri: &str,
        accept: impl Fn(&[Value]) -> bool,
    ) -> Option<(Instant, Vec<Value>)> {
        self.wait(|m| {
            is_publish(m, uri) && accept(m["params"]["diagnostics"].as_array().map_or(&[], |l| l))
        })
        .map(|(at, m)| {
            let list = m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            (at, list)
        })
    }

    /// Drops (and answers) everything already received.
    fn drain(&mut self) {
        while let Ok((_, message)) = self.incoming.try_recv() {
            self.answer(&message);
        }
    }

    fn shutdown(mut self) {
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": "shutdown", "params": null}));
        let _ = self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // Drop kills it.
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_publish(message: &Value, uri: &str) -> bool {
    message.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
        && message["params"]["uri"] == uri
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Whether `list` has a diagnostic starting on zero-based `line`.
fn on_line(list: &[Value], line: usize) -> bool {
    list.iter()
        .any(|d| d["range"]["start"]["line"].as_u64() == Some(line as u64))
}

/// The message of the first diagnostic on `line`, for the record.
fn message_on(list: &[Value], line: usize) -> String {
    list.iter()
        .find(|d| d["range"]["start"]["line"].as_u64() == Some(line as u64))
        .and_then(|d| d["message"].as_str())
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

// ---------------------------------------------------------------------------------------------
// measurements
// ---------------------------------------------------------------------------------------------

/// What one server measured on one input, or why it could not be.
type Measured = Result<Measurement, String>;

struct Measurement {
    stats: Stats,
    /// Extra detail for the progress line.
    note: String,
}

/// didChange → publishDiagnostics samples on one input.
fn measure_changes(server: &Server, input: &Input, warmup: usize, samples: usize) -> Measured {
    let label = format!("{} / {} didChange", server.name, input.name);
    let result = changes(server, input, warmup, samples);
    match &result {
        Ok(m) => println!(
            "{label:<44} median {} p99 {} (n={}) {}",
            fmt(m.stats.median),
            fmt(m.stats.p99),
            m.stats.samples,
            m.note
        ),
        Err(e) => println!("{label:<44} FAILED: {e}"),
    }
    result
}

fn changes(server: &Server, input: &Input, warmup: usize, samples: usize) -> Measured {
    let mut client = Client::spawn(server, &input.dir);
    let init = client.initialize(server, &input.dir)?;
    let incremental = match &init["capabilities"]["textDocumentSync"] {
        Value::Number(kind) => kind.as_u64() == Some(2),
        options => options["change"].as_u64() == Some(2),
    };
    let uri = uri(&input.platform);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": input.text}}),
    );
    let line = input.edit.line;
    let (_, opened) = client
        .diagnostics(&uri, |_| true)
        .ok_or("no diagnostics after didOpen")?;
    if on_line(&opened, line) {
        return Err(format!(
            "reports the valid bucket line {}: {}",
            line + 1,
            message_on(&opened, line)
        ));
    }
    let baseline = opened.len();
    let mut version = 1;
    let mut current = input.edit.valid.as_str();
    let mut times = Vec::with_capacity(samples);
    let mut error_message = String::new();
    for i in 0..warmup + samples {
        let invalid = i % 2 == 0;
        let next = if invalid {
            INVALID_BUCKET
        } else {
            input.edit.valid.as_str()
        };
        std::thread::sleep(SETTLE);
        client.drain();
        version += 1;
        let change = if incremental {
            let (start, end) = (input.edit.column, input.edit.column + current.len());
            json!({"range": {"start": {"line": line, "character": start},
                             "end": {"line": line, "character": end}}, "text": next})
        } else {
            json!({"text": input.text_with(next)})
        };
        let sent = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        current = next;
        let Some((at, list)) = client.diagnostics(&uri, |l| on_line(l, line) == invalid) else {
            return Err(if i == 0 {
                format!(
                    "no diagnostic on line {} within {}s of the invalid edit `bucket: \
                     {INVALID_BUCKET}`: it does not report the schema error",
                    line + 1,
                    TIMEOUT.as_secs()
                )
            } else {
                format!("no matching diagnostics within {}s", TIMEOUT.as_secs())
            });
        };
        if i == 0 {
            error_message = message_on(&list, line);
        }
        if i >= warmup {
            times.push(at.saturating_duration_since(sent));
        }
    }
    client.shutdown();
    Ok(Measurement {
        stats: stats(times),
        note: format!(
            "[{} sync; {baseline} other diagnostics; error: \"{error_message}\"]",
            if incremental { "incremental" } else { "full" }
        ),
    })
}

/// spawn → first diagnostics, `runs` times after one warm-up run.
fn measure_spawns(server: &Server, input: &Input, runs: usize) -> Measured {
    let label = format!("{} / {} spawn", server.name, input.name);
    let result = (|| {
        let mut meaningful = Vec::with_capacity(runs);
        let mut first = Vec::with_capacity(runs);
        let text = input.text_with(INVALID_BUCKET);
        for run in 0..=runs {
            let (any, with_error) = spawn_once(server, input, &text)?;
            if run > 0 {
                first.push(any);
                meaningful.push(with_error);
            }
        }
        let first = stats(first);
        Ok(Measurement {
            stats: stats(meaningful),
            note: format!(
                "[first publishDiagnostics of any content: median {}]",
                fmt(first.median)
            ),
        })
    })();
    match &result {
        Ok(m) => println!(
            "{label:<44} median {} (min {}, max {}, n={}) {}",
            fmt(m.stats.median),
            fmt(m.stats.min),
            fmt(m.stats.max),
            m.stats.samples,
            m.note
        ),
        Err(e) => println!("{label:<44} FAILED: {e}"),
    }
    result
}

/// One run: (spawn → first publishDiagnostics, spawn → first one showing the schema error).
fn spawn_once(server: &Server, input: &Input, text: &str) -> Result<(Duration, Duration), String> {
    let start = Instant::now();
    let mut client = Client::spawn(server, &input.dir);
    client.initialize(server, &input.dir)?;
    let uri = uri(&input.platform);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let line = input.edit.line;
    let (first_at, first) = client
        .diagnostics(&uri, |_| true)
        .ok_or("no diagnostics after didOpen")?;
    let with_error = if on_line(&first, line) {
        first_at
    } else {
        client
            .diagnostics(&uri, |l| on_line(l, line))
            .ok_or("the schema error was never reported")?
            .0
    };
    client.shutdown();
    Ok((first_at - start, with_error - start))
}

#[derive(Clone, Copy)]
struct Stats {
    median: Duration,
    p99: Duration,
    min: Duration,
    max: Duration,
    samples: usize,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort_unstable();
    let n = samples.len();
    assert!(n > 0, "no samples");
    let p99 = (n * 99).div_ceil(100).clamp(1, n) - 1;
    Stats {
        median: if n % 2 == 1 {
            samples[n / 2]
        } else {
            (samples[n / 2 - 1] + samples[n / 2]) / 2
        },
        p99: samples[p99],
        min: samples[0],
        max: samples[n - 1],
        samples: n,
    }
}

// ---------------------------------------------------------------------------------------------
// binaries
// ---------------------------------------------------------------------------------------------

/// `$YAML_LANGUAGE_SERVER`: the `bin/yaml-language-server` script of the npm package.
fn yaml_language_server() -> Option<PathBuf> {
    let script = PathBuf::from(std::env::var_os("YAML_LANGUAGE_SERVER").filter(|v| !v.is_empty())?);
    if script.is_file() {
        Some(script)
    } else {
        println!(
            "YAML_LANGUAGE_SERVER={} is not a file; skipping yaml-language-server",
            script.display()
        );
        None
    }
}

/// The npm package's version, from the package.json next to `bin/`.
fn yls_version(script: &Path) -> String {
    script
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("package.json"))
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|package| package["version"].as_str().map(str::to_owned))
        .map_or_else(|| "unknown version".to_owned(), |v| format!("v{v}"))
}

fn version(bin: &Path) -> String {
    Command::new(bin)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown version".to_owned())
}

// ---------------------------------------------------------------------------------------------
// output
// ---------------------------------------------------------------------------------------------

struct Row {
    label: String,
    lint: Option<Measured>,
    other: Option<Measured>,
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.0} µs")
    } else if us < 1_000_000.0 {
        format!("{:.2} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

fn table(change_rows: &[Row], spawn_rows: &[Row]) -> String {
    let mut t = String::new();
    let cell = |m: &Option<Measured>, p99: bool| match m {
        None => "not run".to_owned(),
        Some(Err(_)) => "failed".to_owned(),
        Some(Ok(m)) if p99 => format!(
            "{} / {} (n={})",
            fmt(m.stats.median),
            fmt(m.stats.p99),
            m.stats.samples
        ),
        Some(Ok(m)) => format!("{} (n={})", fmt(m.stats.median), m.stats.samples),
    };
    let ratio = |r: &Row| match (&r.lint, &r.other) {
        (Some(Ok(a)), Some(Ok(b))) => {
            format!(
                "{:.0}×",
                b.stats.median.as_secs_f64() / a.stats.median.as_secs_f64()
            )
        }
        _ => "n/a".to_owned(),
    };
    let _ = writeln!(
        t,
        "| LSP | floe-lint | yaml-language-server (platform.schema.json) | yaml-ls ÷ floe-lint (median) |"
    );
    let _ = writeln!(t, "|---|---:|---:|---:|");
    for r in change_rows {
        let _ = writeln!(
            t,
            "| {} (median / p99) | {} | {} | {} |",
            r.label,
            cell(&r.lint, true),
            cell(&r.other, true),
            ratio(r)
        );
    }
    for r in spawn_rows {
        let _ = writeln!(
            t,
            "| {} (median) | {} | {} | {} |",
            r.label,
            cell(&r.lint, false),
            cell(&r.other, false),
            ratio(r)
        );
    }
    t
}
