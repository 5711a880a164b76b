//! `woonmonitor daemon [--once]`: run as a service (scheduled pulls and monthly reports, mail,
//! the operators' API) until stopped, or one scheduler pass and one mail pass.

use super::error::{runtime, Error};
use crate::service::Service;
use crate::web::daemon::{self, DaemonOptions};

/// `woonmonitor daemon`.
pub(super) fn run(service: Service, once: bool) -> Result<(), Error> {
    let rt = runtime();
    let r = crate::threads::drive(&rt, daemon::run(service, DaemonOptions { once }));
    // A job abandoned at shutdown may still be finishing on its blocking thread: not waited for.
    rt.shutdown_timeout(std::time::Duration::from_secs(5));
    r?;
    Ok(())
}
