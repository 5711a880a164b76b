//! woonmonitor: monitors supply and demand of homes for people leaving shelter (maatschappelijke
//! opvang, MO) and sheltered living (beschermd wonen, BW) in a Dutch region.
//!
//! The pipeline, one module per stage (see docs/ARCHITECTURE.md):
//! - [`ingest`]: source files (CSV/xlsx) → accepted records + rejected rows with reasons.
//! - [`compute`]: records → [`compute::Figures`] with Polars; no I/O, deterministic.
//! - [`export`]: figures → CSV/JSON files for policy advisors.
//! - [`render`]: figures → Dutch PDF reports with charts; no I/O, deterministic.
//! - [`run`]: the one pipeline for a period, used by every trigger.
//!
//! Around it: [`config`] (settings and reference data), [`domain`] (newtypes), [`sample`]
//! (synthetic data), [`cli`] (the command line).

pub mod api;
pub mod bench;
pub mod cli;
pub mod compute;
pub mod config;
pub mod daemon;
pub mod deliver;
pub mod domain;
pub mod export;
pub mod ingest;
pub mod render;
pub mod run;
pub mod sample;
pub mod schedule;
pub mod service;
pub mod sources;
pub mod store;
