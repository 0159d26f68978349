//! Human output: miette-rendered snippets, one report per diagnostic, then a summary line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::escape::{self, Escaped};
use super::output::Counts;
use super::source_window::Window;
use crate::check::Report;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::secrets::redact;

/// Each file's text as shown: secrets masked, then control characters made visible.
struct Sources {
    texts: BTreeMap<Arc<Path>, (Window, Escaped)>,
}

impl Sources {
    fn named(&self, file: &Path, shown: &str) -> NamedSource<Window> {
        let text = self
            .texts
            .get(file)
            .map(|(text, _)| text.clone())
            .unwrap_or_else(|| Window::new(Arc::from("")));
        NamedSource::new(escape::text(shown), text).with_language("yaml")
    }

    /// A span of the file's text, in the shown text.
    fn span(&self, file: &Path, span: Span) -> SourceSpan {
        let span = self
            .texts
            .get(file)
            .map_or(span, |(_, escaped)| escaped.span(span));
        SourceSpan::from((span.start, span.len()))
    }
}

/// One diagnostic in miette's shape.
struct Rendered {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    url: String,
    source: NamedSource<Window>,
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

fn severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// A diagnostic in miette's shape, and its related locations in other files (rendered after it,
/// each as a `note:`).
fn render_one(
    diagnostic: &Diagnostic,
    sources: &Sources,
    shown: &dyn Fn(&Path) -> String,
) -> (Rendered, Vec<Rendered>) {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        sources.span(&diagnostic.file, diagnostic.span),
    )];
    let mut related = Vec::new();
    for r in &diagnostic.related {
        let message = escape::text(&r.message).into_owned();
        if r.file == diagnostic.file {
            labels.push(LabeledSpan::new_with_span(
                Some(message),
                sources.span(&r.file, r.span),
            ));
        } else {
            related.push(Rendered {
                message,
                code: String::new(),
                severity: miette::Severity::Advice,
                help: None,
                url: String::new(),
                source: sources.named(&r.file, &shown(&r.file)),
                labels: vec![LabeledSpan::new_primary_with_span(
                    None,
                    sources.span(&r.file, r.span),
                )],
                related: Vec::new(),
            });
        }
    }
    let mut help: Option<String> = diagnostic.help.as_deref().map(str::to_owned);
    if let Some(fix) = &diagnostic.fix {
        let note = format!("fix available: {}", fix.title);
        help = Some(match help {
            Some(h) => format!("{h}\n{note}"),
            None => note,
        });
    }
    let rendered = Rendered {
        message: escape::text(&diagnostic.message).into_owned(),
        code: format!("{} {}", diagnostic.rule.code, diagnostic.rule.name),
        severity: severity(diagnostic.severity),
        help: help.map(|h| escape::text(&h).into_owned()),
        url: String::new(),
        source: sources.named(&diagnostic.file, &shown(&diagnostic.file)),
        labels,
        related: Vec::new(),
    };
    (rendered, related)
}

fn handler(theme: GraphicalTheme) -> GraphicalReportHandler {
    GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        // Wrap at spaces only: a path, a URL or `hard-coded` is never cut in two.
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Each finding of the report rendered as miette reports (its related locations in other files
/// as notes after it), one string per finding, in order, each ending with a blank line.
pub fn findings(report: &Report, color: bool, shown: &dyn Fn(&Path) -> String) -> Vec<String> {
    // Only the files a finding points into are shown; masking and escaping the others would be
    // work for nothing.
    let shown_files: std::collections::BTreeSet<&Arc<Path>> = report
        .diagnostics
        .iter()
        .flat_map(|d| std::iter::once(&d.file).chain(d.related.iter().map(|r| &r.file)))
        .collect();
    let sources = Sources {
        texts: report
            .documents
            .iter()
            .filter(|(p, _)| shown_files.contains(p))
            .map(|(p, d)| {
                let spans: Vec<Span> = report
                    .masked
                    .iter()
                    .filter(|(f, _)| f == p)
                    .map(|(_, s)| *s)
                    .collect();
                let escaped = Escaped::new(&redact::mask(&d.text, &spans));
                let window = Window::new(Arc::from(escaped.text.as_str()));
                (Arc::clone(p), (window, escaped))
            })
            .collect(),
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Related locations read as rustc's notes, not as miette's "Advice:".
    let mut note_theme = theme.clone();
    note_theme.characters.advice = "note:".into();
    let (main, notes) = (handler(theme), handler(note_theme));
    let mut all = Vec::with_capacity(report.diagnostics.len());
    for diagnostic in &report.diagnostics {
        let mut out = String::new();
        let (rendered, related) = render_one(diagnostic, &sources, shown);
        let mut failed = main.render_report(&mut out, &rendered).is_err();
        for note in &related {
            failed |= notes.render_report(&mut out, note).is_err();
        }
        if failed {
            out.push_str(&format!(
                "{}: {}\n",
                escape::text(&shown(&diagnostic.file)),
                escape::text(&diagnostic.message)
            ));
        }
        out.push('\n');
        all.push(out);
    }
    all
}

/// "Found 2 errors and 1 warning in 2 files." or "All checks passed (3 files)."
pub fn summary(counts: Counts, files: usize, with_findings: usize, unreadable: usize) -> String {
    let Counts {
        errors,
        warnings,
        infos,
    } = counts;
    let noun = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    // A file that could not be read means the check is incomplete: never "All checks passed".
    let unread = match unreadable {
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
    format!(
        "Found {} in {} (of {} checked).{unread}\n",
        parts.join(", "),
        noun(with_findings, "file"),
        files
    )
}
