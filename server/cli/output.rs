//! `floe-lint check`'s output, assembled from parts: each checked unit of projects is rendered on
//! the thread that checked it, and only its rendered findings are kept (never its trees), so the
//! output of a thousand projects costs its own size in memory, not the repository's. The parts
//! are merged file by file in path order, which is the order a single report sorts its findings
//! in, so the output is byte for byte what rendering one report of every project gives.

use std::collections::BTreeMap;
use std::io::{IoSlice, Write};
use std::path::Path;
use std::sync::Arc;

use super::args::Format;
use super::{github, human, json, sarif};
use crate::check::{ReadError, Report};
use crate::diagnostic::Severity;

/// Findings by severity.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    /// Whether any finding is at `threshold` or above.
    pub fn any_at_least(&self, threshold: Severity) -> bool {
        match threshold {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.errors + self.warnings + self.infos > 0,
        }
    }
}

/// How findings are rendered.
pub struct Style<'a> {
    pub format: Format,
    pub color: bool,
    /// A path as shown in human, json and github output (relative to the working directory).
    pub shown: &'a (dyn Fn(&Path) -> String + Sync),
    /// A path as a SARIF URI (relative to the repository root).
    pub uri: &'a (dyn Fn(&Path) -> String + Sync),
}

/// What is kept of one checked unit.
#[derive(Debug, Default)]
pub struct Part {
    /// Every document the unit read, with its shown path where the output lists the files
    /// (JSON; made here, on the thread that checked the unit, not after every check is done).
    files: Vec<(Arc<Path>, String)>,
    /// The rendered findings of each file that has any, by file, joined by the format's
    /// separator: one string per file is one allocation for the main thread to write and free
    /// after the workers are done, where a thousand projects' findings are otherwise freed one
    /// by one.
    findings: Vec<(Arc<Path>, String)>,
    counts: Counts,
}

/// Renders a report's findings (the report is sorted: by file, then position).
pub fn part(report: &Report, style: &Style<'_>) -> Part {
    // A file's findings are consecutive: its path is made relative once, not per finding.
    let shown = last_one(style.shown);
    let uri = last_one(style.uri);
    let rendered: Vec<String> = match style.format {
        Format::Human => human::findings(report, style.color, &shown),
        Format::Json => each(report, |d| json::finding(report, d, &shown)),
        Format::Sarif => each(report, |d| sarif::finding(report, d, &uri)),
        Format::Github => each(report, |d| github::finding(report, d, &shown)),
    };
    let separator = separator(style.format);
    let mut findings: Vec<(Arc<Path>, String)> = Vec::new();
    let mut counts = Counts::default();
    for (d, text) in report.diagnostics.iter().zip(rendered) {
        match d.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Info => counts.infos += 1,
        }
        match findings.last_mut() {
            Some((file, texts)) if *file == d.file => {
                texts.push_str(separator);
                texts.push_str(&text);
            }
            _ => findings.push((Arc::clone(&d.file), text)),
        }
    }
    let listed = matches!(style.format, Format::Json);
    Part {
        files: report
            .documents
            .keys()
            .map(|file| {
                let shown = if listed { shown(file) } else { String::new() };
                (Arc::clone(file), shown)
            })
            .collect(),
        findings,
        counts,
    }
}

/// `show`, remembering its last answer.
fn last_one<'a>(show: &'a (dyn Fn(&Path) -> String + Sync)) -> impl Fn(&Path) -> String + 'a {
    let last: std::cell::RefCell<Option<(std::path::PathBuf, String)>> = Default::default();
    move |path: &Path| {
        if let Some((seen, text)) = &*last.borrow()
            && seen == path
        {
            return text.clone();
        }
        let text = show(path);
        *last.borrow_mut() = Some((path.to_path_buf(), text.clone()));
        text
    }
}

/// What stands between two findings: JSON and SARIF list them in an array; the others' texts
/// end their own lines.
fn separator(format: Format) -> &'static str {
    match format {
        Format::Json | Format::Sarif => ",\n",
        Format::Human | Format::Github => "",
    }
}

fn each(report: &Report, render: impl Fn(&crate::diagnostic::Diagnostic) -> String) -> Vec<String> {
    report.diagnostics.iter().map(render).collect()
}

