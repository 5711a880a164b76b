//! Loading the settings: one file from `--config`; or, without it, `config/default.toml` and
//! `config/local.toml` in the working directory (a checkout); or, where there is none, the
//! installed service's [`INSTALLED`] (the Debian package's, so `woonmonitor runs` acts on the
//! installed service from any folder); or the built-in copy. Then `WOONMONITOR__SECTION__KEY`
//! environment variables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::error::ConfigError;
use super::reference::Reference;
use super::settings::Settings;

/// The configuration of an installed service (the Debian package's conffile).
pub const INSTALLED: &str = "/etc/woonmonitor/woonmonitor.toml";

/// Where settings come from.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// A complete configuration file replacing `config/default.toml` + `config/local.toml`.
    pub file: Option<PathBuf>,
    /// Environment variables to use instead of the process environment (tests).
    pub env: Option<BTreeMap<String, String>>,
}

impl Settings {
    /// Loads and checks the settings; every problem is reported, not just the first.
    pub fn load(opts: &LoadOptions) -> Result<(Settings, Reference), ConfigError> {
        use config::{Config, Environment, File, FileFormat};
        let mut builder = Config::builder();
        match &opts.file {
            Some(path) => {
                if !path.exists() {
                    return Err(ConfigError::Missing(path.clone()));
                }
                builder = builder.add_source(File::from(path.as_path()).format(FileFormat::Toml));
            }
            None => {
                let default = Path::new("config/default.toml");
                let installed = Path::new(INSTALLED);
                // An installed service's configuration that this user may not read is said so,
                // not passed over for the built-in one (which would act on another state).
                if !default.exists() {
                    if let Err(source) = std::fs::File::open(installed) {
                        if source.kind() == std::io::ErrorKind::PermissionDenied {
                            return Err(ConfigError::Unreadable {
                                path: installed.to_path_buf(),
                                source,
                            });
                        }
                    }
                }
                builder = if default.exists() {
                    builder.add_source(File::from(default).format(FileFormat::Toml))
                } else if installed.exists() {
                    builder.add_source(File::from(installed).format(FileFormat::Toml))
                } else {
                    builder.add_source(File::from_str(EMBEDDED_DEFAULT, FileFormat::Toml))
                };
                builder = builder.add_source(
                    File::from(Path::new("config/local.toml"))
                        .format(FileFormat::Toml)
                        .required(false),
                );
            }
        }
        let mut env = Environment::with_prefix("WOONMONITOR")
            .prefix_separator("__")
            .separator("__")
            .try_parsing(true);
        if let Some(vars) = &opts.env {
            env = env.source(Some(vars.clone().into_iter().collect()));
        }
        let settings: Settings = builder.add_source(env).build()?.try_deserialize()?;
        let reference = settings.validate()?;
        Ok((settings, reference))
    }
}

/// The default configuration, compiled in so the binary runs from any directory.
pub const EMBEDDED_DEFAULT: &str = include_str!("../../config/default.toml");
