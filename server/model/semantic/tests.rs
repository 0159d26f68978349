use super::*;
use serde_json::json;

fn platform(doc: Value) -> Vec<SemanticError> {
    check(FileKind::Platform, &doc)
}

fn floe(doc: Value) -> Vec<SemanticError> {
    check(FileKind::Floe, &doc)
}

fn err(pointer: &str, at_key: bool, message: &str) -> SemanticError {
    SemanticError {
        pointer: pointer.to_owned(),
        at_key,
        message: message.to_owned(),
    }
}

#[test]
fn patterns_compile() {
    assert!(PROFILE_NAME_RE.compiles());
    assert!(IDENTIFIER_RE.compiles());
    assert!(MODULE_PATH_RE.compiles());
}

#[test]
fn odd_shapes_never_panic() {
    for doc in [
        json!(null),
        json!(1),
        json!("x"),
        json!([1, 2]),
        json!({"storage": [1], "catalogs": "x", "compute": null, "layers": [1]}),
        json!({"layers": {"a": 1, "b": {"namespace": 5, "storage_ref": [], "catalog_ref": 3}}}),
        json!({"security": {"authentication": [], "secret_backends": {"vault": 1}}}),
        json!({"infrastructure": {"cloud": "aws"}}),
        json!({"storage": {"a": {"credentials": "static"}}}),
    ] {
        let _ = platform(doc.clone());
        let _ = floe(doc);
    }
    for doc in [
        json!({"orchestration": null}),
        json!({"orchestration": {"asset_modules": "x", "partitions": [1], "jobs": 2}}),
        json!({"orchestration": {"asset_modules": [1, null], "partitions": {"p": {"type": "static", "partition_keys": [1, 1, null]}}}}),
        json!({"orchestration": {"partitions": {"p": {"type": "multi", "partitions": [1]}}}}),
        json!({"orchestration": {"jobs": {"j": {"type": "batch", "selection": "x"}}}}),
    ] {
        let _ = floe(doc);
    }
}

#[test]
fn empty_and_valid_platform_docs_are_clean() {
    assert!(platform(json!({})).is_empty());
    let doc = json!({
        "storage": {"default": {"bucket": "abc"}, "bronze-1": {"bucket": "abc"}},
        "catalogs": {"default": {"uri": "x", "warehouse": "w", "credentials": {
            "mode": "oauth2", "client_id": {"secret_ref": "id"}, "client_secret": {"secret_ref": "s"}}}},
        "compute": {"default": {"credentials": {"mode": "iam_role", "role_arn": "arn:aws:iam::123456789012:role/R"}}},
        "layers": {"bronze": {"name": "bronze", "storage_ref": "bronze-1", "namespace": "demo.bronze"}},
        "infrastructure": {"cloud": {"provider": "aws", "region": "eu-west-1"}},
        "security": {
            "authentication": {"enabled": true, "method": "oidc", "oidc": {"provider_url": "u", "client_id": "c"}},
            "secret_backends": {"vault": {"enabled": true, "server_url": "https://v", "kubernetes_role": "r"}}
        }
    });
    assert_eq!(platform(doc), vec![]);
}

#[test]
fn profile_names() {
    let errors = platform(json!({
        "storage": {"1bad": {}, "ok": {}},
        "catalogs": {"with space": {}},
        "compute": {"a/b": {}, "_x": {}},
        "layers": {"1-not-checked": {"storage_ref": "ok", "catalog_ref": "with space"}}
    }));
    let msg = |n: &str| {
        format!("Invalid profile name '{n}'. Names must match pattern: ^[a-zA-Z][a-zA-Z0-9_-]*$")
    };
    assert_eq!(
        errors,
        vec![
            err("/storage/1bad", true, &msg("1bad")),
            err("/catalogs/with space", true, &msg("with space")),
            err("/compute/a~1b", true, &msg("a/b")),
            err("/compute/_x", true, &msg("_x")),
        ]
    );
}

