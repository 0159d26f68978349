//! Python's text forms, written once: upstream's messages embed `repr()` of strings, lists, sets
//! and floats (`str(KeyError(…))`, pydantic's `Input should be …`, f-strings of floats), and
//! floe-lint repeats them exactly. The schema stage, the profiles generator and Generation B's
//! validators all print through these, so one name prints one way everywhere.

/// Python's `repr()` of a `str`: single quotes unless the text holds `'` and no `"`; `\\`, `\n`,
/// `\r`, `\t` and the quote escaped; every character `str.isprintable()` rejects written as
/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
pub fn repr_str(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let code = u32::from(c);
                if code <= 0xFF {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code <= 0xFFFF {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for one character: false for control characters (Cc), format
/// characters (Cf), surrogates, private use (Co), and separators other than the space (Zs, Zl,
/// Zp). Unassigned code points (Cn), which Python also escapes, depend on the Unicode version and
/// are not known here: they print as themselves.
fn is_printable(c: char) -> bool {
    let code = u32::from(c);
    let control = code < 0x20 || (0x7F..=0x9F).contains(&code);
    let separator = matches!(
        code,
        0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000
    );
    let format = matches!(
        code,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    );
    let private_use = matches!(code, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    !(control || separator || format || private_use)
}

/// Python's `repr()` of a list of strings: `['a', "it's"]`.
pub fn repr_list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| repr_str(s.as_ref())).collect();
    format!("[{}]", quoted.join(", "))
}

/// Python's `repr()` of a set of strings, in the order given (Python's own order varies between
/// runs; callers sort).
pub fn repr_set<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| repr_str(s.as_ref())).collect();
    format!("{{{}}}", quoted.join(", "))
}

/// Python's `repr(float)`: the shortest round-tripping digits, positional when the decimal
/// exponent is in -4..16, else `d.ddde±XX`; `nan`, `inf`, `-inf`.
pub fn repr_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // Rust's `{:e}` gives a shortest round-tripping digit string ("-1.2345e-5", "1e16"), but
    // when several strings of that length round-trip it may not pick the one closest to the
    // value, as Python's `dtoa` mode 0 does. Formatting with exactly that many digits is
    // correctly rounded, so it is the closest, and it round-trips too.
    let shortest = format!("{f:e}");
    let length = shortest
        .split_once('e')
        .map_or(shortest.as_str(), |(m, _)| m)
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let formatted = format!("{f:.*e}", length.saturating_sub(1));
    let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let mut digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    if !(-4..16).contains(&exponent) {
        let (first, rest) = digits.split_at(1);
        let mantissa = if rest.is_empty() {
            first.to_owned()
        } else {
            format!("{first}.{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        return format!("{sign}{mantissa}e{exp_sign}{:02}", exponent.unsigned_abs());
    }
    if exponent >= 0 {
        let point = usize::try_from(exponent).unwrap_or(0) + 1;
        if digits.len() > point {
            format!("{sign}{}.{}", &digits[..point], &digits[point..])
        } else {
            format!("{sign}{digits}{}.0", "0".repeat(point - digits.len()))
        }
    } else {
        let zeros = usize::try_from(-exponent - 1).unwrap_or(0);
        format!("{sign}0.{}{digits}", "0".repeat(zeros))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each expected text is what CPython 3.11 prints for `repr(…)` of the same value.
    #[test]
    fn strings_as_python_prints_them() {
        assert_eq!(repr_str("ab"), "'ab'");
        assert_eq!(repr_str("a'b"), "\"a'b\"");
        assert_eq!(repr_str("a'b\""), "'a\\'b\"'");
        assert_eq!(repr_str("x\\y\n\t"), "'x\\\\y\\n\\t'");
        assert_eq!(repr_str("\u{7f}\u{80}\u{9f}"), "'\\x7f\\x80\\x9f'");
        // NO-BREAK SPACE (Zs) and SOFT HYPHEN (Cf) are not printable; é and 日 are.
        assert_eq!(repr_str("a\u{a0}b\u{ad}c"), "'a\\xa0b\\xadc'");
        assert_eq!(repr_str("é日"), "'é日'");
        assert_eq!(
            repr_str("\u{200b}\u{2028}\u{feff}"),
            "'\\u200b\\u2028\\ufeff'"
        );
        assert_eq!(repr_str("\u{e0001}\u{f0000}"), "'\\U000e0001\\U000f0000'");
        assert_eq!(repr_str("😀"), "'😀'");
    }

    #[test]
    fn collections_and_floats() {
        assert_eq!(repr_list(&["a", "it's"]), r#"['a', "it's"]"#);
        assert_eq!(repr_set(&["dev"]), "{'dev'}");
        assert_eq!(repr_float(1.0), "1.0");
        assert_eq!(
            repr_float(0.5 + 0.25 + 0.20 + 0.15 + 0.15),
            "1.2499999999999998"
        );
        assert_eq!(repr_float(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(repr_float(0.00001), "1e-05");
        assert_eq!(repr_float(-2.5e20), "-2.5e+20");
        assert_eq!(repr_float(1e16), "1e+16");
        assert_eq!(repr_float(f64::NAN), "nan");
        assert_eq!(repr_float(-0.0), "-0.0");
    }
}
