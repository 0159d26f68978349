//! Anchored patterns matched without compiling a regex. The patterns floe-lint tests strings
//! against (the schemas' `pattern`s, PyYAML's implicit resolvers, upstream's name checks) are
//! anchored (`^…$`) sequences of characters, classes, groups, alternatives and counted repeats,
//! for which "the regex matches" is "the whole string is in the pattern's language", whatever the
//! engine. Only ASCII strings are judged (where ECMA's `\d`, `\w`, `\s` and Rust's agree);
//! anything else (another construct, a non-ASCII string, a search past its step budget) is left
//! undecided, and [`LazyRegex`] then compiles the regex. Compiling a regex is about a third of a
//! millisecond; a cold start compiled some thirty.

mod gate;

use std::sync::OnceLock;

use gate::Gate;
use regex::Regex;

/// A regex compiled only for the strings [`Pattern`] cannot judge.
pub struct LazyRegex {
    source: &'static str,
    pattern: OnceLock<Option<Pattern>>,
    regex: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    pub const fn new(source: &'static str) -> LazyRegex {
        LazyRegex {
            source,
            pattern: OnceLock::new(),
            regex: OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &'static str {
        self.source
    }

    /// Whether the source compiles as a regex (compiling it).
    pub fn compiles(&self) -> bool {
        self.regex
            .get_or_init(|| Regex::new(self.source).ok())
            .is_some()
    }

    /// The regex's `is_match`; `None` if the source does not compile.
    pub fn is_match(&self, text: &str) -> Option<bool> {
        let fast = self.pattern.get_or_init(|| Pattern::new(self.source));
        if let Some(found) = fast.as_ref().and_then(|p| p.is_match(text)) {
            return Some(found);
        }
        let regex = self.regex.get_or_init(|| Regex::new(self.source).ok());
        regex.as_ref().map(|r| r.is_match(text))
    }
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Pattern {
    nodes: Vec<Node>,
    gate: Gate,
}

#[derive(Debug)]
enum Node {
    /// One byte out of a set (bit i: ASCII code i).
    Set(u128),
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Node>>),
    /// A node repeated `min..=max` times (`max` `u32::MAX`: unbounded).
    Repeat(Box<Node>, u32, u32),
}

/// Steps a single match may take before it is left undecided.
const BUDGET: u32 = 100_000;

/// Nested calls a match may make before it is left undecided: each repetition of a group goes
/// one call deeper, and a long text would otherwise overflow a thread's stack.
const MAX_DEPTH: u32 = 1_000;

/// What a match may still spend.
struct Budget {
    steps: u32,
    depth: u32,
}

impl Pattern {
    /// `None` for a pattern using anything this module does not handle.
    pub fn new(source: &str) -> Option<Pattern> {
        let body = source.strip_prefix('^')?.strip_suffix('$')?;
        if body.ends_with('\\') {
            return None;
        }
        let mut parser = Parser {
            bytes: body.as_bytes(),
            at: 0,
        };
        let alternatives = parser.alternatives()?;
        // `^a|b$` is `(^a)|(b$)`: the anchors bind tighter than a top-level `|`, so only a body
        // without one is a whole-string match.
        if parser.at != parser.bytes.len() || alternatives.len() != 1 {
            return None;
        }
        let nodes = vec![Node::Group(alternatives)];
        Some(Pattern {
            gate: Gate::of(&nodes),
            nodes,
        })
    }

    /// Whether the whole of `text` matches; `None` when not decidable here.
    pub fn is_match(&self, text: &str) -> Option<bool> {
        if !text.is_ascii() {
            return None;
        }
        let bytes = text.as_bytes();
        if !self.gate.admits(bytes) {
            return Some(false);
        }
        let mut budget = Budget {
            steps: BUDGET,
            depth: 0,
        };
        let found = matches(&self.nodes, bytes, 0, &mut budget, &mut |end, _| {
            end == bytes.len()
        });
        (budget.steps > 0).then_some(found)
    }
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn alternatives(&mut self) -> Option<Vec<Vec<Node>>> {
        let mut alternatives = vec![self.sequence()?];
        while self.peek() == Some(b'|') {
            self.at += 1;
            alternatives.push(self.sequence()?);
        }
        Some(alternatives)
    }

