//! `floe-lint profiles` for a Generation B product (`kind: FloeSpec`): the profiles.yml its
//! runtime writes from floe.yaml and the manifest. Generation A's environment options do not
//! apply: one manifest serves every environment, and the profile has the one target `dev`. The
//! manifest is paired as `check` pairs it, `--manifest` included.

use std::path::{Path, PathBuf};

use super::args::ProfilesArgs;
use super::commands::{EXIT_ERROR, EXIT_FINDINGS};
use super::escape;
use crate::profiles::v1::preview;
use crate::profiles::{Generated, Quirk};
use crate::workspace::Selection;

/// The manifest a Generation B product without one of its own pairs with: `--manifest` (which
/// must exist), else `.floe-lint.toml`'s `manifest`, as `check` reads it (a broken file is
/// `check`'s to report).
pub fn configured_manifest(flag: Option<&Path>, path: &Path) -> Result<Option<PathBuf>, String> {
    match flag {
        Some(manifest) if !crate::workspace::files::present(manifest) => {
            Err(format!("--manifest: no file at `{}`", manifest.display()))
        }
        Some(manifest) => Ok(Some(manifest.to_path_buf())),
        None => Ok(crate::config::find(path)
            .and_then(|file| crate::config::load(&file).ok())
            .and_then(|settings| settings.manifest())),
    }
}

/// The generated file, or the exit code of a failure (its message printed); `None` when the
/// product is not Generation B's.
pub fn render(args: &ProfilesArgs, path: &Path) -> Option<Result<Generated, i32>> {
    let fail = |message: &str, code: i32| {
        eprintln!("floe-lint profiles: {}", escape::text(message));
        Some(Err(code))
    };
    let mut selection = Selection::from_env();
    selection.manifest = match configured_manifest(args.manifest.as_deref(), path) {
        Ok(manifest) => manifest,
        Err(message) => return fail(&message, EXIT_ERROR),
    };
    let inputs = match preview::inputs(path, &selection) {
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
    // floe-runtime's generator options: Generation B's runtime has one style, reads no platform
    // profile and always writes the target `dev`, so they would be silently ignored.
    let runtime_only: Vec<&str> = [
        ("--profile", args.profile.is_some()),
        ("--target", args.target.is_some()),
        ("--style", args.style.is_some()),
    ]
    .into_iter()
    .filter_map(|(flag, given)| given.then_some(flag))
    .collect();
    if !runtime_only.is_empty() {
        return fail(
            &format!(
                "{} is a Generation B product: {} {} floe-runtime's generator only (Generation B's runtime writes one profile with the target `dev`)",
                inputs.spec.display(),
                runtime_only.join(", "),
                if runtime_only.len() == 1 {
                    "is for"
                } else {
                    "are for"
                }
            ),
            EXIT_ERROR,
        );
    }
    if args.manifest.is_some() && !inputs.configured {
        eprintln!(
            "note: {} names its own manifest ({}), which it is paired with; --manifest is for products that name none",
            escape::text(&inputs.spec.display().to_string()),
            escape::text(&inputs.manifest.display().to_string())
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
