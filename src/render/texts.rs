//! Wording of the documents: minijinja templates from `templates/` (policy staff edit them
//! without recompiling). `templates/nl.toml` holds the short texts (titles, labels, status words,
//! chart titles), `templates/uitleg.md.j2` the explanation page (`## ` headings, paragraphs
//! separated by blank lines, `- ` bullets). Copies are built into the binary as a fallback.
//! Reading the files is the caller's job (render does no I/O): see [`Texts::from_sources`].

use std::collections::BTreeMap;

use minijinja::{Environment, Value};

pub const EMBEDDED_LABELS: &str = include_str!("../../templates/nl.toml");
pub const EMBEDDED_EXPLANATION: &str = include_str!("../../templates/uitleg.md.j2");

#[derive(Debug, thiserror::Error)]
pub enum TextsError {
    #[error(
        "templates/nl.toml is not valid TOML: {0}\n  what to do: fix the line and column given"
    )]
    Toml(String),
    #[error("templates/nl.toml lacks the text(s) {0}\n  what to do: add them (see the copy in the repository)")]
    Missing(String),
    #[error("template {name:?} has an error: {source}\n  what to do: fix the template syntax (minijinja, like Jinja2)")]
    Template {
        name: String,
        #[source]
        source: minijinja::Error,
    },
}

pub struct Texts {
    env: Environment<'static>,
}

impl Texts {
    /// Builds the texts from the contents of `nl.toml` and `uitleg.md.j2`.
    pub fn from_sources(labels: &str, explanation: &str) -> Result<Self, TextsError> {
        let table: BTreeMap<String, String> =
            toml::from_str(labels).map_err(|e| TextsError::Toml(e.to_string()))?;
        // Every text of the built-in copy is needed.
        let required: BTreeMap<String, String> =
            toml::from_str(EMBEDDED_LABELS).expect("the built-in texts are valid TOML");
        let missing: Vec<&str> = required
            .keys()
            .map(String::as_str)
            .filter(|k| !table.contains_key(*k))
            .collect();
        if !missing.is_empty() {
            return Err(TextsError::Missing(missing.join(", ")));
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (k, v) in table {
            env.add_template_owned(k.clone(), v)
                .map_err(|source| TextsError::Template { name: k, source })?;
        }
        env.add_template_owned("uitleg", explanation.to_string())
            .map_err(|source| TextsError::Template {
                name: "uitleg.md.j2".into(),
                source,
            })?;
        Ok(Self { env })
    }

    /// The copies built into the binary.
    #[cfg(test)]
    pub fn embedded() -> Self {
        Self::from_sources(EMBEDDED_LABELS, EMBEDDED_EXPLANATION)
            .expect("embedded templates are valid")
    }

    /// Renders text `key` with `ctx`.
    pub fn get(&self, key: &str, ctx: &Value) -> Result<String, TextsError> {
        let t = self
            .env
            .get_template(key)
            .map_err(|source| TextsError::Template {
                name: key.to_string(),
                source,
            })?;
        t.render(ctx).map_err(|source| TextsError::Template {
            name: key.to_string(),
            source,
        })
    }

    /// Whether an optional text exists.
    #[cfg(test)]
    pub fn has(&self, key: &str) -> bool {
        self.env.get_template(key).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_texts_load() {
        let t = Texts::embedded();
        assert!(t.has("title"));
    }

    #[test]
    fn missing_keys_are_named() {
        let err = Texts::from_sources("title = \"x\"", "").err().unwrap();
        assert!(err.to_string().contains("subtitle_municipality"), "{err}");
    }
}
