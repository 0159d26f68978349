//! The `check` benchmark: how fast floe-lint checks real and large configuration files.
//!
//! Run with `cargo bench --bench check` (`harness = false`: this is a plain `main`, std only).
//!
//! Inputs are built here from files in the repository and written to a temporary directory laid
//! out as floe projects (`<project>/floe.yaml` + `<project>/platform/local/platform.yaml`):
//!
//! * `demo`: upstream's demo pair (`tests/fixtures/upstream/floe-runtime__demo__…`).
//! * `genb`: upstream's Generation B pair, `demo/customer-360/floe.yaml` (a FloeSpec) with the
//!   `demo/manifest.yaml` it names (`tests/fixtures/upstream/floe__demo__…`).
//! * `large`: the demo floe.yaml with a generated ~5,000-line platform.yaml (hundreds of storage,
//!   catalog and compute profiles, layers, network zones, ingress routes and resource profiles),
//!   valid against our schema: the benchmark asserts `check_document` reports nothing on it, so it
//!   measures a realistic clean file rather than error reporting.
//!
//! Part 1 measures in process, per file: a bare parse (UTF-8 check + every
//! `granit_parser::Parser::new_from_str` event), the full `check_document` (syntax + schema +
//! semantic), and `check_projects` on each pair (both files + cross-file references, read from
//! memory so no I/O is timed). Median and p95 per iteration after warm-up.
//!
//! Part 2 measures whole processes: `floe-lint check <project>` (release build) versus
//! `check-jsonschema` validating the same two files against their JSON Schemas (one invocation per
//! schema, so two per pair): `schemas/floe.schema.json` and `schemas/platform.schema.json`, or for
//! Generation B `schemas/floe-v1.schema.json` and `schemas/manifest.schema.json` (the JSON Schema of
//! the same models upstream's pydantic validates, generated from ours and drift-tested).
//!
//! * floe-lint binary: `$FLOE_LINT_BIN`, else `$CARGO_TARGET_DIR/release/floe-lint`, else the
//!   `floe-lint` next to this bench's own directory (`target/release/deps/check-*` →
//!   `target/release/floe-lint`; `cargo bench` builds the package's binaries first, with the
//!   release-derived bench profile), else `target/release/floe-lint` in the repository.
//! * check-jsonschema: `$CHECK_JSONSCHEMA`, else `check-jsonschema` on `PATH`. When absent, the
//!   column is skipped with install instructions.
//! * `FLOE_BENCH_RUNS` sets the process runs per command (default 20, after 2 warm-up runs).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use floe_lint::check::{Options, check_document, check_document_after, check_projects};

#[path = "support/binary.rs"]
mod binary;
use binary::floe_lint_binary;
#[path = "support/platform.rs"]
mod platform;
use floe_lint::model::FileKind;
use floe_lint::syntax::Limits;
use floe_lint::workspace::{Project, Selection, discover};
use platform::generate_platform;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/upstream");
const DEMO_FLOE: &str = "floe-runtime__demo__data_engineering__floe.yaml";
const DEMO_PLATFORM: &str = "floe-runtime__demo__platform-config__platform__local__platform.yaml";
const GENB_SPEC: &str = "floe__demo__customer-360__floe.yaml";
const GENB_MANIFEST: &str = "floe__demo__manifest.yaml";
const TARGET_LINES: usize = 5_000;

