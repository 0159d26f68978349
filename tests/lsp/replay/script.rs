//! The typing script of a replay: a marked file (`^` before a key or value completion must offer
//! there) becomes the text to type and its checkpoints, in LF or CRLF.

/// A place where completion is asked for, and what it must offer.
#[derive(Debug, Clone)]
pub struct Checkpoint {
    /// Byte offset in the final text: completion is asked for when this much has been typed.
    pub at: usize,
    /// The label that must be offered.
    pub label: String,
    /// Byte offset in the final text where the expected token ends: applying the item must give
    /// the final text up to there.
    pub token_end: usize,
}

pub struct Script {
    pub text: String,
    pub checkpoints: Vec<Checkpoint>,
}

/// The label completion offers for the token starting at `rest`, and the token's length.
fn token(rest: &str) -> (String, usize) {
    let lead = rest.len() - rest.trim_start_matches(' ').len();
    let body = &rest[lead..];
    if body.starts_with("{secret_ref") {
        return ("{secret_ref: …}".into(), lead);
    }
    let end = body
        .find([':', ',', '}', ']', '\n', '\r', ' '])
        .unwrap_or(body.len());
    let word = &body[..end];
    (word.trim_matches('"').to_owned(), lead + end)
}

/// Reads a marked file; `crlf` writes its line breaks as `\r\n`.
pub fn script(marked: &str, crlf: bool) -> Script {
    let marked = if crlf {
        marked.replace('\n', "\r\n")
    } else {
        marked.to_owned()
    };
    let mut text = String::new();
    let mut checkpoints = Vec::new();
    let mut rest = marked.as_str();
    while let Some(at) = rest.find('^') {
        text.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let (label, length) = token(rest);
        let offset = text.len();
        checkpoints.push(Checkpoint {
            at: offset,
            label: label.clone(),
            token_end: offset + length,
        });
        // A key is also asked for once its first character is typed (filtering by prefix).
        let first = rest.chars().next().unwrap_or(' ');
        if label.chars().count() > 1 && first.is_ascii_alphabetic() && rest[1..].contains(':') {
            checkpoints.push(Checkpoint {
                at: offset + 1,
                label,
                token_end: offset + length,
            });
        }
    }
    text.push_str(rest);
    Script { text, checkpoints }
}

/// One step of typing.
#[derive(Debug, Clone, PartialEq)]
pub enum Keystroke {
    /// Insert this text (one character, or `\r\n` for Enter in a CRLF file) at the end.
    Type(String),
    /// Delete the last `n` characters one by one (backspace), as an undo of a mistake.
    Backspace(usize),
    /// Delete the last `n` characters in one change (the editor's undo).
    Undo(usize),
    /// `:w` / Ctrl+S: a save, after which Neovim's next version skips a number.
    Save,
}

/// The keystrokes that type `text` from empty: one character per change, a save every 97 changes,
/// and a mistake typed and taken back every 61 characters (by backspaces, or by one undo).
pub fn keystrokes(text: &str) -> Vec<Keystroke> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut count = 0usize;
    while let Some(c) = chars.next() {
        let typed = if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
            "\r\n".to_owned()
        } else {
            c.to_string()
        };
        out.push(Keystroke::Type(typed));
        count += 1;
        if count.is_multiple_of(97) {
            out.push(Keystroke::Save);
        }
        if count.is_multiple_of(61) {
            for junk in ["x", ":", " ", "["] {
                out.push(Keystroke::Type(junk.into()));
            }
            out.push(if count.is_multiple_of(122) {
                Keystroke::Undo(4)
            } else {
                Keystroke::Backspace(4)
            });
        }
    }
    out
}
