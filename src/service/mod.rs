//! The operated service: everything around the pipeline that keeps state. Pull and report runs
//! recorded in the state store, the scheduler tick, the outbox, the worker that serialises jobs,
//! the daemon loop and the HTTP API. The daemon, the operator commands and the API all call the
//! functions here, so every trigger leaves the same records.
//!
//! Files: `store` (SQLite state), `backup` (backup, verify, restore of a state folder), `lock` (one owner per state folder), `pull` (sources →
//! snapshots), `reporting` (report runs, hold and release), `tick` (what the scheduler starts),
//! `mail` (wording, messages, transport), `outbox` (sending with claims, retries and backoff),
//! `commands` (the operator commands, one code path whether run here or by the daemon),
//! `worker` (one job at a time), `local` (the daemon's local socket for operator commands),
//! `listings` (what `runs` and `mails` show, read here or asked of the daemon), `portal` (the
//! portal's previews, confirmed uploads, sign-in links; served by `http::portal`),
//! `daemon` (the long-running process), `http` (the HTTP edge: limits, client address,
//! throttle, and the `api` and `console` mounted on it).

pub mod backup;
pub mod commands;
pub mod fetch;
mod handle;
pub mod listings;
pub mod lock;
pub mod mail;
pub mod outbox;
pub mod portal;
pub mod pull;
pub mod recovery;
pub mod reporting;
pub mod retention;
pub mod secret;
pub mod tick;
pub mod worker;

mod error;

pub use crate::domain::Selection;
pub use error::{ErrorClass, ReportFileError, ServiceError};
pub use handle::{RenderSlot, Service};
