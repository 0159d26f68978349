//! The dbt project a floe.yaml's `transforms` point at, and the files of it floe-lint reads.

use std::path::{Path, PathBuf};

use crate::dialect::dbt::{PROFILES_FILE, PROJECT_FILE, SQL_DIRS};
use crate::dialect::runtime::vocabulary as key;
use crate::syntax::Node;

/// Paths of the dbt files beside a floe.yaml.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DbtFiles {
    pub project: Option<PathBuf>,
    pub profiles: Option<PathBuf>,
    pub sql: Vec<PathBuf>,
}

/// Upper bound on `.sql` files read per project (a dbt project with more is still checked, in part).
pub const MAX_SQL_FILES: usize = 5_000;

/// Finds the dbt project as upstream's compiler does: `<floe dir>/<transforms[].path>/dbt_project.yml`,
/// else the nearest `dbt_project.yml` in the floe.yaml directory or up to five parents.
pub fn dbt_files(floe_path: &Path, floe_root: Option<&Node>) -> DbtFiles {
    let dir = floe_path.parent().unwrap_or(Path::new("."));
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(transforms) = floe_root
        .and_then(|r| r.get(key::TRANSFORMS))
        .and_then(|t| t.value.as_sequence())
    {
        for transform in transforms {
            if let Some(path) = transform.get(key::PATH).and_then(|p| p.value.as_str()) {
                candidates.push(dir.join(path));
            }
        }
    }
    let mut ancestor = Some(dir);
    for _ in 0..=5 {
        let Some(current) = ancestor else { break };
        // A transform's `./` is the floe.yaml's own directory: asked once (paths compare by
        // component, so `a/./` is `a`).
        if !candidates.iter().any(|c| c == current) {
            candidates.push(current.to_path_buf());
        }
        ancestor = current.parent().filter(|p| !p.as_os_str().is_empty());
    }
    let Some(project_dir) = candidates
        .into_iter()
        .find(|c| super::files::present(&c.join(PROJECT_FILE)))
    else {
        return DbtFiles::default();
    };
    let project_dir = crate::workspace::discover::clean(&project_dir);
    let profiles_dir = floe_root
        .and_then(|r| r.get(key::ORCHESTRATION))
        .and_then(|o| o.value.get(key::DBT))
        .and_then(|d| d.value.get(key::PROFILES_DIR))
        .and_then(|p| p.value.as_str())
        .map(|p| dir.join(p));
    let profiles = [profiles_dir, Some(project_dir.clone())]
        .into_iter()
        .flatten()
        .map(|d| d.join(PROFILES_FILE))
        .find(|p| super::files::present(p))
        .map(|p| crate::workspace::discover::clean(&p));
    let mut sql = Vec::new();
    for sub in SQL_DIRS {
        collect_sql(&project_dir.join(sub), &mut sql, 0);
    }
    sql.sort();
    sql.truncate(MAX_SQL_FILES);
    DbtFiles {
        project: Some(project_dir.join(PROJECT_FILE)),
        profiles,
        sql,
    }
}

fn collect_sql(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 16 || out.len() >= MAX_SQL_FILES {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_sql(&path, out, depth + 1);
        } else if path.extension().is_some_and(|e| e == "sql") && super::files::present(&path) {
            // Symlinked and unreadable files too: dbt reads them, so their check (or the reason
            // it cannot be done) is reported. Symlinked directories are not followed (loops).
            out.push(path);
        }
    }
}

/// The dbt project of a Generation B product: its floe.yaml's directory, which upstream's
/// runtime takes as the dbt `project_dir` (the generated `definitions.py` sits there and passes
/// its own directory). A `profiles.yml` checked in there is read for comparison only: that
/// runtime writes its own and never reads it (spec §7.3).
pub fn product_files(spec_path: &Path) -> DbtFiles {
    use crate::dialect::v1::compute::{DBT_PROJECT_FILE, PROFILES_FILE};
    let dir = match spec_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let project = dir.join(DBT_PROJECT_FILE);
    if !super::files::present(&project) {
        return DbtFiles::default();
    }
    let profiles = Some(dir.join(PROFILES_FILE)).filter(|p| super::files::present(p));
    DbtFiles {
        project: Some(crate::workspace::discover::clean(&project)),
        profiles: profiles.map(|p| crate::workspace::discover::clean(&p)),
        sql: Vec::new(),
    }
}
