//! Mutation tests on Generation B pairs, from the real binary. Upstream's valid pairs (the demo
//! manifest with customer-360 and hello-orders, tests/fixtures/upstream) are rewritten in ways that
//! mean the same YAML (flow style, quoting, anchors and aliases, CRLF, key order, indentation,
//! comments, document markers): each rewrite must report exactly what the original reports. Then one
//! edit per kind of mistake, under every rewrite: exactly one new finding, of that kind, on the
//! line of the edited key.

mod common;
mod genb_support;

use std::collections::BTreeMap;

use common::Project;
use serde_json::{Value, json};

const MANIFEST: &str = "floe__demo__manifest.yaml";
const SPECS: [&str; 2] = [
    "floe__demo__customer-360__floe.yaml",
    "floe__examples__hello-orders__floe.yaml",
];

/// How a pair is written out.
#[derive(Debug, Clone, Copy)]
enum Rewrite {
    /// Upstream's own text.
    Original,
    /// Upstream's text with CRLF line ends.
    Crlf,
    /// Block style, 2-space indentation, plain keys, double-quoted strings.
    Block,
    /// Block style, 4-space indentation, every key and string quoted, a comment per mapping.
    Indented,
    /// Every mapping's keys in reverse order.
    Reversed,
    /// One flow collection (JSON is YAML), inside `---` / `...` markers.
    Flow,
    /// Block style where a repeated collection is written once with an anchor, then aliased.
    Anchored,
}

const REWRITES: [Rewrite; 7] = [
    Rewrite::Original,
    Rewrite::Crlf,
    Rewrite::Block,
    Rewrite::Indented,
    Rewrite::Reversed,
    Rewrite::Flow,
    Rewrite::Anchored,
];

impl Rewrite {
    /// The text of `value` (parsed from `original`) in this style.
    fn write(self, original: &str, value: &Value) -> String {
        match self {
            Rewrite::Original => original.to_owned(),
            Rewrite::Crlf => original.replace('\n', "\r\n"),
            Rewrite::Block => Emitter::new(2).document(value),
            Rewrite::Indented => Emitter {
                quote_keys: true,
                comments: true,
                ..Emitter::new(4)
            }
            .document(value),
            Rewrite::Reversed => Emitter::new(2).document(&reversed(value)),
            Rewrite::Flow => format!(
                "---\n{}\n...\n",
                serde_json::to_string_pretty(value).expect("JSON")
            ),
            Rewrite::Anchored => Emitter {
                anchors: repeated(value),
                ..Emitter::new(2)
            }
            .document(value),
        }
    }

    /// Whether the rewrite keeps upstream's text (a mutation is then made on the value and
    /// written in block style instead).
    fn is_textual(self) -> bool {
        matches!(self, Rewrite::Original | Rewrite::Crlf)
    }
}

/// A small YAML block emitter for the rewrites.
struct Emitter {
    indent: usize,
    quote_keys: bool,
    comments: bool,
    /// Collections written more than once, by their JSON text: anchored at the first.
    anchors: Vec<String>,
}

impl Emitter {
    fn new(indent: usize) -> Emitter {
        Emitter {
            indent,
            quote_keys: false,
            comments: false,
            anchors: Vec::new(),
        }
    }

