//! FL702 and FL703 for a Generation B product (`kind: FloeSpec`): the dbt project is the one
//! beside its floe.yaml (the runtime's `project_dir`), and the profiles.yml dbt reads is the one
//! the runtime writes from the compiled artifacts, into a temporary directory (spec §7.3). A
//! checked-in profiles.yml is never read by it, so a stale one misleads whoever runs dbt by
//! hand; and `dbt_project.yml`'s `profile:` must be one of the two keys the runtime writes.

use crate::diagnostic::rule_meta::RuleMeta;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Span};
use crate::dialect::v1::compute::{DEV, METADATA, NAME, PROFILE};
use crate::profiles::v1::{dbt_project_name, generate, shown};
use crate::rules::edit;
use crate::rules::walk::string_field;
use crate::rules::{Context, Sink};
use crate::syntax::{Document, Entry};

/// FL702: the checked-in profiles.yml against what the runtime writes for this product.
pub fn drift(rule: &'static RuleMeta, spec: &Document, cx: &Context<'_>, out: &mut Sink<'_>) {
    let (Some(manifest), Some(checked_in)) = (cx.manifest, cx.dbt.profiles) else {
        return;
    };
    // Compile's failures are reported where they are caused (FL23x and the schema stage).
    let Ok(generated) = generate(spec, manifest) else {
        return;
    };
    let current = checked_in.text.replace("\r\n", "\n");
    if generated.text == current {
        return;
    }
    let name = product_name(spec).map_or_else(String::new, |(name, _)| name.to_owned());
    let changed = super::drift::changed_lines(&current, &generated.text);
    let lines = if changed == 1 { "line" } else { "lines" };
    // The manifest's literal credentials are written into the file as they are: the diff shows
    // them redacted on both sides, and no fix carries them (a fix's text is printed too).
    let (written, secrets) = shown(&generated.text);
    let mut help = if checked_in.loadable {
        let checked = super::drift::redacted(checked_in).replace("\r\n", "\n");
        format!(
            "floe's runtime writes (from {} and {}, target '{DEV}'):\n{}",
            spec.file.display(),
            manifest.file.display(),
            crate::fix::unified_diff(crate::dialect::dbt::PROFILES_FILE, &checked, &written)
        )
    } else {
        "the file does not load; the fix replaces it with what floe's runtime writes".to_owned()
    };
    if secrets > 0 {
        help.push_str(&format!(
            "\nthe file the runtime writes holds {secrets} secret value{} from the manifest (shown redacted): no fix writes it; keep credentials out of plugins.compute.config",
            if secrets == 1 { "" } else { "s" }
        ));
    }
    let finding = Diagnostic::new(
        rule,
        &checked_in.file,
        super::drift::first_difference(checked_in, &current, &generated.text),
        format!(
            "profiles.yml differs from what floe's runtime writes for '{name}' ({changed} {lines} changed), and the runtime never reads it: it writes its own profiles.yml from the compiled artifacts before each dbt run"
        ),
    )
    .with_help(help);
    if secrets > 0 {
        out.push(finding);
        return;
    }
    out.push(finding.with_fix(edit::fix(
        format!("Rewrite profiles.yml as floe's runtime writes it for '{name}'"),
        Applicability::Safe,
        vec![Edit {
            span: Span::new(0, checked_in.text.len()),
            replacement: generated.text,
        }],
    )));
}

/// FL703: `dbt_project.yml`'s `profile:` against the two keys the runtime writes.
pub fn profile_mismatch(
    rule: &'static RuleMeta,
    spec: &Document,
    cx: &Context<'_>,
    out: &mut Sink<'_>,
) {
    let Some(project) = cx.dbt.project.filter(|d| d.loadable) else {
        return;
    };
    let (Some((name, name_entry)), Some(project_root)) = (product_name(spec), &project.root) else {
        return;
    };
    let Some((profile, profile_entry)) = string_field(project_root, PROFILE) else {
        return;
    };
    let safe = dbt_project_name(name);
    // A templated profile (`{{ env_var('DBT_PROFILE') }}`) is decided at run time.
    if profile == name || profile == safe || profile.contains("{{") {
        return;
    }
    let written = if safe == name {
        format!("'{name}'")
    } else {
        format!("'{name}' and its dbt-safe alias '{safe}'")
    };
    out.push(
        Diagnostic::new(
            rule,
            &project.file,
            profile_entry.value.span,
            format!(
                "dbt_project.yml asks for profile '{profile}', but the profiles.yml floe's runtime writes holds only {written} (from floe.yaml's metadata.name); dbt will stop with \"Could not find profile named '{profile}'\""
            ),
        )
        .with_help(format!("set `profile: {safe}`"))
        .with_related(
            &spec.file,
            name_entry.value.span,
            "floe.yaml's metadata.name, which names the profile",
        )
        .with_fix(edit::fix(
            format!("Use profile `{safe}`"),
            Applicability::Unsafe,
            vec![edit::replace_scalar(project, &profile_entry.value, &safe)],
        )),
    );
}

/// floe.yaml's `metadata.name` and its entry, when it is a string.
fn product_name(spec: &Document) -> Option<(&str, &Entry)> {
    let metadata = &spec.root.as_ref()?.get(METADATA)?.value;
    string_field(metadata, NAME)
}
