//! A shown text as a miette source that finds a snippet's first line in a line index.

use std::sync::Arc;

use miette::SourceSpan;

/// A shown text, read by miette a few lines at a time: miette's own `str` source counts lines from
/// the start of the text for every snippet (a scan of the whole file per finding); this one starts
/// that same count at the first line of the snippet, found in a line index, and adds the lines
/// before it, so the snippet and its numbers are the ones miette would have made.
#[derive(Debug, Clone)]
pub struct Window {
    text: Arc<str>,
    /// Offsets where lines start, with line breaks as miette counts them (`\n`, `\r\n`, `\r`).
    line_starts: Arc<[usize]>,
}

impl Window {
    pub fn new(text: Arc<str>) -> Window {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 1;
                    line_starts.push(i + 1);
                }
                b'\r' | b'\n' => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Window {
            text,
            line_starts: line_starts.into(),
        }
    }
}

impl miette::SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let line = self
            .line_starts
            .partition_point(|&start| start <= span.offset())
            .saturating_sub(1);
        // One line more than the context: the break ending the line before it is where miette's
        // count decides a few edge cases (an empty span at the start of a line).
        let first = line.saturating_sub(context_lines_before + 1);
        let base = self.line_starts.get(first).copied().unwrap_or(0);
        let shifted = SourceSpan::new((span.offset() - base).into(), span.len());
        let rest = &self.text.as_bytes()[base..];
        let inner = rest.read_span(&shifted, context_lines_before, context_lines_after)?;
        let inner_span = inner.span();
        Ok(Box::new(miette::MietteSpanContents::new(
            inner.data(),
            SourceSpan::new((inner_span.offset() + base).into(), inner_span.len()),
            inner.line() + first,
            inner.column(),
            inner.line_count() + first,
        )))
    }
}

#[cfg(test)]
mod tests {
    use miette::SourceCode;
    use proptest::prelude::*;

    use super::*;

    fn same(text: &str, offset: usize, len: usize, before: usize, after: usize) {
        let span = SourceSpan::new(offset.into(), len);
        let window = Window::new(Arc::from(text));
        let ours = window.read_span(&span, before, after);
        let theirs = text.read_span(&span, before, after);
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => {
                assert_eq!(ours.data(), theirs.data(), "data");
                assert_eq!(ours.span(), theirs.span(), "span");
                assert_eq!(ours.line(), theirs.line(), "line");
                assert_eq!(ours.column(), theirs.column(), "column");
                assert_eq!(ours.line_count(), theirs.line_count(), "line count");
            }
            (Err(_), Err(_)) => {}
            (ours, theirs) => panic!("{:?} against {:?}", ours.is_ok(), theirs.is_ok()),
        }
    }

    #[test]
    fn an_empty_span_at_a_line_start() {
        for before in 0..3 {
            for after in 0..3 {
                same("a\nb\nc", 2, 0, before, after);
                same("a\r\nb\r\n", 3, 0, before, after);
                same("a\n", 2, 0, before, after);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Every snippet, line, column and line count is the one miette's own `str` source gives.
        #[test]
        fn reads_as_miettes_str_source(
            parts in proptest::collection::vec(prop_oneof!["\n", "\r\n", "\r", "a", "bc", "é", " "], 0..30),
            at in any::<prop::sample::Index>(),
            len in 0usize..8,
            before in 0usize..4,
            after in 0usize..4,
        ) {
            let text: String = parts.concat();
            // Spans start on character boundaries, as the findings' do; some reach past the end.
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let offset = boundaries[at.index(boundaries.len())];
            same(&text, offset, len, before, after);
        }
    }
}
