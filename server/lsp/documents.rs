//! Open documents: ropes edited incrementally, each change applied in the order it arrived.
//!
//! LSP 3.17: "The version number of a document will increase after each change … The number
//! doesn't need to be consecutive." Neovim sends `b:changedtick`, which also moves on `:w`, so
//! versions skip; over stdio notifications arrive in order, so arrival order is the truth. The
//! transport applies every `didOpen`/`didChange`/`didClose` as it reads it (`text_sync`), before
//! the framework can run handlers concurrently. A version that does not increase is the client's
//! bug: it is reported, and the change is applied anyway (the text stays what the client has).
//!
//! Each document also carries a `revision`, counted here, that only ever grows: results computed
//! from an older text are recognised by it even when a client reuses version numbers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

use crate::syntax::ColumnUnit;

/// Revisions are unique across documents and reopenings, so a result for a closed and reopened
/// file is never taken for current.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub rope: Rope,
    /// The client's version of the last change applied.
    pub version: i32,
    /// This server's count of the text's states (see the module docs).
    pub revision: u64,
}

#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<PathBuf, OpenDocument>,
}

/// What applying a `didChange` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Changed {
    Applied,
    /// Applied, but the client's version did not increase (`previous` → `now`).
    VersionNotIncreasing {
        previous: i32,
        now: i32,
    },
    NotOpen,
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
                revision: next_revision(),
            },
        );
    }

    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
    }

    pub fn paths(&self) -> Vec<PathBuf> {
        self.open.keys().cloned().collect()
    }

    pub fn get(&self, path: &Path) -> Option<&OpenDocument> {
        self.open.get(path)
    }

    /// Text of an open document.
    #[cfg(test)]
    fn text(&self, path: &Path) -> Option<String> {
        self.open.get(path).map(|d| d.rope.to_string())
    }

    /// Every open document, cheaply (ropes share their nodes): what a check or request reads.
    pub fn snapshot(&self) -> HashMap<PathBuf, OpenDocument> {
        self.open.clone()
    }

    /// Applies the changes of one `didChange`, in the order they are listed.
    pub fn change(
        &mut self,
        path: &Path,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        unit: ColumnUnit,
    ) -> Changed {
        let Some(document) = self.open.get_mut(path) else {
            return Changed::NotOpen;
        };
        apply(&mut document.rope, changes, unit);
        let previous = document.version;
        document.version = version;
        document.revision = next_revision();
        if version <= previous {
            Changed::VersionNotIncreasing {
                previous,
                now: version,
            }
        } else {
            Changed::Applied
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
    fn changes_apply_in_arrival_order_whatever_the_versions() {
        let path = PathBuf::from("/p/platform.yaml");
        let mut docs = Documents::default();
        docs.open(path.clone(), "a: 1\n", 1);
        let before = docs.get(&path).map(|d| d.revision);
        // A skipped version (Neovim after `:w`) is applied at once.
        let skipped = docs.change(&path, 3, vec![edit(0, 4, 0, 4, "3")], ColumnUnit::Utf16);
        assert_eq!(skipped, Changed::Applied);
        assert_eq!(docs.text(&path).as_deref(), Some("a: 13\n"));
        // A version going backwards is reported, and applied all the same.
        let back = docs.change(&path, 2, vec![edit(0, 5, 0, 5, "2")], ColumnUnit::Utf16);
        assert_eq!(
            back,
            Changed::VersionNotIncreasing {
                previous: 3,
                now: 2
            }
        );
        assert_eq!(docs.text(&path).as_deref(), Some("a: 132\n"));
        let after = docs.get(&path).map(|d| d.revision);
        assert!(after > before, "the revision grows with every change");
        assert_eq!(
            docs.change(Path::new("/p/other.yaml"), 1, Vec::new(), ColumnUnit::Utf16),
            Changed::NotOpen
        );
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
