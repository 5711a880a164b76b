//! A delivery is judged before it counts. Against the corporation's previous delivery (its
//! feed's current snapshot), a new one that raises a month already reported, or a year's
//! reported months, by more than `hold.delivery_increase_homes` homes and more than
//! `hold.delivery_increase_percent` percent, or a new month far above its own monthly average
//! (`hold.delivery_new_month_factor`), is held for an operator's approval: kept, but not used
//! until approved. The operator sees what was found and the rows to look at (the homes in those
//! months that the previous delivery did not have).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use minijinja::context;

use super::fetch::Hold;
use super::handle::Service;
use crate::config::Feed;
use crate::domain::Period;
use crate::ingest::{meldingen, PlannedFeed, SourcePlan};
use crate::schema::SourceKind;
use crate::store::Snapshot;

/// At most this many rows are kept to look at.
const ROWS_SHOWN: usize = 200;

/// A delivery's homes as the judge counts them: per corporation, the home numbers per month.
type Homes = BTreeMap<String, BTreeMap<Period, Vec<Home>>>;

#[derive(Debug, Clone)]
struct Home {
    number: String,
    municipality: String,
    day: chrono::NaiveDate,
}

impl Service {
    /// The judge of `feed`'s new delivery (its projection at `projection`) against `previous`:
    /// `Some` holds it. Only deliveries are judged, and only against an earlier delivery and a
    /// month already reported; a file that cannot be read is left to the report run.
    pub(crate) fn judge_delivery(
        &self,
        feed: &Feed,
        projection: &Path,
        previous: Option<&Snapshot>,
    ) -> Option<Hold> {
        if feed.kind != SourceKind::Deliveries {
            return None;
        }
        let previous = previous?;
        let reported = match self.store().and_then(|s| Ok(s.last_reported_month()?)) {
            Ok(Some(p)) => p,
            Ok(None) => return None,
            Err(e) => {
                tracing::error!(error = %e, "a delivery could not be judged; it is taken as it is");
                return None;
            }
        };
        let old = self.homes_of(feed, Path::new(&previous.path))?;
        let new = self.homes_of(feed, projection)?;
        let h = &self.settings().hold;
        let limits = Limits {
            percent: h.delivery_increase_percent,
            homes: h.delivery_increase_homes as usize,
            new_month_factor: h.delivery_new_month_factor,
        };
        let (findings, flagged) = judge(&old, &new, reported, &limits, self);
        if findings.is_empty() {
            return None;
        }
        Some(Hold {
            findings,
            rows: rows_to_look_at(&old, &new, &flagged),
        })
    }

    /// Tells the operator (once per held delivery) what was held and why.
    pub(crate) fn tell_held(
        &self,
        snapshot_id: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), super::error::ServiceError> {
        let Some(op) = &self.settings().mail.operator else {
            return Ok(());
        };
        let store = self.store()?;
        let held = store.held_delivery(snapshot_id)?;
        let texts = super::mail::MailTexts::load(&self.settings().output.templates)?;
        let tz = self.settings().time_zone();
        let ctx = context! {
            feed => held.feed.clone(),
            ontvangen => crate::store::parse_ts(&held.held_at)
                .map(|t| t.with_timezone(&tz).format("%d-%m-%Y %H:%M").to_string())
                .unwrap_or_default(),
            findings => held.findings.clone(),
            rijen => held.rows.as_array().map_or(0, Vec::len),
        };
        store.queue_runless_mail(
            &crate::store::NewMail {
                dedup_key: format!("held-delivery|{snapshot_id}|{}", held.held_at),
                recipient: op.clone(),
                subject: texts.render("subject_held_delivery", &ctx)?,
                body: texts.render("body_held_delivery", &ctx)?,
                body_html: None,
            },
            now,
        )?;
        Ok(())
    }

    /// The homes of one delivery of `feed` read from `path` as a report run reads them.
    fn homes_of(&self, feed: &Feed, path: &Path) -> Option<Homes> {
        let plan = SourcePlan {
            feeds: vec![PlannedFeed {
                name: feed.name.clone(),
                kind: feed.kind,
                path: path.to_path_buf(),
                setting: feed.setting.clone(),
                export_date: None,
                projected: true,
                notes: Vec::new(),
            }],
            ..SourcePlan::default()
        };
        let today = crate::clock::today(self.settings().time_zone());
        let ds = crate::ingest::ingest(&plan, self.reference(), today).ok()?;
        let d = &ds.deliveries;
        let mut homes = Homes::new();
        for k in 0..d.delivered_on.len() {
            let (Some(corporation), Some(number)) = (d.corporation.get(k), d.dwelling_id.get(k))
            else {
                continue;
            };
            let day = d.delivered_on[k];
            homes
                .entry(corporation.to_string())
                .or_default()
                .entry(Period::of_date(day))
                .or_default()
                .push(Home {
                    number: number.to_string(),
                    municipality: d.municipality.get(k).unwrap_or_default().to_string(),
                    day,
                });
        }
        Some(homes)
    }
}

