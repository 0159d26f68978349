//! What upstream's own credential scan reports: `floe validate` and `floe compile` run Yelp
//! detect-secrets 1.5 (default plugins and filters) over the whole text of floe.yaml and refuse
//! the file at the first hit (spec §1.8). floe-lint repeats its decisions where they matter to a
//! user: the high-entropy plugins with the filters that silence them, the keyword plugin's list
//! of names, and the `pragma: allowlist secret` comment. Calibrated against detect-secrets 1.5.0
//! itself (`tests/fixtures/secret-scan/`).

use std::sync::LazyLock;

use regex::Regex;

static ID_BEFORE_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^(id|myid|userid)|_id)s?[^a-z0-9]").expect("static regex compiles")
});
/// `(?i)[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}` anywhere in `text`, checked
/// byte by byte (every byte of a match is ASCII; `(?i)` adds `A-F`): it runs on every
/// high-entropy candidate, and compiling the regex cost more than all of them.
fn contains_uuid(text: &str) -> bool {
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    text.as_bytes().windows(36).any(|window| {
        let mut at = 0;
        GROUPS.iter().enumerate().all(|(i, &len)| {
            let hex = window[at..at + len].iter().all(u8::is_ascii_hexdigit);
            at += len;
            let dash = i == GROUPS.len() - 1 || window[at] == b'-';
            at += 1;
            hex && dash
        })
    })
}
static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(api_?key|auth_?key|service_?key|account_?key|db_?key|database_?key|priv_?key|private_?key|client_?key|db_?pass|database_?pass|key_?pass|password|passwd|pwd|secret|contraseña|contrasena)\w*$",
    )
    .expect("static regex compiles")
});
static DIGEST_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|@)(md5|sha1|sha224|sha256|sha384|sha512)[:-]")
        .expect("static regex compiles")
});
static DNS_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z0-9]+(?:[.-][a-z0-9]+)+$").expect("static regex compiles"));

/// detect-secrets' Base64HighEntropyString (limit 4.5) and HexHighEntropyString (limit 3.0) on
/// a whole value, with the value filters that silence them: no ASCII letter, a UUID inside, a
/// sequential run (`ABCDEF…`, `0123…`), a template (`{…}`, `<…>`, `${…}`), a leading `$`.
pub fn high_entropy(value: &str) -> Option<&'static str> {
    // The alphabets first: most values (URLs, paths, words with spaces) are in neither, and
    // are passed over before anything else is computed.
    if value.len() < 8 {
        return None;
    }
    let hex = value.bytes().all(|b| b.is_ascii_hexdigit());
    let base64 = hex
        || value.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_' | b'\\')
        });
    if !base64 || silenced(value) {
        return None;
    }
    // A hex string has at most 16 distinct characters, so never 4.5 bits of entropy.
    if hex {
        return (entropy(value) > 3.0).then_some("Hex High Entropy String");
    }
    (entropy(value) > 4.5).then_some("Base64 High Entropy String")
}

fn silenced(value: &str) -> bool {
    let sequences = [
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/",
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ+/",
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "01234567890123456789",
        "0123456789ABCDEF0123456789ABCDEF",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ=/",
    ];
    !value.chars().any(|c| c.is_ascii_alphabetic())
        || contains_uuid(value)
        || sequences.iter().any(|s| contains_ignoring_case(s, value))
        || (value.starts_with('{') && value.ends_with('}'))
        || (value.starts_with('<') && value.ends_with('>'))
        || value.starts_with('$')
}

/// detect-secrets' `is_likely_id_string`: a high-entropy value after `…_id:` / `id:` on its line
/// is taken for an identifier. `before` is the line's text up to the value.
pub fn id_like(before: &str) -> bool {
    ID_BEFORE_VALUE.is_match(before)
}

/// Whether detect-secrets' KeywordDetector reports a literal value under this YAML key: a name
/// from its list, followed by word characters only up to the colon (`s3.secret-access-key` and
/// `token` are not reported; `aws_secret_access_key` is).
pub fn keyword(key: &str) -> bool {
    KEYWORD.is_match(key)
}

/// A `# pragma: allowlist secret` on the value's line, or `pragma: allowlist nextline secret` on
/// the line before: detect-secrets skips the line.
pub fn allowlisted(line: &str, previous_line: &str) -> bool {
    line.contains("pragma: allowlist secret")
        || previous_line.contains("pragma: allowlist nextline secret")
}

/// Shannon entropy in bits per character.
pub fn entropy(text: &str) -> f64 {
    let len = text.chars().count() as f64;
    if len == 0.0 {
        return 0.0;
    }
    // Summed in character order, so the result never depends on a hash map's order.
    let mut ascii = [0usize; 128];
    let mut other = std::collections::BTreeMap::new();
    for c in text.chars() {
        match ascii.get_mut(c as usize) {
            Some(count) => *count += 1,
            None => *other.entry(c).or_insert(0usize) += 1,
        }
    }
    ascii
        .iter()
        .chain(other.values())
        .filter(|n| **n > 0)
        .map(|n| {
            let p = *n as f64 / len;
            -p * p.log2()
        })
        .sum()
}

/// Whether `haystack` (ASCII, upper case) holds `needle` upper-cased, as Python's
/// `needle.upper() in haystack` for these sequences, without making the upper-cased copy.
fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    needle.len() <= haystack.len()
        && haystack
            .as_bytes()
            .windows(needle.len().max(1))
            .any(|window| {
                window
                    .iter()
                    .zip(needle)
                    .all(|(h, n)| *h == n.to_ascii_uppercase())
            })
}

