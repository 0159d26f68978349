//! The YAML layer on hostile and unusual input: every duplicate key, alias budgets, syntax errors
//! with positions, BOM, CRLF, tabs, empty and multi-document files, invalid UTF-8, NUL bytes.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use floe_lint::check::check_document;
use floe_lint::diagnostic::Diagnostic;
use floe_lint::model::FileKind;
use floe_lint::syntax::{ColumnUnit, Document, Limits, parse};

fn file() -> Arc<Path> {
    Arc::from(Path::new("platform.yaml"))
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.rule.code).collect()
}

fn parse_str(text: &str) -> Document {
    parse(&file(), text.as_bytes(), &Limits::default())
}

fn check(kind: FileKind, bytes: &[u8]) -> (Document, Vec<Diagnostic>) {
    check_document(kind, &file(), bytes, &Limits::default())
}

fn line_col(document: &Document, offset: usize) -> (u32, u32) {
    let p = document
        .line_index
        .line_col(&document.text, offset, ColumnUnit::Char);
    (p.line + 1, p.col + 1)
}

#[test]
fn every_duplicate_key_is_reported_with_the_first_as_related() {
    let text = "compute:\n  default:\n    type: duckdb\n  default:\n    type: spark\n  default:\n    type: postgres\nversion: \"1.0.0\"\nversion: \"1.1.0\"\n";
    let document = parse_str(text);
    let duplicates: Vec<&Diagnostic> = document
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "FL002")
        .collect();
    assert_eq!(duplicates.len(), 3);
    assert_eq!(line_col(&document, duplicates[0].span.start), (4, 3));
    assert_eq!(line_col(&document, duplicates[1].span.start), (6, 3));
    assert_eq!(line_col(&document, duplicates[2].span.start), (9, 1));
    for d in &duplicates {
        assert_eq!(d.related.len(), 1);
    }
    assert_eq!(
        line_col(&document, duplicates[1].related[0].span.start),
        (2, 3)
    );
    // Last one wins, as PyYAML loads it.
    assert_eq!(document.to_json()["compute"]["default"]["type"], "postgres");
    assert!(document.loadable, "duplicates do not stop the schema stage");
}

#[test]
fn anchors_aliases_and_merge_keys_resolve_like_pyyaml() {
    let text = "base: &base\n  type: s3\n  region: eu-west-1\nstorage:\n  a:\n    <<: *base\n    bucket: aaa\n  b:\n    <<: [*base, {region: us-east-1, bucket: x}]\n    region: ap-south-1\n";
    let document = parse_str(text);
    assert_eq!(codes(&document.diagnostics), Vec::<&str>::new());
    let json = document.to_json();
    assert_eq!(
        json["storage"]["a"],
        serde_json::json!({"bucket": "aaa", "type": "s3", "region": "eu-west-1"})
    );
    assert_eq!(json["storage"]["b"]["region"], "ap-south-1");
    assert_eq!(json["storage"]["b"]["bucket"], "x");
}

#[test]
fn billion_laughs_is_stopped_in_bounded_time() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let letters = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut previous = "a";
    for letter in letters {
        let refs = vec![format!("*{previous}"); 9].join(",");
        text.push_str(&format!("{letter}: &{letter} [{refs}]\n"));
        previous = letter;
    }
    let started = Instant::now();
    let (document, diagnostics) = check(FileKind::Platform, text.as_bytes());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        codes(&diagnostics).contains(&"FL004"),
        "{:?}",
        codes(&diagnostics)
    );
    assert_eq!(
        codes(&diagnostics)
            .iter()
            .filter(|c| **c == "FL004")
            .count(),
        1
    );
    assert!(document.root.as_ref().is_some_and(|r| r.size() < 200_000));
}

#[test]
fn syntax_errors_have_positions_and_never_panic() {
    let text = "catalogs:\n  default:\n    uri: \"unterminated\n    warehouse: x\n";
    let (document, diagnostics) = check(FileKind::Platform, text.as_bytes());
    assert_eq!(codes(&diagnostics), vec!["FL001"]);
    assert!(!document.loadable);
    let (line, _) = line_col(&document, diagnostics[0].span.start);
    assert!(line >= 3, "error at line {line}");
}

