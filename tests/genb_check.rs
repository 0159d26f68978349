//! `floe-lint check` on Generation B files (`apiVersion: floe.dev/v1`), from the real binary:
//! upstream's files (tests/fixtures/upstream, see SOURCES.md there) get upstream's verdict, a
//! FloeSpec pairs with its manifest, and a project of deliberate mistakes reports each at its key.

mod common;

use common::{Project, findings};

const DEMO_MANIFEST: &str = "upstream/floe__demo__manifest.yaml";
const DEMO_SPEC: &str = "upstream/floe__demo__floe.yaml";
const CUSTOMER_360: &str = "upstream/floe__demo__customer-360__floe.yaml";
const HELLO_ORDERS: &str = "upstream/floe__examples__hello-orders__floe.yaml";
const QUICKSTART_MANIFEST: &str =
    "upstream/floe__packages__floe-core__tests__fixtures__quickstart__manifest.yaml";

const QUICKSTART_SPEC: &str =
    "upstream/floe__packages__floe-core__tests__fixtures__quickstart__floe.yaml";
const QUICKSTART: &str = "packages/floe-core/tests/fixtures/quickstart";

/// Upstream's FloeSpec files that validate, at their place in upstream's repository (the
/// quickstart one fails only at compile, through governance).
const VALID_SPECS: [&str; 5] = [
    "demo/customer-360/floe.yaml",
    "demo/financial-risk/floe.yaml",
    "demo/iot-telemetry/floe.yaml",
    "examples/hello-orders/floe.yaml",
    "packages/floe-core/tests/fixtures/quickstart/floe.yaml",
];

/// A minimal valid FloeSpec that names no manifest.
const MINIMAL_SPEC: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: \"1.0.0\"\ntransforms:\n  - name: stg_orders\n";

/// Every finding as `file:line:column CODE message`, one per line.
fn listing(json: &serde_json::Value) -> String {
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

fn files(json: &serde_json::Value) -> Vec<&str> {
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f.as_str())
        .collect()
}

/// Every Generation B file of the corpus at its place in upstream's repository: products name
/// their manifest (`../manifest.yaml`, `../../demo/manifest.yaml`) or sit beside one.
fn upstream_repository() -> Project {
    let project = Project::new();
    project
        .write(".git/HEAD", "ref: refs/heads/main\n")
        .fixture("demo/manifest.yaml", DEMO_MANIFEST)
        .fixture("demo/floe.yaml", DEMO_SPEC)
        .fixture("demo/customer-360/floe.yaml", CUSTOMER_360)
        .fixture(
            "demo/financial-risk/floe.yaml",
            "upstream/floe__demo__financial-risk__floe.yaml",
        )
        .fixture(
            "demo/iot-telemetry/floe.yaml",
            "upstream/floe__demo__iot-telemetry__floe.yaml",
        )
        .fixture("examples/hello-orders/floe.yaml", HELLO_ORDERS)
        .fixture(&format!("{QUICKSTART}/floe.yaml"), QUICKSTART_SPEC)
        .fixture(&format!("{QUICKSTART}/manifest.yaml"), QUICKSTART_MANIFEST);
    project
}

#[test]
fn upstream_valid_files_are_clean() {
    let project = upstream_repository();
    for spec in VALID_SPECS {
        let (_, json) = project.check_json(&[spec]);
        let own: Vec<_> = findings(&json)
            .into_iter()
            .filter(|(file, _, _)| file == spec)
            .collect();
        assert_eq!(own, [], "{spec}");
        assert_eq!(files(&json).len(), 2, "{spec} is checked with its manifest");
    }
    let (code, json) = project.check_json(&["demo/manifest.yaml"]);
    assert_eq!((code, listing(&json)), (0, String::new()));
}