#[test]
fn credential_modes() {
    let errors = platform(json!({
        "storage": {
            "s1": {"credentials": {"mode": "oauth2"}},
            "s2": {"credentials": {"mode": "oauth2", "client_id": "", "client_secret": {"secret_ref": "x"}}},
            "s3": {"credentials": {"mode": "oauth2", "client_id": "id", "client_secret": null}},
            "ok": {"credentials": {"mode": "oauth2", "client_id": "id", "client_secret": {"secret_ref": "x"}}}
        },
        "catalogs": {"c": {"credentials": {"mode": "iam_role"}}},
        "compute": {
            "d": {"credentials": {"mode": "iam_role", "role_arn": ""}},
            "e": {"credentials": {"mode": "static", "role_arn": "anything"}},
            "f": {"credentials": {"mode": "service_account"}},
            "g": {"credentials": {}}
        }
    }));
    assert_eq!(
        errors,
        vec![
            err(
                "/storage/s1/credentials/mode",
                false,
                "OAuth2 mode requires client_id"
            ),
            err(
                "/storage/s1/credentials/mode",
                false,
                "OAuth2 mode requires client_secret"
            ),
            err(
                "/storage/s2/credentials/mode",
                false,
                "OAuth2 mode requires client_id"
            ),
            err(
                "/storage/s3/credentials/mode",
                false,
                "OAuth2 mode requires client_secret"
            ),
            err(
                "/catalogs/c/credentials/mode",
                false,
                "IAM role mode requires role_arn"
            ),
        ]
    );
}

#[test]
fn layer_namespaces() {
    let layer = |ns: &str| json!({"name": "l", "storage_ref": "s", "namespace": ns});
    let errors = platform(json!({
        "storage": {"s": {"bucket": "abc"}},
        "catalogs": {"default": {"uri": "u", "warehouse": "w"}},
        "layers": {
            "a": layer(".bronze"),
            "b": layer("bronze."),
            "c": layer("a..b"),
            "d": layer("my-ns"),
            "e": layer("demo_catalog.bronze"),
            "f": layer("bronze"),
            "g": layer(""),
            "h": layer(".x-y")
        }
    }));
    assert_eq!(
        errors,
        vec![
            err(
                "/layers/a/namespace",
                false,
                "Namespace cannot start or end with '.', got '.bronze'"
            ),
            err(
                "/layers/b/namespace",
                false,
                "Namespace cannot start or end with '.', got 'bronze.'"
            ),
            err(
                "/layers/c/namespace",
                false,
                "Namespace cannot contain consecutive dots, got 'a..b'"
            ),
            err(
                "/layers/d/namespace",
                false,
                "Namespace must contain only alphanumeric, underscore, and dot characters, got 'my-ns'"
            ),
            err(
                "/layers/h/namespace",
                false,
                "Namespace cannot start or end with '.', got '.x-y'"
            ),
        ]
    );
}

#[test]
fn layer_cross_references() {
    let errors = platform(json!({
        "storage": {"a": {"bucket": "abc"}, "b": {"bucket": "abc"}},
        "catalogs": {"main": {"uri": "u", "warehouse": "w"}},
        "layers": {
            "bronze": {"name": "bronze", "storage_ref": "missing", "catalog_ref": "main", "namespace": "n"},
            "silver": {"name": "silver", "storage_ref": "a", "namespace": "n"},
            "gold": {"name": "gold", "storage_ref": "b", "catalog_ref": "nope", "namespace": "n"},
            "ok": {"name": "ok", "storage_ref": "a", "catalog_ref": "main", "namespace": "n"}
        }
    }));
    assert_eq!(
        errors,
        vec![
            err(
                "/layers/bronze/storage_ref",
                false,
                "Layer 'bronze' references non-existent storage profile 'missing'. Available storage profiles: ['a', 'b']"
            ),
            err(
                "/layers/silver",
                true,
                "Layer 'silver' references non-existent catalog profile 'default'. Available catalog profiles: ['main']"
            ),
            err(
                "/layers/gold/catalog_ref",
                false,
                "Layer 'gold' references non-existent catalog profile 'nope'. Available catalog profiles: ['main']"
            ),
        ]
    );
    let empty = platform(
        json!({"layers": {"l": {"storage_ref": "s", "catalog_ref": "c", "namespace": "n"}}}),
    );
    assert_eq!(
        empty,
        vec![
            err(
                "/layers/l/storage_ref",
                false,
                "Layer 'l' references non-existent storage profile 's'. Available storage profiles: []"
            ),
            err(
                "/layers/l/catalog_ref",
                false,
                "Layer 'l' references non-existent catalog profile 'c'. Available catalog profiles: []"
            ),
        ]
    );
}

