//! Human output: miette-rendered snippets, one report per diagnostic, then a summary line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::check::Report;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rules::security::redact;

struct Sources {
    texts: BTreeMap<Arc<Path>, Arc<str>>,
}

impl Sources {
    fn named(&self, file: &Path, shown: &str) -> NamedSource<Arc<str>> {
        let text = self
            .texts
            .get(file)
            .cloned()
            .unwrap_or_else(|| Arc::from(""));
        NamedSource::new(shown, text).with_language("yaml")
    }
}

/// One diagnostic in miette's shape.
struct Rendered {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    url: String,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Rendered>,
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.url.is_empty()).then(|| Box::new(&self.url) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.related.is_empty()).then(|| {
            Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic))
                as Box<dyn Iterator<Item = _>>
        })
    }
}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::from((span.start, span.len()))
}

fn severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn render_one(
    diagnostic: &Diagnostic,
    sources: &Sources,
    shown: &dyn Fn(&Path) -> String,
) -> Rendered {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        source_span(diagnostic.span),
    )];
    let mut related = Vec::new();
    for r in &diagnostic.related {
        if r.file == diagnostic.file {
            labels.push(LabeledSpan::new_with_span(
                Some(r.message.clone()),
                source_span(r.span),
            ));
        } else {
            related.push(Rendered {
                message: r.message.clone(),
                code: String::new(),
                severity: miette::Severity::Advice,
                help: None,
                url: String::new(),
                source: sources.named(&r.file, &shown(&r.file)),
                labels: vec![LabeledSpan::new_primary_with_span(
                    None,
                    source_span(r.span),
                )],
                related: Vec::new(),
            });
        }
    }
    let mut help = diagnostic.help.clone();
    if let Some(fix) = &diagnostic.fix {
        let note = format!("fix available: {}", fix.title);
        help = Some(match help {
            Some(h) => format!("{h}\n{note}"),
            None => note,
        });
    }
    Rendered {
        message: diagnostic.message.clone(),
        code: format!("{} {}", diagnostic.rule.code, diagnostic.rule.name),
        severity: severity(diagnostic.severity),
        help,
        url: String::new(),
        source: sources.named(&diagnostic.file, &shown(&diagnostic.file)),
        labels,
        related,
    }
}

/// Renders the whole report. `color` decides ANSI styling.
pub fn render(report: &Report, color: bool, shown: &dyn Fn(&Path) -> String) -> String {
    let sources = Sources {
        texts: report
            .documents
            .iter()
            .map(|(p, d)| {
                let spans: Vec<Span> = report
                    .masked
                    .iter()
                    .filter(|(f, _)| f == p)
                    .map(|(_, s)| *s)
                    .collect();
                (
                    Arc::clone(p),
                    Arc::from(redact::mask(&d.text, &spans).as_str()),
                )
            })
            .collect(),
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        let rendered = render_one(diagnostic, &sources, shown);
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&format!(
                "{}: {}\n",
                shown(&diagnostic.file),
                diagnostic.message
            ));
        }
        out.push('\n');
    }
    out.push_str(&summary(report));
    out
}

/// "Found 2 errors and 1 warning in 2 files." or "All checks passed (3 files)."
pub fn summary(report: &Report) -> String {
    let count = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let files = report.documents.len();
    let noun = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    // A file that could not be read means the check is incomplete: never "All checks passed".
    let unread = match report.read_errors.len() {
        0 => String::new(),
        n => format!(" Could not read {} (see above).", noun(n, "file")),
    };
    if errors + warnings + infos == 0 {
        if !unread.is_empty() {
            return format!("No findings in the {} read.{unread}\n", noun(files, "file"));
        }
        return format!("All checks passed ({}).\n", noun(files, "file"));
    }
    let mut parts = vec![noun(errors, "error"), noun(warnings, "warning")];
    if infos > 0 {
        parts.push(noun(infos, "note"));
    }
    let with_findings = report
        .diagnostics
        .iter()
        .map(|d| &d.file)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    format!(
        "Found {} in {} (of {} checked).{unread}\n",
        parts.join(", "),
        noun(with_findings, "file"),
        files
    )
}
