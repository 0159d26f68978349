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
//! random edits of every fixture, and so does the `reparse` fuzz target.

mod edit;
mod parse_alone;
mod region;
mod splice;

use super::tree::Node;
use super::{Comment, Document, Limits, decode};
use edit::Edit;
use parse_alone::parse_region;
use region::{Region, regions};
use splice::splice;

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
