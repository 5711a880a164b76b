//! woonmonitor: monitors supply and demand of homes for people leaving shelter (maatschappelijke
//! opvang, MO) and sheltered living (beschermd wonen, BW) in a Dutch region.
//!
//! Layers (see docs/ARCHITECTURE.md, "Boundaries"; a layer only calls the ones below it):
//! - Foundation, depending on nothing else in the crate: [`domain`] (newtypes), [`schema`] (source
//!   kinds and canonical columns), [`clock`] (time zone, today, generation time), [`files`]
//!   (atomic writes, hashes), [`schedule`] (pure calendar rules).
//! - [`config`]: settings and checked reference data.
//! - The pipeline, one module per stage: [`ingest`] (source files → accepted records + rejected
//!   rows), [`compute`] (records → [`compute::Figures`] with Polars; no I/O, deterministic),
//!   [`export`] (figures → CSV/JSON), [`render`] (figures → Dutch PDF reports; no I/O,
//!   deterministic), and [`pipeline`], the one run of all stages for a period.
//! - [`service`]: the operated service around the pipeline (state store, pulls, report runs,
//!   outbox, worker, daemon, HTTP API).
//! - [`tools`]: off the product path (synthetic data, benchmark).
//! - [`cli`]: the command line, an edge: nothing in the library depends on it.

#![forbid(unsafe_code)]

pub mod cli;
pub(crate) mod clock;
pub(crate) mod compute;
pub mod config;
pub mod domain;
pub(crate) mod export;
pub(crate) mod files;
pub mod ingest;
pub(crate) mod pipeline;
pub(crate) mod render;
pub(crate) mod schedule;
pub mod schema;
pub mod service;
pub(crate) mod tools;
