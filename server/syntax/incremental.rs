//! After an edit, re-parse one entry instead of the whole file.
//!
//! A keystroke in a 5,000-line platform.yaml changes one scalar, yet parsing the whole text again
//! costs more than everything else a check does. So when the previous tree loaded cleanly and is
//! self-contained (no anchors, aliases, merge keys, directives or document markers), the smallest
//! block-mapping entry or block-sequence item that holds the edit is parsed alone: its lines, with
//! whatever precedes its key on the first line (indentation, a sequence item's `- `) blanked to
//! spaces, so every column, and so the YAML structure, stays what it was. The result replaces the
//! old node; every node after it moves by the edit's length.
//!
//! The shortcut is refused, and the caller parses the whole text, whenever the region's meaning
//! could depend on its surroundings: a content line at or left of the entry's column, anything but
//! blank or comment lines after the entry's content, a different key, more than one entry, any
//! finding at all. `tests/incremental.rs` compares every accepted re-parse with a full parse on
//! random edits of every fixture, and so does the `yaml` fuzz target.

use super::builder;
use super::tree::{Entry, Node, NodeValue};
use super::{Comment, Document, Limits, LineIndex, decode};

/// Enclosing regions tried, innermost first, before giving up.
const ATTEMPTS: usize = 3;

/// Brings `document` up to `text` by re-parsing only the region the edit touched. Returns false,
/// leaving `document` unchanged, when that cannot be done safely: parse `text` whole then.
pub fn reparse(document: &mut Document, text: &str, limits: &Limits) -> bool {
    match plan(document, text, limits) {
        Some(patch) => {
            patch.apply(document, text);
            true
        }
        None => false,
    }
}

/// What [`plan`] found: how to bring a document up to a new text.
#[derive(Debug)]
pub struct Patch(Option<Change>);

#[derive(Debug)]
struct Change {
    region: Region,
    edit: Edit,
    node: Node,
    comments: Vec<Comment>,
}

/// Works out, without changing `document`, whether and how the edit that turned its text into
/// `text` can be applied by re-parsing one region. `None`: parse `text` whole.
pub fn plan(document: &Document, text: &str, limits: &Limits) -> Option<Patch> {
    let clean = document.loadable && document.self_contained && document.diagnostics.is_empty();
    if !clean || text.len() > limits.max_file_bytes {
        return None;
    }
    let Some(edit) = Edit::between(&document.text, text) else {
        return Some(Patch(None));
    };
    // The rest of the text passed the reader's checks already; the new characters must too.
    if decode::decode(&text.as_bytes()[edit.start..edit.new_end]).is_err() {
        return None;
    }
    let regions = regions(document, &edit);
    for region in regions.into_iter().rev().take(ATTEMPTS) {
        if region.end - region.start > document.text.len() / 2 {
            break;
        }
        if let Some((node, comments)) = parse_region(document, &region, &edit, text, limits) {
            return Some(Patch(Some(Change {
                region,
                edit,
                node,
                comments,
            })));
        }
    }
    None
}

impl Patch {
    /// Applies the patch to the document [`plan`] was given, making its text `text`.
    pub fn apply(self, document: &mut Document, text: &str) {
        if let Some(change) = self.0 {
            splice(document, change, text);
        }
    }
}

/// What changed: `old[start..old_end]` became `new[start..new_end]`; the rest is the same.
#[derive(Debug, Clone, Copy)]
struct Edit {
    start: usize,
    old_end: usize,
    new_end: usize,
}

impl Edit {
    /// The edit between two texts (`None` when they are equal), on character boundaries.
    fn between(old: &str, new: &str) -> Option<Edit> {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut start = common_prefix(a, b);
        if start == a.len() && start == b.len() {
            return None;
        }
        // The bytes before `start` are the same in both texts, so a boundary in one is in both.
        while !old.is_char_boundary(start) {
            start -= 1;
        }
        let room = a.len().min(b.len()) - start;
        let mut suffix = common_suffix(a, b).min(room);
        while !old.is_char_boundary(a.len() - suffix) {
            suffix -= 1;
        }
        Some(Edit {
            start,
            old_end: a.len() - suffix,
            new_end: b.len() - suffix,
        })
    }

    /// An offset at or after the edit's end in the old text, in the new text.
    fn moved(&self, offset: usize) -> usize {
        offset - self.old_end + self.new_end
    }
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n
        && a[a.len() - i - CHUNK..a.len() - i] == b[b.len() - i - CHUNK..b.len() - i]
    {
        i += CHUNK;
    }
    while i < n && a[a.len() - 1 - i] == b[b.len() - 1 - i] {
        i += 1;
    }
    i
}

