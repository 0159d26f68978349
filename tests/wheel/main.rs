//! The Python wheel (pyproject.toml, maturin `bindings = "bin"`), installed the ways users install
//! it, with no Rust toolchain on PATH: `pip install --no-index --find-links DIR floe-lint` into a
//! fresh venv, `uv tool install`, `uvx` and `pipx run`. The installed floe-lint must check the
//! example exactly as the cargo-built one does and start and stop as a language server; its
//! `connect` runs the DuckDB step through the `duckdb` Python package (connect.rs).
//!
//! .ci/run builds the wheel into dist/ and sets FLOE_LINT_WHEEL_DIR (and UV, PIPX, and for the
//! DuckDB step DBT, POLARIS_STANDIN_PYTHON, FLOE_DUCKDB_EXTENSION_DIR). Without them the tests
//! skip, unless FLOE_LINT_REQUIRE_EXTERNAL=1.

mod connect;
mod support;

use std::path::Path;
use std::process::Command;

use support::{env_path, path_without_rust, require, run_timed, text, wheel};

const EXAMPLE_CHECK: [&str; 4] = ["check", "examples/lakehouse", "--color", "never"];

/// The installed floe-lint prints what the cargo-built one prints, with the same exit code (1:
/// the example has deliberate mistakes).
fn assert_checks_like_cargo_build(binary: &Path, path: &std::ffi::OsStr) {
    let (installed, _) = run_timed(
        Command::new(binary)
            .args(EXAMPLE_CHECK)
            .current_dir(support::repo()),
        path,
    );
    let built = support::cargo_built_check(&EXAMPLE_CHECK);
    assert_eq!(installed.status.code(), Some(1), "{}", text(&installed));
    assert!(
        String::from_utf8_lossy(&installed.stdout).contains("FL102"),
        "{}",
        text(&installed)
    );
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout),
        String::from_utf8_lossy(&built.stdout),
        "the installed floe-lint and the cargo-built one disagree"
    );
    assert_eq!(installed.status.code(), built.status.code());
}

#[test]
fn pip_install_from_a_local_wheel_checks_and_serves_without_rust() {
    let Some((dir, wheel)) = require(wheel(), "FLOE_LINT_WHEEL_DIR has no floe-lint wheel") else {
        return;
    };
    // The wheel holds the binary as a script and nothing of DuckDB.
    let listing = Command::new("unzip")
        .arg("-Z1")
        .arg(&wheel)
        .output()
        .expect("unzip");
    let listing = String::from_utf8_lossy(&listing.stdout);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        listing
            .lines()
            .any(|l| l == format!("floe_lint-{version}.data/scripts/floe-lint")),
        "{listing}"
    );
    assert!(!listing.to_lowercase().contains("duckdb"), "{listing}");

    let venv = tempfile::tempdir().expect("venv dir");
    let (bin, took) = support::pip_install(venv.path(), &dir);
    eprintln!("pip install from {}: {took:?}", wheel.display());
    let path = path_without_rust(&[&bin]);
    let floe_lint = bin.join("floe-lint");

    let (output, _) = run_timed(Command::new(&floe_lint).arg("--version"), &path);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("floe-lint {version}")
    );
    assert_checks_like_cargo_build(&floe_lint, &path);

    let (initialized, code) =
        support::lsp_handshake(&floe_lint, &support::repo().join("examples/lakehouse"));
    assert_eq!(
        initialized["result"]["serverInfo"]["name"], "floe-lint",
        "{initialized}"
    );
    assert!(
        initialized["result"]["capabilities"]["hoverProvider"].is_boolean()
            || initialized["result"]["capabilities"]["hoverProvider"].is_object(),
        "{initialized}"
    );
    assert_eq!(
        code,
        Some(0),
        "floe-lint lsp exits 0 after shutdown and exit"
    );
}

