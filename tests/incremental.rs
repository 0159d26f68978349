//! Incremental re-parsing (server/syntax/incremental.rs) is exact: whenever an edit is applied by
//! re-parsing one entry, the document equals a full parse of the new text, node for node, span
//! for span, comment for comment. Random edits of every YAML fixture and of a generated
//! 5,000-line platform.yaml, and the edits an editor sends while someone types.

#[path = "../benches/support/platform.rs"]
mod platform;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use floe_lint::model::FileKind;
use floe_lint::syntax::{self, Document, Limits};
use proptest::prelude::*;

fn file() -> Arc<Path> {
    Arc::from(Path::new("/p/platform.yaml"))
}

fn full(text: &str) -> Document {
    syntax::parse_text(&file(), text, &Limits::default())
}

/// Applies `new` to `old` incrementally when it can; asserts the result equals a full parse.
/// Returns the new document and whether the incremental path was taken.
fn step(old: &Document, new: &str) -> (Document, bool) {
    let expected = full(new);
    let mut patched = old.clone();
    if patched.loadable {
        // As the language server keeps it once validation made it: the JSON value is patched
        // along with the tree.
        patched.keep_json_when_made();
        let _ = patched.json();
    }
    if !syntax::reparse(&mut patched, new, &Limits::default()) {
        return (expected, false);
    }
    assert_same(&patched, &expected, &old.text);
    (patched, true)
}

fn assert_same(patched: &Document, expected: &Document, before: &str) {
    let context = || format!("--- before ---\n{before}\n--- after ---\n{}", expected.text);
    assert_eq!(patched.text, expected.text);
    assert!(
        expected.diagnostics.is_empty() && expected.loadable,
        "a patched document must be one that loads cleanly: {:?}\n{}",
        expected.diagnostics,
        context()
    );
    assert_eq!(patched.root, expected.root, "tree differs\n{}", context());
    assert_eq!(
        patched.comments,
        expected.comments,
        "comments differ\n{}",
        context()
    );
    assert_eq!(patched.self_contained, expected.self_contained);
    assert_eq!(
        *patched.json(),
        expected.to_json(),
        "JSON differs\n{}",
        context()
    );
    assert_eq!(
        patched.line_index.line_count(),
        expected.line_index.line_count()
    );
    for line in 0..expected.line_index.line_count() {
        assert_eq!(
            patched.line_index.line_start(line),
            expected.line_index.line_start(line)
        );
    }
}

fn fixtures() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut out,
    );
    out.sort();
    // Each again with CRLF line breaks: the regions' line arithmetic must hold for both.
    let crlf: Vec<_> = out
        .iter()
        .filter(|(_, text)| !text.contains('\r'))
        .map(|(path, text)| (path.with_extension("crlf.yaml"), text.replace('\n', "\r\n")))
        .collect();
    out.extend(crlf);
    out
}

/// Replaces `text[at..at + remove]` (snapped to character boundaries) with `insert`.
fn edited(text: &str, at: usize, remove: usize, insert: &str) -> String {
    let mut start = at.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + remove).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{insert}{}", &text[..start], &text[end..])
}

/// What people type into YAML, valid or not.
const SNIPPETS: &[&str] = &[
    "x",
    "7",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n    ",
    ": ",
    ":",
    "- ",
    "\n- ",
    "#",
    " # note",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    "é",
    "🦆",
    "漢字",
    "\t",
    "&a ",
    "*a",
    "!!str ",
    "---",
    "...",
    "%YAML",
    "? ",
    "|\n  text\n",
    ">-\n   folded\n",
    "\nkey: value",
    "\n  key: value",
    "\n    key: value",
    "\n  - item",
    "\n    - a: 1\n      b: 2",
    "\r\n",
    "\r",
    "true",
    "null",
    "1.0",
    "<<: ",
    "\n# comment",
    "\n\n",
];

#[test]
fn typing_in_a_large_platform_file_is_patched_not_reparsed() {
    let text = platform::generate_platform(5_000);
    let mut document = full(&text);
    assert!(document.self_contained && document.loadable);
    // The edit the language-server benchmark makes: a bucket name toggled, one key deep.
    let at = text.find("bucket: ").expect("a bucket") + "bucket: ".len();
    let mut patched = 0;
    for (i, insert) in ["x", "xy", "", "9", "-", "_"].iter().enumerate() {
        let new = edited(&document.text, at + 1, usize::from(i % 2 == 0), insert);
        let (next, incremental) = step(&document, &new);
        patched += usize::from(incremental);
        document = next;
    }
    assert_eq!(patched, 6, "every scalar edit is applied incrementally");
    // A new key beside the bucket, a comment after it, then that line removed again.
    let line = document.text.find("bucket: ").expect("a bucket");
    let line_start = document.text[..line].rfind('\n').map_or(0, |i| i + 1);
    let indent = " ".repeat(line - line_start);
    let eol = line + document.text[line..].find('\n').expect("a line break");
    let added = format!("\n{indent}region: eu-west-1");
    for (insert, remove) in [(added.as_str(), 0), ("  # note", 0), ("", added.len())] {
        let new = edited(&document.text, eol, remove, insert);
        let (next, incremental) = step(&document, &new);
        assert!(incremental, "{insert:?} is applied incrementally");
        document = next;
    }
}

