//! Closing a collection: a sequence or mapping node with its span, `<<` merge keys expanded
//! and duplicate keys reported, as PyYAML's constructor does.

use super::*;

impl Builder<'_> {
    /// Completes a collection. `end` is the closing event's span (None when a syntax error cut it).
    pub(super) fn finish(&mut self, frame: Frame, end: Option<Span>, _text: &str) -> Node {
        match frame {
            Frame::Sequence {
                mut items,
                start,
                anchor,
                flow,
            } => {
                let items = exact(&mut items, &mut self.spare_items);
                let last = items.last().map_or(start, |n| n.span.end);
                let stop = match (flow, end) {
                    (true, Some(e)) => e.end.max(last),
                    _ => last,
                };
                let node = Node {
                    value: NodeValue::Sequence(items),
                    span: Span::new(start, stop),
                };
                if anchor != 0 {
                    self.anchors.insert(anchor, (node.clone(), node.size()));
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
                    let value = Node::null(Span::point(key.span.end));
                    entries.push(Entry {
                        key,
                        value,
                        merged: false,
                    });
                }
                let last = entries.last().map_or(start, |e| e.value.span.end);
                let stop = match (flow, end) {
                    (true, Some(e)) => e.end.max(last),
                    _ => last,
                };
                self.merge_and_check_duplicates(&mut entries);
                let entries = exact(&mut entries, &mut self.spare_entries);
                let node = Node {
                    value: NodeValue::Mapping(super::super::tree::Entries::new(entries)),
                    span: Span::new(start, stop),
                };
                if anchor != 0 {
                    self.anchors.insert(anchor, (node.clone(), node.size()));
                }
                node
            }
        }
    }

    /// Applies `<<` merge keys as PyYAML does and reports every duplicate explicit key. Works in
    /// place: the mapping of a 100,000-profile platform.yaml is not copied to be checked.
    fn merge_and_check_duplicates(&mut self, entries: &mut Vec<Entry>) {
        let merge_sources = if entries.iter().any(is_merge_key) {
            self.take_merge_keys(entries)
        } else {
            Vec::new()
        };
        let mut seen = Seen::new(entries);
        for (index, entry) in entries.iter().enumerate() {
            let Some(name) = entry.key.key_name() else {
                continue;
            };
            if let Some(first) = seen.first(index, name, entry.key.span) {
                let name = entry.key.key_text().unwrap_or_default();
                self.diagnostics.push(
                    Diagnostic::new(
                        &DUPLICATE_KEY,
                        self.file,
                        entry.key.span,
                        format!("duplicate key `{name}`: this value replaces the earlier one"),
                    )
                    .with_related(self.file, first, format!("`{name}` first defined here"))
                    .with_help("YAML loaders keep only the last value of a repeated key; remove one of them or merge their contents"),
                );
            }
        }
        // Earlier merge sources take precedence over later ones; explicit keys over all.
        let mut merged = Vec::new();
        let mut merged_names = std::collections::HashSet::new();
        for source in &merge_sources {
            for entry in source.as_mapping().unwrap_or(&[]) {
                let Some(name) = entry.key.key_text() else {
                    continue;
                };
                if seen.contains(&name) || !merged_names.insert(name) {
                    continue;
                }
                merged.push(Entry {
                    key: entry.key.clone(),
                    value: entry.value.clone(),
                    merged: true,
                });
            }
        }
        drop(seen);
        entries.extend(merged);
    }

    /// Removes the `<<` entries, reporting a value that cannot be merged; returns the mappings
    /// to merge, in order.
    fn take_merge_keys(&mut self, entries: &mut Vec<Entry>) -> Vec<Node> {
        self.self_contained = false;
        let mut sources = Vec::new();
        let mut kept = Vec::with_capacity(entries.len());
        for entry in entries.drain(..) {
            if !is_merge_key(&entry) {
                kept.push(entry);
                continue;
            }
            match &entry.value.value {
                NodeValue::Mapping(_) => sources.push(entry.value),
                NodeValue::Sequence(items) if items.iter().all(|i| i.as_mapping().is_some()) => {
                    sources.extend(items.iter().cloned());
                }
                _ => self.diagnostics.push(Diagnostic::new(
                    &UNLOADABLE_VALUE,
                    self.file,
                    entry.value.span,
                    "expected a mapping or list of mappings for merging",
                )),
            }
        }
        *entries = kept;
        sources
    }
}

/// The items collected in `scratch`, in a vector of their exact size; `scratch`, emptied, is kept
/// in `spares` for the next collection. A large collection keeps its own vector, shrunk: the
/// copy would hold it twice at once (a 100,000-profile mapping is most of a file's tree).
pub(super) fn exact<T>(scratch: &mut Vec<T>, spares: &mut Vec<Vec<T>>) -> Vec<T> {
    const COPIED_UP_TO: usize = 64;
    if scratch.len() > COPIED_UP_TO {
        let mut kept = std::mem::take(scratch);
        kept.shrink_to_fit();
        return kept;
    }
    let mut exact = Vec::with_capacity(scratch.len());
    exact.append(scratch);
    // Only a small scratch vector becomes a spare (it holds its capacity until the parse ends):
    // a large collection took its own above.
    spares.push(std::mem::take(scratch));
    exact
}

fn is_merge_key(entry: &Entry) -> bool {
    matches!(&entry.key.value, NodeValue::Scalar { text, style: ScalarStyle::Plain, .. } if text == "<<")
}

/// The keys of one mapping, and where each was first written. A small mapping's earlier keys
/// are scanned in place (most mappings: nothing is allocated); a large one's are hashed, by
/// borrowed names (no copy of each key).
enum Seen<'a> {
    Scanned(&'a [Entry]),
    Hashed(HashMap<std::borrow::Cow<'a, str>, Span>),
}

impl<'a> Seen<'a> {
    const HASHED_FROM: usize = 16;

    fn new(entries: &'a [Entry]) -> Seen<'a> {
        if entries.len() >= Self::HASHED_FROM {
            Seen::Hashed(HashMap::with_capacity(entries.len()))
        } else {
            Seen::Scanned(entries)
        }
    }

    /// Whether any key of the mapping is `name`.
    fn contains(&self, name: &str) -> bool {
        match self {
            Seen::Hashed(hashed) => hashed.contains_key(name),
            Seen::Scanned(entries) => entries.iter().any(|e| e.key.key_is(name)),
        }
    }

    /// Where `name`, the key of entry `index`, was first written if an earlier entry has it
    /// (else `None`; keys must be met in order).
    fn first(&mut self, index: usize, name: std::borrow::Cow<'a, str>, span: Span) -> Option<Span> {
        match self {
            Seen::Hashed(hashed) => match hashed.get(&*name) {
                Some(first) => Some(*first),
                None => {
                    hashed.insert(name, span);
                    None
                }
            },
            Seen::Scanned(entries) => entries[..index]
                .iter()
                .find(|e| e.key.key_is(&name))
                .map(|e| e.key.span),
        }
    }
}