/// What waits for an operator's judgement: held deliveries and homes in conflict with the
/// applications register (grouped per application).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Review {
    pub held: Vec<crate::store::HeldDelivery>,
    /// The run whose conflicts these are.
    pub run: Option<i64>,
    pub conflicts: Vec<ConflictGroup>,
}

/// The homes that claim one application, and who the register says housed it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConflictGroup {
    pub application: String,
    /// The register's corporation (its name); `None`: it names none.
    pub register: Option<String>,
    /// The register's corporation's code (its home may be the one that counts).
    pub register_code: Option<String>,
    /// (corporation code, its name, home number, feed, line).
    pub homes: Vec<(String, String, String, String, u32)>,
}

/// Why a decision was refused.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    #[error("held delivery {0} does not wait for a decision (decided before, or superseded by a later delivery)")]
    NotWaiting(i64),
    #[error("application {0} is not in conflict in the latest run")]
    NoConflict(String),
    #[error("{corporation} did not deliver a home for application {application}")]
    NotAClaimant {
        application: String,
        corporation: String,
    },
    #[error(transparent)]
    Service(Box<super::error::ServiceError>),
}

impl From<super::error::ServiceError> for DecisionError {
    fn from(e: super::error::ServiceError) -> Self {
        DecisionError::Service(Box::new(e))
    }
}

impl From<crate::store::StoreError> for DecisionError {
    fn from(e: crate::store::StoreError) -> Self {
        DecisionError::Service(Box::new(e.into()))
    }
}

