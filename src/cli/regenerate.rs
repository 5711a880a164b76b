//! `woonmonitor regenerate`: generate the reports of a period again from the latest snapshots
//! (all, or one municipality, corporation or the region), optionally mailing them; done through
//! `operator` (by the daemon or under the state lock).

use super::error::Error;
use super::operator;
use crate::domain::ReportPeriod;
use crate::service::commands::Command;
use crate::service::{Selection, Service};

/// `woonmonitor regenerate --period P [--municipality M | --corporation C | --region] [--send]`.
pub(super) fn run(
    service: &Service,
    period: ReportPeriod,
    municipality: Option<String>,
    corporation: Option<String>,
    region: bool,
    send: bool,
) -> Result<(), Error> {
    let selection = match (municipality, corporation, region) {
        (Some(m), _, _) => Selection::Municipality(m),
        (_, Some(c), _) => Selection::Corporation(c),
        (_, _, true) => Selection::Region,
        _ => Selection::All,
    };
    // An unknown code is a usage error before anything runs.
    let selection = service.check_selection(&selection)?;
    operator::run(
        service,
        Command::Regenerate {
            period,
            selection,
            send,
        },
    )
}
