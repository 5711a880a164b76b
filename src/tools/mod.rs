//! Tools off the product path: the synthetic data generator (`sample-data`) and the benchmark
//! (`bench`). The service never calls them.

pub mod bench;
pub mod feeds;
pub mod sample;
