//! The state store: one SQLite file (WAL mode, versioned migrations) holding runs, source
//! snapshots, generated reports, the e-mail outbox and the scheduler's last fire times.
//!
//! Every state change that must survive a crash is one transaction. The outbox has a unique
//! `dedup_key` per (period, audience, recipient) for automatic sends, so a report is queued for a
//! recipient at most once however often the run is retried. Values with a fixed set of states are
//! enums (`kinds`), stored as text under CHECK constraints.
//!
//! One file per table group: `runs`, `snapshots` (snapshots, source checks, run links),
//! `reports` (reports, recorded with their mails and the run's outcome), `outbox` (mails and the
//! outbox's blocked state), `jobs` (work accepted by the API), `audit` (operators' actions, and
//! what each report run read per feed), `sessions` (the console's sessions), `portal` (outside
//! organisations' accounts, sign-in links, sessions and uploads), `backup` (consistent copies, integrity, the files the
//! store names), `schedule_state`; the schema is in `migrations`.

mod audit;
mod backup;
mod connection;
mod intake;
mod jobs;
mod kinds;
mod migrations;
mod outbox;
mod pool;
mod portal;
mod reports;
mod runs;
mod schedule_state;
mod sessions;
mod snapshots;
#[cfg(test)]
mod tests;

pub use audit::{AuditRow, NewAudit, RunSource};
pub use backup::FileRef;
pub use connection::{connections_opened, parse_ts, ts, Result, Store, StoreError};
pub use intake::{ApplicationDecision, HeldDelivery, NewHold};
pub use jobs::JobRow;
pub use kinds::{Failure, JobStatus, MailStatus, RunKind, RunStatus, Trigger};
pub use outbox::{NewMail, OutboxRow, OutboxState};
pub use pool::{Pool, Pooled, SIZE as POOL_SIZE};
pub use portal::{Account, CommitmentRow, NewUpload, Organisation, PortalSession, Upload};
pub use reports::{NewReport, NewWarning, ReportRow, WarningRow};
pub use runs::{Run, RunOutcome};
pub use sessions::{NewSession, SessionRow};
pub use snapshots::{NewSnapshot, Snapshot};
