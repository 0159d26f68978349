//! `floe-lint rules`: the rule table as text or Markdown.

use super::*;

/// The rule list, as text or as the Markdown table the README embeds.
pub fn rules_table(format: RulesFormat) -> String {
    let mut out = String::new();
    match format {
        RulesFormat::Md => {
            out.push_str("| Code | Name | Family | Default severity | Fix | What it flags |\n|---|---|---|---|---|---|\n");
            for r in registry::ALL.iter() {
                out.push_str(&format!(
                    "| <a id=\"{}\"></a>`{}` | `{}` | {} | {} | {} | {} |\n",
                    r.code.to_ascii_lowercase(),
                    r.code,
                    r.name,
                    r.family.as_str(),
                    r.severity.as_str(),
                    if r.fix.is_fixable() {
                        r.fix.as_str()
                    } else {
                        ""
                    },
                    r.summary
                ));
            }
        }
        RulesFormat::Text => {
            for r in registry::ALL.iter() {
                out.push_str(&format!(
                    "{}  {:<22} {:<8} {:<4} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    if r.fix.is_fixable() { "fix" } else { "" },
                    r.summary
                ));
            }
        }
    }
    out
}

/// How `explain` states a rule's fix availability.
pub(super) fn fix_text(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => {
            "available for some findings (`floe-lint check --fix`, or `--unsafe-fixes` where the fix changes behaviour)"
        }
        FixAvailability::Always => "available for every finding (`floe-lint check --fix`)",
    }
}
