//! Typed access to a platform.yaml tree: "the catalog profile `x`", "its OAuth2 scope", each
//! answer with the entry it came from (so with its spans). Readers never assume a shape: a value of
//! the wrong type reads as absent (the schema stage reports it).

use super::vocabulary::{self as key, Section};
use crate::diagnostic::Span;
use crate::syntax::{Document, Entry, Node};

/// A platform.yaml's root mapping.
#[derive(Clone, Copy)]
pub struct Platform<'d> {
    root: &'d Node,
}

impl<'d> Platform<'d> {
    /// The document's root, if it loaded.
    pub fn of(document: &'d Document) -> Option<Platform<'d>> {
        document.root.as_ref().map(|root| Platform { root })
    }

    pub fn from_root(root: &'d Node) -> Platform<'d> {
        Platform { root }
    }

    /// The section's entry (`catalogs: …`), whatever its value.
    pub fn section(&self, section: Section) -> Option<&'d Entry> {
        self.root.get(section.key())
    }

    /// Each profile of a section with its name (borrowed from a string key), in document order.
    pub fn profiles(
        &self,
        section: Section,
    ) -> impl Iterator<Item = (std::borrow::Cow<'d, str>, &'d Entry)> + 'd {
        self.section(section)
            .and_then(|e| e.value.as_mapping())
            .unwrap_or(&[])
            .iter()
            .filter_map(|e| Some((e.key.key_name()?, e)))
    }

    /// The names of a section's profiles, in document order.
    pub fn profile_names(&self, section: Section) -> Vec<String> {
        self.profiles(section)
            .map(|(name, _)| name.into_owned())
            .collect()
    }

    /// One profile's entry.
    pub fn profile(&self, section: Section, name: &str) -> Option<&'d Entry> {
        self.section(section)?.value.get(name)
    }

    /// The catalog profile `name`.
    pub fn catalog(&self, name: &str) -> Option<Catalog<'d>> {
        self.profile(Section::Catalogs, name)
            .map(|entry| Catalog { node: &entry.value })
    }
}

/// A catalog profile (`catalogs.<name>`).
#[derive(Clone, Copy)]
pub struct Catalog<'d> {
    node: &'d Node,
}

impl<'d> Catalog<'d> {
    pub fn node(&self) -> &'d Node {
        self.node
    }

    /// `type`, if given as a string (upstream's default is `polaris`).
    pub fn kind(&self) -> Option<(&'d str, Span)> {
        string(self.node, key::TYPE)
    }

    /// `uri`'s entry: a string or a `{secret_ref: …}` mapping.
    pub fn uri(&self) -> Option<&'d Entry> {
        self.node.get(key::URI)
    }

    pub fn warehouse(&self) -> Option<(&'d str, Span)> {
        string(self.node, key::WAREHOUSE)
    }

    pub fn namespace(&self) -> Option<(&'d str, Span)> {
        string(self.node, key::NAMESPACE)
    }

    pub fn credentials(&self) -> Option<Credentials<'d>> {
        self.node
            .get(key::CREDENTIALS)
            .map(|entry| Credentials { node: &entry.value })
    }
}

/// A profile's `credentials` mapping.
#[derive(Clone, Copy)]
pub struct Credentials<'d> {
    node: &'d Node,
}

impl<'d> Credentials<'d> {
    pub fn node(&self) -> &'d Node {
        self.node
    }

    /// `mode`, if given as a string (upstream's default is `static`).
    pub fn mode(&self) -> Option<(&'d str, Span)> {
        string(self.node, key::MODE)
    }

    /// `client_id`'s entry: a string or a `{secret_ref: …}` mapping.
    pub fn client_id(&self) -> Option<&'d Entry> {
        self.node.get(key::CLIENT_ID)
    }

    /// `client_secret`'s entry: a string or a `{secret_ref: …}` mapping.
    pub fn client_secret(&self) -> Option<&'d Entry> {
        self.node.get(key::CLIENT_SECRET)
    }

    /// The OAuth2 `scope`, if given as a string.
    pub fn scope(&self) -> Option<(&'d str, Span)> {
        string(self.node, key::SCOPE)
    }
}

/// `node[key]` as a string, with the value's span.
fn string<'d>(node: &'d Node, key: &str) -> Option<(&'d str, Span)> {
    let entry = node.get(key)?;
    Some((entry.value.as_str()?, entry.value.span))
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::syntax::{Limits, parse};

    #[test]
    fn reads_a_catalog_with_spans() {
        let text = "catalogs:\n  main:\n    uri: http://p/api/catalog\n    warehouse: lake\n    credentials:\n      mode: oauth2\n      scope: PRINCIPAL_ROLE:ENGINEER\n";
        let file: Arc<Path> = Arc::from(Path::new("platform.yaml"));
        let document = parse(&file, text.as_bytes(), &Limits::default());
        let platform = Platform::of(&document).expect("root");
        assert_eq!(platform.profile_names(Section::Catalogs), ["main"]);
        let catalog = platform.catalog("main").expect("catalog");
        let (warehouse, span) = catalog.warehouse().expect("warehouse");
        assert_eq!(warehouse, "lake");
        assert_eq!(&text[span.start..span.end], "lake");
        let credentials = catalog.credentials().expect("credentials");
        assert_eq!(credentials.mode().map(|m| m.0), Some("oauth2"));
        assert_eq!(
            credentials.scope().map(|s| s.0),
            Some("PRINCIPAL_ROLE:ENGINEER")
        );
        assert!(platform.catalog("other").is_none());
        assert!(catalog.namespace().is_none());
    }
}
