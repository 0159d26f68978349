//! Credential detectors, after Yelp detect-secrets (the scanner upstream runs over floe.yaml,
//! spec §1.8): the same plugin names, patterns and entropy limits where they apply to YAML.

use std::sync::LazyLock;

use regex::Regex;

use crate::dialect::runtime::vocabulary::SECRET_REF;
use crate::syntax::pattern::LazyRegex;

/// What a detector found, with the byte range of the secret inside the scanned string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// detect-secrets' secret type name (e.g. `AWS Access Key`).
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
}

macro_rules! re {
    ($name:ident, $pattern:literal) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new($pattern).expect("static regex compiles"));
    };
}

re!(
    SECRET_KEY_NAME,
    r"(?i)(?:^|[_.-])(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|apikey|auth[_-]?key|service[_-]?key|account[_-]?key|access[_-]?key(?:[_-]?id)?|private[_-]?key|priv[_-]?key|client[_-]?key|client[_-]?secret|secret[_-]?access[_-]?key|db[_-]?pass|key[_-]?pass)$"
);

mod shapes;
pub use shapes::patterns;

// `name = 'literal'`, `name := 'literal'`, `name: "literal"`, `name TO 'literal'` and DuckDB's
// `CREATE SECRET (KEY_ID 'literal', …)` form, in SQL, Jinja or any text. Which names count is
// decided after the match ([`is_secret_setting`]), so one regex serves every setting.
re!(
    ASSIGNMENT,
    r#"(?i)\b([a-z_][a-z0-9_]*(?:[.-][a-z0-9_]+)*)['"\]]?\s*(?:=|:=|:|\s+to\s+|\s)\s*(?:'((?:[^'\n\\]|''|\\.)*)'|"((?:[^"\n\\]|\\.)*)")"#
);
// dbt's `env_var('NAME', 'default')`: a literal default is a committed value of NAME.
re!(
    ENV_VAR_DEFAULT,
    r#"\benv_var\(\s*['"]([A-Za-z0-9_.-]+)['"]\s*,\s*(?:'([^'\n]*)'|"([^"\n]*)")"#
);

/// A secret written as a literal value of a secret-named setting inside a piece of text (SQL,
/// a Jinja expression, a hook): the setting's name and the literal's range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned<'t> {
    pub name: &'t str,
    pub hit: Hit,
}

/// Literal values given to secret-named settings in `text` (`SET s3_secret_access_key='…'`,
/// `CREATE SECRET (… SECRET '…')`, `{% set password = "…" %}`, `env_var('DB_PASSWORD', '…')`).
pub fn assignments(text: &str) -> Vec<Assigned<'_>> {
    // Every form needs a quote; most text has none or names no secret.
    if !text.contains(['\'', '"']) || !has_secret_word(text) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for regex in [&ASSIGNMENT, &ENV_VAR_DEFAULT] {
        for captures in regex.captures_iter(text) {
            let single = captures.get(2);
            let (Some(name), Some(value)) = (captures.get(1), single.or(captures.get(3))) else {
                continue;
            };
            // A literal holding the other quote is a piece of a concatenation
            // (`'" ~ var("x") ~ "'`), not a value.
            let other = if single.is_some() { '"' } else { '\'' };
            let other_quote = value.as_str().contains(other);
            if is_secret_setting(name.as_str()) && !other_quote && !is_placeholder(value.as_str()) {
                found.push(Assigned {
                    name: name.as_str(),
                    hit: Hit {
                        kind: "Secret Keyword",
                        start: value.start(),
                        end: value.end(),
                    },
                });
            }
        }
    }
    found
}

/// A setting whose value is a secret: a secret-named key, or one of DuckDB's `CREATE SECRET`
/// parameters that hold one (`KEY_ID`, `SECRET`, `SESSION_TOKEN`, `CONNECTION_STRING`).
pub fn is_secret_setting(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    is_secret_key(&lower)
        || lower == "key_id"
        || lower.ends_with("connection_string")
        || lower.ends_with("password")
}

fn has_secret_word(text: &str) -> bool {
    ["pass", "pwd", "secret", "token", "key", "connection_string"]
        .iter()
        .any(|word| contains_ignore_case(text, word))
}

fn contains_ignore_case(text: &str, word: &str) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether a mapping key names a secret (`password`, `client_secret`, `aws_secret_access_key`…).
/// Keys that hold a reference by design (`secret_ref`, `api_secret_ref`, `key_ref`) are not.
pub fn is_secret_key(key: &str) -> bool {
    // Every name the pattern accepts contains one of these; most keys contain none (checked
    // without allocating: this runs for every key of every file).
    if !["pass", "pwd", "secret", "token", "key"]
        .into_iter()
        .any(|word| contains_ignore_case(key, word))
    {
        return false;
    }
    let lower = key.to_ascii_lowercase();
    if lower.ends_with("_ref") || lower.ends_with("-ref") || lower == SECRET_REF {
        return false;
    }
    if lower.is_ascii() {
        // The regex anchored at each place a name part can start: the same answer, without
        // compiling it (on lower-case ASCII, `(?i)` changes nothing).
        let mut starts = std::iter::once(0).chain(
            lower
                .bytes()
                .enumerate()
                .filter(|(_, b)| matches!(b, b'_' | b'.' | b'-'))
                .map(|(i, _)| i + 1),
        );
        return starts.any(|start| SECRET_KEY_TAIL.is_match(&lower[start..]) == Some(true));
    }
    SECRET_KEY_NAME.is_match(&lower)
}