/// What a high-entropy value evidently is when it is not a credential: a content hash under a key
/// that says so (`git.commit`, `checksum`, `image_digest`…), a digest with its algorithm
/// (`sha256:…`), a UUID, or a DNS-style name with a random suffix (a bucket, a host). Hex strings
/// need the key's word: a bare 40- or 32-hex value may as well be an API token.
pub fn benign_shape(key_path: &str, value: &str) -> Option<&'static str> {
    if contains_uuid(value) {
        return Some("UUID");
    }
    if DIGEST_PREFIX.is_match(value) {
        return Some("content digest");
    }
    let words = [
        "commit",
        "sha",
        "hash",
        "digest",
        "checksum",
        "rev",
        "etag",
        "fingerprint",
        "build",
        "version",
        "release",
        "git",
        "image",
        "tag",
        "md5",
        "crc",
    ];
    let hash_key = key_path
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|segment| words.iter().any(|w| segment.starts_with(w)));
    if hash_key && value.chars().all(|c| c.is_ascii_hexdigit()) {
        return Some(match value.len() {
            40 => "git commit SHA (40 hex digits)",
            64 => "SHA-256 checksum (64 hex digits)",
            32 => "MD5 checksum (32 hex digits)",
            _ => "hexadecimal hash",
        });
    }
    let has_word = value
        .split(['-', '.'])
        .any(|part| part.len() >= 3 && part.chars().all(|c| c.is_ascii_lowercase()));
    if DNS_NAME.is_match(value) && has_word {
        return Some("bucket or host name with a random suffix");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sequences_are_silenced_in_either_case() {
        assert!(silenced("abcdefghijklmnop"));
        assert!(silenced("0123456789abcdef"));
        assert!(!silenced("abcdefghijklmnoq"));
        assert!(contains_ignoring_case("ABCDEF", "cDe"));
        assert!(!contains_ignoring_case("ABC", "abcd"));
    }

    #[test]
    fn entropy_counts_characters_past_ascii() {
        assert_eq!(entropy(""), 0.0);
        assert_eq!(entropy("aaaa"), 0.0);
        assert!((entropy("abab") - 1.0).abs() < 1e-12);
        assert!((entropy("éaéa") - 1.0).abs() < 1e-12);
        assert!((entropy("éèab") - 2.0).abs() < 1e-12);
    }

    #[test]
    fn entropy_plugins_and_their_filters() {
        let sha = "9fceb02d0ae598e95dc970b74767f19372d61af8";
        assert_eq!(high_entropy(sha), Some("Hex High Entropy String"));
        assert_eq!(
            high_entropy("Q2FuIHlvdSBzZWUgdGhpcyBoaWdoLWVudHJvcHkgc3RyaW5nPw"),
            Some("Base64 High Entropy String")
        );
        for quiet in [
            "12345678901234567890",
            "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f",
            "ABCDEFGHIJKLMNOP",
            "${SECRET_VALUE}",
            "default",
            "customer-analytics",
        ] {
            assert_eq!(high_entropy(quiet), None, "{quiet}");
        }
        assert!(id_like("    commit_id: \"") && !id_like("    git.commit: \""));
    }

    #[test]
    fn keyword_names_as_detect_secrets_reads_them() {
        for reported in [
            "password",
            "aws_secret_access_key",
            "api_key",
            "db_pass",
            "my.password",
        ] {
            assert!(keyword(reported), "{reported}");
        }
        for quiet in [
            "token",
            "access_key_id",
            "s3.secret-access-key",
            "session_token",
        ] {
            assert!(!keyword(quiet), "{quiet}");
        }
    }

    #[test]
    fn shapes_of_values_that_are_not_credentials() {
        let sha = "9fceb02d0ae598e95dc970b74767f19372d61af8";
        assert!(benign_shape("observability.attributes.git.commit", sha).is_some());
        assert!(benign_shape("observability.attributes.deploy_token", sha).is_none());
        assert!(benign_shape("x", "sha256:e3b0c44298fc1c149afbf4c8996fb924").is_some());
        assert!(benign_shape("bucket", "acme-analytics-prod-x7k2m9p4q8w1z5v3b6n0").is_some());
        assert!(benign_shape("x", "Q2FuIHlvdSBzZWUgdGhpcyBoaWdoLWVudHJvcHkgc3RyaW5nPw").is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5_000, failure_persistence: None, ..Default::default() })]

        /// The byte scan finds a UUID exactly where the regex it replaced did.
        #[test]
        fn uuid_scan_answers_as_the_regex(text in "([0-9a-fA-FgG]{0,13}[-é\\n ]?){0,8}") {
            static UUID: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"(?i)[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")
                    .expect("compiles")
            });
            proptest::prop_assert_eq!(contains_uuid(&text), UUID.is_match(&text), "{:?}", text);
        }
    }

    #[test]
    fn uuid_scan_finds_them_anywhere() {
        assert!(contains_uuid("x3F2A9C1E-7B4D-4E8A-9C2F-1A2B3C4D5E6Fx"));
        assert!(!contains_uuid("3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6"));
        assert!(!contains_uuid("3f2a9c1e-7b4d-4e8a-9c2f_1a2b3c4d5e6f"));
    }
}
