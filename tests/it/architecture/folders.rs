//! Inside every folder of `src/`, imports go one way: no file uses an item of an enclosing
//! folder's `mod.rs` or `lib.rs` (those are tables of contents: a file names the sibling that
//! defines what it uses), and the children of a folder (files and sub-folders) can be put in an
//! order where each only uses those before it.

use std::collections::{BTreeMap, BTreeSet};

use super::source::{crate_sources, is_folder_file, used_paths, Source};

/// Every module of the crate, and which of them are folders: those with modules of their own
/// (`mod.rs`, `lib.rs`, or `domain.rs` beside `domain/`).
fn modules(srcs: &[Source]) -> (BTreeSet<Vec<String>>, BTreeSet<Vec<String>>) {
    let all: BTreeSet<Vec<String>> = srcs.iter().map(|s| s.module.clone()).collect();
    let folders = all
        .iter()
        .filter(|m| !m.is_empty())
        .map(|m| m[..m.len() - 1].to_vec())
        .chain(
            srcs.iter()
                .filter(|s| is_folder_file(&s.rel))
                .map(|s| s.module.clone()),
        )
        .collect();
    (all, folders)
}

/// The longest prefix of `path` that is a module.
fn module_prefix<'p>(path: &'p [String], all: &BTreeSet<Vec<String>>) -> &'p [String] {
    (0..=path.len())
        .rev()
        .map(|n| &path[..n])
        .find(|p| all.contains(*p))
        .unwrap_or(&[])
}

/// What goes wrong in `srcs`: files that use an item of an enclosing folder's table of contents.
fn items_of_enclosing_folders(srcs: &[Source]) -> Vec<String> {
    let (all, folders) = modules(srcs);
    let mut found = Vec::new();
    for s in srcs {
        for path in used_paths(&s.code, &s.module) {
            let m = module_prefix(&path, &all);
            let names_item = path.len() > m.len();
            let inside = s.module.len() > m.len() && s.module[..m.len()] == *m;
            if names_item && inside && folders.contains(m) {
                let file = if m.is_empty() {
                    "lib.rs".to_string()
                } else {
                    format!("the table of contents of crate::{}", m.join("::"))
                };
                found.push(format!(
                    "{} uses crate::{} from {file}: name the file that defines it",
                    s.rel.display(),
                    path.join("::")
                ));
            }
        }
    }
    found
}

#[test]
fn no_file_uses_an_item_of_an_enclosing_folders_mod_rs() {
    let found = items_of_enclosing_folders(&crate_sources());
    assert!(
        found.is_empty(),
        "imports running back up:\n{}",
        found.join("\n")
    );
}

/// For each folder, its children's imports of each other: child → children it uses.
fn sibling_graphs(srcs: &[Source]) -> BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> {
    let (all, folders) = modules(srcs);
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for f in &folders {
        let g = graphs.entry(f.clone()).or_default();
        for m in &all {
            if m.len() == f.len() + 1 && m[..f.len()] == *f {
                g.entry(m[f.len()].clone()).or_default();
            }
        }
    }
    for s in srcs {
        for path in used_paths(&s.code, &s.module) {
            let m = module_prefix(&path, &all);
            // The folder both sit in: the longest common prefix, when the paths part below it.
            let common = s.module.iter().zip(m).take_while(|(a, b)| a == b).count();
            if common < s.module.len() && common < m.len() {
                let folder = s.module[..common].to_vec();
                if let Some(g) = graphs.get_mut(&folder) {
                    g.entry(s.module[common].clone())
                        .or_default()
                        .insert(m[common].clone());
                }
            }
        }
    }
    graphs
}

/// A cycle in `graph`, if it has one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == n) {
            let mut c = path[at..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for next in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn inside_every_folder_the_imports_go_one_way() {
    let graphs = sibling_graphs(&crate_sources());
    assert!(
        graphs.len() > 15,
        "the folders were read: {:?}",
        graphs.keys()
    );
    let cycles: Vec<String> = graphs
        .iter()
        .filter_map(|(folder, g)| {
            cycle(g).map(|c| {
                let f = if folder.is_empty() {
                    "src".to_string()
                } else {
                    format!("src/{}", folder.join("/"))
                };
                format!("{f}: {}", c.join(" → "))
            })
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "imports that run back up inside a folder:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_checks_see_an_import_running_back_up() {
    // A child that uses its folder's table of contents, and two siblings in a circle through a
    // third: both are found.
    let src = |rel: &str, code: &str| Source {
        rel: rel.into(),
        module: super::source::module_of(std::path::Path::new(rel)),
        code: code.to_string(),
    };
    let srcs = [
        src("lib.rs", "pub mod a;"),
        src("a/mod.rs", "mod b; mod c; mod d; pub use b::Thing;"),
        src("a/b.rs", "use super::Thing; use super::c::X;"),
        src("a/c.rs", "use super::d::Y;"),
        src("a/d.rs", "use crate::a::b::Z;"),
    ];
    let found = items_of_enclosing_folders(&srcs);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("a/b.rs uses crate::a::Thing"),
        "{found:?}"
    );
    let graphs = sibling_graphs(&srcs);
    let c = cycle(&graphs[&vec!["a".to_string()]]).expect("the circle b → c → d → b");
    assert_eq!(c.len(), 4, "{c:?}");
}