impl Service {
    /// What waits for an operator's judgement now.
    pub fn review(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Review, super::error::ServiceError> {
        let store = self.store()?;
        let held = store.held_deliveries(now)?;
        let (run, conflicts) = match store.latest_conflicts()? {
            Some((run, list)) => {
                let list: Vec<crate::ingest::Conflict> =
                    serde_json::from_value(list).unwrap_or_default();
                let decided: BTreeSet<String> = store
                    .application_decisions()?
                    .into_iter()
                    .map(|d| d.application_id)
                    .collect();
                let mut groups: BTreeMap<String, ConflictGroup> = BTreeMap::new();
                for c in list
                    .into_iter()
                    .filter(|c| !decided.contains(&c.application))
                {
                    let name = self
                        .reference()
                        .corporation_name(&c.corporation)
                        .to_string();
                    let g = groups
                        .entry(c.application.clone())
                        .or_insert_with(|| ConflictGroup {
                            application: c.application.clone(),
                            register: c
                                .register
                                .as_deref()
                                .map(|r| self.reference().corporation_name(r).to_string()),
                            register_code: c.register.clone(),
                            homes: Vec::new(),
                        });
                    g.homes.push((c.corporation, name, c.home, c.feed, c.line));
                }
                (Some(run), groups.into_values().collect())
            }
            None => (None, Vec::new()),
        };
        Ok(Review {
            held,
            run,
            conflicts,
        })
    }

    /// Approves or rejects a held delivery (audited under `by`).
    pub fn decide_held_delivery(
        &self,
        snapshot_id: i64,
        approve: bool,
        by: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), DecisionError> {
        let store = self.store()?;
        let held = store.held_delivery(snapshot_id)?;
        if !store.decide_held(snapshot_id, approve, by, now)? {
            return Err(DecisionError::NotWaiting(snapshot_id));
        }
        store.audit(
            &crate::store::NewAudit {
                actor: by,
                action: if approve {
                    "aangehouden levering goedgekeurd"
                } else {
                    "aangehouden levering afgekeurd"
                },
                run_id: None,
                job_id: None,
                mail_id: None,
                detail: &format!("{} (snapshot {snapshot_id})", held.feed),
            },
            now,
        )?;
        Ok(())
    }

    /// Decides which corporation's home counts for an application in conflict (`None`: no
    /// one's); audited under `by`. The next run counts it so.
    pub fn decide_application(
        &self,
        application: &str,
        corporation: Option<&str>,
        by: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), DecisionError> {
        let review = self.review(now)?;
        let Some(group) = review
            .conflicts
            .iter()
            .find(|g| g.application == application)
        else {
            return Err(DecisionError::NoConflict(application.to_string()));
        };
        if let Some(c) = corporation {
            if !group.homes.iter().any(|h| h.0 == c) && group.register_code.as_deref() != Some(c) {
                return Err(DecisionError::NotAClaimant {
                    application: application.to_string(),
                    corporation: c.to_string(),
                });
            }
        }
        let store = self.store()?;
        store.decide_application(application, corporation, by, now)?;
        store.audit(
            &crate::store::NewAudit {
                actor: by,
                action: "conflict over een aanvraag beslist",
                run_id: review.run,
                job_id: None,
                mail_id: None,
                detail: &format!(
                    "aanvraag {application}: {}",
                    corporation.map_or("telt voor niemand".to_string(), |c| format!(
                        "de woning van {c} telt"
                    ))
                ),
            },
            now,
        )?;
        Ok(())
    }
}

/// When an increase is too much.
struct Limits {
    percent: f64,
    homes: usize,
    new_month_factor: f64,
}

impl Limits {
    /// Whether `old` → `new` rises by more than the homes *and* the share allowed.
    fn too_much(&self, old: usize, new: usize) -> bool {
        let rise = new.saturating_sub(old);
        rise > self.homes && (rise as f64) > old as f64 * self.percent / 100.0
    }
}

/// The findings (Dutch) and the (corporation, month) pairs they flag.
fn judge(
    old: &Homes,
    new: &Homes,
    reported: Period,
    limits: &Limits,
    service: &Service,
) -> (Vec<String>, BTreeSet<(String, Period)>) {
    use crate::render::nl;
    let mut findings = Vec::new();
    let mut flagged = BTreeSet::new();
    let name = |c: &str| service.reference().corporation_name(c).to_string();
    let count =
        |h: &Homes, c: &str, m: Period| h.get(c).and_then(|ms| ms.get(&m)).map_or(0, Vec::len);
    for (corporation, months) in new {
        // The months already reported that either delivery has.
        let reported_months: BTreeSet<Period> = months
            .keys()
            .chain(old.get(corporation).into_iter().flat_map(|m| m.keys()))
            .copied()
            .filter(|m| *m <= reported)
            .collect();
        let mut years: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
        for &month in &reported_months {
            let (o, n) = (
                count(old, corporation, month),
                count(new, corporation, month),
            );
            let y = years.entry(month.year()).or_default();
            y.0 += o;
            y.1 += n;
            if limits.too_much(o, n) {
                findings.push(meldingen::text(
                    "aangehouden_maand",
                    context! {
                        corporatie => name(corporation),
                        maand => nl::month_long(month),
                        oud => o,
                        nieuw => n,
                        meer => n - o,
                    },
                ));
                flagged.insert((corporation.clone(), month));
            }
        }
        for (year, (o, n)) in years {
            if limits.too_much(o, n) {
                let until = reported.min(Period::new(year, 12).expect("December is a month"));
                findings.push(meldingen::text(
                    "aangehouden_jaar",
                    context! {
                        corporatie => name(corporation),
                        jaar => year,
                        tot => nl::month_long(until),
                        oud => o,
                        nieuw => n,
                        meer => n - o,
                        procent => nl::pct(if o == 0 { 1.0 } else { (n - o) as f64 / o as f64 }),
                    },
                ));
                for month in reported_months.iter().filter(|m| m.year() == year) {
                    flagged.insert((corporation.clone(), *month));
                }
            }
        }
        // A month after the last one reported, far above the corporation's own average of the
        // twelve reported months before it.
        let history: usize = (0..12)
            .map(|i| count(old, corporation, reported.offset(-i)))
            .sum();
        let average = history as f64 / 12.0;
        for (month, homes) in months.range(reported.offset(1)..) {
            let n = homes.len();
            if (n as f64) > average.max(1.0) * limits.new_month_factor
                && (n as f64 - average) > limits.homes as f64
            {
                findings.push(meldingen::text(
                    "aangehouden_nieuwe_maand",
                    context! {
                        corporatie => name(corporation),
                        maand => nl::month_long(*month),
                        nieuw => n,
                        gemiddeld => nl::dec(average, 1),
                    },
                ));
                flagged.insert((corporation.clone(), *month));
            }
        }
    }
    (findings, flagged)
}

/// The rows to look at: in the flagged months, the homes of the new delivery that the previous
/// one did not have (at most [`ROWS_SHOWN`]).
fn rows_to_look_at(
    old: &Homes,
    new: &Homes,
    flagged: &BTreeSet<(String, Period)>,
) -> serde_json::Value {
    let mut rows = Vec::new();
    for (corporation, month) in flagged {
        let before: BTreeSet<&str> = old
            .get(corporation)
            .into_iter()
            .flat_map(|ms| ms.values().flatten())
            .map(|h| h.number.as_str())
            .collect();
        for h in new
            .get(corporation)
            .and_then(|ms| ms.get(month))
            .into_iter()
            .flatten()
        {
            if !before.contains(h.number.as_str()) && rows.len() < ROWS_SHOWN {
                rows.push(serde_json::json!({
                    "corporatie": corporation,
                    "woning": h.number,
                    "gemeente": h.municipality,
                    "datum": h.day.format("%d-%m-%Y").to_string(),
                }));
            }
        }
    }
    serde_json::Value::Array(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_increase_is_too_much_above_both_the_homes_and_the_share() {
        let l = Limits {
            percent: 25.0,
            homes: 10,
            new_month_factor: 3.0,
        };
        assert!(!l.too_much(21, 26), "a late delivery of five homes");
        assert!(!l.too_much(100, 120), "20 more, but only 20%");
        assert!(l.too_much(100, 126), "26 more and 26%");
        assert!(l.too_much(0, 11));
        assert!(!l.too_much(0, 10));
        assert!(
            !l.too_much(60, 20),
            "fewer is a correction, never inflation"
        );
    }
}
