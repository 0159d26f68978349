//! The `lsp` benchmark: how fast `floe-lint lsp` answers an edit with diagnostics (next to the
//! same edit checked in process by the engine it runs, and to yaml-language-server configured
//! with our generated JSON Schema for platform.yaml), how fast it answers requests on a large
//! file, and how soon after spawn it publishes the first diagnostics.
//!
//! Run with `cargo bench --no-default-features --bench lsp` (`harness = false`: a plain `main`).
//!
//! Inputs are floe projects in a temporary directory (`<project>/floe.yaml` +
//! `<project>/platform/local/platform.yaml`): upstream's demo floe.yaml with upstream's demo
//! platform.yaml (`demo`) or the ~5,000-line valid platform.yaml generated as in
//! `benches/check.rs` (`large`).
//!
//! 1. didChange → publishDiagnostics, per edit site: the first `bucket:` of each file and, in the
//!    large one, the top (`version`), the middle (a credential `mode`) and the end (a layer's
//!    `retention_days`). Each sample sends one incremental didChange toggling the value between
//!    valid and invalid and waits for the first publishDiagnostics that shows it (a diagnostic
//!    on the line after the invalid edit, none after the valid one), timestamped by the reader
//!    thread; the samples that draw a finding and those that clear it are reported apart. A
//!    20 ms pause and a drain precede each sample, so each starts from an idle server.
//!    yaml-language-server debounces validation by 200 ms: that is part of what is compared.
//! 2. The same edits in process: `check_projects` with the per-file cache the server keeps, on
//!    the same texts (the work of the server's worker without the protocol, project discovery and
//!    publishing). The goal is the server's median ≤ 2× the in-process median and its p99 ≤ 3×.
//! 3. Requests on the large file, idle server: hover on a key, completion on an empty line of a
//!    profile, go to definition of a profile name (goal: median ≤ 1 ms each).
//! 5. Generation B: the same didChange measurement on a ~5,000-line manifest.yaml (generated,
//!    valid; `benches/support/manifest.rs`) beside upstream's customer-360 FloeSpec, at its top,
//!    middle and end (goal: median ≤ 5 ms). yaml-language-server is not run on it.
//! 4. spawn → first diagnostics: spawn, `initialize`, `initialized`, `didOpen` of platform.yaml
//!    with the invalid bucket, until the publishDiagnostics showing it (goal: ≤ 50 ms).
//!
//! * floe-lint binary: `$FLOE_LINT_BIN`, else `$CARGO_TARGET_DIR/release/floe-lint`, else the
//!   `floe-lint` next to this bench's own directory, else `target/release/floe-lint`.
//! * yaml-language-server: `$YAML_LANGUAGE_SERVER`, the path of its
//!   `node_modules/yaml-language-server/bin/yaml-language-server` script, run with `node … --stdio`
//!   (`$NODE`, else `node`). When unset, its column is skipped with install instructions. It is
//!   configured with `{"schemas": {"<file URI of schemas/platform.schema.json>":
//!   ["**/platform.yaml"]}, "validate": true, "schemaStore": {"enable": false}}`.
//! * `FLOE_BENCH_SAMPLES` (default 200) and `FLOE_BENCH_YLS_SAMPLES` (default 50) set the
//!   didChange samples per site, after warm-up; `FLOE_BENCH_RUNS` (default 10) the spawn runs.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/lsp_client.rs"]
mod lsp_client;
#[path = "support/lsp_inputs.rs"]
mod lsp_inputs;
#[path = "support/lsp_measure.rs"]
mod lsp_measure;
#[path = "support/manifest.rs"]
mod manifest;
#[path = "support/platform.rs"]
mod platform;

use binary::floe_lint_binary;
use lsp_client::{Server, uri};
use lsp_inputs::Input;
use lsp_measure::{Measured, SETTLE, Stats, fmt};
use manifest::generate_manifest;
use platform::generate_platform;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/upstream");
const DEMO_FLOE: &str = "floe-runtime__demo__data_engineering__floe.yaml";
const DEMO_PLATFORM: &str = "floe-runtime__demo__platform-config__platform__local__platform.yaml";
const GENB_SPEC: &str = "floe__demo__customer-360__floe.yaml";
const TARGET_LINES: usize = 5_000;
const FLOE_WARMUP: usize = 10;
const YLS_WARMUP: usize = 4;

