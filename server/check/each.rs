//! Checking many projects side by side, each reduced to what the caller keeps of it as soon as
//! it is done, so a repository of a thousand projects is checked on every core and its memory is
//! bounded by the largest project, not by the repository.
//!
//! Projects are independent unless they share a file (every floe.yaml pointed at one platform.yaml
//! by `FLOE_PLATFORM_FILE`, two floe.yaml files naming one dbt project): projects that share one
//! are checked together, in one [`check_projects`] call, so a shared file is loaded, deduplicated,
//! suppressed and capped exactly as when every project is checked at once. What each unit reports
//! is therefore what [`check_projects`] on all projects reports for that unit's files.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::Path;

use super::{Options, ReadError, Report, Sources, check_group};
use crate::workspace::{Project, Selection};

/// One project's share of a check, in project order.
pub struct Checked<T> {
    /// What the caller made of the report of the unit this project starts (`None` for a project
    /// checked with an earlier one because they share a file).
    pub value: Option<T>,
    /// The files this project's loads could not read, as [`check_projects`] reports them.
    ///
    /// [`check_projects`]: super::check_projects
    pub read_errors: Vec<ReadError>,
}

/// Checks `projects` on `threads` threads. Each unit's report (one project, or the projects that
/// share a file) is handed to `each` on the thread that checked it and then dropped, trees and
/// all. The result does not depend on `threads` or on timing.
pub fn check_each<T: Send>(
    projects: &[Project],
    sources: &(dyn Sources + Sync),
    selection: &Selection,
    options: &Options,
    threads: usize,
    each: &(dyn Fn(&Report) -> T + Sync),
) -> Vec<Checked<T>> {
    // Files known before reading anything: floe.yaml and each environment's platform.yaml.
    let mut units = Groups::new(projects.len());
    let mut owner: HashMap<&Path, usize> = HashMap::new();
    for (index, project) in projects.iter().enumerate() {
        let known = project
            .floe
            .iter()
            .chain(&project.manifest)
            .map(|p| p.as_path());
        for path in known.chain(project.environments.iter().map(|e| e.platform.as_path())) {
            if let Some(&other) = owner.get(path) {
                units.join(other, index);
            } else {
                owner.insert(path, index);
            }
        }
    }
    let file_hasher = std::hash::RandomState::new();
    let check = |members: &[usize]| {
        let group: Vec<Project> = members.iter().map(|&i| projects[i].clone()).collect();
        let (mut report, per_project) = check_group(&group, sources, selection, options);
        let files: Vec<u64> = report
            .documents
            .keys()
            .map(|p| file_hasher.hash_one(p))
            .collect();
        let mut read_errors = std::mem::take(&mut report.read_errors).into_iter();
        let read_errors: Vec<Vec<ReadError>> = per_project
            .iter()
            .map(|&n| read_errors.by_ref().take(n).collect())
            .collect();
        let value = each(&report);
        Unit {
            members: members.to_vec(),
            files,
            read_errors,
            value,
        }
    };
    let mut done = run(units.members(), threads, &check);

    // A file found only while checking (a dbt project two floe.yaml files name) can still join
    // units: those are checked again, together.
    let mut joined = Groups::new(projects.len());
    let mut file_owner: HashMap<u64, usize> = HashMap::new();
    for unit in &done {
        for pair in unit.members.windows(2) {
            joined.join(pair[0], pair[1]);
        }
        for &file in &unit.files {
            match file_owner.get(&file) {
                Some(&other) => joined.join(other, unit.members[0]),
                None => {
                    file_owner.insert(file, unit.members[0]);
                }
            }
        }
    }
    let checked: HashSet<&[usize]> = done.iter().map(|u| u.members.as_slice()).collect();
    let regrouped: Vec<Vec<usize>> = joined
        .members()
        .into_iter()
        .filter(|members| !checked.contains(members.as_slice()))
        .collect();
    drop(checked);
    if !regrouped.is_empty() {
        let again = run(regrouped, threads, &check);
        done.retain(|unit| !again.iter().any(|a| a.members.contains(&unit.members[0])));
        done.extend(again);
    }

    let mut out: Vec<Checked<T>> = (0..projects.len())
        .map(|_| Checked {
            value: None,
            read_errors: Vec::new(),
        })
        .collect();
    for unit in done {
        for (&member, read_errors) in unit.members.iter().zip(unit.read_errors) {
            out[member].read_errors = read_errors;
        }
        out[unit.members[0]].value = Some(unit.value);
    }
    out
}

/// A unit's result, before it is placed in project order.
struct Unit<T> {
    /// Project indices, ascending.
    members: Vec<usize>,
    /// The files it read, hashed on the thread that checked it: what joins units that turn out to
    /// share one. Two files of equal hash (never seen: 64 bits of SipHash) would only join two
    /// units, which changes no finding, only how they are checked.
    files: Vec<u64>,
    /// Per member.
    read_errors: Vec<Vec<ReadError>>,
    value: T,
}

/// Runs `check` on every unit, `threads` at a time; results in unit order.
fn run<T: Send>(
    units: Vec<Vec<usize>>,
    threads: usize,
    check: &(dyn Fn(&[usize]) -> Unit<T> + Sync),
) -> Vec<Unit<T>> {
    crate::parallel::map_in_order(&units, threads, &|members: &Vec<usize>| check(members))
}

/// Union-find over project indices.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        // The smaller index stays the root: a group is named by its first project.
        let (low, high) = (a.min(b), a.max(b));
        self.parent[high] = low;
    }

    /// Each group's members in ascending order, groups ordered by their first member.
    fn members(&mut self) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut slot: HashMap<usize, usize> = HashMap::new();
        for i in 0..self.parent.len() {
            let root = self.root(i);
            match slot.get(&root) {
                Some(&at) => groups[at].push(i),
                None => {
                    slot.insert(root, groups.len());
                    groups.push(vec![i]);
                }
            }
        }
        groups
    }
}
