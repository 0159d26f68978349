//! Whether a document is valid against its JSON Schema, decided without building the jsonschema
//! validator: compiling it (both schemas, their patterns and the meta-schema check) is most of a
//! cold start, and a valid file, the common case, needs none of its error reporting.
//!
//! The answer is one-sided: [`Verdict::Valid`] only when every keyword involved is one this
//! module knows and the value satisfies it; anything else (an error, an unknown keyword, a
//! pattern or number it cannot judge exactly) is [`Verdict::Unsure`], and the caller runs the
//! real validator, which reports the errors. So a wrong answer here could only hide a finding
//! if it said `Valid` for an invalid value; tests/known_valid.rs holds it to jsonschema's
//! answer on every fixture.

mod evaluate;
mod schema;

use evaluate::valid;
use schema::{Constant, Schema, SchemaOrBool, Tables, Types};

use serde_json::Number;

use super::FileKind;
use crate::syntax::view::{Items, Json, Object};

/// What the fast path found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The value satisfies the schema: jsonschema reports nothing.
    Valid,
    /// Invalid, or not decidable here: ask jsonschema.
    Unsure,
}

/// Judges `value` (a document's tree read as JSON, or a JSON value) as a file of `kind`.
pub fn verdict(kind: FileKind, value: &Json<'_>) -> Verdict {
    let tables = match kind {
        FileKind::Floe => schema::FLOE.as_ref(),
        FileKind::Platform => schema::PLATFORM.as_ref(),
        // Generation B's schemas use `if`/`else`, which this fast path does not evaluate; its
        // files are small (no monorepo of thousands), so the validator alone is fast enough.
        FileKind::FloeSpec | FileKind::Manifest => None,
    };
    let judged = tables.and_then(|t| valid(t, t.schema(t.root)?, value, 0));
    if judged == Some(true) {
        Verdict::Valid
    } else {
        Verdict::Unsure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs wrote both schemas out: were one refused (a keyword not evaluated here), every
    /// file would silently take the slow path (correct, but the point of this module lost).
    #[test]
    fn both_schemas_are_written() {
        assert!(schema::FLOE.is_some());
        assert!(schema::PLATFORM.is_some());
    }
}
