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
mod cli_rejections;
mod commitments;
mod console;
mod console_http;
mod console_portal;
mod daemon;
mod delivery;
mod delivery_transport;
mod edge;
mod edge_load;
mod feeds;
mod feeds_late;
mod forecast;
mod freeze;
mod full_disk;
mod fuzz;
mod hostile_workbooks;
mod inflation;
mod low_ones;
mod openapi;
mod pdf_conformance;
mod portal;
mod portal_attacks;
mod portal_deadlines;
mod portal_uploads;
mod privacy;
mod report_periods;
mod reports;
mod service;
mod service_api;
mod service_periods;
mod trust;
mod upgrade;
mod year;
