//! Open documents: ropes edited incrementally, strictly in version order. Handlers may run
//! concurrently and so deliver `didChange` out of order; a change arriving early waits in
//! `pending` until the versions before it are applied. One owner (the store behind a mutex)
//! applies every change.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

use crate::syntax::ColumnUnit;

#[derive(Debug)]
pub struct OpenDocument {
    pub rope: Rope,
    pub version: i32,
    /// Changes that arrived before their predecessors, by version.
    pending: BTreeMap<i32, Vec<TextDocumentContentChangeEvent>>,
}

#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<PathBuf, OpenDocument>,
}

/// Char index in `rope` of an LSP position; out-of-range positions are clamped (to the end of the
/// line, or of the document), as the LSP specification asks.
pub fn char_index(rope: &Rope, position: Position, unit: ColumnUnit) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let mut counted = 0usize;
    let mut index = start;
    for ch in rope.line(line).chars() {
        if ch == '\n' || ch == '\r' || counted >= position.character as usize {
            break;
        }
        let width = match unit {
            ColumnUnit::Utf16 => ch.len_utf16(),
            ColumnUnit::Utf8 => ch.len_utf8(),
            ColumnUnit::Char => 1,
        };
        if counted + width > position.character as usize {
            break;
        }
        counted += width;
        index += 1;
    }
    index
}

impl Documents {
    pub fn open(&mut self, path: PathBuf, text: &str, version: i32) {
        self.open.insert(
            path,
            OpenDocument {
                rope: Rope::from_str(text),
                version,
                pending: BTreeMap::new(),
            },
        );
    }

    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
    }

    pub fn paths(&self) -> Vec<PathBuf> {
        self.open.keys().cloned().collect()
    }

    /// Text of an open document.
    pub fn text(&self, path: &Path) -> Option<String> {
        self.open.get(path).map(|d| d.rope.to_string())
    }

    /// Versions of every open document (to tell later whether a result is stale).
    pub fn versions(&self) -> HashMap<PathBuf, i32> {
        self.open
            .iter()
            .map(|(p, d)| (p.clone(), d.version))
            .collect()
    }

    /// Applies the changes of `version`, then any pending later versions that are now next.
    /// Returns false when the document is not open.
    pub fn change(
        &mut self,
        path: &Path,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        unit: ColumnUnit,
    ) -> bool {
        let Some(document) = self.open.get_mut(path) else {
            return false;
        };
        if version <= document.version {
            // A replay or a client that does not bump versions: apply full-text changes only.
            if changes.iter().all(|c| c.range.is_none()) {
                apply(&mut document.rope, changes, unit);
            }
            return true;
        }
        document.pending.insert(version, changes);
        while let Some(changes) = document.pending.remove(&(document.version + 1)) {
            apply(&mut document.rope, changes, unit);
            document.version += 1;
        }
        // A client may skip versions (they need only increase): once nothing is in flight for
        // the next version, take the lowest pending one.
        if document.pending.len() > 64 {
            let versions: Vec<i32> = document.pending.keys().copied().collect();
            for v in versions {
                if let Some(changes) = document.pending.remove(&v) {
                    apply(&mut document.rope, changes, unit);
                    document.version = v;
                }
            }
        }
        true
    }

    /// For clients that skip version numbers: applies whatever is pending, in order.
    pub fn flush(&mut self, path: &Path, unit: ColumnUnit) {
        if let Some(document) = self.open.get_mut(path) {
            let pending = std::mem::take(&mut document.pending);
            for (version, changes) in pending {
                apply(&mut document.rope, changes, unit);
                document.version = version;
            }
        }
    }
}

fn apply(rope: &mut Rope, changes: Vec<TextDocumentContentChangeEvent>, unit: ColumnUnit) {
    for change in changes {
        match change.range {
            None => *rope = Rope::from_str(&change.text),
            Some(range) => {
                let start = char_index(rope, range.start, unit);
                let end = char_index(rope, range.end, unit).max(start);
                rope.remove(start..end);
                rope.insert(start, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Range;

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position {
                    line: l1,
                    character: c1,
                },
                end: Position {
                    line: l2,
                    character: c2,
                },
            }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn out_of_order_changes_wait_for_their_turn() {
        let path = PathBuf::from("/p/platform.yaml");
        let mut docs = Documents::default();
        docs.open(path.clone(), "a: 1\n", 1);
        docs.change(&path, 3, vec![edit(0, 4, 0, 4, "3")], ColumnUnit::Utf16);
        assert_eq!(docs.text(&path).as_deref(), Some("a: 1\n"));
        docs.change(&path, 2, vec![edit(0, 4, 0, 4, "2")], ColumnUnit::Utf16);
        assert_eq!(
            docs.text(&path).as_deref(),
            Some("a: 132\n"),
            "2 applied before 3"
        );
        assert_eq!(docs.versions().get(&path), Some(&3));
    }

    #[test]
    fn utf16_positions_after_emoji() {
        let rope = Rope::from_str("k: \"😀x\"\n");
        assert_eq!(
            char_index(
                &rope,
                Position {
                    line: 0,
                    character: 6
                },
                ColumnUnit::Utf16
            ),
            5
        );
        assert_eq!(
            char_index(
                &rope,
                Position {
                    line: 0,
                    character: 99
                },
                ColumnUnit::Utf16
            ),
            7
        );
        assert_eq!(
            char_index(
                &rope,
                Position {
                    line: 9,
                    character: 0
                },
                ColumnUnit::Utf16
            ),
            8
        );
    }
}
