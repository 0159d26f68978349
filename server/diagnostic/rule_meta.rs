//! Rule metadata and the `declare_rule!` macro.
//!
//! A rule's doc comment is its user documentation (ruff style): `## What it does`,
//! `## Why is this bad?`, `## Example`, `## Fix`. The macro keeps that text, so `floe-lint explain`,
//! SARIF `help`, LSP hover and the README's rule list all come from the one comment.

use crate::diagnostic::Severity;

/// The family a rule belongs to; it decides the code range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// FL0xx: the bytes are not loadable YAML as upstream loads it.
    Syntax,
    /// FL1xx: the document does not match upstream's models.
    Schema,
    /// FL2xx: floe.yaml and platform.yaml do not fit together.
    CrossFile,
    /// FL3xx: credentials in the wrong place, insecure transport, over-broad access.
    Security,
    /// FL4xx: lakehouse mistakes that break floe deployments (DuckDB, Polaris, S3).
    Lakehouse,
    /// FL5xx: references inside one file that point nowhere.
    Reference,
    /// FL6xx: dbt model configuration that bypasses the platform.
    Dbt,
    /// FL7xx: the dbt profiles.yml floe generates: generator quirks, failures, drift.
    Profiles,
    /// FL8xx: results of checks against running services.
    Connectivity,
    /// FL9xx: floe-lint's own suppression comments.
    Suppression,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::Schema => "schema",
            Family::CrossFile => "cross-file",
            Family::Security => "security",
            Family::Lakehouse => "lakehouse",
            Family::Reference => "reference",
            Family::Dbt => "dbt",
            Family::Profiles => "profiles",
            Family::Connectivity => "connectivity",
            Family::Suppression => "suppression",
        }
    }
}

/// Everything known about a rule independent of any finding.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable code, `FL` + three digits. Never reused.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// Whether its findings carry fixes.
    pub fix: FixAvailability,
    /// The rule's doc comment as the compiler keeps it: each line after `///`, so with the
    /// space that followed the slashes. Read it through [`RuleMeta::docs`].
    pub doc_comment: &'static str,
}

impl RuleMeta {
    /// The full Markdown documentation: the doc comment with the one space after `///` taken off
    /// each line (code blocks keep their own indentation).
    pub fn docs(&self) -> String {
        self.doc_comment
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Link to the rule's documentation, used for LSP `codeDescription` and SARIF `helpUri`.
    pub fn url(&self) -> String {
        format!(
            "https://github.com/floe-lint/floe-lint/blob/main/README.md#{}",
            self.code.to_ascii_lowercase()
        )
    }
}

/// Whether a rule's findings come with a fix (`floe-lint check --fix`, the editor's quick fixes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    /// No finding of this rule carries a fix.
    None,
    /// Some findings carry one (where the intended value is clear).
    Sometimes,
    /// Every finding carries one.
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }

    /// Whether any finding may carry a fix.
    pub fn is_fixable(self) -> bool {
        self != FixAvailability::None
    }
}

/// What a registered rule is: the macro writes this for the struct it declares, so a rule states
/// its code, name and documentation once, in [`declare_rule!`].
pub trait Declared {
    fn meta(&self) -> &'static RuleMeta;
}

/// Declares a rule code. A stage's code (the syntax, schema and cross-file stages report it
/// themselves):
///
/// ```text
/// declare_rule! { /// docs… pub static NAME = ("FL001", "kebab-name", Family, Severity, "summary"); }
/// ```
///
/// A rule run by the engine also names its struct, which the macro defines (the hooks are an
/// `impl Rule` beside it), and may say that its findings carry fixes:
///
/// ```text
/// declare_rule! { /// docs… pub struct Name(NAME) = ("FL400", "kebab-name", Family, Severity, "summary", fix: Sometimes); }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = ($code:literal, $name:literal, $family:ident, $severity:ident, $summary:literal $(, fix: $fix:ident)?);
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::diagnostic::rule_meta::RuleMeta = $crate::diagnostic::rule_meta::RuleMeta {
            code: $code,
            name: $name,
            family: $crate::diagnostic::rule_meta::Family::$family,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            fix: $crate::declare_rule!(@fix $($fix)?),
            doc_comment: concat!($($doc, "\n"),*),
        };
    };
    (
        $(#[doc = $doc:literal])*
        pub struct $rule:ident($ident:ident) = ($code:literal, $name:literal, $family:ident, $severity:ident, $summary:literal $(, fix: $fix:ident)?);
    ) => {
        $crate::declare_rule! {
            $(#[doc = $doc])*
            pub static $ident = ($code, $name, $family, $severity, $summary $(, fix: $fix)?);
        }
        #[doc = concat!("The `", $code, "` rule (`", $name, "`): see [`", stringify!($ident), "`].")]
        pub struct $rule;
        impl $crate::diagnostic::rule_meta::Declared for $rule {
            fn meta(&self) -> &'static $crate::diagnostic::rule_meta::RuleMeta {
                &$ident
            }
        }
    };
    (@fix) => { $crate::diagnostic::rule_meta::FixAvailability::None };
    (@fix $fix:ident) => { $crate::diagnostic::rule_meta::FixAvailability::$fix };
}
