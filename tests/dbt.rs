//! Proof with the real consumer: dbt-core + dbt-duckdb (PyPI, installed by .ci/run; `DBT` names the
//! `dbt` executable) accept the profiles.yml that `floe-lint profiles` writes. `dbt debug` opens the
//! DuckDB connection with the profile's extensions and plugin, `dbt parse` loads the project, and
//! `dbt run` builds a model through it. For Generation B, the same for upstream's customer-360
//! product with the demo manifest (its anchor and alias keys included).
//!
//! floe's plugin `floe_dbt.plugins.polaris` is not on PyPI: tests/dbt_standin holds a TEST DOUBLE
//! with that name that accepts exactly the config keys upstream's plugin reads.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::Project;

/// The `dbt` executable and the prepared DuckDB extension directory, or `None` to skip.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let dbt = std::env::var_os("DBT").map(PathBuf::from);
    let extensions = std::env::var_os("FLOE_DUCKDB_EXTENSION_DIR").map(PathBuf::from);
    match (dbt, extensions) {
        (Some(d), Some(e)) if d.exists() && e.is_dir() => Some((d, e)),
        _ => {
            assert!(
                std::env::var_os("FLOE_LINT_REQUIRE_EXTERNAL").is_none(),
                "DBT / FLOE_DUCKDB_EXTENSION_DIR not set (run .ci/run)"
            );
            eprintln!("skipping: dbt or the DuckDB extensions are not prepared");
            None
        }
    }
}

const FLOE: &str = "name: orders-pipeline\nversion: \"1.0.0\"\nstorage: default\ncatalog: default\ncompute: default\ntransforms:\n  - type: dbt\n    path: dbt\n";

/// A floe project whose dbt project is tests/fixtures/dbt-project, with a DuckDB file inside it.
fn project() -> Project {
    let project = Project::new();
    let database = project.path().join("warehouse.duckdb");
    let platform = format!(
        "version: \"1.0.0\"\nstorage:\n  default:\n    type: s3\n    endpoint: \"http://localhost:4566\"\n    region: eu-west-1\n    bucket: lake\ncatalogs:\n  default:\n    type: polaris\n    uri: \"http://localhost:8181/api/catalog\"\n    warehouse: lake\n    namespace: demo\n    credentials:\n      mode: oauth2\n      client_id:\n        secret_ref: polaris-client-id\n      client_secret:\n        secret_ref: polaris-client-secret\n      scope: \"PRINCIPAL_ROLE:engineer\"\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: {}\n      threads: 2\n",
        database.display()
    );
    project
        .write("floe.yaml", FLOE)
        .write("platform/local/platform.yaml", platform)
        .fixture("dbt/dbt_project.yml", "dbt-project/dbt_project.yml")
        .fixture("dbt/models/orders.sql", "dbt-project/models/orders.sql");
    project
}

/// Runs `dbt <args>` on the project's dbt directory with DuckDB's extensions in a private home,
/// the plugin double importable, and the credentials the profile reads set.
fn dbt(dbt: &Path, extensions: &Path, project: &Project, args: &[&str]) -> Output {
    dbt_in(dbt, extensions, project, "dbt", args)
}

