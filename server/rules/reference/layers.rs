use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::vocabulary as key;
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a layer whose `name` differs from its key in `layers`.
    ///
    /// ## Why is this bad?
    /// floe accepts `{bronze: {name: silver}}` without a word; which of the two names a tool uses
    /// decides where data lands. The key and the name are meant to be one identifier.
    ///
    /// ## Example
    /// ```yaml
    /// layers:
    ///   bronze:
    ///     name: silver
    ///     storage_ref: default
    ///     namespace: bronze
    /// ```
    ///
    /// ## Fix
    /// Make `name` equal to the key.
    pub struct LayerNameMismatch(META) = ("FL503", "layer-name-mismatch", Reference, Warning, "A layer whose name differs from its key");
}

impl Rule for LayerNameMismatch {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        for (key, layer) in profiles(root, key::LAYERS) {
            if let Some((name, entry)) = string_field(&layer.value, key::NAME)
                && name != key
            {
                out.push(
                    Diagnostic::new(
                        &META,
                        &document.file,
                        entry.value.span,
                        format!("layer `{key}` is named `{name}`"),
                    )
                    .with_related(&document.file, layer.key.span, "layer key"),
                );
            }
        }
    }
}
