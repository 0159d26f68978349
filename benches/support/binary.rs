//! Finding the release `floe-lint` binary the process benchmarks run.

use std::path::{Path, PathBuf};

/// `$FLOE_LINT_BIN`, else `$CARGO_TARGET_DIR/release/floe-lint`, else the `floe-lint` beside the
/// running bench (`target/release/deps/<bench>-<hash>` → `target/release/floe-lint`), else
/// `target/release/floe-lint` in the repository.
pub fn floe_lint_binary() -> Option<PathBuf> {
    let name = format!("floe-lint{}", std::env::consts::EXE_SUFFIX);
    let mut candidates = Vec::new();
    if let Some(bin) = std::env::var_os("FLOE_LINT_BIN") {
        candidates.push(PathBuf::from(bin));
    }
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        candidates.push(PathBuf::from(dir).join("release").join(&name));
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(profile_dir) = exe.parent().and_then(Path::parent)
    {
        candidates.push(profile_dir.join(&name));
    }
    candidates.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("release")
            .join(&name),
    );
    candidates.into_iter().find(|p| p.is_file())
}

/// [`floe_lint_binary`], or the process ends with a message saying how to build it.
#[allow(dead_code)] // the process benches need it; check and lsp run without the binary too
pub fn required() -> PathBuf {
    floe_lint_binary().unwrap_or_else(|| {
        eprintln!(
            "floe-lint: release binary not found; run `cargo build --release` or set FLOE_LINT_BIN"
        );
        std::process::exit(1);
    })
}

/// `$FLOE_BENCH_RUNS` when it is a positive number, else `default`.
#[allow(dead_code)] // not every bench that includes this file scales its runs
pub fn runs(default: usize) -> usize {
    std::env::var("FLOE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}
