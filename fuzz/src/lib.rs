//! What each fuzz target runs and checks: one function per target, taking libFuzzer's bytes.
//!
//! Used twice: by the cargo-fuzz targets in `fuzz/fuzz_targets/` and, through `#[path]`, by
//! `tests/fuzz_regressions.rs`, which replays the inputs saved under
//! `tests/fixtures/fuzz-regressions/<target>/` (and the seed fixtures) through the same code.
//! Every check is an `assert!`: a failed one is a crash that libFuzzer saves.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use floe_lint::check::{self, Options, Report};
use floe_lint::diagnostic::{Applicability, Diagnostic, Fix, Span};
use floe_lint::fix;
use floe_lint::syntax::{self, ColumnUnit, Document, Limits, Node, NodeValue};
use floe_lint::workspace::{Environment, Project, Selection};

/// Where the in-memory project lives. No such directory exists, so the engine's few looks at the
/// disk (a dbt project beside floe.yaml) find nothing and every run is deterministic.
const ROOT: &str = "/floe-lint-fuzz";

const UNITS: [ColumnUnit; 3] = [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char];

// --- yaml ----------------------------------------------------------------------------------------

/// Target `yaml`: bytes → [`syntax::parse`]. The tree, the diagnostics and the line index must hold
/// together for any input.
pub fn yaml(data: &[u8]) {
    let file: Arc<Path> = Arc::from(Path::new(ROOT).join("platform.yaml"));
    let document = syntax::parse(&file, data, &Limits::default());
    check_spans_and_lines(&document);
    if document.loadable {
        assert!(
            document
                .diagnostics
                .iter()
                .all(|d| d.rule.code == floe_lint::diagnostic::codes::syntax::DUPLICATE_KEY.code),
            "a loadable document has only duplicate-key findings: {:?}",
            document.diagnostics
        );
        // The JSON view the schema stage reads, and the pointer lookups hover and fixes use.
        std::hint::black_box(document.to_json());
        for pointer in ["", "/version", "/storage/default", "/0"] {
            let span = document.span_of(pointer, true);
            assert_span(&document, span, "span_of");
        }
    }
    for d in &document.diagnostics {
        assert_span(&document, d.span, d.rule.code);
    }
}

/// Spans inside the text, the line index round-tripping offsets in every column unit.
fn check_spans_and_lines(document: &Document) {
    let text = &document.text;
    if let Some(root) = &document.root {
        let mut budget = 10_000;
        walk(document, root, &mut budget);
    }
    let index = &document.line_index;
    assert!(index.line_count() >= 1);
    let mut offsets = vec![
        0,
        text.len(),
        text.len() / 3,
        text.len() / 2,
        text.len() + 7,
    ];
    offsets.extend(
        document
            .diagnostics
            .iter()
            .flat_map(|d| [d.span.start, d.span.end]),
    );
    for offset in offsets {
        let line = index.line_of(offset);
        assert!(line < index.line_count());
        let start = index.line_start(line);
        let end = index.line_end(text, line);
        assert!(
            start <= end && end <= text.len(),
            "line {line}: {start}..{end}"
        );
        for unit in UNITS {
            let position = index.line_col(text, offset, unit);
            assert_eq!(position.line as usize, line);
            let back = index.offset(text, position, unit);
            assert!(back <= text.len() && text.is_char_boundary(back));
            if offset >= start && offset <= end && text.is_char_boundary(offset) {
                assert_eq!(
                    back, offset,
                    "{unit:?} round trip of offset {offset} via {position:?}"
                );
            }
        }
    }
}

/// Every node's span is a slice of the text (aliases repeat their original's span).
fn walk(document: &Document, node: &Node, budget: &mut usize) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    assert_span(document, node.span, "node");
    match &node.value {
        NodeValue::Scalar { .. } => {}
        NodeValue::Sequence(items) => items.iter().for_each(|n| walk(document, n, budget)),
        NodeValue::Mapping(entries) => {
            for entry in entries {
                walk(document, &entry.key, budget);
                walk(document, &entry.value, budget);
            }
        }
    }
}

fn assert_span(document: &Document, span: Span, what: &str) {
    let text = &document.text;
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not a slice of the {} bytes of text",
        text.len()
    );
}

// --- reparse -------------------------------------------------------------------------------------

