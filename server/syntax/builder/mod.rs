//! Parser events → spanned tree, with every duplicate key, merge keys, and aliases expanded
//! under a budget.

mod collections;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use compact_str::CompactString;
use granit_parser::{Event, Parser, ScanError, Span as EventSpan};

use super::resolve::{Scalar, resolve_plain, resolve_tagged};
use super::tree::{Entry, Node, NodeValue, ScalarStyle};
use super::{Comment, Limits};
use crate::diagnostic::codes::syntax::{
    ALIAS_LIMIT, DUPLICATE_KEY, MULTIPLE_DOCUMENTS, UNLOADABLE_VALUE, YAML_SYNTAX,
};
use crate::diagnostic::{Diagnostic, Span};

/// What [`build`] produces from one text.
pub struct Built {
    /// The first document's root; `None` for an empty stream. Partial when a syntax error stopped
    /// the parser (open collections are closed where the error was).
    pub root: Option<Node>,
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
    /// False when a syntax error cut the document short.
    pub complete: bool,
    /// True when no part of the tree depends on text far from it: no anchors, aliases or merge
    /// keys, no `---` / `...` markers or directives. Only then may one entry be re-parsed alone
    /// (`super::incremental`).
    pub self_contained: bool,
}

enum Frame {
    Sequence {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
        flow: bool,
    },
    Mapping {
        entries: Vec<Entry>,
        pending_key: Option<Node>,
        start: usize,
        anchor: usize,
        flow: bool,
    },
}

struct Builder<'a> {
    file: &'a Arc<Path>,
    limits: &'a Limits,
    stack: Vec<Frame>,
    /// Each anchored node and its size (counted once, when anchored).
    anchors: HashMap<usize, (Node, usize)>,
    root: Option<Node>,
    diagnostics: Vec<Diagnostic>,
    comments: Vec<Comment>,
    expanded_by_aliases: usize,
    /// Set once the alias budget is exceeded: one finding explains it, the rest stay silent.
    alias_budget_spent: bool,
    documents: usize,
    self_contained: bool,
    /// Emptied vectors of closed collections, kept to collect the next ones' items in: each
    /// collection is then one allocation of its exact size ([`collections::exact`]), not a
    /// vector grown push by push and shrunk.
    spare_items: Vec<Vec<Node>>,
    spare_entries: Vec<Vec<Entry>>,
}

fn byte_range(span: &EventSpan) -> Span {
    let start = span.start.byte_offset().unwrap_or(span.start.index());
    let end = span.end.byte_offset().unwrap_or(span.end.index());
    Span::new(start, end)
}

/// Builds the tree of `text` (already decoded) and reports what stops it loading as upstream loads it.
pub fn build(file: &Arc<Path>, text: &str, limits: &Limits) -> Built {
    let options = granit_parser::options! {
        max_buffered_comment_events: 1 << 16,
        block_nesting_limit: limits.max_depth,
        flow_nesting_limit: limits.max_depth,
    };
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut builder = Builder {
        file,
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        diagnostics: Vec::new(),
        comments: Vec::new(),
        expanded_by_aliases: 0,
        alias_budget_spent: false,
        documents: 0,
        self_contained: true,
        spare_items: Vec::new(),
        spare_entries: Vec::new(),
    };
    let mut complete = true;
    loop {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => {
                if builder.on_event(event, &span, text).is_break() {
                    break;
                }
            }
            Some(Err(error)) => {
                complete = false;
                builder.syntax_error(&error, text);
                builder.close_open_frames();
                // Later documents may hold further syntax errors; report them too (bounded: each
                // recovery moves forward through the input).
                match parser.proceed_next_document() {
                    Ok(true) => continue,
                    _ => break,
                }
            }
        }
    }
    Built {
        root: builder.root,
        comments: builder.comments,
        diagnostics: builder.diagnostics,
        complete,
        self_contained: builder.self_contained,
    }
}

