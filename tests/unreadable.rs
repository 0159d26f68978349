//! Files that exist but cannot be read: each is reported with its cause at its path, the exit
//! code is 2, no summary says "All checks passed", and a FIFO never blocks the linter.

mod common;

use std::os::unix::fs::symlink;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{Project, floe_lint};

const FLOE: &str = "name: orders\nversion: \"1.0\"\n";
const PLATFORM: &str = "version: \"1.2.0\"\nstorage:\n  default:\n    bucket: lake\ncatalogs:\n  default:\n    uri: \"https://polaris.example.com/api/catalog\"\n    warehouse: lake\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: /tmp/floe.duckdb\n";

fn project_with(platform: impl FnOnce(&std::path::Path)) -> Project {
    let project = Project::new();
    project.write("floe.yaml", FLOE);
    let dir = project.path().join("platform/prod");
    std::fs::create_dir_all(&dir).expect("mkdir");
    platform(&dir.join("platform.yaml"));
    project
}

/// Runs the check with a deadline: a blocked read fails the test instead of hanging it.
fn check(project: &Project, args: &[&str]) -> Output {
    let started = Instant::now();
    let output = project.run(args);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "floe-lint took {:?}",
        started.elapsed()
    );
    output
}

fn assert_reported(project: &Project, cause: &str) {
    for format in ["human", "json", "sarif", "github"] {
        let output = check(project, &["check", "--format", format, "--color", "never"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{format}: {stdout}{stderr}");
        assert!(
            stderr.contains("cannot read platform/prod/platform.yaml: ") && stderr.contains(cause),
            "{format}: {stderr}"
        );
        assert!(!stdout.contains("All checks passed"), "{format}: {stdout}");
        if format != "sarif" {
            // (SARIF lists every rule's metadata; its results are checked below.)
            assert!(
                !stdout.contains("FL201"),
                "not 'platform not found': {stdout}"
            );
        }
        match format {
            "human" => assert!(stdout.contains("Could not read 1 file"), "{stdout}"),
            "json" => {
                let json: serde_json::Value = serde_json::from_str(&stdout).expect("json");
                assert_eq!(json["unreadable"][0]["file"], "platform/prod/platform.yaml");
                assert!(
                    json["unreadable"][0]["error"]
                        .as_str()
                        .unwrap_or("")
                        .contains(cause)
                );
            }
            "sarif" => {
                let sarif: serde_json::Value = serde_json::from_str(&stdout).expect("sarif");
                let invocation = &sarif["runs"][0]["invocations"][0];
                assert_eq!(invocation["executionSuccessful"], false, "{stdout}");
                let results = sarif["runs"][0]["results"].as_array().expect("results");
                assert!(!results.iter().any(|r| r["ruleId"] == "FL201"), "{stdout}");
            }
            _ => assert!(
                stdout.contains("::error file=platform/prod/platform.yaml"),
                "{stdout}"
            ),
        }
    }
}

#[test]
fn symlink_loop() {
    let project = project_with(|path| symlink(path, path).expect("symlink"));
    assert_reported(&project, "too many levels of symbolic links");
}

#[test]
fn dangling_symlink() {
    let project = project_with(|path| symlink("../gone/platform.yaml", path).expect("symlink"));
    assert_reported(&project, "broken symbolic link to ../gone/platform.yaml");
}

#[test]
fn fifo_is_refused_without_blocking() {
    let project = project_with(|path| {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo");
        assert!(status.success());
    });
    assert_reported(&project, "not a regular file (a FIFO)");
}

#[test]
fn unreadable_file() {
    // root reads any file whatever its mode, so the case cannot be made as root.
    if is_root() {
        eprintln!("skipped: running as root, a file without read permission is still readable");
        return;
    }
    let project = project_with(|path| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(path, PLATFORM).expect("write");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    });
    assert_reported(&project, "permission denied");
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn a_symlinked_platform_file_is_read() {
    let project = Project::new();
    project
        .write("floe.yaml", FLOE)
        .write("shared/prod.yaml", PLATFORM);
    std::fs::create_dir_all(project.path().join("platform/prod")).expect("mkdir");
    symlink(
        "../../shared/prod.yaml",
        project.path().join("platform/prod/platform.yaml"),
    )
    .expect("symlink");
    let output = check(&project, &["check", "--color", "never"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("All checks passed (2 files)"), "{stdout}");
}

#[test]
fn devices_and_missing_paths_named_on_the_command_line() {
    let project = Project::new();
    for (path, cause) in [
        (
            "/dev/zero",
            "/dev/zero: not a regular file (a character device)",
        ),
        (
            "/dev/null",
            "/dev/null: not a regular file (a character device)",
        ),
        ("missing.yaml", "missing.yaml: no such file or directory"),
    ] {
        let output = floe_lint()
            .current_dir(project.path())
            .args(["check", path])
            .timeout(Duration::from_secs(20))
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{path}: {stderr}");
        assert!(stderr.contains(cause), "{path}: {stderr}");
    }
    // A floe.yaml named directly that is a FIFO: reported, not waited on.
    let status = std::process::Command::new("mkfifo")
        .arg(project.path().join("floe.yaml"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let output = check(&project, &["check", "floe.yaml"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot read floe.yaml: not a regular file (a FIFO)"),
        "{stderr}"
    );
}

#[test]
fn an_unreadable_dbt_model_is_reported_too() {
    let project = Project::new();
    project
        .write(
            "floe.yaml",
            "name: orders\nversion: \"1.0\"\ntransforms:\n  - type: dbt\n    path: dbt\n",
        )
        .write("platform/local/platform.yaml", "version: \"1.2.0\"\n")
        .write("dbt/dbt_project.yml", "name: orders\nprofile: orders\n");
    std::fs::create_dir_all(project.path().join("dbt/models")).expect("mkdir");
    symlink("nowhere.sql", project.path().join("dbt/models/orders.sql")).expect("symlink");
    let output = check(&project, &["check", "--color", "never"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot read dbt/models/orders.sql: broken symbolic link to nowhere.sql"),
        "{stderr}"
    );
}

#[test]
fn a_fifo_given_as_the_configuration_is_refused() {
    let project = Project::new();
    project.write("floe.yaml", FLOE);
    let status = std::process::Command::new("mkfifo")
        .arg(project.path().join("lint.toml"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let output = check(&project, &["check", "--config", "lint.toml"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a regular file (a FIFO)"), "{stderr}");
}