#[test]
fn python_list_repr() {
    let items = [
        "a".to_owned(),
        "it's".to_owned(),
        "x\\y".to_owned(),
        "q\"'".to_owned(),
    ];
    assert_eq!(
        available("x", &items, Listing::Python),
        r#"['a', "it's", 'x\\y', 'q"\'']"#
    );
    assert_eq!(available("x", &[], Listing::Python), "[]");
}

#[test]
fn infrastructure_aws_region() {
    let bad = platform(json!({"infrastructure": {"cloud": {"provider": "aws"}}}));
    assert_eq!(
        bad,
        vec![err(
            "/infrastructure/cloud",
            false,
            "AWS provider requires region to be set"
        )]
    );
    assert_eq!(
        platform(json!({"infrastructure": {"cloud": {"provider": "aws", "region": ""}}})).len(),
        1
    );
    assert!(
        platform(json!({"infrastructure": {"cloud": {"provider": "aws", "region": "us-east-1"}}}))
            .is_empty()
    );
    assert!(platform(json!({"infrastructure": {"cloud": {"provider": "local"}}})).is_empty());
    assert!(platform(json!({"infrastructure": {"cloud": {}}})).is_empty());
}

#[test]
fn security_rules() {
    let errors = platform(json!({"security": {
        "authentication": {"enabled": true, "method": "oidc"},
        "secret_backends": {"vault": {"enabled": true}}
    }}));
    assert_eq!(
        errors,
        vec![
            err(
                "/security/authentication",
                false,
                "OIDC authentication requires oidc configuration"
            ),
            err(
                "/security/secret_backends/vault",
                false,
                "Vault backend requires server_url"
            ),
            err(
                "/security/secret_backends/vault",
                false,
                "Kubernetes auth method requires kubernetes_role"
            ),
        ]
    );
    let fine = platform(json!({"security": {
        "authentication": {"enabled": false, "method": "oidc"},
        "secret_backends": {"vault": {"enabled": true, "server_url": "https://v", "auth_method": "approle"}}
    }}));
    assert!(fine.is_empty(), "{fine:?}");
    let disabled =
        platform(json!({"security": {"secret_backends": {"vault": {"enabled": false}}}}));
    assert!(disabled.is_empty());
    let role_only = platform(json!({"security": {"secret_backends": {"vault": {
        "enabled": true, "server_url": "https://v", "auth_method": "kubernetes"}}}}));
    assert_eq!(
        role_only,
        vec![err(
            "/security/secret_backends/vault",
            false,
            "Kubernetes auth method requires kubernetes_role"
        )]
    );
}