/// The patterns judged by [`LazyRegex`], for the test holding it to the regex crate.
#[cfg(test)]
pub(crate) fn lazy_regexes() -> [&'static LazyRegex; 1] {
    [&SECRET_KEY_TAIL]
}

/// [`SECRET_KEY_NAME`] after its `(?:^|[_.-])`, anchored.
static SECRET_KEY_TAIL: LazyRegex = LazyRegex::new(
    r"^(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|apikey|auth[_-]?key|service[_-]?key|account[_-]?key|access[_-]?key(?:[_-]?id)?|private[_-]?key|priv[_-]?key|client[_-]?key|client[_-]?secret|secret[_-]?access[_-]?key|db[_-]?pass|key[_-]?pass)$",
);

/// Values that are clearly not a literal secret: templates, references, empty or symbolic.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.is_empty()
        || v.contains("{{")
        || v.contains("${")
        || v.starts_with('$')
        || (v.starts_with('<') && v.ends_with('>'))
        || !v.chars().any(char::is_alphanumeric)
        || matches!(
            v.to_ascii_lowercase().as_str(),
            "none" | "null" | "true" | "false" | "changeme?" | "redacted" | "***"
        )
        || is_sequential(v)
}

fn is_sequential(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    ["abcdefghijklmnopqrstuvwxyz", "0123456789", "1234567890"]
        .iter()
        .any(|seq| lower.len() >= 3 && seq.contains(&lower))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// [`is_secret_key`] as it was, with [`SECRET_KEY_NAME`] on every candidate.
    fn by_regex(key: &str) -> bool {
        let lower = key.to_ascii_lowercase();
        ["pass", "pwd", "secret", "token", "key"]
            .into_iter()
            .any(|word| contains_ignore_case(key, word))
            && !(lower.ends_with("_ref") || lower.ends_with("-ref") || lower == "secret_ref")
            && SECRET_KEY_NAME.is_match(&lower)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Matching the tail at each name-part start gives the regex's answer.
        #[test]
        fn secret_key_names_as_the_regex(key in "((?i)pass|word|wd|pwd|secret|token|api|key|auth|service|account|access|id|private|priv|client|db|ref|[_.-]|[a-z]{1,2}|[é\u{212a}ſ ]){0,8}") {
            prop_assert_eq!(is_secret_key(&key), by_regex(&key), "{:?}", key);
        }
    }

    #[test]
    fn upstream_credential_detector_cases() {
        assert_eq!(patterns("AKIAIOSFODNN7EXAMPLE")[0].kind, "AWS Access Key");
        assert!(is_secret_key("password") && !is_placeholder("mysecret123"));
        assert!(
            is_secret_key("api_key")
                && is_secret_key("client_secret")
                && is_secret_key("aws_secret_access_key")
        );
        for ok in [
            "default",
            "customer-analytics",
            "prod_catalog",
            "high-memory",
        ] {
            assert!(
                patterns(ok).is_empty() && assignments(ok).is_empty(),
                "{ok}"
            );
        }
        assert!(
            !is_secret_key("secret_ref")
                && !is_secret_key("api_secret_ref")
                && !is_secret_key("token_refresh_enabled")
        );
    }

    #[test]
    fn templates_and_references_are_not_secrets() {
        for v in [
            "{{ env_var('POLARIS_CLIENT_SECRET') }}",
            "${SECRET}",
            "$SECRET",
            "<your-password>",
            "",
            "***",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        assert!(patterns("https://user:{{ env_var('P') }}@host").is_empty());
        assert_eq!(
            patterns("https://user:hunter22@host")[0].kind,
            "Basic Auth Credentials"
        );
    }

    fn assigned(text: &str) -> Vec<(&str, &str)> {
        assignments(text)
            .into_iter()
            .map(|a| (a.name, &text[a.hit.start..a.hit.end]))
            .collect()
    }

    #[test]
    fn literal_values_of_secret_settings_in_text() {
        assert_eq!(
            assigned(r#"{% do run_query("SET s3_secret_access_key='wJalrXUtnFEMI'") %}"#),
            [("s3_secret_access_key", "wJalrXUtnFEMI")]
        );
        assert_eq!(
            assigned("CREATE SECRET (TYPE S3, KEY_ID 'AKIAEXAMPLE', SECRET 'abc''def')"),
            [("KEY_ID", "AKIAEXAMPLE"), ("SECRET", "abc''def")]
        );
        assert_eq!(
            assigned("SET GLOBAL s3_session_token TO 'tok-123456'"),
            [("s3_session_token", "tok-123456")]
        );
        assert_eq!(
            assigned(r#"{% set db_password = "hunter22" %}"#),
            [("db_password", "hunter22")]
        );
        assert_eq!(
            assigned("{{ env_var('DBT_PASSWORD', 'hunter22') }}"),
            [("DBT_PASSWORD", "hunter22")]
        );
        for clean in [
            "SET s3_secret_access_key = '{{ env_var(\"AWS_SECRET_ACCESS_KEY\") }}'",
            "{{ env_var('AWS_SECRET_ACCESS_KEY') }}",
            "select 'CREATE SECRET is forbidden' as note",
            "CREATE SECRET (TYPE S3, KEY_ID '', REGION 'eu-west-1')",
            "where password = '\" ~ var(\"p\") ~ \"'",
            "SET s3_region='us-east-1'",
        ] {
            assert!(assigned(clean).is_empty(), "{clean}: {:?}", assigned(clean));
        }
    }
}
