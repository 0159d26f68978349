//! The cross-file family (FL2xx): floe.yaml's logical references checked against the platform.yaml
//! of every environment.

use std::path::{Path, PathBuf};

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::suggest::did_you_mean;
use crate::syntax::Document;

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

/// One floe.yaml reference: which section of platform.yaml it names a profile in.
struct Reference {
    floe_key: &'static str,
    platform_section: &'static str,
    kind: &'static str,
}

const REFERENCES: [Reference; 3] = [
    Reference {
        floe_key: "storage",
        platform_section: "storage",
        kind: "Storage",
    },
    Reference {
        floe_key: "catalog",
        platform_section: "catalogs",
        kind: "Catalog",
    },
    Reference {
        floe_key: "compute",
        platform_section: "compute",
        kind: "Compute",
    },
];

/// Checks floe.yaml's references against one environment's platform.yaml.
pub fn check_references(
    floe: &Document,
    env: &str,
    platform: &Document,
    shown_path: &Path,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (Some(floe_root), true) = (&floe.root, floe.loadable && platform.loadable) else {
        return out;
    };
    if floe_root.as_mapping().is_none() {
        return out;
    }
    for reference in &REFERENCES {
        let entry = floe_root.get(reference.floe_key);
        // Only a string reference can be resolved; a wrong type is the schema's finding.
        let (name, span, implicit) = match entry {
            None => ("default".to_owned(), first_key_span(floe), true),
            Some(e) => match e.value.as_str() {
                Some(name) => (name.to_owned(), e.value.span, false),
                None if e.value.key_text().as_deref() == Some("None") => {
                    ("default".to_owned(), e.value.span, true)
                }
                None => continue,
            },
        };
        let section = platform
            .root
            .as_ref()
            .and_then(|r| r.get(reference.platform_section));
        let available: Vec<String> = section
            .and_then(|s| s.value.as_mapping())
            .map(|entries| entries.iter().filter_map(|e| e.key.key_text()).collect())
            .unwrap_or_default();
        if available.contains(&name) {
            continue;
        }
        let listed = if available.is_empty() {
            "none".to_owned()
        } else {
            available.join(", ")
        };
        let mut message = format!(
            "{} profile '{name}' not found. Available: {listed} (environment `{env}`, {})",
            reference.kind,
            shown_path.display()
        );
        if implicit {
            message.push_str(&format!(
                "; floe.yaml has no `{}:`, so it refers to 'default'",
                reference.floe_key
            ));
        }
        let mut diagnostic = Diagnostic::new(&UNKNOWN_PROFILE, &floe.file, span, message);
        diagnostic = match did_you_mean(&name, &available) {
            Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")),
            None => diagnostic.with_help(format!(
                "add a `{}` profile under `{}:` in {}, or use one of: {listed}",
                name,
                reference.platform_section,
                shown_path.display()
            )),
        };
        let (related_span, related_message) = match section {
            Some(s) => (
                s.key.span,
                format!(
                    "`{}` profiles of environment `{env}`",
                    reference.platform_section
                ),
            ),
            None => (
                Span::point(0),
                format!(
                    "environment `{env}` defines no `{}` section",
                    reference.platform_section
                ),
            ),
        };
        out.push(diagnostic.with_related(&platform.file, related_span, related_message));
    }
    out
}

/// Reports a floe.yaml that has no platform.yaml in any environment.
pub fn platform_not_found(floe: &Document, searched: &[PathBuf], env: &str) -> Diagnostic {
    let listed: Vec<String> = searched.iter().map(|p| p.display().to_string()).collect();
    Diagnostic::new(
        &PLATFORM_NOT_FOUND,
        &floe.file,
        first_key_span(floe),
        format!(
            "Platform configuration not found for environment '{env}'. Searched: {}",
            listed.join(", ")
        ),
    )
    .with_help("profile references cannot be checked; add platform/<env>/platform.yaml or set FLOE_PLATFORM_FILE")
}

fn first_key_span(document: &Document) -> Span {
    document
        .root
        .as_ref()
        .and_then(|r| r.as_mapping())
        .and_then(|entries| entries.first())
        .map_or(Span::point(0), |e| e.key.span)
}
