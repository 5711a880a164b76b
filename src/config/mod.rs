//! Settings: typed configuration loaded with the `config` crate from TOML and the environment.
//!
//! Layers, later ones win: `config/default.toml` (from the working directory, or the copy built
//! into the binary when that file is absent) and an optional `config/local.toml`, *or* the single
//! file given with `--config`; then environment variables `WOONMONITOR__SECTION__KEY`.
//! Unknown keys are an error (`deny_unknown_fields`). [`Settings::validate`] turns the raw values
//! into checked reference data ([`Reference`]) and reports every problem at once.
//!
//! Files: `settings` (the structs), `http` (the HTTP edge's settings and secrets), `load` (layers and environment), `check` (values TOML types
//! cannot express → [`Reference`]), `reference` (checked reference data with lookups).

mod check;
mod error;
mod http;
mod load;
mod reference;
mod secrets;
mod settings;

pub use error::ConfigError;
pub use http::*;
pub use load::{LoadOptions, EMBEDDED_DEFAULT};
pub use reference::{MunicipalityLookup, Reference};
pub use secrets::HttpSecrets;
pub use settings::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MunicipalityCode;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn load_with_env(vars: &[(&str, &str)]) -> Result<(Settings, Reference), ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, EMBEDDED_DEFAULT).unwrap();
        Settings::load(&LoadOptions {
            file: Some(path),
            env: Some(
                vars.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
        })
    }

    #[test]
    fn embedded_default_is_valid() {
        let (s, r) = load_with_env(&[]).unwrap();
        assert_eq!(r.municipalities.len(), 16);
        assert_eq!(s.privacy.threshold, 5);
        assert_eq!(
            r.municipality_name(&MunicipalityCode::parse("GM0344").unwrap()),
            Some("Utrecht")
        );
    }

    #[test]
    fn environment_overrides_nested_keys() {
        let (s, _) = load_with_env(&[
            ("WOONMONITOR__PRIVACY__THRESHOLD", "3"),
            ("WOONMONITOR__OUTPUT__DIR", "/tmp/elders"),
        ])
        .unwrap();
        assert_eq!(s.privacy.threshold, 3);
        assert_eq!(s.output.dir, PathBuf::from("/tmp/elders"));
    }

    #[test]
    fn unknown_time_zone_is_an_error() {
        let err =
            load_with_env(&[("WOONMONITOR__SCHEDULE__TIMEZONE", "Mars/Olympus")]).unwrap_err();
        assert!(err.to_string().contains("Mars/Olympus"), "{err}");
        let (s, _) =
            load_with_env(&[("WOONMONITOR__SCHEDULE__TIMEZONE", "Europe/Brussels")]).unwrap();
        assert_eq!(s.time_zone(), chrono_tz::Europe::Brussels);
    }

    #[test]
    fn unknown_key_is_an_error() {
        let err = load_with_env(&[("WOONMONITOR__OUTPUT__DIRR", "x")]).unwrap_err();
        assert!(err.to_string().contains("dirr"), "{err}");
    }

    #[test]
    fn plain_smtp_is_only_allowed_on_loopback() {
        let with_smtp = |host: &str, tls: &str| {
            load_with_env(&[
                ("WOONMONITOR__MAIL__SMTP__HOST", host),
                ("WOONMONITOR__MAIL__SMTP__PORT", "25"),
                ("WOONMONITOR__MAIL__SMTP__TLS", tls),
            ])
        };
        assert!(with_smtp("127.0.0.1", "none").is_ok());
        assert!(with_smtp("localhost", "none").is_ok());
        let err = with_smtp("smtp.example.nl", "none").unwrap_err();
        assert!(
            err.to_string()
                .contains("only allowed for a relay on loopback"),
            "{err}"
        );
        assert!(with_smtp("smtp.example.nl", "starttls").is_ok());
        assert!(with_smtp("smtp.example.nl", "ssl3").is_err());
    }

    #[test]
    fn recipients_must_name_configured_audiences() {
        let err = load_with_env(&[("WOONMONITOR__API__BIND", "127.0.0.1:1")]).map(|_| ());
        assert!(err.is_ok());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            format!("{EMBEDDED_DEFAULT}\n[[recipients]]\naudience = \"municipality\"\ncode = \"GM9999\"\nemail = \"x@example.nl\"\n[[recipients]]\naudience = \"region\"\nemail = \"not-an-address\"\n"),
        )
        .unwrap();
        let err = Settings::load(&LoadOptions {
            file: Some(path),
            env: Some(BTreeMap::new()),
        })
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("GM9999") && err.contains("not-an-address"),
            "{err}"
        );
    }

    #[test]
    fn invalid_municipality_code_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            EMBEDDED_DEFAULT.replace("code = \"GM0344\"", "code = \"GM344\""),
        )
        .unwrap();
        let err = Settings::load(&LoadOptions {
            file: Some(path),
            env: Some(BTreeMap::new()),
        })
        .unwrap_err();
        assert!(err.to_string().contains("GM344"), "{err}");
    }

    #[test]
    fn a_recipient_gets_its_audiences_reports_of_the_spans_it_asked_for() {
        use crate::domain::{Audience, Span};
        let r: settings::RecipientSetting = toml::from_str(
            "audience = \"municipality\"\ncode = \"GM0344\"\nemail = \"griffie@example.nl\"\nreports = [\"quarter\", \"year\"]",
        )
        .unwrap();
        let utrecht = Audience::Municipality("gm0344".into());
        assert!(r.gets(&utrecht, Span::Quarter) && r.gets(&utrecht, Span::Year));
        assert!(!r.gets(&utrecht, Span::Month), "not the months");
        assert!(!r.gets(&Audience::Municipality("GM0321".into()), Span::Quarter));
        assert!(!r.gets(&Audience::Region, Span::Quarter));
        assert_eq!(r.as_audience(), Audience::Municipality("GM0344".into()));
        let monthly: settings::RecipientSetting =
            toml::from_str("audience = \"region\"\nemail = \"regio@example.nl\"").unwrap();
        assert!(monthly.gets(&Audience::Region, Span::Month));
        assert!(!monthly.gets(&Audience::Region, Span::Year));
    }
}
