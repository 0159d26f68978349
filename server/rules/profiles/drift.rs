//! FL702: a checked-in dbt `profiles.yml` that is not what floe generates.

use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Span};
use crate::dialect::dbt;
use crate::dialect::runtime::constants::DEFAULT_TARGET;
use crate::rules::edit;
use crate::rules::security::credentials;
use crate::rules::{Context, Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Compares a `profiles.yml` checked in beside floe.yaml's dbt project with the file floe's
    /// runtime generator writes from floe.yaml and platform.yaml (profile `default`, the target
    /// the checked-in file names, `dev` if none). The file matches when it equals the output for
    /// any environment; otherwise the finding shows the unified diff against the closest
    /// environment's output, with credentials redacted.
    ///
    /// For a Generation B product (`kind: FloeSpec`), the dbt project is the one beside its
    /// floe.yaml, and the comparison is with the profiles.yml the runtime writes from floe.yaml
    /// and the manifest (what `floe-lint profiles` prints). That runtime never reads a
    /// checked-in profiles.yml at all (it writes its own into a temporary directory before each
    /// dbt run), which the message says; upstream's demo ships stale ones.
    ///
    /// ## Why is this bad?
    /// floe's container entrypoint regenerates profiles.yml before every dbt run, so what is
    /// checked in is what developers run locally but not what runs in deployment. A stale copy
    /// hides a changed endpoint, warehouse or storage mapping until it fails in production.
    ///
    /// ## Example
    /// ```yaml
    /// # dbt/profiles.yml, after platform.yaml's warehouse was renamed
    /// warehouse: '{{ env_var(''FLOE_CATALOG_WAREHOUSE'', ''old_catalog'') }}'
    /// ```
    ///
    /// ## Fix
    /// `floe-lint check --fix` rewrites the file with the generator's output (`floe-lint
    /// profiles --output PATH` does the same for one chosen environment). The fix is safe:
    /// floe overwrites the file at run time anyway (Generation B ignores it), so local edits to
    /// it never deploy. For Generation B, deleting the file is as good; and when the file its
    /// runtime writes would hold a credential from the manifest, no fix is offered (floe-lint
    /// never prints or writes a secret).
    pub struct Drift(DRIFT) = ("FL702", "profiles-drift", Profiles, Warning, "A checked-in profiles.yml differs from what floe generates", fix: Sometimes);
}

/// The generator's output for one environment.
struct Candidate<'a> {
    environment: &'a str,
    text: String,
    changed_lines: usize,
}

impl Rule for Drift {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if let Some(spec) = cx.spec.filter(|d| d.loadable) {
            return super::v1::drift(&DRIFT, spec, cx, out);
        }
        let (Some(floe), Some(checked_in)) = (super::floe_of(cx), cx.dbt.profiles) else {
            return;
        };
        let current = checked_in.text.replace("\r\n", "\n");
        let target = target_of(checked_in);
        let mut closest: Option<Candidate> = None;
        for env in cx.environments.iter().filter(|e| e.document.loadable) {
            let Ok(generated) = super::generate_for(cx, floe, env, &target) else {
                continue;
            };
            if generated.text == current {
                return;
            }
            let changed_lines = changed_lines(&current, &generated.text);
            if closest
                .as_ref()
                .is_none_or(|c| changed_lines < c.changed_lines)
            {
                closest = Some(Candidate {
                    environment: env.name,
                    text: generated.text,
                    changed_lines,
                });
            }
        }
        if let Some(candidate) = closest {
            out.push(finding(checked_in, &current, &target, &candidate));
        }
    }
}

fn finding(checked_in: &Document, current: &str, target: &str, c: &Candidate) -> Diagnostic {
    let span = first_difference(checked_in, current, &c.text);
    let lines = if c.changed_lines == 1 {
        "line"
    } else {
        "lines"
    };
    let help = if checked_in.loadable {
        let shown = redacted(checked_in).replace("\r\n", "\n");
        format!(
            "floe generates (environment '{}', profile 'default', target '{target}'):\n{}",
            c.environment,
            crate::fix::unified_diff(dbt::PROFILES_FILE, &shown, &c.text)
        )
    } else {
        format!(
            "the file does not load; the fix replaces it with what floe generates for environment '{}'",
            c.environment
        )
    };
    Diagnostic::new(
        &DRIFT,
        &checked_in.file,
        span,
        format!(
            "profiles.yml differs from what floe generates for environment '{}' ({} {lines} changed)",
            c.environment, c.changed_lines
        ),
    )
    .with_help(help)
    .with_fix(edit::fix(
        format!(
            "Rewrite profiles.yml as floe generates it for environment '{}'",
            c.environment
        ),
        Applicability::Safe,
        vec![Edit {
            span: Span::new(0, checked_in.text.len()),
            replacement: c.text.clone(),
        }],
    ))
}

/// The dbt target the checked-in file selects (`<profile>: {target: …}`), else upstream's `dev`.
fn target_of(document: &Document) -> String {
    document
        .root
        .as_ref()
        .and_then(|root| root.as_mapping())
        .and_then(|entries| entries.first())
        .and_then(|profile| profile.value.get(dbt::TARGET))
        .and_then(|target| target.value.as_str())
        .filter(|t| !t.is_empty())
        .unwrap_or(DEFAULT_TARGET)
        .to_owned()
}

pub(super) fn changed_lines(before: &str, after: &str) -> usize {
    similar::TextDiff::from_lines(before, after)
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .count()
}

/// The first line of the checked-in file that the generated text does not have in its place
/// (the end of the file when the generated text only adds lines).
pub(super) fn first_difference(document: &Document, current: &str, generated: &str) -> Span {
    let mut offset = 0;
    let mut generated_lines = generated.split_inclusive('\n');
    for line in current.split_inclusive('\n') {
        if generated_lines.next() != Some(line) {
            break;
        }
        offset += line.len();
    }
    // `current` has `\n` where the file may have `\r\n`: map the offset back through lines.
    let line = current[..offset.min(current.len())].matches('\n').count();
    let index = &document.line_index;
    if line >= index.line_count() {
        return Span::point(document.text.len());
    }
    Span::new(index.line_start(line), index.line_end(&document.text, line))
}

/// The checked-in text with every credential replaced by its redacted form.
pub(super) fn redacted(document: &Document) -> String {
    let mut text = document.text.clone();
    let mut secrets = credentials::profiles_secrets(document);
    secrets.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    let mut last_start = usize::MAX;
    for (span, shown) in secrets {
        if span.end <= last_start
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
            && span.end <= text.len()
        {
            text.replace_range(span.start..span.end, &shown);
            last_start = span.start;
        }
    }
    text
}
