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
