//! `floe-lint profiles` on Generation B products (`apiVersion: floe.dev/v1`): the real binary
//! prints, byte for byte, the profiles.yml upstream's runtime writes (tests/fixtures/upstream-
//! generated, see SOURCES.md there) for upstream's products at their place in upstream's
//! repository, and says why when compile would fail.

mod common;

use common::{Project, read_fixture};

const DEMO_MANIFEST: &str = "upstream/floe__demo__manifest.yaml";
const CUSTOMER_360: &str = "upstream/floe__demo__customer-360__floe.yaml";
const HELLO_ORDERS: &str = "upstream/floe__examples__hello-orders__floe.yaml";

/// upstream's demo products and their manifest, laid out as in upstream's repository.
fn demo_repository() -> Project {
    let project = Project::new();
    project
        .write(".git/HEAD", "ref: refs/heads/main\n")
        .fixture("demo/manifest.yaml", DEMO_MANIFEST)
        .fixture("demo/customer-360/floe.yaml", CUSTOMER_360)
        .fixture("examples/hello-orders/floe.yaml", HELLO_ORDERS);
    project
}

/// A product named `name` and a manifest whose compute plugin config is `config` (YAML lines
/// indented under `config:`), side by side.
fn product(name: &str, compute: &str) -> Project {
    let project = Project::new();
    project
        .write(".git/HEAD", "ref: refs/heads/main\n")
        .write(
            "floe.yaml",
            format!(
                "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: {name}\n  version: 1.0.0\ntransforms:\n  - name: stg_orders\n"
            ),
        )
        .write(
            "manifest.yaml",
            format!(
                "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: platform\n  version: 1.0.0\n  owner: platform-team\nplugins:\n  orchestrator:\n    type: dagster\n  compute:\n{compute}"
            ),
        );
    project
}

fn text(output: &std::process::Output) -> (Option<i32>, String, String) {
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn upstream_products_match_the_runtime_byte_for_byte() {
    let project = demo_repository();
    // By directory (customer-360 names its manifest `../manifest.yaml`) and by file (hello-orders
    // names `../../demo/manifest.yaml`).
    let output = project.run(&["profiles", "demo/customer-360"]);
    assert_eq!(output.status.code(), Some(0), "{:?}", text(&output));
    assert_eq!(
        output.stdout,
        read_fixture("upstream-generated/genb-customer-360.profiles.yml")
    );
    assert!(output.stderr.is_empty(), "{:?}", text(&output));
    let output = project.run(&["profiles", "examples/hello-orders/floe.yaml"]);
    assert_eq!(
        output.stdout,
        read_fixture("upstream-generated/genb-hello-orders.profiles.yml")
    );

    // --output writes the same bytes.
    let output = project.run(&[
        "profiles",
        "demo/customer-360",
        "--output",
        "demo/customer-360/profiles.yml",
    ]);
    assert_eq!(output.status.code(), Some(0), "{:?}", text(&output));
    assert_eq!(
        std::fs::read(project.path().join("demo/customer-360/profiles.yml")).expect("written"),
        read_fixture("upstream-generated/genb-customer-360.profiles.yml")
    );
}

/// `--manifest` pairs as in `check`: for a product that names no manifest and has none above it
/// (a product that names its own keeps it, with a note); `.floe-lint.toml`'s `manifest` too.
#[test]
fn the_manifest_can_be_named_and_a_manifest_is_not_a_product() {
    let project = demo_repository();
    let other = String::from_utf8(read_fixture(DEMO_MANIFEST))
        .expect("utf-8")
        .replace("threads: 4", "threads: 2");
    project.write("platform/manifest.yaml", &other).write(
        "products/orders/floe.yaml",
        "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: 1.0.0\ntransforms:\n  - name: stg_orders\n",
    );
    let (code, _, stderr) = text(&project.run(&["profiles", "products/orders"]));
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("no manifest found for products/orders/floe.yaml")
            && stderr.contains("use --manifest FILE"),
        "{stderr}"
    );
    let (code, stdout, _) = text(&project.run(&[
        "profiles",
        "products/orders",
        "--manifest",
        "platform/manifest.yaml",
    ]));
    assert_eq!(code, Some(0));
    assert!(stdout.contains("      threads: 2\n"), "{stdout}");
    // The configuration's `manifest`, as `check` reads it.
    project.write(".floe-lint.toml", "manifest = \"platform/manifest.yaml\"\n");
    let (code, stdout, _) = text(&project.run(&["profiles", "products/orders"]));
    assert_eq!(code, Some(0));
    assert!(stdout.contains("      threads: 2\n"), "{stdout}");
    // customer-360 names its own.
    let (code, stdout, stderr) = text(&project.run(&[
        "profiles",
        "demo/customer-360",
        "--manifest",
        "platform/manifest.yaml",
    ]));
    assert_eq!(code, Some(0));
    assert!(stdout.contains("      threads: 4\n"), "{stdout}");
    assert!(
        stderr.contains("names its own manifest (demo/manifest.yaml), which it is paired with; --manifest is for products that name none"),
        "{stderr}"
    );
    let (code, _, stderr) =
        text(&project.run(&["profiles", "demo/customer-360", "--manifest", "nope.yaml"]));
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("--manifest: no file at `nope.yaml`"),
        "{stderr}"
    );

    let (code, stdout, stderr) = text(&project.run(&["profiles", "demo/manifest.yaml"]));
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.contains("is a platform manifest, which serves many products"),
        "{stderr}"
    );
    // Generation A's environment options do not apply.
    let (code, _, stderr) = text(&project.run(&["profiles", "demo/customer-360", "--env", "prod"]));
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("is a Generation B product: it has no environments"),
        "{stderr}"
    );
    // Nor do floe-runtime's generator options: refused rather than silently ignored.
    let (code, stdout, stderr) = text(&project.run(&[
        "profiles",
        "demo/customer-360",
        "--target",
        "prod",
        "--style",
        "factory",
    ]));
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.contains("--target, --style are for floe-runtime's generator only"),
        "{stderr}"
    );
    // A product whose named manifest is missing.
    project.write(
        "demo/customer-360/floe.yaml",
        String::from_utf8(read_fixture(CUSTOMER_360))
            .expect("utf-8")
            .replace("../manifest.yaml", "../platform/manifest.yaml"),
    );
    let (code, _, stderr) = text(&project.run(&["profiles", "demo/customer-360"]));
    assert_eq!(code, Some(2));
    assert!(
        stderr
            .contains("platform.manifest names demo/platform/manifest.yaml, which does not exist"),
        "{stderr}"
    );
}

