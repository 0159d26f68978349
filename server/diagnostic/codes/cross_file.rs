//! The cross-file family (FL2xx): floe.yaml and platform.yaml do not fit together. The
//! cross-file stage (`rules::cross_file`) reports these.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Checks that floe.yaml's `storage`, `catalog` and `compute` name profiles that exist in the
    /// `storage`, `catalogs` and `compute` sections of **every** environment's platform.yaml.
    /// A reference left out of floe.yaml means `default`, which must then exist.
    ///
    /// ## Why is this bad?
    /// `floe compile` fails with "Catalog profile 'x' not found. Available: a, b" in the
    /// environment that lacks it. Upstream only looks at one environment at a time, so a profile
    /// present in `local` but missing in `prod` is found at deploy time; floe-lint finds it now.
    ///
    /// ## Example
    /// ```yaml
    /// # floe.yaml
    /// catalog: analytics
    /// # platform/prod/platform.yaml
    /// catalogs:
    ///   default: {type: polaris, uri: "https://polaris/api/catalog", warehouse: prod}
    /// ```
    ///
    /// ## Fix
    /// Use a profile name that every environment defines, or add the profile to the environment
    /// named in the message.
    pub static UNKNOWN_PROFILE = ("FL200", "unknown-profile", CrossFile, Error, "A floe.yaml reference that names no profile in an environment's platform.yaml");
}

declare_rule! {
    /// ## What it does
    /// Reports a floe.yaml for which no platform.yaml can be found where floe looks for one:
    /// `platform/<env>/platform.yaml`, `.floe/<env>/platform.yaml`, or the flat
    /// `platform/platform.yaml`, `platform.yaml`, `.floe/platform.yaml` beside it, or the file named
    /// by `FLOE_PLATFORM_FILE`.
    ///
    /// ## Why is this bad?
    /// `floe compile` fails with "Platform configuration not found for environment 'local'", and
    /// floe-lint cannot check the references. When the platform configuration lives in another
    /// repository this is expected: point `FLOE_PLATFORM_FILE` at it, or ignore this rule.
    ///
    /// ## Example
    /// A repository with `floe.yaml` and no `platform/` directory.
    ///
    /// ## Fix
    /// Add `platform/<env>/platform.yaml` beside floe.yaml, or set `FLOE_PLATFORM_FILE`.
    pub static PLATFORM_NOT_FOUND = ("FL201", "platform-not-found", CrossFile, Warning, "No platform.yaml found for a floe.yaml");
}
