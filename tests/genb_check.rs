//! `floe-lint check` on Generation B files (`apiVersion: floe.dev/v1`), from the real binary:
//! upstream's files (tests/fixtures/upstream, see SOURCES.md there) get upstream's verdict, a
//! FloeSpec pairs with its manifest, and a project of deliberate mistakes reports each at its key.

mod common;

use common::{Project, QUICKSTART, findings, listing, upstream_repository};

const DEMO_MANIFEST: &str = "upstream/floe__demo__manifest.yaml";

/// Upstream's FloeSpec files that validate and compile, at their place in upstream's repository.
/// (The quickstart one validates but fails compile, through governance: see
/// `quickstart_pair_reports_its_compile_failure`.)
const VALID_SPECS: [&str; 4] = [
    "demo/customer-360/floe.yaml",
    "demo/financial-risk/floe.yaml",
    "demo/iot-telemetry/floe.yaml",
    "examples/hello-orders/floe.yaml",
];

/// Only the stages' codes (syntax, schema, cross-file): what upstream itself would report. The
/// anti-pattern rules' findings on upstream's files (a literal client secret, plain http in the
/// demo manifest, ignored schedules, …) are pinned in tests/genb_antipatterns.rs.
const STAGES: &str = "--select=FL0,FL1,FL2";

/// A minimal valid FloeSpec that names no manifest.
const MINIMAL_SPEC: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: \"1.0.0\"\ntransforms:\n  - name: stg_orders\n";

fn files(json: &serde_json::Value) -> Vec<&str> {
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f.as_str())
        .collect()
}

/// Clean of what upstream reports: no syntax, schema or cross-file finding.
#[test]
fn upstream_valid_files_are_clean() {
    let project = upstream_repository();
    for spec in VALID_SPECS {
        let (_, json) = project.check_json(&[STAGES, spec]);
        let own: Vec<_> = findings(&json)
            .into_iter()
            .filter(|(file, _, _)| file == spec)
            .collect();
        assert_eq!(own, [], "{spec}");
        assert_eq!(files(&json).len(), 2, "{spec} is checked with its manifest");
    }
    let (code, json) = project.check_json(&[STAGES, "demo/manifest.yaml"]);
    assert_eq!((code, listing(&json)), (0, String::new()));
}

/// Both files are schema-valid upstream. `floe platform compile` fails on the pair at one
/// place: strict governance and `dependsOn: stg_orders`, which is no transform (FLOE-E301), the
/// only error in floe.yaml. Beside it: the `compute: spark` override compile ignores (a warning,
/// upstream does not enforce it), and the manifest's Polaris config, which lacks what the
/// runtime's model requires (not compile's concern).
#[test]
fn quickstart_pair_reports_its_compile_failure() {
    let (code, json) = upstream_repository().check_json(&[STAGES, QUICKSTART]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listing(&json), @r"
    packages/floe-core/tests/fixtures/quickstart/floe.yaml:23:14 FL222 `int_customer_orders` asks for compute 'spark', which upstream's compile neither checks nor applies: the dbt profile is generated from `plugins.compute` ('duckdb'), so it runs on duckdb
    packages/floe-core/tests/fixtures/quickstart/floe.yaml:26:9 FL216 [FLOE-E301] Model 'int_customer_orders' references non-existent model 'stg_orders'
    packages/floe-core/tests/fixtures/quickstart/manifest.yaml:18:5 FL108 Field required: `oauth2` is missing from `plugins.catalog.config`
    packages/floe-core/tests/fixtures/quickstart/manifest.yaml:18:5 FL108 Field required: `warehouse` is missing from `plugins.catalog.config`
    ");
    let errors: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["severity"] == "error" && d["file"].as_str().is_some_and(|f| f.ends_with("floe.yaml"))
        })
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default(),
                d["severity"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [("FL216", "error")],
        "the compile failure is floe.yaml's only error"
    );
    // `transforms[1].dependsOn[1]`: the value `stg_orders`, exactly.
    let failure = &json["diagnostics"][1];
    let at = |end: &str| {
        (
            failure["range"][end]["line"].clone(),
            failure["range"][end]["column"].clone(),
        )
    };
    assert_eq!(
        (at("start"), at("end")),
        ((26.into(), 9.into()), (26.into(), 19.into()))
    );
}

