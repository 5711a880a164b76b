//! The source schema, declared once: the kinds of source the monitor reads and the canonical
//! columns of each (see docs/DATA.md). Ingest addresses a column by its index constant (e.g.
//! [`application::RECEIVED_ON`]); configuration checks and messages use the names.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The one group under which every value of a coded column (origin, housing form, corporation)
/// that is not in the reference data is counted, everywhere a figure goes: documents, annexes,
/// tables, exports and the API ("overig" in the documents). A value only a few rows carry may be
/// a person's name typed in the wrong column, so such a value is never published; the operator
/// is told of a value that at least `privacy.threshold` rows share (a new label or a typo).
pub const OTHER: &str = "(overig)";

/// A canonical column of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    /// A row without it is rejected; a file without it is refused.
    pub required: bool,
}

/// Declares a source's columns in order: an index constant per column and `COLUMNS`.
macro_rules! columns {
    ($(#[$meta:meta])* pub mod $module:ident { $($konst:ident = $name:literal $(($req:ident))?),* $(,)? }) => {
        $(#[$meta])*
        pub mod $module {
            use $crate::schema::Column;
            columns!(@index 0usize; $($konst)*);
            /// The canonical columns, in order (the index constants point into this list).
            pub const COLUMNS: &[Column] = &[$(Column { name: $name, required: columns!(@req $($req)?) }),*];
        }
    };
    (@index $n:expr; ) => {};
    (@index $n:expr; $head:ident $($tail:ident)*) => {
        pub const $head: usize = $n;
        columns!(@index $n + 1; $($tail)*);
    };
    (@req required) => { true };
    (@req) => { false };
}

columns! {
    /// Applications (aanvragen), one row per application, from the matching organisation.
    pub mod application {
        ID = "application_id" (required),
        RECEIVED_ON = "received_on" (required),
        MUNICIPALITY = "municipality_code" (required),
        ORIGIN = "origin" (required),
        HOUSING_FORM = "housing_form",
        CORPORATION = "corporation",
        HOUSED_ON = "housed_on",
        WITHDRAWN_ON = "withdrawn_on",
    }
}

columns! {
    /// Deliveries (beschikbaar gestelde woningen), one row per home, from the corporations.
    pub mod delivery {
        DWELLING_ID = "dwelling_id" (required),
        CORPORATION = "corporation" (required),
        MUNICIPALITY = "municipality_code" (required),
        DELIVERED_ON = "delivered_on" (required),
        HOUSING_FORM = "housing_form",
        APPLICATION_ID = "application_id",
    }
}

columns! {
    /// Commitments (afspraken): bounds a corporation declared for a municipality and year.
    pub mod commitment {
        YEAR = "year" (required),
        CORPORATION = "corporation" (required),
        MUNICIPALITY = "municipality_code" (required),
        LOWER = "lower" (required),
        UPPER = "upper" (required),
    }
}

/// The kinds of source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Applications,
    Deliveries,
    Commitments,
}

impl SourceKind {
    pub const ALL: [SourceKind; 3] = [
        SourceKind::Applications,
        SourceKind::Deliveries,
        SourceKind::Commitments,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Applications => "applications",
            SourceKind::Deliveries => "deliveries",
            SourceKind::Commitments => "commitments",
        }
    }

    /// The canonical columns of this kind.
    pub fn columns(self) -> &'static [Column] {
        match self {
            SourceKind::Applications => application::COLUMNS,
            SourceKind::Deliveries => delivery::COLUMNS,
            SourceKind::Commitments => commitment::COLUMNS,
        }
    }

    /// Whether a run needs this source (commitments are optional).
    pub fn is_required(self) -> bool {
        !matches!(self, SourceKind::Commitments)
    }

    /// The names of the canonical columns.
    pub fn column_names(self) -> Vec<&'static str> {
        self.columns().iter().map(|c| c.name).collect()
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a source kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a source kind; expected applications, deliveries or commitments")]
pub struct UnknownSourceKind(pub String);

impl FromStr for SourceKind {
    type Err = UnknownSourceKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SourceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownSourceKind(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_constants_point_at_their_columns() {
        assert_eq!(
            application::COLUMNS[application::HOUSED_ON].name,
            "housed_on"
        );
        assert_eq!(
            delivery::COLUMNS[delivery::DELIVERED_ON].name,
            "delivered_on"
        );
        assert_eq!(commitment::COLUMNS[commitment::UPPER].name, "upper");
        let required: Vec<_> = SourceKind::Applications
            .columns()
            .iter()
            .filter(|c| c.required)
            .map(|c| c.name)
            .collect();
        assert_eq!(
            required,
            [
                "application_id",
                "received_on",
                "municipality_code",
                "origin"
            ]
        );
        assert!(commitment::COLUMNS.iter().all(|c| c.required));
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in SourceKind::ALL {
            assert_eq!(k.as_str().parse::<SourceKind>(), Ok(k));
        }
        assert!("aanvragen".parse::<SourceKind>().is_err());
    }
}
