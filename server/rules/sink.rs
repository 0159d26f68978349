//! Where the rules put their findings.
//!
//! A rule can find 100,000 things in one 10 MB file, of which a report shows a file's budget
//! (1,000 by default). The CLI's sink hands what has piled up to the check that made it
//! ([`Compact`]) each time it doubles past a threshold; the check applies the suppressions, the
//! configuration and the per-file budget to it as it would at the end, and keeps what could
//! still be shown. So memory follows the budget, not what the rules found, and the report is
//! the same as if nothing had been dropped early.

use crate::diagnostic::Diagnostic;

/// The findings gathered before the first compaction.
const FIRST_COMPACTION_AT: usize = 8 * 1024;

/// What a check does with the findings piled up in a [`Sink`]: keeps those that may still be
/// reported (removing the rest from `found`) and remembers what it needs of the others. Every
/// finding before `found[seen]` was kept by an earlier call.
pub trait Compact {
    fn compact(&mut self, found: &mut Vec<Diagnostic>, seen: usize);
}

/// A list of findings that rules push to; [`Sink::compacting`] bounds it as it grows.
#[derive(Default)]
pub struct Sink<'a> {
    found: Vec<Diagnostic>,
    compact: Option<&'a mut dyn Compact>,
    /// Findings kept by the last compaction.
    seen: usize,
}

impl<'a> Sink<'a> {
    /// A sink that keeps everything (the language server keeps each document's findings to
    /// reuse; tests read them all).
    pub fn new() -> Sink<'a> {
        Sink::default()
    }

    /// A sink that hands its findings to `compact` whenever they double past a threshold.
    pub fn compacting(compact: &'a mut dyn Compact) -> Sink<'a> {
        Sink {
            found: Vec::new(),
            compact: Some(compact),
            seen: 0,
        }
    }

    pub fn push(&mut self, finding: Diagnostic) {
        self.found.push(finding);
        if self.found.len() >= FIRST_COMPACTION_AT.max(2 * self.seen)
            && let Some(compact) = self.compact.as_deref_mut()
        {
            compact.compact(&mut self.found, self.seen);
            self.seen = self.found.len();
        }
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.found
    }
}

impl Extend<Diagnostic> for Sink<'_> {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, findings: I) {
        for finding in findings {
            self.push(finding);
        }
    }
}

/// Reading what was found (tests, and the language server's store).
impl std::ops::Deref for Sink<'_> {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.found
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::Span;
    use crate::diagnostic::codes::connectivity::UNREACHABLE;

    /// Test double for the check's compaction: keeps the first `keep` findings and counts its
    /// calls, checking that each call is told which findings it kept before.
    struct KeepFirst {
        keep: usize,
        calls: usize,
    }

    impl Compact for KeepFirst {
        fn compact(&mut self, found: &mut Vec<Diagnostic>, seen: usize) {
            assert!(seen <= self.keep.min(found.len()));
            self.calls += 1;
            found.truncate(self.keep);
        }
    }

    /// A compacting sink hands its findings over as they pile up, so what it holds stays near
    /// the threshold however many are pushed; a plain sink keeps them all.
    #[test]
    fn a_compacting_sink_stays_bounded_as_findings_are_pushed() {
        let file: Arc<Path> = Arc::from(Path::new("platform.yaml"));
        let finding = |i: usize| Diagnostic::new(&UNREACHABLE, &file, Span::point(i), "x");
        let mut double = KeepFirst {
            keep: 100,
            calls: 0,
        };
        let mut sink = Sink::compacting(&mut double);
        let mut largest = 0;
        for i in 0..100_000 {
            sink.push(finding(i));
            largest = largest.max(sink.len());
        }
        assert!(largest <= FIRST_COMPACTION_AT, "{largest}");
        drop(sink);
        assert!(
            double.calls >= 100_000 / FIRST_COMPACTION_AT,
            "{}",
            double.calls
        );

        let mut plain = Sink::new();
        plain.extend((0..20_000).map(finding));
        assert_eq!(plain.len(), 20_000);
    }
}
