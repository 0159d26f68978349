//! `check --fix`, `--unsafe-fixes` and `--diff`: text edits that keep comments and formatting,
//! idempotent, never applied to a file that does not load.

mod common;

use common::Project;

const PLATFORM: &str = "# Local platform\nversion: \"1.2.0\"   # keep me\nstorage:\n  default:\n    endpoint: \"http://minio:9000\"\n    bucket: lake   # the lake\ncatalogs:\n  default:\n    uri: \"http://minio:8181/api/catalog\"\n    warehouse: w\n    access_delegation: 'remote_signing'\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: \":memory:\"\nobservability:\n  logging:\n    level: info\n";

fn read(project: &Project, path: &str) -> String {
    std::fs::read_to_string(project.path().join(path)).expect("read")
}

#[test]
fn safe_fixes_keep_comments_and_are_idempotent() {
    let project = Project::new();
    project
        .write("platform/local/platform.yaml", PLATFORM)
        .write("floe.yaml", "name: p\nversion: 1.0   # a float\n");
    let output = project.run(&["check", "--fix"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Fixed 4 findings in 2 files."), "{stderr}");
    let platform = read(&project, "platform/local/platform.yaml");
    assert_eq!(
        platform,
        PLATFORM
            .replace(
                "bucket: lake   # the lake\n",
                "bucket: lake   # the lake\n    path_style_access: true\n"
            )
            .replace("'remote_signing'", "'remote-signing'")
            .replace("level: info", "level: INFO")
    );
    assert_eq!(
        read(&project, "floe.yaml"),
        "name: p\nversion: \"1.0\"   # a float\n"
    );
    // `:memory:` → file path is unsafe: untouched without --unsafe-fixes.
    assert!(platform.contains("path: \":memory:\""));
    let again = project.run(&["check", "--fix"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("Fixed 0 findings in 0 files."));
    assert_eq!(read(&project, "platform/local/platform.yaml"), platform);
}

#[test]
fn unsafe_fixes_only_on_request() {
    let project = Project::new();
    project.write("platform/local/platform.yaml", PLATFORM);
    project.run(&["check", "--fix", "--unsafe-fixes"]);
    let platform = read(&project, "platform/local/platform.yaml");
    assert!(
        platform.contains("path: \"/tmp/floe.duckdb\""),
        "{platform}"
    );
}

#[test]
fn an_empty_path_is_replaced_not_duplicated() {
    for (written, expected) in [
        (
            "      path:\n      threads: 4\n",
            "      path: /tmp/floe.duckdb\n      threads: 4\n",
        ),
        (
            "      path:   # in memory for now\n",
            "      path: /tmp/floe.duckdb   # in memory for now\n",
        ),
        ("      path: ~\n", "      path: /tmp/floe.duckdb\n"),
        ("      path: \"\"\n", "      path: \"/tmp/floe.duckdb\"\n"),
        (
            "      path: ':memory:orders'\n",
            "      path: '/tmp/floe.duckdb'\n",
        ),
    ] {
        let project = Project::new();
        let before = format!(
            "version: \"1.2.0\"\ncompute:\n  default:\n    type: duckdb\n    properties:\n{written}"
        );
        project.write("platform/local/platform.yaml", &before);
        project.run(&["check", "--fix", "--unsafe-fixes"]);
        let after = read(&project, "platform/local/platform.yaml");
        let expected = format!(
            "version: \"1.2.0\"\ncompute:\n  default:\n    type: duckdb\n    properties:\n{expected}"
        );
        assert_eq!(after, expected, "fixing {written:?}");
        let (_, json) = project.check_json(&[]);
        assert!(
            !common::findings(&json)
                .iter()
                .any(|f| f.2 == "FL400" || f.2 == "FL002"),
            "{written:?}: {json:#}"
        );
    }
}

#[test]
fn diff_shows_changes_without_writing() {
    let project = Project::new();
    project.write("platform/local/platform.yaml", PLATFORM);
    let output = project.run(&["check", "--diff"]);
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        diff.starts_with(
            "--- a/platform/local/platform.yaml\n+++ b/platform/local/platform.yaml\n"
        ),
        "{diff}"
    );
    assert!(
        diff.contains("-    level: info\n+    level: INFO\n"),
        "{diff}"
    );
    assert_eq!(
        read(&project, "platform/local/platform.yaml"),
        PLATFORM,
        "--diff never writes"
    );
    let clean = Project::new();
    clean.write("platform/local/platform.yaml", "version: \"1.2.0\"\n");
    assert_eq!(clean.run(&["check", "--diff"]).status.code(), Some(0));
}

#[test]
fn files_that_do_not_load_are_never_rewritten() {
    let broken = "version: 1.2\nstorage: [unclosed\n";
    let project = Project::new();
    project.write("platform/local/platform.yaml", broken);
    project.run(&["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(read(&project, "platform/local/platform.yaml"), broken);
}

#[test]
fn crlf_files_stay_crlf() {
    let project = Project::new();
    project.write(
        "platform/local/platform.yaml",
        "storage:\r\n  default:\r\n    endpoint: \"http://minio:9000\"\r\n    bucket: lake\r\n",
    );
    project.run(&["check", "--fix"]);
    assert_eq!(
        read(&project, "platform/local/platform.yaml"),
        "storage:\r\n  default:\r\n    endpoint: \"http://minio:9000\"\r\n    bucket: lake\r\n    path_style_access: true\r\n"
    );
}
