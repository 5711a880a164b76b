//! The `woonmonitor` binary: parse the command line, set up logging, hand over to the library.
#![forbid(unsafe_code)]

use clap::Parser;

// Ingest allocates millions of small strings on a national dataset; glibc's allocator spent
// ~40% of the run in malloc/free there (perf, docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = woonmonitor::cli::Cli::parse();
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_env("WOONMONITOR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // WOONMONITOR_LOG_FORMAT=json gives one JSON object per line (for log collectors).
    if std::env::var("WOONMONITOR_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().init();
    } else {
        builder.with_ansi(std::io::stderr().is_terminal()).init();
    }
    std::process::exit(woonmonitor::cli::run(cli));
}