/// Target `reparse`: `old 0xFF new` (no separator: the input with its middle byte dropped). When
/// the edit from old to new is applied by re-parsing one entry ([`syntax::reparse`]), the result
/// equals a full parse of the new text.
pub fn reparse(data: &[u8]) {
    let (old, new): (&[u8], Vec<u8>) = match data.iter().position(|b| *b == 0xFF) {
        Some(at) => (&data[..at], data[at + 1..].to_vec()),
        None => {
            let middle = data.len() / 2;
            let rest = data.get(middle + 1..).unwrap_or_default();
            (data, [&data[..middle], rest].concat())
        }
    };
    let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(&new)) else {
        return;
    };
    let file: Arc<Path> = Arc::from(Path::new(ROOT).join("platform.yaml"));
    let limits = Limits::default();
    let mut document = syntax::parse_text(&file, old, &limits);
    document.keep_json_when_made();
    let _ = document.json();
    if !syntax::reparse(&mut document, new, &limits) {
        return;
    }
    let expected = syntax::parse_text(&file, new, &limits);
    assert!(
        expected.loadable && expected.diagnostics.is_empty(),
        "re-parsed into a document that does not load: {:?}",
        expected.diagnostics
    );
    assert_eq!(document.text, expected.text);
    // A `.nan` scalar is a float NaN, which never equals itself: trees holding one differ by
    // `==` although they are the same, so they are compared by their whole Debug form then.
    if document.root != expected.root {
        assert_eq!(
            format!("{:?}", document.root),
            format!("{:?}", expected.root),
            "the patched tree differs"
        );
    }
    assert_eq!(document.comments, expected.comments, "the comments differ");
    assert_eq!(document.self_contained, expected.self_contained);
    assert_eq!(
        *document.json(),
        expected.to_json(),
        "the patched JSON differs"
    );
    assert_eq!(
        document.line_index.line_count(),
        expected.line_index.line_count()
    );
}

// --- check_pair ----------------------------------------------------------------------------------

/// A fuzz input read as a project: `floe.yaml`, a separator byte, `platform.yaml`.
///
/// The separator is the first `0xFF` (the environment is `prod`) or `0xFE` (the environment is
/// `local`, which some rules treat differently). Neither byte occurs in UTF-8, so any two real
/// files joined by one of them split back into themselves. Without a separator the whole input is
/// floe.yaml and no platform.yaml was found.
pub struct Pair<'a> {
    pub floe: &'a [u8],
    /// The environment's name and its platform.yaml.
    pub platform: Option<(&'static str, &'a [u8])>,
}

