//! The last step of every check: what is reported, and how.

use std::collections::BTreeMap;
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
    let mut index = 0;
    diagnostics.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

/// Keeps at most `max` findings per file, errors first, and counts the rest in one FL008 at the
/// first one dropped, with the highest severity among them (the exit code stays the same).
fn cap_per_file(report: &mut Report, max: usize) {
    let mut per_file: BTreeMap<Arc<Path>, Vec<Diagnostic>> = BTreeMap::new();
    for d in report.diagnostics.drain(..) {
        per_file.entry(Arc::clone(&d.file)).or_default().push(d);
    }
    for (file, mut found) in per_file {
        if found.len() > max {
            found.sort_by_key(|d| (std::cmp::Reverse(d.severity), d.span.start));
            let dropped = found.split_off(max);
            let severity = dropped.iter().map(|d| d.severity).max();
            let first = dropped.iter().map(|d| d.span).min_by_key(|s| s.start);
            if let (Some(severity), Some(span)) = (severity, first) {
                found.push(
                    Diagnostic::new(
                        &crate::diagnostic::codes::syntax::TOO_MANY_FINDINGS,
                        &file,
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
        report.diagnostics.extend(found);
    }
}
