//! The schemas as build.rs writes them: tables of plain data, no pointer inside (a schema names
//! another by its index), so the binary carries them without a relocation for the loader to
//! apply at every start, and a run reads, allocates and touches nothing of them until a
//! document leads it there.

use std::sync::OnceLock;

use serde_json::Number;

use crate::syntax::pattern::Pattern;

/// One schema file's tables. Every index in them points inside them (build.rs writes them so,
/// and `every_index_resolves` checks it); a lookup that missed would make its keyword unsure,
/// never valid.
pub(super) struct Tables {
    pub root: SchemaId,
    pub schemas: &'static [Schema],
    /// Every name and string of the file, each once, one after the other.
    pub text: &'static str,
    /// `properties` and `$defs`: runs of (name, schema), each run sorted by name.
    pub names: &'static [(Text, SchemaId)],
    /// `oneOf`, `anyOf`, `allOf`.
    pub lists: &'static [SchemaId],
    /// `required` and `type` lists.
    pub strings: &'static [Text],
    /// `enum` values and the items of array constants.
    pub constants: &'static [Constant],
    /// The members of object constants.
    pub members: &'static [(Text, Constant)],
    pub patterns: &'static [LazyPattern],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct SchemaId(pub u32);

/// A run of a table: (start, length).
#[derive(Clone, Copy, Debug)]
pub(super) struct Run(pub u32, pub u32);

/// A string of [`Tables::text`]: (byte offset, byte length).
#[derive(Clone, Copy, Debug)]
pub(super) struct Text(pub u32, pub u32);

/// A schema object with the keywords floe's schemas use (their annotations left out). A schema
/// file with any other keyword gets no tables at all (build.rs), so no document is judged by a
/// partial reading of it.
pub(super) struct Schema {
    pub types: Option<Types>,
    pub properties: Option<Run>,
    pub additional_properties: Option<SchemaOrBool>,
    pub required: Option<Run>,
    /// `enum`.
    pub one_of_values: Option<Run>,
    pub constant: Option<Constant>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// An index of [`Tables::patterns`].
    pub pattern: Option<u32>,
    pub minimum: Option<Num>,
    pub maximum: Option<Num>,
    pub exclusive_minimum: Option<Num>,
    pub exclusive_maximum: Option<Num>,
    pub items: Option<SchemaOrBool>,
    /// `$ref`.
    pub reference: Option<Text>,
    pub property_names: Option<SchemaId>,
    pub one_of: Option<Run>,
    pub any_of: Option<Run>,
    pub all_of: Option<Run>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    /// `$defs`.
    pub defs: Option<Run>,
}

impl Schema {
    /// No keyword: what a generated schema's unnamed fields are.
    pub const EMPTY: Schema = Schema {
        types: None,
        properties: None,
        additional_properties: None,
        required: None,
        one_of_values: None,
        constant: None,
        min_length: None,
        max_length: None,
        pattern: None,
        minimum: None,
        maximum: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
        items: None,
        reference: None,
        property_names: None,
        one_of: None,
        any_of: None,
        all_of: None,
        min_items: None,
        max_items: None,
        min_properties: None,
        max_properties: None,
        defs: None,
    };
}

#[derive(Clone, Copy)]
pub(super) enum Types {
    One(Text),
    /// A run of [`Tables::strings`].
    Many(Run),
}

#[derive(Clone, Copy)]
pub(super) enum SchemaOrBool {
    Bool(bool),
    Schema(SchemaId),
}

/// A number of the schema, in the representation serde_json reads it in (`5` unsigned, `-5`
/// signed, anything else a float), so that it compares as the number read from JSON would.
#[derive(Clone, Copy, Debug)]
// build.rs writes what a schema holds: floe's schemas have no negative bound today.
#[allow(dead_code)]
pub(super) enum Num {
    U(u64),
    I(i64),
    F(f64),
}

impl Num {
    pub fn to_number(self) -> Option<Number> {
        match self {
            Num::U(u) => Some(Number::from(u)),
            Num::I(i) => Some(Number::from(i)),
            Num::F(f) => Number::from_f64(f),
        }
    }
}

/// An `enum` or `const` value.
#[derive(Clone, Copy, Debug)]
// build.rs writes what a schema holds: floe's schemas enumerate only strings and null today.
#[allow(dead_code)]
pub(super) enum Constant {
    Null,
    Bool(bool),
    Number(Num),
    Str(Text),
    /// A run of [`Tables::constants`].
    Array(Run),
    /// A run of [`Tables::members`], one per name (a JSON object read by serde_json keeps the
    /// last).
    Object(Run),
}

/// A schema's `pattern`, turned into a [`Pattern`] the first time a string is matched against it
/// (most of a schema's patterns are never needed by one run).
pub(super) struct LazyPattern {
    source: Text,
    compiled: OnceLock<Option<Pattern>>,
}

impl LazyPattern {
    pub const fn new(source: Text) -> LazyPattern {
        LazyPattern {
            source,
            compiled: OnceLock::new(),
        }
    }
}

impl Tables {
    pub fn schema(&self, id: SchemaId) -> Option<&'static Schema> {
        self.schemas.get(usize::try_from(id.0).ok()?)
    }

