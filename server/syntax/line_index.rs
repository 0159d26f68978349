//! Byte offset → line and column, in the three column units clients ask for.
//!
//! Built once per text. Lines break at `\n`, `\r\n` and a lone `\r` (as YAML does), so CRLF files
//! report the same lines as LF ones and a column never counts the `\r`.

/// A 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The unit a column is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// UTF-8 bytes (LSP `utf-8` position encoding).
    Utf8,
    /// UTF-16 code units (LSP default, SARIF default, GitHub annotations).
    Utf16,
    /// Unicode scalar values (what a human counts, and miette's display).
    Char,
}

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`. Four bytes each: a 10 MB file
    /// has half a million lines. Lines starting past 4 GiB (no file floe-lint reads is near
    /// that) are counted in the last line before them.
    line_starts: Vec<u32>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let indexed = &bytes[..bytes.len().min(u32::MAX as usize)];
        // Sized once (a CRLF is counted twice: a little spare), not grown by doubling. The
        // breaks are found with memchr's vector search, not byte by byte.
        let breaks = memchr::memchr2_iter(b'\n', b'\r', indexed).count();
        let mut line_starts = Vec::with_capacity(breaks + 1);
        line_starts.push(0);
        let starts =
            memchr::memchr2_iter(b'\n', b'\r', indexed).filter_map(|i| match bytes.get(i) {
                Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => None,
                _ => Some(i + 1),
            });
        line_starts.extend(starts.map_while(|start| u32::try_from(start).ok()));
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    fn start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).map(|&start| start as usize)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset of the start of a 0-based line (clamped to the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.start(line).unwrap_or(self.len)
    }

    /// Byte offset just past a line's content, excluding its line break.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let next = self.start(line + 1).unwrap_or(self.len);
        let bytes = text.as_bytes();
        let mut end = next.min(bytes.len());
        while end > self.line_start(line) && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        end
    }

    /// 0-based line containing a byte offset (offsets past the end map to the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match u32::try_from(offset) {
            Ok(offset) => match self.line_starts.binary_search(&offset) {
                Ok(line) => line,
                Err(next) => next.saturating_sub(1),
            },
            Err(_) => self.line_starts.len() - 1,
        }
    }

    /// Line and column of a byte offset. An offset inside a multi-byte character or past a line's
    /// end is clamped to a character boundary on that line.
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let end = self.line_end(text, line).max(start);
        let mut offset = offset.clamp(start, end);
        while offset > start && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let prefix = text.get(start..offset).unwrap_or("");
        let col = match unit {
            ColumnUnit::Utf8 => prefix.len(),
            ColumnUnit::Utf16 => prefix.chars().map(char::len_utf16).sum(),
            ColumnUnit::Char => prefix.chars().count(),
        };
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    /// Byte offset of a line and column; out-of-range positions are clamped (LSP semantics: a
    /// column past the end of a line means the end of that line).
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let start = self.line_start(line);
        let end = self.line_end(text, line);
        let line_text = text.get(start..end).unwrap_or("");
        let mut counted = 0usize;
        for (byte, ch) in line_text.char_indices() {
            if counted >= pos.col as usize {
                return start + byte;
            }
            counted += match unit {
                ColumnUnit::Utf8 => ch.len_utf8(),
                ColumnUnit::Utf16 => ch.len_utf16(),
                ColumnUnit::Char => 1,
            };
            if counted > pos.col as usize {
                // Inside a character: LSP says round to the character's start.
                return start + byte;
            }
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "a: \"é😀\"\nkey: x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').expect("x");
        assert_eq!(
            index.line_col(text, x, ColumnUnit::Utf16),
            LineCol { line: 1, col: 5 }
        );
        let quote = text.rfind('"').expect("quote");
        assert_eq!(
            index.line_col(text, quote, ColumnUnit::Utf16),
            LineCol { line: 0, col: 7 }
        );
        assert_eq!(
            index.line_col(text, quote, ColumnUnit::Utf8),
            LineCol { line: 0, col: 10 }
        );
        assert_eq!(
            index.line_col(text, quote, ColumnUnit::Char),
            LineCol { line: 0, col: 6 }
        );
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 7 }, ColumnUnit::Utf16),
            quote
        );
    }

    #[test]
    fn crlf_and_lone_cr_break_lines() {
        let text = "a: 1\r\nb: 2\rc: 3";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let c = text.find('c').expect("c");
        assert_eq!(
            index.line_col(text, c, ColumnUnit::Utf8),
            LineCol { line: 2, col: 0 }
        );
        assert_eq!(index.line_end(text, 0), 4);
    }

    #[test]
    fn out_of_range_is_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 99 }, ColumnUnit::Utf16),
            2
        );
        assert_eq!(
            index.offset(text, LineCol { line: 9, col: 0 }, ColumnUnit::Utf16),
            5
        );
        assert_eq!(
            index.line_col(text, 999, ColumnUnit::Utf16),
            LineCol { line: 1, col: 2 }
        );
    }
}
