//! The `scale` benchmark: floe-lint at every size, each goal a ratio measured side by side in
//! one run of the real release binary (issue 16):
//!
//! 1. **Cold start**: `floe-lint check <demo pair>` against `floe-lint --version`, whole
//!    processes, runs alternating (goal: ≤ 2×).
//! 2. **Monorepo**: 1,000 projects (upstream's demo pair plus a `prod` copy of its platform.yaml
//!    each: 3,000 files), `check --format json --threads 1` against `--threads 2`, alternating;
//!    wall time and peak RSS (goals: ≥ 1.8× faster on 2 threads, ≤ 100 MB peak).
//! 3. **Huge file**: a 10 MB platform.yaml, `check --format json` against a bare parse of the
//!    same bytes by granit-parser (every event, in this process), with yaml-rust2's parse of the
//!    same bytes for the distance to a fast parser (goals: ≤ 3× the bare parse, peak RSS ≤ 10× the
//!    file).
//!
//! Run with `cargo bench --no-default-features --bench scale` (`harness = false`). The binary: see
//! benches/support/binary.rs (`FLOE_LINT_BIN` overrides). `FLOE_BENCH_RUNS` scales the runs
//! (default 5: 8× that for the cold start). Peak RSS is `VmHWM` from /proc (Linux). The machine's
//! load average is printed before and after: on a shared machine, compare within one run.

#[path = "support/binary.rs"]
mod binary;
#[path = "support/hostile.rs"]
mod hostile;
#[path = "support/process.rs"]
mod process;

use std::ffi::OsStr;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use process::{Run, load_average, median};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/upstream");
const DEMO_FLOE: &str = "floe-runtime__demo__data_engineering__floe.yaml";
const DEMO_PLATFORM: &str = "floe-runtime__demo__platform-config__platform__local__platform.yaml";
const PROJECTS: usize = 1_000;
const HUGE_BYTES: usize = 10 * 1024 * 1024;

