//! The schema stage of Generation B: a FloeSpec or a manifest validated against its generated
//! JSON Schema (through the Generation A stage's flattening, so messages keep pydantic's wording),
//! plus upstream's custom validators ([`super::semantic`]), non-string keys, and, for a manifest,
//! each plugin `config` against the runtime's model ([`super::plugin_config`]). Every finding at
//! its key or value, all at once.

use std::sync::LazyLock;

use serde_json::{Map, Value, json};

use super::V1Kind;
use super::plugin_config::{self, PluginConfigKind};
use super::semantic::{self, UpstreamSeverity, V1Check, V1Finding};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::schema::{
    IGNORED_MANIFEST_KEY, INVALID_PLUGIN_CONFIG, INVALID_VALUE, PATTERN_MISMATCH, STALE_DOCS_SHAPE,
    UNKNOWN_KEY, WRONG_TYPE,
};
use crate::diagnostic::rule_meta::RuleMeta;
use crate::dialect::v1::vocabulary::OUTPUT_PORTS;
use crate::dialect::v1::{Declaration, DeclaredKind};
use crate::model::validate::{Compiled, Issue, compiled, dedup, place};
use crate::syntax::Document;
use crate::syntax::json_pointer::unescape;

/// Validates a Generation B document of `kind`. Nothing for a document the syntax stage could not
/// load (its problems are already reported).
pub fn validate(kind: V1Kind, document: &Document) -> Vec<Diagnostic> {
    if !document.loadable {
        return Vec::new();
    }
    let declared = Declaration::of_document(document);
    if declared.kind() == Some(DeclaredKind::DataProduct) {
        return vec![stale_docs_shape(document, &declared)];
    }
    let json = document.json();
    // Upstream's loader turns an empty file into `{}`, for both files (spec §2).
    let empty = Value::Object(Map::new());
    let value = if json.is_null() { &empty } else { &*json };

    let mut issues = Vec::new();
    if let Some(compiled) = compiled(kind.into()) {
        compiled.issues(value, &mut issues);
    }
    let mut upstream: Vec<Issue> = semantic::check_detailed(kind, value)
        .into_iter()
        .map(issue_of)
        .collect();
    if let Some(root) = &document.root {
        upstream.extend(
            semantic::non_string_keys(root)
                .into_iter()
                .map(|error| Issue::new(&WRONG_TYPE, error.pointer, error.at_key, error.message)),
        );
    }
    // Upstream's own wording at a key (FR-014, both alias spellings, key names) replaces the
    // generic schema error at that key: one finding per place.
    issues.retain(|issue| {
        !(issue.at_key
            && (std::ptr::eq(issue.rule, &UNKNOWN_KEY)
                || std::ptr::eq(issue.rule, &PATTERN_MISMATCH))
            && upstream
                .iter()
                .any(|u| u.at_key && u.pointer == issue.pointer))
    });
    issues.extend(upstream);
    if kind == V1Kind::Manifest {
        plugin_configs(value, &mut issues);
    }
    dedup(&mut issues);
    issues
        .into_iter()
        .map(|issue| place(issue, document))
        .collect()
}

/// A finding of upstream's validators under the code that says what upstream does with it.
fn issue_of(finding: V1Finding) -> Issue {
    let rule: &'static RuleMeta = match (finding.severity, finding.check) {
        // Upstream accepts the manifest, warns, and drops the key.
        (UpstreamSeverity::Warning, _) => &IGNORED_MANIFEST_KEY,
        // Pydantic's `extra_forbidden` on the second spelling.
        (UpstreamSeverity::Error, V1Check::AliasConflict) => &UNKNOWN_KEY,
        (UpstreamSeverity::Error, V1Check::NonStringKey) => &WRONG_TYPE,
        (UpstreamSeverity::Error, _) => &INVALID_VALUE,
    };
    let mut issue = Issue::new(
        rule,
        finding.error.pointer,
        finding.error.at_key,
        finding.error.message,
    );
    // The message is narrowed to this place; upstream's own sentence helps to match its output.
    let upstream = finding
        .upstream_message
        .map(|message| format!("upstream reports: {message}"));
    issue.help = if finding.check == V1Check::EnvironmentFieldInSpec
        && is_output_port_schema(&issue.pointer)
    {
        // The one place where obeying FR-014 is impossible: say so here as the missing-`schema`
        // finding of a port without one does, instead of a second finding about the same port.
        Some(
            [OUTPUT_PORT_SCHEMA_HELP.to_owned()]
                .into_iter()
                .chain(upstream)
                .collect::<Vec<_>>()
                .join("; "),
        )
    } else {
        upstream
    };
    issue
}

