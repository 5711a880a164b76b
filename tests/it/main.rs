//! The integration tests, in one binary: one link of Polars for them all, and shared helpers
//! (`tests/support`: a real SMTP server, HTTPS sources, the PDF validators, a WebDriver client).
//! Each module drives the real binary or the library against real files, a real SQLite file, a
//! real local SMTP server, real HTTP on loopback or a real browser; docs/ARCHITECTURE.md says
//! what each one covers.

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod backup;
mod cli;
mod commitments;
mod console;
mod daemon;
mod delivery;
mod edge;
mod feeds;
mod forecast;
mod fuzz;
mod hostile_workbooks;
mod openapi;
mod portal;
mod portal_attacks;
mod privacy;
mod reports;
mod service;
mod trust;
mod upgrade;