fn main() {
    let binary = binary::required();
    let runs = binary::runs(5);
    let temp = tempfile::tempdir().expect("create a temporary directory");
    println!("# floe-lint `scale` benchmark\n");
    println!("binary: {}", binary.display());
    println!(
        "{} logical CPUs; load average before: {}\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average()
    );

    let demo = temp.path().join("demo");
    write_project(&demo, false);
    let cold = cold_start(&binary, &demo, runs * 8);
    let cold_load = load_average();
    println!(
        "cold start: check {} / --version {} = {:.2}× (median of {} alternating pairs)",
        ms(cold.check),
        ms(cold.version),
        cold.ratio(),
        runs * 8
    );

    let mono = temp.path().join("monorepo");
    for i in 0..PROJECTS {
        write_project(&mono.join(format!("project-{i:04}")), true);
    }
    let repo = monorepo(&binary, &mono, runs.max(2));
    let repo_load = load_average();
    println!(
        "monorepo: 1 thread {} ({:.0} MB, CPU {}) / 2 threads {} ({:.0} MB, CPU {}) = {:.2}×",
        ms(repo.one.wall),
        mb(repo.one.peak_kib),
        ms(repo.one.cpu),
        ms(repo.two.wall),
        mb(repo.two.peak_kib),
        ms(repo.two.cpu),
        repo.speedup()
    );

    let huge_dir = temp.path().join("huge");
    let text = hostile::large_file(HUGE_BYTES);
    let huge_file = huge_dir.join("platform/local/platform.yaml");
    std::fs::create_dir_all(huge_file.parent().expect("a parent")).expect("mkdir");
    std::fs::write(&huge_file, &text).expect("write the huge file");
    let huge = huge_file_run(&binary, &huge_dir, &text, runs);
    let huge_load = load_average();
    println!(
        "huge file: check {} ({:.0} MB) / granit parse {} ({:.1} MB/s) = {:.2}×; yaml-rust2 {:.1} MB/s",
        ms(huge.check.wall),
        mb(huge.check.peak_kib),
        ms(huge.granit),
        huge.throughput(huge.granit),
        huge.ratio(),
        huge.throughput(huge.fast),
    );

    println!("\nload average after: {}\n", load_average());
    println!("## Results (paste into the README)\n");
    println!(
        "| Goal | Measured | Ratio | Goal met | Load average (1, 5, 15 min) after |\n|---|---:|---:|:---:|---|"
    );
    println!(
        "| Cold start: `check` on the demo pair ÷ `--version` (median of {} alternating pairs) | {} ÷ {} | {:.2}× | {} (≤ 2×) | {cold_load} |",
        runs * 8,
        ms(cold.check),
        ms(cold.version),
        cold.ratio(),
        yes(cold.ratio() <= 2.0)
    );
    println!(
        "| Monorepo, {PROJECTS} projects ({} files), `--threads 1` ÷ `--threads 2`, wall time | {} ÷ {} | {:.2}× | {} (≥ 1.8×) | {repo_load} |",
        PROJECTS * 3,
        ms(repo.one.wall),
        ms(repo.two.wall),
        repo.speedup(),
        yes(repo.speedup() >= 1.8)
    );
    println!(
        "| Monorepo CPU time (user + system), `--threads 1` ÷ `--threads 2` (1.0: no work added by the second thread) | {} ÷ {} | {:.2}× | | {repo_load} |",
        ms(repo.one.cpu),
        ms(repo.two.cpu),
        repo.one.cpu.as_secs_f64() / repo.two.cpu.as_secs_f64().max(1e-9),
    );
    let repo_peak = mb(repo.one.peak_kib.max(repo.two.peak_kib));
    println!(
        "| Monorepo peak RSS (largest of either) | {repo_peak:.0} MB | | {} (≤ 100 MB) | {repo_load} |",
        yes(repo_peak <= 100.0)
    );
    println!(
        "| Huge file ({:.1} MB platform.yaml): `check` ÷ bare granit-parser parse | {} ÷ {} | {:.2}× | {} (≤ 3×) | {huge_load} |",
        text.len() as f64 / 1e6,
        ms(huge.check.wall),
        ms(huge.granit),
        huge.ratio(),
        yes(huge.ratio() <= 3.0)
    );
    let memory_ratio = huge.check.peak_kib as f64 * 1024.0 / text.len() as f64;
    println!(
        "| Huge file peak RSS ÷ file size | {:.0} MB ÷ {:.1} MB | {memory_ratio:.1}× | {} (≤ 10×) | {huge_load} |",
        mb(huge.check.peak_kib),
        text.len() as f64 / 1e6,
        yes(memory_ratio <= 10.0)
    );
    println!(
        "| Parse throughput on the huge file: granit-parser (used) / yaml-rust2 | {:.1} / {:.1} MB/s | {:.2}× | | {huge_load} |",
        huge.throughput(huge.granit),
        huge.throughput(huge.fast),
        huge.throughput(huge.fast) / huge.throughput(huge.granit)
    );
    let runs_var =
        std::env::var("FLOE_BENCH_RUNS").map_or(String::new(), |v| format!("FLOE_BENCH_RUNS={v} "));
    println!("\nMeasured with `{runs_var}cargo bench --no-default-features --bench scale`.");
}

fn yes(met: bool) -> &'static str {
    if met { "yes" } else { "**no**" }
}