/// Why an output port's `schema` cannot be fixed (spec §3.9, §11 #1).
const OUTPUT_PORT_SCHEMA_HELP: &str = "`schema` is required in an output port and forbidden by FR-014, so no port can validate upstream: leave `outputPorts` out until that is fixed (compile does not carry it anyway)";

/// `/outputPorts/<n>/schema` (either spelling of the list).
fn is_output_port_schema(pointer: &str) -> bool {
    let segments: Vec<&str> = pointer.split('/').collect();
    matches!(
        segments.as_slice(),
        ["", list, index, "schema"]
            if OUTPUT_PORTS.contains(list) && index.parse::<usize>().is_ok()
    )
}

/// The one finding for a `kind: DataProduct` file, at its `kind`.
fn stale_docs_shape(document: &Document, declared: &Declaration<'_>) -> Diagnostic {
    let span = declared
        .span()
        .unwrap_or_else(|| document.span_of("", true));
    Diagnostic::new(
        &STALE_DOCS_SHAPE,
        &document.file,
        span,
        format!(
            "`kind: {}` is the shape of upstream's stale reference page (docs/reference/floe-yaml-schema.md): no floe model accepts it",
            DeclaredKind::DataProduct.value()
        ),
    )
    .with_help(format!(
        "write a `kind: {}` (`apiVersion: {}`, `metadata: {{name, version}}`, `transforms: [{{name: …}}]`), as upstream's demo/*/floe.yaml files are",
        DeclaredKind::FloeSpec.value(),
        super::API_VERSION
    ))
}

/// Each plugin config's schema, nested at its place in a manifest, so that errors carry the
/// manifest's paths and messages name `plugins.<category>.config`.
static PLUGIN_SCHEMAS: LazyLock<Vec<(PluginConfigKind, Option<Compiled>)>> = LazyLock::new(|| {
    PluginConfigKind::ALL
        .into_iter()
        .map(|kind| (kind, Compiled::new(nested_schema(kind))))
        .collect()
});

/// The plugin `config` blocks' findings: what the runtime's models will reject.
fn plugin_configs(manifest: &Value, out: &mut Vec<Issue>) {
    let mut found = Vec::new();
    for located in plugin_config::locate(manifest) {
        let Some(compiled) = PLUGIN_SCHEMAS
            .iter()
            .find(|(kind, _)| *kind == located.kind)
            .and_then(|(_, compiled)| compiled.as_ref())
        else {
            continue;
        };
        // Only this block, at its place: a missing `config` is validated as `{}`, as the
        // runtime does.
        compiled.issues(&nested_value(located.pointer, located.value), &mut found);
    }
    found.extend(plugin_config::check(manifest).into_iter().map(|error| {
        Issue::new(
            &INVALID_PLUGIN_CONFIG,
            error.pointer,
            error.at_key,
            error.message,
        )
    }));
    for mut issue in found {
        issue.rule = &INVALID_PLUGIN_CONFIG;
        out.push(issue);
    }
}

fn segments(pointer: &str) -> Vec<String> {
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|token| unescape(token).into_owned())
        .collect()
}

/// `{"properties": {"plugins": {"properties": {…: <model schema>}}}}`, the model's `$defs` at
/// the root where its `$ref`s point.
fn nested_schema(kind: PluginConfigKind) -> Value {
    let mut schema = plugin_config::schema(kind);
    let object = schema.as_object_mut();
    let defs = object.as_ref().and_then(|o| o.get("$defs")).cloned();
    if let Some(object) = object {
        for key in ["$defs", "$schema", "$id"] {
            object.remove(key);
        }
    }
    let pointer = plugin_config::pointer_of(kind);
    let mut nested = schema;
    for segment in segments(pointer).into_iter().rev() {
        nested = json!({"type": "object", "properties": {segment: nested}});
    }
    if let (Some(object), Some(defs)) = (nested.as_object_mut(), defs) {
        object.insert("$defs".into(), defs);
    }
    nested
}

/// The config value alone at its path in an otherwise empty manifest.
fn nested_value(pointer: &str, value: &Value) -> Value {
    let mut nested = value.clone();
    for segment in segments(pointer).into_iter().rev() {
        let mut map = Map::new();
        map.insert(segment, nested);
        nested = Value::Object(map);
    }
    nested
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nests_a_value_at_its_pointer() {
        assert_eq!(
            nested_value("/plugins/catalog/config", &json!({"uri": "x"})),
            json!({"plugins": {"catalog": {"config": {"uri": "x"}}}})
        );
    }

    #[test]
    fn nested_schemas_compile() {
        for (kind, compiled) in PLUGIN_SCHEMAS.iter() {
            assert!(compiled.is_some(), "{kind:?}");
        }
    }
}