    fn sequence(&mut self) -> Option<Vec<Node>> {
        let mut nodes = Vec::new();
        while let Some(byte) = self.peek() {
            let atom = match byte {
                b'|' | b')' => break,
                b'(' => {
                    self.at += 1;
                    if self.bytes[self.at..].starts_with(b"?:") {
                        self.at += 2;
                    } else if self.peek() == Some(b'?') {
                        return None;
                    }
                    let group = self.alternatives()?;
                    (self.peek() == Some(b')')).then_some(())?;
                    self.at += 1;
                    Node::Group(group)
                }
                b'[' => self.class()?,
                b'\\' => {
                    self.at += 1;
                    let set = escape(self.peek()?)?;
                    self.at += 1;
                    Node::Set(set)
                }
                // `.` excludes different line breaks in ECMA and in Rust's regex: not judged.
                b'.' | b'*' | b'+' | b'?' | b'{' | b'}' | b']' | b'^' | b'$' => return None,
                _ if byte.is_ascii() && !byte.is_ascii_control() => {
                    self.at += 1;
                    Node::Set(bit(byte))
                }
                _ => return None,
            };
            let atom = self.quantified(atom)?;
            nodes.push(atom);
        }
        Some(nodes)
    }

    fn quantified(&mut self, atom: Node) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some(b'*') => (0, u32::MAX),
            Some(b'+') => (1, u32::MAX),
            Some(b'?') => (0, 1),
            Some(b'{') => {
                let close = self.bytes[self.at..].iter().position(|&b| b == b'}')?;
                let inside = std::str::from_utf8(&self.bytes[self.at + 1..self.at + close]).ok()?;
                let (min, max) = match inside.split_once(',') {
                    None => (inside.parse().ok()?, inside.parse().ok()?),
                    Some((min, "")) => (min.parse().ok()?, u32::MAX),
                    Some((min, max)) => (min.parse().ok()?, max.parse().ok()?),
                };
                self.at += close;
                (min, max)
            }
            _ => return Some(atom),
        };
        self.at += 1;
        // Lazy or possessive forms, stacked quantifiers and repeats of what can match nothing
        // are not handled (an empty iteration would need the engine's own rules).
        if matches!(self.peek(), Some(b'?' | b'+' | b'*' | b'{')) || min > max || nullable(&atom) {
            return None;
        }
        Some(Node::Repeat(Box::new(atom), min, max))
    }

    fn class(&mut self) -> Option<Node> {
        self.at += 1;
        let negated = self.peek() == Some(b'^');
        if negated {
            self.at += 1;
        }
        let mut set = 0u128;
        // A leading `]` is a member in Rust's syntax and closes an empty class in ECMA's: not
        // judged.
        if self.peek() == Some(b']') {
            return None;
        }
        loop {
            let byte = self.peek()?;
            if byte == b']' {
                self.at += 1;
                break;
            }
            // Rust's class set operations (`&&`, `--`, `~~`) are literal characters in ECMA's.
            let rest = &self.bytes[self.at..];
            if rest.starts_with(b"&&") || rest.starts_with(b"--") || rest.starts_with(b"~~") {
                return None;
            }
            let (low, low_set) = self.class_item()?;
            let is_range = self.peek() == Some(b'-')
                && self.bytes.get(self.at + 1).is_some_and(|&b| b != b']');
            match (low, is_range) {
                (Some(low), true) => {
                    self.at += 1;
                    let (high, _) = self.class_item()?;
                    let high = high?;
                    (low <= high).then_some(())?;
                    for b in low..=high {
                        set |= bit(b);
                    }
                }
                (None, true) => return None,
                (_, false) => set |= low_set,
            }
        }
        Some(Node::Set(if negated { ASCII & !set } else { set }))
    }

    /// One class member: a single byte (which can start or end a range) or an escape's set.
    fn class_item(&mut self) -> Option<(Option<u8>, u128)> {
        let byte = self.peek()?;
        self.at += 1;
        if byte == b'\\' {
            let escaped = self.peek()?;
            self.at += 1;
            let set = escape(escaped)?;
            // `\t` stands for the tab, not the letter: a range end is the byte in the set.
            let single = (set.count_ones() == 1).then(|| set.trailing_zeros() as u8);
            return Some((single, set));
        }
        (byte.is_ascii() && !byte.is_ascii_control() && byte != b'[')
            .then_some((Some(byte), bit(byte)))
    }
}