/// How to reach a node from the root.
#[derive(Debug, Clone, Copy)]
enum Step {
    Entry(usize),
    Item(usize),
}

/// A run of whole lines holding one entry (or item) and the edit.
#[derive(Debug, Clone)]
struct Region {
    path: Vec<Step>,
    /// Start of the region's first line (before the edit, so the same in both texts).
    start: usize,
    /// Bytes of the first line before the key, blanked to spaces for the region's own parse.
    blank: usize,
    /// End of the region in the old text: the next sibling's line, or the enclosing region's end.
    end: usize,
    /// Column of the key, or of the item's `-`.
    column: usize,
    /// The entry's key text; `None` for a sequence item.
    key: Option<String>,
}

/// Every region holding the edit, outermost first.
fn regions(document: &Document, edit: &Edit) -> Vec<Region> {
    let (text, lines) = (&document.text, &document.line_index);
    let line_start = |offset: usize| lines.line_start(lines.line_of(offset));
    let mut out = Vec::new();
    let mut path = Vec::new();
    let mut end = text.len();
    let mut node = match &document.root {
        Some(root) => root,
        None => return out,
    };
    loop {
        match &node.value {
            NodeValue::Mapping(entries) if opens_with(text, node) != Some(b'{') => {
                let Some(i) = entries
                    .partition_point(|e| e.key.span.start <= edit.start)
                    .checked_sub(1)
                else {
                    break;
                };
                let entry = &entries[i];
                let Some(key) = entry.key.key_text() else {
                    break;
                };
                let boundary = match entries.get(i + 1) {
                    Some(next) => {
                        let at = line_start(next.key.span.start);
                        if !only(&text[at..next.key.span.start], b" ") {
                            break;
                        }
                        at
                    }
                    None => end,
                };
                let start = line_start(entry.key.span.start);
                let prefix = &text[start..entry.key.span.start];
                let dashes_and_spaces =
                    only(prefix, b" -") && !prefix.contains("--") && !prefix.ends_with('-');
                if entry.merged
                    || entry.key.span.end > edit.start
                    || !reaches(edit, boundary, text.len())
                    || !dashes_and_spaces
                {
                    break;
                }
                path.push(Step::Entry(i));
                out.push(Region {
                    path: path.clone(),
                    start,
                    blank: prefix.len(),
                    end: boundary,
                    column: prefix.len(),
                    key: Some(key),
                });
                node = &entry.value;
                end = boundary;
            }
            NodeValue::Sequence(items) if opens_with(text, node) == Some(b'-') => {
                let Some(i) = items
                    .partition_point(|n| line_start(n.span.start) <= edit.start)
                    .checked_sub(1)
                else {
                    break;
                };
                // An item whose `-` is alone at the start of its line, before its content.
                let dash = |item: &Node| {
                    let at = line_start(item.span.start);
                    let prefix = &text[at..item.span.start];
                    let indent = prefix.len() - prefix.trim_start_matches(' ').len();
                    let after = prefix[indent..].strip_prefix('-')?;
                    only(after, b" ").then_some((at, indent))
                };
                let Some((start, column)) = dash(&items[i]) else {
                    break;
                };
                let boundary = match items.get(i + 1) {
                    Some(next) => match dash(next) {
                        Some((at, _)) => at,
                        None => break,
                    },
                    None => end,
                };
                if edit.start <= start + column || !reaches(edit, boundary, text.len()) {
                    break;
                }
                path.push(Step::Item(i));
                out.push(Region {
                    path: path.clone(),
                    start,
                    blank: 0,
                    end: boundary,
                    column,
                    key: None,
                });
                node = &items[i];
                end = boundary;
            }
            _ => break,
        }
    }
    out
}

/// True when the edit ends inside a region ending at `boundary`: before the next sibling's line,
/// or anywhere up to the end of the text (typing at the end of the file extends the last entry).
fn reaches(edit: &Edit, boundary: usize, len: usize) -> bool {
    edit.old_end < boundary || (edit.old_end == boundary && boundary == len)
}

/// The first byte of a node's text: `{` or `[` for a flow collection, `-` for a block sequence.
fn opens_with(text: &str, node: &Node) -> Option<u8> {
    text.as_bytes().get(node.span.start).copied()
}

fn only(text: &str, allowed: &[u8]) -> bool {
    text.bytes().all(|b| allowed.contains(&b))
}

