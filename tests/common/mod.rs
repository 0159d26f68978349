//! Shared helpers for the integration tests: build a project layout in a temporary directory and
//! run the real `floe-lint` binary in it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A temporary floe project.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` at `relative`, creating directories.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> &Project {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
        self
    }

    /// Copies a file from `tests/fixtures/`.
    pub fn fixture(&self, relative: &str, fixture: &str) -> &Project {
        self.write(relative, read_fixture(fixture))
    }

    /// Runs `floe-lint <args>` in the project directory (no colour, no inherited env selection).
    pub fn run(&self, args: &[&str]) -> Output {
        floe_lint()
            .current_dir(self.path())
            .args(args)
            .output()
            .expect("run floe-lint")
    }

    /// `floe-lint check --format json` and the parsed output.
    pub fn check_json(&self, extra: &[&str]) -> (i32, serde_json::Value) {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        let output = self.run(&args);
        let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "invalid JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (output.status.code().unwrap_or(-1), json)
    }
}

pub fn floe_lint() -> Command {
    let mut command = Command::cargo_bin("floe-lint").expect("binary built");
    command
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV")
        .env("NO_COLOR", "1");
    command
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

pub fn read_fixture(fixture: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(fixture)).unwrap_or_else(|e| panic!("fixture {fixture}: {e}"))
}

/// `(file, line, code)` of every diagnostic, for compact assertions.
pub fn findings(json: &serde_json::Value) -> Vec<(String, u64, String)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

pub fn messages(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| d["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The report with only the findings of the syntax, schema and cross-file stages (codes below
/// FL300): what upstream itself rejects, without the lint rules' warnings.
pub fn upstream_only(mut json: serde_json::Value) -> serde_json::Value {
    if let Some(list) = json["diagnostics"].as_array_mut() {
        list.retain(|d| d["code"].as_str().is_some_and(|c| c < "FL300"));
    }
    json
}
pub mod standin;

/// Where upstream's quickstart fixture pair sits in its repository.
pub const QUICKSTART: &str = "packages/floe-core/tests/fixtures/quickstart";

/// Every `floe__*` file of the corpus at its place in upstream's repository: products name
/// their manifest (`../manifest.yaml`, `../../demo/manifest.yaml`) or sit beside one.
pub fn upstream_repository() -> Project {
    let project = Project::new();
    project
        .write(".git/HEAD", "ref: refs/heads/main\n")
        .fixture("demo/manifest.yaml", "upstream/floe__demo__manifest.yaml")
        .fixture("demo/floe.yaml", "upstream/floe__demo__floe.yaml")
        .fixture(
            "demo/customer-360/floe.yaml",
            "upstream/floe__demo__customer-360__floe.yaml",
        )
        // A stale hand-written dbt profiles.yml: Generation B's runtime writes its own, nothing
        // reads this one (FL702 with the dbt project beside it: tests/profiles_v1.rs).
        .fixture(
            "demo/customer-360/profiles.yml",
            "upstream/floe__demo__customer-360__profiles.yml",
        )
        .fixture(
            "demo/financial-risk/floe.yaml",
            "upstream/floe__demo__financial-risk__floe.yaml",
        )
        .fixture(
            "demo/iot-telemetry/floe.yaml",
            "upstream/floe__demo__iot-telemetry__floe.yaml",
        )
        .fixture(
            "examples/hello-orders/floe.yaml",
            "upstream/floe__examples__hello-orders__floe.yaml",
        )
        .fixture(
            &format!("{QUICKSTART}/floe.yaml"),
            "upstream/floe__packages__floe-core__tests__fixtures__quickstart__floe.yaml",
        )
        .fixture(
            &format!("{QUICKSTART}/manifest.yaml"),
            "upstream/floe__packages__floe-core__tests__fixtures__quickstart__manifest.yaml",
        );
    project
}

/// Every finding as `file:line:column CODE message`, one per line.
pub fn listing(json: &serde_json::Value) -> String {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}\n",
                d["file"].as_str().unwrap_or_default(),
                d["range"]["start"]["line"],
                d["range"]["start"]["column"],
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default()
            )
        })
        .collect()
}