/// Writes the whole output of the parts (in project order) and the files that could not be
/// read; returns the findings counted by severity.
pub fn write(
    style: &Style<'_>,
    parts: Vec<Part>,
    read_errors: &[ReadError],
    out: &mut dyn Write,
) -> Counts {
    let mut files: Vec<(Arc<Path>, String)> = Vec::new();
    let mut by_file: Vec<(Arc<Path>, String)> = Vec::new();
    let mut counts = Counts::default();
    for part in parts {
        files.extend(part.files);
        counts.add(part.counts);
        by_file.extend(part.findings);
    }
    // Units come in project order, which is path order but for projects nested in another's
    // directory or sharing a file: only then is a merge needed (comparing paths component by
    // component is most of this function's time for a thousand projects).
    if !files.is_sorted_by(|a, b| a.0 < b.0) {
        files = files
            .into_iter()
            .collect::<BTreeMap<_, _>>()
            .into_iter()
            .collect();
    }
    if !by_file.is_sorted_by(|a, b| a.0 < b.0) {
        let mut merged: BTreeMap<Arc<Path>, String> = BTreeMap::new();
        for (file, texts) in by_file {
            // A file belongs to one unit; should two ever report it, keep both, in unit order.
            let joined = merged.entry(file).or_default();
            if !joined.is_empty() {
                joined.push_str(separator(style.format));
            }
            joined.push_str(&texts);
        }
        by_file = merged.into_iter().collect();
    }
    let with_findings = by_file.len();
    let mut findings = by_file.into_iter().map(|(_, texts)| texts);
    match style.format {
        Format::Human => {
            if files.is_empty() && read_errors.is_empty() {
                let _ =
                    out.write_all(b"No floe.yaml, platform.yaml or floe manifest.yaml found.\n");
            } else {
                let texts: Vec<String> = findings.collect();
                let summary = human::summary(counts, files.len(), with_findings, read_errors.len());
                let pieces = texts.iter().map(String::as_str).chain([&*summary]);
                write_pieces(out, &pieces.collect::<Vec<_>>());
            }
        }
        Format::Json => {
            let shown: Vec<String> = files.into_iter().map(|(_, shown)| shown).collect();
            json::document(&shown, counts, &mut findings, read_errors, style.shown, out);
        }
        Format::Sarif => sarif::document(&mut findings, read_errors, style.uri, out),
        Format::Github => {
            let unreadable = github::unreadable(read_errors, style.shown);
            let texts: Vec<String> = findings.collect();
            let pieces = std::iter::once(&*unreadable).chain(texts.iter().map(String::as_str));
            write_pieces(out, &pieces.collect::<Vec<_>>());
        }
    }
    let _ = out.flush();
    counts
}

/// `text` with every line indented by `prefix` (pretty JSON strings hold no raw line breaks, so
/// every line is a line of structure).
pub fn indent(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(prefix);
        out.push_str(line);
    }
    out
}

/// Writes pretty JSON `text` with the empty array after `key` (a unique `\n<indent>"key": []`)
/// filled with `items` (each already indented one level deeper), as serde_json prints a filled
/// array.
pub fn splice_array(
    text: &str,
    key: &str,
    items: &mut dyn Iterator<Item = String>,
    out: &mut dyn Write,
) {
    let items: Vec<String> = items.collect();
    let (Some(at), false) = (text.find(key), items.is_empty()) else {
        write_pieces(out, &[text]);
        return;
    };
    let (before, after) = text.split_at(at + key.len() - 1);
    // The closing bracket goes at the key's own indentation.
    let indentation = &key[1..key.len() - key.trim_start_matches(['\n', ' ']).len()];
    let mut pieces = Vec::with_capacity(2 * items.len() + 4);
    pieces.extend([before, "\n"]);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            pieces.push(",\n");
        }
        pieces.push(item);
    }
    pieces.extend(["\n", indentation, after]);
    write_pieces(out, &pieces);
}

/// Writes `pieces` in order, handing them to the writer all at once: a buffered writer passes a
/// large write straight through (a few `writev` calls) rather than copying megabytes of findings
/// into its buffer first.
fn write_pieces(out: &mut dyn Write, pieces: &[&str]) {
    let mut slices: Vec<IoSlice<'_>> = pieces.iter().map(|p| IoSlice::new(p.as_bytes())).collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match out.write_vectored(rest) {
            Ok(0) => return,
            Ok(written) => IoSlice::advance_slices(&mut rest, written),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            // A closed pipe (`| head`): nothing more can be written, as with `write_all`.
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test double for a pipe that takes a few bytes per call and is sometimes interrupted.
    struct Trickle {
        taken: Vec<u8>,
        calls: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = bytes.len().min(5);
            self.taken.extend_from_slice(&bytes[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn pieces_are_written_whole_and_in_order_through_short_writes() {
        let mut out = Trickle {
            taken: Vec::new(),
            calls: 0,
        };
        write_pieces(
            &mut out,
            &["{\n", "", "first finding", ",\n", "second", "\n}"],
        );
        assert_eq!(out.taken, b"{\nfirst finding,\nsecond\n}");
        let mut spliced = Vec::new();
        let items = ["    1".to_owned(), "    2".to_owned()];
        splice_array(
            "{\n  \"a\": [],\n  \"b\": 0\n}",
            "\n  \"a\": []",
            &mut items.into_iter(),
            &mut spliced,
        );
        assert_eq!(
            String::from_utf8_lossy(&spliced),
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": 0\n}"
        );
    }
}
