//! The two input files read as upstream's models do: a field of each type with pydantic's
//! messages, a literal or a `secret_ref`, an enum, a length; mapping keys in Python's order.

use super::*;

impl<'a> File<'a> {
    pub(super) fn name(&self) -> &'static str {
        if self.in_floe {
            FLOE_FILE
        } else {
            PLATFORM_FILE
        }
    }

    pub(super) fn root(&self) -> Option<&'a Node> {
        self.doc.root.as_ref()
    }

    /// A pydantic validation failure at `pointer`.
    pub(super) fn invalid(&self, pointer: &str, message: &str) -> GenerateError {
        let loc = dotted(pointer);
        GenerateError {
            kind: ErrorKind::InvalidInput,
            message: if loc.is_empty() {
                format!("{} is not valid: {message}", self.name())
            } else {
                format!("{} is not valid: {loc}: {message}", self.name())
            },
            pointer: pointer.to_owned(),
            in_floe: self.in_floe,
        }
    }

    pub(super) fn quirk(&self, pointer: impl Into<String>, message: impl Into<String>) -> Quirk {
        Quirk {
            message: message.into(),
            pointer: pointer.into(),
            in_floe: self.in_floe,
        }
    }

    /// The entries of the mapping at `pointer`; a missing or top-level-empty value is `{}`,
    /// anything else that is not a mapping fails as pydantic's `dict` does.
    pub(super) fn mapping(
        &self,
        node: Option<&'a Node>,
        pointer: &str,
    ) -> Result<&'a [Entry], GenerateError> {
        match node {
            None => Ok(&[]),
            Some(node) => node
                .as_mapping()
                .ok_or_else(|| self.invalid(pointer, "Input should be a valid dictionary")),
        }
    }

    /// A model-typed mapping (a profile): must be a mapping.
    pub(super) fn model(
        &self,
        node: &'a Node,
        pointer: &str,
        model: &str,
    ) -> Result<&'a Node, GenerateError> {
        if node.as_mapping().is_some() {
            Ok(node)
        } else {
            Err(self.invalid(
                pointer,
                &format!("Input should be a valid dictionary or instance of {model}"),
            ))
        }
    }

    /// An optional `str` field with a default (`None` when absent).
    pub(super) fn opt_str(
        &self,
        parent: &'a Node,
        parent_pointer: &str,
        key: &str,
    ) -> Result<Option<(&'a str, String)>, GenerateError> {
        let pointer = child_pointer(parent_pointer, key);
        match child(parent, key) {
            None => Ok(None),
            Some(node) => match node.as_str() {
                Some(s) => Ok(Some((s, pointer))),
                None => Err(self.invalid(&pointer, "Input should be a valid string")),
            },
        }
    }

    /// A required `str` field.
    pub(super) fn req_str(
        &self,
        parent: &'a Node,
        parent_pointer: &str,
        key: &str,
    ) -> Result<(&'a str, String), GenerateError> {
        self.opt_str(parent, parent_pointer, key)?
            .ok_or_else(|| self.invalid(&child_pointer(parent_pointer, key), "Field required"))
    }

    /// `str | None` (null allowed).
    pub(super) fn nullable_str(
        &self,
        parent: &'a Node,
        parent_pointer: &str,
        key: &str,
    ) -> Result<Option<&'a str>, GenerateError> {
        match child(parent, key) {
            Some(node) if is_null(node) => Ok(None),
            _ => Ok(self.opt_str(parent, parent_pointer, key)?.map(|(s, _)| s)),
        }
    }

    /// `str | SecretReference` (optionally nullable).
    pub(super) fn str_or_secret(
        &self,
        node: &'a Node,
        pointer: &str,
    ) -> Result<StrOrSecret<'a>, GenerateError> {
        if let Some(s) = node.as_str() {
            return Ok(StrOrSecret::Literal(s));
        }
        if let Some(entries) = node.as_mapping() {
            let secret_pointer = child_pointer(pointer, key::SECRET_REF);
            for entry in entries {
                let field = entry.key.key_text().unwrap_or_default();
                if field != key::SECRET_REF {
                    return Err(self.invalid(
                        &child_pointer(pointer, &field),
                        "Extra inputs are not permitted",
                    ));
                }
            }
            let (name, _) = self.req_str(node, pointer, key::SECRET_REF)?;
            check_len(self, &secret_pointer, name, 1, 253)?;
            if !SECRET_REF.is_match(name) {
                return Err(self.invalid(
                    &secret_pointer,
                    &format!("String should match pattern '{}'", SECRET_REF.as_str()),
                ));
            }
            return Ok(StrOrSecret::Secret(name));
        }
        Err(self.invalid(pointer, "Input should be a valid string"))
    }

    /// Validates an optional enum-typed `str` field; returns its value or `default`.
    pub(super) fn enum_field(
        &self,
        parent: &'a Node,
        parent_pointer: &str,
        key: &str,
        allowed: &[&str],
        default: &'a str,
    ) -> Result<(&'a str, Option<String>), GenerateError> {
        let pointer = child_pointer(parent_pointer, key);
        match child(parent, key) {
            None => Ok((default, None)),
            Some(node) => match node.as_str() {
                Some(s) if allowed.contains(&s) => Ok((s, Some(pointer))),
                _ => Err(self.invalid(&pointer, &enum_message(allowed))),
            },
        }
    }
}

pub(super) fn check_len(
    file: &File,
    pointer: &str,
    value: &str,
    min: usize,
    max: usize,
) -> Result<(), GenerateError> {
    let count = value.chars().count();
    if count < min {
        let unit = if min == 1 { "character" } else { "characters" };
        return Err(file.invalid(
            pointer,
            &format!("String should have at least {min} {unit}"),
        ));
    }
    if count > max {
        return Err(file.invalid(
            pointer,
            &format!("String should have at most {max} characters"),
        ));
    }
    Ok(())
}

/// pydantic's enum message: `Input should be 'a', 'b' or 'c'`.
fn enum_message(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("Input should be {} or {last}", rest.join(", "))
        }
        Some((last, _)) => format!("Input should be {last}"),
        None => "Input should be a valid enumeration member".into(),
    }
}

pub(super) fn is_null(node: &Node) -> bool {
    matches!(
        node.value,
        NodeValue::Scalar {
            value: Scalar::Null,
            ..
        }
    )
}

/// The value of `key` in a mapping node (last one wins, as in PyYAML).
pub(super) fn child<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.get(key).map(|e| &e.value)
}

/// A mapping's keys in Python `dict` order: `<<`-merged keys first (PyYAML puts merged pairs
/// before the explicit ones), each key once at its first position.
pub(super) fn python_keys(entries: &[Entry]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let ordered = entries
        .iter()
        .filter(|e| e.merged)
        .chain(entries.iter().filter(|e| !e.merged));
    for entry in ordered {
        if let Some(key) = entry.key.key_text()
            && !keys.contains(&key)
        {
            keys.push(key);
        }
    }
    keys
}
