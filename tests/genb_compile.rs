//! `floe platform compile`'s checks across a Generation B product and its manifest (FL210–FL224),
//! from the real binary: tests/fixtures/genb/compile/good passes every check, .../bad fails every
//! one at once, each finding at its exact span, at the severity the manifest's enforcement level
//! gives. (Each code's own good and bad pairs are under tests/fixtures/rules/FL2xx, run by
//! tests/rules.rs.)

mod common;

use common::{Project, read_fixture};

/// Every finding as `file:line:column-line:column severity CODE message`, one per line.
fn listing(json: &serde_json::Value) -> String {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let at =
                |end: &str| format!("{}:{}", d["range"][end]["line"], d["range"][end]["column"]);
            format!(
                "{}:{}-{} {} {} {}\n",
                d["file"].as_str().unwrap_or_default(),
                at("start"),
                at("end"),
                d["severity"].as_str().unwrap_or_default(),
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

fn fixture_text(pair: &str, file: &str) -> String {
    String::from_utf8(read_fixture(&format!("genb/compile/{pair}/{file}"))).expect("UTF-8")
}

/// A project holding a product and its manifest side by side, the manifest's text edited.
fn project(pair: &str, edit_manifest: impl Fn(String) -> String) -> Project {
    let project = Project::new();
    project
        .write("floe.yaml", fixture_text(pair, "floe.yaml"))
        .write(
            "manifest.yaml",
            edit_manifest(fixture_text(pair, "manifest.yaml")),
        );
    project
}

/// `(code, severity)` of each finding of the governance rules, sorted.
fn governance_severities(json: &serde_json::Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["code"]
                .as_str()
                .is_some_and(|c| ("FL214".."FL222").contains(&c))
        })
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["severity"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn a_pair_that_passes_every_check_is_clean() {
    let (code, json) = project("good", |m| m).check_json(&[]);
    assert_eq!((code, listing(&json)), (0, String::new()));
}

/// Upstream stops at the first of these (the missing orchestrator, or the quality provider
/// before it) and prints one generic line; every one is reported here at once.
#[test]
fn every_failure_at_once_at_its_span() {
    let (code, json) = project("bad", |m| m).check_json(&[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(listing(&json), @r"
    floe.yaml:7:1-7:11 warning FL219 [FLOE-E600] [small-products] Keep products small (Actual: 5, Threshold: 4)
    floe.yaml:8:11-8:24 error FL215 [FLOE-E220] Model 'bronze_orders' is missing a description.
    floe.yaml:9:11-9:23 error FL214 [FLOE-E201] Model name 'stg_payments' does not match medallion naming convention
    floe.yaml:9:11-9:23 error FL215 [FLOE-E220] Model 'stg_payments' is missing a description.
    floe.yaml:10:14-10:19 warning FL222 `stg_payments` asks for compute 'spark', which upstream's compile neither checks nor applies: the dbt profile is generated from `plugins.compute` ('duckdb'), so it runs on duckdb; 'spark' is not in `approved_plugins.compute` ([duckdb])
    floe.yaml:11:11-11:22 error FL215 [FLOE-E220] Model 'gold_orders' is missing a description.
    floe.yaml:11:11-11:22 error FL218 [FLOE-E400] Model 'gold_orders' with prefix 'gold_' is missing required tags: certified
    floe.yaml:12:32-12:45 error FL216 [FLOE-E301] Model 'gold_orders' references non-existent model 'silver_orders'
    floe.yaml:13:11-13:19 error FL215 [FLOE-E220] Model 'silver_a' is missing a description.
    floe.yaml:14:17-14:25 error FL217 [FLOE-E302] Circular dependency detected: silver_a -> silver_b -> silver_a
    floe.yaml:15:11-15:19 error FL215 [FLOE-E220] Model 'silver_b' is missing a description.
    floe.yaml:19:16-19:24 error FL213 Sink type 'rest_api' is not in the approved whitelist. Approved sinks: [postgres]
    manifest.yaml:10:1-10:8 error FL210 [E201] Required plugin 'orchestrator' not found in platform manifest
    manifest.yaml:14:15-14:24 error FL211 [FLOE-DQ001] Invalid quality provider 'soda-core'. Available providers: [great_expectations, soda, dbt_expectations]. Resolution: Check manifest.yaml plugins.quality.provider; valid providers: great_expectations, soda, dbt_expectations
    manifest.yaml:19:12-19:17 warning FL224 `defaults.compute: spark` is neither checked nor applied by upstream's compile: the dbt profile is generated from `plugins.compute` ('duckdb'), so it runs on duckdb; 'spark' is not in `approved_plugins.compute` ([duckdb])
    manifest.yaml:22:22-22:27 error FL212 Input should be less than or equal to 8760: `floe platform compile` rejects this although the manifest's schema accepts it
    manifest.yaml:23:23-23:26 error FL212 Input should be less than or equal to 100: `floe platform compile` rejects this although the manifest's schema accepts it
    manifest.yaml:40:14-40:18 error FL220 [FLOE-E500] RBAC check failed: identity_plugin must not be None when RBAC is enabled
    manifest.yaml:42:14-42:18 error FL221 [FLOE-E700] network policy check failed: No network security plugins found. Ensure a plugin is installed with entry point group 'floe.network_security'
    ");
}

/// `strict`: what upstream raises as an error is an error (naming follows `naming.enforcement`,
/// a policy its `action`); `warn` and no level at all: everything is a warning; `off`: no
/// governance finding, only the dependency findings, worded for what they are then.
#[test]
fn severities_follow_the_enforcement_level() {
    fn level(value: Option<&'static str>) -> impl Fn(String) -> String {
        move |manifest: String| match value {
            Some(value) => manifest.replace(
                "policy_enforcement_level: strict",
                &format!("policy_enforcement_level: {value}"),
            ),
            None => manifest.replace("  policy_enforcement_level: strict\n", ""),
        }
    }
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(c, s)| (c.to_string(), s.to_string()))
            .collect()
    };
    let (_, strict) = project("bad", level(Some("strict"))).check_json(&[]);
    assert_eq!(
        governance_severities(&strict),
        pairs(&[
            ("FL214", "error"),
            ("FL215", "error"),
            ("FL216", "error"),
            ("FL217", "error"),
            ("FL218", "error"),
            ("FL219", "warning"),
            ("FL220", "error"),
            ("FL221", "error"),
        ])
    );
    let all_warnings = pairs(&[
        ("FL214", "warning"),
        ("FL215", "warning"),
        ("FL216", "warning"),
        ("FL217", "warning"),
        ("FL218", "warning"),
        ("FL219", "warning"),
        ("FL220", "warning"),
        ("FL221", "warning"),
    ]);
    for value in [Some("warn"), None] {
        let (_, json) = project("bad", level(value)).check_json(&[]);
        assert_eq!(governance_severities(&json), all_warnings, "{value:?}");
    }
    // naming.enforcement: warn keeps naming a warning even under strict.
    let (_, json) = project("bad", |m| {
        m.replace("enforcement: strict", "enforcement: warn")
    })
    .check_json(&[]);
    assert!(governance_severities(&json).contains(&("FL214".to_owned(), "warning".to_owned())));

    let (_, off) = project("bad", level(Some("'off'"))).check_json(&[]);
    assert_eq!(
        governance_severities(&off),
        pairs(&[("FL216", "warning"), ("FL217", "warning")])
    );
    let dependencies: Vec<&str> = off["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "FL216" || d["code"] == "FL217")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert_eq!(
        dependencies,
        [
            "`silver_orders` is not a transform of this product: `gold_orders` depends on a model that does not exist",
            "these transforms depend on each other in a circle: silver_a -> silver_b -> silver_a",
        ]
    );
    // The checks that do not depend on governance keep their severity at every level.
    for json in [&strict, &off] {
        let fixed: Vec<(&str, &str)> = json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| {
                d["code"]
                    .as_str()
                    .is_some_and(|c| !("FL214"..="FL221").contains(&c))
            })
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default(),
                    d["severity"].as_str().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            fixed,
            [
                ("FL222", "warning"),
                ("FL213", "error"),
                ("FL210", "error"),
                ("FL211", "error"),
                ("FL224", "warning"),
                ("FL212", "error"),
                ("FL212", "error"),
            ]
        );
    }
}

/// The help says what compile makes of a finding at this level; related locations point at the
/// manifest setting and, for a circle, at its other edges.
#[test]
fn help_and_related_locations() {
    let (_, json) = project("bad", |m| m).check_json(&[]);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    let find = |code: &str| {
        diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{code}"))
    };
    let related = |d: &serde_json::Value| -> Vec<String> {
        d["related"]
            .as_array()
            .expect("related")
            .iter()
            .map(|r| {
                format!(
                    "{}:{}:{} {}",
                    r["file"].as_str().unwrap_or_default(),
                    r["range"]["start"]["line"],
                    r["range"]["start"]["column"],
                    r["message"].as_str().unwrap_or_default()
                )
            })
            .collect()
    };
    let unknown = find("FL216");
    insta::assert_snapshot!(unknown["help"].as_str().unwrap_or_default(), @r"
    Add a transform `silver_orders` to this floe.yaml, or remove the entry from `gold_orders`'s `dependsOn`.
    Under `policy_enforcement_level: strict` `floe platform compile` fails on this (PolicyEnforcementError).
    ");
    assert_eq!(
        related(unknown),
        ["manifest.yaml:21:29 governance is enforced at `policy_enforcement_level: strict`"]
    );
    let circle = find("FL217");
    assert_eq!(
        related(circle),
        [
            "manifest.yaml:21:29 governance is enforced at `policy_enforcement_level: strict`",
            "floe.yaml:16:17 `silver_b` depends on `silver_a`",
        ]
    );
    let naming = find("FL214");
    assert_eq!(
        naming["help"].as_str().unwrap_or_default().lines().next(),
        Some(
            "Rename to 'bronze_payments'. The 'stg_' prefix suggests this is a raw/landing layer model."
        )
    );
    assert_eq!(
        related(naming)[1],
        "manifest.yaml:24:3 the naming convention"
    );
    let rbac = find("FL220");
    assert!(
        rbac["help"]
            .as_str()
            .is_some_and(|h| h.starts_with("Upstream bug:")),
        "{rbac:#}"
    );
    // The required-plugin finding names the product it was checked with.
    assert_eq!(
        related(find("FL210")),
        ["floe.yaml:5:9 this product is compiled with the manifest"]
    );
    // Without a level, the related location is the `governance` key.
    let (_, json) = project("bad", |m| {
        m.replace("  policy_enforcement_level: strict\n", "")
    })
    .check_json(&[]);
    let unknown = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "FL216")
        .expect("FL216");
    assert_eq!(
        related(unknown),
        [
            "manifest.yaml:20:1 `governance` is set without `policy_enforcement_level`: compile enforces it at `warn`"
        ]
    );
}

/// A product with no manifest: nothing compiles it, yet its dependency graph is wrong.
#[test]
fn a_product_alone_gets_dependency_warnings_that_say_why() {
    let project = Project::new();
    project.write("floe.yaml", fixture_text("bad", "floe.yaml"));
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 0, "warnings only");
    insta::assert_snapshot!(listing(&json), @r"
    floe.yaml:12:32-12:45 warning FL216 `silver_orders` is not a transform of this product: `gold_orders` depends on a model that does not exist
    floe.yaml:14:17-14:25 warning FL217 these transforms depend on each other in a circle: silver_a -> silver_b -> silver_a
    ");
    assert!(
        json["diagnostics"][0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("No manifest is paired with this product")),
        "{json:#}"
    );
}

/// A manifest checked on its own reports what fails every product compiled with it, and nothing
/// about transforms.
#[test]
fn a_manifest_alone_reports_what_fails_every_product() {
    let project = Project::new();
    project.write("manifest.yaml", fixture_text("bad", "manifest.yaml"));
    let (code, json) = project.check_json(&["manifest.yaml"]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "FL210", "FL211", "FL224", "FL212", "FL212", "FL220", "FL221"
        ]
    );
}

/// The same pair with CRLF line ends: the same findings at the same lines and columns.
#[test]
fn crlf_line_ends_do_not_move_findings() {
    let crlf = |text: String| text.replace('\n', "\r\n");
    let plain = project("bad", |m| m);
    let (_, expected) = plain.check_json(&[]);
    let other = Project::new();
    other
        .write("floe.yaml", crlf(fixture_text("bad", "floe.yaml")))
        .write("manifest.yaml", crlf(fixture_text("bad", "manifest.yaml")));
    let (_, json) = other.check_json(&[]);
    assert_eq!(listing(&json), listing(&expected));
}
