//! Tools off the product path: the synthetic data generator (`sample-data`) and the benchmarks
//! (`bench`, `bench --portal-preview`). The service never calls them.

pub mod bench;
pub mod bench_preview;
pub mod feeds;
pub mod sample;
