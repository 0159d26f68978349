//! Plain-scalar typing as upstream loads it: PyYAML's `safe_load`, i.e. YAML 1.1 implicit
//! resolvers, not YAML 1.2's core schema. `on`/`yes` are booleans, `1_000` and `0o`-less octal
//! `017` are integers, `1e3` (no dot) is a string, `2024-01-01` is a date. Getting this right is
//! what makes `version: 1.2` a float and an unquoted date in a string field an error, exactly as
//! floe reports them.
//!
//! The resolvers are written once, here: the loader types plain scalars with them
//! ([`resolve_plain`]) and the profiles generator's PyYAML emitter asks them whether a string can be
//! written plain ([`python_implicit_tag`]).

use super::pattern::LazyRegex;

/// The type PyYAML gives a scalar. A string or a date is its text, which the tree holds once
/// beside this (16 bytes: every scalar of a document carries one).
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer past `i64` (Python's are unbounded; past `i128` the text stays a string).
    /// Boxed because it is rare: an inline `i128` would double the alignment of every node.
    BigInt(Box<i128>),
    Float(f64),
    Str,
    /// `2024-01-01` or a full timestamp: PyYAML builds a `date`/`datetime`, which a pydantic `str`
    /// field rejects.
    Timestamp,
    /// A scalar PyYAML's safe loader cannot construct (`=`, an unknown `!tag`).
    Unconstructable {
        tag: Box<Tag>,
    },
}

/// The tag of a scalar the safe loader cannot construct.
pub type Tag = compact_str::CompactString;

impl Scalar {
    /// The value of an integer, of either width.
    pub fn integer(&self) -> Option<i128> {
        match self {
            Scalar::Int(i) => Some(i128::from(*i)),
            Scalar::BigInt(i) => Some(**i),
            _ => None,
        }
    }

    fn from_int(value: i128) -> Scalar {
        i64::try_from(value).map_or_else(|_| Scalar::BigInt(Box::new(value)), Scalar::Int)
    }

    fn unconstructable(tag: &str) -> Scalar {
        Scalar::Unconstructable {
            tag: Box::new(tag.into()),
        }
    }
}

/// A resolver's regex: judged without compiling it for the scalars [`LazyRegex`] can.
struct Resolver(LazyRegex);

impl Resolver {
    fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text) == Some(true)
    }

    /// Python's `re.match` with a `$`-terminated pattern, which also matches before one
    /// trailing newline.
    fn python_match(&self, text: &str) -> bool {
        self.is_match(text) || text.strip_suffix('\n').is_some_and(|t| self.is_match(t))
    }
}

macro_rules! pattern {
    ($name:ident, $re:literal) => {
        static $name: Resolver = Resolver(LazyRegex::new($re));
    };
}

// The regexes are PyYAML's `Resolver` implicit resolvers (resolver.py), anchored.
pattern!(
    BOOL,
    r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"
);
pattern!(
    FLOAT,
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
);
pattern!(
    INT,
    r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"
);
pattern!(MERGE, r"^(?:<<)$");
pattern!(NULL, r"^(?:~|null|Null|NULL|)$");
pattern!(
    TIMESTAMP,
    r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"
);
pattern!(VALUE, r"^(?:=)$");

/// Every resolver's pattern, for the test holding [`LazyRegex`] to the regex crate.
#[cfg(test)]
pub(crate) fn lazy_regexes() -> [&'static LazyRegex; 7] {
    [
        &BOOL.0,
        &FLOAT.0,
        &INT.0,
        &MERGE.0,
        &NULL.0,
        &TIMESTAMP.0,
        &VALUE.0,
    ]
}

/// The tag PyYAML's resolver gives a plain scalar, before anything is constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImplicitTag {
    Bool,
    Float,
    Int,
    /// `<<`, a merge key.
    Merge,
    Null,
    Timestamp,
    /// `=`, which the safe loader cannot construct.
    Value,
    Str,
}

