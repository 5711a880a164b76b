//! The web layer's rules: cookies, CSRF and the Origin check only in the session layer, and every
//! word on a web page from `templates/web`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::source::{non_test_code, sources, without_comments};

/// The code of every source file of the console and the portal (without tests and comments).
fn web_sites_code() -> Vec<(PathBuf, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for site in ["console", "portal"] {
        files.extend(sources(&root.join("src/web").join(site)));
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
        "cookie, CSRF or Origin logic outside web/session.rs:\n{}",
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
    for f in ["session.rs", "html.rs"] {
        let p = root.join("src/web").join(f);
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
                    && !f.ends_with("html.rs")
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