#[test]
fn uv_tool_install_and_uvx_run_the_wheel() {
    let Some((dir, _)) = require(wheel(), "FLOE_LINT_WHEEL_DIR has no floe-lint wheel") else {
        return;
    };
    let Some(uv) = require(env_path("UV"), "UV (uv from PyPI) not set") else {
        return;
    };
    let home = tempfile::tempdir().expect("uv home");
    let tool_bin = home.path().join("bin");
    let uv_dir = uv.parent().expect("uv's directory").to_path_buf();
    let path = path_without_rust(&[&uv_dir]);
    // `uv <subcommand> --no-index --find-links DIR <rest>`: the index options before the tool's
    // own arguments.
    let uv_command = |subcommand: &[&str], rest: &[&str]| {
        let mut command = Command::new(&uv);
        command
            .args(subcommand)
            .args(["--no-index", "--find-links"])
            .arg(&dir)
            .args(rest)
            .env("UV_TOOL_DIR", home.path().join("tools"))
            .env("UV_TOOL_BIN_DIR", &tool_bin)
            .env("UV_CACHE_DIR", home.path().join("cache"))
            .env("UV_PYTHON_DOWNLOADS", "never")
            .env("UV_PYTHON", support::system_python())
            .current_dir(support::repo());
        command
    };

    let (output, took) = run_timed(&mut uv_command(&["tool", "install"], &["floe-lint"]), &path);
    assert!(
        output.status.success(),
        "uv tool install:\n{}",
        text(&output)
    );
    eprintln!("uv tool install: {took:?}");
    assert_checks_like_cargo_build(&tool_bin.join("floe-lint"), &path);

    // uvx = `uv tool run`: a throwaway environment per run.
    let (output, _) = run_timed(
        &mut uv_command(&["tool", "run"], &["floe-lint", "rules", "--format", "md"]),
        &path,
    );
    assert!(output.status.success(), "uvx floe-lint:\n{}", text(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("`FL301`"),
        "{}",
        text(&output)
    );
}

/// `pipx run` with both of its backends: uv (its default when uv is installed; `UV_NO_INDEX`, as
/// pipx passes no `--no-index` to uv) and pip (which also upgrades its shared pip: from
/// FLOE_LINT_BUILD_WHEELS).
#[test]
fn pipx_run_runs_the_wheel() {
    let Some((dir, _)) = require(wheel(), "FLOE_LINT_WHEEL_DIR has no floe-lint wheel") else {
        return;
    };
    let Some(pipx) = require(env_path("PIPX"), "PIPX (pipx from PyPI) not set") else {
        return;
    };
    let Some(build_wheels) = require(
        env_path("FLOE_LINT_BUILD_WHEELS"),
        "FLOE_LINT_BUILD_WHEELS (pip and setuptools wheels) not set",
    ) else {
        return;
    };
    let pipx_dir = pipx.parent().expect("pipx's directory").to_path_buf();
    let path = path_without_rust(&[&pipx_dir]);
    let built = support::cargo_built_check(&EXAMPLE_CHECK);
    let backends = [
        ("uv", format!("--pip-args=--find-links={}", dir.display())),
        (
            "pip",
            format!(
                "--pip-args=--no-index --find-links={} --find-links={}",
                dir.display(),
                build_wheels.display()
            ),
        ),
    ];
    for (backend, pip_args) in backends {
        let home = tempfile::tempdir().expect("pipx home");
        let (output, took) = run_timed(
            Command::new(&pipx)
                .args(["run", "--backend", backend, "--python"])
                .arg(support::system_python())
                .arg(pip_args)
                .arg("floe-lint")
                .args(EXAMPLE_CHECK)
                .env("PIPX_HOME", home.path())
                .env("UV_NO_INDEX", "1")
                .current_dir(support::repo()),
            &path,
        );
        eprintln!("pipx run --backend {backend}: {took:?}");
        assert_eq!(
            output.status.code(),
            Some(1),
            "pipx run --backend {backend}:\n{}",
            text(&output)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&built.stdout),
            "pipx run --backend {backend}"
        );
    }
}