// Goals.
const GOAL_MEDIAN_RATIO: f64 = 2.0;
const GOAL_P99_RATIO: f64 = 3.0;
const GOAL_REQUEST: Duration = Duration::from_millis(1);
const GOAL_SPAWN: Duration = Duration::from_millis(50);
const GOAL_GENB_CHANGE: Duration = Duration::from_millis(5);

/// One edit site's figures.
struct ChangeRow {
    label: String,
    lint: Option<Measured>,
    in_process: (Stats, Stats),
    other: Option<Measured>,
    large: bool,
    generation_b: bool,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Not `tempfile::tempdir()`: its `.tmpXXXX` name starts with a dot, and
    // yaml-language-server's `**` glob does not match dot directories.
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
        Input::write_v1(
            temp.path(),
            "genb",
            // The product sits beside its manifest here.
            &read(&Path::new(FIXTURES).join(GENB_SPEC))
                .replace("\"../manifest.yaml\"", "manifest.yaml"),
            &generate_manifest(TARGET_LINES),
        ),
    ];
    let load_before = load_average();
    let samples = env_count("FLOE_BENCH_SAMPLES", 200);
    let yls_samples = env_count("FLOE_BENCH_YLS_SAMPLES", 50);
    let runs = env_count("FLOE_BENCH_RUNS", 10);
    let (floe_lint, yls) = servers(root);

    println!("# floe-lint `lsp` benchmark\n");
    for input in &inputs {
        println!(
            "{}: {} ({} lines)",
            input.name,
            input.platform.display(),
            input.text.lines().count()
        );
        for site in &input.sites {
            println!(
                "  edit {}: line {} `{}` ↔ `{}`",
                site.name,
                site.line + 1,
                site.valid,
                site.invalid
            );
        }
    }
    println!();

    // ---- 1 and 2: didChange → publishDiagnostics, and in process ---------------------------
    let mut change_rows = Vec::new();
    for input in &inputs {
        for site in &input.sites {
            let label = format!("{} {}", input.name, site.name);
            let lint = floe_lint.as_ref().map(|s| {
                progress(
                    &format!("floe-lint / {label}"),
                    lsp_measure::changes(s, input, site, FLOE_WARMUP, samples),
                )
            });
            let generation_b = input.name == "genb";
            let other = yls.as_ref().filter(|_| !generation_b).map(|s| {
                progress(
                    &format!("yaml-language-server / {label}"),
                    lsp_measure::changes(s, input, site, YLS_WARMUP, yls_samples),
                )
            });
            let in_process = lsp_measure::in_process(input, site, FLOE_WARMUP, samples);
            println!(
                "{:<52} draws median {} p99 {}; clears median {} p99 {}",
                format!("in process / {label}"),
                fmt(in_process.0.median),
                fmt(in_process.0.p99),
                fmt(in_process.1.median),
                fmt(in_process.1.p99)
            );
            change_rows.push(ChangeRow {
                label: format!("{label} ({} lines)", input.text.lines().count()),
                lint,
                in_process,
                other,
                large: input.name == "large",
                generation_b,
            });
        }
    }

    // ---- 3: requests on the large file -------------------------------------------------------
    let requests = floe_lint
        .as_ref()
        .map(|s| lsp_measure::requests(s, &inputs[1], samples));
    if let Some(Err(e)) = &requests {
        println!("floe-lint / requests FAILED: {e}");
    }

    // ---- 4: spawn → first diagnostics --------------------------------------------------------
    let mut spawn_rows = Vec::new();
    for input in inputs.iter().filter(|i| i.name != "genb") {
        let lint = floe_lint.as_ref().map(|s| {
            progress(
                &format!("floe-lint / {} spawn", input.name),
                lsp_measure::spawns(s, input, runs),
            )
        });
        let other = yls.as_ref().map(|s| {
            progress(
                &format!("yaml-language-server / {} spawn", input.name),
                lsp_measure::spawns(s, input, runs),
            )
        });
        spawn_rows.push((
            format!("{} ({} lines)", input.name, input.text.lines().count()),
            lint,
            other,
        ));
    }

    println!("\n## Results\n");
    println!("{}", change_table(&change_rows));
    if let Some(Ok(requests)) = &requests {
        println!("{}", request_table(requests));
    }
    println!("{}", spawn_table(&spawn_rows));
    println!("Measured with `{}`", command());
    println!(
        "({} logical CPUs; {}-ms pause between didChange samples, after {FLOE_WARMUP} (floe-lint) \
         / {YLS_WARMUP} (yaml-language-server) warm-up samples; p99 of fewer than 100 samples is \
         the maximum; spawn: median of {runs} runs after 1 warm-up run.)",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        SETTLE.as_millis(),
    );
    if let (Some(before), Some(after)) = (load_before, load_average()) {
        println!(
            "(1-minute load average {before} before, {after} after: other processes compete for \
             the CPUs when it exceeds their number.)"
        );
    }
    println!("\n{}", goals(&change_rows, requests.as_ref(), &spawn_rows));
}

