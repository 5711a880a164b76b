//! The typed values of the state store. Each is stored as text (with a CHECK constraint in the
//! schema) and compared as an enum in the code.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::AudienceKind;
use crate::schema::SourceKind;

/// Declares an enum stored as text: `as_str`, `parse`, `Display`, serde and SQLite conversions.
macro_rules! text_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),*
                }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = value.as_str()?;
                $name::parse(s).ok_or_else(|| {
                    FromSqlError::Other(format!("{s:?} is not a {}", stringify!($name)).into())
                })
            }
        }
    };
}

text_enum! {
    /// What a run did.
    pub enum RunKind {
        Pull = "pull",
        Report = "report",
        /// Retention: snapshots and internal figures past their time deleted.
        Purge = "purge",
    }
}

text_enum! {
    /// What started a run.
    pub enum Trigger {
        /// The scheduler, on time.
        Scheduled = "scheduled",
        /// The scheduler, for a fire time missed while the daemon was down.
        CatchUp = "catch-up",
        /// An operator command.
        Manual = "manual",
        /// The HTTP API.
        Api = "api",
    }
}

text_enum! {
    pub enum RunStatus {
        Running = "running",
        Succeeded = "succeeded",
        Failed = "failed",
        /// Reports made, mails waiting for an operator's release.
        Held = "held",
    }
}

text_enum! {
    /// Why a run failed.
    pub enum Failure {
        /// The run itself stopped with an error.
        Error = "error",
        /// The process stopped during the run (found at the next start).
        Interrupted = "interrupted",
        /// The run took longer than `schedule.run_timeout_secs` and was abandoned.
        TimedOut = "timed-out",
    }
}

text_enum! {
    pub enum MailStatus {
        /// Waiting for the release of a held run.
        Held = "held",
        /// Waiting for its (next) attempt.
        Pending = "pending",
        /// Handed to the transport; not yet confirmed.
        Sending = "sending",
        Sent = "sent",
        Failed = "failed",
        /// Withdrawn by an operator before it was sent.
        Cancelled = "cancelled",
    }
}

text_enum! {
    pub enum JobStatus {
        Queued = "queued",
        Running = "running",
        Succeeded = "succeeded",
        Failed = "failed",
    }
}

/// Implements the SQLite conversions for an enum defined elsewhere with `as_str`/parsing.
macro_rules! sql_text {
    ($ty:ty, $parse:expr) => {
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }
        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = value.as_str()?;
                let parse: fn(&str) -> Option<$ty> = $parse;
                parse(s).ok_or_else(|| {
                    FromSqlError::Other(format!("{s:?} is not a {}", stringify!($ty)).into())
                })
            }
        }
    };
}

sql_text!(SourceKind, |s| s.parse().ok());
sql_text!(AudienceKind, AudienceKind::parse);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Trigger::ALL {
            assert_eq!(Trigger::parse(k.as_str()), Some(*k));
        }
        assert_eq!(Trigger::CatchUp.to_string(), "catch-up");
        assert_eq!(
            serde_json::to_string(&MailStatus::Pending).unwrap(),
            "\"pending\""
        );
        assert_eq!(RunStatus::parse("done"), None);
    }
}