    fn document(&self, value: &Value) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.mapping_body(value, 0, &mut out, &mut seen);
        out
    }

    fn key(&self, key: &str) -> String {
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if plain && !self.quote_keys {
            key.to_owned()
        } else {
            serde_json::to_string(key).expect("JSON")
        }
    }

    fn scalar(value: &Value) -> String {
        // JSON's string escapes are YAML double-quoted escapes; numbers, booleans and null are
        // written as YAML reads them back.
        serde_json::to_string(value).expect("JSON")
    }

    /// The anchor of a collection, and whether it was written before (then alias it).
    fn anchor(&self, value: &Value, seen: &mut Vec<String>) -> Option<(String, bool)> {
        let text = value.to_string();
        let index = self.anchors.iter().position(|a| *a == text)?;
        let name = format!("a{index}");
        let before = seen.contains(&text);
        if !before {
            seen.push(text);
        }
        Some((name, before))
    }

    /// `key: value` lines of a mapping at `depth`.
    fn mapping_body(&self, value: &Value, depth: usize, out: &mut String, seen: &mut Vec<String>) {
        let pad = " ".repeat(depth * self.indent);
        let Some(map) = value.as_object() else {
            return;
        };
        for (key, item) in map {
            if self.comments {
                out.push_str(&format!("{pad}# {key}\n"));
            }
            out.push_str(&format!("{pad}{}:", self.key(key)));
            self.value(item, depth, out, seen);
        }
    }

    /// A value after `key:` or `-`, its nested lines at `depth + 1`.
    fn value(&self, value: &Value, depth: usize, out: &mut String, seen: &mut Vec<String>) {
        let empty = match value {
            Value::Object(map) => map.is_empty().then_some("{}"),
            Value::Array(list) => list.is_empty().then_some("[]"),
            _ => None,
        };
        if let Some(empty) = empty {
            out.push_str(&format!(" {empty}\n"));
            return;
        }
        if !(value.is_object() || value.is_array()) {
            out.push_str(&format!(" {}\n", Emitter::scalar(value)));
            return;
        }
        if let Some((name, before)) = self.anchor(value, seen) {
            if before {
                out.push_str(&format!(" *{name}\n"));
                return;
            }
            out.push_str(&format!(" &{name}"));
        }
        out.push('\n');
        match value {
            Value::Object(_) => self.mapping_body(value, depth + 1, out, seen),
            Value::Array(list) => {
                let pad = " ".repeat((depth + 1) * self.indent);
                for item in list {
                    out.push_str(&format!("{pad}-"));
                    if item.is_object() && self.anchor(item, &mut seen.clone()).is_none() {
                        // `- key: value`, the rest of the mapping under the first key.
                        let mut nested = String::new();
                        self.mapping_body(item, depth + 2, &mut nested, seen);
                        let inner = " ".repeat((depth + 2) * self.indent);
                        let body = nested.strip_prefix(&inner).unwrap_or(&nested);
                        out.push_str(&format!(" {body}"));
                    } else {
                        self.value(item, depth + 1, out, seen);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Every mapping's keys in reverse order.
fn reversed(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .rev()
                .map(|(k, v)| (k.clone(), reversed(v)))
                .collect(),
        ),
        Value::Array(list) => Value::Array(list.iter().map(reversed).collect()),
        other => other.clone(),
    }
}

/// Collections (non-empty) that occur more than once, by their JSON text.
fn repeated(value: &Value) -> Vec<String> {
    fn walk(value: &Value, counts: &mut BTreeMap<String, usize>) {
        let children: Vec<&Value> = match value {
            Value::Object(map) if !map.is_empty() => map.values().collect(),
            Value::Array(list) if !list.is_empty() => list.iter().collect(),
            _ => return,
        };
        *counts.entry(value.to_string()).or_default() += 1;
        children.into_iter().for_each(|c| walk(c, counts));
    }
    let mut counts = BTreeMap::new();
    walk(value, &mut counts);
    counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(text, _)| text)
        .collect()
}

/// A pair at upstream's layout: `demo/manifest.yaml` and the product `demo/product/floe.yaml`
/// naming it.
fn check(spec: &str, manifest: &str) -> (Project, Vec<Finding>) {
    let project = Project::new();
    project
        .write(".git/HEAD", "ref: refs/heads/main\n")
        .write("demo/manifest.yaml", manifest)
        .write("demo/product/floe.yaml", spec);
    let (_, json) = project.check_json(&["demo/product/floe.yaml"]);
    let findings = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| Finding {
            file: d["file"].as_str().unwrap_or_default().to_owned(),
            line: d["range"]["start"]["line"].as_u64().unwrap_or_default(),
            code: d["code"].as_str().unwrap_or_default().to_owned(),
            message: d["message"].as_str().unwrap_or_default().to_owned(),
        })
        .collect();
    (project, findings)
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    file: String,
    line: u64,
    code: String,
    message: String,
}

/// What a check reports, without positions (a rewrite moves lines).
fn unplaced(findings: &[Finding]) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = findings
        .iter()
        .map(|f| (f.file.clone(), f.code.clone(), f.message.clone()))
        .collect();
    out.sort();
    out
}

/// The product naming the manifest at the test layout.
fn product(name: &str) -> (String, Value) {
    let text = genb_support::upstream(name);
    let mut value = genb_support::yaml(&text);
    value["platform"] = json!({"manifest": "../manifest.yaml"});
    let text = text
        .replace("\"../manifest.yaml\"", "../manifest.yaml")
        .replace("\"../../demo/manifest.yaml\"", "../manifest.yaml");
    (text, value)
}

