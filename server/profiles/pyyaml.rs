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

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::syntax::resolve::{ImplicitTag, python_implicit_tag};

/// A Python value as `yaml.dump` sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
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
    pub fn str(text: impl Into<String>) -> Value {
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
    pub fn str_map<K: Into<String>>(entries: impl IntoIterator<Item = (K, Value)>) -> Value {
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
    let best_indent = 2;
    let mut emitter = Emitter {
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
    };
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

/// `ScalarAnalysis`.
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

impl Emitter {
    /// `Serializer.anchor_node`: anchors are numbered in the order objects are met a second time.
    fn anchor_pass(&mut self, value: &Value) {
        let mut counter = 0usize;
        self.anchor_node(value, &mut counter);
    }

    fn anchor_node(&mut self, value: &Value, counter: &mut usize) {
        if let Some(id) = value.identity() {
            if let Some(slot) = self.anchors.get_mut(&id) {
                if slot.is_none() {
                    *counter += 1;
                    *slot = Some(format!("id{:03}", *counter));
                }
                return;
            }
            self.anchors.insert(id, None);
        }
        match value {
            Value::Seq { items, .. } => {
                for item in items {
                    self.anchor_node(item, counter);
                }
            }
            Value::Map { entries, .. } => {
                for (k, v) in entries {
                    self.anchor_node(k, counter);
                    self.anchor_node(v, counter);
                }
            }
            _ => {}
        }
    }

    fn peek_event(&self, value: &Value) -> Event {
        match value.identity() {
            Some(id) => {
                let anchor = self.anchors.get(&id).cloned().flatten();
                match anchor {
                    Some(a) if self.serialized.contains_key(&id) => Event::Alias(a),
                    other => Event::Node(other),
                }
            }
            None => Event::Node(None),
        }
    }

    // ----- output primitives -------------------------------------------------------------

    fn write_raw(&mut self, data: &str) {
        self.column += data.chars().count();
        self.out.push_str(data);
    }

    fn write_chars(&mut self, data: &[char]) {
        self.column += data.len();
        self.out.extend(data.iter());
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        whitespace: bool,
        indention: bool,
    ) {
        if !self.whitespace && need_whitespace {
            self.out.push(' ');
            self.column += 1;
        }
        self.out.push_str(indicator);
        self.column += indicator.chars().count();
        self.whitespace = whitespace;
        self.indention = self.indention && indention;
        self.open_ended = false;
    }

    fn write_indent(&mut self) {
        let indent = self.indent.unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.write_line_break(None);
        }
        if self.column < indent {
            self.whitespace = true;
            for _ in self.column..indent {
                self.out.push(' ');
            }
            self.column = indent;
        }
    }

    fn write_line_break(&mut self, data: Option<char>) {
        self.whitespace = true;
        self.indention = true;
        self.column = 0;
        self.out.push(data.unwrap_or('\n'));
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        match self.indent {
            None => self.indent = Some(if flow { self.best_indent } else { 0 }),
            Some(i) if !indentless => self.indent = Some(i + self.best_indent),
            Some(_) => {}
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().flatten();
    }

    // ----- nodes ---------------------------------------------------------------------------

    /// `expect_node`.
    fn node(&mut self, value: &Value, context: Context) {
        self.root_context = context.root;
        self.sequence_context = context.sequence;
        self.mapping_context = context.mapping;
        self.simple_key_context = context.simple_key;
        let anchor = match self.peek_event(value) {
            Event::Alias(anchor) => {
                self.write_indicator(&format!("*{anchor}"), true, false, false);
                return;
            }
            Event::Node(anchor) => anchor,
        };
        if let Some(id) = value.identity() {
            self.serialized.insert(id, ());
        }
        if let Some(anchor) = &anchor {
            self.write_indicator(&format!("&{anchor}"), true, false, false);
        }
        match value {
            Value::Seq { items, .. } => {
                if self.flow_level > 0 || items.is_empty() {
                    self.flow_sequence(items);
                } else {
                    self.block_sequence(items);
                }
            }
            Value::Map { entries, .. } => {
                if self.flow_level > 0 || entries.is_empty() {
                    self.flow_mapping(entries);
                } else {
                    self.block_mapping(entries);
                }
            }
            scalar => {
                let (text, implicit_plain) = scalar_text(scalar);
                let chars: Vec<char> = text.chars().collect();
                let analysis = self.analyze(&chars);
                let style = self.choose_style(&analysis, implicit_plain);
                // `process_tag` writes nothing: every style chosen here is implicit for its tag.
                self.increase_indent(true, false);
                let split = !self.simple_key_context;
                match style {
                    Style::Plain => self.write_plain(&chars, split),
                    Style::Single => self.write_single_quoted(&chars, split),
                    Style::Double => self.write_double_quoted(&chars, split),
                }
                self.pop_indent();
            }
        }
    }

    fn flow_sequence(&mut self, items: &[Value]) {
        self.write_indicator("[", true, true, false);
        self.flow_level += 1;
        self.increase_indent(true, false);
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.write_indicator(",", false, false, false);
            }
            if self.column > self.best_width {
                self.write_indent();
            }
            self.node(item, Context::SEQUENCE);
        }
        self.pop_indent();
        self.flow_level -= 1;
        self.write_indicator("]", false, false, false);
    }

    fn flow_mapping(&mut self, entries: &[(Value, Value)]) {
        self.write_indicator("{", true, true, false);
        self.flow_level += 1;
        self.increase_indent(true, false);
        for (index, (key, value)) in entries.iter().enumerate() {
            if index > 0 {
                self.write_indicator(",", false, false, false);
            }
            if self.column > self.best_width {
                self.write_indent();
            }
            if self.check_simple_key(key) {
                self.node(key, Context::SIMPLE_KEY);
                self.write_indicator(":", false, false, false);
            } else {
                self.write_indicator("?", true, false, false);
                self.node(key, Context::MAPPING);
                if self.column > self.best_width {
                    self.write_indent();
                }
                self.write_indicator(":", true, false, false);
            }
            self.node(value, Context::MAPPING);
        }
        self.pop_indent();
        self.flow_level -= 1;
        self.write_indicator("}", false, false, false);
    }

    fn block_sequence(&mut self, items: &[Value]) {
        let indentless = self.mapping_context && !self.indention;
        self.increase_indent(false, indentless);
        for item in items {
            self.write_indent();
            self.write_indicator("-", true, false, true);
            self.node(item, Context::SEQUENCE);
        }
        self.pop_indent();
    }

    fn block_mapping(&mut self, entries: &[(Value, Value)]) {
        self.increase_indent(false, false);
        for (key, value) in entries {
            self.write_indent();
            if self.check_simple_key(key) {
                self.node(key, Context::SIMPLE_KEY);
                self.write_indicator(":", false, false, false);
            } else {
                self.write_indicator("?", true, false, true);
                self.node(key, Context::MAPPING);
                self.write_indent();
                self.write_indicator(":", true, false, true);
            }
            self.node(value, Context::MAPPING);
        }
        self.pop_indent();
    }

    /// `check_simple_key`, for the key about to be written.
    fn check_simple_key(&self, key: &Value) -> bool {
        let mut length = 0;
        let anchor = match self.peek_event(key) {
            Event::Alias(anchor) => return anchor.len() < 128,
            Event::Node(anchor) => anchor,
        };
        if let Some(anchor) = anchor {
            length += anchor.chars().count();
        }
        match key {
            Value::Seq { items, .. } => length + "!!seq".len() < 128 && items.is_empty(),
            Value::Map { entries, .. } => length + "!!map".len() < 128 && entries.is_empty(),
            scalar => {
                let (text, _) = scalar_text(scalar);
                let chars: Vec<char> = text.chars().collect();
                let analysis = self.analyze(&chars);
                // The event's tag is counted too, as `prepare_tag` writes it (`!!str`), even
                // though an implicit tag is never written.
                length += tag_shorthand(scalar).len() + chars.len();
                length < 128 && !analysis.empty && !analysis.multiline
            }
        }
    }

    // ----- scalars -------------------------------------------------------------------------

    /// `analyze_scalar`.
    fn analyze(&self, scalar: &[char]) -> Analysis {
        if scalar.is_empty() {
            return Analysis {
                empty: true,
                multiline: false,
                allow_flow_plain: false,
                allow_block_plain: true,
                allow_single_quoted: true,
            };
        }
        let mut block_indicators = false;
        let mut flow_indicators = false;
        let mut line_breaks = false;
        let mut special_characters = false;
        let mut leading_space = false;
        let mut leading_break = false;
        let mut trailing_space = false;
        let mut trailing_break = false;
        let mut break_space = false;
        let mut space_break = false;

        if scalar.starts_with(&['-', '-', '-']) || scalar.starts_with(&['.', '.', '.']) {
            block_indicators = true;
            flow_indicators = true;
        }
        let mut preceded_by_whitespace = true;
        let mut followed_by_whitespace = scalar.len() == 1 || is_space_or_break(scalar[1]);
        let mut previous_space = false;
        let mut previous_break = false;
        let len = scalar.len();
        for (index, &ch) in scalar.iter().enumerate() {
            if index == 0 {
                if "#,[]{}&*!|>'\"%@`".contains(ch) {
                    flow_indicators = true;
                    block_indicators = true;
                }
                if ch == '?' || ch == ':' {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                if ch == '-' && followed_by_whitespace {
                    flow_indicators = true;
                    block_indicators = true;
                }
            } else {
                if ",?[]{}".contains(ch) {
                    flow_indicators = true;
                }
                if ch == ':' {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                if ch == '#' && preceded_by_whitespace {
                    flow_indicators = true;
                    block_indicators = true;
                }
            }
            if is_break(ch) {
                line_breaks = true;
            }
            if !(ch == '\n' || ('\x20'..='\x7E').contains(&ch)) {
                let unicode = (ch == '\u{85}'
                    || ('\u{A0}'..='\u{D7FF}').contains(&ch)
                    || ('\u{E000}'..='\u{FFFD}').contains(&ch)
                    || ('\u{10000}'..'\u{10FFFF}').contains(&ch))
                    && ch != '\u{FEFF}';
                if !unicode || !self.allow_unicode {
                    special_characters = true;
                }
            }
            if ch == ' ' {
                if index == 0 {
                    leading_space = true;
                }
                if index == len - 1 {
                    trailing_space = true;
                }
                if previous_break {
                    break_space = true;
                }
                previous_space = true;
                previous_break = false;
            } else if is_break(ch) {
                if index == 0 {
                    leading_break = true;
                }
                if index == len - 1 {
                    trailing_break = true;
                }
                if previous_space {
                    space_break = true;
                }
                previous_space = false;
                previous_break = true;
            } else {
                previous_space = false;
                previous_break = false;
            }
            preceded_by_whitespace = is_space_or_break(ch);
            followed_by_whitespace = index + 2 >= len || is_space_or_break(scalar[index + 2]);
        }

        let mut allow_flow_plain = true;
        let mut allow_block_plain = true;
        let mut allow_single_quoted = true;
        if leading_space || leading_break || trailing_space || trailing_break {
            allow_flow_plain = false;
            allow_block_plain = false;
        }
        if break_space {
            allow_flow_plain = false;
            allow_block_plain = false;
            allow_single_quoted = false;
        }
        if space_break || special_characters {
            allow_flow_plain = false;
            allow_block_plain = false;
            allow_single_quoted = false;
        }
        if line_breaks {
            allow_flow_plain = false;
            allow_block_plain = false;
        }
        if flow_indicators {
            allow_flow_plain = false;
        }
        if block_indicators {
            allow_block_plain = false;
        }
        Analysis {
            empty: false,
            multiline: line_breaks,
            allow_flow_plain,
            allow_block_plain,
            allow_single_quoted,
        }
    }

    /// `choose_scalar_style` for an event with no requested style.
    fn choose_style(&self, analysis: &Analysis, implicit_plain: bool) -> Style {
        if implicit_plain
            && !(self.simple_key_context && (analysis.empty || analysis.multiline))
            && ((self.flow_level > 0 && analysis.allow_flow_plain)
                || (self.flow_level == 0 && analysis.allow_block_plain))
        {
            return Style::Plain;
        }
        if analysis.allow_single_quoted && !(self.simple_key_context && analysis.multiline) {
            return Style::Single;
        }
        Style::Double
    }

    fn write_plain(&mut self, text: &[char], split: bool) {
        if self.root_context {
            self.open_ended = true;
        }
        if text.is_empty() {
            return;
        }
        if !self.whitespace {
            self.write_raw(" ");
        }
        self.whitespace = false;
        self.indention = false;
        let mut spaces = false;
        let mut breaks = false;
        let (mut start, mut end) = (0usize, 0usize);
        while end <= text.len() {
            let ch = text.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end && self.column > self.best_width && split {
                        self.write_indent();
                        self.whitespace = false;
                        self.indention = false;
                    } else {
                        self.write_chars(&text[start..end]);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_break) {
                    if text[start] == '\n' {
                        self.write_line_break(None);
                    }
                    for &br in &text[start..end] {
                        self.write_line_break(if br == '\n' { None } else { Some(br) });
                    }
                    self.write_indent();
                    self.whitespace = false;
                    self.indention = false;
                    start = end;
                }
            } else if ch.is_none_or(|c| c == ' ' || is_break(c)) {
                self.write_chars(&text[start..end]);
                start = end;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_break(c);
            }
            end += 1;
        }
    }

    fn write_single_quoted(&mut self, text: &[char], split: bool) {
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let (mut start, mut end) = (0usize, 0usize);
        while end <= text.len() {
            let ch = text.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end
                        && self.column > self.best_width
                        && split
                        && start != 0
                        && end != text.len()
                    {
                        self.write_indent();
                    } else {
                        self.write_chars(&text[start..end]);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_break) {
                    if text[start] == '\n' {
                        self.write_line_break(None);
                    }
                    for &br in &text[start..end] {
                        self.write_line_break(if br == '\n' { None } else { Some(br) });
                    }
                    self.write_indent();
                    start = end;
                }
            } else if ch.is_none_or(|c| c == ' ' || c == '\'' || is_break(c)) && start < end {
                self.write_chars(&text[start..end]);
                start = end;
            }
            if ch == Some('\'') {
                self.write_raw("''");
                start = end + 1;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_break(c);
            }
            end += 1;
        }
        self.write_indicator("'", false, false, false);
    }

    fn write_double_quoted(&mut self, text: &[char], split: bool) {
        self.write_indicator("\"", true, false, false);
        let (mut start, mut end) = (0usize, 0usize);
        while end <= text.len() {
            let ch = text.get(end).copied();
            let needs_escape = match ch {
                None => true,
                Some(c) => {
                    matches!(
                        c,
                        '"' | '\\' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
                    ) || !(('\x20'..='\x7E').contains(&c)
                        || (self.allow_unicode
                            && (('\u{A0}'..='\u{D7FF}').contains(&c)
                                || ('\u{E000}'..='\u{FFFD}').contains(&c))))
                }
            };
            if needs_escape {
                if start < end {
                    self.write_chars(&text[start..end]);
                    start = end;
                }
                if let Some(c) = ch {
                    let data = escape(c);
                    self.write_raw(&data);
                    start = end + 1;
                }
            }
            if 0 < end
                && end + 1 < text.len()
                && (ch == Some(' ') || start >= end)
                && self.column as isize + (end as isize - start as isize) > self.best_width as isize
                && split
            {
                let mut data: Vec<char> = if start < end {
                    text[start..end].to_vec()
                } else {
                    Vec::new()
                };
                data.push('\\');
                if start < end {
                    start = end;
                }
                self.write_chars(&data);
                self.write_indent();
                self.whitespace = false;
                self.indention = false;
                if text.get(start) == Some(&' ') {
                    self.write_raw("\\");
                }
            }
            end += 1;
        }
        self.write_indicator("\"", false, false, false);
    }
}

