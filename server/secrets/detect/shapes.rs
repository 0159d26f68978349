//! The shape detectors: secrets recognisable by their form wherever they appear (detect-secrets'
//! keyword-free plugins), each behind the literals any of its matches contains.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::{Hit, is_placeholder};

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

/// A shape detector: its regex, and the literals every one of its matches contains (at least
/// one of them): the regex is compiled and run only on a text holding one.
struct Detector {
    kind: &'static str,
    regex: &'static LazyLock<Regex>,
    literals: &'static [&'static str],
    /// The literals are matched in any case, as the regex's `(?i)` matches them.
    any_case: bool,
    /// A cheaper test of the match's literal core, run before the regex.
    shape: Option<fn(&str) -> bool>,
}

const fn detector(
    kind: &'static str,
    regex: &'static LazyLock<Regex>,
    literals: &'static [&'static str],
) -> Detector {
    Detector {
        kind,
        regex,
        literals,
        any_case: false,
        shape: None,
    }
}

static DETECTORS: [Detector; 14] = [
    detector(
        "AWS Access Key",
        &AWS_KEY_ID,
        &["A3T", "ABIA", "ACCA", "AKIA", "ASIA"],
    ),
    detector("Private Key", &PRIVATE_KEY, &["PRIVATE KEY"]),
    detector("JSON Web Token", &JWT, &["eyJ"]),
    detector(
        "GitHub Token",
        &GITHUB,
        &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    ),
    detector("GitLab Token", &GITLAB, &["glpat-"]),
    detector("Slack Token", &SLACK, &["xox"]),
    detector("Stripe Access Key", &STRIPE, &["_live_"]),
    detector("OpenAI Token", &OPENAI, &["T3BlbkFJ"]),
    detector("NPM tokens", &NPM, &["npm_"]),
    detector("PyPI Token", &PYPI, &["pypi-AgEIcHlwaS5vcmc"]),
    detector("SendGrid API Key", &SENDGRID, &["SG."]),
    Detector {
        shape: Some(twilio_shape),
        ..detector("Twilio API Key", &TWILIO, &["AC", "SK"])
    },
    detector(
        "Azure Storage Account access key",
        &AZURE_STORAGE,
        &["AccountKey="],
    ),
    // `(?i)` folds no other character to the letters of "bearer".
    Detector {
        any_case: true,
        ..detector("Bearer Token", &BEARER, &["bearer"])
    },
];

