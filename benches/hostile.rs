//! The hostile-input benchmark: wall time and peak resident memory of `floe-lint check` (release
//! build, a whole process) on each input of the resource budgets (benches/support/hostile.rs).
//!
//! Run with `cargo bench --no-default-features --bench hostile` (`harness = false`, std only).
//! The binary: see benches/support/binary.rs (`FLOE_LINT_BIN` overrides). Peak memory is the
//! process's `VmHWM` from /proc, read until it exits (Linux only). `FLOE_BENCH_RUNS` sets runs per
//! input (default 5); the table shows the median time and the largest peak.

#[path = "support/binary.rs"]
mod binary;
#[path = "support/hostile.rs"]
mod hostile;

#[path = "support/process.rs"]
mod process;

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

/// Runs one check; returns its wall time, peak RSS in KiB and exit code.
fn measure(binary: &Path, project: &Path) -> (Duration, u64, Option<i32>) {
    let args = [
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        project.as_os_str(),
    ];
    let run = process::run(binary, &args);
    (run.wall, run.peak_kib, run.code)
}

fn main() {
    let binary = binary::required();
    let runs = binary::runs(5);
    let inputs: Vec<(&str, String)> = vec![
        (
            "10 MB file (150k profiles)",
            hostile::large_file(10 * 1024 * 1024),
        ),
        (
            "17 MB file (over the 16 MiB budget)",
            hostile::large_file(17 * 1024 * 1024),
        ),
        ("1 MB single line", hostile::long_line(1024 * 1024)),
        ("10,000-deep flow nesting", hostile::deep_flow(10_000)),
        ("10,000-deep block nesting", hostile::deep_block(10_000)),
        ("billion laughs", hostile::billion_laughs()),
        ("100,000 findings", hostile::many_findings(100_000)),
    ];
    let dir = std::env::temp_dir().join(format!("floe-lint-hostile-{}", std::process::id()));
    println!("binary: {}", binary.display());
    println!("| Input | Size | Exit | Median time | Peak RSS |\n|---|---:|---:|---:|---:|");
    for (name, text) in &inputs {
        let project = dir.join(name.replace([' ', ',', '(', ')'], "_"));
        let platform = project.join("platform/local/platform.yaml");
        std::fs::create_dir_all(platform.parent().expect("parent")).expect("mkdir");
        std::fs::write(&platform, text).expect("write");
        let mut times = Vec::new();
        let mut peak = 0;
        let mut code = None;
        for _ in 0..runs {
            let (time, rss, exit) = measure(&binary, &project);
            times.push(time);
            peak = peak.max(rss);
            code = exit;
        }
        times.sort();
        println!(
            "| {name} | {:.1} MB | {} | {:.0} ms | {:.0} MB |",
            text.len() as f64 / 1e6,
            code.map_or("signal".into(), |c| c.to_string()),
            times[times.len() / 2].as_secs_f64() * 1e3,
            peak as f64 / 1024.0
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