/// demo/floe.yaml (an older shape) is invalid upstream with exactly 12 errors; each is reported at
/// its key.
#[test]
fn demo_spec_reports_upstreams_twelve_errors_at_their_keys() {
    let (code, json) = upstream_repository().check_json(&[STAGES, "demo/floe.yaml"]);
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
    let (code, json) = project.check_json(&[STAGES, "examples/hello-orders"]);
    assert_eq!((code, listing(&json)), (0, String::new()));
    assert_eq!(
        files(&json),
        ["demo/manifest.yaml", "examples/hello-orders/floe.yaml"]
    );
    // customer-360 names `../manifest.yaml`; from the product's own directory as well.
    let (_, json) = project.check_json(&[STAGES, "demo/customer-360/floe.yaml"]);
    assert_eq!(
        files(&json),
        ["demo/customer-360/floe.yaml", "demo/manifest.yaml"]
    );
    // demo/floe.yaml names an OCI reference: it pairs with the manifest beside it.
    let (_, json) = project.check_json(&[STAGES, "demo/floe.yaml"]);
    assert_eq!(files(&json), ["demo/floe.yaml", "demo/manifest.yaml"]);
    // The whole repository: each shared manifest is checked once; only demo/floe.yaml and the
    // quickstart pair have findings of the stages (compile's checks are cross-file ones).
    let (code, json) = project.check_json(&[STAGES]);
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
            (format!("{QUICKSTART}/floe.yaml"), 2),
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
    // Nor by the search for a product's manifest.
    project.write("deploy/floe.yaml", MINIMAL_SPEC);
    let (code, json) = project.check_json(&["deploy/floe.yaml"]);
    assert_eq!((code, files(&json)), (0, vec!["deploy/floe.yaml"]));
}

