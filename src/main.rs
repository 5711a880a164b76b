//! The `woonmonitor` binary: parse the command line, set up logging, hand over to the library.

use clap::Parser;

fn main() {
    let cli = woonmonitor::cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("WOONMONITOR_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    std::process::exit(woonmonitor::cli::run(cli));
}
