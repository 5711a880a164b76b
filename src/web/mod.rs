//! The daemon's HTTP edge, in one place: the listener with its own accept loop (a connection
//! limit of its own, a header read time-out that also closes idle connections), the layers every
//! route shares (who the client is, a body read time-out and size limit, a request time-out,
//! security headers), and the siblings mounted on it: `api` (machines, one bearer token),
//! `console` (operators: named tokens or a trusted proxy's user header, sessions) and `portal`
//! (outside organisations' people: sign-in links by mail, uploads, their documents).
//!
//! `api` and `console` never import each other (`tests/it/architecture.rs`); what both need lives
//! here: `client` (the client's address, proxy-only headers refused from others), `throttle`
//! (failed guesses slowed, never the right token kept out), `secret` (tokens compared as
//! digests), `jobs` (submitting a regeneration to the worker), `download` (a report's file).
//!
//! Order of work for a request: the connection is accepted only while fewer than
//! `api.max_connections` are open; its headers must arrive within `api.header_timeout_secs`;
//! the client is identified (and a forged user header refused); the body is read whole, at most
//! [`MAX_BODY`] bytes within `api.body_timeout_secs`, *before* the request takes one of the
//! `api.max_requests` slots, so slow senders hold a connection but never a request slot; the
//! sign-in checks (API token, console session) run outside those slots too.

pub mod api;
pub mod client;
pub mod console;
pub mod daemon;
pub mod download;
mod edge;
pub mod html;
pub mod jobs;
pub mod local;
pub mod portal;
pub mod session;
pub mod state;
pub mod throttle;

pub use edge::{has_anything_to_serve, router, serve, Limits, MAX_BODY};
pub use state::{blocking, correlation_id, origin_view, Shared};
