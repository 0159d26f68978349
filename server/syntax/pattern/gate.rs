//! What every match of a pattern has in common, checked before matching: its length bounds and
//! the bytes it can start with. Most strings a resolver or a schema pattern is asked about fail
//! one of them (`fct_orders` is longer than any YAML 1.1 boolean), and the backtracking match,
//! hundreds of steps for an alternation of words, is then not run. Both are necessary conditions,
//! so an answer they give is the match's own.

use super::{Node, bit};

/// Length bounds and first bytes of a pattern's matches.
#[derive(Debug)]
pub(super) struct Gate {
    min_len: usize,
    /// `usize::MAX`: unbounded.
    max_len: usize,
    /// The bytes a non-empty match can start with (bit i: ASCII code i).
    first: u128,
}

impl Gate {
    pub(super) fn of(nodes: &[Node]) -> Gate {
        let (min_len, max_len) = sequence_bounds(nodes);
        Gate {
            min_len,
            max_len,
            first: sequence_first(nodes).0,
        }
    }

    /// `false`: no match can be `text`.
    pub(super) fn admits(&self, text: &[u8]) -> bool {
        (self.min_len..=self.max_len).contains(&text.len())
            && text
                .first()
                .is_none_or(|&b| b < 128 && self.first & bit(b) != 0)
    }
}

fn sequence_bounds(nodes: &[Node]) -> (usize, usize) {
    nodes.iter().fold((0, 0), |(min, max), node| {
        let (a, b) = bounds(node);
        (min.saturating_add(a), max.saturating_add(b))
    })
}

fn bounds(node: &Node) -> (usize, usize) {
    match node {
        Node::Set(_) => (1, 1),
        Node::Group(alternatives) => alternatives
            .iter()
            .map(|a| sequence_bounds(a))
            .fold((usize::MAX, 0), |(min, max), (a, b)| {
                (min.min(a), max.max(b))
            }),
        Node::Repeat(inner, min, max) => {
            let (a, b) = bounds(inner);
            let times = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
            let most = if *max == u32::MAX {
                usize::MAX
            } else {
                b.saturating_mul(times(*max))
            };
            (a.saturating_mul(times(*min)), most)
        }
    }
}

/// The bytes a non-empty match of `nodes` can start with, and whether it can match nothing.
fn sequence_first(nodes: &[Node]) -> (u128, bool) {
    let mut first = 0;
    for node in nodes {
        let (bytes, nullable) = node_first(node);
        first |= bytes;
        if !nullable {
            return (first, false);
        }
    }
    (first, true)
}

fn node_first(node: &Node) -> (u128, bool) {
    match node {
        Node::Set(set) => (*set, false),
        Node::Group(alternatives) => alternatives
            .iter()
            .map(|a| sequence_first(a))
            .fold((0, false), |(first, nullable), (f, n)| {
                (first | f, nullable || n)
            }),
        Node::Repeat(inner, min, _) => {
            let (first, nullable) = node_first(inner);
            (first, nullable || *min == 0)
        }
    }
}