fn escape(ch: char) -> String {
    let named = match ch {
        '\0' => Some('0'),
        '\x07' => Some('a'),
        '\x08' => Some('b'),
        '\x09' => Some('t'),
        '\x0A' => Some('n'),
        '\x0B' => Some('v'),
        '\x0C' => Some('f'),
        '\x0D' => Some('r'),
        '\x1B' => Some('e'),
        '"' => Some('"'),
        '\\' => Some('\\'),
        '\u{85}' => Some('N'),
        '\u{A0}' => Some('_'),
        '\u{2028}' => Some('L'),
        '\u{2029}' => Some('P'),
        _ => None,
    };
    if let Some(n) = named {
        return format!("\\{n}");
    }
    let code = u32::from(ch);
    if code <= 0xFF {
        format!("\\x{code:02X}")
    } else if code <= 0xFFFF {
        format!("\\u{code:04X}")
    } else {
        format!("\\U{code:08X}")
    }
}

/// The text the representer gives a scalar, and `implicit[0]` (whether, written plain, it would
/// resolve back to its own type).
fn scalar_text(value: &Value) -> (String, bool) {
    match value {
        Value::Null => ("null".into(), true),
        Value::Bool(b) => ((if *b { "true" } else { "false" }).into(), true),
        Value::Int(i) => (i.to_string(), true),
        Value::Float(f) => (float_text(*f), true),
        Value::Timestamp { text, .. } => (text.clone(), true),
        Value::Str(s) => (s.clone(), plain_resolves_to_str(s)),
        // Collections are never scalars; callers match them first.
        Value::Seq { .. } | Value::Map { .. } => (String::new(), false),
    }
}

