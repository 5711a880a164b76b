//! The boundaries of docs/ARCHITECTURE.md, checked on the source: which top-level module may use
//! which (`crate::<module>` paths outside test code), and that no file of the code or its tests
//! outgrows 700 lines.

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
    ("export", &["compute", "domain", "files", "ingest"]),
    ("render", &["compute", "domain", "files", "schema"]),
    (
        "pipeline",
        &[
            "compute", "config", "domain", "export", "files", "ingest", "render", "schema",
        ],
    ),
    (
        "service",
        &[
            "clock", "compute", "config", "domain", "files", "ingest", "pipeline", "render",
            "schedule", "schema",
        ],
    ),
    (
        "tools",
        &["config", "domain", "files", "pipeline", "service"],
    ),
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

/// The module path of a source file (`src/service/http/api.rs` → `service::http::api`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code without `//` comments (doc comments name paths too).
fn without_comments(code: &str) -> String {
    code.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands a path that may continue with a `{…}` group into every path it names.
fn expand(prefix: Vec<String>, rest: &str, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    let mut s = rest.trim_start();
    loop {
        let ident: String = s
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !ident.is_empty() {
            s = &s[ident.len()..];
            if ident != "self" {
                path.push(ident);
            }
            match s.strip_prefix("::") {
                Some(r) => s = r.trim_start(),
                None => break,
            }
        } else if let Some(r) = s.strip_prefix('{') {
            // The group's items, split at top-level commas.
            let (mut depth, mut start) = (0usize, 0usize);
            let mut end = r.len();
            for (i, c) in r.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        end = i;
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(path.clone(), &r[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(path.clone(), &r[start..end], out);
            return;
        } else {
            break;
        }
    }
    out.push(path);
}

/// Every crate path a file names, absolute (`crate::a::b`, `use crate::{a, b::c}`,
/// `super::x`, `super::super::y`), as segments after `crate`.
fn used_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let code = without_comments(code);
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let at_word = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':');
        if at_word && bytes[i..].starts_with(b"crate::") {
            expand(Vec::new(), &code[i + 7..], &mut out);
            i += 7;
        } else if at_word && bytes[i..].starts_with(b"super::") {
            let mut base = module.to_vec();
            let mut j = i;
            while code[j..].starts_with("super::") {
                base.pop();
                j += 7;
            }
            expand(base, &code[j..], &mut out);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Inside a module, sibling modules that must not use each other.
const APART: &[(&str, &str)] = &[
    ("service::http::api", "service::http::console"),
    ("service::http::api", "service::http::portal"),
    ("service::http::console", "service::http::portal"),
];

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
        let module = module_of(rel);
        let top = module[0].clone();
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
        let here = module.join("::");
        for path in used_paths(&non_test_code(f), &module) {
            let Some(used) = path.first() else { continue };
            if *used != top && allowed.contains_key(used.as_str()) && !ok.contains(used.as_str()) {
                problems.push(format!("{} uses crate::{}", rel.display(), path.join("::")));
            }
            let full = path.join("::");
            for (a, b) in APART {
                for (from, to) in [(a, b), (b, a)] {
                    let inside =
                        |m: &str, root: &str| m == root || m.starts_with(&format!("{root}::"));
                    if inside(&here, from) && inside(&full, to) {
                        problems.push(format!(
                            "{} uses crate::{full} ({from} and {to} stay apart)",
                            rel.display()
                        ));
                    }
                }
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
fn grouped_imports_and_super_paths_are_seen() {
    let m: Vec<String> = ["service", "http", "console", "session"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let code = "use crate::{pipeline::{self, x}, render};\nuse super::super::api::ApiError;\nlet a = super::view::page();\n// crate::tools in a comment\nlet b = my_crate::nothing;";
    let got: Vec<String> = used_paths(code, &m).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        got,
        [
            "pipeline",
            "pipeline::x",
            "render",
            "service::http::api::ApiError",
            "service::http::console::view::page",
        ]
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
    // Every file counts with all its lines: the code, its unit tests (`tests.rs` files and
    // `#[cfg(test)]` modules) and the integration tests alike.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "tools"] {
        if root.join(dir).is_dir() {
            sources(&root.join(dir), &mut files);
        }
    }
    files.sort();
    let main = root.join("tests/it/main.rs");
    assert!(files.contains(&main), "the tests were read: {files:?}");
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(_, n)| *n > 700)
        .map(|(f, n)| format!("{} has {n} lines", f.strip_prefix(&root).unwrap().display()))
        .collect();
    assert!(long.is_empty(), "split these along their seams: {long:?}");
}

#[test]
fn no_two_sibling_files_import_each_other() {
    // Regression: ingest/feed.rs and ingest/project.rs used each other (the column-mapping
    // helpers now live in ingest/mapping.rs). A circle between siblings means a concept is
    // split across them.
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(f.strip_prefix(&src).unwrap()), f.clone()))
        .collect();
    let mut edges = BTreeSet::new();
    for (m, f) in &modules {
        if f.ends_with("tests.rs") {
            continue;
        }
        for path in used_paths(&non_test_code(f), m) {
            // The longest prefix of the path that is a module of its own.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains_key(p));
            if let Some(t) = target {
                if &t != m && t.len() == m.len() && t[..t.len() - 1] == m[..m.len() - 1] {
                    edges.insert((m.join("::"), t.join("::")));
                }
            }
        }
    }
    let circles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(
        circles.is_empty(),
        "sibling modules that use each other: {circles:?}"
    );
}

#[test]
fn one_version_each_of_the_crates_we_pin_beside_polars_and_lopdf() {
    // Regression: two versions each of sha2, rand and rand_distr were built because the direct
    // pins lagged what polars and lopdf use (double compile time, two implementations).
    let lock =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
            .unwrap();
    let mut versions: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for package in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            package
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim().trim_matches('"'))
        };
        if let (Some(name), Some(version)) = (field("name = "), field("version = ")) {
            versions.entry(name).or_default().push(version);
        }
    }
    assert!(versions.contains_key("polars"), "Cargo.lock was read");
    for name in [
        "sha2",
        "rand",
        "rand_distr",
        "rand_chacha",
        "polars",
        "printpdf",
        "lopdf",
    ] {
        let v = versions.get(name).cloned().unwrap_or_default();
        assert!(v.len() <= 1, "{name} in {} versions: {v:?}", v.len());
    }
}