/// Parses the region alone (in the new text) and returns its node and comments, at their
/// offsets in the new text; `None` when the result may differ from a full parse.
fn parse_region(
    document: &Document,
    region: &Region,
    edit: &Edit,
    text: &str,
    limits: &Limits,
) -> Option<(Node, Vec<Comment>)> {
    let end = edit.moved(region.end);
    let mut source = String::with_capacity(end - region.start);
    source.extend(std::iter::repeat_n(' ', region.blank));
    source.push_str(text.get(region.start + region.blank..end)?);
    // Stricter than the file's own limit by the levels above the region.
    let limits = Limits {
        max_depth: limits.max_depth.checked_sub(region.path.len())?,
        ..limits.clone()
    };
    let built = builder::build(&document.file, &source, &limits);
    if !built.complete || !built.self_contained || !built.diagnostics.is_empty() {
        return None;
    }
    let mut node = match (built.root?.value, &region.key) {
        (NodeValue::Mapping(entries), Some(key)) => {
            let [entry]: [Entry; 1] = entries.into_vec().try_into().ok()?;
            let old_key = old_key_span(document, &region.path)?;
            let same_key = entry.key.key_text().as_deref() == Some(key.as_str())
                && entry.key.span.start + region.start == old_key.start
                && entry.key.span.end + region.start == old_key.end;
            if entry.merged || !same_key {
                return None;
            }
            entry.value
        }
        (NodeValue::Sequence(items), None) => {
            let [item]: [Node; 1] = items.try_into().ok()?;
            item
        }
        _ => return None,
    };
    // An empty node (a missing value) sits where the next token is: when that token lies past
    // the region, a full parse puts it elsewhere. Likewise a node reaching the region's end (a
    // block scalar's trailing line breaks) may reach further in the whole file.
    let (content_end, last_empty) = extent(&node);
    let at_file_end = edit.moved(region.end) == text.len();
    if last_empty.is_some_and(|at| at >= content_end)
        || (!at_file_end && node.span.end >= source.len())
        || !stays_inside(&source, content_end, region.column)
    {
        return None;
    }
    shift(&mut node, region.start, 0);
    let comments = built
        .comments
        .into_iter()
        .map(|mut c| {
            c.span.start += region.start;
            c.span.end += region.start;
            c
        })
        .collect();
    Some((node, comments))
}

/// The end of the last non-empty node of a subtree, and the position of its last empty one.
fn extent(node: &Node) -> (usize, Option<usize>) {
    fn walk(node: &Node, end: &mut usize, empty: &mut Option<usize>) {
        if node.span.is_empty() {
            *empty = Some(empty.map_or(node.span.start, |e| e.max(node.span.start)));
        } else {
            *end = (*end).max(node.span.end);
        }
        match &node.value {
            NodeValue::Scalar { .. } => {}
            NodeValue::Sequence(items) => items.iter().for_each(|n| walk(n, end, empty)),
            NodeValue::Mapping(entries) => {
                for entry in entries {
                    walk(&entry.key, end, empty);
                    walk(&entry.value, end, empty);
                }
            }
        }
    }
    let (mut end, mut empty) = (0, None);
    walk(node, &mut end, &mut empty);
    (end, empty)
}

/// True when, after the first line, every line up to `content_end` is indented right of
/// `column` (so it belongs to the region's node in the whole file too), and every line after it
/// is blank or a comment (so nothing there can belong to another node).
fn stays_inside(source: &str, content_end: usize, column: usize) -> bool {
    let bytes = source.as_bytes();
    let mut at = 0;
    let mut first = true;
    while at < bytes.len() {
        let mut next = at;
        while next < bytes.len() && bytes[next] != b'\n' && bytes[next] != b'\r' {
            next += 1;
        }
        let line = &source[at..next];
        if !first {
            let rest = line.trim_start_matches(' ');
            let indent = line.len() - rest.len();
            let ok = if at < content_end {
                rest.is_empty() || indent > column
            } else {
                rest.is_empty() || rest.starts_with('#')
            };
            if !ok {
                return false;
            }
        }
        first = false;
        // Past the line break: `\r\n`, `\n` or a lone `\r`.
        at = match bytes.get(next..next + 2) {
            Some(b"\r\n") => next + 2,
            _ => next + 1,
        };
    }
    true
}

