//! The representer's side: the text and `implicit` flag of a scalar, floats as Python prints
//! them, and the `datetime` a plain timestamp loads as.

use std::borrow::Cow;

use super::*;

/// The text the representer gives a scalar, and `implicit[0]` (whether, written plain, it would
/// resolve back to its own type).
pub(super) fn scalar_text(value: &Value) -> (Cow<'_, str>, bool) {
    match value {
        Value::Null => (Cow::Borrowed("null"), true),
        Value::Bool(b) => (Cow::Borrowed(if *b { "true" } else { "false" }), true),
        Value::Int(i) => (Cow::Owned(i.to_string()), true),
        Value::Float(f) => (Cow::Owned(float_text(*f)), true),
        Value::Timestamp { text, .. } => (Cow::Borrowed(text), true),
        Value::Str(s) => (Cow::Borrowed(s), plain_resolves_to_str(s)),
        // Collections are never scalars; callers match them first.
        Value::Seq { .. } | Value::Map { .. } => (Cow::Borrowed(""), false),
    }
}

/// The `!!` shorthand of a scalar's tag (`tag:yaml.org,2002:str` → `!!str`).
pub(super) fn tag_shorthand(value: &Value) -> &'static str {
    match value {
        Value::Null => "!!null",
        Value::Bool(_) => "!!bool",
        Value::Int(_) => "!!int",
        Value::Float(_) => "!!float",
        Value::Str(_) => "!!str",
        Value::Timestamp { .. } => "!!timestamp",
        Value::Seq { .. } => "!!seq",
        Value::Map { .. } => "!!map",
    }
}

/// `SafeRepresenter.represent_float`: `repr()`, lower-cased, with `.0` added before an exponent
/// when there is no dot (`1e+17` → `1.0e+17`).
pub fn float_text(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.into();
    }
    let value = crate::syntax::python::repr_float(f).to_ascii_lowercase();
    if !value.contains('.') && value.contains('e') {
        value.replacen('e', ".0e", 1)
    } else {
        value
    }
}

// Captures are needed here: a regex, compiled on first use.
static TIMESTAMP_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
    r"^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$"
    ).expect("static regex compiles")
});

/// Whether `text`, written as a plain scalar, would load back as a string: the serializer's
/// `implicit` flag, from PyYAML's resolvers ([`python_implicit_tag`]).
pub fn plain_resolves_to_str(text: &str) -> bool {
    python_implicit_tag(text) == ImplicitTag::Str
}

/// What `SafeConstructor.construct_yaml_timestamp` builds from a plain timestamp, written back by
/// the representer (`date.isoformat()` / `datetime.isoformat(' ')`). `None` when Python raises
/// (an impossible date, an hour of 24, an offset of a day or more).
pub fn python_timestamp(text: &str) -> Option<String> {
    let caps = TIMESTAMP_PARTS
        .captures(text)
        .or_else(|| TIMESTAMP_PARTS.captures(text.strip_suffix('\n')?))?;
    let number = |i: usize| -> Option<u32> { caps.get(i).and_then(|m| m.as_str().parse().ok()) };
    let year = number(1)?;
    let month = number(2)?;
    let day = number(3)?;
    if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    if caps.get(4).is_none_or(|m| m.as_str().is_empty()) {
        return Some(date);
    }
    let (hour, minute, second) = (number(4)?, number(5)?, number(6)?);
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut out = format!("{date} {hour:02}:{minute:02}:{second:02}");
    if let Some(fraction) = caps.get(7).map(|m| m.as_str()).filter(|f| !f.is_empty()) {
        let mut digits: String = fraction.chars().take(6).collect();
        while digits.len() < 6 {
            digits.push('0');
        }
        if digits != "000000" {
            out.push('.');
            out.push_str(&digits);
        }
    }
    if let Some(sign) = caps.get(9) {
        let minutes = number(10)? * 60 + number(11).unwrap_or(0);
        if minutes >= 24 * 60 {
            return None;
        }
        let sign = if sign.as_str() == "-" && minutes != 0 {
            '-'
        } else {
            '+'
        };
        out.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
    } else if caps.get(8).is_some() {
        out.push_str("+00:00");
    }
    Some(out)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