/// tests/fixtures/genb/mistakes: one deliberate mistake per comment in each file, every one
/// reported at once, at its key or value.
#[test]
fn a_project_with_mistakes_in_both_files() {
    let project = Project::new();
    project
        .fixture("manifest.yaml", "genb/mistakes/manifest.yaml")
        .fixture("orders/floe.yaml", "genb/mistakes/orders/floe.yaml");
    let (code, json) = project.check_json(&["orders"]);
    assert_eq!(code, 1);
    assert_eq!(files(&json), ["manifest.yaml", "orders/floe.yaml"]);
    insta::assert_snapshot!(listing(&json), @r#"
    manifest.yaml:6:12 FL104 String should match pattern '^\d+\.\d+\.\d+$'
    manifest.yaml:8:1 FL106 parent_manifest is required for scope='domain'. Domain manifests must inherit from an enterprise manifest.
    manifest.yaml:9:1 FL110 Unknown fields in manifest will be ignored: ['governence']. This may indicate a newer manifest version or typos.
    manifest.yaml:12:3 FL102 Keys should be strings: `1` is read as an integer; quote it (`"1"`) if it is meant as a name
    manifest.yaml:21:12 FL108 String should match pattern '^https?://'
    manifest.yaml:23:7 FL303 `plugins.catalog.config.oauth2` has no `scope`: the Polaris plugin then sends none, PyIceberg asks for its default scope `catalog`, and Polaris rejects it, so every run fails to connect to the catalog
    manifest.yaml:25:24 FL300 hardcoded credential (Secret Keyword) in `plugins.catalog.config.oauth2.client_secret`: ac… (19 chars); compile copies `plugins.catalog.config` verbatim into `target/compiled_artifacts.json` and the `floe-compiled-values` ConfigMap
    manifest.yaml:26:20 FL108 String should match pattern '^https?://'
    manifest.yaml:27:20 FL108 Input should be less than or equal to 10
    manifest.yaml:28:3 FL100 Extra inputs are not permitted: `alerts` is not a field of `plugins`
    manifest.yaml:32:12 FL103 Input should be 'DEBUG', 'INFO', 'WARNING' or 'ERROR'
    manifest.yaml:34:3 FL101 Field required: `limits` is missing from `resource_presets.small`
    manifest.yaml:34:3 FL101 Field required: `requests` is missing from `resource_presets.small`
    manifest.yaml:35:5 FL100 Extra inputs are not permitted: `cpu_request` is not a field of `resource_presets.small`
    manifest.yaml:36:5 FL100 Extra inputs are not permitted: `cpu_limit` is not a field of `resource_presets.small`
    manifest.yaml:37:5 FL100 Extra inputs are not permitted: `memory_request` is not a field of `resource_presets.small`
    manifest.yaml:48:11 FL103 Input should be 'policy_compliance', 'tests', 'security_scan', 'cost_analysis' or 'performance_baseline'
    orders/floe.yaml:2:1 FL101 Field required: `apiVersion` is missing from the top level
    orders/floe.yaml:4:9 FL104 String should match pattern '^[a-z][a-z0-9-]*$'
    orders/floe.yaml:5:12 FL102 Input should be a valid string
    orders/floe.yaml:7:11 FL102 Input should be a valid string
    orders/floe.yaml:10:11 FL103 Input should be 'bronze', 'silver' or 'gold'
    orders/floe.yaml:11:17 FL216 `raw_orders` is not a transform of this product: `stg_orders` depends on a model that does not exist
    orders/floe.yaml:12:5 FL100 Extra inputs are not permitted: `depends_on` is the same field as `dependsOn`, which is also given; keep one spelling
    orders/floe.yaml:13:11 FL104 String should match pattern '^[a-zA-Z_][a-zA-Z0-9_]*$'
    orders/floe.yaml:14:5 FL106 Environment-specific fields are not allowed in FloeSpec: transforms[1].database. Use platform manifest for environment configuration (FR-014).
    orders/floe.yaml:18:28 FL104 String should match pattern '^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$'
    "#);
    // The plugin's literal client secret (FL300) is masked in every rendering.
    for format in ["human", "json", "github", "sarif"] {
        let output = project.run(&["check", "--format", format, "orders"]);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(!text.contains("acme-polaris-s3cr3t"), "{format}: {text}");
    }
}

#[test]
fn a_runtime_floe_yaml_beside_a_manifest_is_one_finding() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: orders\nversion: \"1.0\"\n")
        .fixture("manifest.yaml", DEMO_MANIFEST);
    let (code, json) = project.check_json(&[STAGES]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listing(&json), @"floe.yaml:1:1 FL202 this floe.yaml is a Generation A (floe-runtime) file, but `manifest.yaml` beside it is a Generation B manifest (`kind: Manifest`): the two dialects do not mix");
    assert_eq!(
        json["diagnostics"][0]["related"][0]["file"],
        "manifest.yaml"
    );
}

#[test]
fn a_spec_beside_platform_files_is_one_finding() {
    let project = Project::new();
    project
        .write("floe.yaml", MINIMAL_SPEC)
        .write("platform/local/platform.yaml", "version: \"1.2.0\"\n")
        .write("platform/prod/platform.yaml", "version: \"1.2.0\"\n");
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listing(&json), @"floe.yaml:2:7 FL202 this floe.yaml is a Generation B file (`apiVersion: floe.dev/v1`), but `platform/local/platform.yaml`, `platform/prod/platform.yaml` beside it are Generation A (floe-runtime) platform files: the two dialects do not mix");
}

/// The shape of upstream's stale docs/reference/floe-yaml-schema.md: one finding, no schema
/// cascade.
#[test]
fn a_data_product_file_is_one_finding() {
    let project = Project::new();
    project.write(
        "floe.yaml",
        "apiVersion: floe.dev/v1\nkind: DataProduct\nmetadata:\n  name: orders\n  domain: sales\ntransforms:\n  - type: dbt\n    path: ./dbt\nenvironments:\n  dev: {}\n",
    );
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listing(&json), @"floe.yaml:2:7 FL109 `kind: DataProduct` is the shape of upstream's stale reference page (docs/reference/floe-yaml-schema.md): no floe model accepts it");
}
