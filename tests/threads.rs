//! `check --threads`: projects are checked side by side, and the output (every format), the
//! stderr and the exit code do not depend on how many at once, including when projects share
//! files (one dbt project named by several floe.yaml files, `FLOE_PLATFORM_FILE`).

mod common;

use std::path::Path;

use common::floe_lint;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// stdout, stderr and exit code of `check` with `threads` threads.
fn check(dirs: &[&Path], format: &str, threads: &str, platform_file: Option<&Path>) -> String {
    let mut command = floe_lint();
    command
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env_remove("FLOE_PLATFORM_FILE")
        .args(["check", "--format", format, "--threads", threads])
        .args(dirs);
    if let Some(file) = platform_file {
        command.env("FLOE_PLATFORM_FILE", file);
    }
    let output = command.output().expect("run floe-lint");
    format!(
        "{}\n--- stderr\n{}\n--- exit {:?}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
        output.status.code()
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn output_does_not_depend_on_threads() {
    let fixtures = Path::new(ROOT).join("tests/fixtures");
    let example = Path::new(ROOT).join("examples");
    for format in ["human", "json", "sarif", "github"] {
        let one = check(&[&fixtures, &example], format, "1", None);
        assert_eq!(
            one,
            check(&[&fixtures, &example], format, "2", None),
            "{format}"
        );
        assert_eq!(
            one,
            check(&[&fixtures, &example], format, "7", None),
            "{format}"
        );
    }
}

#[test]
fn projects_sharing_files_are_checked_together() {
    let temp = tempfile::tempdir().expect("temp dir");
    let example = Path::new(ROOT).join("examples/lakehouse");
    // Three projects naming one dbt project: found only once their floe.yaml files are read.
    copy_dir(&example.join("dbt"), &temp.path().join("dbt"));
    for name in ["a", "b", "c"] {
        let project = temp.path().join(name);
        copy_dir(&example.join("platform"), &project.join("platform"));
        let floe = std::fs::read_to_string(example.join("floe.yaml")).expect("floe.yaml");
        std::fs::write(
            project.join("floe.yaml"),
            floe.replace("path: ./dbt", "path: ../dbt"),
        )
        .expect("write");
    }
    copy_dir(&example, &temp.path().join("d"));
    for format in ["human", "json"] {
        let one = check(&[temp.path()], format, "1", None);
        assert_eq!(one, check(&[temp.path()], format, "3", None), "{format}");
    }
    // Every floe.yaml against one platform.yaml.
    let shared_platform = example.join("platform/prod/platform.yaml");
    let one = check(&[temp.path()], "json", "1", Some(&shared_platform));
    assert_eq!(
        one,
        check(&[temp.path()], "json", "2", Some(&shared_platform))
    );
}

/// A monorepo wide enough to be discovered on several threads (directories with 32
/// subdirectories or more are walked side by side): every project is found whatever the thread
/// count, with the same output, including one nested a level down and a platform.yaml on its own.
#[test]
fn a_wide_monorepo_is_discovered_the_same_on_any_number_of_threads() {
    let temp = tempfile::tempdir().expect("temp dir");
    let example = Path::new(ROOT).join("examples/lakehouse");
    for n in 0..36 {
        let project = temp.path().join(format!("p{n:02}"));
        copy_dir(&example.join("platform"), &project.join("platform"));
        std::fs::copy(example.join("floe.yaml"), project.join("floe.yaml")).expect("copy");
    }
    for n in 0..34 {
        let nested = temp.path().join("teams").join(format!("t{n:02}"));
        copy_dir(&example.join("platform"), &nested.join("platform"));
        std::fs::copy(example.join("floe.yaml"), nested.join("floe.yaml")).expect("copy");
    }
    let lone = temp.path().join("p00/extra/platform/dev");
    std::fs::create_dir_all(&lone).expect("mkdir");
    std::fs::copy(
        example.join("platform/prod/platform.yaml"),
        lone.join("platform.yaml"),
    )
    .expect("copy");
    let one = check(&[temp.path()], "json", "1", None);
    let json: serde_json::Value =
        serde_json::from_str(one.split("\n--- stderr").next().expect("stdout"))
            .expect("json output");
    let files = json["files"].as_array().expect("files");
    let floes = files
        .iter()
        .filter(|f| f.as_str().is_some_and(|f| f.ends_with("floe.yaml")));
    assert_eq!(floes.count(), 70, "every project found");
    assert!(
        files.iter().any(|f| f
            .as_str()
            .is_some_and(|f| f.contains("p00/extra/platform/dev"))),
        "the lone platform.yaml is checked"
    );
    assert_eq!(one, check(&[temp.path()], "json", "2", None));
    assert_eq!(one, check(&[temp.path()], "json", "5", None));
}
