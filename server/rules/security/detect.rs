//! Credential detectors, after Yelp detect-secrets (the scanner upstream runs over floe.yaml,
//! spec §1.8): the same plugin names, patterns and entropy limits where they apply to YAML.

use std::sync::LazyLock;

use regex::Regex;

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
    AWS_KEY_ID,
    r"\b(?:A3T[A-Z0-9]|ABIA|ACCA|AKIA|ASIA)[0-9A-Z]{16}\b"
);
re!(
    PRIVATE_KEY,
    r"BEGIN (?:DSA |EC |OPENSSH |PGP |RSA |SSH2 ENCRYPTED |ENCRYPTED )?PRIVATE KEY"
);
re!(
    JWT,
    r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_.+/=-]*"
);
re!(BASIC_AUTH, r"://[^{}\s:/@]+:([^{}\s/@]+)@");
re!(GITHUB, r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36,}\b");
re!(GITLAB, r"\bglpat-[0-9A-Za-z_-]{20,}\b");
re!(SLACK, r"\bxox[abposr]-[0-9A-Za-z-]{10,}");
re!(STRIPE, r"\b(?:sk|rk)_live_[0-9a-zA-Z]{24,}\b");
re!(
    OPENAI,
    r"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\b"
);
re!(NPM, r"\bnpm_[A-Za-z0-9]{36}\b");
re!(PYPI, r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}");
re!(SENDGRID, r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b");
re!(TWILIO, r"\b(?:AC|SK)[a-z0-9]{32}\b");
re!(AZURE_STORAGE, r"AccountKey=[A-Za-z0-9+/=]{88}");
re!(BEARER, r"(?i)\bbearer\s+[A-Za-z0-9._~+/-]{20,}=*");
re!(PUBLIC_IPV4, r"\b(?:\d{1,3}\.){3}\d{1,3}\b");
re!(
    SECRET_KEY_NAME,
    r"(?i)(?:^|[_.-])(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|apikey|auth[_-]?key|service[_-]?key|account[_-]?key|access[_-]?key(?:[_-]?id)?|private[_-]?key|priv[_-]?key|client[_-]?key|client[_-]?secret|secret[_-]?access[_-]?key|db[_-]?pass|key[_-]?pass)$"
);

// The literal anchors of the fourteen shape patterns, as one regex (a single SIMD literal scan):
// most scalars contain none of them, and then none of the patterns needs to run.
re!(
    ANCHORS,
    r"A3T|ABIA|ACCA|AKIA|ASIA|PRIVATE KEY|eyJ|gh[pousr]_|glpat-|xox|_live_|T3BlbkFJ|npm_|pypi-|SG\.|AC|SK|AccountKey=|earer|EARER"
);

/// Pattern detectors: secrets recognisable by their shape, wherever they appear.
pub fn patterns(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    if text.len() >= 16 && ANCHORS.is_match(text) {
        shaped(text, &mut hits);
    }
    if text.contains("://") {
        basic_auth(text, &mut hits);
    }
    hits
}

fn shaped(text: &str, hits: &mut Vec<Hit>) {
    let detectors: [(&'static str, &LazyLock<Regex>); 14] = [
        ("AWS Access Key", &AWS_KEY_ID),
        ("Private Key", &PRIVATE_KEY),
        ("JSON Web Token", &JWT),
        ("GitHub Token", &GITHUB),
        ("GitLab Token", &GITLAB),
        ("Slack Token", &SLACK),
        ("Stripe Access Key", &STRIPE),
        ("OpenAI Token", &OPENAI),
        ("NPM tokens", &NPM),
        ("PyPI Token", &PYPI),
        ("SendGrid API Key", &SENDGRID),
        ("Twilio API Key", &TWILIO),
        ("Azure Storage Account access key", &AZURE_STORAGE),
        ("Bearer Token", &BEARER),
    ];
    for (kind, regex) in detectors {
        for m in regex.find_iter(text) {
            hits.push(Hit {
                kind,
                start: m.start(),
                end: m.end(),
            });
        }
    }
}

fn basic_auth(text: &str, hits: &mut Vec<Hit>) {
    for captures in BASIC_AUTH.captures_iter(text) {
        if let Some(password) = captures.get(1)
            && !is_placeholder(password.as_str())
        {
            hits.push(Hit {
                kind: "Basic Auth Credentials",
                start: password.start(),
                end: password.end(),
            });
        }
    }
}

/// Public IPv4 addresses (detect-secrets' IPPublicDetector; upstream runs it on floe.yaml).
pub fn public_ips(text: &str) -> Vec<Hit> {
    // Cheap pre-check: an address has three dots (most scalars have none).
    if text.bytes().filter(|b| *b == b'.').take(3).count() < 3 {
        return Vec::new();
    }
    PUBLIC_IPV4
        .find_iter(text)
        .filter(|m| {
            let octets: Vec<u32> = m
                .as_str()
                .split('.')
                .filter_map(|o| o.parse().ok())
                .collect();
            octets.len() == 4 && octets.iter().all(|o| *o <= 255) && !is_private(&octets)
        })
        .map(|m| Hit {
            kind: "Public IP (ipv4)",
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

fn is_private(o: &[u32]) -> bool {
    matches!(
        o,
        [10, ..] | [127, ..] | [0, ..] | [169, 254, ..] | [192, 168, ..] | [255, 255, 255, 255]
    ) || (o[0] == 172 && (16..=31).contains(&o[1]))
        || (o[0] == 100 && (64..=127).contains(&o[1]))
        || o[0] >= 224
}

/// Whether a mapping key names a secret (`password`, `client_secret`, `aws_secret_access_key`…).
/// Keys that hold a reference by design (`secret_ref`, `api_secret_ref`, `key_ref`) are not.
pub fn is_secret_key(key: &str) -> bool {
    // Every name the pattern accepts contains one of these; most keys contain none (checked
    // without allocating: this runs for every key of every file).
    let has = |word: &str| {
        key.as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
    };
    if !["pass", "pwd", "secret", "token", "key"]
        .into_iter()
        .any(has)
    {
        return false;
    }
    let lower = key.to_ascii_lowercase();
    if lower.ends_with("_ref") || lower.ends_with("-ref") || lower == "secret_ref" {
        return false;
    }
    SECRET_KEY_NAME.is_match(&lower)
}

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

/// Shannon entropy in bits per character.
pub fn entropy(text: &str) -> f64 {
    let len = text.chars().count() as f64;
    if len == 0.0 {
        return 0.0;
    }
    let mut counts = std::collections::HashMap::new();
    for c in text.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    counts
        .values()
        .map(|n| {
            let p = *n as f64 / len;
            -p * p.log2()
        })
        .sum()
}

/// detect-secrets' Base64HighEntropyString (limit 4.5) and HexHighEntropyString (limit 3.0,
/// adjusted down for all-digit strings) on a whole string value.
pub fn high_entropy(value: &str) -> Option<&'static str> {
    if value.len() < 8 {
        return None;
    }
    let is_hex = value.chars().all(|c| c.is_ascii_hexdigit());
    if is_hex {
        let mut e = entropy(value);
        if value.chars().all(|c| c.is_ascii_digit()) {
            // detect-secrets: numbers are rarely secrets; reduce by 1.2 / log2(len).
            e -= 1.2 / (value.len() as f64).log2();
        }
        if e > 3.0 {
            return Some("Hex High Entropy String");
        }
    }
    let is_base64 = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_'));
    if is_base64 && entropy(value) > 4.5 {
        return Some("Base64 High Entropy String");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_credential_detector_cases() {
        assert_eq!(patterns("AKIAIOSFODNN7EXAMPLE")[0].kind, "AWS Access Key");
        assert!(is_secret_key("password") && !is_placeholder("mysecret123"));
        assert!(
            is_secret_key("api_key")
                && is_secret_key("client_secret")
                && is_secret_key("aws_secret_access_key")
        );
        assert!(high_entropy("Q2FuIHlvdSBzZWUgdGhpcyBoaWdoLWVudHJvcHkgc3RyaW5nPw").is_some());
        for ok in [
            "default",
            "customer-analytics",
            "prod_catalog",
            "high-memory",
        ] {
            assert!(
                patterns(ok).is_empty() && high_entropy(ok).is_none(),
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

    #[test]
    fn public_ips_only() {
        assert_eq!(public_ips("8.8.8.8").len(), 1);
        assert!(public_ips("10.0.0.1 192.168.1.1 127.0.0.1 172.20.0.1").is_empty());
    }
}
