//! Row validation: each raw row becomes a typed record or a [`Rejection`] with a reason in Dutch
//! (the rejected-rows files are read by policy advisors).
//!
//! Rules: required fields filled; municipality code well-formed and in the configured region;
//! dates readable (ISO `2026-10-31` or Dutch `31-10-2026`), real, not after the run date and not
//! before `reference.earliest_date`;
//! housed/withdrawn not before received; ids unique (the first accepted occurrence counts).
//! All problems of a row are listed, separated by `; `.
//!
//! Files: `dates` (date cells), the rules per source (`applications`, `deliveries`,
//! `commitments`), and `merge` (joining parallel chunks in file order and judging duplicates).

mod applications;
mod commitments;
mod dates;
mod deliveries;
mod kind;
mod merge;
#[cfg(test)]
mod tests;

pub use crate::ingest::records::Problem;
pub use applications::{application_warnings, ApplicationRules};
pub use commitments::{commitment_warnings, CommitmentRules};
pub use dates::{parse_date, DateProblem};
pub use deliveries::{delivery_warnings, DeliveryRules};
pub use kind::{ChunkOut, Interner, Key, Kind, Pending, PendingKey, RowIn};
pub use merge::{merge, Merged};
