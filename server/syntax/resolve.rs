//! Plain-scalar typing as upstream loads it: PyYAML's `safe_load`, i.e. YAML 1.1 implicit
//! resolvers, not YAML 1.2's core schema. `on`/`yes` are booleans, `1_000` and `0o`-less octal
//! `017` are integers, `1e3` (no dot) is a string, `2024-01-01` is a date. Getting this right is
//! what makes `version: 1.2` a float and an unquoted date in a string field an error, exactly as
//! floe reports them.

use super::pattern::LazyRegex;

/// The type PyYAML gives a scalar.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    /// `2024-01-01` or a full timestamp: PyYAML builds a `date`/`datetime`, which a pydantic `str`
    /// field rejects.
    Timestamp(String),
    /// A scalar PyYAML's safe loader cannot construct (`=`, an unknown `!tag`).
    Unconstructable {
        tag: String,
    },
}

/// A resolver's regex: judged without compiling it for the scalars [`LazyRegex`] can.
struct Resolver(LazyRegex);

impl Resolver {
    fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text) == Some(true)
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
pattern!(NULL, r"^(?:~|null|Null|NULL|)$");

/// Every resolver's pattern, for the test holding [`LazyRegex`] to the regex crate.
#[cfg(test)]
pub(crate) fn lazy_regexes() -> [&'static LazyRegex; 5] {
    [&BOOL.0, &FLOAT.0, &INT.0, &NULL.0, &TIMESTAMP.0]
}
pattern!(
    TIMESTAMP,
    r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"
);

/// Types a plain (unquoted, untagged) scalar the way PyYAML's resolver does.
pub fn resolve_plain(text: &str) -> Scalar {
    let first = text.chars().next();
    // PyYAML only tries a resolver when the first character is one it registered for.
    match first {
        None => Scalar::Null,
        Some('y' | 'Y' | 'n' | 'N' | 't' | 'T' | 'f' | 'F' | 'o' | 'O') if BOOL.is_match(text) => {
            Scalar::Bool(matches!(
                text,
                "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON"
            ))
        }
        Some('~' | 'n' | 'N') if NULL.is_match(text) => Scalar::Null,
        Some('=') if text == "=" => Scalar::Unconstructable {
            tag: "tag:yaml.org,2002:value".into(),
        },
        Some('-' | '+' | '0'..='9' | '.') => resolve_number_or_date(text),
        _ => Scalar::Str(text.to_owned()),
    }
}

fn resolve_number_or_date(text: &str) -> Scalar {
    // PyYAML registers float before int, and tries resolvers in registration order per first char.
    if FLOAT.is_match(text) {
        return Scalar::Float(parse_float(text));
    }
    if INT.is_match(text)
        && let Some(value) = parse_int(text)
    {
        return Scalar::Int(value);
    }
    if TIMESTAMP.is_match(text) {
        return Scalar::Timestamp(text.to_owned());
    }
    Scalar::Str(text.to_owned())
}

/// Types a scalar carrying an explicit tag (`!!str 1.0`, `!!int "3"`), as SafeConstructor would.
pub fn resolve_tagged(text: &str, tag: &str) -> Scalar {
    match tag {
        "tag:yaml.org,2002:str" => Scalar::Str(text.to_owned()),
        "tag:yaml.org,2002:null" => Scalar::Null,
        "tag:yaml.org,2002:bool" => match resolve_plain(text) {
            Scalar::Bool(b) => Scalar::Bool(b),
            _ => Scalar::Unconstructable { tag: tag.into() },
        },
        "tag:yaml.org,2002:int" => match parse_int(text) {
            Some(v) => Scalar::Int(v),
            None => Scalar::Unconstructable { tag: tag.into() },
        },
        "tag:yaml.org,2002:float" => {
            if FLOAT.is_match(text) || INT.is_match(text) {
                Scalar::Float(parse_float(text))
            } else {
                Scalar::Unconstructable { tag: tag.into() }
            }
        }
        "tag:yaml.org,2002:timestamp" => Scalar::Timestamp(text.to_owned()),
        // `!` alone is the non-specific tag: the scalar stays a string.
        "!" => Scalar::Str(text.to_owned()),
        other => Scalar::Unconstructable { tag: other.into() },
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
        assert_eq!(resolve_plain("y"), Scalar::Str("y".into()));
        assert_eq!(resolve_plain("~"), Scalar::Null);
        assert_eq!(resolve_plain(""), Scalar::Null);
        assert_eq!(resolve_plain("nULL"), Scalar::Str("nULL".into()));
    }

    #[test]
    fn numbers_follow_pyyaml() {
        assert_eq!(resolve_plain("1.2"), Scalar::Float(1.2));
        assert_eq!(resolve_plain("1e3"), Scalar::Str("1e3".into()));
        assert_eq!(resolve_plain("1.0e+3"), Scalar::Float(1000.0));
        assert_eq!(resolve_plain("017"), Scalar::Int(15));
        assert_eq!(resolve_plain("1_000"), Scalar::Int(1000));
        assert_eq!(resolve_plain("0x1F"), Scalar::Int(31));
        assert_eq!(resolve_plain("1:30"), Scalar::Int(90));
        assert_eq!(resolve_plain("-5"), Scalar::Int(-5));
        assert_eq!(resolve_plain("1.2.3"), Scalar::Str("1.2.3".into()));
        assert_eq!(resolve_plain("4GB"), Scalar::Str("4GB".into()));
        assert!(matches!(resolve_plain(".inf"), Scalar::Float(f) if f.is_infinite()));
    }

    #[test]
    fn dates_and_unconstructable() {
        assert_eq!(
            resolve_plain("2024-01-01"),
            Scalar::Timestamp("2024-01-01".into())
        );
        assert_eq!(resolve_plain("2024-1-1"), Scalar::Str("2024-1-1".into()));
        assert!(matches!(resolve_plain("="), Scalar::Unconstructable { .. }));
        assert!(matches!(
            resolve_tagged("x", "!custom"),
            Scalar::Unconstructable { .. }
        ));
        assert_eq!(
            resolve_tagged("1.0", "tag:yaml.org,2002:str"),
            Scalar::Str("1.0".into())
        );
    }
}