/// Every detector's literals in one automaton, ASCII case folded (exact case is checked per
/// match), with the detector each pattern gates: most scalars hold none, and then no regex runs.
struct Gates {
    automaton: AhoCorasick,
    /// By pattern: the detector's index and the literal.
    owners: Vec<(usize, &'static str)>,
}

static GATES: LazyLock<Option<Gates>> = LazyLock::new(|| {
    let owners: Vec<(usize, &'static str)> = DETECTORS
        .iter()
        .enumerate()
        .flat_map(|(index, d)| d.literals.iter().map(move |literal| (index, *literal)))
        .collect();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(owners.iter().map(|(_, literal)| literal))
        .ok()?;
    Some(Gates { automaton, owners })
});

/// Pattern detectors: secrets recognisable by their shape, wherever they appear.
pub fn patterns(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    if text.len() >= 16 {
        shaped(text, &mut hits);
    }
    // Any match needs `://` and, after it, an `@`. (Looked for from each `:`: a substring
    // search sets up a searcher per call, and this runs for every scalar.)
    let bytes = text.as_bytes();
    let scheme = memchr::memchr_iter(b':', bytes).find(|&i| bytes.get(i + 1..i + 3) == Some(b"//"));
    if let Some(scheme) = scheme
        && bytes
            .get(scheme..)
            .is_some_and(|rest| memchr::memchr(b'@', rest).is_some())
    {
        basic_auth(text, &mut hits);
    }
    hits
}

/// Whether a Twilio key could be here: `AC` or `SK` and 32 of `[a-z0-9]` (its regex's literal
/// core, without the word boundaries).
fn twilio_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(34).any(|w| {
        matches!(&w[..2], b"AC" | b"SK")
            && w[2..]
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// The detectors whose literals `text` holds (bit `i`: `DETECTORS[i]`). Without the automaton
/// (it could not be built) every detector runs.
fn gated(text: &str) -> u32 {
    let Some(gates) = GATES.as_ref() else {
        return u32::MAX;
    };
    // Most scalars hold no literal: a plain search says so faster than the overlapping one.
    if !gates.automaton.is_match(text) {
        return 0;
    }
    let mut detectors = 0u32;
    for found in gates.automaton.find_overlapping_iter(text) {
        let Some(&(index, literal)) = gates.owners.get(found.pattern().as_usize()) else {
            continue;
        };
        let any_case = DETECTORS.get(index).is_some_and(|d| d.any_case);
        if any_case || text.get(found.range()) == Some(literal) {
            detectors |= 1 << index;
        }
    }
    detectors
}

fn shaped(text: &str, hits: &mut Vec<Hit>) {
    let detectors = gated(text);
    if detectors == 0 {
        return;
    }
    for (index, d) in DETECTORS.iter().enumerate() {
        if detectors & (1 << index) == 0 || d.shape.is_some_and(|shape| !shape(text)) {
            continue;
        }
        for m in d.regex.find_iter(text) {
            hits.push(Hit {
                kind: d.kind,
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_bearer_token_in_any_case_is_found() {
        for text in [
            "Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456",
            "authorization: BeaRer abcdefghijklmnopqrstuvwxyz123456",
            "BEARER abcdefghijklmnopqrstuvwxyz123456",
        ] {
            let kinds: Vec<&str> = patterns(text).iter().map(|h| h.kind).collect();
            assert!(kinds.contains(&"Bearer Token"), "{text}: {kinds:?}");
        }
    }

    /// [`patterns`] without its literal gates: one anchor regex, then every detector's regex on
    /// the whole text.
    fn ungated(text: &str) -> Vec<Hit> {
        static ANCHOR_REGEX: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"A3T|ABIA|ACCA|AKIA|ASIA|PRIVATE KEY|eyJ|gh[pousr]_|glpat-|xox|_live_|T3BlbkFJ|npm_|pypi-|SG\.|AC|SK|AccountKey=|(?i:bearer)")
                .expect("compiles")
        });
        let mut hits = Vec::new();
        if text.len() >= 16 && ANCHOR_REGEX.is_match(text) {
            for Detector { kind, regex, .. } in &DETECTORS {
                hits.extend(regex.find_iter(text).map(|m| Hit {
                    kind,
                    start: m.start(),
                    end: m.end(),
                }));
            }
        }
        if text.contains("://") {
            basic_auth(text, &mut hits);
        }
        hits
    }

    /// Text made of the detectors' literals, near misses of them and runs of the characters
    /// their secrets are made of, so that matches and almost-matches are frequent.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            proptest::sample::select(vec![
                "A3T",
                "ABIA",
                "ACCA",
                "AKIA",
                "ASIA",
                "AC",
                "SK",
                "Ac",
                "-----BEGIN ",
                "RSA ",
                "PRIVATE KEY",
                "eyJ",
                ".",
                "ghp_",
                "gho_",
                "ghx_",
                "glpat-",
                "xox",
                "xoxb-",
                "sk_live_",
                "rk_live_",
                "_live_",
                "T3BlbkFJ",
                "sk-",
                "npm_",
                "pypi-",
                "pypi-AgEIcHlwaS5vcmc",
                "SG.",
                "AccountKey=",
                "bearer ",
                "Bearer ",
                "BEARER ",
                "BeaRer ",
                "bEARER ",
                "://",
                "https://",
                "@",
                ":",
                "/",
                "{",
                "}",
                "$",
                "=",
                " ",
                "\n",
                "\t",
                "é",
                "ſ",
                "\u{212a}",
                "_",
                "-",
                "ac",
                "sk",
            ])
            .prop_map(str::to_owned),
            "[a-z0-9]{1,40}",
            "[A-Z0-9]{1,20}",
            "[A-Za-z0-9_-]{1,60}",
            // The exact lengths of the fixed-length shapes.
            "[a-z0-9]{32}",
            "[A-Z0-9]{16}",
            "[A-Za-z0-9]{36}",
            "[A-Za-z0-9_-]{22}",
            "[A-Za-z0-9_-]{43}",
            "[A-Za-z0-9+/=]{88}",
            // Whole secrets, to be cut or extended by the pieces around them.
            "(A3T[A-Z0-9]|AKIA|ASIA)[0-9A-Z]{16}",
            "(ghp|gho|ghs)_[A-Za-z0-9_]{36,40}",
            "glpat-[0-9A-Za-z_-]{20,24}",
            "xox[abposr]-[0-9A-Za-z-]{10,14}",
            "(sk|rk)_live_[0-9a-zA-Z]{24,26}",
            "npm_[A-Za-z0-9]{36}",
            "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}",
            "(AC|SK)[a-z0-9]{32}",
            "(?i)bearer\\s+[A-Za-z0-9._~+/-]{20,24}",
            "[a-z]{1,5}://[a-z{]{1,5}:[a-z0-9$]{1,8}@",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The gates only skip regexes that would have found nothing.
        #[test]
        fn gates_hide_nothing(text in texts()) {
            prop_assert_eq!(patterns(&text), ungated(&text));
        }
    }

    #[test]
    fn every_detector_is_reached_through_its_gate() {
        let samples = [
            "AKIAIOSFODNN7EXAMPLE",
            "-----BEGIN RSA PRIVATE KEY-----",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "glpat-abcdefghijklmnopqrst",
            "xoxb-1234567890-abcdef",
            "sk_live_abcdefghijklmnopqrstuvwx",
            "sk-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst",
            "npm_abcdefghijklmnopqrstuvwxyz0123456789",
            "pypi-AgEIcHlwaS5vcmcabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
            "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq",
            "ACabcdefabcdefabcdefabcdefabcdef12",
            "AccountKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "Authorization: Bearer abcdefghijklmnopqrstuvwxyz",
            "postgres://user:hunter2x@db",
        ];
        for sample in samples {
            let found = patterns(sample);
            assert!(!found.is_empty(), "{sample}");
            assert_eq!(found, ungated(sample), "{sample}");
        }
    }
}
