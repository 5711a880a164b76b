//! The boundaries of docs/ARCHITECTURE.md, checked on the source: which top-level module may use
//! which (`crate::<module>` paths outside test code), and that no source file outgrows 700 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and the modules it may use. A layer only uses the ones below it.
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("schema", &[]),
    ("clock", &[]),
    ("files", &[]),
    ("schedule", &["clock", "domain"]),
    ("config", &["domain", "schema", "schedule"]),
    ("ingest", &["config", "domain", "schema"]),
    ("compute", &["config", "domain", "ingest", "schema"]),
    ("export", &["compute", "files", "ingest"]),
    ("render", &["compute", "domain", "files"]),
    (
        "pipeline",
        &[
            "compute", "config", "domain", "export", "files", "ingest", "render", "schema",
        ],
    ),
    (
        "service",
        &[
            "clock", "config", "domain", "files", "ingest", "pipeline", "render", "schedule",
            "schema",
        ],
    ),
    ("tools", &["config", "domain", "files", "pipeline"]),
    (
        "cli",
        &[
            "clock", "config", "domain", "files", "pipeline", "service", "tools",
        ],
    ),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its `#[cfg(test)] mod tests` part.
fn non_test_code(p: &Path) -> String {
    let s = std::fs::read_to_string(p).unwrap();
    match s.find("#[cfg(test)]\nmod tests") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut problems = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "main" || top == "lib" || rel.ends_with("tests.rs") {
            continue;
        }
        let Some(ok) = allowed.get(top.as_str()) else {
            problems.push(format!(
                "{}: module {top} is not in the table",
                rel.display()
            ));
            continue;
        };
        let code = non_test_code(f);
        for (i, _) in code.match_indices("crate::") {
            let used: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if used != top && allowed.contains_key(used.as_str()) && !ok.contains(used.as_str()) {
                problems.push(format!("{} uses crate::{used}", rel.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_layer_table_has_no_cycle() {
    let deps: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    fn reaches(deps: &BTreeMap<&str, &[&str]>, from: &str, to: &str, depth: usize) -> bool {
        depth < 32
            && deps[from]
                .iter()
                .any(|d| *d == to || reaches(deps, d, to, depth + 1))
    }
    for m in deps.keys() {
        assert!(!reaches(&deps, m, m, 0), "{m} depends on itself");
    }
    // The command line is an edge: nothing depends on it.
    assert!(deps.values().all(|d| !d.contains(&"cli")));
}

#[test]
fn no_source_file_is_over_700_lines() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let long: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("tests.rs"))
        .map(|f| (f, non_test_code(f).lines().count()))
        .filter(|(_, n)| *n > 700)
        .map(|(f, n)| format!("{} has {n} lines", f.display()))
        .collect();
    assert!(long.is_empty(), "split these along their seams: {long:?}");
}
