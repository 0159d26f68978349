//! A port of PyYAML 6.0.3's `yaml.dump(data, sort_keys=False, default_flow_style=False,
//! allow_unicode=True)` (and `yaml.safe_dump`, which writes the same bytes for these types), for
//! the Python values a YAML load can produce: `dict` in insertion order, `list`, `str`, `int`,
//! `float`, `bool`, `None`, `datetime.date` and `datetime.datetime`.
//!
//! The emitter follows PyYAML's `emitter.py` state by state (`expect_block_mapping`,
//! `expect_block_sequence`, `check_simple_key`, `analyze_scalar`, `choose_scalar_style`,
//! `write_plain`, `write_single_quoted`, `write_double_quoted`, `write_indent`), with the same
//! column bookkeeping, so line folding at `best_width` (80 unless `width` says otherwise) lands
//! on the same space. The representer side is ported too: `repr()` of floats with PyYAML's `.0`
//! fix, the `implicit` flags the serializer computes from the resolver (which decide whether a
//! string can stay plain), and `&id001`/`*id001` anchors for a list, dict or date object that is
//! reached twice.
//!
//! Never used: block scalar styles (`|`, `>`), which PyYAML only picks when asked for a style;
//! tags, which no value here needs; non-empty flow collections, which `default_flow_style=False`
//! rules out (empty ones are written `[]` and `{}`, as PyYAML does).

mod emitter;
mod represent;
mod scalar;

pub use represent::{float_text, plain_resolves_to_str, python_timestamp};
use represent::{scalar_text, tag_shorthand};

use std::collections::HashMap;
use std::sync::LazyLock;

use compact_str::CompactString;
use regex::Regex;

use crate::syntax::resolve::{ImplicitTag, python_implicit_tag};

/// A Python value as `yaml.dump` sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    /// Inline up to 24 bytes: a generated profiles.yml is mostly short keys and values, each
    /// otherwise an allocation of its own.
    Str(CompactString),
    /// A `datetime.date`/`datetime.datetime`, as its `isoformat` text (see [`python_timestamp`]).
    /// `id` is the Python object identity: two values with the same `id` are one object.
    Timestamp {
        text: String,
        id: Option<usize>,
    },
    Seq {
        items: Vec<Value>,
        id: Option<usize>,
    },
    /// A `dict`, in insertion order. Keys should be unique, as in a Python dict.
    Map {
        entries: Vec<(Value, Value)>,
        id: Option<usize>,
    },
}

impl Value {
    pub fn str(text: impl Into<CompactString>) -> Value {
        Value::Str(text.into())
    }

    /// A fresh list (its own object).
    pub fn seq(items: Vec<Value>) -> Value {
        Value::Seq { items, id: None }
    }

    /// A fresh dict (its own object).
    pub fn map(entries: Vec<(Value, Value)>) -> Value {
        Value::Map { entries, id: None }
    }

    /// A fresh dict with string keys.
    pub fn str_map<K: Into<CompactString>>(entries: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::map(
            entries
                .into_iter()
                .map(|(k, v)| (Value::Str(k.into()), v))
                .collect(),
        )
    }

    fn identity(&self) -> Option<usize> {
        match self {
            Value::Timestamp { id, .. } | Value::Seq { id, .. } | Value::Map { id, .. } => *id,
            _ => None,
        }
    }
}

/// `yaml.dump` keyword arguments that matter here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DumpOptions {
    /// `width=`: PyYAML uses it when it is more than twice the indent, else 80.
    pub width: Option<usize>,
    /// `allow_unicode=`: write printable non-ASCII as is instead of escaping it.
    pub allow_unicode: bool,
}

impl DumpOptions {
    /// `yaml.dump(..., sort_keys=False, default_flow_style=False, allow_unicode=True)`: what
    /// floe-runtime's `DbtProfilesGenerator.write_profiles_yml` uses.
    pub const RUNTIME: DumpOptions = DumpOptions {
        width: None,
        allow_unicode: true,
    };

    /// `yaml.safe_dump(..., default_flow_style=False, allow_unicode=True, sort_keys=False,
    /// width=120)`: what floe-dbt's `ProfileWriter` uses.
    pub const WRITER: DumpOptions = DumpOptions {
        width: Some(120),
        allow_unicode: true,
    };
}

/// Serialises `value` exactly as PyYAML would (one implicit document, `\n` line breaks).
pub fn dump(value: &Value, options: DumpOptions) -> String {
    let mut emitter = Emitter::new(options);
    emitter.anchor_pass(value);
    // Document start: always implicit for `yaml.dump` (its events carry a tag, so
    // `check_empty_document` never holds).
    emitter.node(value, Context::ROOT);
    // Document end (not explicit).
    emitter.write_indent();
    // Stream end.
    if emitter.open_ended {
        emitter.write_indicator("...", true, false, false);
        emitter.write_indent();
    }
    emitter.out
}

#[derive(Clone, Copy)]
struct Context {
    root: bool,
    sequence: bool,
    mapping: bool,
    simple_key: bool,
}

impl Context {
    const ROOT: Context = Context {
        root: true,
        sequence: false,
        mapping: false,
        simple_key: false,
    };
    const SEQUENCE: Context = Context {
        root: false,
        sequence: true,
        mapping: false,
        simple_key: false,
    };
    const MAPPING: Context = Context {
        root: false,
        sequence: false,
        mapping: true,
        simple_key: false,
    };
    const SIMPLE_KEY: Context = Context {
        root: false,
        sequence: false,
        mapping: true,
        simple_key: true,
    };
}

impl Emitter {
    fn new(options: DumpOptions) -> Emitter {
        let best_indent = 2;
        Emitter {
            out: String::new(),
            indents: Vec::new(),
            indent: None,
            flow_level: 0,
            root_context: false,
            sequence_context: false,
            mapping_context: false,
            simple_key_context: false,
            column: 0,
            whitespace: true,
            indention: true,
            open_ended: false,
            best_indent,
            best_width: match options.width {
                Some(w) if w > best_indent * 2 => w,
                _ => 80,
            },
            allow_unicode: options.allow_unicode,
            anchors: HashMap::new(),
            serialized: HashMap::new(),
            chars: Vec::new(),
        }
    }
}

/// `ScalarAnalysis`.
#[derive(Debug, PartialEq)]
struct Analysis {
    empty: bool,
    multiline: bool,
    allow_flow_plain: bool,
    allow_block_plain: bool,
    allow_single_quoted: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
}

/// What the serializer turns a node into, before it is written.
enum Event {
    Alias(String),
    Node(Option<String>),
}

struct Emitter {
    out: String,
    indents: Vec<Option<usize>>,
    indent: Option<usize>,
    flow_level: usize,
    root_context: bool,
    sequence_context: bool,
    mapping_context: bool,
    simple_key_context: bool,
    column: usize,
    whitespace: bool,
    indention: bool,
    open_ended: bool,
    best_indent: usize,
    best_width: usize,
    allow_unicode: bool,
    /// `Serializer.anchors`: object identity → anchor name once it is seen twice.
    anchors: HashMap<usize, Option<String>>,
    /// Identities already written (later occurrences become aliases).
    serialized: HashMap<usize, ()>,
    /// The scalar being written, as characters (reused: see `node`).
    chars: Vec<char>,
}

fn is_break(ch: char) -> bool {
    matches!(ch, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_space_or_break(ch: char) -> bool {
    matches!(
        ch,
        '\0' | ' ' | '\t' | '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}