#[test]
fn the_annex_writer_spawns_no_thread_per_worksheet() {
    // Regression: rust_xlsxwriter assembles each worksheet on a thread of its own; a national run
    // spawned 2,663 threads for its annexes and rendering took a third longer
    // (vendor/README.md). The build uses the vendored copy, and that copy spawns nothing.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    let entry = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"rust_xlsxwriter\""))
        .expect("rust_xlsxwriter is in Cargo.lock");
    assert!(
        !entry.contains("source = "),
        "rust_xlsxwriter comes from a registry, not vendor/: {entry}"
    );
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("rust_xlsxwriter = { path = \"vendor/rust_xlsxwriter\" }"),
        "the [patch.crates-io] entry for rust_xlsxwriter is missing"
    );
    let vendored = root.join("vendor/rust_xlsxwriter/src");
    let mut files = Vec::new();
    sources(&vendored, &mut files);
    assert!(
        files.len() > 50,
        "the vendored sources were read: {files:?}"
    );
    for f in files {
        let code = without_comments(&std::fs::read_to_string(&f).unwrap());
        for spawn in ["thread::scope", "thread::spawn", "scope.spawn"] {
            assert!(
                !code.contains(spawn),
                "{} uses {spawn}",
                f.strip_prefix(&root).unwrap_or(&f).display()
            );
        }
    }
}

/// The code of every source file of the console and the portal (without tests and comments).
fn web_sites_code() -> Vec<(PathBuf, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for site in ["console", "portal"] {
        sources(&root.join("src/service/http").join(site), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let code = without_comments(&non_test_code(&f));
            (f, code)
        })
        .collect()
}

