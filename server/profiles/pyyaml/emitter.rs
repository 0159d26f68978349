//! The emitter's structure: anchors, the output primitives (`write_indicator`, `write_indent`)
//! and the nodes (`expect_node`, block and flow collections, `check_simple_key`).

use super::*;

impl Emitter {
    /// `Serializer.anchor_node`: anchors are numbered in the order objects are met a second time.
    pub(super) fn anchor_pass(&mut self, value: &Value) {
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

    pub(super) fn write_raw(&mut self, data: &str) {
        self.column += data.chars().count();
        self.out.push_str(data);
    }

    pub(super) fn write_chars(&mut self, data: &[char]) {
        self.column += data.len();
        self.out.extend(data.iter());
    }

    pub(super) fn write_indicator(
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

    pub(super) fn write_indent(&mut self) {
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

    pub(super) fn write_line_break(&mut self, data: Option<char>) {
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
    pub(super) fn node(&mut self, value: &Value, context: Context) {
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
                let chars = self.take_chars(&text);
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
                self.chars = chars;
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

    /// `text` as characters, in the buffer kept between scalars (a profiles.yml is mostly short
    /// scalars, and one vector each was most of its allocations); give it back in `self.chars`.
    fn take_chars(&mut self, text: &str) -> Vec<char> {
        let mut chars = std::mem::take(&mut self.chars);
        chars.clear();
        chars.extend(text.chars());
        chars
    }

    /// `check_simple_key`, for the key about to be written.
    fn check_simple_key(&mut self, key: &Value) -> bool {
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
                let chars = self.take_chars(&text);
                let analysis = self.analyze(&chars);
                // The event's tag is counted too, as `prepare_tag` writes it (`!!str`), even
                // though an implicit tag is never written.
                length += tag_shorthand(scalar).len() + chars.len();
                self.chars = chars;
                length < 128 && !analysis.empty && !analysis.multiline
            }
        }
    }
}
