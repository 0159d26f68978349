//! Schema stage: validate a loaded document against the generated JSON Schema (jsonschema crate,
//! no network) plus [`super::semantic`], and turn every error into a span-exact Diagnostic with
//! pydantic's wording.
//!
//! Unions are flattened: for `Option<Model>` and string-or-`secret_ref` values the branch that
//! fits the value's type reports its own nested errors, and tagged unions (`type: batch`) report
//! the errors of the variant their tag names. So every nested problem is reported, not a single
//! "is not valid under any of the schemas".
//!
//! A Generation B document goes to its own stage (`v1::validate`), which reuses [`Compiled`],
//! the flattening ([`flatten`]: `if`/`else`, `const` and literal-keyed maps included) and the
//! placement of findings.

mod flatten;
mod wording;

use std::sync::LazyLock;

use jsonschema::Validator;
use serde_json::Value;

use super::FileKind;
use super::known_valid::{self, Verdict};
use super::suggest::enum_fix;
use super::typed_key;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::schema::*;
use crate::diagnostic::rule_meta::RuleMeta;
use crate::syntax::Document;
use crate::syntax::json_pointer;
use crate::syntax::view::{Json, Object};
use flatten::flatten;

/// Documents from this size on (bytes of text) have their JSON value freed on another thread.
const DROP_ELSEWHERE_FROM: usize = 64 * 1024;

/// A schema and its validator, compiled once.
pub(in crate::model) struct Compiled {
    pub schema: Value,
    pub validator: Validator,
}

impl Compiled {
    pub fn new(schema: Value) -> Option<Compiled> {
        let validator = jsonschema::options().build(&schema).ok()?;
        Some(Compiled { schema, validator })
    }

    /// Every error of `value`, flattened into issues with pydantic's wording.
    pub fn issues(&self, value: &Value, out: &mut Vec<Issue>) {
        for error in self.validator.iter_errors(value) {
            flatten(error.to_owned(), &self.schema, out);
        }
    }
}

fn compile(kind: FileKind) -> Option<Compiled> {
    Compiled::new(serde_json::from_str(super::embedded_schema(kind)).ok()?)
}

static FLOE: LazyLock<Option<Compiled>> = LazyLock::new(|| compile(FileKind::Floe));
static PLATFORM: LazyLock<Option<Compiled>> = LazyLock::new(|| compile(FileKind::Platform));
static FLOE_SPEC: LazyLock<Option<Compiled>> = LazyLock::new(|| compile(FileKind::FloeSpec));
static MANIFEST: LazyLock<Option<Compiled>> = LazyLock::new(|| compile(FileKind::Manifest));

pub(in crate::model) fn compiled(kind: FileKind) -> Option<&'static Compiled> {
    match kind {
        FileKind::Floe => FLOE.as_ref(),
        FileKind::Platform => PLATFORM.as_ref(),
        FileKind::FloeSpec => FLOE_SPEC.as_ref(),
        FileKind::Manifest => MANIFEST.as_ref(),
    }
}

/// One schema finding before it is placed in the text.
#[derive(Debug, Clone)]
pub(in crate::model) struct Issue {
    pub rule: &'static RuleMeta,
    pub pointer: String,
    pub at_key: bool,
    pub message: String,
    pub help: Option<String>,
    /// Allowed enum values, for a did-you-mean fix.
    enum_options: Vec<String>,
    /// A plain scalar that YAML typed as a number, boolean or date where a string belongs:
    /// quoting it is a safe fix.
    quote: bool,
}

impl Issue {
    /// A finding with a message and nothing else (no fix).
    pub fn new(rule: &'static RuleMeta, pointer: String, at_key: bool, message: String) -> Issue {
        Issue {
            rule,
            pointer,
            at_key,
            message,
            help: None,
            enum_options: Vec::new(),
            quote: false,
        }
    }
}

