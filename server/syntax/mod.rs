//! Text → spanned YAML tree. Layer 1: knows nothing of floe's models.
//!
//! Stages, each independent (taplo style): [`decode`] (bytes → text), [`builder`] (events → tree,
//! duplicate keys, aliases, merge keys), then callers convert the tree to JSON for the schema.
//! Nothing here panics on input: every problem is a [`Diagnostic`] with a position.

mod builder;
pub mod decode;
mod incremental;
pub mod json_pointer;
mod line_index;
pub mod pattern;
pub mod pydantic;
pub mod python;
pub mod resolve;
mod tree;
mod unclosed;
pub mod view;

use std::path::Path;
use std::sync::Arc;

pub use incremental::{Patch, plan, reparse};
pub use line_index::{ColumnUnit, LineCol, LineIndex};
pub use tree::{DATE_MARKER, Entries, Entry, Node, NodeValue, ScalarStyle};
pub use view::Json;

use crate::diagnostic::codes::syntax as codes;
use crate::diagnostic::{Diagnostic, Span};

/// Resource budgets for one document.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files larger than this are not parsed.
    pub max_file_bytes: usize,
    /// Deepest collection nesting accepted.
    pub max_depth: usize,
    /// Nodes that aliases may add to the document in total.
    pub max_alias_nodes: usize,
    /// Findings reported per file; the rest are counted in one FL008.
    pub max_diagnostics_per_file: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 16 * 1024 * 1024,
            max_depth: 255,
            max_alias_nodes: 100_000,
            max_diagnostics_per_file: 1_000,
        }
    }
}

/// A YAML comment: its span covers `#` to the end of the line. Its text is read from the
/// document's text when asked for (configurations are full of comments: a copy of each was an
/// eighth of the allocations of a monorepo's check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
}

impl Comment {
    /// What follows the `#`, in `source`, the text of the comment's document.
    pub fn text<'t>(&self, source: &'t str) -> &'t str {
        source.get(self.span.start + 1..self.span.end).unwrap_or("")
    }
}

/// One parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: Arc<Path>,
    /// The text, as decoded (lossily when the bytes were not UTF-8, so positions stay readable).
    pub text: String,
    pub line_index: LineIndex,
    /// The first document's root. `None` for an empty file or when the bytes could not be read.
    pub root: Option<Node>,
    pub comments: Vec<Comment>,
    /// Syntax-stage findings (FL0xx).
    pub diagnostics: Vec<Diagnostic>,
    /// True when the text loaded completely (no syntax, encoding or construction errors), so later
    /// stages may trust the tree.
    pub loadable: bool,
    /// No anchors, aliases, merge keys, directives or document markers: an edit can be applied by
    /// re-parsing only the entry that holds it ([`reparse`]).
    pub self_contained: bool,
    /// The loaded value as JSON, kept for a document that will be edited again once validation
    /// made it ([`Document::keep_json_when_made`]), and patched along with the tree by
    /// [`reparse`]; computed afresh otherwise.
    json: std::sync::OnceLock<serde_json::Value>,
    /// The JSON value is kept once it is made ([`Document::keep_json_when_made`]).
    keeps_json: bool,
}

impl Document {
    /// The loaded value as JSON (`null` for an empty document).
    pub fn to_json(&self) -> serde_json::Value {
        self.root
            .as_ref()
            .map_or(serde_json::Value::Null, Node::to_json)
    }

    /// [`Document::to_json`], borrowed when it is kept (and then kept, for a document that
    /// keeps it once made).
    pub fn json(&self) -> std::borrow::Cow<'_, serde_json::Value> {
        match self.json.get() {
            Some(json) => std::borrow::Cow::Borrowed(json),
            None if self.keeps_json => {
                std::borrow::Cow::Borrowed(self.json.get_or_init(|| self.to_json()))
            }
            None => std::borrow::Cow::Owned(self.to_json()),
        }
    }

    /// For a document that will be edited and checked again: its JSON value, when validation
    /// needs one (a document the schema's fast path cannot call valid), is kept and then patched
    /// along with the tree by each edit, instead of being made again. A valid document never
    /// makes one (a 10 MB file's would be as large as its tree).
    pub fn keep_json_when_made(&mut self) {
        self.keeps_json = true;
    }

    /// Whether the JSON value is held with the document.
    pub fn holds_json(&self) -> bool {
        self.json.get().is_some()
    }

    /// The span a JSON pointer designates: the value, or the key when `at_key` and there is one.
    /// Falls back to the nearest existing ancestor, then to the start of the document.
    pub fn span_of(&self, pointer: &str, at_key: bool) -> Span {
        let Some(root) = &self.root else {
            return Span::point(0);
        };
        let mut current = pointer;
        loop {
            if let Some((node, key)) = root.lookup(current) {
                return match (at_key, key) {
                    (true, Some(key)) => key.span,
                    // The root mapping has no key of its own: its first key stands for it.
                    (true, None) => node
                        .as_mapping()
                        .and_then(|e| e.first())
                        .map_or(node.span, |e| e.key.span),
                    _ => node.span,
                };
            }
            match current.rfind('/') {
                Some(cut) => current = &current[..cut],
                None => return root.span,
            }
        }
    }
}