fn progress(label: &str, result: Measured) -> Measured {
    match &result {
        Ok(m) => println!(
            "{label:<52} median {} p99 {} (n={}) {}",
            fmt(m.stats.median),
            fmt(m.stats.p99),
            m.stats.samples,
            m.note
        ),
        Err(e) => println!("{label:<52} FAILED: {e}"),
    }
    result
}

fn servers(root: &Path) -> (Option<Server>, Option<Server>) {
    let schema = root.join("schemas/platform.schema.json");
    let yaml_settings = json!({
        "schemas": {uri(&schema): ["**/platform.yaml"]},
        "validate": true,
        "schemaStore": {"enable": false},
    });
    let floe_lint = floe_lint_binary().map(|bin| Server {
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
            program: node,
            args: vec![script.display().to_string(), "--stdio".to_owned()],
            sections: HashMap::from([("yaml".to_owned(), yaml_settings.clone())]),
            did_change_configuration: Some(json!({"settings": {"yaml": yaml_settings}})),
            version,
        }
    });
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
    (floe_lint, yls)
}

// ---------------------------------------------------------------------------------------------
// output
// ---------------------------------------------------------------------------------------------

fn ok(m: &Option<Measured>) -> Option<&lsp_measure::Measurement> {
    m.as_ref().and_then(|m| m.as_ref().ok())
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

fn change_table(rows: &[ChangeRow]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "| didChange → publishDiagnostics | floe-lint median / p99 | in process median / p99 | floe-lint ÷ in process (median; p99 ÷ median) | yaml-language-server median | yaml-ls ÷ floe-lint |"
    );
    let _ = writeln!(t, "|---|---:|---:|---:|---:|---:|");
    for row in rows {
        for (kind, lint, in_process, other) in [
            (
                "draws a finding",
                ok(&row.lint).and_then(|m| m.draws),
                row.in_process.0,
                ok(&row.other).and_then(|m| m.draws),
            ),
            (
                "clears it",
                ok(&row.lint).and_then(|m| m.clears),
                row.in_process.1,
                ok(&row.other).and_then(|m| m.clears),
            ),
        ] {
            let lint_cell = lint.map_or("not run".to_owned(), |s| {
                format!("{} / {} (n={})", fmt(s.median), fmt(s.p99), s.samples)
            });
            let ratios = lint.map_or("n/a".to_owned(), |s| {
                format!(
                    "{:.1}×; {:.1}×",
                    ratio(s.median, in_process.median),
                    ratio(s.p99, in_process.median)
                )
            });
            let other_cell = other.map_or("not run".to_owned(), |s| fmt(s.median));
            let versus = match (lint, other) {
                (Some(a), Some(b)) => format!("{:.0}×", ratio(b.median, a.median)),
                _ => "n/a".to_owned(),
            };
            let _ = writeln!(
                t,
                "| {}, {kind} | {lint_cell} | {} / {} | {ratios} | {other_cell} | {versus} |",
                row.label,
                fmt(in_process.median),
                fmt(in_process.p99),
            );
        }
    }
    t
}