// In-process sampling: warm up, then sample until both minimums are met (or the cap is hit).
const WARMUP: Duration = Duration::from_millis(300);
const MIN_SAMPLES: usize = 100;
const MIN_TIME: Duration = Duration::from_secs(2);
const MAX_SAMPLES: usize = 20_000;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().expect("create a temporary directory");
    let demo_floe = read(&Path::new(FIXTURES).join(DEMO_FLOE));
    let demo_platform = read(&Path::new(FIXTURES).join(DEMO_PLATFORM));
    let large_platform = generate_platform(TARGET_LINES);

    let demo = Pair::write(temp.path(), "demo", &demo_floe, &demo_platform);
    let large = Pair::write(temp.path(), "large", &demo_floe, large_platform.as_bytes());
    let genb = Pair::write_v1(
        temp.path(),
        &read(&Path::new(FIXTURES).join(GENB_SPEC)),
        &read(&Path::new(FIXTURES).join(GENB_MANIFEST)),
    );

    // Every input must be clean, or the benchmark measures error reporting.
    for (path, kind, bytes) in [
        (&demo.floe, FileKind::Floe, &demo.floe_bytes),
        (&demo.platform, FileKind::Platform, &demo.platform_bytes),
        (&large.platform, FileKind::Platform, &large.platform_bytes),
        (&genb.floe, FileKind::FloeSpec, &genb.floe_bytes),
        (&genb.platform, FileKind::Manifest, &genb.platform_bytes),
    ] {
        let file: Arc<Path> = Arc::from(path.as_path());
        let (_, diagnostics) = check_document(kind, &file, bytes, &Limits::default());
        assert!(
            diagnostics.is_empty(),
            "{} is not clean: {diagnostics:#?}",
            path.display()
        );
    }
    // The generated pair must also pass every rule (but the one note below); upstream's demo is
    // measured as it is (the rules flag a few real problems in it), and its findings are listed.
    let mut demo_findings = String::new();
    for (pair, must_be_clean) in [(&demo, false), (&large, true), (&genb, false)] {
        let report = check_projects(
            &pair.projects,
            &pair.memory(),
            &Selection::default(),
            &Options::default(),
        );
        assert!(report.read_errors.is_empty(), "{:?}", report.read_errors);
        assert_eq!(
            report.documents.len(),
            2,
            "{} is a pair",
            pair.dir.display()
        );
        let mut counts = std::collections::BTreeMap::<_, usize>::new();
        for d in &report.diagnostics {
            *counts
                .entry((d.rule.code, d.rule.name, d.severity.as_str()))
                .or_default() += 1;
        }
        let summary = counts
            .iter()
            .map(|((code, name, severity), n)| format!("{code} {name} ({severity}) ×{n}"))
            .collect::<Vec<_>>()
            .join(", ");
        // Exactly one finding is expected: floe's profiles.yml generator reads the `default`
        // catalog, which has no credentials scope in the generated file (an FL700 note).
        let expected = |d: &floe_lint::diagnostic::Diagnostic| {
            d.code() == "FL700" && d.message.starts_with("no catalog credentials scope")
        };
        let clean = report.diagnostics.len() == 1 && report.diagnostics.iter().all(expected);
        assert!(
            !must_be_clean || clean,
            "{} is not clean: {summary}\n{:#?}",
            pair.dir.display(),
            report
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
        if !must_be_clean && !summary.is_empty() {
            let _ = writeln!(demo_findings, "- {}: {summary}", pair.dir.display());
        }
    }

    println!("# floe-lint `check` benchmark\n");
    println!(
        "inputs in {} (demo: {} + {} lines; large: {} + {} lines)\n",
        temp.path().display(),
        lines(&demo.floe_bytes),
        lines(&demo.platform_bytes),
        lines(&large.floe_bytes),
        lines(&large.platform_bytes),
    );
    if !demo_findings.is_empty() {
        println!(
            "upstream's pairs' findings (`check_projects`, reported as in the CLI):\n{demo_findings}"
        );
    }

    // ---- Part 1: in process ------------------------------------------------------------------
    let limits = Limits::default();
    let mut rows = Vec::new();
    for (label, path, kind, bytes) in [
        (
            "demo floe.yaml",
            &demo.floe,
            FileKind::Floe,
            &demo.floe_bytes,
        ),
        (
            "demo platform.yaml",
            &demo.platform,
            FileKind::Platform,
            &demo.platform_bytes,
        ),
        (
            "generated platform.yaml",
            &large.platform,
            FileKind::Platform,
            &large.platform_bytes,
        ),
        (
            "Generation B customer-360 floe.yaml",
            &genb.floe,
            FileKind::FloeSpec,
            &genb.floe_bytes,
        ),
        (
            "Generation B demo manifest.yaml",
            &genb.platform,
            FileKind::Manifest,
            &genb.platform_bytes,
        ),
    ] {
        let file: Arc<Path> = Arc::from(path.as_path());
        let parse = sample(|| bare_parse(bytes));
        let check = sample(|| {
            black_box(check_document(kind, &file, black_box(bytes), &limits));
        });
        let row = InProcess {
            label: format!("{label} ({} lines)", lines(bytes)),
            what: "`check_document`",
            parse,
            check,
        };
        row.print_progress();
        rows.push(row);
    }
    // The editor's case: one value edited back and forth in the generated file, each check given
    // the previous document (`check_document_after`, the language server's path): the edited
    // entry is re-parsed and the cached tree and JSON patched.
    {
        let file: Arc<Path> = Arc::from(large.platform.as_path());
        let text = std::str::from_utf8(&large.platform_bytes).expect("UTF-8");
        let at = text.find("bucket: ").expect("a bucket") + "bucket: ".len();
        let end = at + text[at..].find('\n').expect("a line break");
        let edited = format!("{}ab{}", &text[..at], &text[end..]).into_bytes();
        let (first, _) = check_document_after(
            None,
            FileKind::Platform,
            &file,
            &large.platform_bytes,
            &limits,
        );
        let mut previous = Some(Arc::new(first));
        let mut flip = false;
        let parse = sample(|| bare_parse(&large.platform_bytes));
        let check = sample(|| {
            flip = !flip;
            let bytes = if flip { &edited } else { &large.platform_bytes };
            let (document, diagnostics) = check_document_after(
                previous.take(),
                FileKind::Platform,
                &file,
                black_box(bytes),
                &limits,
            );
            black_box(diagnostics);
            previous = Some(Arc::new(document));
        });
        let row = InProcess {
            label: format!(
                "generated platform.yaml ({} lines), one value edited",
                lines(&large.platform_bytes)
            ),
            what: "`check_document_after`",
            parse,
            check,
        };
        row.print_progress();
        rows.push(row);
    }
    for (label, pair) in [
        ("demo pair", &demo),
        ("generated pair", &large),
        ("Generation B pair", &genb),
    ] {
        let sources = pair.memory();
        let selection = Selection::default();
        let options = Options::default();
        let parse = sample(|| {
            bare_parse(&pair.floe_bytes);
            bare_parse(&pair.platform_bytes);
        });
        let check = sample(|| {
            black_box(check_projects(
                &pair.projects,
                &sources,
                &selection,
                &options,
            ));
        });
        let row = InProcess {
            label: format!(
                "{label} ({} lines)",
                lines(&pair.floe_bytes) + lines(&pair.platform_bytes)
            ),
            what: "`check_projects`",
            parse,
            check,
        };
        row.print_progress();
        rows.push(row);
    }

    // ---- Part 2: whole processes ---------------------------------------------------------------
    let runs = std::env::var("FLOE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(20);
    let floe_lint = floe_lint_binary();
    let jsonschema = check_jsonschema_binary();
    println!();
    match &floe_lint {
        Some(bin) => println!("floe-lint: {}", bin.display()),
        None => println!(
            "floe-lint: release binary not found; run `cargo build --release` or set FLOE_LINT_BIN"
        ),
    }
    match &jsonschema {
        Some(bin) => println!("check-jsonschema: {} ({})", bin.display(), version(bin)),
        None => println!(
            "check-jsonschema: not found (set CHECK_JSONSCHEMA or put it on PATH); install with\n  \
             python3 -m venv .venv-bench && .venv-bench/bin/pip install check-jsonschema\n  \
             the check-jsonschema column is skipped"
        ),
    }
    let mut process_rows = Vec::new();
    for (label, pair) in [
        ("demo pair", &demo),
        ("generated pair", &large),
        ("Generation B pair", &genb),
    ] {
        let (floe_schema, platform_schema) = pair.schemas(root);
        let label = format!(
            "{label} ({} lines)",
            lines(&pair.floe_bytes) + lines(&pair.platform_bytes)
        );
        let lint = floe_lint.as_ref().map(|bin| {
            let mut check = Command::new(bin);
            // `--exit-zero`: the work is timed, not the verdict (upstream's Generation B demo
            // has a true FL300 error).
            check
                .args(["check", "--exit-zero"])
                .arg(&pair.dir)
                .env("NO_COLOR", "1");
            time_commands(&mut [check], runs)
        });
        let other = jsonschema.as_ref().map(|bin| {
            let mut floe = Command::new(bin);
            floe.arg("--schemafile").arg(&floe_schema).arg(&pair.floe);
            let mut platform = Command::new(bin);
            platform
                .arg("--schemafile")
                .arg(&platform_schema)
                .arg(&pair.platform);
            time_commands(&mut [floe, platform], runs)
        });
        let row = ProcessRow { label, lint, other };
        row.print_progress();
        process_rows.push(row);
    }

    // ---- The table -----------------------------------------------------------------------------
    println!("\n## Results (paste into the README)\n");
    println!("{}", table(&rows, &process_rows, runs));
    let mut command = String::new();
    for var in ["CHECK_JSONSCHEMA", "FLOE_LINT_BIN", "FLOE_BENCH_RUNS"] {
        if let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            let _ = write!(command, "{var}={} ", value.to_string_lossy());
        }
    }
    command.push_str("cargo bench --bench check");
    println!("Measured with `{command}`");
    println!(
        "({} logical CPUs; in process: median/p95 over ≥{MIN_SAMPLES} iterations and ≥{}s after \
         warm-up; processes: median of {runs} runs after 2 warm-up runs).",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        MIN_TIME.as_secs()
    );
}

