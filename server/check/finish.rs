//! The last step of every check: what is reported, and how.

use std::path::Path;
use std::sync::Arc;

use super::Report;
use super::budget::{Dropped, Early};
use crate::config::Settings;
use crate::diagnostic::{self, Diagnostic};
use crate::rules::suppression;

/// Deduplicates (aliases repeat nodes), records secret spans, applies suppressions and the
/// configuration, caps each file's findings, sorts. `early` is what the rules' sink compacted
/// away before ([`super::budget`]): the result is as if nothing had been.
pub(super) fn finish(report: &mut Report, settings: &Settings, max_per_file: usize, early: Early) {
    if early.has_dropped() {
        report.diagnostics.retain(|d| !early.was_dropped(d));
    }
    let Early {
        mut masked,
        mut used,
        dropped,
        ..
    } = early;
    dedup(&mut report.diagnostics);
    masked.extend(
        report
            .diagnostics
            .iter()
            .filter(|d| d.secret)
            .map(|d| (Arc::clone(&d.file), d.span)),
    );
    report.masked = masked;
    for document in report.documents.values() {
        let used = used.remove(&document.file).unwrap_or_default();
        suppression::apply_after(document, &mut report.diagnostics, used);
    }
    settings.apply(&mut report.diagnostics);
    let (keep, mut over) = over_budget(&report.diagnostics, max_per_file);
    retain_kept(&mut report.diagnostics, &keep);
    for (file, earlier) in dropped {
        match over.iter_mut().find(|(f, _)| *f == file) {
            Some((_, later)) => *later = earlier.then(*later),
            None => over.push((file, earlier)),
        }
    }
    report.diagnostics.extend(
        over.iter()
            .map(|(file, dropped)| summary(file, dropped, max_per_file)),
    );
    diagnostic::sort(&mut report.diagnostics);
}

/// Removes every finding equal to an earlier one in file, span, code and message (the first is
/// kept). Found by sorting positions rather than hashing copies of every message: a file with a
/// hundred thousand findings would copy them all.
pub(super) fn dedup(diagnostics: &mut Vec<Diagnostic>) {
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
pub(super) fn retain_kept(diagnostics: &mut Vec<Diagnostic>, keep: &[bool]) {
    let mut index = 0;
    diagnostics.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

/// Marks at most `max` findings per file to keep, errors first, then by place, then as found;
/// and tells, for each file over its budget, what the others were. Works on positions, as
/// [`dedup`] does: the findings are not copied to be grouped.
pub(super) fn over_budget(
    found: &[Diagnostic],
    max: usize,
) -> (Vec<bool>, Vec<(Arc<Path>, Dropped)>) {
    let mut order: Vec<usize> = (0..found.len()).collect();
    fn key(d: &Diagnostic) -> (&Path, std::cmp::Reverse<diagnostic::Severity>, usize) {
        (&d.file, std::cmp::Reverse(d.severity), d.span.start)
    }
    order.sort_unstable_by(|&a, &b| key(&found[a]).cmp(&key(&found[b])).then(a.cmp(&b)));
    let mut keep = vec![true; found.len()];
    let mut over = Vec::new();
    for run in order.chunk_by(|&a, &b| found[a].file == found[b].file) {
        let Some(dropped) = run.get(max..).filter(|d| !d.is_empty()) else {
            continue;
        };
        let mut tally: Option<Dropped> = None;
        for &i in dropped {
            keep[i] = false;
            let one = Dropped::one(&found[i]);
            tally = Some(tally.map_or(one, |t| t.then(one)));
        }
        if let Some(tally) = tally {
            over.push((Arc::clone(&found[run[0]].file), tally));
        }
    }
    (keep, over)
}

/// The FL008 that counts a file's dropped findings, at the first of them, with the highest
/// severity among them (the exit code stays the same).
fn summary(file: &Arc<Path>, dropped: &Dropped, max: usize) -> Diagnostic {
    Diagnostic::new(
        &crate::diagnostic::codes::syntax::TOO_MANY_FINDINGS,
        file,
        dropped.first,
        format!(
            "{} more finding{} in this file not shown (budget: {max} per file)",
            dropped.count,
            if dropped.count == 1 { "" } else { "s" }
        ),
    )
    .with_severity(dropped.severity)
}
