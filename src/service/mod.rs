//! The operated service, the middle of three rooms (the store below, the web edge above):
//! everything around the pipeline that keeps state. Pull and report runs recorded in the store,
//! the scheduler tick, the outbox, the worker that serialises jobs, the portal's work apart from
//! HTTP, and the operator commands. The daemon, the command line, the API, the console and the
//! portal all call the functions here, so every trigger leaves the same records.
//!
//! Rooms, from the bottom up (`tests/it/architecture/rooms.rs` keeps the order): `lock` (one
//! owner per state folder), `secret` (tokens as digests), `mail` (wording, messages, transport),
//! `fetch` (one feed into a snapshot), `error` (`ServiceError`), `handle` (the `Service` handle),
//! `listings` (what `runs` and `mails` show), `backup` (backup, verify, restore), `retention`,
//! `recovery` (what a crash left half done), `outbox` (sending with claims, retries, backoff),
//! `pull` (sources → snapshots), `reporting` (report runs, hold and release), `portal` (previews,
//! confirmed uploads, sign-in links, commitments), `tick` (what the scheduler starts),
//! `commands` (the operator commands as values), `worker` (one job at a time).

pub mod backup;
pub mod commands;
pub mod fetch;
mod handle;
pub mod health;
pub mod intake;
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