// ---------------------------------------------------------------------------------------------
// inputs
// ---------------------------------------------------------------------------------------------

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + usize::from(!bytes.ends_with(b"\n"))
}

/// One floe project on disk: floe.yaml + platform/local/platform.yaml, or a Generation B
/// product (`platform` is then the manifest it names).
struct Pair {
    dir: PathBuf,
    floe: PathBuf,
    platform: PathBuf,
    floe_bytes: Vec<u8>,
    platform_bytes: Vec<u8>,
    projects: Vec<Project>,
    generation_b: bool,
}

impl Pair {
    /// Upstream's layout: `genb/manifest.yaml` and `genb/customer-360/floe.yaml` naming it
    /// (`../manifest.yaml`).
    fn write_v1(temp: &Path, spec_bytes: &[u8], manifest_bytes: &[u8]) -> Pair {
        let dir = temp.join("genb").join("customer-360");
        std::fs::create_dir_all(&dir).expect("create the project directory");
        let floe = dir.join("floe.yaml");
        let platform = temp.join("genb").join("manifest.yaml");
        std::fs::write(&floe, spec_bytes).expect("write floe.yaml");
        std::fs::write(&platform, manifest_bytes).expect("write manifest.yaml");
        let projects =
            discover(std::slice::from_ref(&floe), &Selection::default()).expect("discover");
        assert_eq!(projects.len(), 1, "one project in {}", dir.display());
        Pair {
            dir,
            floe,
            platform,
            floe_bytes: spec_bytes.to_vec(),
            platform_bytes: manifest_bytes.to_vec(),
            projects,
            generation_b: true,
        }
    }

