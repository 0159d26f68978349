//! Applying fixes: text edits that keep comments and formatting, written atomically.
//!
//! A fix is all-or-nothing; overlapping fixes wait for the next pass. A file that does not load
//! (syntax or encoding errors) is never rewritten, and a fix whose result would not load is
//! dropped: a fix never turns a file that parsed into one that does not.

use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Safe,
    /// Safe and unsafe fixes (`--unsafe-fixes`).
    Unsafe,
}

impl Level {
    pub fn allows(self, fix: &Fix) -> bool {
        fix.applicability == Applicability::Safe || self == Level::Unsafe
    }
}

/// Applies non-overlapping fixes to `text`; returns the new text and how many fixes went in.
pub fn apply<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    let mut fixes: Vec<&Fix> = fixes.into_iter().collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    for fix in fixes {
        let valid = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let overlaps = fix.edits.iter().any(|e| {
            chosen.iter().any(|c| {
                e.span.start < c.span.end && c.span.start < e.span.end
                    || (e.span.is_empty() && c.span.is_empty() && e.span.start == c.span.start)
            })
        });
        if valid && !overlaps && !fix.edits.is_empty() {
            chosen.extend(fix.edits.iter());
            applied += 1;
        }
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in chosen {
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// The fixes of `diagnostics` in `file` allowed at `level`.
pub fn fixes_for<'d>(diagnostics: &'d [Diagnostic], file: &Path, level: Level) -> Vec<&'d Fix> {
    diagnostics
        .iter()
        .filter(|d| &*d.file == file)
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| level.allows(f))
        .collect()
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory, flushed to
/// disk, then renamed over the original (keeping its permissions). An interruption leaves either
/// the old file or the new one, never a truncated mix.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.floe-lint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, metadata.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// A unified diff of `before` → `after` for `--diff`.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn fix(start: usize, end: usize, text: &str) -> Fix {
        Fix {
            title: "t".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span: Span::new(start, end),
                replacement: text.into(),
            }],
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let fixes = [fix(4, 5, "B"), fix(0, 1, "A"), fix(4, 6, "X")];
        let (text, applied) = apply("a...bc", fixes.iter());
        assert_eq!(text, "A...Bc");
        assert_eq!(applied, 2);
    }

    #[test]
    fn out_of_range_edits_are_ignored() {
        let fixes = [fix(2, 99, "x")];
        assert_eq!(apply("abc", fixes.iter()), ("abc".into(), 0));
    }
}