impl Builder<'_> {
    fn on_event(
        &mut self,
        event: Event<'_>,
        span: &EventSpan,
        text: &str,
    ) -> std::ops::ControlFlow<()> {
        let range = byte_range(span);
        match event {
            Event::StreamStart | Event::StreamEnd => {}
            // An explicit `...` ends the document early: what follows depends on it.
            Event::DocumentEnd if !range.is_empty() => self.self_contained = false,
            Event::DocumentEnd => {}
            Event::DocumentStart(explicit, version) => {
                self.documents += 1;
                if explicit || version.is_some() {
                    self.self_contained = false;
                }
                if self.documents == 2 {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &MULTIPLE_DOCUMENTS,
                            self.file,
                            range,
                            "expected a single document in the stream, but found another document",
                        )
                        .with_help("floe loads the file with yaml.safe_load, which accepts exactly one document: remove the `---` and everything after it, or move it to its own file"),
                    );
                }
                if self.documents >= 2 {
                    self.stack.clear();
                }
            }
            Event::Comment(..) if self.documents <= 1 => {
                self.comments.push(Comment { span: range });
            }
            Event::Comment(..) => {}
            Event::Anchor(..) | Event::UnresolvedAlias(_) => {}
            Event::Alias(id) => {
                self.self_contained = false;
                let node = self.expand_alias(id, range);
                self.push_node(node);
            }
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    granit_parser::ScalarStyle::Plain => ScalarStyle::Plain,
                    granit_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    granit_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    granit_parser::ScalarStyle::Literal => ScalarStyle::Literal,
                    _ => ScalarStyle::Folded,
                };
                let scalar = match (&tag, style) {
                    (Some(tag), _) => resolve_tagged(&value, &tag_name(tag)),
                    (None, ScalarStyle::Plain) => resolve_plain(&value),
                    (None, _) => Scalar::Str,
                };
                if let Scalar::Unconstructable { tag } = &scalar {
                    let tag_span = span.tag_span().map(|s| byte_range(&s)).unwrap_or(range);
                    self.diagnostics.push(
                        Diagnostic::new(
                            &UNLOADABLE_VALUE,
                            self.file,
                            if tag_span.is_empty() { range } else { tag_span },
                            format!("could not determine a constructor for the tag '{tag}'"),
                        )
                        .with_help("yaml.safe_load only builds plain YAML types; remove the tag or quote the value"),
                    );
                }
                let node = Node {
                    value: NodeValue::Scalar {
                        value: scalar,
                        text: CompactString::from(value),
                        style,
                    },
                    span: range,
                };
                if anchor != 0 {
                    self.self_contained = false;
                    self.anchors.insert(anchor, (node.clone(), 1));
                }
                self.push_node(node);
            }
            Event::SequenceStart(style, anchor, tag) => {
                self.self_contained &= anchor == 0;
                self.check_collection_tag(tag.as_deref(), span, "seq");
                self.stack.push(Frame::Sequence {
                    items: self.spare_items.pop().unwrap_or_default(),
                    start: range.start,
                    anchor,
                    flow: style == granit_parser::StructureStyle::Flow,
                });
            }
            Event::MappingStart(style, anchor, tag) => {
                self.self_contained &= anchor == 0;
                self.check_collection_tag(tag.as_deref(), span, "map");
                self.stack.push(Frame::Mapping {
                    entries: self.spare_entries.pop().unwrap_or_default(),
                    pending_key: None,
                    start: range.start,
                    anchor,
                    flow: style == granit_parser::StructureStyle::Flow,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(frame) = self.stack.pop() {
                    let node = self.finish(frame, Some(range), text);
                    self.push_node(node);
                }
            }
            // Future presentation-only events carry no data.
            _ => {}
        }
        std::ops::ControlFlow::Continue(())
    }

    fn check_collection_tag(
        &mut self,
        tag: Option<&granit_parser::Tag>,
        span: &EventSpan,
        expected: &str,
    ) {
        let Some(tag) = tag else { return };
        let name = tag_name(tag);
        if name != format!("tag:yaml.org,2002:{expected}") && name != "!" {
            let range = span
                .tag_span()
                .map(|s| byte_range(&s))
                .unwrap_or_else(|| byte_range(span));
            self.diagnostics.push(
                Diagnostic::new(
                    &UNLOADABLE_VALUE,
                    self.file,
                    range,
                    format!("could not determine a constructor for the tag '{name}'"),
                )
                .with_help("yaml.safe_load only builds plain YAML types; remove the tag"),
            );
        }
    }

    fn expand_alias(&mut self, id: usize, range: Span) -> Node {
        let placeholder = Node::null(range);
        let Some((target, size)) = self.anchors.get(&id) else {
            self.diagnostics.push(Diagnostic::new(
                &ALIAS_LIMIT,
                self.file,
                range,
                "alias refers to a node that contains it (a recursive structure); floe cannot load it",
            ));
            return placeholder;
        };
        if self.expanded_by_aliases.saturating_add(*size) > self.limits.max_alias_nodes {
            if self.alias_budget_spent {
                return placeholder;
            }
            self.alias_budget_spent = true;
            self.diagnostics.push(
                Diagnostic::new(
                    &ALIAS_LIMIT,
                    self.file,
                    range,
                    format!(
                        "aliases expand to more than {} nodes; expansion stopped here",
                        self.limits.max_alias_nodes
                    ),
                )
                .with_help("this looks like an alias bomb (\"billion laughs\"); write the values out or use fewer nested aliases"),
            );
            return placeholder;
        }
        self.expanded_by_aliases += *size;
        target.clone()
    }

    fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.documents <= 1 && self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => entries.push(Entry {
                    key,
                    value: node,
                    merged: false,
                }),
            },
        }
    }

    fn syntax_error(&mut self, error: &ScanError, text: &str) {
        let marker = error.marker();
        let offset = marker
            .byte_offset()
            .unwrap_or(marker.index())
            .min(text.len());
        // Point at the character where the parser stopped (one char wide, for visibility).
        let end = text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        let info = error.info();
        // A quote left open on an earlier line is the cause; the parser only noticed here.
        if let Some(found) =
            super::unclosed::diagnostic(self.file, text, Span::new(offset, end), &info)
        {
            self.diagnostics.push(found);
            return;
        }
        let mut diagnostic = Diagnostic::new(
            &YAML_SYNTAX,
            self.file,
            Span::new(offset, end),
            info.clone(),
        );
        if text.as_bytes().get(offset) == Some(&b'\t') || info.contains("tab") {
            diagnostic = diagnostic
                .with_help("YAML does not allow tabs for indentation; indent with spaces");
        }
        self.diagnostics.push(diagnostic);
    }

    /// After a syntax error: close every open collection so the partial tree stays usable.
    fn close_open_frames(&mut self) {
        while let Some(frame) = self.stack.pop() {
            let node = self.finish(frame, None, "");
            self.push_node(node);
        }
    }
}

fn tag_name(tag: &granit_parser::Tag) -> String {
    format!("{}{}", tag.handle(), tag.suffix())
}
