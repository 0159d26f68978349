//! `floe-lint profiles` for a Generation B product (`kind: FloeSpec`): the profiles.yml its
//! runtime writes from floe.yaml and the manifest. Generation A's environment options do not
//! apply: one manifest serves every environment, and the profile has the one target `dev`.

use std::path::Path;

use super::args::ProfilesArgs;
use super::commands::{EXIT_ERROR, EXIT_FINDINGS};
use super::escape;
use crate::profiles::Generated;
use crate::profiles::v1::preview;
use crate::workspace::Selection;

/// The generated file, or the exit code of a failure (its message printed); `None` when the
/// product is not Generation B's.
pub fn render(args: &ProfilesArgs, path: &Path) -> Option<Result<Generated, i32>> {
    let fail = |message: &str, code: i32| {
        eprintln!("floe-lint profiles: {}", escape::text(message));
        Some(Err(code))
    };
    let inputs = match preview::inputs(path, args.manifest.as_deref(), &Selection::from_env()) {
        Ok(Some(inputs)) => inputs,
        // A Generation A product; `--manifest` is Generation B's only.
        Ok(None) if args.manifest.is_some() => {
            return fail(
                "--manifest is for a Generation B product (apiVersion: floe.dev/v1, kind: FloeSpec); this floe.yaml is floe-runtime's, which reads platform/<env>/platform.yaml",
                EXIT_ERROR,
            );
        }
        Ok(None) => return None,
        Err(message) => return fail(&message, EXIT_ERROR),
    };
    if args.env.is_some() || args.platform.is_some() {
        return fail(
            &format!(
                "{} is a Generation B product: it has no environments or platform.yaml; its profile comes from {} (use --manifest FILE for another)",
                inputs.spec.display(),
                inputs.manifest.display()
            ),
            EXIT_ERROR,
        );
    }
    Some(preview::render(&inputs).map_err(|message| {
        eprintln!("floe-lint profiles: {}", escape::text(&message));
        EXIT_FINDINGS
    }))
}
