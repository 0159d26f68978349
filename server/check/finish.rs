//! The last step of every check: what is reported, and how.

use std::path::Path;
use std::sync::Arc;

use super::Report;
use crate::config::Settings;
use crate::diagnostic::{self, Diagnostic};
use crate::rules::suppression;

/// Deduplicates (aliases repeat nodes), records secret spans, applies suppressions and the
/// configuration, sorts.
pub(super) fn finish(report: &mut Report, settings: &Settings, max_per_file: usize) {
    dedup(&mut report.diagnostics);
    report.masked = report
        .diagnostics
        .iter()
        .filter(|d| d.secret)
        .map(|d| (Arc::clone(&d.file), d.span))
        .collect();
    for document in report.documents.values() {
        suppression::apply(document, &mut report.diagnostics);
    }
    settings.apply(&mut report.diagnostics);
    cap_per_file(report, max_per_file);
    diagnostic::sort(&mut report.diagnostics);
}

/// Removes every finding equal to an earlier one in file, span, code and message (the first is
/// kept). Found by sorting positions rather than hashing copies of every message: a file with a
/// hundred thousand findings would copy them all.
fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    fn key(d: &Diagnostic) -> (&Path, usize, usize, &str, &str) {
        (&d.file, d.span.start, d.span.end, d.rule.code, &d.message)
    }
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&diagnostics[a], &diagnostics[b]);
        key(x).cmp(&key(y)).then(a.cmp(&b))
    });
    let mut keep = vec![true; diagnostics.len()];
    for pair in order.windows(2) {
        let (x, y) = (&diagnostics[pair[0]], &diagnostics[pair[1]]);
        if key(x) == key(y) {
            keep[pair[1]] = false;
        }
    }
    retain_kept(diagnostics, &keep);
}

/// Keeps the findings whose position `keep` marks.
fn retain_kept(diagnostics: &mut Vec<Diagnostic>, keep: &[bool]) {
    let mut index = 0;
    diagnostics.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

/// Keeps at most `max` findings per file, errors first, and counts the rest in one FL008 at the
/// first one dropped, with the highest severity among them (the exit code stays the same).
/// Works on positions, as [`dedup`] does: the findings are not copied to be grouped.
fn cap_per_file(report: &mut Report, max: usize) {
    let found = &report.diagnostics;
    let mut order: Vec<usize> = (0..found.len()).collect();
    // Within a file: errors first, then by place; equal keys keep the order they were found in.
    fn key(d: &Diagnostic) -> (&Path, std::cmp::Reverse<diagnostic::Severity>, usize) {
        (&d.file, std::cmp::Reverse(d.severity), d.span.start)
    }
    order.sort_unstable_by(|&a, &b| key(&found[a]).cmp(&key(&found[b])).then(a.cmp(&b)));
    let mut keep = vec![true; found.len()];
    let mut summaries = Vec::new();
    for run in order.chunk_by(|&a, &b| found[a].file == found[b].file) {
        let Some(dropped) = run.get(max..).filter(|d| !d.is_empty()) else {
            continue;
        };
        for &i in dropped {
            keep[i] = false;
        }
        let severity = dropped.iter().map(|&i| found[i].severity).max();
        let first = dropped
            .iter()
            .map(|&i| found[i].span)
            .min_by_key(|s| s.start);
        if let (Some(severity), Some(span)) = (severity, first) {
            summaries.push(
                Diagnostic::new(
                    &crate::diagnostic::codes::syntax::TOO_MANY_FINDINGS,
                    &found[run[0]].file,
                    span,
                    format!(
                        "{} more finding{} in this file not shown (budget: {max} per file)",
                        dropped.len(),
                        if dropped.len() == 1 { "" } else { "s" }
                    ),
                )
                .with_severity(severity),
            );
        }
    }
    retain_kept(&mut report.diagnostics, &keep);
    report.diagnostics.extend(summaries);
}