fn request_table(requests: &[(&'static str, Stats)]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "| request on the large platform.yaml | floe-lint median / p99 |"
    );
    let _ = writeln!(t, "|---|---:|");
    for (name, s) in requests {
        let _ = writeln!(
            t,
            "| {name} | {} / {} (n={}) |",
            fmt(s.median),
            fmt(s.p99),
            s.samples
        );
    }
    t
}

type SpawnRow = (String, Option<Measured>, Option<Measured>);

fn spawn_table(rows: &[SpawnRow]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "| spawn → first diagnostics | floe-lint median | yaml-language-server median | yaml-ls ÷ floe-lint |"
    );
    let _ = writeln!(t, "|---|---:|---:|---:|");
    for (label, lint, other) in rows {
        let cell = |m: &Option<Measured>| {
            ok(m).map_or("not run".to_owned(), |m| {
                format!("{} (n={})", fmt(m.stats.median), m.stats.samples)
            })
        };
        let versus = match (ok(lint), ok(other)) {
            (Some(a), Some(b)) => format!("{:.0}×", ratio(b.stats.median, a.stats.median)),
            _ => "n/a".to_owned(),
        };
        let _ = writeln!(
            t,
            "| {label} | {} | {} | {versus} |",
            cell(lint),
            cell(other)
        );
    }
    t
}

fn goals(
    changes: &[ChangeRow],
    requests: Option<&Result<Vec<(&'static str, Stats)>, String>>,
    spawns: &[SpawnRow],
) -> String {
    let mut out = String::from("Goals:\n");
    for row in changes.iter().filter(|r| r.large) {
        let Some(m) = ok(&row.lint) else { continue };
        for (kind, lint, base) in [
            ("draws", m.draws, row.in_process.0),
            ("clears", m.clears, row.in_process.1),
        ] {
            let Some(lint) = lint else { continue };
            let (median, p99) = (
                ratio(lint.median, base.median),
                ratio(lint.p99, base.median),
            );
            let met = median <= GOAL_MEDIAN_RATIO && p99 <= GOAL_P99_RATIO;
            let _ = writeln!(
                out,
                "- {} ({kind}): median {median:.1}× and p99 {p99:.1}× the in-process median (goal ≤ {GOAL_MEDIAN_RATIO}× and ≤ {GOAL_P99_RATIO}×): {}",
                row.label,
                if met { "met" } else { "MISSED" }
            );
        }
    }
    for row in changes.iter().filter(|r| r.generation_b) {
        let Some(m) = ok(&row.lint) else { continue };
        for (kind, lint) in [("draws", m.draws), ("clears", m.clears)] {
            let Some(lint) = lint else { continue };
            let _ = writeln!(
                out,
                "- {} ({kind}): median {} (goal ≤ {}): {}",
                row.label,
                fmt(lint.median),
                fmt(GOAL_GENB_CHANGE),
                if lint.median <= GOAL_GENB_CHANGE {
                    "met"
                } else {
                    "MISSED"
                }
            );
        }
    }
    if let Some(Ok(requests)) = requests {
        for (name, s) in requests {
            let _ = writeln!(
                out,
                "- {name} median {} (goal ≤ {}): {}",
                fmt(s.median),
                fmt(GOAL_REQUEST),
                if s.median <= GOAL_REQUEST {
                    "met"
                } else {
                    "MISSED"
                }
            );
        }
    }
    for (label, lint, _) in spawns {
        if let Some(m) = ok(lint) {
            let _ = writeln!(
                out,
                "- spawn → first diagnostics, {label}: {} (goal ≤ {}): {}",
                fmt(m.stats.median),
                fmt(GOAL_SPAWN),
                if m.stats.median <= GOAL_SPAWN {
                    "met"
                } else {
                    "MISSED"
                }
            );
        }
    }
    out
}

fn command() -> String {
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
    command.push_str("cargo bench --no-default-features --bench lsp");
    command
}

// ---------------------------------------------------------------------------------------------
// inputs and binaries
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