/// The `!!` shorthand of a scalar's tag (`tag:yaml.org,2002:str` → `!!str`).
fn tag_shorthand(value: &Value) -> &'static str {
    match value {
        Value::Null => "!!null",
        Value::Bool(_) => "!!bool",
        Value::Int(_) => "!!int",
        Value::Float(_) => "!!float",
        Value::Str(_) => "!!str",
        Value::Timestamp { .. } => "!!timestamp",
        Value::Seq { .. } => "!!seq",
        Value::Map { .. } => "!!map",
    }
}

/// `SafeRepresenter.represent_float`: `repr()`, lower-cased, with `.0` added before an exponent
/// when there is no dot (`1e+17` → `1.0e+17`).
pub fn float_text(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.into();
    }
    let value = crate::syntax::python::repr_float(f).to_ascii_lowercase();
    if !value.contains('.') && value.contains('e') {
        value.replacen('e', ".0e", 1)
    } else {
        value
    }
}

// Captures are needed here: a regex, compiled on first use.
static TIMESTAMP_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
    r"^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$"
    ).expect("static regex compiles")
});

/// Whether `text`, written as a plain scalar, would load back as a string: the serializer's
/// `implicit` flag, from PyYAML's resolvers ([`python_implicit_tag`]).
pub fn plain_resolves_to_str(text: &str) -> bool {
    python_implicit_tag(text) == ImplicitTag::Str
}

