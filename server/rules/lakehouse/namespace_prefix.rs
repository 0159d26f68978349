use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::constants::DEFAULT_PROFILE;
use crate::dialect::runtime::vocabulary as key;
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a catalog or layer `namespace` whose first segment repeats the catalog's
    /// `warehouse` (`namespace: demo_catalog.bronze` with `warehouse: demo_catalog`).
    ///
    /// ## Why is this bad?
    /// The Iceberg REST client already prefixes requests with the warehouse. A namespace that
    /// carries it again produces doubled paths and 404s (ADR-0002, Amendment 1, 2025-12-31:
    /// "namespaces must not include the warehouse prefix"). floe's schema still accepts it.
    ///
    /// ## Example
    /// ```yaml
    /// catalogs:
    ///   default: {uri: "http://polaris:8181/api/catalog", warehouse: demo_catalog}
    /// layers:
    ///   bronze: {name: bronze, storage_ref: default, namespace: demo_catalog.bronze}
    /// ```
    ///
    /// ## Fix
    /// Drop the warehouse prefix: `namespace: bronze`.
    pub struct NamespacePrefix(META) = ("FL403", "namespace-repeats-warehouse", Lakehouse, Warning, "Namespace repeats the catalog's warehouse prefix");
}

fn repeats(namespace: &str, warehouse: &str) -> bool {
    !warehouse.is_empty()
        && namespace.split('.').next() == Some(warehouse)
        && namespace.len() > warehouse.len()
}

impl Rule for NamespacePrefix {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        let warehouse_of = |catalog: &str| {
            root.get(key::CATALOGS)
                .and_then(|c| c.value.get(catalog))
                .and_then(|c| string_field(&c.value, key::WAREHOUSE))
                .map(|(w, _)| w.to_owned())
        };
        let mut report = |namespace: &str,
                          entry: &crate::syntax::Entry,
                          warehouse: &str,
                          owner: String| {
            if repeats(namespace, warehouse) {
                let rest = &namespace[warehouse.len() + 1..];
                out.push(
                    Diagnostic::new(
                        &META,
                        &document.file,
                        entry.value.span,
                        format!("{owner} namespace `{namespace}` repeats the warehouse `{warehouse}`"),
                    )
                    .with_help(format!("use `namespace: {rest}`: the catalog client already scopes requests to the warehouse")),
                );
            }
        };
        for (name, catalog) in profiles(root, key::CATALOGS) {
            if let (Some((namespace, entry)), Some((warehouse, _))) = (
                string_field(&catalog.value, key::NAMESPACE),
                string_field(&catalog.value, key::WAREHOUSE),
            ) {
                report(namespace, entry, warehouse, format!("catalog `{name}`"));
            }
        }
        for (name, layer) in profiles(root, key::LAYERS) {
            let catalog =
                string_field(&layer.value, key::CATALOG_REF).map_or(DEFAULT_PROFILE, |(c, _)| c);
            if let (Some((namespace, entry)), Some(warehouse)) = (
                string_field(&layer.value, key::NAMESPACE),
                warehouse_of(catalog),
            ) {
                report(namespace, entry, &warehouse, format!("layer `{name}`"));
            }
        }
    }
}
