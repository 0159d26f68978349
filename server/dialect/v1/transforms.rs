//! Typed access to a FloeSpec's transforms as an editor navigates them: each transform's `name`
//! and every entry of its `dependsOn` / `depends_on` (both spellings: a rename must reach an
//! entry whichever way it is written), each with its span. A value of the wrong type reads as
//! absent (the schema stage reports it).

use super::vocabulary as key;
use crate::diagnostic::Span;
use crate::syntax::{Document, Node};

/// A string written in the document, where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written<'d> {
    pub text: &'d str,
    pub span: Span,
}

/// One item of `transforms`.
#[derive(Debug, Clone)]
pub struct Transform<'d> {
    /// Position in the `transforms` list (non-mapping items count, so that it matches a path).
    pub index: usize,
    pub node: &'d Node,
    /// `name`, when it is a string.
    pub name: Option<Written<'d>>,
    /// The string entries of `dependsOn` and of `depends_on`, in that order.
    pub depends_on: Vec<Written<'d>>,
}

/// The mapping items of a FloeSpec's `transforms`, in document order.
pub fn transforms(document: &Document) -> Vec<Transform<'_>> {
    let Some(items) = document
        .root
        .as_ref()
        .and_then(|root| root.get(key::TRANSFORMS))
        .and_then(|entry| entry.value.as_sequence())
    else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter(|(_, node)| node.as_mapping().is_some())
        .map(|(index, node)| Transform {
            index,
            node,
            name: node.get(key::NAME).and_then(|e| written(&e.value)),
            depends_on: key::DEPENDS_ON
                .iter()
                .filter_map(|spelling| node.get(spelling)?.value.as_sequence())
                .flatten()
                .filter_map(written)
                .collect(),
        })
        .collect()
}

/// Whether `key` is one of the spellings of a transform's `dependsOn`.
pub fn is_depends_on(key: &str) -> bool {
    key::DEPENDS_ON.contains(&key)
}

fn written(node: &Node) -> Option<Written<'_>> {
    Some(Written {
        text: node.as_str()?,
        span: node.span,
    })
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::syntax::test_document;

    #[test]
    fn names_and_both_spellings_of_depends_on() {
        let spec = test_document(
            "floe.yaml",
            "transforms:\n  - name: a\n  - 7\n  - name: b\n    dependsOn: [a, 3]\n    depends_on:\n      - 'a'\n  - name: {x: 1}\n",
        );
        let found = transforms(&spec);
        let names: Vec<_> = found
            .iter()
            .map(|t| (t.index, t.name.map(|n| n.text)))
            .collect();
        assert_eq!(names, [(0, Some("a")), (2, Some("b")), (3, None)]);
        let entries: Vec<_> = found[1].depends_on.iter().map(|d| d.text).collect();
        assert_eq!(entries, ["a", "a"]);
        // The quoted entry's span covers its quotes.
        let quoted = found[1].depends_on[1].span;
        assert_eq!(&spec.text[quoted.start..quoted.end], "'a'");
        assert!(is_depends_on("depends_on") && !is_depends_on("dependson"));
    }

    #[test]
    fn odd_shapes_read_as_absent() {
        for text in ["transforms: 3\n", "- a\n", "", "transforms:\n"] {
            assert!(
                transforms(&test_document("floe.yaml", text)).is_empty(),
                "{text}"
            );
        }
    }
}