/// PyYAML's implicit resolvers as resolver.py registers them: the first characters each is tried
/// for, in registration order (the empty string is null's alone).
const RESOLVERS: [(ImplicitTag, &str, &Resolver); 7] = [
    (ImplicitTag::Bool, "yYnNtTfFoO", &BOOL),
    (ImplicitTag::Float, "-+0123456789.", &FLOAT),
    (ImplicitTag::Int, "-+0123456789", &INT),
    (ImplicitTag::Merge, "<", &MERGE),
    (ImplicitTag::Null, "~nN", &NULL),
    (ImplicitTag::Timestamp, "0123456789", &TIMESTAMP),
    (ImplicitTag::Value, "=", &VALUE),
];

/// The tag PyYAML resolves a plain scalar's text to, as the loader reads it from a document
/// (where a plain scalar never ends with a line break).
pub fn implicit_tag(text: &str) -> ImplicitTag {
    resolve_with(text, Resolver::is_match)
}

/// [`implicit_tag`] of any Python string, judged as Python's `re.match` does (`$` also matches
/// before a trailing newline): what PyYAML's serializer asks to decide whether a string can be
/// written plain and still load back as a string.
pub fn python_implicit_tag(text: &str) -> ImplicitTag {
    resolve_with(text, Resolver::python_match)
}

/// `Resolver.resolve` for a plain scalar: only the resolvers registered for its first character
/// are tried, in registration order; the first that matches gives the tag.
fn resolve_with(text: &str, matches: fn(&Resolver, &str) -> bool) -> ImplicitTag {
    let Some(first) = text.chars().next() else {
        return ImplicitTag::Null;
    };
    RESOLVERS
        .iter()
        .find(|(_, firsts, resolver)| firsts.contains(first) && matches(resolver, text))
        .map_or(ImplicitTag::Str, |(tag, _, _)| *tag)
}

/// Types a plain (unquoted, untagged) scalar the way PyYAML's safe loader does.
pub fn resolve_plain(text: &str) -> Scalar {
    match implicit_tag(text) {
        ImplicitTag::Null => Scalar::Null,
        ImplicitTag::Bool => Scalar::Bool(matches!(
            text,
            "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON"
        )),
        ImplicitTag::Float => Scalar::Float(parse_float(text)),
        // An integer past i128 is left a string (no text is both an int and a timestamp).
        ImplicitTag::Int => parse_int(text).map_or(Scalar::Str, Scalar::from_int),
        ImplicitTag::Timestamp => Scalar::Timestamp,
        ImplicitTag::Value => Scalar::unconstructable("tag:yaml.org,2002:value"),
        // A merge key is the builder's to handle; as a value it stays a string.
        ImplicitTag::Merge | ImplicitTag::Str => Scalar::Str,
    }
}

/// Types a scalar carrying an explicit tag (`!!str 1.0`, `!!int "3"`), as SafeConstructor would.
pub fn resolve_tagged(text: &str, tag: &str) -> Scalar {
    match tag {
        "tag:yaml.org,2002:str" => Scalar::Str,
        "tag:yaml.org,2002:null" => Scalar::Null,
        "tag:yaml.org,2002:bool" => match resolve_plain(text) {
            Scalar::Bool(b) => Scalar::Bool(b),
            _ => Scalar::unconstructable(tag),
        },
        "tag:yaml.org,2002:int" => {
            parse_int(text).map_or_else(|| Scalar::unconstructable(tag), Scalar::from_int)
        }
        "tag:yaml.org,2002:float" => {
            if FLOAT.is_match(text) || INT.is_match(text) {
                Scalar::Float(parse_float(text))
            } else {
                Scalar::unconstructable(tag)
            }
        }
        "tag:yaml.org,2002:timestamp" => Scalar::Timestamp,
        // `!` alone is the non-specific tag: the scalar stays a string.
        "!" => Scalar::Str,
        other => Scalar::unconstructable(other),
    }
}

