//! The three document types, laid out with [`Doc`]: `municipality` (for the council), `region`
//! (the overview) and `corporation`. `sections` holds what they share (status, key figures, the
//! explanation page), `charts` the monthly charts. Every count passes through suppression before
//! it is written; every word comes from the templates (`templates/nl.toml`).

mod blocks;
mod charts;
mod corporation;
mod ctx;
mod municipality;
mod region;
mod sections;

pub use corporation::corporation;
pub use municipality::municipality;
pub use region::{published_table as region_table, region};
