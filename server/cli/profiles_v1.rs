//! `floe-lint profiles` for a Generation B product (`kind: FloeSpec`): the profiles.yml its
//! runtime writes from floe.yaml and the manifest. Generation A's environment options do not
//! apply: one manifest serves every environment, and the profile has the one target `dev`.

use std::path::Path;

use super::args::ProfilesArgs;
use super::commands::{EXIT_ERROR, EXIT_FINDINGS};
use super::escape;
use crate::profiles::v1::preview;
use crate::profiles::{Generated, Quirk};
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
    let mut generated = match preview::render(&inputs) {
        Ok(generated) => generated,
        Err(message) => return fail(&message, EXIT_FINDINGS),
    };
    // Printed, the file shows no secret; written (--output), it is what the runtime writes.
    if args.output.is_none() {
        let (shown, secrets) = crate::profiles::v1::shown(&generated.text);
        if secrets > 0 {
            generated.text = shown;
            generated.quirks.push(Quirk {
                message: format!(
                    "{secrets} secret value{} from the manifest shown redacted; --output FILE writes the file as the runtime does",
                    if secrets == 1 { "" } else { "s" }
                ),
                pointer: String::new(),
                in_floe: false,
            });
        }
    }
    Some(Ok(generated))
}
