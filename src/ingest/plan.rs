//! Which files a run reads (`SourcePlan`, one `PlannedFeed` each, with where its data ends).

use super::records::Commitment;
use crate::config::{Settings, SourceSetting};
use crate::schema::SourceKind;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// One feed to read: where, how, and when its data ends when that is declared.
#[derive(Debug, Clone)]
pub struct PlannedFeed {
    pub name: String,
    pub kind: SourceKind,
    pub path: PathBuf,
    pub setting: SourceSetting,
    /// For `covers_until = "export"`: the day before the content was first seen (the snapshot's
    /// fetch date; for a plain file, its modification date).
    pub export_date: Option<NaiveDate>,
    /// `path` is a snapshot's projection ([`project`]), not the delivered file.
    pub projected: bool,
    /// What the projection left out of the delivered file (becomes the feed's warnings).
    pub notes: Vec<String>,
}

/// Where to read each feed from.
#[derive(Debug, Clone, Default)]
pub struct SourcePlan {
    pub feeds: Vec<PlannedFeed>,
    /// Commitments approved in the portal: they replace the commitments feeds' rows for their
    /// corporation and year.
    pub commitments: Vec<Commitment>,
    /// Deliveries held for an operator's approval (not read: their feeds' previous deliveries
    /// are), for the documents to say so.
    pub held: Vec<HeldDelivery>,
    /// The operators' decisions on applications in conflict.
    pub decisions: super::reconcile::Decisions,
}

/// A delivery held for an operator's approval, as the documents mention it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HeldDelivery {
    pub feed: String,
    /// The corporations whose figures it would have raised (their configured codes).
    pub corporations: Vec<String>,
    /// When it arrived.
    pub received: NaiveDate,
}

impl SourcePlan {
    /// The configured feeds, or with `--data DIR` the canonical files in DIR
    /// (`applications.csv|.xlsx`, `deliveries.csv|.xlsx`, optional `commitments.csv|.xlsx`).
    pub fn new(settings: &Settings, data_dir: Option<&Path>) -> SourcePlan {
        let feeds = match data_dir {
            None => settings
                .feeds()
                .into_iter()
                .map(|f| PlannedFeed {
                    export_date: modified_date(&f.setting.path, settings.time_zone()),
                    projected: false,
                    notes: Vec::new(),
                    name: f.name,
                    kind: f.kind,
                    path: f.setting.path.clone(),
                    setting: f.setting,
                })
                .collect(),
            Some(dir) => SourceKind::ALL
                .into_iter()
                .map(|kind| {
                    let path = ["csv", "xlsx"]
                        .iter()
                        .map(|ext| dir.join(format!("{kind}.{ext}")))
                        .find(|p| p.exists())
                        .unwrap_or_else(|| dir.join(format!("{kind}.csv")));
                    PlannedFeed {
                        name: kind.as_str().to_string(),
                        kind,
                        export_date: modified_date(&path, settings.time_zone()),
                        projected: false,
                        notes: Vec::new(),
                        setting: SourceSetting {
                            path: path.clone(),
                            ..Default::default()
                        },
                        path,
                    }
                })
                .collect(),
        };
        SourcePlan {
            feeds,
            commitments: Vec::new(),
            held: Vec::new(),
            decisions: Default::default(),
        }
    }

    pub(super) fn of(&self, kind: SourceKind) -> Vec<&PlannedFeed> {
        self.feeds.iter().filter(|f| f.kind == kind).collect()
    }
}

/// The day before a file was last modified, in the configured time zone (`schedule.timezone`,
/// like every other date; never the server's): what an export made then covers.
fn modified_date(path: &Path, tz: chrono_tz::Tz) -> Option<NaiveDate> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    export_covers(modified.into(), tz)
}

/// What an export made at `at` covers: up to the day before, in `tz`.
pub(super) fn export_covers(
    at: chrono::DateTime<chrono::Utc>,
    tz: chrono_tz::Tz,
) -> Option<NaiveDate> {
    at.with_timezone(&tz).date_naive().pred_opt()
}