impl<'a> Pair<'a> {
    pub fn split(data: &'a [u8]) -> Pair<'a> {
        match data.iter().position(|b| *b == 0xFF || *b == 0xFE) {
            Some(at) => Pair {
                floe: &data[..at],
                platform: Some((
                    if data[at] == 0xFF { "prod" } else { "local" },
                    &data[at + 1..],
                )),
            },
            None => Pair {
                floe: data,
                platform: None,
            },
        }
    }

    fn floe_path() -> PathBuf {
        Path::new(ROOT).join("floe.yaml")
    }

    fn platform_path(env: &str) -> PathBuf {
        Path::new(ROOT)
            .join("platform")
            .join(env)
            .join("platform.yaml")
    }

    /// Runs the whole check engine on the pair, in memory.
    pub fn check(&self) -> Report {
        let mut files = vec![(Pair::floe_path(), self.floe.to_vec())];
        let mut environments = Vec::new();
        let mut searched = Vec::new();
        match self.platform {
            Some((env, bytes)) => {
                files.push((Pair::platform_path(env), bytes.to_vec()));
                environments.push(Environment {
                    name: env.to_owned(),
                    platform: Pair::platform_path(env),
                });
            }
            None => searched.push(Pair::platform_path("local")),
        }
        let project = Project {
            floe: Some(Pair::floe_path()),
            environments,
            searched,
            manifest: None,
        };
        check::check_projects(
            &[project],
            &files
                .into_iter()
                .collect::<std::collections::HashMap<_, _>>(),
            &Selection::default(),
            &Options::default(),
        )
    }
}

/// Target `check_pair`: the full engine (syntax, schema, cross-file, rules, suppressions) on a
/// floe.yaml + platform.yaml pair. Every finding points into a document the report holds.
pub fn check_pair(data: &[u8]) {
    let report = Pair::split(data).check();
    assert!(report.read_errors.is_empty(), "{:?}", report.read_errors);
    for d in &report.diagnostics {
        let document = report
            .document(&d.file)
            .unwrap_or_else(|| panic!("{} points into an unread file {:?}", d.code(), d.file));
        assert_span(document, d.span, d.code());
        for related in &d.related {
            if let Some(other) = report.document(&related.file) {
                assert_span(other, related.span, "related");
            }
        }
    }
    for (file, span) in &report.masked {
        if let Some(document) = report.document(file) {
            assert_span(document, *span, "masked");
        }
    }
}

// --- fix -----------------------------------------------------------------------------------------

/// Target `fix`: the pair through the engine, then every fix [`fix::apply`]d on its own, and all
/// safe fixes of a file together (the editor's "fix all", which does not re-parse its result).
/// A fix keeps a loadable file loadable, and leaves the bytes outside its edits alone.
pub fn fix(data: &[u8]) {
    let report = Pair::split(data).check();
    for (file, document) in &report.documents {
        let fixes: Vec<&Fix> = report
            .diagnostics
            .iter()
            .filter(|d| *d.file == **file)
            .filter_map(|d: &Diagnostic| d.fix.as_ref())
            .collect();
        for one in &fixes {
            check_fix(document, one);
        }
        let safe: Vec<&Fix> = fixes
            .iter()
            .copied()
            .filter(|f| f.applicability == Applicability::Safe)
            .collect();
        if !safe.is_empty() && document.loadable {
            let (text, _) = fix::apply(&document.text, safe.iter().copied());
            assert_loadable(file, &text, "all safe fixes together");
        }
    }
}

fn check_fix(document: &Document, one: &Fix) {
    let text = &document.text;
    for edit in &one.edits {
        assert_span(document, edit.span, &one.title);
    }
    let (fixed, applied) = fix::apply(text, [one]);
    if one.edits.is_empty() {
        assert_eq!((applied, fixed.as_str()), (0, text.as_str()));
        return;
    }
    assert_eq!(applied, 1, "fix {:?} was not applied", one.title);
    let first = one.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
    let last = one.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
    let removed: usize = one.edits.iter().map(|e| e.span.len()).sum();
    let inserted: usize = one.edits.iter().map(|e| e.replacement.len()).sum();
    assert_eq!(
        fixed.len(),
        text.len() - removed + inserted,
        "fix {:?}: edits overlap",
        one.title
    );
    assert!(
        fixed.starts_with(&text[..first]) && fixed.ends_with(&text[last..]),
        "fix {:?} changed bytes outside {first}..{last}",
        one.title
    );
    if document.loadable {
        assert_loadable(&document.file, &fixed, &one.title);
    }
}

fn assert_loadable(file: &Arc<Path>, text: &str, what: &str) {
    let after = syntax::parse_text(file, text, &Limits::default());
    assert!(
        after.loadable,
        "{what}: a loadable {} no longer loads after the fix: {:?}\n--- fixed text ---\n{text}",
        file.display(),
        after.diagnostics
    );
}

// --- lsp_frames ----------------------------------------------------------------------------------

/// Target `lsp_frames`: bytes as the language server's stdin, through the hardened stdio transport
/// (`floe_lint::lsp::transport::pump_input`). Whatever arrives, the pump ends at end of input, answers
/// only with JSON-RPC parse errors (id null) and invalid-request errors, and hands the server only
/// whole frames whose body is a JSON-RPC message object (read back with `pump_output`, they come
/// out byte for byte the same).
pub fn lsp_frames(data: &[u8]) {
    use floe_lint::lsp::transport::{pump_input, pump_output};
    use tokio::sync::mpsc::unbounded_channel;

    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    let runtime = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime")
    });
    runtime.block_on(async {
        let mut to_server: Vec<u8> = Vec::new();
        let (replies, mut replied) = unbounded_channel();
        pump_input(
            data,
            &mut to_server,
            replies,
            std::sync::Arc::new(floe_lint::lsp::transport::ForwardAll),
        )
        .await;
        while let Ok(reply) = replied.try_recv() {
            let body: serde_json::Value =
                serde_json::from_slice(frame_body(&reply)).expect("a reply is JSON");
            let code = &body["error"]["code"];
            assert!(
                *code == -32700 || *code == -32600,
                "only parse errors and invalid requests are answered: {body}"
            );
            assert!(*code == -32600 || body["id"].is_null());
        }

        let (frames, mut framed) = unbounded_channel();
        pump_output(to_server.as_slice(), frames).await;
        let mut again = Vec::new();
        while let Ok(frame) = framed.try_recv() {
            let body: serde_json::Value =
                serde_json::from_slice(frame_body(&frame)).expect("the server gets JSON");
            assert!(
                body.is_object() && body["jsonrpc"] == "2.0",
                "the server got {body}"
            );
            again.extend_from_slice(&frame);
        }
        assert!(
            again == to_server,
            "the server was handed bytes that are not whole, valid frames"
        );
    });
}

/// The body of a frame this transport wrote: `Content-Length: N\r\n\r\n` then N bytes.
fn frame_body(frame: &[u8]) -> &[u8] {
    let header_end = frame
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a frame has a header");
    let header = std::str::from_utf8(&frame[..header_end]).expect("an ASCII header");
    let length: usize = header
        .strip_prefix("Content-Length: ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("header {header:?}"));
    let body = &frame[header_end + 4..];
    assert_eq!(body.len(), length, "Content-Length matches the body");
    body
}
