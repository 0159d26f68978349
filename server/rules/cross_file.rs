//! The cross-file family (FL2xx): floe.yaml's logical references checked against the platform.yaml
//! of every environment.

use std::path::PathBuf;

use crate::diagnostic::codes::cross_file::{PLATFORM_NOT_FOUND, UNKNOWN_PROFILE};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::suggest::{Listing, available, did_you_mean};
use crate::syntax::Document;

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

/// One environment a reference was checked against.
pub struct Target<'a> {
    pub env: &'a str,
    pub platform: &'a Document,
}

/// Where one reference names no profile: the environment, its profile names, its section.
struct Miss<'a> {
    target: &'a Target<'a>,
    available: Vec<String>,
    section: Option<&'a crate::syntax::Entry>,
}

/// Checks floe.yaml's references against the platform.yaml of every environment: one finding
/// per reference, naming each environment that lacks the profile (with a related location in
/// each), so one typo reads as one mistake.
pub fn check_references(floe: &Document, targets: &[Target<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(floe_root) = floe.root.as_ref().filter(|_| floe.loadable) else {
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
        let misses: Vec<Miss<'_>> = targets
            .iter()
            .filter(|t| t.platform.loadable)
            .filter_map(|target| {
                let section = target
                    .platform
                    .root
                    .as_ref()
                    .and_then(|r| r.get(reference.platform_section));
                let available: Vec<String> = section
                    .and_then(|s| s.value.as_mapping())
                    .map(|entries| entries.iter().filter_map(|e| e.key.key_text()).collect())
                    .unwrap_or_default();
                (!available.contains(&name)).then_some(Miss {
                    target,
                    available,
                    section,
                })
            })
            .collect();
        if misses.is_empty() {
            continue;
        }
        let mut message = missing_message(reference, &name, &misses);
        if implicit {
            message.push_str(&format!(
                "; floe.yaml has no `{}:`, so it refers to 'default'",
                reference.floe_key
            ));
        }
        let mut diagnostic = Diagnostic::new(&UNKNOWN_PROFILE, &floe.file, span, message)
            .with_help(help(reference, &name, &misses));
        for miss in &misses {
            let env = miss.target.env;
            let (related_span, related_message) = match miss.section {
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
            diagnostic =
                diagnostic.with_related(&miss.target.platform.file, related_span, related_message);
        }
        out.push(diagnostic);
    }
    out
}

/// Upstream's "<Kind> profile 'x' not found. Available: a, b" for one environment; for several,
/// the environments and what each has (once when they all have the same).
fn missing_message(reference: &Reference, name: &str, misses: &[Miss<'_>]) -> String {
    let kind = reference.kind;
    let listed = |miss: &Miss<'_>| available(name, &miss.available, Listing::Plain);
    if let [only] = misses {
        return format!(
            "{kind} profile '{name}' not found. Available: {} (environment `{}`, {})",
            listed(only),
            only.target.env,
            only.target.platform.file.display()
        );
    }
    let envs: Vec<String> = misses
        .iter()
        .map(|m| format!("`{}`", m.target.env))
        .collect();
    let same = misses.windows(2).all(|w| w[0].available == w[1].available);
    let availability = if same {
        format!("Available in each: {}", listed(&misses[0]))
    } else {
        let each: Vec<String> = misses
            .iter()
            .map(|m| format!("{} in `{}`", listed(m), m.target.env))
            .collect();
        format!("Available: {}", each.join("; "))
    };
    format!(
        "{kind} profile '{name}' not found in {} environments ({}). {availability}",
        misses.len(),
        envs.join(", ")
    )
}

fn help(reference: &Reference, name: &str, misses: &[Miss<'_>]) -> String {
    let suggestions: Vec<Option<&str>> = misses
        .iter()
        .map(|m| did_you_mean(name, &m.available))
        .collect();
    if let Some(Some(best)) = suggestions.first()
        && suggestions.iter().all(|s| s == &Some(*best))
    {
        return format!("did you mean `{best}`?");
    }
    let files: Vec<String> = misses
        .iter()
        .map(|m| m.target.platform.file.display().to_string())
        .collect();
    match misses {
        [only] => format!(
            "add a `{name}` profile under `{}:` in {}, or use one of: {}",
            reference.platform_section,
            files.join(", "),
            available(name, &only.available, Listing::Plain)
        ),
        _ => format!(
            "add a `{name}` profile under `{}:` in {}, or use a profile every environment defines",
            reference.platform_section,
            files.join(", ")
        ),
    }
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
