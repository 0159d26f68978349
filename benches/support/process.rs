//! Running the real binary and measuring it: wall time and peak resident memory of one process.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How one process run went.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    /// Peak resident set (`VmHWM` from /proc, KiB), sampled every millisecond until it exits (0
    /// where /proc is not there). VmHWM is a high-water mark, so a sample after the peak sees it.
    pub peak_kib: u64,
    /// User + system CPU time of all its threads, as last sampled from /proc (clock ticks of
    /// 10 ms; zero where /proc is not there).
    pub cpu: Duration,
    pub code: Option<i32>,
}

/// Runs `binary args…` with stdin, stdout and stderr on /dev/null and `NO_COLOR=1`.
pub fn run(binary: &Path, args: &[&std::ffi::OsStr]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(binary)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", binary.display()));
    let status_file = format!("/proc/{}/status", child.id());
    let stat_file = format!("/proc/{}/stat", child.id());
    let mut peak = 0;
    let mut cpu = Duration::ZERO;
    loop {
        if let Some(used) = std::fs::read_to_string(&stat_file)
            .ok()
            .and_then(|stat| cpu_time(&stat))
        {
            cpu = cpu.max(used);
        }
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        match child.try_wait() {
            Ok(Some(status)) => {
                return Run {
                    wall: started.elapsed(),
                    peak_kib: peak,
                    cpu,
                    code: status.code(),
                };
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(e) => panic!("wait: {e}"),
        }
    }
}

/// Runs `binary args…` to its end without sampling memory (for short runs, where polling /proc
/// would cost more than the run): wall time and exit code.
pub fn run_quick(binary: &Path, args: &[&std::ffi::OsStr]) -> Run {
    let started = Instant::now();
    let status = Command::new(binary)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("run {}: {e}", binary.display()));
    Run {
        wall: started.elapsed(),
        peak_kib: 0,
        cpu: Duration::ZERO,
        code: status.code(),
    }
}

/// utime + stime from a /proc/<pid>/stat line (fields 14 and 15, after the parenthesised name),
/// in USER_HZ ticks, which Linux fixes at 100 a second for /proc.
fn cpu_time(stat: &str) -> Option<Duration> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// The median of some durations.
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    match times.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => times[n / 2],
        n => (times[n / 2 - 1] + times[n / 2]) / 2,
    }
}

/// The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
