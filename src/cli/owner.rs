//! Operator commands run by root on an installed service act as the service's user: when the
//! state folder (or its nearest existing parent) belongs to another user, the command runs
//! itself again as that user and group. Files it creates (the store's journal, snapshots,
//! reports) then stay the service's, and the daemon can always open them.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::Path;

use super::error::Error;

/// Set in the environment of the command run again, so it never loops.
const AGAIN: &str = "WOONMONITOR_AS_STATE_OWNER";

/// Runs this command again as the owner of `state` when root runs it and another user owns the
/// state; returns only when nothing needs to change.
pub fn become_state_owner(state: &Path) -> Result<(), Error> {
    let me = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
    if me != Some(0) || std::env::var_os(AGAIN).is_some() {
        return Ok(());
    }
    let owner = state
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find_map(|p| std::fs::metadata(p).ok());
    let Some(meta) = owner.filter(|m| m.uid() != 0) else {
        return Ok(());
    };
    let exe = std::env::current_exe().map_err(|e| {
        Error::Usage(format!(
            "cannot find this program to run it as the service's user: {e}"
        ))
    })?;
    tracing::debug!(
        uid = meta.uid(),
        "running again as the owner of the state folder"
    );
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .uid(meta.uid())
        .gid(meta.gid())
        .env(AGAIN, "1")
        .exec();
    Err(Error::Usage(format!(
        "cannot act as the owner of {} (uid {}): {err}\n  what to do: run the command as that user (e.g. `runuser -u woonmonitor -- woonmonitor …`)",
        state.display(),
        meta.uid()
    )))
}