/// Validates `document` as a file of `kind`. Returns no findings for a document the syntax stage
/// could not load (its problems are already reported, and a partial tree would mislead).
pub fn validate(kind: FileKind, document: &Document) -> Vec<Diagnostic> {
    if let Some(kind) = kind.v1() {
        return super::v1::validate::validate(kind, document);
    }
    if !document.loadable {
        return Vec::new();
    }
    // Upstream turns an empty platform.yaml (`None`) into `{}`; an empty floe.yaml stays `None`
    // and fails ("Input should be a valid dictionary").
    let empty = serde_json::Map::new();
    let view = match document.root.as_ref().map(Json::of) {
        Some(Json::Null) | None if kind == FileKind::Platform => Json::Object(Object::Map(&empty)),
        Some(view) => view,
        None => Json::Null,
    };
    let mut issues = Vec::new();
    // The document is read in place: only one the fast path cannot call valid is converted to
    // JSON, for the validator (compiled on first use, most of a cold start), which reports its
    // errors. A large valid file is never copied.
    if known_valid::verdict(kind, &view) != Verdict::Valid
        && let Some(compiled) = compiled(kind)
    {
        // The language server keeps the JSON of a document it edits once made (patched with
        // the tree); an empty platform.yaml's is `null`, validated as `{}`.
        let value = match document.json() {
            kept if !kept.is_null() => kept,
            _ => std::borrow::Cow::Owned(view.to_value()),
        };
        compiled.issues(&value, &mut issues);
        // Freeing a large document's JSON is not worth the editor's wait; a small one is freed
        // here, where it costs less than starting a thread.
        if let std::borrow::Cow::Owned(value) = value
            && document.text.len() >= DROP_ELSEWHERE_FROM
        {
            crate::background::drop_elsewhere(value);
        }
    }
    let semantic = super::semantic::check_view(kind, &view);
    // Upstream's own wording for key names wins over the generic propertyNames pattern error.
    issues.retain(|issue| {
        !(issue.rule == &PATTERN_MISMATCH
            && issue.at_key
            && semantic
                .iter()
                .any(|s| s.at_key && s.pointer == issue.pointer))
    });
    issues.extend(semantic.into_iter().map(|s| Issue {
        rule: &INVALID_VALUE,
        pointer: s.pointer,
        at_key: s.at_key,
        message: s.message,
        help: None,
        enum_options: Vec::new(),
        quote: false,
    }));
    dedup(&mut issues);
    issues
        .into_iter()
        .map(|issue| place(issue, document))
        .collect()
}

pub(in crate::model) fn dedup(issues: &mut Vec<Issue>) {
    let mut seen = std::collections::HashSet::new();
    issues.retain(|i| seen.insert((i.rule.code, i.pointer.clone(), i.at_key, i.message.clone())));
}

pub(in crate::model) fn place(mut issue: Issue, document: &Document) -> Diagnostic {
    let span = document.span_of(&issue.pointer, issue.at_key);
    if std::ptr::eq(issue.rule, &UNKNOWN_KEY) && issue.at_key {
        typed_key::explain(
            document,
            &issue.pointer,
            &mut issue.message,
            &mut issue.help,
        );
    }
    let mut diagnostic = Diagnostic::new(issue.rule, &document.file, span, issue.message);
    if let Some(help) = issue.help {
        diagnostic = diagnostic.with_help(help);
    }
    if !issue.enum_options.is_empty()
        && let Some(fix) = enum_fix(document, span, &issue.enum_options)
    {
        diagnostic = diagnostic.with_fix(fix);
    }
    if issue.quote
        && let Some(fix) = quote_fix(document, span)
    {
        diagnostic = diagnostic.with_fix(fix);
    }
    diagnostic
}

/// A JSON pointer as floe prints locations (`catalogs.default.uri`); `<root>` for the root.
pub fn dotted(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the top level".into();
    }
    json_pointer::dotted(pointer)
}

/// Wraps a plain one-line scalar in double quotes, keeping its exact text (`1.0` → `"1.0"`).
fn quote_fix(document: &Document, span: crate::diagnostic::Span) -> Option<crate::diagnostic::Fix> {
    let text = document.text.get(span.start..span.end)?;
    if text.is_empty()
        || text.starts_with(['"', '\'', '|', '>', '!', '&', '*'])
        || text.contains(['\n', '\r', '"', '\\'])
    {
        return None;
    }
    Some(crate::diagnostic::Fix {
        title: format!("Quote `{text}` as a string"),
        applicability: crate::diagnostic::Applicability::Safe,
        edits: vec![crate::diagnostic::Edit {
            span,
            replacement: format!("\"{text}\""),
        }],
    })
}