#[test]
fn generation_a_products_keep_their_preview_and_refuse_a_manifest() {
    let project = Project::new();
    project
        .fixture(
            "floe.yaml",
            "upstream/floe-runtime__demo__data_engineering__floe.yaml",
        )
        .fixture(
            "platform/local/platform.yaml",
            "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml",
        );
    let output = project.run(&["profiles"]);
    assert_eq!(
        output.stdout,
        read_fixture("upstream-generated/demo.profiles.yml")
    );
    project.fixture("m.yaml", DEMO_MANIFEST);
    let (code, _, stderr) = text(&project.run(&["profiles", "--manifest", "m.yaml"]));
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("--manifest is for a Generation B product"),
        "{stderr}"
    );
}

/// Every key the DuckDB plugin reads, in its order (an option's `type` comes after the entry's
/// own keys: the entry had none); placeholders expanded; no alias when the name is already
/// dbt-safe; a key the plugin drops is a note.
#[test]
fn the_duckdb_profile_keeps_upstreams_order_and_defaults() {
    let project = product(
        "orders",
        "    type: duckdb\n    config:\n      attach:\n        - path: \"iceberg:{product_name}\"\n          alias: lake\n          extra: 1\n          options: {catalog_uri: \"http://polaris:8181/api/catalog\", type: iceberg}\n      settings: {s3_region: eu-west-1, memory_limit: 1GB}\n      access_mode: READ_WRITE\n      memory_limit: 4GB\n      extensions: [iceberg, httpfs]\n      timeout_seconds: \"60\"\n      path: \"{product_name}/{product_slug}.duckdb\"\n      s3_endpoint: minio:9000\n",
    );
    let (code, stdout, stderr) = text(&project.run(&["profiles"]));
    assert_eq!(code, Some(0), "{stderr}");
    insta::assert_snapshot!(stdout, @r"
    orders:
      target: dev
      outputs:
        dev:
          type: duckdb
          path: orders/orders.duckdb
          threads: 4
          timeout_seconds: 60
          extensions:
          - iceberg
          - httpfs
          settings:
            access_mode: READ_WRITE
            memory_limit: 1GB
            s3_region: eu-west-1
          attach:
          - path: iceberg:orders
            alias: lake
            catalog_uri: http://polaris:8181/api/catalog
            type: iceberg
    ");
    insta::assert_snapshot!(stderr, @r#"
    note: `s3_endpoint` is not read by the DuckDB compute plugin: the dbt profile floe writes leaves it out
    note: `access_mode` ends up in the dbt profile's `settings`, which dbt-duckdb applies with SET on the open database; DuckDB refuses: "Cannot change access_mode setting while database is running - it must be set when opening or attaching the database"
    note: `extra` of an attach entry is not read by the DuckDB compute plugin: the dbt profile floe writes leaves it out
    "#);
    // Nothing configured: an in-memory database, upstream's defaults.
    let project = product("a--b", "    type: duckdb\n");
    let (code, stdout, _) = text(&project.run(&["profiles"]));
    assert_eq!(code, Some(0));
    insta::assert_snapshot!(stdout, @r"
    a--b: &id001
      target: dev
      outputs:
        dev:
          type: duckdb
          path: ':memory:'
          threads: 4
          timeout_seconds: 3600
    a__b: *id001
    ");
}

/// Where compile fails, `profiles` prints upstream's reason (exit 1), the first one as
/// upstream stops there.
#[test]
fn compile_failures_are_explained() {
    for (compute, expected) in [
        (
            "    type: snowflake\n",
            "E301 Compute plugin 'snowflake' not found (upstream ships only the 'duckdb' compute plugin)",
        ),
        (
            "    type: duckdb\n    config:\n      threads: 65\n",
            "validation error for ComputeConfig: threads: Input should be less than or equal to 64",
        ),
        (
            "    type: duckdb\n    config:\n      path: /data/../x.duckdb\n",
            "E303 Failed to generate dbt profile for 'duckdb': Database path must not contain '..' (path traversal)",
        ),
        (
            "    type: duckdb\n    config:\n      path: 3\n",
            "E303 Failed to generate dbt profile for 'duckdb': argument of type 'int' is not iterable",
        ),
        (
            "    type: duckdb\n    config:\n      attach: [{path: x, options: {token: t}}]\n",
            "E303 Failed to generate dbt profile for 'duckdb': Invalid attach option key: 'token'. Allowed keys: ['access_mode', 'catalog_uri', 'read_only', 'schema', 'type']",
        ),
    ] {
        let project = product("orders", compute);
        let (code, stdout, stderr) = text(&project.run(&["profiles"]));
        assert_eq!((code, stdout.as_str()), (Some(1), ""), "{compute}");
        assert!(
            stderr.starts_with(
                "floe-lint profiles: floe cannot write profiles.yml for floe.yaml with manifest.yaml: "
            ) && stderr.trim_end().ends_with(expected),
            "{compute}: {stderr}"
        );
    }
    let project = product("orders", "    type: duckdb\n");
    project.write(
        "manifest.yaml",
        "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata: {name: p, version: 1.0.0, owner: x}\nplugins:\n  compute: {type: duckdb}\n",
    );
    let (code, _, stderr) = text(&project.run(&["profiles"]));
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("E201 Required plugin 'orchestrator' not found in platform manifest"),
        "{stderr}"
    );
}

/// Findings of `code` as `file:line message`.
fn listed(json: &serde_json::Value, code: &str) -> String {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            format!(
                "{}:{} {}\n",
                d["file"].as_str().unwrap_or_default(),
                d["range"]["start"]["line"],
                d["message"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// upstream's demo ships a hand-written profiles.yml beside customer-360 that is not what its
/// runtime writes (and the runtime never reads it): a real FL702, which the fix makes the
/// runtime's bytes.
#[test]
fn the_demos_checked_in_profiles_yml_is_stale() {
    let project = demo_repository();
    project
        .fixture(
            "demo/customer-360/profiles.yml",
            "upstream/floe__demo__customer-360__profiles.yml",
        )
        .fixture(
            "demo/customer-360/dbt_project.yml",
            "upstream/floe__demo__customer-360__dbt_project.yml",
        );
    let (_, json) = project.check_json(&["demo/customer-360"]);
    insta::assert_snapshot!(listed(&json, "FL702"), @"demo/customer-360/profiles.yml:1 profiles.yml differs from what floe's runtime writes for 'customer-360' (10 lines changed), and the runtime never reads it: it writes its own profiles.yml from the compiled artifacts before each dbt run");
    let help = json["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["code"] == "FL702"))
        .and_then(|d| d["help"].as_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        help.starts_with("floe's runtime writes (from demo/customer-360/floe.yaml and demo/manifest.yaml, target 'dev'):")
            && help.contains("-      threads: 1\n+      path: /tmp/floe/customer_360.duckdb\n+      threads: 4\n"),
        "{help}"
    );
    // The demo's dbt project asks for the dbt-safe alias: no FL703.
    assert_eq!(listed(&json, "FL703"), "");

    project.run(&["check", "demo/customer-360", "--fix"]);
    assert_eq!(
        std::fs::read(project.path().join("demo/customer-360/profiles.yml")).expect("read"),
        read_fixture("upstream-generated/genb-customer-360.profiles.yml")
    );
    let (_, json) = project.check_json(&["demo/customer-360"]);
    assert_eq!(listed(&json, "FL702"), "");
    // CRLF line breaks are the same file.
    let crlf = String::from_utf8(read_fixture(
        "upstream-generated/genb-customer-360.profiles.yml",
    ))
    .expect("utf-8")
    .replace('\n', "\r\n");
    project.write("demo/customer-360/profiles.yml", crlf);
    let (_, json) = project.check_json(&["demo/customer-360"]);
    assert_eq!(listed(&json, "FL702"), "");
}

/// The runtime's profiles.yml holds `metadata.name` and its dbt-safe alias: `dbt_project.yml`
/// may name either; anything else stops dbt.
#[test]
fn the_dbt_project_names_the_product_or_its_alias() {
    let project = demo_repository();
    project
        .fixture(
            "demo/customer-360/dbt_project.yml",
            "upstream/floe__demo__customer-360__dbt_project.yml",
        )
        .fixture(
            "examples/hello-orders/dbt_project.yml",
            "upstream/floe__examples__hello-orders__dbt_project.yml",
        );
    let (_, json) = project.check_json(&["demo/customer-360", "examples/hello-orders"]);
    assert_eq!(listed(&json, "FL703"), "");

    let upstream = String::from_utf8(read_fixture(
        "upstream/floe__demo__customer-360__dbt_project.yml",
    ))
    .expect("utf-8");
    project.write(
        "demo/customer-360/dbt_project.yml",
        upstream.replace("profile: customer_360", "profile: customer-360"),
    );
    let (_, json) = project.check_json(&["demo/customer-360"]);
    assert_eq!(listed(&json, "FL703"), "");

    project.write(
        "demo/customer-360/dbt_project.yml",
        upstream.replace("profile: customer_360", "profile: default"),
    );
    let (code, json) = project.check_json(&["demo/customer-360"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listed(&json, "FL703"), @r#"demo/customer-360/dbt_project.yml:5 dbt_project.yml asks for profile 'default', but the profiles.yml floe's runtime writes holds only 'customer-360' and its dbt-safe alias 'customer_360' (from floe.yaml's metadata.name); dbt will stop with "Could not find profile named 'default'""#);
    project.run(&["check", "demo/customer-360", "--fix", "--unsafe-fixes"]);
    assert_eq!(
        std::fs::read_to_string(project.path().join("demo/customer-360/dbt_project.yml"))
            .expect("read"),
        upstream
    );
}

/// Generation B has no secret references: a credential in the manifest's compute config is
/// written into profiles.yml as is. It is never shown: not by `profiles` on stdout, not in the
/// editor's preview, not in FL702's diff or fix, in any output format; `--output` writes it.
#[test]
fn a_credential_in_the_compute_config_is_never_shown() {
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzGENBKEY";
    let project = product(
        "orders",
        &format!(
            "    type: duckdb\n    config:\n      path: /tmp/floe/orders.duckdb\n      settings:\n        s3_secret_access_key: \"{SECRET}\"\n"
        ),
    );
    project
        .write("dbt_project.yml", "name: orders\nprofile: orders\n")
        .write(
            "profiles.yml",
            "orders:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: /tmp/old.duckdb\n",
        );
    let shown = |what: &str, bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(&SECRET[2..10]),
            "{what} shows the secret:\n{text}"
        );
    };
    let (code, stdout, stderr) = text(&project.run(&["profiles"]));
    assert_eq!(code, Some(0));
    shown("profiles", stdout.as_bytes());
    assert!(
        stdout.contains("s3_secret_access_key: wJ… (38 chars)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("1 secret value from the manifest shown redacted; --output FILE writes the file as the runtime does"),
        "{stderr}"
    );
    for format in ["human", "json", "sarif", "github"] {
        let output = project.run(&["check", "--format", format]);
        shown(format, &[output.stdout, output.stderr].concat());
    }
    let (_, json) = project.check_json(&[]);
    let drift = json["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["code"] == "FL702"))
        .cloned()
        .expect("FL702");
    assert!(drift["fix"].is_null(), "{drift:#}");
    assert!(
        drift["help"].as_str().is_some_and(|h| h
            .contains("+        s3_secret_access_key: wJ… (38 chars)")
            && h.contains("no fix writes it")),
        "{drift:#}"
    );

    // The file itself is the runtime's.
    project.run(&["profiles", "--output", "written.yml"]);
    let written = std::fs::read_to_string(project.path().join("written.yml")).expect("written");
    assert!(written.contains(SECRET), "{written}");
}
