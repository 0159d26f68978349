//! Real pre-commit (PyPI; installed by .ci/run) runs this repository's hook with `try-repo` on a
//! temporary git repository: a bad floe.yaml is blocked with findings, a good one passes, and a
//! change to unrelated files skips the hook. `PRE_COMMIT` names the executable (default:
//! `pre-commit` on PATH); with FLOE_LINT_REQUIRE_EXTERNAL=1 a missing pre-commit fails the test.

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

fn try_repo(tool: &Path, repo: &Path, home: &Path) -> Output {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_floe-lint"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    Command::new(tool)
        .args([
            "try-repo",
            env!("CARGO_MANIFEST_DIR"),
            "floe-lint",
            "--color",
            "never",
        ])
        .current_dir(repo)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV")
        .output()
        .expect("run pre-commit")
}

#[test]
fn the_hook_blocks_a_bad_floe_yaml_and_passes_a_good_one() {
    let Some(tool) = pre_commit() else { return };
    let home = tempfile::tempdir().expect("home");
    let repo = common::Project::new();
    repo.write("floe.yaml", "name: orders\nversion: 1.0\ncatalog: lakehouse\n")
        .write("platform/local/platform.yaml", "storage:\n  default: {bucket: lake}\ncatalogs:\n  default: {uri: \"http://localhost:8181/api/catalog\", warehouse: w}\ncompute:\n  default: {properties: {path: /tmp/f.duckdb}}\n")
        .write("README.md", "docs\n");
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    let bad = try_repo(&tool, repo.path(), home.path());
    let text = String::from_utf8_lossy(&bad.stdout);
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
    let good = try_repo(&tool, repo.path(), home.path());
    assert!(
        good.status.success(),
        "a good floe.yaml passes:\n{}",
        String::from_utf8_lossy(&good.stdout)
    );

    // Only unrelated files staged: the hook is skipped, not failed.
    git(repo.path(), &["commit", "-q", "-m", "good", "--no-verify"]);
    repo.write("README.md", "more docs\n");
    git(repo.path(), &["add", "-A"]);
    let skipped = try_repo(&tool, repo.path(), home.path());
    let text = String::from_utf8_lossy(&skipped.stdout);
    assert!(
        skipped.status.success() && text.contains("Skipped"),
        "{text}"
    );
}
