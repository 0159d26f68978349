//! The suppression family (FL9xx): floe-lint's own `# floe-lint: ignore` comments, checked by
//! `rules::suppression`.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `floe-lint: ignore[…]` or `ignore-file[…]` code that suppressed no finding.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real finding of that rule on that line, and misleads
    /// readers into thinking there is something to ignore.
    ///
    /// ## Example
    /// ```yaml
    /// bucket: lake   # floe-lint: ignore[FL300] nothing here is a credential
    /// ```
    ///
    /// ## Fix
    /// Remove the code (or the whole comment).
    pub static UNUSED = ("FL900", "unused-suppression", Suppression, Warning, "A suppression comment that suppresses nothing");
}

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment that names an unknown rule code, or names none.
    ///
    /// ## Why is this bad?
    /// It suppresses nothing, and the finding it was meant for is still reported (or the code
    /// has a typo).
    ///
    /// ## Example
    /// ```yaml
    /// uri: "http://polaris:8181/api/catalog"  # floe-lint: ignore[FL3O4]
    /// ```
    ///
    /// ## Fix
    /// Use a code from `floe-lint rules`, e.g. `# floe-lint: ignore[FL304] reason`.
    pub static UNKNOWN_CODE = ("FL901", "unknown-suppression-code", Suppression, Warning, "A suppression comment naming an unknown rule");
}