#[test]
fn rewrites_that_mean_the_same_report_the_same() {
    let manifest_text = genb_support::upstream(MANIFEST);
    let manifest = genb_support::yaml(&manifest_text);
    for spec_name in SPECS {
        let (spec_text, spec) = product(spec_name);
        let (_, baseline) = check(&spec_text, &manifest_text);
        for rewrite in REWRITES {
            let spec_out = rewrite.write(&spec_text, &spec);
            let manifest_out = rewrite.write(&manifest_text, &manifest);
            assert_eq!(
                genb_support::yaml(&spec_out),
                spec,
                "{rewrite:?} changes the spec's meaning:\n{spec_out}"
            );
            assert_eq!(
                genb_support::yaml(&manifest_out),
                manifest,
                "{rewrite:?} changes the manifest's meaning"
            );
            let (_, found) = check(&spec_out, &manifest_out);
            assert_eq!(
                unplaced(&found),
                unplaced(&baseline),
                "{spec_name} {rewrite:?}:\n{spec_out}\n---\n{manifest_out}"
            );
        }
    }
}

/// One edit: which file, a change to its value, the code it must draw, and the key on whose line
/// the finding must be (the last key of the path that exists after the edit).
struct Mutation {
    what: &'static str,
    in_manifest: bool,
    edit: fn(&mut Value),
    code: &'static str,
    line_of: &'static [&'static str],
}

fn mutations() -> Vec<Mutation> {
    vec![
        Mutation {
            what: "unknown key in metadata",
            in_manifest: false,
            edit: |v| v["metadata"]["colour"] = json!("blue"),
            code: "FL100",
            line_of: &["metadata", "colour"],
        },
        Mutation {
            what: "metadata.name missing",
            in_manifest: false,
            edit: |v| {
                v["metadata"].as_object_mut().map(|m| m.remove("name"));
            },
            code: "FL101",
            line_of: &["metadata"],
        },
        Mutation {
            what: "labels as a list",
            in_manifest: false,
            edit: |v| v["metadata"]["labels"] = json!(["retail"]),
            code: "FL102",
            // At the value: the list's first line, under the key.
            line_of: &["metadata", "labels", "0"],
        },
        Mutation {
            what: "tier outside its literal",
            in_manifest: false,
            edit: |v| v["transforms"][0]["tier"] = json!("platinum"),
            code: "FL103",
            line_of: &["transforms", "0", "tier"],
        },
        Mutation {
            what: "metadata.name pattern",
            in_manifest: false,
            edit: |v| v["metadata"]["name"] = json!("Customer 360"),
            code: "FL104",
            line_of: &["metadata", "name"],
        },
        Mutation {
            what: "description too long",
            in_manifest: false,
            edit: |v| v["metadata"]["description"] = json!("x".repeat(501)),
            code: "FL105",
            line_of: &["metadata", "description"],
        },
        Mutation {
            what: "FR-014 key in a transform",
            in_manifest: false,
            edit: |v| v["transforms"][0]["database"] = json!("analytics"),
            code: "FL106",
            line_of: &["transforms", "0", "database"],
        },
        Mutation {
            what: "enforcement level outside its literal",
            in_manifest: true,
            edit: |v| v["governance"]["policy_enforcement_level"] = json!("loud"),
            code: "FL103",
            line_of: &["governance", "policy_enforcement_level"],
        },
        Mutation {
            what: "a plugin as a string",
            in_manifest: true,
            edit: |v| v["plugins"]["lineage_backend"] = json!("marquez"),
            code: "FL102",
            line_of: &["plugins", "lineage_backend"],
        },
        Mutation {
            what: "metadata.owner missing",
            in_manifest: true,
            edit: |v| {
                v["metadata"].as_object_mut().map(|m| m.remove("owner"));
            },
            code: "FL101",
            line_of: &["metadata"],
        },
        Mutation {
            what: "Polaris config without warehouse",
            in_manifest: true,
            edit: |v| {
                v["plugins"]["catalog"]["config"]
                    .as_object_mut()
                    .map(|m| m.remove("warehouse"));
            },
            code: "FL108",
            line_of: &["plugins", "catalog", "config"],
        },
        Mutation {
            what: "dependsOn naming no transform (compile's FLOE-E301)",
            in_manifest: false,
            edit: |v| v["transforms"][3]["dependsOn"][0] = json!("stg_nowhere"),
            code: "FL216",
            line_of: &["transforms", "3", "dependsOn", "0"],
        },
        Mutation {
            what: "no orchestrator plugin (compile's E201)",
            in_manifest: true,
            edit: |v| {
                v["plugins"]
                    .as_object_mut()
                    .map(|m| m.remove("orchestrator"));
            },
            code: "FL210",
            line_of: &["plugins"],
        },
        Mutation {
            what: "misspelt root key",
            in_manifest: true,
            edit: |v| {
                if let Some(map) = v.as_object_mut()
                    && let Some(observability) = map.remove("observability")
                {
                    map.insert("observabilty".into(), observability);
                }
            },
            code: "FL110",
            line_of: &["observabilty"],
        },
    ]
}