const ASCII: u128 = u128::MAX;

fn bit(byte: u8) -> u128 {
    1u128 << byte
}

fn range(low: u8, high: u8) -> u128 {
    (low..=high).fold(0, |set, b| set | bit(b))
}

/// The ASCII set of an escape; `None` for escapes not handled.
fn escape(byte: u8) -> Option<u128> {
    let digits = range(b'0', b'9');
    let word = digits | range(b'a', b'z') | range(b'A', b'Z') | bit(b'_');
    let space = bit(b' ') | range(b'\t', b'\r');
    Some(match byte {
        b'd' => digits,
        b'D' => ASCII & !digits,
        b'w' => word,
        b'W' => ASCII & !word,
        b's' => space,
        b'S' => ASCII & !space,
        b't' => bit(b'\t'),
        b'n' => bit(b'\n'),
        b'r' => bit(b'\r'),
        b'.' | b'-' | b'\\' | b'/' | b'+' | b'*' | b'?' | b'(' | b')' | b'[' | b']' | b'{'
        | b'}' | b'|' | b'^' | b'$' => bit(byte),
        _ => return None,
    })
}

fn nullable(node: &Node) -> bool {
    match node {
        Node::Set(_) => false,
        Node::Group(alternatives) => alternatives.iter().any(|a| a.iter().all(nullable)),
        Node::Repeat(inner, min, _) => *min == 0 || nullable(inner),
    }
}

/// Whether `nodes` match from `at` so that `then` accepts where they end (backtracking).
fn matches(
    nodes: &[Node],
    text: &[u8],
    at: usize,
    budget: &mut Budget,
    then: &mut dyn FnMut(usize, &mut Budget) -> bool,
) -> bool {
    if budget.steps == 0 {
        return false;
    }
    if budget.depth >= MAX_DEPTH {
        // Undecided, as when the steps run out.
        budget.steps = 0;
        return false;
    }
    budget.steps -= 1;
    budget.depth += 1;
    let found = step(nodes, text, at, budget, then);
    budget.depth -= 1;
    found
}

/// One step of [`matches`]: the first node, then the rest.
fn step(
    nodes: &[Node],
    text: &[u8],
    at: usize,
    budget: &mut Budget,
    then: &mut dyn FnMut(usize, &mut Budget) -> bool,
) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        return then(at, budget);
    };
    match first {
        Node::Set(set) => {
            text.get(at).is_some_and(|&b| b < 128 && set & bit(b) != 0)
                && matches(rest, text, at + 1, budget, then)
        }
        Node::Group(alternatives) => alternatives.iter().any(|alternative| {
            matches(alternative, text, at, budget, &mut |end, budget| {
                matches(rest, text, end, budget, then)
            })
        }),
        Node::Repeat(inner, min, max) => match **inner {
            // A run of one set: take the longest run, then give back one byte at a time.
            Node::Set(set) => {
                let run = text[at.min(text.len())..]
                    .iter()
                    .take(*max as usize)
                    .take_while(|&&b| b < 128 && set & bit(b) != 0)
                    .count();
                (*min as usize..=run)
                    .rev()
                    .any(|n| matches(rest, text, at + n, budget, then))
            }
            _ => repeat(inner, *min, *max, 0, rest, text, at, budget, then),
        },
    }
}

/// `inner` repeated (greedily) `count` times so far, then `rest`.
#[allow(clippy::too_many_arguments)]
fn repeat(
    inner: &Node,
    min: u32,
    max: u32,
    count: u32,
    rest: &[Node],
    text: &[u8],
    at: usize,
    budget: &mut Budget,
    then: &mut dyn FnMut(usize, &mut Budget) -> bool,
) -> bool {
    if count < max
        && matches(
            std::slice::from_ref(inner),
            text,
            at,
            budget,
            &mut |end, budget| repeat(inner, min, max, count + 1, rest, text, end, budget, then),
        )
    {
        return true;
    }
    count >= min && matches(rest, text, at, budget, then)
}

#[cfg(test)]
mod tests;
