//! GitHub Actions workflow commands: `::error file=…,line=…::message`.

use std::path::Path;

use super::position::range;
use crate::check::{ReadError, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::ColumnUnit;

/// `%`, CR and LF escaped, as @actions/core `escapeData` does; other control characters made
/// visible (a CI log renders ANSI sequences).
fn escape_data(text: &str) -> String {
    super::escape::text(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Data escaping plus `:` and `,`, as `escapeProperty` does.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The `::error file=…` lines of the files that could not be read.
pub fn unreadable(read_errors: &[ReadError], shown: &dyn Fn(&Path) -> String) -> String {
    let mut out = String::new();
    for failure in read_errors {
        out.push_str(&format!(
            "::error file={},title=floe-lint::{}\n",
            escape_property(&shown(&failure.path)),
            escape_data(&format!("cannot read this file: {}", failure.error))
        ));
    }
    out
}

/// One finding's workflow command line.
pub fn finding(report: &Report, d: &Diagnostic, shown: &dyn Fn(&Path) -> String) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let r = range(report.document(&d.file), d.span, ColumnUnit::Utf16);
    let mut properties = vec![
        format!("file={}", escape_property(&shown(&d.file))),
        format!("line={}", r.start_line),
        format!("endLine={}", r.end_line),
    ];
    // Columns only for single-line spans: a range ending on another line renders badly.
    if r.start_line == r.end_line {
        properties.push(format!("col={}", r.start_column));
        properties.push(format!("endColumn={}", r.end_column.max(r.start_column)));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("{} {}", d.rule.code, d.rule.name))
    ));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        escape_data(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_actions_core() {
        assert_eq!(escape_data("50%\r\nx"), "50%25%0D%0Ax");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
