//! Real pre-commit (PyPI; installed by .ci/run) runs the hooks with `try-repo` on a temporary git
//! repository: a bad floe.yaml is blocked with findings, a good one passes, and a change to
//! unrelated files skips the hook.
//! - this repository's `floe-lint` hook (`language: system`, the cargo-built binary on PATH);
//! - the `language: python` hook of editors/pre-commit (published as floe-lint-pre-commit), which
//!   pip-installs the floe-lint wheel from a local index (`PIP_FIND_LINKS`: the wheel .ci/run
//!   built, and `FLOE_LINT_BUILD_WHEELS` with setuptools for the hook's placeholder package) with
//!   no Rust toolchain and no floe-lint on PATH.
//!
//! `PRE_COMMIT` names the executable (default: `pre-commit` on PATH); with
//! FLOE_LINT_REQUIRE_EXTERNAL=1 a missing pre-commit or wheel fails the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit() -> Option<PathBuf> {
    let candidate = std::env::var_os("PRE_COMMIT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("pre-commit"));
    if Command::new(&candidate)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some(candidate);
    }
    assert!(
        std::env::var_os("FLOE_LINT_REQUIRE_EXTERNAL").is_none(),
        "pre-commit not found (set PRE_COMMIT; .ci/run installs it)"
    );
    eprintln!("skipping: pre-commit not found");
    None
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.email=test@example.com",
            "-c",
            "user.name=test",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git");
    assert!(status.success(), "git {args:?}");
}

/// How pre-commit is run: which hook repository, and with what environment.
struct Hook<'a> {
    hook_repo: &'a Path,
    path: std::ffi::OsString,
    env: Vec<(&'static str, std::ffi::OsString)>,
}

fn try_repo(tool: &Path, hook: &Hook<'_>, repo: &Path, home: &Path) -> Output {
    let mut command = Command::new(tool);
    command
        .arg("try-repo")
        .arg(hook.hook_repo)
        .args(["floe-lint", "--color", "never"])
        .current_dir(repo)
        .env("PATH", &hook.path)
        .env("PRE_COMMIT_HOME", home)
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV");
    for (name, value) in &hook.env {
        command.env(name, value);
    }
    command.output().expect("run pre-commit")
}

/// The `language: system` hook of this repository, with the cargo-built floe-lint first on PATH.
#[test]
fn the_hook_blocks_a_bad_floe_yaml_and_passes_a_good_one() {
    let Some(tool) = pre_commit() else { return };
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_floe-lint"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let hook = Hook {
        hook_repo: Path::new(env!("CARGO_MANIFEST_DIR")),
        path,
        env: Vec::new(),
    };
    blocks_bad_passes_good_skips_unrelated(&tool, &hook);
}

/// The `language: python` hook (editors/pre-commit as its own repository): pre-commit builds its
/// environment from a local wheel index, with no cargo and no floe-lint on PATH.
#[test]
fn the_python_hook_installs_the_wheel_and_needs_no_rust() {
    let Some(tool) = pre_commit() else { return };
    let wheels = ["FLOE_LINT_WHEEL_DIR", "FLOE_LINT_BUILD_WHEELS"].map(|name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    let [Some(wheel_dir), Some(build_wheels)] = wheels else {
        assert!(
            std::env::var_os("FLOE_LINT_REQUIRE_EXTERNAL").is_none(),
            "FLOE_LINT_WHEEL_DIR / FLOE_LINT_BUILD_WHEELS not set (.ci/run builds the wheel)"
        );
        eprintln!("skipping: no wheel to install");
        return;
    };
    // The mirror pins the floe-lint release it installs: this one.
    let mirror = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/pre-commit");
    let pyproject = std::fs::read_to_string(mirror.join("pyproject.toml")).expect("pyproject");
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        pyproject.contains(&format!("\"floe-lint=={version}\"")),
        "editors/pre-commit/pyproject.toml must depend on floe-lint=={version}"
    );
    // A hook repository is a git repository: a copy of the mirror, committed.
    let hook_repo = tempfile::tempdir().expect("hook repo");
    for name in [".pre-commit-hooks.yaml", "pyproject.toml", "README.md"] {
        std::fs::copy(mirror.join(name), hook_repo.path().join(name)).expect("copy the mirror");
    }
    git(hook_repo.path(), &["init", "-q"]);
    git(hook_repo.path(), &["add", "-A"]);
    git(hook_repo.path(), &["commit", "-q", "-m", "mirror"]);
    // PATH: pre-commit and git, nothing with cargo or floe-lint.
    let pre_commit_dir = tool.parent().expect("pre-commit's directory").to_path_buf();
    let dirs = [
        pre_commit_dir,
        PathBuf::from("/usr/bin"),
        PathBuf::from("/bin"),
    ];
    for dir in &dirs {
        assert!(
            !dir.join("cargo").exists() && !dir.join("floe-lint").exists(),
            "{} has cargo or floe-lint",
            dir.display()
        );
    }
    let links = format!("{} {}", wheel_dir.display(), build_wheels.display());
    let hook = Hook {
        hook_repo: hook_repo.path(),
        path: std::env::join_paths(dirs).expect("PATH"),
        env: vec![
            ("PIP_NO_INDEX", "1".into()),
            ("PIP_FIND_LINKS", links.into()),
            ("PIP_DISABLE_PIP_VERSION_CHECK", "1".into()),
        ],
    };
    blocks_bad_passes_good_skips_unrelated(&tool, &hook);
}

fn blocks_bad_passes_good_skips_unrelated(tool: &Path, hook: &Hook<'_>) {
    let home = tempfile::tempdir().expect("home");
    let repo = common::Project::new();
    repo.write("floe.yaml", "name: orders\nversion: 1.0\ncatalog: lakehouse\n")
        .write("platform/local/platform.yaml", "storage:\n  default: {bucket: lake}\ncatalogs:\n  default: {uri: \"http://localhost:8181/api/catalog\", warehouse: w}\ncompute:\n  default: {properties: {path: /tmp/f.duckdb}}\n")
        .write("README.md", "docs\n");
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    let bad = try_repo(tool, hook, repo.path(), home.path());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&bad.stdout),
        String::from_utf8_lossy(&bad.stderr)
    );
    assert!(
        !bad.status.success(),
        "a bad floe.yaml must fail the hook:\n{text}"
    );
    assert!(text.contains("FL102") && text.contains("FL200"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");

    repo.write(
        "floe.yaml",
        "name: orders\nversion: \"1.0\"\ncatalog: default\n",
    );
    git(repo.path(), &["add", "-A"]);
    let good = try_repo(tool, hook, repo.path(), home.path());
    assert!(
        good.status.success(),
        "a good floe.yaml passes:\n{}",
        String::from_utf8_lossy(&good.stdout)
    );

    // Only unrelated files staged: the hook is skipped, not failed.
    git(repo.path(), &["commit", "-q", "-m", "good", "--no-verify"]);
    repo.write("README.md", "more docs\n");
    git(repo.path(), &["add", "-A"]);
    let skipped = try_repo(tool, hook, repo.path(), home.path());
    let text = String::from_utf8_lossy(&skipped.stdout);
    assert!(
        skipped.status.success() && text.contains("Skipped"),
        "{text}"
    );
}
