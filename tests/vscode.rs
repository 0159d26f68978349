//! The VS Code extension (editors/vscode):
//! - its unit tests (binary resolution, version check, settings -> server), with node's test runner;
//! - one end-to-end run of the platform-specific .vsix in real VS Code, with the server it bundles
//!   (no `floeLint.path`, no floe-lint on PATH): code-server (VS Code for the browser) in headless
//!   Chromium driven by playwright-core (editors/vscode/test/e2e.mjs, a list of scenarios): the
//!   output channel naming the bundled server, Problems panel diagnostics, the profiles.yml preview
//!   command and its code lens, hover docs, a `floeLint.ignore` workspace setting reaching the
//!   server, and a typing session (editors/vscode/test/typing.mjs: a new storage profile typed
//!   with the suggest widget, a key and an enum value accepted, saved, a value edited into an error
//!   and back with the Problems panel following).
//!
//! `.ci/vscode.sh` installs all of it and writes an env file with `VSCODE_E2E_NODE`,
//! `VSCODE_E2E_CODE_SERVER`, `VSCODE_E2E_VSIX` and `VSCODE_E2E_CHROMIUM` (source it before
//! `cargo test`). Without them the tests skip; with FLOE_LINT_REQUIRE_EXTERNAL set they fail.
//! Screenshots go to `FLOE_LINT_ARTIFACTS` (default `target/vscode-e2e/`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn extension_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode")
}

/// `Some(())` when `ready`; otherwise skips (returns `None`), or fails under
/// FLOE_LINT_REQUIRE_EXTERNAL.
fn require(ready: bool, what: &str) -> Option<()> {
    if ready {
        return Some(());
    }
    assert!(
        std::env::var_os("FLOE_LINT_REQUIRE_EXTERNAL").is_none(),
        "{what} (run `bash .ci/vscode.sh` and source the env.sh it writes)"
    );
    eprintln!("skipping: {what} (run `bash .ci/vscode.sh` and source the env.sh it writes)");
    None
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn extension_unit_tests() {
    let dir = extension_dir();
    let installed = dir.join("node_modules/esbuild").is_dir();
    if require(installed, "editors/vscode/node_modules is not installed").is_none() {
        return;
    }
    // Bundles test/*.test.ts with esbuild, then runs them with `node --test`.
    let output = Command::new("npm")
        .args(["run", "--silent", "test:unit"])
        .current_dir(&dir)
        .output()
        .expect("run npm");
    let text = text(&output);
    assert!(
        output.status.success(),
        "extension unit tests failed:\n{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("# pass ")) && text.contains("# fail 0"),
        "no test results from node --test:\n{text}"
    );
}

#[test]
fn vscode_end_to_end() {
    let code_server = env_path("VSCODE_E2E_CODE_SERVER");
    let vsix = env_path("VSCODE_E2E_VSIX");
    let dir = extension_dir();
    let ready = code_server.as_deref().is_some_and(Path::exists)
        && vsix.as_deref().is_some_and(Path::exists)
        && dir.join("node_modules/playwright-core").is_dir();
    if require(
        ready,
        "VSCODE_E2E_CODE_SERVER / VSCODE_E2E_VSIX not set or missing, or playwright-core not installed",
    )
    .is_none()
    {
        return;
    }
    let vsix = vsix.expect("checked above");
    let listing = Command::new("unzip")
        .arg("-Z1")
        .arg(&vsix)
        .output()
        .expect("run unzip");
    assert!(
        String::from_utf8_lossy(&listing.stdout)
            .lines()
            .any(|l| l == "extension/bundled/bin/floe-lint"),
        "{} bundles no server (package it with .ci/package-vsix.sh)",
        vsix.display()
    );
    let node = env_path("VSCODE_E2E_NODE").unwrap_or_else(|| PathBuf::from("node"));
    // The e2e script also takes any directory with a floe-lint off code-server's PATH.
    let output = Command::new(node)
        .arg(dir.join("test/e2e.mjs"))
        .env("VSCODE_E2E_VSIX", &vsix)
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV")
        .output()
        .expect("run the e2e script");
    let text = text(&output);
    // Shown with --nocapture (and on failure): the steps, timings and the screenshot's path.
    eprintln!("{text}");
    assert!(
        output.status.success(),
        "VS Code end-to-end test failed:\n{text}"
    );
    assert!(text.contains("all VS Code checks passed"), "{text}");
}
