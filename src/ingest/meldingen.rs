//! The Dutch texts the operator and the corporations read about a delivery (why a file was
//! refused, columns left out, values not in the reference data), from `templates/meldingen.toml`
//! (built in: this stage does no I/O). Only the rejected rows' reasons are written in the
//! validators themselves: they are part of the rejected-rows file's data and are counted by
//! their shape (`reasons`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use minijinja::{Environment, Value};

const EMBEDDED: &str = include_str!("../../templates/meldingen.toml");

fn texts() -> &'static BTreeMap<String, String> {
    static TEXTS: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    TEXTS.get_or_init(|| toml::from_str(EMBEDDED).expect("templates/meldingen.toml is valid TOML"))
}

/// The text `key` with `ctx` filled in. Values are inserted as they are (no HTML escaping: a
/// web page escapes them when it shows the text).
pub fn text(key: &str, ctx: Value) -> String {
    let Some(template) = texts().get(key) else {
        // A key the code uses is missing from the file: a test below catches it.
        return key.to_string();
    };
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.render_str(template, ctx)
        .unwrap_or_else(|_| template.clone())
}

/// A value from a delivered file as a text shows it: quotes, backslashes and control
/// characters escaped as before between quotes (`{:?}`), so a cell cannot break a line of the
/// log or a mail.
pub fn shown(value: &str) -> String {
    value.escape_debug().to_string()
}

#[cfg(test)]
mod tests {
    use minijinja::context;

    use super::*;

    /// Every source file under `dir`.
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    /// The keys `meldingen::text` is called with in the crate's sources.
    fn keys_in_code() -> Vec<String> {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
        let mut files = Vec::new();
        sources(dir, &mut files);
        let mut keys = Vec::new();
        // This file names the call in its own tests.
        for f in files.iter().filter(|f| !f.ends_with("meldingen.rs")) {
            let code = std::fs::read_to_string(f).unwrap();
            for (at, _) in code.match_indices("meldingen::text(") {
                let rest = code[at + 16..].trim_start();
                if !rest.starts_with('"') {
                    continue;
                }
                let key = rest[1..].split('"').next().unwrap();
                keys.push(key.to_string());
            }
        }
        keys
    }

    #[test]
    fn the_code_and_the_file_name_the_same_texts() {
        let used = keys_in_code();
        assert!(used.len() >= 14, "{used:?}");
        for key in &used {
            let t = texts()
                .get(key)
                .unwrap_or_else(|| panic!("{key} missing from the file"));
            assert!(!t.is_empty());
            assert_ne!(text(key, context! {}), *key);
        }
        for key in texts().keys() {
            assert!(
                used.contains(key),
                "{key} is in the file but no code uses it"
            );
        }
    }

    #[test]
    fn a_value_from_a_file_cannot_break_a_line() {
        let t = text(
            "kolom_ongebruikt",
            context! { kop => shown("Opmerking\nregel 2 \"x\"") },
        );
        assert!(!t.contains('\n'), "{t}");
        assert!(
            t.starts_with(r#"kolom "Opmerking\nregel 2 \"x\"" wordt"#),
            "{t}"
        );
    }

    #[test]
    fn values_are_filled_in_unescaped() {
        let t = text(
            "kolom_ongebruikt",
            context! { kop => "Opmerking <intern> & \"x\"" },
        );
        assert!(
            t.starts_with("kolom \"Opmerking <intern> & \"x\"\" wordt niet gebruikt"),
            "{t}"
        );
    }
}
