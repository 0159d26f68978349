//! What Generation B values complete to beyond their schema: the transforms a `dependsOn` /
//! `depends_on` entry can name (flow `[a, b]`, block `- a`, or a list still to write after
//! `dependsOn: `; not the transform itself, not one already listed), the plugin types upstream
//! ships for a `plugins.<category>.type`, and the quality providers it ships. Like the rest of
//! completion, read from the text's outline: the file being typed is rarely valid YAML.

use super::At;
use super::outline::{self, Frame};
use crate::dialect::v1::transforms::is_depends_on;
use crate::dialect::v1::vocabulary::{
    self as key, NAME, PLUGINS, QUALITY, QUALITY_PROVIDER, SHIPPED_QUALITY_PROVIDERS, TRANSFORMS,
};
use crate::model::navigate::Step;
use crate::model::{FileKind, v1};

/// A value to offer, with what the item's detail says about it.
pub type Named = (String, Option<String>);

/// The names a value at `path` can take, when the schema alone does not say (`None`: it does).
pub fn names(at: &At<'_>, frames: &[Frame], col: usize, path: &[Step]) -> Option<Vec<Named>> {
    let keys: Vec<Option<&str>> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    match (at.kind, keys.as_slice()) {
        // An entry of the list, or (`dependsOn: |`) the list itself, written as `[name]`.
        (
            FileKind::FloeSpec,
            [Some(TRANSFORMS), None, Some(list), None] | [Some(TRANSFORMS), None, Some(list)],
        ) if is_depends_on(list) => Some(dependencies(at, frames, col)),
        (FileKind::Manifest, [Some(PLUGINS), Some(QUALITY), Some(QUALITY_PROVIDER)]) => Some(
            SHIPPED_QUALITY_PROVIDERS
                .iter()
                .map(|p| {
                    (
                        (*p).to_owned(),
                        Some("quality provider upstream ships".to_owned()),
                    )
                })
                .collect(),
        ),
        (FileKind::Manifest, [Some(PLUGINS), Some(category), Some(key::PLUGIN_TYPE)]) => Some(
            key::shipped_plugins(category)
                .iter()
                .map(|t| {
                    (
                        (*t).to_owned(),
                        Some(format!("{category} plugin upstream ships")),
                    )
                })
                .collect(),
        ),
        _ => None,
    }
}

/// Whether a key is left out of the keys offered because its other spelling is already there
/// (upstream rejects `dependsOn` and `depends_on` together).
pub fn twin_present(kind: FileKind, name: &str, present: &[String]) -> bool {
    kind.v1().is_some()
        && v1::other_spelling(name).is_some_and(|twin| present.iter().any(|p| p == twin))
}

/// The transforms a `dependsOn` entry can name: every transform of the file but the one being
/// edited and those its list already holds.
fn dependencies(at: &At<'_>, frames: &[Frame], col: usize) -> Vec<Named> {
    // frames: `transforms`, the item, then (block form) the `dependsOn` key and its `- ` entry.
    let own = super::written(at, frames, col, 2, NAME).and_then(|name| scalar(&name));
    let listed = match (frames.get(2), frames.get(3)) {
        (Some(list), Some(entry)) => block_entries(at, list, entry),
        _ => flow_entries(at.place.text),
    };
    let mut out: Vec<Named> = Vec::new();
    for (line, name) in transform_names(at.lines) {
        let taken = Some(&name) == own.as_ref()
            || listed.contains(&name)
            || out.iter().any(|(n, _)| *n == name);
        if !taken {
            out.push((name, Some(format!("transform (line {})", line + 1))));
        }
    }
    out
}

/// `name` of every block item of the root `transforms` list, with its line.
fn transform_names(lines: &[&str]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut inside = false;
    // Column of the items' `- ` and of their keys, from the first item.
    let mut item: Option<(usize, usize)> = None;
    for (number, text) in lines.iter().enumerate() {
        let Some(line) = outline::parse(text) else {
            continue;
        };
        let start = line.dashes.first().copied().unwrap_or(line.content);
        if start == 0 && line.dashes.is_empty() {
            inside = line.key.as_deref() == Some(TRANSFORMS) && line.value.is_empty();
            item = None;
            continue;
        }
        if !inside {
            continue;
        }
        if let Some(&dash) = line.dashes.first()
            && item.is_none_or(|(d, _)| d == dash)
        {
            item = Some((dash, line.content));
        }
        if let (Some((_, keys)), Some(NAME)) = (item, line.key.as_deref())
            && line.content == keys
            && let Some(name) = scalar(line.value)
        {
            out.push((number, name));
        }
    }
    out
}

/// The entries of a block `dependsOn` list other than the one on the cursor's line.
fn block_entries(at: &At<'_>, list: &Frame, entry: &Frame) -> Vec<String> {
    let mut out = Vec::new();
    for (number, text) in at.lines.iter().enumerate().skip(list.line + 1) {
        let Some(line) = outline::parse(text) else {
            continue;
        };
        let start = line.dashes.first().copied().unwrap_or(line.content);
        if start < list.col || (start == list.col && line.dashes.is_empty()) {
            break;
        }
        if number != at.line
            && line.dashes.first() == Some(&entry.col)
            && line.key.is_none()
            && let Some(name) = scalar(line.value)
        {
            out.push(name);
        }
    }
    out
}

/// The entries written in the flow list on the cursor's line (the one being typed included:
/// it only filters names that are complete already).
fn flow_entries(line: &str) -> Vec<String> {
    let Some(open) = line.find('[') else {
        return Vec::new();
    };
    let inner = &line[open + 1..];
    let inner = inner.find(']').map_or(inner, |close| &inner[..close]);
    inner.split(',').filter_map(scalar).collect()
}

/// A plain or quoted scalar as written (its comment dropped); `None` when empty.
fn scalar(value: &str) -> Option<String> {
    let value = match value.find(" #") {
        Some(comment) => &value[..comment],
        None => value,
    };
    let value = value.trim().trim_matches(['"', '\'']);
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_block_transforms() {
        let text = "apiVersion: floe.dev/v1\ntransforms:\n  - name: stg_orders # raw\n    tier: bronze\n  - tier: silver\n    name: \"fct_orders\"\n    dependsOn:\n      - name: not_a_transform\nschedule:\n  name: x\n";
        let names: Vec<(usize, String)> = transform_names(&outline::lines(text));
        assert_eq!(
            names,
            vec![(2, "stg_orders".to_owned()), (5, "fct_orders".to_owned())]
        );
        let indentless = "transforms:\n- name: a\n  dependsOn: [b]\n- name: b\n";
        let names: Vec<String> = transform_names(&outline::lines(indentless))
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["a", "b"]);
    }

    #[test]
    fn entries_of_a_flow_list() {
        assert_eq!(flow_entries("    dependsOn: [a, 'b', , c"), ["a", "b", "c"]);
        assert!(flow_entries("    dependsOn: []").is_empty());
    }
}
