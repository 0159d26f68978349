//! Where a Generation B floe.yaml's manifest is. Upstream's compile takes it from `--manifest`;
//! floe-lint pairs the two files as a reader of the repository would: the local path
//! `platform.manifest` names (relative to the floe.yaml's directory), else a `manifest.yaml` in
//! the floe.yaml's directory or the nearest one above it, up to the repository root, else the
//! manifest the user configured (`--manifest`, the editor's `manifestFile`, `.floe-lint.toml`'s
//! `manifest`): a default for the products that say nothing, never an override of what a
//! product's own files say.
//!
//! Which files are manifests is read from their content: a directory walk takes a
//! `manifest.yaml` only when it declares itself floe's ([`declares_floe`]), since other tools
//! use the name too.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::files;
use crate::dialect::v1::vocabulary::{API_GROUP, DeclaredKind, KIND, MANIFEST_FILE_NAMES};

/// How far above the floe.yaml the search goes when no repository root (`.git`) is found.
const PARENTS_WITHOUT_REPOSITORY: usize = 5;

/// How much of a file the walk reads to tell whether it is floe's (the declaration is at the top).
const SNIFF_BYTES: u64 = 64 * 1024;

/// The manifest a Generation B floe.yaml is checked with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pairing {
    /// `platform.manifest` names this local file, which exists.
    Named(PathBuf),
    /// `platform.manifest` names this local file, which does not exist.
    NamedMissing(PathBuf),
    /// The nearest `manifest.yaml` at or above the floe.yaml.
    Found(PathBuf),
    /// The manifest configured for products that name none and have none above them.
    Configured(PathBuf),
    /// No manifest: the floe.yaml is checked on its own.
    None,
}

/// Pairs the floe.yaml at `spec` with a manifest, given the local path its `platform.manifest`
/// names (if it names one) and the configured manifest (if any).
pub fn pair(spec: &Path, named: Option<&Path>, configured: Option<&Path>) -> Pairing {
    let dir = directory_of(spec);
    match named {
        Some(named) => {
            let path = normalize(&dir.join(named));
            if files::present(&path) {
                Pairing::Named(path)
            } else {
                Pairing::NamedMissing(path)
            }
        }
        None => nearest(&dir).map(Pairing::Found).unwrap_or_else(|| {
            configured.map_or(Pairing::None, |c| Pairing::Configured(c.to_path_buf()))
        }),
    }
}

/// A floe manifest in the floe.yaml's own directory (for the mixed-dialect check).
pub fn beside(floe: &Path) -> Option<PathBuf> {
    in_directory(&directory_of(floe))
}

/// The nearest manifest file in `dir` or above it, up to the repository root.
fn nearest(dir: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(dir).ok()?;
    let mut spelled = dir.to_path_buf();
    for (climbed, current) in absolute.ancestors().enumerate() {
        if let Some(found) = in_directory(&spelled) {
            return Some(found);
        }
        let at_repository_root = current.join(".git").exists();
        if at_repository_root || climbed >= PARENTS_WITHOUT_REPOSITORY {
            return None;
        }
        // Spelled relative to the floe.yaml as the user gave it, so that the manifest has one
        // name whichever way it was reached (`demo/manifest.yaml`, not `/abs/demo/manifest.yaml`).
        spelled = normalize(&spelled.join(".."));
    }
    None
}

/// The manifest file in `dir` that declares itself floe's: a search never takes another tool's
/// manifest.yaml (checking it as a manifest would report a page of nonsense).
fn in_directory(dir: &Path) -> Option<PathBuf> {
    MANIFEST_FILE_NAMES
        .iter()
        .map(|name| normalize(&dir.join(name)))
        .find(|candidate| files::present(candidate) && declares_floe(candidate))
}

fn directory_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether a file found by a directory walk is floe's: its text names a `floe.dev/` API version
/// or declares `kind: Manifest`. Unreadable files count (their check says why they cannot be
/// read).
pub fn declares_floe(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return true;
    };
    let mut head = Vec::new();
    if file.take(SNIFF_BYTES).read_to_end(&mut head).is_err() {
        return true;
    }
    declares_floe_text(&String::from_utf8_lossy(&head))
}

