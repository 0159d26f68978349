//! The Generation B generator on any compute config: it never panics, it fails exactly when a
//! compile check fails (the issues and the generator agree), and what it writes loads back as
//! YAML. Byte-exactness against upstream is tests/profiles_v1.rs's (upstream's own outputs).

use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;

use super::{generate, resolve};
use crate::syntax::{Document, Limits, parse_text};

fn document(name: &str, text: &str) -> Document {
    let file: Arc<Path> = Arc::from(Path::new(name));
    parse_text(&file, text, &Limits::default())
}

const SPEC: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders-mart\n  version: 1.0.0\ntransforms:\n  - name: stg_orders\n";

fn manifest(config: &str) -> String {
    format!(
        "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata: {{name: p, version: 1.0.0, owner: x}}\nplugins:\n  orchestrator: {{type: dagster}}\n  compute:\n    type: duckdb\n    config: {config}\n"
    )
}

/// A flow-style YAML value of every type Python gets from PyYAML, nested a little.
fn value() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        Just("x".to_owned()),
        Just("\"{product_slug}\"".to_owned()),
        Just("\"/tmp/{product_name}.duckdb\"".to_owned()),
        Just("\"..\"".to_owned()),
        Just("\"./\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("0".to_owned()),
        Just("65".to_owned()),
        Just("2.5".to_owned()),
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just("2024-01-01".to_owned()),
        Just("\"8\"".to_owned()),
        Just("schema".to_owned()),
        Just("type".to_owned()),
        Just("ab".to_owned()),
    ];
    scalar.prop_recursive(3, 24, 4, |inner| {
        let key = prop_oneof![
            Just("path"),
            Just("alias"),
            Just("type"),
            Just("options"),
            Just("read_only"),
            Just("token"),
            Just("1"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(", "))),
            prop::collection::vec((key, inner), 0..4).prop_map(|entries| {
                let entries: Vec<String> =
                    entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", entries.join(", "))
            }),
        ]
    })
}

fn config() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("path"),
        Just("threads"),
        Just("timeout_seconds"),
        Just("extensions"),
        Just("settings"),
        Just("attach"),
        Just("memory_limit"),
        Just("access_mode"),
        Just("foo"),
    ];
    prop::collection::vec((key, value()), 0..6).prop_map(|entries| {
        let entries: Vec<String> = entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("{{{}}}", entries.join(", "))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_config_is_generated_or_explained(config in config()) {
        let spec = document("floe.yaml", SPEC);
        let manifest = document("manifest.yaml", &manifest(&config));
        // Duplicate keys make the text unloadable; that is the syntax stage's.
        prop_assume!(manifest.loadable);
        let resolved = resolve(&manifest, Some("orders-mart"));
        let fails = resolved.issues.iter().any(|i| i.kind.is_error());
        match generate(&spec, &manifest) {
            Ok(generated) => {
                prop_assert!(!fails, "{config}: {:?}", resolved.issues);
                let back = document("profiles.yml", &generated.text);
                prop_assert!(back.loadable, "{config}:\n{}", generated.text);
            }
            Err(error) => prop_assert!(fails, "{config}: {error}"),
        }
        // Every issue points into the manifest's text.
        for issue in &resolved.issues {
            prop_assert!(issue.span.end <= manifest.text.len(), "{issue:?}");
        }
    }
}

#[test]
fn an_alias_is_written_only_when_the_name_is_not_dbt_safe() {
    let manifest = document("manifest.yaml", &manifest("{path: /x.duckdb}"));
    for (name, expected) in [
        ("orders-mart", "orders-mart: &id001\n"),
        ("orders", "orders:\n"),
    ] {
        let spec = document("floe.yaml", &SPEC.replace("orders-mart", name));
        let text = generate(&spec, &manifest)
            .map(|g| g.text)
            .unwrap_or_default();
        assert!(text.starts_with(expected), "{text}");
        assert_eq!(text.contains("*id001"), name.contains('-'), "{text}");
    }
}
