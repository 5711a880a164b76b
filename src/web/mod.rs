//! The web edge, the top of three rooms (store < service < web): axum serving the API (machines,
//! one bearer token), the console (operators) and the portal (outside organisations' people),
//! and around them the process itself: `daemon` (the long-running process: the minute tick, the
//! mail pass, the HTTP listener, graceful shutdown) and `local` (the daemon's local socket for
//! operator commands).
//!
//! Rooms, from the bottom up (`tests/it/architecture/rooms.rs`): `client` (who is asking),
//! `throttle` (failed guesses slowed), `state` (what the sites are built from), `html`
//! (templates, Dutch error pages, security headers), `download`, `jobs` (a regeneration handed
//! to the worker), `session` (the one session layer: cookies, CSRF, Origin, time-outs, audit),
//! then the sites `api`, `console` and `portal` (which never use each other), `edge` (the
//! listener, the layers every route shares, the router that mounts the sites), `local` and
//! `daemon`.
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
