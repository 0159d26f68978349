//! What an edit changed: the common prefix and suffix of the old and new text.

/// What changed: `old[start..old_end]` became `new[start..new_end]`; the rest is the same.
#[derive(Debug, Clone, Copy)]
pub(super) struct Edit {
    pub(super) start: usize,
    pub(super) old_end: usize,
    pub(super) new_end: usize,
}

impl Edit {
    /// The edit between two texts (`None` when they are equal), on character boundaries.
    pub(super) fn between(old: &str, new: &str) -> Option<Edit> {
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
    pub(super) fn moved(&self, offset: usize) -> usize {
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