fn ms(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{:.1} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Upstream's demo project: floe.yaml + platform/local/platform.yaml (+ a `prod` copy).
fn write_project(dir: &Path, with_prod: bool) {
    let floe = std::fs::read(Path::new(FIXTURES).join(DEMO_FLOE)).expect("demo floe.yaml");
    let platform = std::fs::read(Path::new(FIXTURES).join(DEMO_PLATFORM)).expect("demo platform");
    let mut envs = vec!["local"];
    if with_prod {
        envs.push("prod");
    }
    for env in envs {
        let env_dir = dir.join("platform").join(env);
        std::fs::create_dir_all(&env_dir).expect("mkdir");
        std::fs::write(env_dir.join("platform.yaml"), &platform).expect("write platform.yaml");
    }
    std::fs::write(dir.join("floe.yaml"), floe).expect("write floe.yaml");
}

struct ColdStart {
    check: Duration,
    version: Duration,
}

impl ColdStart {
    fn ratio(&self) -> f64 {
        self.check.as_secs_f64() / self.version.as_secs_f64()
    }
}

/// `--version` and `check <demo>` alternating, after two warm-up pairs (the page cache holds the
/// binary and the files, as it does for an editor or a pre-commit hook run after run).
fn cold_start(binary: &Path, demo: &Path, pairs: usize) -> ColdStart {
    let version: [&OsStr; 1] = [OsStr::new("--version")];
    let check: [&OsStr; 2] = [OsStr::new("check"), demo.as_os_str()];
    let (mut checks, mut versions) = (Vec::new(), Vec::new());
    for pair in 0..pairs + 2 {
        let v = process::run_quick(binary, &version);
        let c = process::run_quick(binary, &check);
        assert_eq!(c.code, Some(0), "the demo pair has warnings only");
        if pair >= 2 {
            versions.push(v.wall);
            checks.push(c.wall);
        }
    }
    ColdStart {
        check: median(checks),
        version: median(versions),
    }
}

struct Monorepo {
    one: Run,
    two: Run,
}

impl Monorepo {
    fn speedup(&self) -> f64 {
        self.one.wall.as_secs_f64() / self.two.wall.as_secs_f64()
    }
}

/// `check --format json` on the monorepo with one and two threads, alternating: median times,
/// largest peaks.
fn monorepo(binary: &Path, repo: &Path, runs: usize) -> Monorepo {
    let mut results: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..runs {
        for (slot, threads) in ["1", "2"].into_iter().enumerate() {
            let args = [
                OsStr::new("check"),
                OsStr::new("--format"),
                OsStr::new("json"),
                OsStr::new("--threads"),
                OsStr::new(threads),
                repo.as_os_str(),
            ];
            let run = process::run(binary, &args);
            assert_eq!(run.code, Some(0), "the demo projects have warnings only");
            results[slot].push(run);
        }
    }
    let summary = |runs: &[Run]| Run {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        peak_kib: runs.iter().map(|r| r.peak_kib).max().unwrap_or(0),
        cpu: median(runs.iter().map(|r| r.cpu).collect()),
        code: Some(0),
    };
    Monorepo {
        one: summary(&results[0]),
        two: summary(&results[1]),
    }
}

struct HugeFile {
    check: Run,
    granit: Duration,
    fast: Duration,
    bytes: usize,
}

impl HugeFile {
    fn ratio(&self) -> f64 {
        self.check.wall.as_secs_f64() / self.granit.as_secs_f64()
    }

    fn throughput(&self, parse: Duration) -> f64 {
        self.bytes as f64 / 1e6 / parse.as_secs_f64()
    }
}

/// The check of the huge file (a whole process), alternating with the bare parses (in process).
fn huge_file_run(binary: &Path, dir: &Path, text: &str, runs: usize) -> HugeFile {
    let args = [
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        dir.as_os_str(),
    ];
    let (mut checks, mut granit, mut fast) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        checks.push(process::run(binary, &args));
        granit.push(timed(|| granit_parse(text)));
        fast.push(timed(|| yaml_rust2_parse(text)));
    }
    HugeFile {
        check: Run {
            wall: median(checks.iter().map(|r| r.wall).collect()),
            peak_kib: checks.iter().map(|r| r.peak_kib).max().unwrap_or(0),
            cpu: median(checks.iter().map(|r| r.cpu).collect()),
            code: checks.last().and_then(|r| r.code),
        },
        granit: median(granit),
        fast: median(fast),
        bytes: text.len(),
    }
}

fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

/// The floor floe-lint stands on: every event of granit-parser, the parser it uses.
fn granit_parse(text: &str) {
    for event in granit_parser::Parser::new_from_str(black_box(text)) {
        black_box(event.expect("valid YAML"));
    }
}

/// The same bytes through yaml-rust2's event parser.
fn yaml_rust2_parse(text: &str) {
    struct Sink;
    impl yaml_rust2::parser::EventReceiver for Sink {
        fn on_event(&mut self, event: yaml_rust2::Event) {
            black_box(event);
        }
    }
    let mut parser = yaml_rust2::parser::Parser::new_from_str(black_box(text));
    parser.load(&mut Sink, false).expect("valid YAML");
}
