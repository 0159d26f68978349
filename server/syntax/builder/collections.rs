//! Closing a collection: a sequence or mapping node with its span, `<<` merge keys expanded
//! and duplicate keys reported, as PyYAML's constructor does.

use super::*;

impl Builder<'_> {
    /// Completes a collection. `end` is the closing event's span (None when a syntax error cut it).
    pub(super) fn finish(&mut self, frame: Frame, end: Option<Span>, _text: &str) -> Node {
        match frame {
            Frame::Sequence {
                items,
                start,
                anchor,
                flow,
            } => {
                let last = items.last().map_or(start, |n| n.span.end);
                let stop = match (flow, end) {
                    (true, Some(e)) => e.end.max(last),
                    _ => last,
                };
                let size = 1 + items.iter().map(|n| n.size).sum::<usize>();
                let node = Node {
                    value: NodeValue::Sequence(items),
                    span: Span::new(start, stop),
                    size,
                };
                if anchor != 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                node
            }
            Frame::Mapping {
                entries,
                pending_key,
                start,
                anchor,
                flow,
            } => {
                let mut entries = entries;
                if let Some(key) = pending_key {
                    // A key whose value never came (syntax error): keep it with a null value.
                    let value = Node {
                        value: NodeValue::Scalar {
                            value: Scalar::Null,
                            text: String::new(),
                            style: ScalarStyle::Plain,
                        },
                        span: Span::point(key.span.end),
                        size: 1,
                    };
                    entries.push((key, value));
                }
                let last = entries.last().map_or(start, |(_, v)| v.span.end);
                let stop = match (flow, end) {
                    (true, Some(e)) => e.end.max(last),
                    _ => last,
                };
                let entries = self.merge_and_check_duplicates(entries);
                let size = 1 + entries
                    .iter()
                    .map(|e| e.key.size + e.value.size)
                    .sum::<usize>();
                let node = Node {
                    value: NodeValue::Mapping(super::super::tree::Entries::new(entries)),
                    span: Span::new(start, stop),
                    size,
                };
                if anchor != 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                node
            }
        }
    }

    /// Applies `<<` merge keys as PyYAML does and reports every duplicate explicit key.
    fn merge_and_check_duplicates(&mut self, raw: Vec<(Node, Node)>) -> Vec<Entry> {
        let mut explicit: Vec<Entry> = Vec::with_capacity(raw.len());
        let mut merge_sources: Vec<Node> = Vec::new();
        let mut first_seen: HashMap<String, Span> = HashMap::new();
        for (key, value) in raw {
            let is_merge = matches!(&key.value, NodeValue::Scalar { text, style: ScalarStyle::Plain, .. } if text == "<<");
            if is_merge {
                self.self_contained = false;
                match &value.value {
                    NodeValue::Mapping(_) => merge_sources.push(value),
                    NodeValue::Sequence(items)
                        if items.iter().all(|i| i.as_mapping().is_some()) =>
                    {
                        merge_sources.extend(items.iter().cloned());
                    }
                    _ => self.diagnostics.push(Diagnostic::new(
                        &UNLOADABLE_VALUE,
                        self.file,
                        value.span,
                        "expected a mapping or list of mappings for merging",
                    )),
                }
                continue;
            }
            if let Some(name) = key.key_text() {
                if let Some(first) = first_seen.get(&name) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &DUPLICATE_KEY,
                            self.file,
                            key.span,
                            format!("duplicate key `{name}`: this value replaces the earlier one"),
                        )
                        .with_related(self.file, *first, format!("`{name}` first defined here"))
                        .with_help("YAML loaders keep only the last value of a repeated key; remove one of them or merge their contents"),
                    );
                } else {
                    first_seen.insert(name, key.span);
                }
            }
            explicit.push(Entry {
                key,
                value,
                merged: false,
            });
        }
        // Earlier merge sources take precedence over later ones; explicit keys over all.
        for source in merge_sources {
            for entry in source.as_mapping().unwrap_or(&[]) {
                let Some(name) = entry.key.key_text() else {
                    continue;
                };
                if first_seen.contains_key(&name) {
                    continue;
                }
                first_seen.insert(name, entry.key.span);
                explicit.push(Entry {
                    key: entry.key.clone(),
                    value: entry.value.clone(),
                    merged: true,
                });
            }
        }
        explicit
    }
}
