//! Reading the crate's source for the architecture tests: the files, their module paths, the code
//! without tests, comments and literals, and every crate path a file names (`crate::a::b`,
//! grouped imports, `super::` chains, resolved in the inline module they are written in).

use std::path::{Path, PathBuf};

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted.
pub fn sources(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// The code of a file without its `#[cfg(test)] mod tests` part.
pub fn non_test_code(p: &Path) -> String {
    let s = std::fs::read_to_string(p).unwrap();
    match s.find("#[cfg(test)]\nmod tests") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The code without `//` comments.
pub fn without_comments(code: &str) -> String {
    code.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a file is test code as a whole (`tests.rs` beside the code it tests).
pub fn is_test_file(p: &Path) -> bool {
    p.ends_with("tests.rs") || p.components().any(|c| c.as_os_str() == "tests")
}

/// The module path of a source file relative to `src/` (`web/console/pages.rs` →
/// `web::console::pages`; `lib.rs` → the root, `[]`).
pub fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect();
    if parts.last().is_some_and(|p| p == "mod") || parts == ["lib"] {
        parts.pop();
    }
    parts
}

/// Whether a module file is a folder's table of contents (`mod.rs`, `lib.rs`).
pub fn is_folder_file(rel: &Path) -> bool {
    rel.ends_with("mod.rs") || rel == Path::new("lib.rs")
}

/// The code with comments, string and character literals blanked out (same length, same
/// lines): what is left are the paths and braces of the code itself.
pub fn skeleton(code: &str) -> String {
    let b = code.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            let end = code[i..].find('\n').map_or(b.len(), |e| i + e);
            blank(&mut out, i, end);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let end = code[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'r' && (b[i..].starts_with(b"r\"") || b[i..].starts_with(b"r#")) {
            let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let close = format!("\"{}", "#".repeat(hashes));
            let start = i + 2 + hashes;
            let end = code[start..]
                .find(&close)
                .map_or(b.len(), |e| start + e + close.len());
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, (j + 1).min(b.len()));
            i = j + 1;
        } else if b[i] == b'\'' {
            // A character literal ('x', '\n', '\u{e9}', 'é'), else a lifetime.
            if b.get(i + 1) == Some(&b'\\') {
                let end = code[i + 2..].find('\'').map_or(b.len(), |e| i + 2 + e + 1);
                blank(&mut out, i, end);
                i = end;
            } else {
                let ch = code[i + 1..].chars().next().map_or(1, char::len_utf8);
                if b.get(i + 1 + ch) == Some(&b'\'') {
                    blank(&mut out, i, i + 2 + ch);
                    i += 2 + ch;
                } else {
                    i += 1;
                }
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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

/// Every crate path `code` names, absolute (segments after `crate`): `crate::a::b`,
/// `$crate::a`, `use crate::{a, b::c}`, `super::x`, `super::super::y`. `module` is the file's
/// module; a `super::` inside an inline `mod name { … }` is resolved from that inline module.
pub fn used_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let code = skeleton(code);
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    // The inline modules open at this point, with the brace depth they close at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < code.len() {
        let at_word = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':');
        let here = || {
            let mut m = module.to_vec();
            m.extend(inline.iter().map(|(n, _)| n.clone()));
            m
        };
        if bytes[i] == b'{' {
            depth += 1;
            i += 1;
        } else if bytes[i] == b'}' {
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            depth = depth.saturating_sub(1);
            i += 1;
        } else if at_word && bytes[i..].starts_with(b"mod ") {
            let rest = &code[i + 4..];
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let after = rest.trim_start()[name.len()..].trim_start();
            if !name.is_empty() && after.starts_with('{') {
                inline.push((name, depth + 1));
            }
            i += 4;
        } else if at_word && bytes[i..].starts_with(b"crate::") {
            expand(Vec::new(), &code[i + 7..], &mut out);
            i += 7;
        } else if at_word && bytes[i..].starts_with(b"super::") {
            let mut base = here();
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

/// One source file of the crate, read for the checks.
pub struct Source {
    /// Relative to `src/`.
    pub rel: PathBuf,
    pub module: Vec<String>,
    /// The code without its `#[cfg(test)] mod tests` part.
    pub code: String,
}

/// Every file under `src/` that is not test code as a whole.
pub fn crate_sources() -> Vec<Source> {
    let src = root().join("src");
    sources(&src)
        .into_iter()
        .filter(|f| !is_test_file(f.strip_prefix(&src).unwrap()))
        .map(|f| {
            let rel = f.strip_prefix(&src).unwrap().to_path_buf();
            Source {
                module: module_of(&rel),
                code: non_test_code(&f),
                rel,
            }
        })
        .collect()
}

#[test]
fn grouped_imports_super_paths_and_inline_modules_are_seen() {
    let m: Vec<String> = ["web", "console", "session"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let code = "use crate::{pipeline::{self, x}, render};\nuse super::super::api::ApiError;\nlet a = super::view::page();\n// crate::tools in a comment\nlet s = \"crate::files in a string {\";\nlet b = my_crate::nothing;\npub mod palette {\n    use super::Rgb8;\n    fn f() { let c = '{'; }\n}\nlet d = super::state::St;\n";
    let got: Vec<String> = used_paths(code, &m).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        got,
        [
            "pipeline",
            "pipeline::x",
            "render",
            "web::api::ApiError",
            "web::console::view::page",
            "web::console::session::Rgb8",
            "web::console::state::St",
        ]
    );
}
