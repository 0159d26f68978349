//! `floe-lint profiles`: the real binary prints, byte for byte, what upstream's generator writes
//! for the demo and fixture pairs (tests/fixtures/upstream-generated, see SOURCES.md there).

mod common;

use common::{Project, read_fixture};

fn pair(floe: &str, platform: &str) -> Project {
    let project = Project::new();
    project
        .fixture("floe.yaml", floe)
        .fixture("platform/local/platform.yaml", platform);
    project
}

#[test]
fn demo_and_fixture_pairs_match_upstream_byte_for_byte() {
    let demo = pair(
        "upstream/floe-runtime__demo__data_engineering__floe.yaml",
        "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
    );
    let output = demo.run(&["profiles"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        output.stdout,
        read_fixture("upstream-generated/demo.profiles.yml")
    );
    let notes = String::from_utf8_lossy(&output.stderr);
    assert!(notes.contains("note: "), "quirks are reported: {notes}");

    let fixture = pair(
        "upstream/floe-runtime__packages__floe-cli__tests__fixtures__valid_floe.yaml",
        "upstream/floe-runtime__packages__floe-cli__tests__fixtures__platform.yaml",
    );
    let output = fixture.run(&["profiles"]);
    assert_eq!(
        output.stdout,
        read_fixture("upstream-generated/fixture.profiles.yml")
    );
}

#[test]
fn output_file_and_errors() {
    let demo = pair(
        "upstream/floe-runtime__demo__data_engineering__floe.yaml",
        "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
    );
    demo.write("dbt/dbt_project.yml", "name: demo\n");
    let output = demo.run(&["profiles", "--output", "dbt/profiles.yml"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    assert_eq!(
        std::fs::read(demo.path().join("dbt/profiles.yml")).expect("written"),
        read_fixture("upstream-generated/demo.profiles.yml")
    );
    let missing = demo.run(&["profiles", "--profile", "nope"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("Profile 'nope' not found in platform.yaml")
    );
    let no_env = demo.run(&["profiles", "--env", "prod"]);
    assert_eq!(no_env.status.code(), Some(2));
}