#[test]
fn orchestration_identifiers_and_modules() {
    let errors = floe(json!({"orchestration": {
        "asset_modules": ["good.module", "bad-module", "1x", "trailing."],
        "partitions": {"ok": {}, "bad-name": {}},
        "jobs": {"my-job": {}},
        "schedules": {"s 1": {}},
        "sensors": {"_s": {}},
        "backfills": {"b.f": {}},
        "assets": {"bronze_*": {}}
    }}));
    assert_eq!(
        errors,
        vec![
            err(
                "/orchestration/asset_modules/1",
                false,
                "Invalid module path: bad-module"
            ),
            err(
                "/orchestration/asset_modules/2",
                false,
                "Invalid module path: 1x"
            ),
            err(
                "/orchestration/asset_modules/3",
                false,
                "Invalid module path: trailing."
            ),
            err(
                "/orchestration/partitions/bad-name",
                true,
                "Invalid identifier in partitions: bad-name"
            ),
            err(
                "/orchestration/jobs/my-job",
                true,
                "Invalid identifier in jobs: my-job"
            ),
            err(
                "/orchestration/schedules/s 1",
                true,
                "Invalid identifier in schedules: s 1"
            ),
            err(
                "/orchestration/sensors/_s",
                true,
                "Invalid identifier in sensors: _s"
            ),
            err(
                "/orchestration/backfills/b.f",
                true,
                "Invalid identifier in backfills: b.f"
            ),
        ]
    );
    assert!(
        floe(json!({"orchestration": {"asset_modules": ["a.b_c.d"], "jobs": {"j_1": {}}}}))
            .is_empty()
    );
    // Platform rules do not apply to floe.yaml and vice versa.
    assert!(floe(json!({"storage": {"1bad": {}}})).is_empty());
    assert!(platform(json!({"orchestration": {"jobs": {"my-job": {}}}})).is_empty());
}

#[test]
fn static_and_multi_partitions() {
    let errors = floe(json!({"orchestration": {"partitions": {
        "regions": {"type": "static", "partition_keys": ["us", "eu", "us", " "]},
        "grid": {"type": "multi", "partitions": {
            "date": {"type": "time_window", "start": "2024-01-01", "cron_schedule": "0 0 * * *"},
            "bad-dim": {"type": "static", "partition_keys": ["a"]},
            "inner": {"type": "static", "partition_keys": ["", ""]}
        }},
        "fine": {"type": "static", "partition_keys": ["a", "b"]}
    }}}));
    assert_eq!(
        errors,
        vec![
            err(
                "/orchestration/partitions/regions/partition_keys/2",
                false,
                "Partition keys must be unique"
            ),
            err(
                "/orchestration/partitions/regions/partition_keys/3",
                false,
                "Partition keys cannot be empty"
            ),
            err(
                "/orchestration/partitions/grid/partitions/bad-dim",
                true,
                "Partition key must be valid identifier: bad-dim"
            ),
            err(
                "/orchestration/partitions/grid/partitions/inner/partition_keys/1",
                false,
                "Partition keys must be unique"
            ),
            err(
                "/orchestration/partitions/grid/partitions/inner/partition_keys/0",
                false,
                "Partition keys cannot be empty"
            ),
            err(
                "/orchestration/partitions/grid/partitions/inner/partition_keys/1",
                false,
                "Partition keys cannot be empty"
            ),
        ]
    );
}

#[test]
fn blank_selections_and_watch_lists() {
    let errors = floe(json!({"orchestration": {
        "jobs": {
            "b": {"type": "batch", "selection": ["group:bronze", "", "  "]},
            "o": {"type": "ops", "target_function": "a.b", "selection": [""]}
        },
        "sensors": {
            "a": {"type": "asset_sensor", "job": "b", "watched_assets": ["x", "\t"]},
            "r": {"type": "run_status", "job": "b", "watched_jobs": [""], "status": "SUCCESS"},
            "f": {"type": "file_watcher", "job": "b", "path": "", "watched_assets": [""]}
        }
    }}));
    assert_eq!(
        errors,
        vec![
            err(
                "/orchestration/jobs/b/selection/1",
                false,
                "Asset selection expressions cannot be empty"
            ),
            err(
                "/orchestration/jobs/b/selection/2",
                false,
                "Asset selection expressions cannot be empty"
            ),
            err(
                "/orchestration/sensors/a/watched_assets/1",
                false,
                "Watched asset names cannot be empty"
            ),
            err(
                "/orchestration/sensors/r/watched_jobs/0",
                false,
                "Watched job names cannot be empty"
            ),
        ]
    );
}

#[test]
fn python_dollar_allows_one_trailing_newline() {
    assert!(py_match(&IDENTIFIER_RE, "abc\n"));
    assert!(!py_match(&IDENTIFIER_RE, "abc\n\n"));
    assert!(!py_match(&IDENTIFIER_RE, "a-b"));
}
