//! [`Pattern`] and [`LazyRegex`] against the engines whose answers they stand in for: the regex
//! crate for every pattern a [`LazyRegex`] holds, and jsonschema's `pattern` keyword for every
//! pattern of the embedded schemas (the fast schema path judges those). Strings are drawn from
//! each pattern's own language, then edited one character at a time (near misses), or made of the
//! pattern's characters with line breaks, controls and non-ASCII ones mixed in.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use regex::Regex;
use serde_json::{Value, json};

use super::*;
use crate::model::{FileKind, embedded_schema};

#[test]
fn floe_patterns() {
    let name = Pattern::new("^[a-zA-Z][a-zA-Z0-9_-]{0,99}$").expect("handled");
    assert_eq!(name.is_match("orders-lakehouse"), Some(true));
    assert_eq!(name.is_match("1orders"), Some(false));
    assert_eq!(name.is_match(&"a".repeat(101)), Some(false));
    assert_eq!(name.is_match("ordérs"), None);
    let cron = Pattern::new("^([0-9*,-/]+\\s){4,5}[0-9*,-/]+$").expect("handled");
    assert_eq!(cron.is_match("0 0 * * *"), Some(true));
    assert_eq!(cron.is_match("*/5 0 * * 1-5"), Some(true));
    assert_eq!(cron.is_match("@daily"), Some(false));
    let host = Pattern::new(
        "^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$",
    )
    .expect("handled");
    assert_eq!(host.is_match("floe.local"), Some(true));
    assert_eq!(host.is_match("floe-.local"), Some(false));
    let arn = Pattern::new("^arn:aws:iam::\\d{12}:role/[\\w+=,.@-]+$").expect("handled");
    assert_eq!(
        arn.is_match("arn:aws:iam::123456789012:role/x+y"),
        Some(true)
    );
    assert!(Pattern::new("a+").is_none() && Pattern::new("^(a*)*$").is_none());
}

#[test]
fn what_is_not_a_whole_string_match_is_left_to_the_regex() {
    // The anchors bind tighter than a top-level `|`.
    assert!(Pattern::new("^a|b$").is_none());
    assert!(Pattern::new("^(?:a|b)$").is_some());
    // Class syntax read differently by Rust's regex and ECMA's.
    assert!(Pattern::new("^[]a]$").is_none());
    assert!(Pattern::new("^[a-z&&[^b]]$").is_none());
    assert!(Pattern::new("^[a-c--b]$").is_none());
    assert!(Pattern::new("^[a~~b]$").is_none());
    // An escape ending a range stands for its character.
    let controls = Pattern::new("^[\\t-\\r]+$").expect("handled");
    assert_eq!(controls.is_match("\t\n\r"), Some(true));
    assert_eq!(controls.is_match("n"), Some(false));
}

#[test]
fn a_long_text_is_left_undecided_rather_than_overflowing_the_stack() {
    let host =
        "^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$";
    let pattern = Pattern::new(host).expect("handled");
    let regex = Regex::new(host).expect("compiles");
    for text in [
        "a.".repeat(100_000) + "a",
        "a.".repeat(100_000),
        "a".repeat(300_000),
    ] {
        if let Some(found) = pattern.is_match(&text) {
            assert_eq!(found, regex.is_match(&text));
        }
    }
}

/// Every pattern a [`LazyRegex`] holds in the crate.
fn lazy_regexes() -> Vec<&'static LazyRegex> {
    let mut all: Vec<&'static LazyRegex> = Vec::new();
    all.extend(crate::syntax::resolve::lazy_regexes());
    all.extend(crate::profiles::lazy_regexes());
    all.extend(crate::model::semantic::lazy_regexes());
    all.extend(crate::secrets::detect::lazy_regexes());
    all
}

/// Every `pattern` of the embedded schemas.
fn schema_patterns() -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("pattern", Value::String(p)) => out.push(p.clone()),
                        _ => walk(child, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for kind in [FileKind::Floe, FileKind::Platform] {
        let schema: Value = serde_json::from_str(embedded_schema(kind)).expect("schema parses");
        walk(&schema, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// Strings for `source`: in its language, one edit away from it, or made of its characters.
fn strings_for(source: &str) -> BoxedStrategy<String> {
    let body = source
        .strip_prefix('^')
        .and_then(|b| b.strip_suffix('$'))
        .unwrap_or(source);
    let mut alphabet: Vec<char> = source.chars().filter(|c| !c.is_ascii_control()).collect();
    alphabet.extend([
        ' ', '\t', '\n', '\r', '\u{b}', '\0', 'é', '\u{212a}', '_', '.', '-', ':',
    ]);
    alphabet.sort_unstable();
    alphabet.dedup();
    let character = proptest::sample::select(alphabet);
    let loose = proptest::collection::vec(character.clone(), 0..40)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    let (Ok(language), Ok(to_edit)) = (
        proptest::string::string_regex(body),
        proptest::string::string_regex(body),
    ) else {
        return loose.boxed();
    };
    let edited = (to_edit, any::<prop::sample::Index>(), 0..3u8, character).prop_map(
        |(text, at, edit, c)| {
            let mut chars: Vec<char> = text.chars().collect();
            let i = at.index(chars.len() + 1);
            match edit {
                0 => chars.insert(i, c),
                1 if i < chars.len() => {
                    chars.remove(i);
                }
                _ if i < chars.len() => chars[i] = c,
                _ => chars.push(c),
            }
            chars.into_iter().collect::<String>()
        },
    );
    prop_oneof![language, edited, loose].boxed()
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 600,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn lazy_regex_answers_as_the_regex_crate() {
    let all = lazy_regexes();
    assert!(all.len() >= 13, "every LazyRegex is listed");
    for lazy in all {
        let regex = Regex::new(lazy.as_str()).expect("compiles");
        let fast = Pattern::new(lazy.as_str());
        let decided = std::cell::Cell::new(0u32);
        runner()
            .run(&strings_for(lazy.as_str()), |text| {
                prop_assert_eq!(
                    lazy.is_match(&text),
                    Some(regex.is_match(&text)),
                    "{:?}",
                    text
                );
                // With a trailing newline, as the Python-`$` callers also ask.
                let with_newline = format!("{text}\n");
                prop_assert_eq!(
                    lazy.is_match(&with_newline),
                    Some(regex.is_match(&with_newline))
                );
                if let Some(found) = fast.as_ref().and_then(|p| p.is_match(&text)) {
                    decided.set(decided.get() + 1);
                    prop_assert_eq!(found, regex.is_match(&text), "{:?}", text);
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", lazy.as_str()));
        // The fast path is used, not merely harmless.
        let decided = decided.get();
        assert!(
            decided > 100,
            "{}: only {decided} strings judged",
            lazy.as_str()
        );
    }
}

#[test]
fn schema_patterns_answer_as_jsonschema() {
    let patterns = schema_patterns();
    assert!(patterns.len() >= 10, "{patterns:?}");
    for source in patterns {
        let validator = jsonschema::validator_for(&json!({ "pattern": source })).expect("builds");
        let fast = Pattern::new(&source).expect("every schema pattern is judged by Pattern");
        runner()
            .run(&strings_for(&source), |text| {
                if let Some(found) = fast.is_match(&text) {
                    prop_assert_eq!(found, validator.is_valid(&json!(text)), "{:?}", text);
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{source}: {e}"));
    }
}