/// Schema-valid upstream, but its Polaris config lacks what the runtime's model requires.
#[test]
fn quickstart_manifest_reports_only_what_the_runtime_rejects() {
    let (code, json) = upstream_repository().check_json(&[QUICKSTART]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listing(&json), @r"
    packages/floe-core/tests/fixtures/quickstart/manifest.yaml:18:5 FL108 Field required: `oauth2` is missing from `plugins.catalog.config`
    packages/floe-core/tests/fixtures/quickstart/manifest.yaml:18:5 FL108 Field required: `warehouse` is missing from `plugins.catalog.config`
    ");
}

/// demo/floe.yaml (an older shape) is invalid upstream with exactly 12 errors; each is reported at
/// its key.
#[test]
fn demo_spec_reports_upstreams_twelve_errors_at_their_keys() {
    let (code, json) = upstream_repository().check_json(&["demo/floe.yaml"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listing(&json), @r"
    demo/floe.yaml:24:1 FL100 Extra inputs are not permitted: `governance` is not a field of the top level
    demo/floe.yaml:31:5 FL101 Field required: `schema` is missing from `output_ports.0`
    demo/floe.yaml:33:5 FL100 Extra inputs are not permitted: `table` is not a field of `output_ports.0`
    demo/floe.yaml:34:5 FL100 Extra inputs are not permitted: `format` is not a field of `output_ports.0`
    demo/floe.yaml:38:1 FL100 Extra inputs are not permitted: `input_ports` is not a field of the top level
    demo/floe.yaml:56:5 FL100 Extra inputs are not permitted: `description` is not a field of `transforms.0`
    demo/floe.yaml:60:5 FL100 Extra inputs are not permitted: `description` is not a field of `transforms.1`
    demo/floe.yaml:64:5 FL100 Extra inputs are not permitted: `description` is not a field of `transforms.2`
    demo/floe.yaml:68:5 FL100 Extra inputs are not permitted: `description` is not a field of `transforms.3`
    demo/floe.yaml:75:5 FL100 Extra inputs are not permitted: `description` is not a field of `transforms.4`
    demo/floe.yaml:82:5 FL100 Extra inputs are not permitted: `description` is not a field of `transforms.5`
    demo/floe.yaml:94:1 FL100 Extra inputs are not permitted: `compute` is not a field of the top level
    ");
}

#[test]
fn a_spec_pairs_with_the_manifest_it_names_or_the_nearest_one() {
    let project = upstream_repository();
    // `platform.manifest: ../../demo/manifest.yaml`.
    let (code, json) = project.check_json(&["examples/hello-orders"]);
    assert_eq!((code, listing(&json)), (0, String::new()));
    assert_eq!(
        files(&json),
        ["demo/manifest.yaml", "examples/hello-orders/floe.yaml"]
    );
    // customer-360 names `../manifest.yaml`; from the product's own directory as well.
    let (_, json) = project.check_json(&["demo/customer-360/floe.yaml"]);
    assert_eq!(
        files(&json),
        ["demo/customer-360/floe.yaml", "demo/manifest.yaml"]
    );
    // demo/floe.yaml names an OCI reference: it pairs with the manifest beside it.
    let (_, json) = project.check_json(&["demo/floe.yaml"]);
    assert_eq!(files(&json), ["demo/floe.yaml", "demo/manifest.yaml"]);
    // The whole repository: each shared manifest is checked once; only demo/floe.yaml and the
    // quickstart manifest have findings.
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(files(&json).len(), 8);
    let mut per_file = std::collections::BTreeMap::new();
    for (file, _, _) in findings(&json) {
        *per_file.entry(file).or_insert(0) += 1;
    }
    assert_eq!(
        per_file,
        std::collections::BTreeMap::from([
            ("demo/floe.yaml".to_owned(), 12),
            (format!("{QUICKSTART}/manifest.yaml"), 2)
        ])
    );
}

#[test]
fn a_spec_without_a_manifest_is_checked_on_its_own() {
    let project = Project::new();
    project.write(
        "floe.yaml",
        "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: \"1.0.0\"\ntransforms: []\n",
    );
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listing(&json), @"floe.yaml:6:13 FL105 List should have at least 1 item after validation, not 0");
}

#[test]
fn a_named_manifest_that_does_not_exist_is_one_warning() {
    let project = Project::new();
    project.write(
        "orders/floe.yaml",
        "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: \"1.0.0\"\nplatform:\n  manifest: ../platform/manifest.yaml\ntransforms:\n  - name: stg_orders\n",
    );
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 0, "a warning");
    insta::assert_snapshot!(listing(&json), @"orders/floe.yaml:7:13 FL203 no manifest at `platform/manifest.yaml` (`platform.manifest` is read relative to this floe.yaml's directory): the manifest is not checked with this product");
}

/// Only a manifest.yaml that declares itself floe's is taken by a directory walk.
#[test]
fn other_tools_manifest_files_are_not_read() {
    let project = Project::new();
    project.write("floe.yaml", MINIMAL_SPEC).write(
        "deploy/manifest.yaml",
        "apiVersion: apps/v1\nkind: Deployment\n",
    );
    let (code, json) = project.check_json(&[]);
    assert_eq!((code, listing(&json)), (0, String::new()));
    assert_eq!(files(&json), ["floe.yaml"]);
}
