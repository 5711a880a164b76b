//! The crate's layers: which top-level module may use which (`crate::<module>` paths outside test
//! code). A layer only uses the ones below it; the three rooms of the operated service go
//! store < service < web < cli, and `web` never names the store.

use std::collections::{BTreeMap, BTreeSet};

use super::source::{crate_sources, used_paths};

/// Each top-level module and the modules it may use.
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("schema", &[]),
    ("clock", &[]),
    ("files", &["threads"]),
    ("threads", &[]),
    ("publication", &["files", "threads"]),
    ("schedule", &["clock", "domain"]),
    ("config", &["domain", "schema", "schedule"]),
    ("store", &["domain", "files", "schema", "threads"]),
    ("ingest", &["config", "domain", "schema"]),
    ("compute", &["config", "domain", "ingest", "schema"]),
    ("export", &["compute", "domain", "files", "ingest"]),
    ("render", &["compute", "domain", "files", "schema"]),
    (
        "pipeline",
        &[
            "compute",
            "config",
            "domain",
            "export",
            "files",
            "ingest",
            "publication",
            "render",
            "schema",
            "threads",
        ],
    ),
    (
        "service",
        &[
            "clock",
            "compute",
            "config",
            "domain",
            "files",
            "ingest",
            "pipeline",
            "render",
            "publication",
            "schedule",
            "schema",
            "store",
            "threads",
        ],
    ),
    (
        "web",
        &[
            "clock",
            "config",
            "domain",
            "files",
            "publication",
            "render",
            "schedule",
            "schema",
            "service",
            "store",
            "threads",
        ],
    ),
    (
        "tools",
        &[
            "config", "domain", "files", "pipeline", "service", "threads",
        ],
    ),
    (
        "cli",
        &[
            "clock", "config", "domain", "files", "pipeline", "service", "store", "threads",
            "tools", "web",
        ],
    ),
];

#[test]
fn modules_use_only_the_layers_below_them() {
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let mut problems = Vec::new();
    for s in crate_sources() {
        let Some(top) = s.module.first() else {
            continue; // lib.rs
        };
        if top == "main" {
            continue;
        }
        let Some(ok) = allowed.get(top.as_str()) else {
            problems.push(format!(
                "{}: module {top} is not in the table",
                s.rel.display()
            ));
            continue;
        };
        for path in used_paths(&s.code, &s.module) {
            let Some(used) = path.first() else { continue };
            if used != top && allowed.contains_key(used.as_str()) && !ok.contains(used.as_str()) {
                problems.push(format!(
                    "{} uses crate::{}",
                    s.rel.display(),
                    path.join("::")
                ));
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
fn the_layer_table_has_no_cycle_and_the_rooms_go_store_service_web_cli() {
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
    for (lower, upper) in [("store", "service"), ("service", "web"), ("web", "cli")] {
        assert!(reaches(&deps, upper, lower, 0), "{upper} is above {lower}");
        assert!(!reaches(&deps, lower, upper, 0), "{lower} is below {upper}");
    }
}
