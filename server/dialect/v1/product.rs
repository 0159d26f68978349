//! Typed access to what compile reads from a FloeSpec (`floe.yaml`): the product's name, its
//! transforms and its destinations, each with its span. A value of the wrong type reads as
//! absent (the schema stage reports it), so readers never assume a shape.

use super::compile as key;
use crate::diagnostic::Span;
use crate::syntax::{Document, Node};

/// A FloeSpec's root.
#[derive(Clone, Copy)]
pub struct Product<'d> {
    root: &'d Node,
}

impl<'d> Product<'d> {
    pub fn of(document: &'d Document) -> Option<Product<'d>> {
        document.root.as_ref().map(|root| Product { root })
    }

    /// `metadata.name`, when it is a string.
    pub fn name(&self) -> Option<(&'d str, Span)> {
        string(&self.root.get(key::METADATA)?.value, key::NAME)
    }

    /// Where a finding about the product as a whole points: `metadata.name`, else the root.
    pub fn span(&self) -> Span {
        self.name().map_or(self.root.span, |(_, span)| span)
    }

    /// The items of `transforms` that are mappings, in document order.
    pub fn transforms(&self) -> Vec<Transform<'d>> {
        let Some(items) = self
            .root
            .get(key::TRANSFORMS)
            .and_then(|e| e.value.as_sequence())
        else {
            return Vec::new();
        };
        items
            .iter()
            .filter(|node| node.as_mapping().is_some())
            .map(|node| Transform { node })
            .collect()
    }

    /// The `transforms` key (a finding about the transforms as a whole), else the root.
    pub fn transforms_span(&self) -> Span {
        self.root
            .get(key::TRANSFORMS)
            .map_or(self.root.span, |e| e.key.span)
    }

    /// Every `destinations[].sink_type` that is a string.
    pub fn sink_types(&self) -> Vec<(&'d str, Span)> {
        self.root
            .get(key::DESTINATIONS)
            .and_then(|e| e.value.as_sequence())
            .unwrap_or(&[])
            .iter()
            .filter_map(|destination| string(destination, key::SINK_TYPE))
            .collect()
    }
}

/// One `transforms[]` item (a dbt model).
#[derive(Clone, Copy)]
pub struct Transform<'d> {
    pub node: &'d Node,
}

impl<'d> Transform<'d> {
    /// `name`, when it is a string.
    pub fn name(&self) -> Option<(&'d str, Span)> {
        string(self.node, key::NAME)
    }

    /// Where a finding about the transform points: its name, else the item.
    pub fn span(&self) -> Span {
        self.name().map_or(self.node.span, |(_, span)| span)
    }

    /// The transforms this one names as its inputs: `dependsOn`, or `depends_on` when the alias
    /// is not written (pydantic takes the alias when both are), string entries only.
    pub fn depends_on(&self) -> Vec<(&'d str, Span)> {
        let entry = self
            .node
            .get(key::DEPENDS_ON_ALIAS)
            .or_else(|| self.node.get(key::DEPENDS_ON_FIELD));
        entry
            .and_then(|e| e.value.as_sequence())
            .unwrap_or(&[])
            .iter()
            .filter_map(|item| Some((item.as_str()?, item.span)))
            .collect()
    }

    /// `compute`, when it is a string.
    pub fn compute(&self) -> Option<(&'d str, Span)> {
        string(self.node, key::COMPUTE)
    }

    /// `tags`, string entries only.
    pub fn tags(&self) -> Vec<&'d str> {
        self.node
            .get(key::TAGS)
            .and_then(|e| e.value.as_sequence())
            .unwrap_or(&[])
            .iter()
            .filter_map(Node::as_str)
            .collect()
    }
}

fn string<'d>(node: &'d Node, name: &str) -> Option<(&'d str, Span)> {
    let entry = node.get(name)?;
    Some((entry.value.as_str()?, entry.value.span))
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::syntax::test_document;

    #[test]
    fn transforms_and_their_dependencies() {
        let spec = test_document(
            "floe.yaml",
            "metadata: {name: orders}\ntransforms:\n  - name: a\n    tags: [x, 1]\n  - name: b\n    dependsOn: [a, 3]\n    depends_on: [z]\n    compute: spark\n  - 7\n  - name: c\n    depends_on: [b]\n",
        );
        let product = Product::of(&spec).expect("root");
        assert_eq!(product.name().map(|(n, _)| n), Some("orders"));
        let transforms = product.transforms();
        let names: Vec<_> = transforms
            .iter()
            .filter_map(|t| t.name().map(|(n, _)| n))
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(transforms[0].tags(), ["x"]);
        let deps: Vec<_> = transforms[1]
            .depends_on()
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        assert_eq!(deps, ["a"], "the alias wins, non-strings are skipped");
        assert_eq!(transforms[1].compute().map(|(c, _)| c), Some("spark"));
        let deps: Vec<_> = transforms[2]
            .depends_on()
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        assert_eq!(deps, ["b"]);
    }

    #[test]
    fn odd_shapes_read_as_absent() {
        for text in ["transforms: 3\n", "transforms: [{name: 5}]\n", "- a\n", ""] {
            let spec = test_document("floe.yaml", text);
            let Some(product) = Product::of(&spec) else {
                continue;
            };
            assert!(product.name().is_none());
            assert!(product.sink_types().is_empty());
            for transform in product.transforms() {
                assert!(transform.name().is_none());
                assert!(transform.depends_on().is_empty());
            }
        }
    }
}
