//! The cross-file family (FL2xx): a project's files do not fit together (floe.yaml and
//! platform.yaml; a Generation B floe.yaml and its manifest; files of the two dialects). The
//! cross-file stage (`rules::cross_file`) and the engine's pairing (`check`) report these.

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

declare_rule! {
    /// ## What it does
    /// Reports a project that mixes floe's two configuration dialects: a Generation A
    /// (floe-runtime) floe.yaml beside a Generation B `manifest.yaml` (`kind: Manifest`), or a
    /// Generation B floe.yaml (`apiVersion: floe.dev/v1`, `kind: FloeSpec`) beside Generation A
    /// `platform/<env>/platform.yaml` files. Which dialect a file speaks is read from its content.
    ///
    /// ## Why is this bad?
    /// Neither runtime reads the other's files: floe-runtime looks for platform.yaml and rejects a
    /// FloeSpec's keys; `floe platform compile` takes a manifest and rejects a flat floe.yaml. The
    /// files cannot be checked against each other either.
    ///
    /// ## Example
    /// ```text
    /// floe.yaml                      # name: orders, version: "1.0" (Generation A)
    /// manifest.yaml                  # kind: Manifest (Generation B)
    /// ```
    ///
    /// ## Fix
    /// Keep one dialect per product: migrate floe.yaml to `kind: FloeSpec` for a manifest, or
    /// keep a Generation A floe.yaml with `platform/<env>/platform.yaml`.
    pub static MIXED_DIALECTS = ("FL202", "mixed-dialects", CrossFile, Error, "Generation A and Generation B files in one project");
}

declare_rule! {
    /// ## What it does
    /// Reports a Generation B floe.yaml whose `platform.manifest` is a local path (not an
    /// `oci://` reference) that names no file, relative to the floe.yaml's directory.
    ///
    /// ## Why is this bad?
    /// The manifest cannot be checked with the product, and the reference misleads readers.
    /// (Upstream's compile itself takes the manifest from `--manifest` and ignores this key.)
    ///
    /// ## Example
    /// ```yaml
    /// platform:
    ///   manifest: ../../demo/manifest.yml     # the file is manifest.yaml
    /// ```
    ///
    /// ## Fix
    /// Point `platform.manifest` at the manifest, relative to floe.yaml, or at its OCI reference.
    pub static MANIFEST_NOT_FOUND = ("FL203", "manifest-not-found", CrossFile, Warning, "`platform.manifest` names a local file that does not exist");
}
