//! Did-you-mean suggestions and the enum near-miss fix.

use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::syntax::Document;
use crate::syntax::resolve::{Scalar, resolve_plain};

/// Normalises spelling differences that are not typos: case, `_` versus `-`.
fn normalise(text: &str) -> String {
    text.to_ascii_lowercase().replace('_', "-")
}

/// The closest candidate to `input`, if one is close enough to be what was meant.
pub fn did_you_mean<'c>(input: &str, candidates: &'c [String]) -> Option<&'c str> {
    let wanted = normalise(input);
    if let Some(exact) = candidates.iter().find(|c| normalise(c) == wanted) {
        return Some(exact);
    }
    // An abbreviation of exactly one candidate (`WARN` for `WARNING`).
    let prefixed: Vec<&String> = candidates
        .iter()
        .filter(|c| {
            let candidate = normalise(c);
            (wanted.chars().count() >= 3 && candidate.starts_with(&wanted))
                || (candidate.chars().count() >= 3 && wanted.starts_with(&candidate))
        })
        .collect();
    if let [only] = prefixed.as_slice() {
        return Some(only.as_str());
    }
    // A whole word of exactly one candidate (`format` for `log_format`).
    let containing: Vec<&String> = candidates
        .iter()
        .filter(|c| {
            wanted.chars().count() >= 4 && normalise(c).split('-').any(|word| word == wanted)
        })
        .collect();
    if let [only] = containing.as_slice() {
        return Some(only.as_str());
    }
    let (best, distance) = candidates
        .iter()
        .map(|c| (c, strsim::damerau_levenshtein(&wanted, &normalise(c))))
        .min_by_key(|(_, d)| *d)?;
    let budget = (wanted.chars().count() / 4).clamp(1, 3);
    (distance <= budget).then_some(best.as_str())
}

/// Lists of names up to this long are shown whole in "Available: …" messages.
const SHOWN_WHOLE: usize = 8;
/// Past that, this many of the names closest to the one asked for are shown, and the rest counted.
const SHOWN_CLOSEST: usize = 5;

/// How an "Available: …" list is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Listing {
    /// `a, b` (and `none` when empty): floe's own messages.
    Plain,
    /// `['a', 'b']`: a Python list, as upstream's messages print one.
    Python,
}

/// The names a message lists as available instead of `wanted`: all of them when there are few,
/// else the closest few to `wanted` and a count of the others ("a, b, c, d, e and 9995 more"),
/// so that a file with 10,000 profiles does not make a 100 KB message.
pub fn available(wanted: &str, names: &[String], listing: Listing) -> String {
    let (shown, more) = if names.len() <= SHOWN_WHOLE {
        (names.iter().map(String::as_str).collect::<Vec<_>>(), 0)
    } else {
        let target = normalise(wanted);
        let mut ranked: Vec<(usize, usize, &str)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    strsim::damerau_levenshtein(&target, &normalise(n)),
                    i,
                    n.as_str(),
                )
            })
            .collect();
        ranked.sort_unstable();
        let shown = ranked
            .iter()
            .take(SHOWN_CLOSEST)
            .map(|(_, _, n)| *n)
            .collect();
        (shown, names.len() - SHOWN_CLOSEST)
    };
    let mut text = match listing {
        Listing::Plain if shown.is_empty() => "none".to_owned(),
        Listing::Plain => shown.join(", "),
        Listing::Python => format!(
            "[{}]",
            shown
                .iter()
                .map(|n| crate::syntax::python::repr_str(n))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// A safe fix replacing an enum near-miss with the value it evidently meant, keeping the quote
/// style of the original scalar.
pub fn enum_fix(document: &Document, span: Span, options: &[String]) -> Option<Fix> {
    let original = document.text.get(span.start..span.end)?;
    let bare = original.trim_matches(|c| c == '"' || c == '\'');
    let best = did_you_mean(bare, options)?;
    let quote = original.chars().next().filter(|c| *c == '"' || *c == '\'');
    let replacement = match quote {
        Some(q) => format!("{q}{best}{q}"),
        // A plain scalar that YAML would type as something other than a string needs quotes.
        None if !matches!(resolve_plain(best), Scalar::Str) => format!("\"{best}\""),
        None => best.to_owned(),
    };
    Some(Fix {
        title: format!("Replace with `{best}`"),
        applicability: Applicability::Safe,
        edits: vec![Edit { span, replacement }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn available_lists_are_capped_to_the_closest() {
        let few = names(&["a", "b"]);
        assert_eq!(available("x", &few, Listing::Plain), "a, b");
        assert_eq!(available("x", &few, Listing::Python), "['a', 'b']");
        assert_eq!(available("x", &[], Listing::Plain), "none");
        let many: Vec<String> = (0..10_000).map(|i| format!("profile_{i}")).collect();
        let text = available("profile_42", &many, Listing::Plain);
        assert!(text.starts_with("profile_42, "), "{text}");
        assert!(text.ends_with(" and 9995 more"), "{text}");
        assert!(text.len() < 120, "{text}");
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn underscores_and_case_are_not_typos() {
        let options = names(&["vended-credentials", "remote-signing", "none"]);
        assert_eq!(
            did_you_mean("vended_credentials", &options),
            Some("vended-credentials")
        );
        let levels = names(&["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]);
        assert_eq!(did_you_mean("info", &levels), Some("INFO"));
        assert_eq!(did_you_mean("WARN", &levels), Some("WARNING"));
    }

    #[test]
    fn far_strings_get_no_suggestion() {
        let options = names(&["duckdb", "snowflake"]);
        assert_eq!(did_you_mean("trino", &options), None);
        assert_eq!(did_you_mean("duckbd", &options), Some("duckdb"));
        assert_eq!(
            did_you_mean("batched", &names(&["batch", "ops"])),
            Some("batch")
        );
    }
}