#[test]
fn edits_that_change_the_structure_around_an_entry_are_parsed_whole() {
    let text = "storage:\n  a:\n    type: s3\n    bucket: one\n  b:\n    type: s3\n    bucket: two\ncatalogs: {}\n";
    let document = full(text);
    let bucket = text.find("one").expect("one");
    for (insert, why) in [("&anchor ", "an anchor"), ("\"", "an unclosed quote")] {
        let new = edited(text, bucket, 0, insert);
        assert!(!step(&document, &new).1, "{why}: parsed whole");
    }
    for (insert, why) in [
        ("\nversion: 1", "a new top-level key"),
        ("\n  c: {}", "a new sibling of the profile's parent"),
        ("\n---\n", "a second document"),
        ("\n\tbad: tab", "a tab"),
    ] {
        let new = edited(text, bucket + 3, 0, insert);
        let (_, incremental) = step(&document, &new);
        assert!(!incremental, "{why}: parsed whole");
    }
    // A document with an anchor or an alias anywhere is always parsed whole.
    let aliased = "base: &b {type: s3}\nstorage:\n  a:\n    <<: *b\n    bucket: one\n";
    let document = full(aliased);
    assert!(!document.self_contained);
    let new = edited(aliased, aliased.find("one").expect("one"), 0, "x");
    assert!(!step(&document, &new).1);
}

#[test]
fn a_value_left_empty_at_the_end_of_a_region_is_placed_by_a_full_parse() {
    // Found by the property test: an empty value's span is where the next token starts. When
    // that token lies past the region (here the next profile's key), the region parsed alone
    // would put the empty value at the region's end instead.
    let text = "storage:\n  a:\n    type: s3\n    bucket: one\n  b:\n    bucket: two\n";
    let document = full(text);
    let at = text.find("one").expect("one");
    let new = edited(text, at, 3, "");
    let (_, incremental) = step(&document, &new);
    assert!(!incremental, "parsed whole");
    // An empty value followed by another key of the same region is placed by that key: fine.
    let text = "storage:\n  a:\n    bucket: one\n    type: s3\n  b:\n    bucket: two\n    type: s3\n  c:\n    bucket: six\n    type: s3\n";
    let at = text.find("one").expect("one");
    assert!(
        step(&full(text), &edited(text, at, 3, "")).1,
        "re-parsed alone"
    );
}

#[test]
fn every_fixture_survives_every_snippet_at_every_line_start() {
    let mut patched = 0;
    let mut total = 0;
    for (path, text) in fixtures() {
        let document = full(&text);
        if !(document.loadable && document.diagnostics.is_empty()) {
            continue;
        }
        // Ends of lines (after the value) and a few characters into each line.
        let mut points: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        points.extend(text.match_indices(": ").map(|(i, _)| i + 2));
        points.sort_unstable();
        points.dedup();
        for (n, &at) in points.iter().enumerate().step_by(3) {
            let insert = SNIPPETS[n % SNIPPETS.len()];
            let new = edited(&text, at, 0, insert);
            let result = std::panic::catch_unwind(|| step(&document, &new));
            let (_, incremental) =
                result.unwrap_or_else(|_| panic!("{}: {insert:?} at {at}", path.display()));
            patched += usize::from(incremental);
            total += 1;
        }
    }
    eprintln!("{patched} of {total} edits applied incrementally");
    assert!(total > 1_000, "{total} edits");
    assert!(
        patched * 4 > total,
        "{patched} of {total} applied incrementally"
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES=100000 for a long run.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    /// Sequences of random edits (insertions, deletions, replacements) on random fixtures: each
    /// step is checked against a full parse, and the next step edits its result.
    #[test]
    fn random_edit_sequences_match_a_full_parse(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), 0usize..24, any::<prop::sample::Index>(), any::<bool>()),
            1..8,
        ),
    ) {
        let fixtures = fixtures();
        let (_, text) = &fixtures[pick.index(fixtures.len())];
        let mut document = full(text);
        for (at, remove, snippet, insert) in edits {
            let at = at.index(document.text.len() + 1);
            let insert = if insert { SNIPPETS[snippet.index(SNIPPETS.len())] } else { "" };
            let new = edited(&document.text, at, remove, insert);
            document = step(&document, &new).0;
        }
    }
}

/// As the language server checks a document it edits: a valid one never makes a JSON value (the
/// schema's fast path reads the tree); one that is not valid keeps the value validation made, and
/// the next edit patches it rather than converting the tree again.
#[test]
fn only_a_document_the_fast_path_cannot_call_valid_keeps_its_json() {
    let limits = Limits::default();
    let check = |previous: Option<Arc<Document>>, text: &str| {
        let (document, diagnostics) = floe_lint::check::check_document_after(
            previous,
            FileKind::Platform,
            &file(),
            text.as_bytes(),
            &limits,
        );
        (Arc::new(document), diagnostics)
    };
    let (valid, found) = check(
        None,
        "version: \"1.0.0\"\nstorage:\n  a:\n    bucket: lake\n",
    );
    assert!(found.is_empty(), "{found:?}");
    assert!(!valid.holds_json());
    let (invalid, found) = check(
        Some(valid),
        "version: \"1.0.0\"\nstorage:\n  a:\n    bucket: 12\n",
    );
    assert!(!found.is_empty());
    assert!(invalid.holds_json());
    let (edited, found) = check(
        Some(invalid),
        "version: \"1.0.0\"\nstorage:\n  a:\n    bucket: 13\n",
    );
    assert!(!found.is_empty());
    assert!(edited.holds_json());
    assert_eq!(*edited.json(), edited.to_json());
}