#[test]
fn the_console_and_the_portal_leave_cookies_csrf_and_origin_to_the_session_layer() {
    let mut found = Vec::new();
    for (f, code) in web_sites_code() {
        for (i, line) in code.lines().enumerate() {
            for needle in [
                "HttpOnly",
                "SameSite",
                "Max-Age",
                "constant_time_eq",
                "header::ORIGIN",
                "header::REFERER",
                "\"origin\"",
                "\"referer\"",
                "forwarded-proto",
                "fn csrf_ok",
                "fn check_csrf",
                "fn same_origin",
                "fn set_cookie",
                "fn clear_cookie",
                "session_cookie(",
            ] {
                if line.contains(needle) {
                    found.push(format!("{}:{}: {needle}", f.display(), i + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "cookie, CSRF or Origin logic outside http/session.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_word_on_a_web_page_comes_from_the_templates() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let texts: BTreeMap<String, String> = toml::from_str(
        &std::fs::read_to_string(root.join("templates/web/berichten.toml")).unwrap(),
    )
    .unwrap();
    let mut sentences = Vec::new();
    let mut missing = Vec::new();
    let mut files = web_sites_code();
    for f in ["session.rs", "web.rs"] {
        let p = root.join("src/service/http").join(f);
        let code = without_comments(&non_test_code(&p));
        files.push((p, code));
    }
    for (f, code) in &files {
        for (i, line) in code.lines().enumerate() {
            if line.contains("tracing::") || line.trim_start().starts_with('#') {
                continue;
            }
            // A sentence or title in the code (a capital, then words): a text of its own.
            let mut rest = line;
            while let Some(start) = rest.find('"') {
                let after = &rest[start + 1..];
                let Some(end) = after.find('"') else { break };
                let lit = &after[..end];
                let mut chars = lit.chars();
                if chars.next().is_some_and(|c| c.is_uppercase())
                    && chars.next().is_some_and(|c| c.is_lowercase())
                    && lit.contains(' ')
                    && !f.ends_with("web.rs")
                {
                    sentences.push(format!("{}:{}: {lit:?}", f.display(), i + 1));
                }
                rest = &after[end + 1..];
            }
            // Every text key the code asks for is in berichten.toml.
            for call in [
                "text(\"",
                "bad(\"",
                "Forbidden(\"",
                "title: \"",
                "text: \"",
                "(\"portaal_",
            ] {
                let mut rest = line;
                while let Some(at) = rest.find(call) {
                    let after = &rest[at + call.len()..];
                    let tail: String = after
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    let prefix = call.strip_prefix("(\"").unwrap_or("");
                    let key = format!("{prefix}{tail}");
                    if !tail.is_empty()
                        && after[tail.len()..].starts_with('"')
                        && !texts.contains_key(&key)
                    {
                        missing.push(format!("{}:{}: {key}", f.display(), i + 1));
                    }
                    rest = &after[tail.len()..];
                }
            }
        }
    }
    assert!(
        sentences.is_empty(),
        "words of a web page in the code (put them in templates/web):\n{}",
        sentences.join("\n")
    );
    assert!(
        missing.is_empty(),
        "texts the code uses that templates/web/berichten.toml does not have:\n{}",
        missing.join("\n")
    );
}

/// The rooms of `service`, each with the rooms it may use: a room only uses the ones below it.
/// `mod` is `service/mod.rs` itself (the `Service` handle, `ServiceError`, the render slot): it
/// uses nothing above it, and every room above may use it.
const SERVICE_ROOMS: &[(&str, &[&str])] = &[
    ("store", &[]),
    ("lock", &[]),
    ("secret", &[]),
    ("mail", &["store"]),
    ("fetch", &["store"]),
    ("mod", &["fetch", "lock", "mail", "store"]),
    ("listings", &["mod", "store"]),
    ("backup", &["lock", "mod", "store"]),
    ("retention", &["mod", "store"]),
    ("recovery", &["mod", "retention", "store"]),
    ("outbox", &["mail", "mod", "store"]),
    ("pull", &["fetch", "mail", "mod", "store"]),
    ("reporting", &["mail", "mod", "pull", "store"]),
    (
        "portal",
        &[
            "fetch",
            "mail",
            "mod",
            "pull",
            "reporting",
            "secret",
            "store",
        ],
    ),
    (
        "tick",
        &["mail", "mod", "portal", "reporting", "retention", "store"],
    ),
    (
        "commands",
        &[
            "backup",
            "mod",
            "outbox",
            "portal",
            "pull",
            "reporting",
            "retention",
            "store",
        ],
    ),
    (
        "worker",
        &["commands", "mod", "outbox", "reporting", "store", "tick"],
    ),
    ("local", &["commands", "listings", "mod", "store", "worker"]),
    (
        "http",
        &[
            "commands",
            "fetch",
            "lock",
            "mail",
            "mod",
            "outbox",
            "portal",
            "pull",
            "reporting",
            "secret",
            "store",
            "worker",
        ],
    ),
    (
        "daemon",
        &[
            "http", "local", "lock", "mod", "outbox", "recovery", "store", "tick", "worker",
        ],
    ),
];

/// The room of `service` a crate path is in (`None`: outside `service`).
fn service_room(path: &[String], rooms: &BTreeSet<&str>) -> Option<String> {
    if path.first().map(String::as_str) != Some("service") {
        return None;
    }
    Some(match path.get(1) {
        Some(r) if rooms.contains(r.as_str()) => r.clone(),
        // `crate::service::Service`, `ServiceError`, …: defined in mod.rs.
        _ => "mod".to_string(),
    })
}

#[test]
fn the_service_rooms_use_only_the_rooms_below_them() {
    // Regression: mod.rs and pull.rs, outbox.rs and reporting/ used each other (mod.rs sent mail
    // and re-exported the runs' types), and service/portal used http::secret.
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, BTreeSet<&str>> = SERVICE_ROOMS
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let rooms: BTreeSet<&str> = allowed.keys().copied().collect();
    let mut files = Vec::new();
    sources(&src.join("service"), &mut files);
    let mut problems = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        if rel.ends_with("tests.rs") {
            continue;
        }
        let module = module_of(rel);
        let here = match module.get(1) {
            None => "mod".to_string(),
            Some(r) => r.clone(),
        };
        let Some(ok) = allowed.get(here.as_str()) else {
            problems.push(format!(
                "{}: room {here} is not in the table",
                rel.display()
            ));
            continue;
        };
        let code = non_test_code(f);
        let mut used = used_paths(&code, &module);
        // mod.rs names its child rooms without a prefix (`store::StoreError`).
        if here == "mod" {
            for line in without_comments(&code).lines() {
                let t = line.trim_start();
                if t.starts_with("pub mod ") || t.starts_with("mod ") {
                    continue;
                }
                for room in &rooms {
                    let needle = format!("{room}::");
                    for (at, _) in line.match_indices(&needle) {
                        let before = line[..at].chars().last();
                        if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':')) {
                            used.push(vec!["service".to_string(), room.to_string()]);
                        }
                    }
                }
            }
        }
        for path in used {
            let Some(room) = service_room(&path, &rooms) else {
                continue;
            };
            if room != here && !ok.contains(room.as_str()) {
                problems.push(format!(
                    "{} ({here}) uses crate::{} ({room})",
                    rel.display(),
                    path.join("::")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the service's layering broken:\n{}",
        problems.join("\n")
    );
    // The table itself goes one way.
    fn reaches(deps: &BTreeMap<&str, BTreeSet<&str>>, from: &str, to: &str, depth: usize) -> bool {
        depth < 32
            && deps[from]
                .iter()
                .any(|d| *d == to || reaches(deps, d, to, depth + 1))
    }
    for m in allowed.keys() {
        assert!(!reaches(&allowed, m, m, 0), "{m} depends on itself");
    }
}
