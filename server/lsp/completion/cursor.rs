//! What is being typed at the cursor, from the text of its line up to the cursor: a key (maybe
//! half-written), a value after `key:`, or something inside a flow collection (`{…}`, `[…]`).

use super::outline::{self, key_colon};
use crate::model::navigate::Step;

/// The typing position.
#[derive(Debug, Clone, PartialEq)]
pub enum Typing {
    /// A key of a block mapping whose keys start at `col`; `prefix` is typed so far.
    Key { col: usize, prefix: Typed },
    /// The value of `key` (a key at column `col` of a block mapping).
    Value {
        col: usize,
        key: String,
        partial: Typed,
        /// No blank between the `:` and the cursor yet: insert one.
        needs_space: bool,
    },
    /// Inside a flow collection opened on this line (after the block key `block_key`, if any).
    Flow {
        col: usize,
        block_key: Option<String>,
        /// Steps from the flow value's root to the collection holding the cursor.
        steps: Vec<Step>,
        at: FlowAt,
    },
}

/// Text typed so far and the column (chars) it starts at: what an item replaces.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Typed {
    pub text: String,
    pub start: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FlowAt {
    /// A key of a flow mapping; `present` are the keys it already has (on this line).
    Key { prefix: Typed, present: Vec<String> },
    /// The value of `key` in a flow mapping.
    Value { key: String, partial: Typed },
    /// Item `index` of a flow sequence.
    Item { index: usize, partial: Typed },
}

/// The line's `- ` indicators and what it is typing.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub dashes: Vec<usize>,
    pub typing: Typing,
}

/// Reads the line `line` up to char column `column` (and the rest of the line, for the keys a
/// flow mapping already holds).
pub fn read(line: &str, column: usize) -> Option<Cursor> {
    let chars: Vec<char> = line.chars().collect();
    let column = column.min(chars.len());
    let before: String = chars[..column].iter().collect();
    let after: String = chars[column..].iter().collect();
    let mut col = before
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    let mut dashes = Vec::new();
    let bytes: Vec<char> = before.chars().collect();
    while bytes.get(col) == Some(&'-')
        && bytes.get(col + 1).is_some_and(|c| *c == ' ' || *c == '\t')
    {
        dashes.push(col);
        col += 1;
        col += bytes[col..]
            .iter()
            .take_while(|c| **c == ' ' || **c == '\t')
            .count();
    }
    if before.trim_start().starts_with('#') {
        return None;
    }
    let rest: String = bytes[col..].iter().collect();
    let (block_key, value_start) = match key_colon(&rest) {
        Some(colon) => (
            Some(rest.chars().take(colon).collect::<String>()),
            col + colon + 1,
        ),
        None => (None, col),
    };
    let value: String = bytes[value_start..].iter().collect();
    let blanks = value
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    let value_text: String = value.chars().skip(blanks).collect();
    if value_text.starts_with('{') || value_text.starts_with('[') {
        let (steps, at) = flow(&value_text, value_start + blanks, &after)?;
        return Some(Cursor {
            dashes,
            typing: Typing::Flow {
                col,
                block_key: block_key.map(|k| unquote(&k)),
                steps,
                at,
            },
        });
    }
    if value_text.contains(" #") || value_text.starts_with('#') {
        return None; // in a comment
    }
    let typing = match block_key {
        Some(key) => Typing::Value {
            col,
            key: unquote(&key),
            partial: Typed {
                start: value_start + blanks + quote_len(&value_text),
                text: value_text.trim_start_matches(['"', '\'']).to_owned(),
            },
            needs_space: blanks == 0,
        },
        None => Typing::Key {
            col,
            prefix: Typed {
                text: rest,
                start: col,
            },
        },
    };
    Some(Cursor { dashes, typing })
}

fn quote_len(text: &str) -> usize {
    usize::from(text.starts_with('"') || text.starts_with('\''))
}

fn unquote(key: &str) -> String {
    outline::parse(&format!("{}: x", key.trim()))
        .and_then(|l| l.key)
        .unwrap_or_else(|| key.trim().to_owned())
}

#[derive(Debug)]
struct Open {
    mapping: bool,
    /// Items or entries completed so far.
    index: usize,
    key: Option<String>,
    keys: Vec<String>,
    token: String,
    token_start: usize,
}

