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

/// `println!` for the command line's standard output that ends the process quietly (exit 0) when
/// the reader has gone (`woonmonitor runs | head -1`, `… | grep -q`), instead of panicking with
/// "failed printing to stdout: Broken pipe". Any other write error also ends it, with exit 1.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::write_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` with the behaviour of [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::write_stdout(format_args!($($arg)*)) };
}

/// Writes to standard output for [`outln!`]/[`out!`]: a reader that has gone ends the process
/// with exit 0 (it asked for no more), any other failure with exit 1 and a message.
pub(crate) fn write_stdout(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: could not write to standard output: {e}");
        std::process::exit(1);
    }
}

pub mod cli;
pub(crate) mod clock;
pub(crate) mod compute;
pub mod config;
pub mod domain;
pub(crate) mod export;
pub mod files;
pub mod ingest;
pub(crate) mod pipeline;
pub mod publication;
pub(crate) mod render;
pub(crate) mod schedule;
pub mod schema;
pub mod service;
pub mod store;
pub mod threads;
pub(crate) mod tools;
pub mod web;
