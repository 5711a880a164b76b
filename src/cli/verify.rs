//! `woonmonitor verify [DIR]`: check a state folder (default: the configured one) or a backup:
//! the store's integrity, every archived report and snapshot against its recorded hash, every
//! manifest entry. Exit 0 when clean, 1 with the list of what is wrong.

use std::path::PathBuf;

use super::error::Error;
use crate::config::{LoadOptions, Settings};
use crate::service::backup;

/// `woonmonitor verify`.
pub(super) fn run(load: &LoadOptions, dir: Option<PathBuf>) -> Result<(), Error> {
    let (settings, _) = Settings::load(load)?;
    let state = settings.state.dir.clone();
    let dir = dir.unwrap_or_else(|| state.clone());
    let problems = backup::verify(&dir, &state.display().to_string())?;
    if !problems.is_empty() {
        return Err(Error::Verify(problems));
    }
    outln!(
        "{}: clean (store, archived reports, snapshots)",
        dir.display()
    );
    Ok(())
}