/// The line (1-based, as `--format json` counts) of the key at `path` in a block-style text
/// (`0`, `1`… index a list).
fn line_of(text: &str, path: &[&str]) -> Option<u64> {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    let mut found = None;
    for part in path {
        if let Ok(index) = part.parse::<usize>() {
            // The index-th `-` item after `from`, at the indentation of the first.
            // Items start below the key that holds the list (which may itself be `- key:`).
            let start = if found.is_some() { from + 1 } else { from };
            let items: Vec<usize> = (start..lines.len())
                .filter(|&i| lines[i].trim_start().starts_with('-'))
                .collect();
            let indent = items.first().map(|&i| indent(lines[i]))?;
            let at = items
                .into_iter()
                .filter(|&i| indent_of(lines[i]) == indent)
                .nth(index)?;
            from = at;
            found = Some(at);
            continue;
        }
        let at = (from..lines.len()).find(|&i| {
            let line = lines[i].trim_start().trim_start_matches("- ");
            line.starts_with(&format!("{part}:")) || line.starts_with(&format!("\"{part}\":"))
        })?;
        from = at;
        found = Some(at);
    }
    found.map(|l| l as u64 + 1)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn indent_of(line: &str) -> usize {
    indent(line)
}

#[test]
fn one_edit_draws_one_finding_of_its_kind_on_its_line() {
    let manifest_text = genb_support::upstream(MANIFEST);
    let manifest = genb_support::yaml(&manifest_text);
    let (spec_text, spec) = product(SPECS[0]);
    for rewrite in REWRITES {
        // A textual rewrite's mutation is written in block style (the value changed).
        let style = if rewrite.is_textual() {
            Rewrite::Block
        } else {
            rewrite
        };
        let (_, baseline) = check(
            &rewrite.write(&spec_text, &spec),
            &rewrite.write(&manifest_text, &manifest),
        );
        let baseline = unplaced(&baseline);
        for mutation in mutations() {
            let (mut spec_value, mut manifest_value) = (spec.clone(), manifest.clone());
            let target = if mutation.in_manifest {
                &mut manifest_value
            } else {
                &mut spec_value
            };
            (mutation.edit)(target);
            let spec_out = if mutation.in_manifest {
                rewrite.write(&spec_text, &spec)
            } else {
                style.write(&spec_text, &spec_value)
            };
            let manifest_out = if mutation.in_manifest {
                style.write(&manifest_text, &manifest_value)
            } else {
                rewrite.write(&manifest_text, &manifest)
            };
            let (_, found) = check(&spec_out, &manifest_out);
            let mut new: Vec<&Finding> = found
                .iter()
                .filter(|f| {
                    !baseline.contains(&(f.file.clone(), f.code.clone(), f.message.clone()))
                })
                .collect();
            new.dedup_by_key(|f| (f.file.clone(), f.code.clone(), f.line));
            let (file, text) = if mutation.in_manifest {
                ("demo/manifest.yaml", &manifest_out)
            } else {
                ("demo/product/floe.yaml", &spec_out)
            };
            assert_eq!(
                new.iter()
                    .map(|f| (f.file.as_str(), f.code.as_str()))
                    .collect::<Vec<_>>(),
                [(file, mutation.code)],
                "{} under {rewrite:?}: {new:#?}\n{text}",
                mutation.what
            );
            if !matches!(style, Rewrite::Flow) {
                assert_eq!(
                    Some(new[0].line),
                    line_of(text, mutation.line_of),
                    "{} under {rewrite:?}: {:?}\n{text}",
                    mutation.what,
                    new[0]
                );
            }
        }
    }
}