/// Whether a manifest file's text (its first [`SNIFF_BYTES`] are enough) is floe's.
pub fn declares_floe_text(text: &str) -> bool {
    text.contains(API_GROUP)
        || text.lines().any(|line| {
            line.strip_prefix(KIND)
                .and_then(|rest| rest.trim_start().strip_prefix(':'))
                .map(|value| value.trim().trim_matches(['"', '\'']))
                == Some(DeclaredKind::Manifest.value())
        })
}

/// Resolves `.` and `name/..` without touching the file system, keeping a leading `..`
/// (`demo/customer-360/../manifest.yaml` → `demo/manifest.yaml`).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            _ => out.push(component),
        }
    }
    let normalized: PathBuf = out.iter().collect();
    if normalized.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        normalized
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_lexically() {
        for (path, expected) in [
            ("demo/customer-360/../manifest.yaml", "demo/manifest.yaml"),
            (
                "examples/hello/../../demo/manifest.yaml",
                "demo/manifest.yaml",
            ),
            ("./manifest.yaml", "manifest.yaml"),
            ("../manifest.yaml", "../manifest.yaml"),
            ("a/../../manifest.yaml", "../manifest.yaml"),
            ("/a/../../manifest.yaml", "/manifest.yaml"),
            ("a/..", "."),
        ] {
            assert_eq!(
                normalize(Path::new(path)),
                PathBuf::from(expected),
                "{path}"
            );
        }
    }

    #[test]
    fn pairs_by_reference_then_by_directory() {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join(".git")).expect("mkdir");
        let product = root.path().join("demo/orders");
        std::fs::create_dir_all(&product).expect("mkdir");
        let manifest = root.path().join("demo/manifest.yaml");
        std::fs::write(&manifest, "kind: Manifest\n").expect("write");
        let spec = product.join("floe.yaml");
        assert_eq!(pair(&spec, None, None), Pairing::Found(manifest.clone()));
        assert_eq!(
            pair(&spec, Some(Path::new("../manifest.yaml")), None),
            Pairing::Named(manifest)
        );
        assert_eq!(
            pair(&spec, Some(Path::new("../platform.yaml")), None),
            Pairing::NamedMissing(root.path().join("demo/platform.yaml"))
        );
        // Another tool's manifest.yaml is passed over.
        std::fs::write(product.join("manifest.yaml"), "kind: Deployment\n").expect("write");
        assert_eq!(
            pair(&spec, None, None),
            Pairing::Found(root.path().join("demo/manifest.yaml"))
        );
        // The repository root ends the search.
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(outside.path().join("repo/.git")).expect("mkdir");
        std::fs::write(outside.path().join("manifest.yaml"), "kind: Manifest\n").expect("write");
        let spec = outside.path().join("repo/floe.yaml");
        assert_eq!(pair(&spec, None, None), Pairing::None);
        // A configured manifest is the default for such a product, never an override.
        let configured = outside.path().join("platform-manifest.yaml");
        assert_eq!(
            pair(&spec, None, Some(&configured)),
            Pairing::Configured(configured.clone())
        );
        std::fs::write(
            outside.path().join("repo/manifest.yaml"),
            "kind: Manifest\n",
        )
        .expect("write");
        assert_eq!(
            pair(&spec, None, Some(&configured)),
            Pairing::Found(outside.path().join("repo/manifest.yaml"))
        );
    }

    #[test]
    fn sniffs_floe_manifests() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            path
        };
        assert!(declares_floe(&write(
            "a.yaml",
            "apiVersion: floe.dev/v1\nkind: Manifest\n"
        )));
        assert!(declares_floe(&write(
            "b.yaml",
            "kind: \"Manifest\"\nmetadata: {}\n"
        )));
        assert!(!declares_floe(&write(
            "c.yaml",
            "apiVersion: apps/v1\nkind: Deployment\n"
        )));
        assert!(!declares_floe(&write("d.yaml", "files:\n  - a.txt\n")));
    }
}
