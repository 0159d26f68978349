//! THE Diagnostic: one type that every stage produces and every renderer consumes.
//!
//! A position is a byte span into a document's text. Conversion to lines and UTF-8/UTF-16 columns
//! happens once, at the edge (renderers, LSP), through [`crate::syntax::LineIndex`].

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

pub mod codes;
pub mod rule_meta;

use rule_meta::RuleMeta;

/// A half-open byte range `start..end` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at one offset (e.g. the start of an empty file).
    pub fn point(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A secondary location that explains the primary one (the first of two duplicate keys, the
/// profile list a reference was checked against, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: Arc<Path>,
    pub span: Span,
    pub message: String,
}

/// One replacement of a byte range of a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// Whether a fix may be applied without review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Keeps the meaning the author evidently intended (e.g. an enum near-miss).
    Safe,
    /// Changes behaviour; applied only on request.
    Unsafe,
}

/// A machine-applicable change that resolves a diagnostic; all edits are in the diagnostic's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// A finding: what is wrong, where, why, and how to mend it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that produced it: stable code, kebab-case name, documentation.
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    pub file: Arc<Path>,
    pub span: Span,
    pub related: Vec<Related>,
    pub help: Option<Cow<'static, str>>,
    pub fix: Option<Fix>,
    /// The primary span holds a secret value: no renderer may show its text.
    pub secret: bool,
}

impl Diagnostic {
    /// Starts a diagnostic of `rule` at its default severity (builder style, as zizmor's findings).
    pub fn new(
        rule: &'static RuleMeta,
        file: &Arc<Path>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            file: Arc::clone(file),
            span,
            related: Vec::new(),
            help: None,
            fix: None,
            secret: false,
        }
    }

    /// Marks the primary span as holding a secret (masked in every rendering of the source).
    pub fn with_secret(mut self) -> Diagnostic {
        self.secret = true;
        self
    }

    /// A rule's fixed advice is borrowed, not copied into each of its findings.
    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(
        mut self,
        file: &Arc<Path>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.related.push(Related {
            file: Arc::clone(file),
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// The stable rule code, e.g. `FL002`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// Orders diagnostics for output: by file, then position, then code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.span.start, a.span.end, a.rule.code, &a.message).cmp(&(
            &b.file,
            b.span.start,
            b.span.end,
            b.rule.code,
            &b.message,
        ))
    });
}
