//! What the `lsp` benchmark edits (included with `#[path]`): floe projects on disk and, in each
//! platform.yaml (or Generation B manifest.yaml), the places where a value is toggled between
//! valid and invalid.

use std::path::{Path, PathBuf};

/// One floe project on disk and the edits the bench toggles in its platform.yaml.
pub struct Input {
    pub name: &'static str,
    pub dir: PathBuf,
    pub floe: String,
    pub platform: PathBuf,
    pub text: String,
    pub sites: Vec<Site>,
}

/// One place in platform.yaml: a value on zero-based `line` at `column` (ASCII lines, so UTF-16
/// and UTF-8 columns agree), valid as written, invalid as `invalid` (the schema reports it on
/// that line).
#[derive(Clone)]
pub struct Site {
    pub name: &'static str,
    pub line: usize,
    pub column: usize,
    pub valid: String,
    pub invalid: &'static str,
}

/// The site of the value after `key: ` on the line `pick` chooses among those holding it.
fn site(
    text: &str,
    name: &'static str,
    key: &str,
    invalid: &'static str,
    pick: impl Fn(&[usize]) -> Option<usize>,
) -> Option<Site> {
    let lines: Vec<&str> = text.lines().collect();
    let prefix = format!("{key}: ");
    let holding: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim_start().starts_with(&prefix) && lines[i].is_ascii())
        .collect();
    let line = pick(&holding)?;
    let column = lines[line].find(&prefix)? + prefix.len();
    let valid = lines[line][column..].split_whitespace().next()?.to_owned();
    Some(Site {
        name,
        line,
        column,
        valid,
        invalid,
    })
}

impl Input {
    pub fn write(temp: &Path, name: &'static str, floe: &str, platform: &str) -> Input {
        let dir = temp.join(name);
        let env_dir = dir.join("platform").join("local");
        std::fs::create_dir_all(&env_dir).expect("create the project directory");
        std::fs::write(dir.join("floe.yaml"), floe).expect("write floe.yaml");
        let path = env_dir.join("platform.yaml");
        std::fs::write(&path, platform).expect("write platform.yaml");
        let middle = platform.lines().count() / 2;
        let nearest = |lines: &[usize]| lines.iter().copied().min_by_key(|l| l.abs_diff(middle));
        // The first `bucket:` (2 characters is below the schema's `minLength: 3`), and in a large
        // file also the top (`version`), the middle (a credential `mode`) and the end (a layer's
        // `retention_days`, whose minimum is 1).
        let mut sites: Vec<Site> = vec![
            site(platform, "first bucket", "bucket", "ab", |l| {
                l.first().copied()
            })
            .unwrap_or_else(|| panic!("no `bucket:` line in {name}'s platform.yaml")),
        ];
        if platform.lines().count() > 1_000 {
            sites.extend(site(platform, "top (version)", "version", "\"1.2\"", |l| {
                l.first().copied()
            }));
            sites.extend(site(platform, "middle (mode)", "mode", "oauth3", nearest));
            sites.extend(site(
                platform,
                "end (retention_days)",
                "retention_days",
                "0",
                |l| l.last().copied(),
            ));
        }
        Input {
            name,
            dir,
            floe: floe.to_owned(),
            platform: path,
            text: platform.to_owned(),
            sites,
        }
    }

    /// A Generation B product (`floe.yaml`, a FloeSpec) with its manifest beside it; the
    /// manifest is the file edited (`platform` names it). Its sites: the top (`version` of
    /// metadata), the middle and the end (a resource preset's `cpu`, a string: a number is
    /// reported on its line).
    pub fn write_v1(temp: &Path, name: &'static str, spec: &str, manifest: &str) -> Input {
        let dir = temp.join(name);
        std::fs::create_dir_all(&dir).expect("create the project directory");
        std::fs::write(dir.join("floe.yaml"), spec).expect("write floe.yaml");
        let path = dir.join("manifest.yaml");
        std::fs::write(&path, manifest).expect("write manifest.yaml");
        let middle = manifest.lines().count() / 2;
        let nearest = |lines: &[usize]| lines.iter().copied().min_by_key(|l| l.abs_diff(middle));
        let mut sites = Vec::new();
        sites.extend(site(manifest, "top (version)", "version", "1.0", |l| {
            l.first().copied()
        }));
        sites.extend(site(manifest, "middle (cpu)", "cpu", "1", nearest));
        sites.extend(site(manifest, "end (cpu)", "cpu", "1", |l| {
            l.last().copied()
        }));
        assert_eq!(sites.len(), 3, "every site found in {name}'s manifest");
        Input {
            name,
            dir,
            floe: spec.to_owned(),
            platform: path,
            text: manifest.to_owned(),
            sites,
        }
    }

    /// platform.yaml with the value of `site` replaced.
    pub fn text_with(&self, site: &Site, value: &str) -> String {
        let mut out = String::with_capacity(self.text.len());
        for (i, line) in self.text.split_inclusive('\n').enumerate() {
            if i == site.line {
                out.push_str(&line[..site.column]);
                out.push_str(value);
                out.push_str(&line[site.column + site.valid.len()..]);
            } else {
                out.push_str(line);
            }
        }
        out
    }
}
