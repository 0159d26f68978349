//! How the outline names what a Generation B file holds, where the generic outline (every key,
//! list items as `[i] name`) would say less: the product's or platform's name and version on
//! `metadata`, each transform by its name with its tier and inputs, each destination with its
//! sink type, each plugin category with the plugin chosen for it.

use tower_lsp_server::ls_types::SymbolKind;

use crate::diagnostic::Span;
use crate::dialect::v1::transforms::is_depends_on;
use crate::dialect::v1::vocabulary::{
    DESTINATIONS, MANIFEST, METADATA, NAME, PLATFORM, PLUGIN_TYPE, PLUGINS, QUALITY,
    QUALITY_PROVIDER, SINK_TYPE, TIER, TRANSFORMS, VERSION,
};
use crate::model::FileKind;
use crate::model::navigate::Step;
use crate::syntax::Node;

/// What replaces the generic outline's name, detail, kind or selection for one node.
#[derive(Debug, Default)]
pub struct Label {
    pub name: Option<String>,
    pub detail: Option<String>,
    pub kind: Option<SymbolKind>,
    /// What the editor selects when the symbol is picked.
    pub selection: Option<Span>,
}

/// The label of the node at `path` (the steps from the root to it).
pub fn label(kind: FileKind, path: &[Step], node: &Node) -> Label {
    let keys: Vec<Option<&str>> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    match (kind, keys.as_slice()) {
        (FileKind::FloeSpec | FileKind::Manifest, [Some(METADATA)]) => Label {
            detail: joined(&[text(node, NAME), text(node, VERSION)], " "),
            ..Label::default()
        },
        (FileKind::FloeSpec, [Some(PLATFORM)]) => Label {
            detail: text(node, MANIFEST).map(str::to_owned),
            ..Label::default()
        },
        (FileKind::FloeSpec, [Some(TRANSFORMS), None]) => transform(node),
        (FileKind::FloeSpec, [Some(DESTINATIONS), None]) => Label {
            name: text(node, NAME).map(str::to_owned),
            detail: text(node, SINK_TYPE).map(str::to_owned),
            kind: Some(SymbolKind::INTERFACE),
            selection: node.get(NAME).map(|e| e.value.span),
        },
        (FileKind::Manifest, [Some(PLUGINS), Some(category)]) => Label {
            detail: text(
                node,
                if *category == QUALITY {
                    QUALITY_PROVIDER
                } else {
                    PLUGIN_TYPE
                },
            )
            .map(str::to_owned),
            kind: Some(SymbolKind::MODULE),
            ..Label::default()
        },
        _ => Label::default(),
    }
}

/// A transform: its name, its tier and the transforms it reads from.
fn transform(node: &Node) -> Label {
    let mut inputs: Vec<&str> = Vec::new();
    let written = node
        .as_mapping()
        .unwrap_or(&[])
        .iter()
        .filter(|e| e.key.as_str().is_some_and(is_depends_on))
        .filter_map(|e| e.value.as_sequence())
        .flatten()
        .filter_map(Node::as_str);
    for input in written {
        if !inputs.contains(&input) {
            inputs.push(input);
        }
    }
    let after = (!inputs.is_empty()).then(|| format!("after {}", inputs.join(", ")));
    Label {
        name: text(node, NAME).map(str::to_owned),
        detail: joined(&[text(node, TIER), after.as_deref()], " · "),
        kind: Some(SymbolKind::FUNCTION),
        selection: node.get(NAME).map(|e| e.value.span),
    }
}

fn text<'n>(node: &'n Node, key: &str) -> Option<&'n str> {
    node.get(key)?.value.as_str()
}

fn joined(parts: &[Option<&str>], separator: &str) -> Option<String> {
    let present: Vec<&str> = parts.iter().flatten().copied().collect();
    (!present.is_empty()).then(|| present.join(separator))
}
