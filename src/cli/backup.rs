//! `woonmonitor backup DIR [--keep N]`: back up the state folder (store, snapshots, report
//! archive, outbox) while the daemon runs, with a manifest of every file's SHA-256; with `--keep`
//! into a new dated folder in DIR, keeping only the newest N.

use std::path::PathBuf;

use super::error::Error;
use crate::config::{LoadOptions, Settings};
use crate::service::backup;

/// `woonmonitor backup`.
pub(super) fn run(load: &LoadOptions, dir: PathBuf, keep: Option<usize>) -> Result<(), Error> {
    let (settings, _) = Settings::load(load)?;
    let state = &settings.state.dir;
    let (dir, parent) = match keep {
        Some(_) => (
            dir.join(chrono::Utc::now().format("%Y-%m-%dT%H%M%SZ").to_string()),
            Some(dir),
        ),
        None => (dir, None),
    };
    let s = backup::backup(state, &state.display().to_string(), &dir)?;
    if let (Some(parent), Some(keep)) = (parent, keep) {
        for old in backup::prune(&parent, keep.max(1))? {
            outln!("removed the older backup {}", old.display());
        }
    }
    outln!(
        "backup of {} in {}: {} files, {} bytes, store schema version {}",
        state.display(),
        dir.display(),
        s.files,
        s.bytes,
        s.schema_version
    );
    Ok(())
}