fn parse_int(text: &str) -> Option<i128> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, cleaned.trim_start_matches('+').to_owned()),
    };
    let magnitude: i128 = if let Some(bin) = digits.strip_prefix("0b") {
        i128::from_str_radix(bin, 2).ok()?
    } else if let Some(hex) = digits.strip_prefix("0x") {
        i128::from_str_radix(hex, 16).ok()?
    } else if digits.contains(':') {
        // Sexagesimal (base 60): `1:30` is 90.
        let mut value: i128 = 0;
        for part in digits.split(':') {
            value = value
                .checked_mul(60)?
                .checked_add(part.parse::<i128>().ok()?)?;
        }
        value
    } else if digits.len() > 1 && digits.starts_with('0') {
        i128::from_str_radix(&digits[1..], 8).ok()?
    } else {
        digits.parse::<i128>().ok()?
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn parse_float(text: &str) -> f64 {
    let cleaned: String = text
        .chars()
        .filter(|c| *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let (sign, body) = match cleaned.strip_prefix('-') {
        Some(rest) => (-1.0, rest.to_owned()),
        None => (1.0, cleaned.trim_start_matches('+').to_owned()),
    };
    if body == ".inf" {
        return sign * f64::INFINITY;
    }
    if body == ".nan" {
        return f64::NAN;
    }
    if body.contains(':') {
        let mut value = 0.0;
        for part in body.split(':') {
            value = value * 60.0 + part.parse::<f64>().unwrap_or(0.0);
        }
        return sign * value;
    }
    sign * body.parse::<f64>().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        assert_eq!(resolve_plain("on"), Scalar::Bool(true));
        assert_eq!(resolve_plain("NO"), Scalar::Bool(false));
        assert_eq!(resolve_plain("y"), Scalar::Str);
        assert_eq!(resolve_plain("~"), Scalar::Null);
        assert_eq!(resolve_plain(""), Scalar::Null);
        assert_eq!(resolve_plain("nULL"), Scalar::Str);
    }

    #[test]
    fn numbers_follow_pyyaml() {
        assert_eq!(resolve_plain("1.2"), Scalar::Float(1.2));
        assert_eq!(resolve_plain("1e3"), Scalar::Str);
        assert_eq!(resolve_plain("1.0e+3"), Scalar::Float(1000.0));
        assert_eq!(resolve_plain("017"), Scalar::Int(15));
        assert_eq!(resolve_plain("1_000"), Scalar::Int(1000));
        assert_eq!(resolve_plain("0x1F"), Scalar::Int(31));
        assert_eq!(resolve_plain("1:30"), Scalar::Int(90));
        assert_eq!(
            resolve_plain("0x7fffffffffffffffff").integer(),
            Some(0x7f_ffff_ffff_ffff_ffff)
        );
        assert_eq!(resolve_plain("1".repeat(40).as_str()), Scalar::Str);
        assert_eq!(resolve_plain("-5"), Scalar::Int(-5));
        assert_eq!(resolve_plain("1.2.3"), Scalar::Str);
        assert_eq!(resolve_plain("4GB"), Scalar::Str);
        assert!(matches!(resolve_plain(".inf"), Scalar::Float(f) if f.is_infinite()));
    }

    #[test]
    fn dates_and_unconstructable() {
        assert_eq!(resolve_plain("2024-01-01"), Scalar::Timestamp);
        assert_eq!(resolve_plain("2024-1-1"), Scalar::Str);
        assert!(matches!(resolve_plain("="), Scalar::Unconstructable { .. }));
        assert!(matches!(
            resolve_tagged("x", "!custom"),
            Scalar::Unconstructable { .. }
        ));
        assert_eq!(resolve_tagged("1.0", "tag:yaml.org,2002:str"), Scalar::Str);
    }

    #[test]
    fn the_emitter_asks_as_python_matches() {
        assert_eq!(implicit_tag("<<"), ImplicitTag::Merge);
        assert_eq!(implicit_tag("="), ImplicitTag::Value);
        assert_eq!(implicit_tag("~"), ImplicitTag::Null);
        // `$` in Python's `re.match` also matches before one trailing newline.
        assert_eq!(implicit_tag("12\n"), ImplicitTag::Str);
        assert_eq!(python_implicit_tag("12\n"), ImplicitTag::Int);
        assert_eq!(python_implicit_tag("yes\n"), ImplicitTag::Bool);
        assert_eq!(python_implicit_tag("\n"), ImplicitTag::Str);
        assert_eq!(python_implicit_tag(""), ImplicitTag::Null);
    }
}