    /// The JSON Schemas of the pair's two files.
    fn schemas(&self, root: &Path) -> (PathBuf, PathBuf) {
        let (floe, platform) = if self.generation_b {
            ("floe-v1", "manifest")
        } else {
            ("floe", "platform")
        };
        (
            root.join(format!("schemas/{floe}.schema.json")),
            root.join(format!("schemas/{platform}.schema.json")),
        )
    }

    fn write(temp: &Path, name: &str, floe_bytes: &[u8], platform_bytes: &[u8]) -> Pair {
        let dir = temp.join(name);
        let env_dir = dir.join("platform").join("local");
        std::fs::create_dir_all(&env_dir).expect("create the project directory");
        let floe = dir.join("floe.yaml");
        let platform = env_dir.join("platform.yaml");
        std::fs::write(&floe, floe_bytes).expect("write floe.yaml");
        std::fs::write(&platform, platform_bytes).expect("write platform.yaml");
        let projects =
            discover(std::slice::from_ref(&dir), &Selection::default()).expect("discover");
        assert_eq!(projects.len(), 1, "one project in {}", dir.display());
        Pair {
            dir,
            floe,
            platform,
            floe_bytes: floe_bytes.to_vec(),
            platform_bytes: platform_bytes.to_vec(),
            projects,
            generation_b: false,
        }
    }

