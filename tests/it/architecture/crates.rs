//! The crates we build with and the size of our files: one version of each crate we pin, the
//! vendored annex writer that spawns no threads, and no source file over 700 lines.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::source::{sources, without_comments};

#[test]
fn no_source_file_is_over_700_lines() {
    // Every file counts with all its lines: the code, its unit tests (`tests.rs` files and
    // `#[cfg(test)]` modules) and the integration tests alike.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "tools"] {
        if root.join(dir).is_dir() {
            files.extend(sources(&root.join(dir)));
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
    let files = sources(&vendored);
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
