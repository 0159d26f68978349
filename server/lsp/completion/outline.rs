//! The block structure around the cursor, read from indentation alone. What a person is typing is
//! rarely valid YAML yet (a half-written key, a profile with no keys, a line left empty after
//! Enter), so the path to the mapping a line belongs to is worked out the way a reader of the text
//! would: by columns, `- ` items and `key:` lines, skipping comments, block scalars and flow
//! collections that span lines. No parse, so nothing above the cursor can break it.

use crate::model::navigate::Step;

/// One line of block YAML, as far as structure goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'t> {
    /// Columns (in chars) of each `- ` item indicator, outermost first.
    pub dashes: Vec<usize>,
    /// Column where the content after indentation and dashes starts.
    pub content: usize,
    /// The mapping key written on the line, unquoted.
    pub key: Option<String>,
    /// What follows the key's `:` (or the content when there is no key), trimmed.
    pub value: &'t str,
    /// `---` or `...`: the next document starts.
    pub marker: bool,
}

/// Splits text into lines the way LSP counts them (at `\n`, `\r\n` and `\r`), without their
/// line break.
pub fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&text[start..]);
    out
}

/// The byte index of the `:` that ends a block mapping key in `rest` (text after indentation
/// and dashes), if there is one: outside quotes, followed by a blank or the end, before any
/// comment. Every delimiter is ASCII, so bytes can be scanned safely.
pub fn key_colon_byte(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let first = *bytes.first()?;
    if b"{[#|>&*!%@`".contains(&first) {
        return None;
    }
    let blank = |i: usize| bytes.get(i).is_none_or(|b| *b == b' ' || *b == b'\t');
    let mut i = 0;
    if first == b'"' || first == b'\'' {
        i = 1;
        while i < bytes.len() {
            if first == b'"' && bytes[i] == b'\\' {
                i += 2;
                continue;
            }
            if bytes[i] == first {
                if first == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                break;
            }
            i += 1;
        }
        i += 1;
    }
    while i < bytes.len() {
        match bytes[i] {
            b':' if blank(i + 1) => return Some(i),
            b'#' if i > 0 && (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// As [`key_colon_byte`], as a char index.
pub fn key_colon(rest: &str) -> Option<usize> {
    key_colon_byte(rest).map(|b| rest[..b].chars().count())
}

fn unquote(key: &str) -> String {
    let key = key.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = key.strip_prefix(quote).and_then(|k| k.strip_suffix(quote)) {
            return inner.to_owned();
        }
    }
    key.to_owned()
}

/// The structure of one line; `None` for blank and comment lines. Indentation and `- ` are ASCII,
/// so their byte offsets are their char columns.
pub fn parse(line: &str) -> Option<Line<'_>> {
    let bytes = line.as_bytes();
    let blank = |i: usize| bytes.get(i).is_some_and(|b| *b == b' ' || *b == b'\t');
    let mut col = 0;
    while blank(col) {
        col += 1;
    }
    let rest = &line[col..];
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    if col == 0 && (rest == "---" || rest.starts_with("--- ") || rest == "...") {
        return Some(Line {
            dashes: Vec::new(),
            content: 0,
            key: None,
            value: "",
            marker: true,
        });
    }
    let mut dashes = Vec::new();
    while bytes.get(col) == Some(&b'-') && (col + 1 == bytes.len() || blank(col + 1)) {
        dashes.push(col);
        col += 1;
        while blank(col) {
            col += 1;
        }
    }
    let rest = &line[col.min(line.len())..];
    let (key, value) = match key_colon_byte(rest) {
        Some(colon) => (Some(unquote(&rest[..colon])), rest[colon + 1..].trim()),
        None => (None, rest.trim()),
    };
    Some(Line {
        dashes,
        content: col,
        key,
        value,
        marker: false,
    })
}

/// One level of the path: a key or a sequence item, where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub col: usize,
    pub line: usize,
    pub step: Step,
}

/// Bracket depth change of a flow value (quotes skipped).
fn flow_depth(text: &str) -> i64 {
    let mut depth = 0i64;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') => depth -= 1,
            (None, '#') => break,
            _ => {}
        }
    }
    depth
}

