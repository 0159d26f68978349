//! Findings bounded as they are made: the CLI's rules write to a [`Sink`](crate::rules::Sink)
//! that hands them here each time they pile up. What a report could never show (over a file's
//! budget, suppressed, turned off by the configuration) is dropped then; what the report's end
//! needs of it ([`Early`]: secret spans, the suppressions used, how many were dropped and the
//! first of them) is kept. So a 10 MB file with 100,000 findings holds 1,000 of them, and the
//! report is the one [`finish`](super::finish) would make of them all.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::path::Path;
use std::sync::Arc;

use super::finish::{dedup, over_budget, retain_kept};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rules::{Compact, suppression};
use crate::syntax::Document;

/// What the compactions learned of the findings they removed.
#[derive(Default)]
pub(super) struct Early {
    /// The secret spans of every finding seen.
    pub masked: Vec<(Arc<Path>, Span)>,
    /// The suppressions used, per file.
    pub used: HashMap<Arc<Path>, suppression::Used>,
    /// Each file's findings dropped over its budget.
    pub dropped: HashMap<Arc<Path>, Dropped>,
    /// Each dropped finding's identity (file, span, code, message), hashed: a later copy of one
    /// is a duplicate, not one more.
    dropped_keys: HashSet<u64>,
    hasher: RandomState,
}

impl Early {
    pub fn has_dropped(&self) -> bool {
        !self.dropped_keys.is_empty()
    }

    /// Whether `finding` is a copy of one dropped earlier.
    pub fn was_dropped(&self, finding: &Diagnostic) -> bool {
        self.has_dropped() && self.dropped_keys.contains(&self.key(finding))
    }

    fn key(&self, d: &Diagnostic) -> u64 {
        self.hasher
            .hash_one((&*d.file, d.span.start, d.span.end, d.rule.code, &d.message))
    }
}

/// Findings dropped over a file's budget: how many, the highest severity, the first place.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dropped {
    pub count: usize,
    pub severity: Severity,
    pub first: Span,
}

impl Dropped {
    pub fn one(finding: &Diagnostic) -> Dropped {
        Dropped {
            count: 1,
            severity: finding.severity,
            first: finding.span,
        }
    }

    /// Both tallies as one; `self`'s first place wins a tie (it was found first).
    pub fn then(self, later: Dropped) -> Dropped {
        Dropped {
            count: self.count + later.count,
            severity: self.severity.max(later.severity),
            first: if later.first.start < self.first.start {
                later.first
            } else {
                self.first
            },
        }
    }
}

/// One project's compactions: its documents (for their suppressions), the configuration and
/// the budget, writing to the check's [`Early`].
pub(super) struct Budget<'a> {
    pub early: &'a mut Early,
    pub documents: &'a BTreeMap<Arc<Path>, Arc<Document>>,
    pub settings: &'a Settings,
    pub max: usize,
}

impl Compact for Budget<'_> {
    /// The steps of [`finish`](super::finish), in its order, on what was found since the last
    /// call; then the budget, on everything kept.
    fn compact(&mut self, found: &mut Vec<Diagnostic>, seen: usize) {
        let early = &mut *self.early;
        let mut fresh = found.split_off(seen.min(found.len()));
        if early.has_dropped() {
            fresh.retain(|d| !early.was_dropped(d));
        }
        early.masked.extend(
            fresh
                .iter()
                .filter(|d| d.secret)
                .map(|d| (Arc::clone(&d.file), d.span)),
        );
        let mut files: Vec<&Arc<Path>> = Vec::new();
        for d in &fresh {
            if files.last().is_none_or(|last| **last != d.file) {
                files.push(&d.file);
            }
        }
        files.sort();
        files.dedup();
        let files: Vec<Arc<Path>> = files.into_iter().map(Arc::clone).collect();
        for file in files {
            if let Some(document) = self.documents.get(&file) {
                let used = early.used.entry(file).or_default();
                suppression::filter(document, &mut fresh, used);
            }
        }
        self.settings.apply(&mut fresh);
        found.append(&mut fresh);
        dedup(found);
        let (keep, over) = over_budget(found, self.max);
        for (d, kept) in found.iter().zip(&keep) {
            if !kept {
                early.dropped_keys.insert(early.key(d));
            }
        }
        for (file, dropped) in over {
            early
                .dropped
                .entry(file)
                .and_modify(|earlier| *earlier = earlier.then(dropped))
                .or_insert(dropped);
        }
        retain_kept(found, &keep);
    }
}