    /// The pair's files served from memory, so `check_projects` timings exclude disk reads.
    fn memory(&self) -> HashMap<PathBuf, Vec<u8>> {
        HashMap::from([
            (self.floe.clone(), self.floe_bytes.clone()),
            (self.platform.clone(), self.platform_bytes.clone()),
        ])
    }
}

// ---------------------------------------------------------------------------------------------
// in-process measurement
// ---------------------------------------------------------------------------------------------

/// The floor: decode the bytes and pull every event out of the parser floe-lint uses.
fn bare_parse(bytes: &[u8]) {
    let text = std::str::from_utf8(black_box(bytes)).expect("UTF-8 input");
    for event in granit_parser::Parser::new_from_str(text) {
        black_box(event.expect("valid YAML"));
    }
}

#[derive(Clone, Copy)]
struct Stats {
    median: Duration,
    p95: Duration,
    samples: usize,
}

fn sample(mut f: impl FnMut()) -> Stats {
    let start = Instant::now();
    let mut warm = 0;
    while warm < 3 || start.elapsed() < WARMUP {
        f();
        warm += 1;
    }
    let mut samples = Vec::with_capacity(MIN_SAMPLES);
    let start = Instant::now();
    while samples.len() < MIN_SAMPLES || (start.elapsed() < MIN_TIME && samples.len() < MAX_SAMPLES)
    {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    stats(samples)
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort_unstable();
    let n = samples.len();
    let p95 = (n * 95).div_ceil(100).clamp(1, n) - 1;
    Stats {
        median: if n % 2 == 1 {
            samples[n / 2]
        } else {
            (samples[n / 2 - 1] + samples[n / 2]) / 2
        },
        p95: samples[p95],
        samples: n,
    }
}

struct InProcess {
    label: String,
    what: &'static str,
    parse: Stats,
    check: Stats,
}

impl InProcess {
    fn ratio(&self) -> f64 {
        self.check.median.as_secs_f64() / self.parse.median.as_secs_f64()
    }

    fn print_progress(&self) {
        println!(
            "{:<36} bare parse {} (p95 {}, n={})  {} {} (p95 {}, n={})  ratio {:.1}×",
            self.label,
            fmt(self.parse.median),
            fmt(self.parse.p95),
            self.parse.samples,
            self.what,
            fmt(self.check.median),
            fmt(self.check.p95),
            self.check.samples,
            self.ratio()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// process measurement
// ---------------------------------------------------------------------------------------------

fn check_jsonschema_binary() -> Option<PathBuf> {
    if let Some(bin) = std::env::var_os("CHECK_JSONSCHEMA").filter(|v| !v.is_empty()) {
        let bin = PathBuf::from(bin);
        return bin.is_file().then_some(bin);
    }
    let name = format!("check-jsonschema{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(&name))
        .find(|p| p.is_file())
}

fn version(bin: &Path) -> String {
    Command::new(bin)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown version".to_owned())
}

/// How one command line fared.
struct Timed {
    /// Median wall time of running every command once, in sequence.
    median: Duration,
    /// The first failing command's exit status and output, if any failed.
    failure: Option<String>,
}

/// Runs the commands in sequence `runs` times (after 2 warm-up rounds) and returns the median
/// wall time of a round. Every command must exit 0 (the inputs are valid); a failure is kept.
fn time_commands(commands: &mut [Command], runs: usize) -> Timed {
    let mut failure = None;
    let mut rounds = Vec::with_capacity(runs);
    for round in 0..runs + 2 {
        let start = Instant::now();
        for command in commands.iter_mut() {
            let output = command
                .stdin(Stdio::null())
                .output()
                .unwrap_or_else(|e| panic!("run {command:?}: {e}"));
            if !output.status.success() && failure.is_none() {
                let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
                text.push_str(&String::from_utf8_lossy(&output.stderr));
                let text: String = text.lines().take(15).collect::<Vec<_>>().join("\n    ");
                failure = Some(format!("{command:?} exited {}:\n    {text}", output.status));
            }
        }
        if round >= 2 {
            rounds.push(start.elapsed());
        }
    }
    Timed {
        median: stats(rounds).median,
        failure,
    }
}

struct ProcessRow {
    label: String,
    lint: Option<Timed>,
    other: Option<Timed>,
}

impl ProcessRow {
    fn print_progress(&self) {
        let show = |t: &Option<Timed>| match t {
            None => "skipped".to_owned(),
            Some(t) => match &t.failure {
                None => fmt(t.median),
                Some(_) => format!("{} (FAILED)", fmt(t.median)),
            },
        };
        println!(
            "{:<36} floe-lint {}  check-jsonschema {}",
            self.label,
            show(&self.lint),
            show(&self.other)
        );
        for failure in [&self.lint, &self.other]
            .into_iter()
            .flatten()
            .filter_map(|t| t.failure.as_ref())
        {
            println!("  ! {failure}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// output
// ---------------------------------------------------------------------------------------------

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

fn table(rows: &[InProcess], process_rows: &[ProcessRow], runs: usize) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "| In process (per iteration) | bare parse median / p95 | floe-lint median / p95 | lint ÷ parse |"
    );
    let _ = writeln!(t, "|---|---:|---:|---:|");
    for r in rows {
        let _ = writeln!(
            t,
            "| {} {} | {} / {} | {} / {} | {:.1}× |",
            r.label,
            r.what,
            fmt(r.parse.median),
            fmt(r.parse.p95),
            fmt(r.check.median),
            fmt(r.check.p95),
            r.ratio()
        );
    }
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "| Whole process (median of {runs}) | `floe-lint check <dir>` | `check-jsonschema` (both files) | check-jsonschema ÷ floe-lint |"
    );
    let _ = writeln!(t, "|---|---:|---:|---:|");
    for r in process_rows {
        let cell = |timed: &Option<Timed>| match timed {
            None => "not run".to_owned(),
            Some(Timed {
                median,
                failure: None,
            }) => fmt(*median),
            Some(Timed {
                median,
                failure: Some(_),
            }) => format!("{} (failed)", fmt(*median)),
        };
        let ratio = match (&r.lint, &r.other) {
            (
                Some(Timed {
                    median: a,
                    failure: None,
                }),
                Some(Timed {
                    median: b,
                    failure: None,
                }),
            ) => format!("{:.0}×", b.as_secs_f64() / a.as_secs_f64()),
            _ => "n/a".to_owned(),
        };
        let _ = writeln!(
            t,
            "| {} | {} | {} | {} |",
            r.label,
            cell(&r.lint),
            cell(&r.other),
            ratio
        );
    }
    t
}