/// Walks a flow value from its opening bracket (at char column `start`) to the cursor.
fn flow(text: &str, start: usize, after: &str) -> Option<(Vec<Step>, FlowAt)> {
    let mut stack: Vec<Open> = Vec::new();
    let mut quote: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let column = start + i;
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            if let Some(top) = stack.last_mut() {
                top.token.push(c);
            }
            continue;
        }
        match c {
            '{' | '[' => stack.push(Open {
                mapping: c == '{',
                index: 0,
                key: None,
                keys: Vec::new(),
                token: String::new(),
                token_start: column + 1,
            }),
            '}' | ']' => {
                stack.pop();
                if stack.is_empty() {
                    return None; // closed before the cursor
                }
            }
            ',' => {
                let top = stack.last_mut()?;
                top.index += 1;
                if top.mapping
                    && let Some(key) = top.key.take()
                {
                    top.keys.push(key);
                }
                top.token.clear();
                top.token_start = column + 1;
            }
            ':' if chars.get(i + 1).is_none_or(|n| *n == ' ' || *n == '\t')
                && stack.last().is_some_and(|t| t.mapping && t.key.is_none()) =>
            {
                let top = stack.last_mut()?;
                top.key = Some(unquote(&top.token));
                top.token.clear();
                top.token_start = column + 1;
            }
            '"' | '\'' if stack.last().is_some_and(|t| t.token.trim().is_empty()) => {
                quote = Some(c);
                if let Some(top) = stack.last_mut() {
                    top.token.push(c);
                }
            }
            _ => {
                if let Some(top) = stack.last_mut() {
                    top.token.push(c);
                }
            }
        }
    }
    let top = stack.pop()?;
    let mut steps = Vec::new();
    for open in &stack {
        steps.push(if open.mapping {
            Step::Key(open.key.clone()?)
        } else {
            Step::Index(open.index)
        });
    }
    let leading = top
        .token
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    let typed = Typed {
        text: top
            .token
            .trim_start()
            .trim_start_matches(['"', '\''])
            .to_owned(),
        start: top.token_start + leading + quote_len(top.token.trim_start()),
    };
    let at = match (top.mapping, top.key) {
        (true, Some(key)) => FlowAt::Value {
            key,
            partial: typed,
        },
        (true, None) => {
            let mut present = top.keys;
            present.extend(keys_after(after));
            FlowAt::Key {
                prefix: typed,
                present,
            }
        }
        (false, _) => FlowAt::Item {
            index: top.index,
            partial: typed,
        },
    };
    Some((steps, at))
}

/// Keys written after the cursor in the flow mapping that holds it (until it closes).
fn keys_after(after: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut token = String::new();
    let mut expecting_key = false;
    let mut quote: Option<char> = None;
    let chars: Vec<char> = after.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            token.push(c);
            continue;
        }
        match c {
            '"' | '\'' => {
                quote = Some(c);
                token.push(c);
            }
            '{' | '[' => depth += 1,
            '}' | ']' if depth == 0 => break,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => {
                expecting_key = true;
                token.clear();
            }
            ':' if depth == 0
                && expecting_key
                && chars.get(i + 1).is_none_or(|n| *n == ' ' || *n == '\t') =>
            {
                out.push(unquote(&token));
                expecting_key = false;
                token.clear();
            }
            _ => token.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &str) -> Typing {
        let column = line.find('|').expect("a cursor");
        let text = line.replacen('|', "", 1);
        read(&text, text[..column].chars().count())
            .expect("a position")
            .typing
    }

    #[test]
    fn keys_and_values_in_block_context() {
        assert_eq!(
            at("    |"),
            Typing::Key {
                col: 4,
                prefix: Typed {
                    text: String::new(),
                    start: 4
                }
            }
        );
        assert_eq!(
            at("  - ty|"),
            Typing::Key {
                col: 4,
                prefix: Typed {
                    text: "ty".into(),
                    start: 4
                }
            }
        );
        assert_eq!(
            at("    type:|"),
            Typing::Value {
                col: 4,
                key: "type".into(),
                partial: Typed {
                    text: String::new(),
                    start: 9
                },
                needs_space: true
            }
        );
        assert_eq!(
            at("    mode: \"sta|\""),
            Typing::Value {
                col: 4,
                key: "mode".into(),
                partial: Typed {
                    text: "sta".into(),
                    start: 11
                },
                needs_space: false
            }
        );
        assert!(read("  # comment", 5).is_none());
        assert!(read("  a: b # note", 12).is_none());
    }

    #[test]
    fn flow_collections() {
        assert_eq!(
            at("    credentials: {mode: static, cl|, scope: x}"),
            Typing::Flow {
                col: 4,
                block_key: Some("credentials".into()),
                steps: Vec::new(),
                at: FlowAt::Key {
                    prefix: Typed {
                        text: "cl".into(),
                        start: 32
                    },
                    present: vec!["mode".into(), "scope".into()]
                }
            }
        );
        assert_eq!(
            at("  c: {mode: |}"),
            Typing::Flow {
                col: 2,
                block_key: Some("c".into()),
                steps: Vec::new(),
                at: FlowAt::Value {
                    key: "mode".into(),
                    partial: Typed {
                        text: String::new(),
                        start: 12
                    }
                }
            }
        );
        assert_eq!(
            at("extensions: [iceberg, h|]"),
            Typing::Flow {
                col: 0,
                block_key: Some("extensions".into()),
                steps: Vec::new(),
                at: FlowAt::Item {
                    index: 1,
                    partial: Typed {
                        text: "h".into(),
                        start: 22
                    }
                }
            }
        );
        assert_eq!(
            at("a: {b: [x, {c: |"),
            Typing::Flow {
                col: 0,
                block_key: Some("a".into()),
                steps: vec![Step::Key("b".into()), Step::Index(1)],
                at: FlowAt::Value {
                    key: "c".into(),
                    partial: Typed {
                        text: String::new(),
                        start: 15
                    }
                }
            }
        );
        assert!(
            read("a: {b: 1} ", 10).is_none(),
            "after a closed flow mapping"
        );
    }
}
