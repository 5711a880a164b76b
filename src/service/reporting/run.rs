//! What a report run is asked to do: its period, selection and trigger (`ReportRun`), which
//! snapshots it reads (`AsOf`) and what it sends (`SendMode`).

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::domain::{Period, Selection};
use crate::store::Trigger;

/// Whether and how mails are queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendMode {
    /// Scheduled / catch-up runs: each report of a period reaches a recipient once, ever.
    Once,
    /// An operator's explicit `--send`: queued again for this run.
    Again,
    No,
}

/// Which data a report run uses.
#[derive(Debug, Clone)]
pub enum AsOf {
    /// The latest snapshots (pulling first when a source has none).
    Latest,
    /// The snapshots an earlier run used.
    Run(i64),
    /// The latest snapshots fetched at or before this time.
    Time(DateTime<Utc>),
}

/// A report run to make.
#[derive(Debug, Clone)]
pub struct ReportRun {
    /// The last month of the report.
    pub period: Period,
    /// Month (the year to date), quarter or year.
    pub span: crate::domain::Span,
    pub trigger: Trigger,
    pub selection: Selection,
    pub send: SendMode,
    pub as_of: AsOf,
    pub now: DateTime<Utc>,
    /// Printed in the reports (local time).
    pub generated_at: NaiveDateTime,
}

impl ReportRun {
    /// The scheduler's run of a month (or of the quarter or year it ends): every document, from
    /// the latest snapshots, mailed once per recipient.
    pub fn scheduled(
        period: crate::domain::ReportPeriod,
        trigger: Trigger,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Self {
        Self {
            period: period.end,
            span: period.span,
            trigger,
            selection: Selection::All,
            send: SendMode::Once,
            as_of: AsOf::Latest,
            now,
            generated_at,
        }
    }

    /// An operator's regeneration from the latest snapshots: mailed again when `send`.
    /// A month, quarter or year, with the same scopes and sending rules for each.
    pub fn regeneration(
        period: crate::domain::ReportPeriod,
        trigger: Trigger,
        selection: Selection,
        send: bool,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Self {
        Self {
            period: period.end,
            span: period.span,
            trigger,
            selection,
            send: if send { SendMode::Again } else { SendMode::No },
            as_of: AsOf::Latest,
            now,
            generated_at,
        }
    }
}
