//! `woonmonitor daemon [--once]`: run as a service (scheduled pulls and monthly reports, mail,
//! the operators' API) until stopped, or one scheduler pass and one mail pass.

use super::error::{runtime, Error};
use crate::service::Service;
use crate::web::daemon::{self, DaemonOptions};

/// `woonmonitor daemon`.
pub(super) fn run(service: Service, once: bool) -> Result<(), Error> {
    runtime().block_on(daemon::run(service, DaemonOptions { once }))?;
    Ok(())
}
