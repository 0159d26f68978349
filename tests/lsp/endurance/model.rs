//! The workspace the endurance test edits, the client's model of each document (with the
//! server's position semantics), and the seeded generator.

use std::path::Path;

use super::super::{LOCAL, PROD};

// ---------------------------------------------------------------------------------------------
// A seeded generator (SplitMix64): no dependency, reproducible from the printed seed.

pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

pub(super) fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value}: expected a number")),
        Err(_) => default,
    }
}

// ---------------------------------------------------------------------------------------------
// The workspace: projects of floe.yaml + platform/{local,prod}/platform.yaml.

pub(super) fn floe_text(project: usize) -> String {
    format!(
        "name: orders-{project}\nversion: \"1.0.0\"\nstorage: default\ncatalog: lakehouse\ncompute: default\n\nobservability:\n  traces: true\n  attributes:\n    service.name: orders-{project}\n    team: \"数据 🚀\"\n"
    )
}

pub(super) fn platform_text(env: &str) -> String {
    let base = if env == "local" { LOCAL } else { PROD };
    format!("{base}observability:\n  attributes:\n    owner: \"Zoë 漢字 🦆\"\n")
}

/// `(relative path, text)` of every file of `projects` projects.
pub(super) fn workspace_files(projects: usize) -> Vec<(String, String)> {
    (0..projects)
        .flat_map(|p| {
            [
                (format!("p{p:03}/floe.yaml"), floe_text(p)),
                (
                    format!("p{p:03}/platform/local/platform.yaml"),
                    platform_text("local"),
                ),
                (
                    format!("p{p:03}/platform/prod/platform.yaml"),
                    platform_text("prod"),
                ),
            ]
        })
        .collect()
}

pub(super) fn write_files(root: &Path, files: &[(String, String)]) {
    for (relative, text) in files {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

// ---------------------------------------------------------------------------------------------
// The client's model of a document, with the server's position semantics: lines end at `\n`,
// `\r\n` or a lone `\r`; columns count UTF-16 code units; a line past the end means the end of the
// document, a column past the end of a line the end of that line, and a column inside a surrogate
// pair the start of that character (server/lsp/documents.rs `char_index`); an end before the start
// is an empty range at the start.

pub(super) struct Doc {
    pub(super) relative: String,
    pub(super) uri: String,
    pub(super) original: String,
    pub(super) text: String,
    pub(super) version: i64,
}

/// `(start, end of content)` byte offsets of every line.
pub(super) fn lines(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, bytes.len()));
    out
}

pub(super) type Pos = (u32, u32);

/// Byte offset of an LSP position, clamped as the server clamps it.
pub(super) fn offset(text: &str, (line, character): Pos) -> usize {
    let Some(&(start, end)) = lines(text).get(line as usize) else {
        return text.len();
    };
    let character = character as usize;
    let (mut counted, mut at) = (0usize, start);
    for ch in text[start..end].chars() {
        let width = ch.len_utf16();
        if counted >= character || counted + width > character {
            break;
        }
        counted += width;
        at += ch.len_utf8();
    }
    at
}

/// LSP position of a byte offset (a char boundary).
pub(super) fn position(text: &str, at: usize) -> Pos {
    let lines = lines(text);
    let line = lines.partition_point(|(start, _)| *start <= at) - 1;
    let (start, end) = lines[line];
    let column = text[start..at.min(end)].encode_utf16().count();
    (line as u32, column as u32)
}

pub(super) fn line_count(text: &str) -> u32 {
    lines(text).len() as u32
}

pub(super) fn line_width(text: &str, line: u32) -> u32 {
    lines(text)
        .get(line as usize)
        .map_or(0, |(s, e)| text[*s..*e].encode_utf16().count() as u32)
}

/// A random char boundary in `text`.
pub(super) fn boundary(rng: &mut Rng, text: &str) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A random position, now and then one column into a surrogate pair.
pub(super) fn random_position(rng: &mut Rng, text: &str) -> Pos {
    let at = boundary(rng, text);
    let (line, column) = position(text, at);
    let astral = text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.len_utf16() == 2);
    if astral && rng.chance(50) {
        (line, column + 1)
    } else {
        (line, column)
    }
}
