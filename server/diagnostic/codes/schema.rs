//! The schema family (FL1xx): the document does not match upstream's pydantic models.
//! Messages keep pydantic's wording ("Extra inputs are not permitted", "Field required",
//! "Input should be …") because that is what floe users see from `floe validate`.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a key that upstream's model for that section does not define. Every floe model
    /// forbids extra keys (`extra="forbid"`), at every depth.
    ///
    /// ## Why is this bad?
    /// floe rejects the whole file with "Extra inputs are not permitted". Often it is a typo
    /// (`log_format` written `format`) or a setting from another tool or an older floe version.
    ///
    /// ## Example
    /// ```yaml
    /// observability:
    ///   logging:
    ///     level: INFO
    ///     format: json        # the key is `log_format`
    /// ```
    ///
    /// ## Fix
    /// Rename the key to the one suggested, or remove it.
    pub static UNKNOWN_KEY = ("FL100", "unknown-key", Schema, Error, "A key the upstream model does not define");
}

declare_rule! {
    /// ## What it does
    /// Reports a required field that is missing; the finding points at the mapping that should
    /// contain it and names the field.
    ///
    /// ## Why is this bad?
    /// floe rejects the file with "Field required".
    ///
    /// ## Example
    /// ```yaml
    /// catalogs:
    ///   default:
    ///     type: polaris
    ///     uri: http://polaris:8181/api/catalog
    ///     # warehouse: is required
    /// ```
    ///
    /// ## Fix
    /// Add the field.
    pub static MISSING_FIELD = ("FL101", "missing-field", Schema, Error, "A required field is missing");
}

declare_rule! {
    /// ## What it does
    /// Reports a value of the wrong type: a number where a string belongs, a list where a
    /// mapping belongs, and YAML's surprises such as `version: 1.0` (a float) or an unquoted date.
    ///
    /// ## Why is this bad?
    /// floe rejects the file with "Input should be a valid …". floe reads YAML 1.1 (PyYAML), so
    /// `1.0`, `on`, `2024-01-01` are not strings unless quoted.
    ///
    /// ## Example
    /// ```yaml
    /// version: 1.0            # a float, not the string "1.0"
    /// ```
    ///
    /// ## Fix
    /// Quote scalars that must be strings; use the structure the field documents.
    pub static WRONG_TYPE = ("FL102", "wrong-type", Schema, Error, "A value of the wrong type", fix: Sometimes);
}

declare_rule! {
    /// ## What it does
    /// Reports a value outside the allowed set of an enumerated field, listing the allowed values
    /// and the nearest one.
    ///
    /// ## Why is this bad?
    /// floe rejects the file with "Input should be 'a', 'b' or 'c'". The classic: upstream's
    /// `access_delegation` uses hyphens (`vended-credentials`), log `level` is upper case.
    ///
    /// ## Example
    /// ```yaml
    /// access_delegation: vended_credentials
    /// ```
    ///
    /// ## Fix
    /// Use one of the listed values; `floe-lint check --fix` applies the suggested one.
    pub static INVALID_ENUM = ("FL103", "invalid-enum-value", Schema, Error, "A value outside an enumerated field's allowed set", fix: Sometimes);
}

declare_rule! {
    /// ## What it does
    /// Reports a string that does not match the field's required pattern: profile names, secret
    /// references, cron expressions, dates, ARNs, semantic versions.
    ///
    /// ## Why is this bad?
    /// floe rejects the file with "String should match pattern '…'".
    ///
    /// ## Example
    /// ```yaml
    /// compute: "123-invalid"     # profile names start with a letter
    /// ```
    ///
    /// ## Fix
    /// Change the value to match the pattern shown.
    pub static PATTERN_MISMATCH = ("FL104", "pattern-mismatch", Schema, Error, "A string that does not match the field's pattern");
}

declare_rule! {
    /// ## What it does
    /// Reports a number, string or list outside its allowed size: a port outside 30000–32767,
    /// a bucket name shorter than 3 characters, an empty list that needs an item.
    ///
    /// ## Why is this bad?
    /// floe rejects the file ("Input should be greater than or equal to …", "String should have
    /// at least … characters").
    ///
    /// ## Example
    /// ```yaml
    /// metrics_config:
    ///   retention_days: 0      # 1–365
    /// ```
    ///
    /// ## Fix
    /// Bring the value inside the documented range.
    pub static OUT_OF_RANGE = ("FL105", "out-of-range", Schema, Error, "A value outside its allowed range or length");
}