/// Applies a line's dashes to the frames: each `- ` continues the sequence whose items start at
/// that column, or starts one.
pub fn push_dashes(frames: &mut Vec<Frame>, dashes: &[usize], line: usize) {
    for &dash in dashes {
        while frames.last().is_some_and(|f| f.col > dash) {
            frames.pop();
        }
        match frames.last_mut() {
            Some(Frame {
                col,
                step: Step::Index(index),
                line: at,
            }) if *col == dash => {
                *index += 1;
                *at = line;
            }
            _ => frames.push(Frame {
                col: dash,
                line,
                step: Step::Index(0),
            }),
        }
    }
}

/// Pops the frames a key at `col` closes: deeper ones, and the sibling at the same column.
pub fn close_for_key(frames: &mut Vec<Frame>, col: usize) {
    while frames.last().is_some_and(|f| f.col >= col) {
        frames.pop();
    }
}

/// The open keys and items at the start of line `until`.
pub fn frames_before(lines: &[&str], until: usize) -> Vec<Frame> {
    let mut frames: Vec<Frame> = Vec::new();
    // Content lines deeper than this column belong to a block scalar.
    let mut scalar_above: Option<usize> = None;
    let mut flow = 0i64;
    for (number, text) in lines.iter().enumerate().take(until) {
        if flow > 0 {
            flow += flow_depth(text);
            continue;
        }
        let Some(line) = parse(text) else {
            continue;
        };
        if let Some(column) = scalar_above {
            let indent = line.dashes.first().copied().unwrap_or(line.content);
            if indent > column {
                continue;
            }
            scalar_above = None;
        }
        if line.marker {
            frames.clear();
            continue;
        }
        push_dashes(&mut frames, &line.dashes, number);
        if let Some(key) = &line.key {
            close_for_key(&mut frames, line.content);
            frames.push(Frame {
                col: line.content,
                line: number,
                step: Step::Key(key.clone()),
            });
        }
        let owner = if line.key.is_some() {
            Some(line.content)
        } else {
            line.dashes.last().copied()
        };
        if line.value.starts_with('|') || line.value.starts_with('>') {
            scalar_above = owner;
        } else if line.value.starts_with('{') || line.value.starts_with('[') {
            flow = flow_depth(line.value).max(0);
        }
    }
    frames
}

/// The keys (with their values) of the block mapping whose keys sit at `col`, around `line`:
/// upwards to where the mapping starts (a shallower line, or the `- ` line of its item), downwards
/// to where it ends. The line itself counts when `with_line` (not the line being typed).
pub fn siblings(lines: &[&str], line: usize, col: usize, with_line: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let upto = (line + usize::from(with_line)).min(lines.len());
    for text in lines[..upto].iter().rev() {
        let Some(parsed) = parse(text) else { continue };
        let starts = parsed.dashes.first().copied().unwrap_or(parsed.content);
        if parsed.content == col
            && let Some(key) = parsed.key
        {
            out.push((key, parsed.value.to_owned()));
            if !parsed.dashes.is_empty() {
                break; // the first key of a sequence item
            }
            continue;
        }
        if starts < col {
            break;
        }
    }
    for text in lines.iter().skip(line + 1) {
        let Some(parsed) = parse(text) else { continue };
        let starts = parsed.dashes.first().copied().unwrap_or(parsed.content);
        if starts < col || (starts == col && !parsed.dashes.is_empty()) {
            break;
        }
        if parsed.content == col
            && parsed.dashes.is_empty()
            && let Some(key) = parsed.key
        {
            out.push((key, parsed.value.to_owned()));
        }
    }
    out
}

