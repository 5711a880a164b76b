//! `woonmonitor restore DIR --state NEWDIR`: restore a backup (verified first) into a new, empty
//! state folder, and say what to do next (the configuration, the mails queued or held).

use std::path::Path;

use super::error::Error;
use crate::service::backup;

/// `woonmonitor restore`.
pub(super) fn run(dir: &Path, state: &Path) -> Result<(), Error> {
    let s = backup::restore(dir, state, &state.display().to_string())?;
    outln!(
        "restored {} files from {} into {} (store schema version {}; {} file names moved to the new folder)",
        s.files,
        dir.display(),
        state.display(),
        s.schema_version,
        s.renamed
    );
    outln!("next:");
    outln!(
        "  - set state.dir = {:?} in the configuration, then start the daemon",
        state.display().to_string()
    );
    outln!("  - {} mail(s) queued at backup time will be sent once at its first start; {} held mail(s) wait for `woonmonitor release`", s.queued, s.held);
    outln!("  - {} mail(s) were sent before the backup and stay sent; any mail sent after the backup was taken will be sent again (with its original Message-ID, so a mail system can recognise the duplicate)", s.sent);
    Ok(())
}