declare_rule! {
    /// ## What it does
    /// Reports violations of upstream's custom validators: credential-mode requirements
    /// (`OAuth2 mode requires client_secret`), layer references to missing storage or catalog
    /// profiles, invalid namespaces, profile names and orchestration identifiers, and the other
    /// model-level rules floe enforces when it loads the file.
    ///
    /// ## Why is this bad?
    /// floe rejects the file with "Value error, …".
    ///
    /// ## Example
    /// ```yaml
    /// credentials:
    ///   mode: oauth2
    ///   client_id: floe
    ///   # client_secret: {secret_ref: …} is required in oauth2 mode
    /// ```
    ///
    /// ## Fix
    /// Follow the message: it is floe's own.
    pub static INVALID_VALUE = ("FL106", "invalid-value", Schema, Error, "A value that upstream's custom validators reject");
}

declare_rule! {
    /// ## What it does
    /// Reports an entry of a tagged section (partitions, jobs, sensors) whose `type` is missing
    /// or is not one of the known kinds.
    ///
    /// ## Why is this bad?
    /// floe cannot tell which fields apply and rejects the file ("Unable to extract tag using
    /// discriminator 'type'", "Input tag 'x' found using 'type' does not match any of the
    /// expected tags").
    ///
    /// ## Example
    /// ```yaml
    /// jobs:
    ///   nightly:
    ///     type: batched        # batch or ops
    ///     selection: ["group:bronze"]
    /// ```
    ///
    /// ## Fix
    /// Set `type` to one of the listed kinds.
    pub static UNKNOWN_VARIANT = ("FL107", "unknown-variant", Schema, Error, "A tagged entry whose `type` is missing or unknown");
}

declare_rule! {
    /// ## What it does
    /// Checks each `plugins.<category>.config` of a Generation B manifest (`kind: Manifest`)
    /// against the configuration model the runtime validates it with: Polaris (`catalog`), S3
    /// (`storage`), Marquez (`lineage_backend`), Cube (`semantic_layer`), dlt (`ingestion`), K8s
    /// secrets and Infisical (`secrets`), Keycloak (`identity`).
    ///
    /// ## Why is this bad?
    /// `floe platform compile` never looks inside `config`: it copies it into the compiled
    /// artifacts as it is. The orchestrator validates it when the plugin starts, so the mistake
    /// surfaces as a `PluginConfigurationError` on the first run, after deploy.
    ///
    /// ## Example
    /// ```yaml
    /// plugins:
    ///   catalog:
    ///     type: polaris
    ///     config:
    ///       uri: http://polaris:8181/api/catalog
    ///       # warehouse: and oauth2: are required by the Polaris plugin
    /// ```
    ///
    /// ## Fix
    /// Follow the message (pydantic's wording, as the runtime prints it).
    pub static INVALID_PLUGIN_CONFIG = ("FL108", "invalid-plugin-config", Schema, Error, "A plugin `config` the runtime will reject (compile accepts it)");
}

declare_rule! {
    /// ## What it does
    /// Reports a file declaring `kind: DataProduct`: the shape upstream's stale reference page
    /// (`docs/reference/floe-yaml-schema.md`) documents, with `metadata.domain`, `platform.ref`,
    /// `transforms[].type`/`path`, `ingestion`, `environments` and `quality`.
    ///
    /// ## Why is this bad?
    /// No upstream model accepts it: `floe platform compile` fails. Its keys are not
    /// Generation B's, so schema errors would bury the one thing to change; this is the only
    /// finding reported for such a file.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: floe.dev/v1
    /// kind: DataProduct
    /// metadata:
    ///   name: orders
    ///   domain: sales
    /// ```
    ///
    /// ## Fix
    /// Rewrite it as a `kind: FloeSpec` (`metadata.{name, version}`, `transforms[].name`), as
    /// upstream's `demo/*/floe.yaml` files are.
    pub static STALE_DOCS_SHAPE = ("FL109", "stale-docs-shape", Schema, Error, "A file in the shape of upstream's stale documentation (`kind: DataProduct`)");
}

declare_rule! {
    /// ## What it does
    /// Reports a root key of a Generation B manifest that upstream's `PlatformManifest` model
    /// does not define, and a root key given in both spellings (`apiVersion` and `api_version`).
    ///
    /// ## Why is this bad?
    /// The manifest root is the one upstream model that allows extra keys: upstream prints
    /// "Unknown fields in manifest will be ignored" and carries on. A typo such as `governence:`
    /// therefore silently drops a whole section.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: floe.dev/v1
    /// kind: Manifest
    /// governence:            # governance
    ///   policy_enforcement_level: strict
    /// ```
    ///
    /// ## Fix
    /// Correct the key's spelling, or remove it.
    pub static IGNORED_MANIFEST_KEY = ("FL110", "ignored-manifest-key", Schema, Warning, "A manifest root key upstream ignores");
}
