use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::dbt;
use crate::dialect::runtime::vocabulary as key;
use crate::profiles::profile_key;
use crate::rules::profiles::floe_of;
use crate::rules::walk::string_field;
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that the `profile:` of the `dbt_project.yml` floe runs names the profile floe's
    /// generator writes: floe.yaml's `name` with `-` replaced by `_` (`name: orders-lakehouse`
    /// → profile `orders_lakehouse`). Reported on the `profile:` line, for a floe.yaml with
    /// `transforms` (only then does floe generate the profiles.yml dbt reads).
    ///
    /// For a Generation B product (`kind: FloeSpec`), the dbt project is the one beside its
    /// floe.yaml, and the runtime's profiles.yml holds `metadata.name` and, when it differs, its
    /// dbt-safe alias (every character other than a letter, digit or `_` made `_`:
    /// `customer-360` → `customer_360`, which upstream's demo uses); either is accepted.
    ///
    /// ## Why is this bad?
    /// floe's container writes `profiles.yml` itself before it runs dbt, with one profile under
    /// that key. A dbt project that asks for another profile stops at start-up with "Could not
    /// find profile named 'default'", whatever a checked-in profiles.yml says (floe overwrites it).
    ///
    /// ## Example
    /// ```yaml
    /// # floe.yaml: name: orders-lakehouse
    /// # dbt/dbt_project.yml:
    /// name: orders
    /// profile: default
    /// ```
    ///
    /// ## Fix
    /// Set `profile:` to the generated key (`profile: orders_lakehouse`; Generation B: the
    /// dbt-safe alias); `--unsafe-fixes` does it
    /// (unsafe: a dbt run outside floe then needs that profile in your own profiles.yml).
    pub struct ProfileMismatch(META) = ("FL703", "dbt-profile-mismatch", Profiles, Error, "dbt_project.yml names a profile floe's generator does not write", fix: Sometimes);
}

impl Rule for ProfileMismatch {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if let Some(spec) = cx.spec.filter(|d| d.loadable) {
            return super::v1::profile_mismatch(&META, spec, cx, out);
        }
        let Some(floe) = floe_of(cx) else { return };
        let Some(project) = cx.dbt.project.filter(|d| d.loadable) else {
            return;
        };
        let (Some(floe_root), Some(project_root)) = (&floe.root, &project.root) else {
            return;
        };
        let Some((name, name_entry)) = string_field(floe_root, key::NAME) else {
            return;
        };
        let Some((profile, profile_entry)) = string_field(project_root, dbt::PROFILE) else {
            return;
        };
        let expected = profile_key(name);
        // A templated profile (`{{ env_var('DBT_PROFILE') }}`) is decided at run time.
        if profile == expected || profile.contains("{{") || expected.is_empty() {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                &project.file,
                profile_entry.value.span,
                format!(
                    "dbt_project.yml asks for profile '{profile}', but floe's generated profiles.yml holds only '{expected}' (from floe.yaml's name '{name}'); dbt will stop with \"Could not find profile named '{profile}'\""
                ),
            )
            .with_help(format!("set `profile: {expected}`"))
            .with_related(&floe.file, name_entry.value.span, "floe.yaml's name, which names the generated profile")
            .with_fix(crate::rules::edit::fix(
                format!("Use profile `{expected}`"),
                crate::diagnostic::Applicability::Unsafe,
                vec![crate::rules::edit::replace_scalar(project, &profile_entry.value, &expected)],
            )),
        );
    }
}