/// The indentation step the file uses (spaces a child is indented past its parent key), 2 if
/// nothing tells. The first few hundred lines tell enough.
pub fn indent_unit(lines: &[&str]) -> usize {
    let mut parent: Option<usize> = None;
    let mut counts = [0usize; 9];
    for text in lines.iter().take(400) {
        let Some(line) = parse(text) else { continue };
        let start = line.dashes.first().copied().unwrap_or(line.content);
        if let Some(p) = parent
            && start > p
            && start - p < counts.len()
        {
            counts[start - p] += 1;
        }
        parent = (line.key.is_some() && line.value.is_empty()).then_some(line.content);
    }
    (1..counts.len())
        .max_by_key(|&n| (counts[n], std::cmp::Reverse(n)))
        .filter(|&n| counts[n] > 0)
        .unwrap_or(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(frames: &[Frame]) -> Vec<String> {
        frames
            .iter()
            .map(|f| match &f.step {
                Step::Key(k) => k.clone(),
                Step::Index(i) => format!("[{i}]"),
            })
            .collect()
    }

    #[test]
    fn lines_keys_and_dashes() {
        let line = parse("  - - name: \"a: b\" # c").expect("content");
        assert_eq!(line.dashes, vec![2, 4]);
        assert_eq!(line.content, 6);
        assert_eq!(line.key.as_deref(), Some("name"));
        assert_eq!(line.value, "\"a: b\" # c");
        assert_eq!(parse("   # comment"), None);
        assert_eq!(parse("\t"), None);
        assert_eq!(
            parse("\"quoted key\": 1").and_then(|l| l.key).as_deref(),
            Some("quoted key")
        );
        assert_eq!(
            parse("uri: http://x:8181").and_then(|l| l.key).as_deref(),
            Some("uri")
        );
        assert_eq!(parse("{a: 1}").and_then(|l| l.key), None);
        assert_eq!(parse("- iceberg").and_then(|l| l.key), None);
    }

    #[test]
    fn frames_follow_indentation_items_and_scalars() {
        let text = "storage:\n  lake:\n    bucket: x\n    note: |\n      a: b\n  other: {a: [1,\n    2]}\ntransforms:\n- type: dbt\n  path: x\n- type: python\n  entry: |\n    k: v\n";
        let lines = lines(text);
        assert_eq!(
            steps(&frames_before(&lines, 3)),
            vec!["storage", "lake", "bucket"]
        );
        // The block scalar's `a: b` is not a key.
        assert_eq!(
            steps(&frames_before(&lines, 5)),
            vec!["storage", "lake", "note"]
        );
        // Nor is what a multi-line flow collection holds.
        assert_eq!(steps(&frames_before(&lines, 7)), vec!["storage", "other"]);
        assert_eq!(
            steps(&frames_before(&lines, 12)),
            vec!["transforms", "[1]", "entry"]
        );
    }

    #[test]
    fn siblings_of_a_mapping_and_of_a_sequence_item() {
        let text = "compute:\n  default:\n    type: duckdb\n\n    properties: {}\n  other:\n    type: spark\nlist:\n  - a: 1\n    b: 2\n\n    c: 3\n  - d: 4\n";
        let lines = lines(text);
        let keys: Vec<String> = siblings(&lines, 3, 4, false)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, vec!["type", "properties"]);
        let keys: Vec<String> = siblings(&lines, 10, 4, false)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, vec!["b", "a", "c"]);
        let keys: Vec<String> = siblings(&lines, 8, 4, true)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, vec!["a", "b", "c"]);
        assert_eq!(super::lines("a\r\nb\rc\n"), vec!["a", "b", "c", ""]);
    }

    #[test]
    fn indentation_unit() {
        assert_eq!(indent_unit(&lines("a:\n    b:\n        c: 1\n")), 4);
        assert_eq!(indent_unit(&lines("a:\n  b: 1\n")), 2);
        assert_eq!(indent_unit(&lines("a: 1\n")), 2);
        assert_eq!(indent_unit(&lines("a:\n- x\n")), 2);
    }
}