/// [`dbt`] on the dbt project (and its profiles.yml) in `dir`, relative to the project.
fn dbt_in(dbt: &Path, extensions: &Path, project: &Project, dir: &str, args: &[&str]) -> Output {
    let home = project.path().join("home");
    let target = home.join(".duckdb/extensions/v1.5.5/linux_amd64");
    std::fs::create_dir_all(&target).expect("extension dir");
    for name in ["iceberg", "httpfs", "avro", "parquet"] {
        let file = format!("{name}.duckdb_extension");
        let source = extensions.join("v1.5.5/linux_amd64").join(&file);
        std::fs::copy(&source, target.join(&file))
            .unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    }
    let dbt_dir = project.path().join(dir);
    Command::new(dbt)
        .args(args)
        .arg("--project-dir")
        .arg(&dbt_dir)
        .arg("--profiles-dir")
        .arg(&dbt_dir)
        .current_dir(&dbt_dir)
        .env("HOME", &home)
        .env(
            "PYTHONPATH",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dbt_standin"),
        )
        .env("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        .env("DO_NOT_TRACK", "1")
        .env("POLARIS_CLIENT_ID", "engineer")
        .env("POLARIS_CLIENT_SECRET", "not-a-real-secret")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env(
            "FLOE_DBT_STANDIN_RECORD",
            project.path().join("plugin.json"),
        )
        .env_remove("FLOE_CATALOG_URI")
        .env_remove("FLOE_CATALOG_WAREHOUSE")
        .env_remove("POLARIS_SCOPE")
        .env_remove("FLOE_STORAGE_ENDPOINT")
        .env_remove("AWS_REGION")
        .output()
        .expect("run dbt")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn dbt_accepts_the_generated_profile() {
    let Some((dbt_bin, extensions)) = tools() else {
        return;
    };
    let project = project();
    let output = project.run(&["profiles", "--output", "dbt/profiles.yml"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    // What was written is what `check` expects: no drift.
    let (_, json) = project.check_json(&[]);
    assert!(
        !json.to_string().contains("FL702"),
        "the written file drifts: {json:#}"
    );

    let debug = dbt(&dbt_bin, &extensions, &project, &["debug"]);
    assert!(
        debug.status.success(),
        "dbt debug failed:\n{}",
        text(&debug)
    );
    assert!(
        text(&debug).contains("All checks passed!"),
        "{}",
        text(&debug)
    );

    // The plugin double got every key, with dbt's env_var() placeholders resolved.
    let recorded: serde_json::Value = serde_json::from_slice(
        &std::fs::read(project.path().join("plugin.json")).expect("the plugin was initialized"),
    )
    .expect("json");
    assert_eq!(recorded["catalog_uri"], "http://localhost:8181/api/catalog");
    assert_eq!(recorded["warehouse"], "lake");
    assert_eq!(recorded["client_id"], "engineer");
    assert_eq!(recorded["scope"], "PRINCIPAL_ROLE:engineer");
    assert_eq!(recorded["s3_region"], "eu-west-1");
    assert_eq!(recorded["storage_mapping"]["default"]["bucket"], "lake");

    let parse = dbt(&dbt_bin, &extensions, &project, &["parse"]);
    assert!(
        parse.status.success(),
        "dbt parse failed:\n{}",
        text(&parse)
    );

    let run = dbt(&dbt_bin, &extensions, &project, &["run"]);
    assert!(run.status.success(), "dbt run failed:\n{}", text(&run));
    assert!(text(&run).contains("PASS=1"), "{}", text(&run));
    assert!(project.path().join("warehouse.duckdb").is_file());
}

#[test]
fn dbt_rejects_a_profile_the_generator_got_wrong() {
    let Some((dbt_bin, extensions)) = tools() else {
        return;
    };
    // The proof can fail: a misspelt plugin key and a missing credential each stop dbt.
    let project = project();
    let output = project.run(&["profiles", "--output", "dbt/profiles.yml"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let path = project.path().join("dbt/profiles.yml");
    let good = std::fs::read_to_string(&path).expect("read");

    std::fs::write(&path, good.replace("s3_region:", "s3_regoin:")).expect("write");
    let debug = dbt(&dbt_bin, &extensions, &project, &["debug"]);
    assert!(!debug.status.success(), "{}", text(&debug));
    assert!(
        text(&debug).contains("unknown config keys ['s3_regoin']"),
        "{}",
        text(&debug)
    );

    std::fs::write(&path, good.replace("type: duckdb", "type: duckbd")).expect("write");
    let debug = dbt(&dbt_bin, &extensions, &project, &["debug"]);
    assert!(!debug.status.success(), "{}", text(&debug));
}

const DEMO_MANIFEST: &str = "upstream/floe__demo__manifest.yaml";

/// Where the tests' databases are (`WAREHOUSE` in a compute config line is replaced by it).
const WAREHOUSE: &str = "<warehouse>";

/// upstream's customer-360 product and demo manifest, the database pointed into the project, and
/// a dbt project of one model beside floe.yaml (the runtime's `project_dir`) asking for
/// `profile` (with the manifest's compute config lines `extra` added).
fn customer_360(profile: &str, extra: &str) -> Project {
    let project = Project::new();
    let warehouse = project.path().join("warehouse").display().to_string();
    let manifest = String::from_utf8(common::read_fixture(DEMO_MANIFEST))
        .expect("utf-8")
        .replace(
            "      path: /tmp/floe/{product_slug}.duckdb\n",
            &format!("      path: {WAREHOUSE}/{{product_slug}}.duckdb\n{extra}"),
        )
        .replace(WAREHOUSE, &warehouse);
    project
        .write("demo/manifest.yaml", manifest)
        .fixture(
            "demo/customer-360/floe.yaml",
            "upstream/floe__demo__customer-360__floe.yaml",
        )
        .write(
            "demo/customer-360/dbt_project.yml",
            format!("name: customer_360\nversion: \"1.0.0\"\nconfig-version: 2\nprofile: {profile}\nmodel-paths: [\"models\"]\n"),
        )
        .fixture(
            "demo/customer-360/models/orders.sql",
            "dbt-project/models/orders.sql",
        );
    // The runtime creates the database's directory before dbt runs (prepare_compiled_profiles_dir).
    std::fs::create_dir_all(project.path().join("warehouse")).expect("warehouse dir");
    project
}

#[test]
fn dbt_accepts_the_generation_b_profile() {
    let Some((dbt_bin, extensions)) = tools() else {
        return;
    };
    const PRODUCT: &str = "demo/customer-360";
    let project = customer_360("customer_360", "");
    let output = project.run(&[
        "profiles",
        PRODUCT,
        "--output",
        "demo/customer-360/profiles.yml",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let written = std::fs::read_to_string(project.path().join("demo/customer-360/profiles.yml"))
        .expect("written");
    assert!(
        written.starts_with("customer-360: &id001\n")
            && written.ends_with("customer_360: *id001\n"),
        "{written}"
    );
    let (_, json) = project.check_json(&[PRODUCT]);
    assert!(
        !json.to_string().contains("FL702") && !json.to_string().contains("FL703"),
        "{json:#}"
    );

    // dbt reads both keys: the dbt-safe alias (what the demo's dbt_project.yml names) and the
    // product name.
    for extra in [&[][..], &["--profile", "customer-360"]] {
        let args = [&["debug"][..], extra].concat();
        let debug = dbt_in(&dbt_bin, &extensions, &project, PRODUCT, &args);
        assert!(
            debug.status.success() && text(&debug).contains("All checks passed!"),
            "dbt {args:?} failed:\n{}",
            text(&debug)
        );
    }
    let run = dbt_in(&dbt_bin, &extensions, &project, PRODUCT, &["run"]);
    assert!(run.status.success(), "dbt run failed:\n{}", text(&run));
    assert!(text(&run).contains("PASS=1"), "{}", text(&run));
    assert!(
        project
            .path()
            .join("warehouse/customer_360.duckdb")
            .is_file()
    );
}

/// Every key the DuckDB compute plugin writes, as dbt-duckdb reads it: extensions, settings
/// (hoisted and explicit), and an attached database with its options. And the one setting it
/// writes that DuckDB refuses once dbt has opened the database (FL234): `access_mode`.
#[test]
fn dbt_accepts_every_key_of_the_generation_b_profile() {
    let Some((dbt_bin, extensions)) = tools() else {
        return;
    };
    const PRODUCT: &str = "demo/customer-360";
    let profiles = |project: &Project| {
        let output = project.run(&[
            "profiles",
            PRODUCT,
            "--output",
            "demo/customer-360/profiles.yml",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output));
        std::fs::read_to_string(project.path().join("demo/customer-360/profiles.yml"))
            .expect("written")
    };
    let project = customer_360(
        "customer_360",
        "      extensions: [iceberg, httpfs]\n      settings: {threads: 2}\n      timeout_seconds: 120\n      attach:\n        - path: <warehouse>/lake.duckdb\n          alias: lake\n          options: {read_only: false}\n",
    );
    let written = profiles(&project);
    for key in [
        "extensions:",
        "memory_limit: 2GB",
        "threads: 2",
        "attach:",
        "alias: lake",
        "read_only: false",
    ] {
        assert!(written.contains(key), "{key}: {written}");
    }
    let debug = dbt_in(&dbt_bin, &extensions, &project, PRODUCT, &["debug"]);
    assert!(
        debug.status.success() && text(&debug).contains("All checks passed!"),
        "dbt debug failed:\n{}",
        text(&debug)
    );
    let run = dbt_in(&dbt_bin, &extensions, &project, PRODUCT, &["run"]);
    assert!(run.status.success(), "dbt run failed:\n{}", text(&run));

    // `access_mode`, which the plugin moves under `settings`: compile passes, dbt cannot connect.
    let project = customer_360("customer_360", "      access_mode: READ_WRITE\n");
    let (_, json) = project.check_json(&["demo/manifest.yaml"]);
    assert!(json.to_string().contains("FL234"), "{json:#}");
    assert!(profiles(&project).contains("access_mode: READ_WRITE"));
    let debug = dbt_in(&dbt_bin, &extensions, &project, PRODUCT, &["debug"]);
    assert!(!debug.status.success(), "{}", text(&debug));
    assert!(
        text(&debug).contains("Cannot change access_mode setting while database is running - it must be set when opening or attaching the database"),
        "{}",
        text(&debug)
    );
}