    pub fn text(&self, Text(at, len): Text) -> Option<&'static str> {
        self.text.get(span(at, len)?)
    }

    /// The schema named `name` in a run of [`Tables::names`]: `Some(None)` when the run has no
    /// such name, `None` when the tables cannot be read.
    pub fn named(&self, run: Run, name: &str) -> Option<Option<&'static Schema>> {
        let entries = slice(self.names, run)?;
        let mut unreadable = false;
        let found = entries.binary_search_by(|(key, _)| match self.text(*key) {
            Some(key) => key.cmp(name),
            None => {
                unreadable = true;
                std::cmp::Ordering::Equal
            }
        });
        match found {
            _ if unreadable => None,
            Ok(at) => Some(Some(self.schema(entries.get(at)?.1)?)),
            Err(_) => Some(None),
        }
    }

    pub fn list(&self, run: Run) -> Option<&'static [SchemaId]> {
        slice(self.lists, run)
    }

    pub fn strings(&self, run: Run) -> Option<&'static [Text]> {
        slice(self.strings, run)
    }

    pub fn constants(&self, run: Run) -> Option<&'static [Constant]> {
        slice(self.constants, run)
    }

    pub fn members(&self, run: Run) -> Option<&'static [(Text, Constant)]> {
        slice(self.members, run)
    }

    /// `None` for a pattern or a string [`Pattern`] cannot judge exactly.
    pub fn pattern_matches(&self, index: u32, text: &str) -> Option<bool> {
        let pattern = self.patterns.get(usize::try_from(index).ok()?)?;
        pattern
            .compiled
            .get_or_init(|| Pattern::new(self.text(pattern.source)?))
            .as_ref()?
            .is_match(text)
    }
}

/// A run of one of the tables.
fn slice<T>(table: &'static [T], Run(start, len): Run) -> Option<&'static [T]> {
    table.get(span(start, len)?)
}

fn span(start: u32, len: u32) -> Option<std::ops::Range<usize>> {
    let start = usize::try_from(start).ok()?;
    Some(start..start.checked_add(usize::try_from(len).ok()?)?)
}

// `FLOE` and `PLATFORM`: each file's tables, `None` when build.rs refused it (a keyword not
// evaluated here, named in the build's warning).
include!(concat!(env!("OUT_DIR"), "/floe.assertions.rs"));
include!(concat!(env!("OUT_DIR"), "/platform.assertions.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    /// Every index build.rs wrote points inside the tables: a lookup that missed would only
    /// make a keyword unsure, so nothing else would notice the fast path going unused.
    #[test]
    fn every_index_resolves() {
        for tables in [&FLOE, &PLATFORM] {
            let Some(t) = tables else {
                panic!("build.rs refused a schema");
            };
            assert!(t.schema(t.root).is_some());
            for schema in t.schemas {
                check_schema(t, schema);
            }
            for pattern in t.patterns {
                assert!(t.text(pattern.source).is_some());
            }
        }
    }

    fn check_schema(t: &Tables, schema: &Schema) {
        match schema.types {
            Some(Types::One(name)) => assert!(t.text(name).is_some()),
            Some(Types::Many(names)) => check_strings(t, names),
            None => {}
        }
        for run in [schema.properties, schema.defs].into_iter().flatten() {
            let entries = slice(t.names, run).expect("a run of names");
            for (name, id) in entries {
                assert!(t.text(*name).is_some() && t.schema(*id).is_some());
            }
            // Sorted, as the binary search needs.
            assert!(entries.is_sorted_by_key(|(name, _)| t.text(*name)));
        }
        for either in [schema.additional_properties, schema.items]
            .into_iter()
            .flatten()
        {
            if let SchemaOrBool::Schema(id) = either {
                assert!(t.schema(id).is_some());
            }
        }
        if let Some(required) = schema.required {
            check_strings(t, required);
        }
        if let Some(values) = schema.one_of_values {
            t.constants(values)
                .expect("a run of the tables")
                .iter()
                .for_each(|c| check_constant(t, c));
        }
        if let Some(constant) = &schema.constant {
            check_constant(t, constant);
        }
        if let Some(pattern) = schema.pattern {
            assert!(t.patterns.get(pattern as usize).is_some());
        }
        if let Some(reference) = schema.reference {
            assert!(t.text(reference).is_some());
        }
        if let Some(id) = schema.property_names {
            assert!(t.schema(id).is_some());
        }
        for run in [schema.one_of, schema.any_of, schema.all_of]
            .into_iter()
            .flatten()
        {
            for id in t.list(run).expect("a run of the tables") {
                assert!(t.schema(*id).is_some());
            }
        }
    }

    fn check_strings(t: &Tables, run: Run) {
        for text in t.strings(run).expect("a run of the tables") {
            assert!(t.text(*text).is_some());
        }
    }

    fn check_constant(t: &Tables, constant: &Constant) {
        match *constant {
            Constant::Str(text) => assert!(t.text(text).is_some()),
            Constant::Array(run) => t
                .constants(run)
                .expect("a run of the tables")
                .iter()
                .for_each(|c| check_constant(t, c)),
            Constant::Object(run) => {
                for (name, value) in t.members(run).expect("a run of the tables") {
                    assert!(t.text(*name).is_some());
                    check_constant(t, value);
                }
            }
            Constant::Null | Constant::Bool(_) | Constant::Number(_) => {}
        }
    }
}
