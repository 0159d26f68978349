//! Random `didChange` content changes: valid values and lines, broken YAML, multi-byte text,
//! deletions, out-of-range ranges, whole-document replacements.

use serde_json::{Value, json};

use super::super::pos;
use super::model::{
    Pos, Rng, boundary, floe_text, line_count, line_width, lines, offset, position, random_position,
};

pub(super) struct Change {
    pub(super) range: Option<(Pos, Pos)>,
    pub(super) text: String,
}

impl Change {
    pub(super) fn at(start: Pos, end: Pos, text: &str) -> Change {
        Change {
            range: Some((start, end)),
            text: text.to_owned(),
        }
    }

    pub(super) fn to_json(&self) -> Value {
        match self.range {
            None => json!({"text": self.text}),
            Some((s, e)) => json!({
                "range": {"start": pos(s.0, s.1), "end": pos(e.0, e.1)},
                "text": self.text,
            }),
        }
    }

    pub(super) fn apply(&self, text: &mut String) {
        match self.range {
            None => text.clone_from(&self.text),
            Some((start, end)) => {
                let start = offset(text, start);
                let end = offset(text, end).max(start);
                text.replace_range(start..end, &self.text);
            }
        }
    }
}

pub(super) const VALUES: &[&str] = &[
    "lake",
    "ab",
    "lakehouse",
    "lake_main",
    "default",
    "missing",
    "\"1.2.0\"",
    "\"1.0.0\"",
    "1.0",
    "true",
    "3",
    "duckdb",
    "polaris",
    "oauth2",
    "static",
    "\"数据 🚀\"",
    "café",
    "\"🦆🦆\"",
    "{secret_ref: polaris-client-id}",
    "\"http://localhost:8181/api/catalog\"",
    "[a, b]",
    "~",
    "",
];
pub(super) const KEYS: &[&str] = &[
    "extra",
    "bucket",
    "clé",
    "名前",
    "warehouse",
    "type",
    "region",
    "🦆",
    "uri",
    "path",
    "traces",
];
pub(super) const BROKEN: &[&str] = &[
    ": : :",
    "{",
    "[",
    "}",
    "\"",
    "'",
    "\t",
    "- ",
    "&a ",
    "*nope ",
    "key: [1, 2",
    "\n  bad: indent\n",
    "? ",
    "---\n",
    "|\n",
    "!!binary ",
    "@",
    "`",
    "%",
    "\r",
    "\u{feff}",
    "\u{0}",
];
pub(super) const MULTIBYTE: &[&str] = &[
    "é",
    "漢字",
    "🦆",
    "数据 🚀",
    "ß",
    "👩‍👩‍👧",
    "e\u{301}",
    "Ω",
    "𝔘𝔫𝔦",
    "\u{b}",
    "\u{c}",
    "\u{85}",
    "a\u{2028}b",
    "\u{2029}",
];

/// `(start, end)` of every `key: value` value on a line.
pub(super) fn values(text: &str) -> Vec<(usize, usize)> {
    lines(text)
        .into_iter()
        .filter_map(|(start, end)| {
            let colon = text[start..end].find(": ")?;
            let value = start + colon + 2;
            (value < end).then_some((value, end))
        })
        .collect()
}

/// One random change against `text`.
pub(super) fn random_change(rng: &mut Rng, text: &str, original: &str) -> Change {
    if text.len() > 16 * 1024 {
        return Change {
            range: None,
            text: original.to_owned(),
        };
    }
    let lines_now = line_count(text);
    match rng.below(100) {
        // A valid edit: another value for a key.
        0..=29 => {
            let candidates = values(text);
            if candidates.is_empty() {
                return Change::at((0, 0), (0, 0), &floe_text(0));
            }
            let (start, end) = rng.pick(&candidates);
            Change::at(position(text, start), position(text, end), rng.pick(VALUES))
        }
        // A valid new line, indented like the one it goes before.
        30..=39 => {
            let line = rng.below(lines_now as usize) as u32;
            let (start, end) = lines(text)[line as usize];
            let indent: String = text[start..end].chars().take_while(|c| *c == ' ').collect();
            let eol = if rng.chance(10) { "\r\n" } else { "\n" };
            let inserted = format!("{indent}{}: {}{eol}", rng.pick(KEYS), rng.pick(VALUES));
            Change::at((line, 0), (line, 0), &inserted)
        }
        // Broken YAML.
        40..=48 => {
            let at = random_position(rng, text);
            Change::at(at, at, rng.pick(BROKEN))
        }
        // Multi-byte text.
        49..=62 => {
            let at = random_position(rng, text);
            Change::at(at, at, rng.pick(MULTIBYTE))
        }
        // A deletion: a few characters, or a few lines.
        63..=74 => {
            let start = boundary(rng, text);
            let end = if rng.chance(70) {
                let mut end = (start + 1 + rng.below(40)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                position(text, end)
            } else {
                let (line, _) = position(text, start);
                (line + 1 + rng.below(3) as u32, rng.below(10) as u32)
            };
            Change::at(position(text, start), end, "")
        }
        // Out-of-range ranges.
        75..=89 => {
            let line = rng.below(lines_now as usize) as u32;
            let past = line_width(text, line) + 1 + rng.below(100) as u32;
            let inserted = if rng.chance(50) {
                rng.pick(MULTIBYTE).to_owned()
            } else {
                format!("\n{}: {}", rng.pick(KEYS), rng.pick(VALUES))
            };
            match rng.below(6) {
                // Past the end of a line: the end of that line.
                0 | 1 => Change::at((line, past), (line, past + 5), &inserted),
                // Past the last line: the end of the document.
                2 => {
                    let beyond = lines_now + rng.below(5) as u32;
                    Change::at((beyond, 7), (beyond + 2, 0), &inserted)
                }
                // From the end of one line to past the end of the next: joins them.
                3 => Change::at((line, past), (line + 1, past + 50), " "),
                // From inside the document to far past its end: truncates it.
                4 => {
                    let start = random_position(rng, text);
                    Change::at(start, (u32::MAX, u32::MAX), &inserted)
                }
                // End before start: an insertion at the start.
                _ => {
                    let start = random_position(rng, text);
                    Change::at(start, (start.0.saturating_sub(1), 0), &inserted)
                }
            }
        }
        // Back to the original text (a full-document change), now and then with a twist.
        90..=95 => Change {
            range: None,
            text: if rng.chance(50) {
                original.to_owned()
            } else {
                original.replacen("default", rng.pick(VALUES), 1)
            },
        },
        // Replace everything through a range.
        _ => Change::at((0, 0), (lines_now, 0), original),
    }
}
