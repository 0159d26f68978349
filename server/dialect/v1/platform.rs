//! Typed access to what compile reads from a manifest (`kind: Manifest`): plugin selections,
//! the approved lists, `defaults` and `governance`, each with its span. A value of the wrong
//! type reads as absent (the schema stage reports it).

use super::compile as key;
use super::governance::Governance;
use crate::diagnostic::Span;
use crate::syntax::{Document, Entry, Node};

/// A manifest's root.
#[derive(Clone, Copy)]
pub struct Platform<'d> {
    root: &'d Node,
}

/// A list of strings as written (`approved_sinks: [postgres]`): its entry and its string items.
pub struct StringList<'d> {
    pub entry: &'d Entry,
    pub items: Vec<(&'d str, Span)>,
}

impl StringList<'_> {
    pub fn contains(&self, value: &str) -> bool {
        self.items.iter().any(|(item, _)| *item == value)
    }

    /// The items as upstream prints a joined list (`postgres, snowflake`).
    pub fn joined(&self) -> String {
        let items: Vec<&str> = self.items.iter().map(|(item, _)| *item).collect();
        items.join(", ")
    }
}

impl<'d> Platform<'d> {
    pub fn of(document: &'d Document) -> Option<Platform<'d>> {
        document.root.as_ref().map(|root| Platform { root })
    }

    /// Where a finding about the manifest as a whole points: `metadata.name`, else the root.
    pub fn span(&self) -> Span {
        self.root
            .get(key::METADATA)
            .and_then(|m| m.value.get(key::NAME))
            .map_or(self.root.span, |name| name.value.span)
    }

    /// The `plugins` entry, when its value is a mapping.
    pub fn plugins(&self) -> Option<&'d Entry> {
        self.root
            .get(key::PLUGINS)
            .filter(|e| e.value.as_mapping().is_some())
    }

    /// `plugins.<category>`: the entry when it is written and not null (pydantic reads
    /// `compute: null` as no selection).
    pub fn plugin(&self, category: &str) -> Option<&'d Entry> {
        self.plugins()?
            .value
            .get(category)
            .filter(|e| !is_null(&e.value))
    }

    /// `plugins.<category>.type`, stripped as upstream strips it.
    pub fn plugin_type(&self, category: &str) -> Option<(&'d str, Span)> {
        let entry = self.plugin(category)?.value.get(key::TYPE)?;
        Some((entry.value.as_str()?.trim(), entry.value.span))
    }

    /// `plugins.quality.provider`.
    pub fn quality_provider(&self) -> Option<(&'d str, Span)> {
        let entry = self.plugin(key::QUALITY)?.value.get(key::PROVIDER)?;
        Some((entry.value.as_str()?, entry.value.span))
    }

    /// A root list of strings (`approved_sinks`, `approved_products`), when it is a list.
    pub fn string_list(&self, name: &str) -> Option<StringList<'d>> {
        let entry = self.root.get(name)?;
        let items = entry.value.as_sequence()?;
        Some(StringList {
            entry,
            items: items
                .iter()
                .filter_map(|item| Some((item.as_str()?, item.span)))
                .collect(),
        })
    }

    /// `approved_plugins.<category>`, when it is a list.
    pub fn approved_plugins(&self, category: &str) -> Option<StringList<'d>> {
        let entry = self.root.get(key::APPROVED_PLUGINS)?.value.get(category)?;
        let items = entry.value.as_sequence()?;
        Some(StringList {
            entry,
            items: items
                .iter()
                .filter_map(|item| Some((item.as_str()?, item.span)))
                .collect(),
        })
    }

    /// `defaults.compute`, when it is a string.
    pub fn default_compute(&self) -> Option<(&'d str, Span)> {
        let entry = self.root.get(key::DEFAULTS)?.value.get(key::COMPUTE)?;
        Some((entry.value.as_str()?, entry.value.span))
    }

    /// `governance`, when it is a mapping (`governance: null` is no governance).
    pub fn governance(&self) -> Option<Governance<'d>> {
        Governance::of(self.root.get(key::GOVERNANCE)?)
    }
}

fn is_null(node: &Node) -> bool {
    matches!(
        &node.value,
        crate::syntax::NodeValue::Scalar {
            value: crate::syntax::resolve::Scalar::Null,
            ..
        }
    )
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::syntax::test_document;

    #[test]
    fn plugins_and_lists() {
        let manifest = test_document(
            "manifest.yaml",
            "plugins:\n  compute: {type: ' duckdb '}\n  orchestrator: null\n  quality: {provider: soda}\napproved_sinks: [postgres, 3, s3]\napproved_plugins: {compute: [duckdb]}\ndefaults: {compute: spark}\n",
        );
        let platform = Platform::of(&manifest).expect("root");
        assert_eq!(
            platform.plugin_type(key::COMPUTE).map(|(t, _)| t),
            Some("duckdb")
        );
        assert!(platform.plugin(key::ORCHESTRATOR).is_none());
        assert_eq!(platform.quality_provider().map(|(p, _)| p), Some("soda"));
        let sinks = platform.string_list(key::APPROVED_SINKS).expect("list");
        assert_eq!(sinks.joined(), "postgres, s3");
        assert!(sinks.contains("s3") && !sinks.contains("3"));
        let approved = platform.approved_plugins(key::COMPUTE).expect("list");
        assert!(approved.contains("duckdb"));
        assert_eq!(platform.default_compute().map(|(c, _)| c), Some("spark"));
        assert!(platform.governance().is_none());
    }

    #[test]
    fn plugins_of_the_wrong_shape_read_as_absent() {
        for text in ["plugins: [compute]\n", "plugins: null\n", "- a\n"] {
            let manifest = test_document("manifest.yaml", text);
            let platform = Platform::of(&manifest).expect("root");
            assert!(platform.plugins().is_none(), "{text}");
            assert!(platform.plugin_type(key::COMPUTE).is_none());
        }
    }
}