#[test]
fn tabs_for_indentation_are_a_syntax_error_with_help() {
    let text = "storage:\n\tdefault:\n\t\tbucket: abc\n";
    let (_, diagnostics) = check(FileKind::Platform, text.as_bytes());
    assert_eq!(codes(&diagnostics), vec!["FL001"]);
    assert!(
        diagnostics[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("tabs"),
        "{:?}",
        diagnostics[0]
    );
}

#[test]
fn tabs_inside_values_are_fine() {
    let (_, diagnostics) = check(
        FileKind::Platform,
        b"version: \"1.2.0\"\nobservability:\n  attributes:\n    team: \"a\tb\"\n",
    );
    assert_eq!(codes(&diagnostics), Vec::<&str>::new());
}

#[test]
fn bom_and_crlf_are_accepted_and_positions_stay_right() {
    let text = "\u{feff}version: \"1.2.0\"\r\nstorage:\r\n  default:\r\n    bucket: ab\r\n";
    let (document, diagnostics) = check(FileKind::Platform, text.as_bytes());
    assert_eq!(
        codes(&diagnostics),
        vec!["FL105"],
        "bucket shorter than 3 characters"
    );
    assert_eq!(line_col(&document, diagnostics[0].span.start), (4, 13));
    assert_eq!(
        &document.text[diagnostics[0].span.start..diagnostics[0].span.end],
        "ab"
    );
}

#[test]
fn empty_platform_is_valid_and_empty_floe_is_not() {
    for empty in [&b""[..], b"\n", b"# only a comment\n", b"---\n"] {
        let (_, diagnostics) = check(FileKind::Platform, empty);
        assert_eq!(codes(&diagnostics), Vec::<&str>::new(), "{empty:?}");
        let (_, diagnostics) = check(FileKind::Floe, empty);
        assert_eq!(codes(&diagnostics), vec!["FL102"], "{empty:?}");
        assert_eq!(diagnostics[0].message, "Input should be a valid dictionary");
    }
}

#[test]
fn a_second_document_is_an_error_at_its_marker() {
    let text = "version: \"1.2.0\"\n---\nversion: \"1.1.0\"\n";
    let (document, diagnostics) = check(FileKind::Platform, text.as_bytes());
    assert_eq!(codes(&diagnostics), vec!["FL005"]);
    assert_eq!(line_col(&document, diagnostics[0].span.start).0, 2);
}

#[test]
fn invalid_utf8_and_nul_bytes_are_diagnostics_with_positions() {
    let (document, diagnostics) = check(FileKind::Platform, b"version: \"1.2.0\"\nname: caf\xe9\n");
    assert_eq!(codes(&diagnostics), vec!["FL003"]);
    assert_eq!(line_col(&document, diagnostics[0].span.start), (2, 10));
    let (document, diagnostics) = check(FileKind::Platform, b"version: \"1.2.0\"\nx: a\x00b\n");
    assert_eq!(codes(&diagnostics), vec!["FL003"]);
    assert_eq!(line_col(&document, diagnostics[0].span.start), (2, 5));
    assert!(diagnostics[0].message.contains("#x0000"));
}

#[test]
fn binary_garbage_is_one_clear_diagnostic() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (_, diagnostics) = check(FileKind::Floe, &bytes);
    assert_eq!(codes(&diagnostics), vec!["FL003"]);
}

#[test]
fn yaml_1_1_typing_gives_upstreams_type_errors() {
    let (_, diagnostics) = check(FileKind::Platform, b"version: 1.2\n");
    assert_eq!(codes(&diagnostics), vec!["FL102"]);
    assert_eq!(diagnostics[0].message, "Input should be a valid string");
    assert!(
        diagnostics[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("quote")
    );
}

#[test]
fn custom_tags_cannot_be_loaded() {
    let (_, diagnostics) = check(FileKind::Platform, b"storage: !include storage.yaml\n");
    assert_eq!(codes(&diagnostics), vec!["FL006"]);
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    let depth = 10_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let (_, diagnostics) = check(FileKind::Platform, text.as_bytes());
    assert_eq!(codes(&diagnostics), vec!["FL001"]);
}