/// What `SafeConstructor.construct_yaml_timestamp` builds from a plain timestamp, written back by
/// the representer (`date.isoformat()` / `datetime.isoformat(' ')`). `None` when Python raises
/// (an impossible date, an hour of 24, an offset of a day or more).
pub fn python_timestamp(text: &str) -> Option<String> {
    let caps = TIMESTAMP_PARTS
        .captures(text)
        .or_else(|| TIMESTAMP_PARTS.captures(text.strip_suffix('\n')?))?;
    let number = |i: usize| -> Option<u32> { caps.get(i).and_then(|m| m.as_str().parse().ok()) };
    let year = number(1)?;
    let month = number(2)?;
    let day = number(3)?;
    if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    if caps.get(4).is_none_or(|m| m.as_str().is_empty()) {
        return Some(date);
    }
    let (hour, minute, second) = (number(4)?, number(5)?, number(6)?);
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut out = format!("{date} {hour:02}:{minute:02}:{second:02}");
    if let Some(fraction) = caps.get(7).map(|m| m.as_str()).filter(|f| !f.is_empty()) {
        let mut digits: String = fraction.chars().take(6).collect();
        while digits.len() < 6 {
            digits.push('0');
        }
        if digits != "000000" {
            out.push('.');
            out.push_str(&digits);
        }
    }
    if let Some(sign) = caps.get(9) {
        let minutes = number(10)? * 60 + number(11).unwrap_or(0);
        if minutes >= 24 * 60 {
            return None;
        }
        let sign = if sign.as_str() == "-" && minutes != 0 {
            '-'
        } else {
            '+'
        };
        out.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
    } else if caps.get(8).is_some() {
        out.push_str("+00:00");
    }
    Some(out)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
