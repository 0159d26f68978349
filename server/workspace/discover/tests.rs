//! Discovery's order and its answers from the walk's listings.

use super::*;
use crate::workspace::environments_for;

/// Writes `{}` at `path` under `root`, making its directories.
fn write_empty(root: &Path, path: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, "{}\n").expect("write");
}

/// The environments found from a walk's listings are the ones the file system gives, in
/// every layout and odd case: a symlinked environment, a broken platform.yaml symlink, a
/// platform.yaml that is a directory, `platform.yml`, an environment named like a directory
/// the walk skips, the `.floe/` base, the flat fallbacks, and no platform at all.
#[cfg(unix)]
#[test]
fn environments_from_the_walk_are_the_file_systems() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path();
    let write = |path: &str| write_empty(root, path);
    let mkdir = |path: &str| std::fs::create_dir_all(root.join(path)).expect("mkdir");
    let link = |target: &str, path: &str| {
        std::os::unix::fs::symlink(root.join(target), root.join(path)).expect("symlink")
    };
    write("a/floe.yaml");
    write("a/platform/local/platform.yaml");
    write("a/platform/prod/platform.yml");
    write("a/platform/target/platform.yaml");
    mkdir("a/platform/dir/platform.yaml");
    write("a/platform/dir/platform.yml");
    mkdir("a/platform/empty");
    write("a/platform/notes.txt");
    link("shared/env", "a/platform/linked");
    write("shared/env/platform.yaml");
    mkdir("a/platform/broken");
    link("nowhere", "a/platform/broken/platform.yaml");
    write("b/floe.yaml");
    write("b/.floe/dev/platform.yaml");
    write("c/floe.yaml");
    write("c/platform/platform.yaml");
    write("d/floe.yaml");
    write("d/platform.yaml");
    write("e/floe.yaml");
    mkdir("e/platform");
    for threads in [Some(1), Some(2)] {
        let projects = discover_with(&[root.to_path_buf()], &Selection::default(), threads)
            .expect("discovered");
        let mut seen = 0;
        for project in &projects {
            let Some(floe) = &project.floe else { continue };
            let dir = floe.parent().expect("a directory");
            let (environments, searched) = environments_for(dir, &Selection::default());
            assert_eq!(project.environments, environments, "{}", dir.display());
            assert_eq!(project.searched, searched, "{}", dir.display());
            let names: Vec<&str> = environments.iter().map(|e| e.name.as_str()).collect();
            let expected: &[&str] = match dir.file_name().and_then(|n| n.to_str()) {
                Some("a") => &["broken", "dir", "linked", "local", "prod", "target"],
                Some("b") => &["dev"],
                Some("c" | "d") => &["local"],
                _ => &[],
            };
            assert_eq!(names, expected, "{}", dir.display());
            seen += 1;
        }
        assert_eq!(seen, 5, "{threads:?}");
    }
}

/// Projects come out in path order (component by component, as `Path` sorts), on one thread
/// or several, whatever order the directory listings give: names that sort differently as
/// whole strings (`a/…` against `a-b/…` and `a.b/…`), a floe.yaml beside subdirectories
/// whose names sort before and after it, platform files on their own, and a directory wide
/// enough to be walked side by side.
#[test]
fn projects_come_in_path_order_on_any_number_of_threads() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path();
    let write = |path: &str| write_empty(root, path);
    let mut dirs: Vec<String> = ["a", "a-b", "a.b", "B", "z", "m/alpha", "m/zeta"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    dirs.extend((0..40).map(|n| format!("wide/{}", 40 - n)));
    for dir in &dirs {
        write(&format!("{dir}/floe.yaml"));
        write(&format!("{dir}/platform/local/platform.yaml"));
    }
    write("m/floe.yaml");
    write("lone/platform.yaml");
    for threads in [Some(1), Some(2), Some(5)] {
        let projects = discover_with(&[root.to_path_buf()], &Selection::default(), threads)
            .expect("discovered");
        let floes: Vec<&PathBuf> = projects.iter().filter_map(|p| p.floe.as_ref()).collect();
        let mut expected = floes.clone();
        expected.sort();
        assert_eq!(floes, expected, "{threads:?}");
        assert_eq!(floes.len(), dirs.len() + 1, "{threads:?}");
        let lone: Vec<&Project> = projects.iter().filter(|p| p.floe.is_none()).collect();
        assert_eq!(lone.len(), 1, "{threads:?}");
    }
    // A floe.yaml above the walked directory is still its platform files' partner (asked of
    // the file system: the walk did not list it).
    let projects = discover_with(&[root.join("a/platform")], &Selection::default(), Some(2))
        .expect("discovered");
    let floes: Vec<&PathBuf> = projects.iter().filter_map(|p| p.floe.as_ref()).collect();
    assert_eq!(floes, [&root.join("a/floe.yaml")]);
    // Enough of them to be asked side by side, each in place.
    let given: Vec<PathBuf> = (1..=40)
        .map(|n| root.join(format!("wide/{n}/platform")))
        .collect();
    let projects = discover_with(&given, &Selection::default(), Some(2)).expect("discovered");
    let floes: Vec<PathBuf> = projects.iter().filter_map(|p| p.floe.clone()).collect();
    let mut expected: Vec<PathBuf> = (1..=40)
        .map(|n| root.join(format!("wide/{n}/floe.yaml")))
        .collect();
    expected.sort();
    assert_eq!(floes, expected);
    assert!(projects.iter().all(|p| p.environments.len() == 1));
}