fn old_node<'a>(document: &'a Document, path: &[Step]) -> Option<&'a Node> {
    let mut node = document.root.as_ref()?;
    for step in path {
        node = match (step, &node.value) {
            (Step::Entry(i), NodeValue::Mapping(entries)) => &entries.get(*i)?.value,
            (Step::Item(i), NodeValue::Sequence(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// The span of the key of the entry at the end of `path`.
fn old_key_span(document: &Document, path: &[Step]) -> Option<crate::diagnostic::Span> {
    let (last, parent) = path.split_last()?;
    match (last, &old_node(document, parent)?.value) {
        (Step::Entry(i), NodeValue::Mapping(entries)) => Some(entries.get(*i)?.key.span),
        _ => None,
    }
}

/// Puts the region's new node and comments in place and moves everything after it.
fn splice(document: &mut Document, change: Change, text: &str) {
    let Change {
        region,
        edit,
        node,
        comments,
    } = change;
    if let Some(json) = document.json.get_mut() {
        let patched = json_path(document.root.as_ref(), &region.path)
            .and_then(|path| json_at(json, &path))
            .map(|at| *at = node.to_json());
        if patched.is_none() {
            document.json = std::sync::OnceLock::new();
        }
    }
    if let Some(root) = document.root.as_mut() {
        replace(root, &region.path, node, &edit);
    }
    let old = std::mem::take(&mut document.comments);
    let mut merged = Vec::with_capacity(old.len() + comments.len());
    let mut inserted = Some(comments);
    for mut comment in old {
        if comment.span.start >= region.start {
            merged.extend(inserted.take().into_iter().flatten());
        }
        if comment.span.start < region.start {
            merged.push(comment);
        } else if comment.span.start >= region.end {
            comment.span.start = edit.moved(comment.span.start);
            comment.span.end = edit.moved(comment.span.end);
            merged.push(comment);
        }
    }
    merged.extend(inserted.into_iter().flatten());
    document.comments = merged;
    document.text = text.to_owned();
    document.line_index = LineIndex::new(text);
}

/// A step into the JSON value: an object key or an array index.
enum JsonStep {
    Key(String),
    Index(usize),
}

/// The JSON steps to the node at `path` (keys are unique: the document loaded cleanly).
fn json_path(root: Option<&Node>, path: &[Step]) -> Option<Vec<JsonStep>> {
    let mut node = root?;
    let mut out = Vec::with_capacity(path.len());
    for step in path {
        node = match (step, &node.value) {
            (Step::Entry(i), NodeValue::Mapping(entries)) => {
                let entry = entries.get(*i)?;
                out.push(JsonStep::Key(entry.key.key_text()?));
                &entry.value
            }
            (Step::Item(i), NodeValue::Sequence(items)) => {
                out.push(JsonStep::Index(*i));
                items.get(*i)?
            }
            _ => return None,
        };
    }
    Some(out)
}

fn json_at<'a>(
    mut json: &'a mut serde_json::Value,
    path: &[JsonStep],
) -> Option<&'a mut serde_json::Value> {
    for step in path {
        json = match step {
            JsonStep::Key(key) => json.as_object_mut()?.get_mut(key)?,
            JsonStep::Index(i) => json.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(json)
}

/// Replaces the node at `path` under `node`, moves every later sibling along the way, and
/// recomputes the ends and sizes of the collections on the way (a block collection ends where
/// its last child ends, as the builder has it).
fn replace(node: &mut Node, path: &[Step], replacement: Node, edit: &Edit) {
    let Some((step, rest)) = path.split_first() else {
        *node = replacement;
        return;
    };
    match (&mut node.value, *step) {
        (NodeValue::Mapping(entries), Step::Entry(i)) => {
            let entries = entries.as_mut_slice();
            for later in entries.iter_mut().skip(i + 1) {
                shift(&mut later.key, edit.new_end, edit.old_end);
                shift(&mut later.value, edit.new_end, edit.old_end);
            }
            if let Some(entry) = entries.get_mut(i) {
                replace(&mut entry.value, rest, replacement, edit);
            }
            node.span.end = entries.last().map_or(node.span.start, |e| e.value.span.end);
            node.size = 1 + entries
                .iter()
                .map(|e| e.key.size + e.value.size)
                .sum::<usize>();
        }
        (NodeValue::Sequence(items), Step::Item(i)) => {
            for later in items.iter_mut().skip(i + 1) {
                shift(later, edit.new_end, edit.old_end);
            }
            if let Some(item) = items.get_mut(i) {
                replace(item, rest, replacement, edit);
            }
            node.span.end = items.last().map_or(node.span.start, |n| n.span.end);
            node.size = 1 + items.iter().map(|n| n.size).sum::<usize>();
        }
        _ => {}
    }
}

/// Moves a subtree: every offset `x` becomes `x - from + to`.
fn shift(node: &mut Node, to: usize, from: usize) {
    node.span.start = node.span.start - from + to;
    node.span.end = node.span.end - from + to;
    match &mut node.value {
        NodeValue::Scalar { .. } => {}
        NodeValue::Sequence(items) => items.iter_mut().for_each(|n| shift(n, to, from)),
        NodeValue::Mapping(entries) => {
            for entry in entries.as_mut_slice() {
                shift(&mut entry.key, to, from);
                shift(&mut entry.value, to, from);
            }
        }
    }
}
