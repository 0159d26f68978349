//! Typed access to a manifest's `plugins` selections (`plugins.<category>.{type, config}`), with
//! their entries so that a finding can point at a key or a value. Like the other readers, a
//! value of the wrong type reads as absent: the schema stage reports it.

use super::vocabulary::{self as key, Category};
use crate::syntax::{Document, Entry, Node};

/// The `plugins` block of a manifest.
#[derive(Clone, Copy)]
pub struct Plugins<'d> {
    node: &'d Node,
}

impl<'d> Plugins<'d> {
    /// The manifest's `plugins` mapping, if it has one.
    pub fn of(document: &'d Document) -> Option<Plugins<'d>> {
        let node = &document.root.as_ref()?.get(key::PLUGINS)?.value;
        node.as_mapping().map(|_| Plugins { node })
    }

    /// The selection of a category, when it is a mapping (`catalog: null` selects nothing).
    pub fn get(&self, category: Category) -> Option<Plugin<'d>> {
        let entry = self.node.get(category.key())?;
        entry.value.as_mapping().map(|_| Plugin { category, entry })
    }

    /// Every category's selection, in `Category::ALL` order.
    pub fn selected(&self) -> impl Iterator<Item = Plugin<'d>> + '_ {
        Category::ALL.into_iter().filter_map(|c| self.get(c))
    }
}

/// One selection: `plugins.<category>`.
#[derive(Clone, Copy)]
pub struct Plugin<'d> {
    pub category: Category,
    /// `<category>: {…}`, key and value.
    pub entry: &'d Entry,
}

impl<'d> Plugin<'d> {
    /// `type`, as upstream reads it (surrounding whitespace stripped).
    pub fn plugin_type(&self) -> Option<&'d str> {
        self.entry
            .value
            .get(key::PLUGIN_TYPE)?
            .value
            .as_str()
            .map(str::trim)
    }

    /// Whether `type` names `plugin_type`.
    pub fn is(&self, plugin_type: &str) -> bool {
        self.plugin_type() == Some(plugin_type)
    }

    /// The `config` entry, whatever its value.
    pub fn config_entry(&self) -> Option<&'d Entry> {
        self.entry.value.get(key::PLUGIN_CONFIG)
    }

    /// The `config` mapping.
    pub fn config(&self) -> Option<&'d Node> {
        self.config_entry()
            .map(|e| &e.value)
            .filter(|v| v.as_mapping().is_some())
    }

    /// `config.<name>`.
    pub fn setting(&self, name: &str) -> Option<&'d Entry> {
        self.config()?.get(name)
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::syntax::test_document;

    #[test]
    fn selections_and_their_settings() {
        let manifest = test_document(
            "manifest.yaml",
            "plugins:\n  compute:\n    type: ' duckdb '\n    config: {path: /tmp/a.duckdb}\n  catalog: null\n  storage:\n    type: s3\n    config: [1]\n",
        );
        let plugins = Plugins::of(&manifest).expect("plugins");
        let compute = plugins.get(Category::Compute).expect("compute");
        assert!(compute.is("duckdb"));
        let path = compute.setting("path").and_then(|e| e.value.as_str());
        assert_eq!(path, Some("/tmp/a.duckdb"));
        assert!(plugins.get(Category::Catalog).is_none());
        let storage = plugins.get(Category::Storage).expect("storage");
        assert!(storage.config_entry().is_some() && storage.config().is_none());
        let selected: Vec<Category> = plugins.selected().map(|p| p.category).collect();
        assert_eq!(selected, [Category::Compute, Category::Storage]);
        assert!(Plugins::of(&test_document("manifest.yaml", "plugins: 3\n")).is_none());
        assert!(Plugins::of(&test_document("manifest.yaml", "- a\n")).is_none());
    }
}