/// Reads and parses one file's bytes.
pub fn parse(file: &Arc<Path>, bytes: &[u8], limits: &Limits) -> Document {
    if bytes.len() > limits.max_file_bytes {
        let text = String::new();
        return Document {
            file: Arc::clone(file),
            line_index: LineIndex::new(&text),
            text,
            root: None,
            comments: Vec::new(),
            diagnostics: vec![Diagnostic::new(
                &codes::FILE_TOO_LARGE,
                file,
                Span::point(0),
                format!(
                    "file is {} bytes, more than the {} byte budget; not checked",
                    bytes.len(),
                    limits.max_file_bytes
                ),
            )],
            loadable: false,
            self_contained: false,
            json: std::sync::OnceLock::new(),
            keeps_json: false,
        };
    }
    match decode::decode(bytes) {
        Ok(text) => build_document(file, text.to_owned(), limits),
        Err(error) => {
            // Keep the text (lossily) so the diagnostic can show where the bad byte is. The span
            // was measured on the raw bytes; bytes before it are valid UTF-8, so the start holds.
            let text = String::from_utf8_lossy(bytes).into_owned();
            let start = error.span.start.min(text.len());
            let mut end = (start + 1).min(text.len());
            while end < text.len() && !text.is_char_boundary(end) {
                end += 1;
            }
            Document {
                file: Arc::clone(file),
                line_index: LineIndex::new(&text),
                diagnostics: vec![
                    Diagnostic::new(
                        &codes::INVALID_ENCODING,
                        file,
                        Span::new(start, end),
                        error.message,
                    )
                    .with_help(error.help),
                ],
                text,
                root: None,
                comments: Vec::new(),
                loadable: false,
                self_contained: false,
                json: std::sync::OnceLock::new(),
                keeps_json: false,
            }
        }
    }
}

/// A file read as plain text (a `.sql` file): positions and text, no YAML tree.
pub fn plain(file: &Arc<Path>, bytes: &[u8]) -> Document {
    let text = String::from_utf8_lossy(bytes).into_owned();
    Document {
        file: Arc::clone(file),
        line_index: LineIndex::new(&text),
        text,
        root: None,
        comments: Vec::new(),
        diagnostics: Vec::new(),
        loadable: false,
        self_contained: false,
        json: std::sync::OnceLock::new(),
        keeps_json: false,
    }
}

/// A document parsed from `text` as the file `name` (unit tests' shorthand).
#[cfg(test)]
pub fn test_document(name: &str, text: &str) -> Document {
    let file: std::sync::Arc<std::path::Path> = std::sync::Arc::from(std::path::Path::new(name));
    parse_text(&file, text, &Limits::default())
}

/// Parses text that is already known to be decodable.
pub fn parse_text(file: &Arc<Path>, text: &str, limits: &Limits) -> Document {
    if let Err(error) = decode::decode(text.as_bytes()) {
        return Document {
            file: Arc::clone(file),
            line_index: LineIndex::new(text),
            text: text.to_owned(),
            root: None,
            comments: Vec::new(),
            diagnostics: vec![
                Diagnostic::new(&codes::INVALID_ENCODING, file, error.span, error.message)
                    .with_help(error.help),
            ],
            loadable: false,
            self_contained: false,
            json: std::sync::OnceLock::new(),
            keeps_json: false,
        };
    }
    build_document(file, text.to_owned(), limits)
}

/// As [`parse`], keeping `bytes` as the document's text when they are readable: a 10 MB file is
/// not held twice while it is checked.
pub fn parse_owned(file: &Arc<Path>, bytes: Vec<u8>, limits: &Limits) -> Document {
    if bytes.len() > limits.max_file_bytes || decode::decode(&bytes).is_err() {
        return parse(file, &bytes, limits);
    }
    match String::from_utf8(bytes) {
        Ok(text) => build_document(file, text, limits),
        Err(error) => parse(file, error.as_bytes(), limits),
    }
}

/// Builds the tree of text that has passed [`decode::decode`].
fn build_document(file: &Arc<Path>, text: String, limits: &Limits) -> Document {
    let built = builder::build(file, &text, limits);
    let loadable = built.complete
        && built
            .diagnostics
            .iter()
            .all(|d| d.rule.code == codes::DUPLICATE_KEY.code);
    Document {
        file: Arc::clone(file),
        line_index: LineIndex::new(&text),
        text,
        root: built.root,
        comments: built.comments,
        diagnostics: built.diagnostics,
        loadable,
        self_contained: built.self_contained,
        json: std::sync::OnceLock::new(),
        keeps_json: false,
    }
}

#[cfg(test)]
mod comment_tests {
    use super::test_document;

    #[test]
    fn a_comment_reads_what_follows_its_hash_in_the_document() {
        let text = "a: 1 # after a value\n# a line of its own\r\nb: \"#not\" #\n  #  indented é\n";
        let document = test_document("floe.yaml", text);
        let read: Vec<&str> = document
            .comments
            .iter()
            .map(|c| c.text(&document.text))
            .collect();
        assert_eq!(
            read,
            [" after a value", " a line of its own", "", "  indented é"]
        );
    }
}
