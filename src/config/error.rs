//! `ConfigError`: what can be wrong with the configuration, and what to do about it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration: {0}\n  what to do: check the file name and the TOML syntax at the position given")]
    Load(#[from] config::ConfigError),
    #[error("configuration file {0} does not exist\n  what to do: pass an existing file with --config, or omit --config to use config/default.toml")]
    Missing(PathBuf),
    #[error("configuration file {path} cannot be read: {source}\n  what to do: run the command as root or as a member of the group woonmonitor (`adduser NAME woonmonitor`, then log in again), or pass a configuration of your own with --config")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("configuration is invalid:\n{}", .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
}
