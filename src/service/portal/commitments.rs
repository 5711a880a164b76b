//! Commitments in the portal: a corporation states per municipality its lower and upper
//! number of homes for a year, beside what it made available the year before; an operator
//! approves or returns them in the console. Approved ones replace the commitments file's rows
//! for that corporation and year (`reporting::snapshots`), so the documents say "afgesproken".
//!
//! Which years are open ([`CommitmentYears`]): the year that has begun, until the municipality
//! has approved the corporation's commitments for it (every forecast and warning of that year
//! is measured against them), and the coming year from `portal.commitments_from`.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use crate::service::error::ServiceError;
use crate::service::handle::Service;
use crate::store::{Account, Organisation};

/// One municipality on a corporation's commitments form.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CommitmentLine {
    /// The municipality's code.
    pub municipality: String,
    pub name: String,
    /// The corporation's homes made available there in the year before.
    pub realised: usize,
    pub lower: Option<u32>,
    pub upper: Option<u32>,
    /// What the figures are (Dutch): afgesproken, ingediend…, teruggegeven…; empty for none.
    pub status: String,
}

/// The years a corporation can enter commitments for, on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitmentYears {
    /// The year that has begun.
    pub current: i32,
    /// Its commitments are approved: its form is closed.
    pub current_approved: bool,
    /// The open years, the current one first.
    pub open: Vec<i32>,
    /// When the coming year opens, while it is not open yet.
    pub next_opens: Option<chrono::NaiveDate>,
}

impl CommitmentYears {
    pub fn is_open(&self, year: i32) -> bool {
        self.open.contains(&year)
    }
}

/// The form's line of municipality `m`, made when new.
fn line<'a>(
    lines: &'a mut BTreeMap<String, CommitmentLine>,
    reference: &crate::config::Reference,
    m: &str,
) -> &'a mut CommitmentLine {
    lines
        .entry(m.to_string())
        .or_insert_with(|| CommitmentLine {
            municipality: m.to_string(),
            name: crate::domain::MunicipalityCode::parse(m)
                .ok()
                .and_then(|c| reference.municipality_name(&c).map(str::to_string))
                .unwrap_or_else(|| m.to_string()),
            ..CommitmentLine::default()
        })
}

/// What the commitments forms show of the current data: homes per (corporation, municipality,
/// year) and the commitments files' rows. Small, and kept while the snapshots are the same: a
/// person who opens the form 64 times at once makes the data read once.
pub struct CommitmentBasis {
    homes: BTreeMap<(String, String, i32), usize>,
    /// Applications per (municipality, year received).
    applications: BTreeMap<(String, i32), usize>,
    commitments: Vec<crate::ingest::Commitment>,
}

/// Why a corporation's commitments were not taken (the portal says it in Dutch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommitmentRefusal {
    NotACorporation,
    UnknownMunicipality(String),
    NotInRegion(String),
    /// The municipality's name.
    NotWholeNumbers(String),
    LowerAboveUpper {
        name: String,
        lower: u32,
        upper: u32,
    },
    /// More than is plausible for the municipality.
    Implausible {
        name: String,
        max: u32,
        applications: usize,
    },
    /// A second line for one municipality.
    Twice(String),
    Empty,
    /// The year's commitments are approved already.
    Approved {
        year: i32,
    },
    /// The year is not open; these are.
    Closed {
        year: i32,
        open: Vec<i32>,
    },
}

/// The last [`CommitmentBasis`], for the snapshot files it was read from; one reader at a time.
#[derive(Default)]
struct BasisCache(tokio::sync::Mutex<Option<Basis>>);

/// A [`CommitmentBasis`] with the snapshot files and the day it was read for.
type Basis = (
    Vec<std::path::PathBuf>,
    chrono::NaiveDate,
    std::sync::Arc<CommitmentBasis>,
);

impl Service {
    /// The current data as the commitments forms need it (see [`CommitmentBasis`]).
    async fn commitment_basis(
        &self,
        now: DateTime<Utc>,
    ) -> Result<std::sync::Arc<CommitmentBasis>, ServiceError> {
        let today = crate::clock::local_date(self.settings().time_zone(), now);
        let plan = self
            .plan(&crate::service::reporting::AsOf::Latest, now)
            .await?;
        let files: Vec<_> = plan.feeds.iter().map(|f| f.path.clone()).collect();
        let cache = self.room_state::<BasisCache>();
        let mut kept = cache.0.lock().await;
        if let Some((f, day, basis)) = kept.as_ref() {
            if *f == files && *day == today {
                return Ok(basis.clone());
            }
        }
        let reference = self.reference().clone();
        let ds = crate::threads::offload(move || crate::ingest::ingest(&plan, &reference, today))
            .await
            .map_err(crate::pipeline::PipelineError::from)?;
        let mut homes = BTreeMap::new();
        let d = &ds.deliveries;
        for ((day, corp), m) in d
            .delivered_on
            .iter()
            .zip(d.corporation.iter())
            .zip(d.municipality.iter())
        {
            if let (Some(c), Some(m)) = (corp, m) {
                *homes
                    .entry((c.to_string(), m.to_string(), day.year()))
                    .or_insert(0) += 1;
            }
        }
        let mut applications = BTreeMap::new();
        let a = &ds.applications;
        for (day, m) in a.received_on.iter().zip(a.municipality.iter()) {
            if let Some(m) = m {
                *applications.entry((m.to_string(), day.year())).or_insert(0) += 1;
            }
        }
        let basis = std::sync::Arc::new(CommitmentBasis {
            homes,
            applications,
            commitments: ds.commitments.clone(),
        });
        *kept = Some((files, today, basis.clone()));
        Ok(basis)
    }

    /// The years corporation `code` can enter commitments for at `now`.
    pub fn commitment_years(
        &self,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<CommitmentYears, ServiceError> {
        let today = crate::clock::local_date(self.settings().time_zone(), now);
        let current = today.year();
        let current_approved = self.store()?.commitments_approved(code, current)?;
        let from = self.settings().portal.commitments_from;
        let mut open = Vec::new();
        if !current_approved {
            open.push(current);
        }
        let next_open = from.reached(today);
        if next_open {
            open.push(current + 1);
        }
        Ok(CommitmentYears {
            current,
            current_approved,
            open,
            next_opens: (!next_open).then(|| from.in_year(current)),
        })
    }

    /// The commitments form of a corporation for `year`: per municipality where it works (its
    /// homes in the data, or commitments it has), its homes in `year - 1` so far, and the
    /// figures in force (submitted, else approved, else the commitments file's).
    pub async fn commitments_form(
        &self,
        code: &str,
        year: i32,
        now: DateTime<Utc>,
    ) -> Result<Vec<CommitmentLine>, ServiceError> {
        let basis = match self.commitment_basis(now).await {
            Ok(b) => Some(b),
            Err(e) => {
                tracing::warn!(error = %e, "commitments form without the current data");
                None
            }
        };
        let mut lines: BTreeMap<String, CommitmentLine> = BTreeMap::new();
        let reference = self.reference();
        if let Some(basis) = &basis {
            for ((corp, m, y), n) in &basis.homes {
                if corp.eq_ignore_ascii_case(code) && *y >= year - 2 {
                    let l = line(&mut lines, reference, m);
                    if *y == year - 1 {
                        l.realised += n;
                    }
                }
            }
            for c in basis
                .commitments
                .iter()
                .filter(|c| c.corporation.eq_ignore_ascii_case(code))
            {
                let l = line(&mut lines, reference, c.municipality.as_str());
                if c.year == year {
                    l.lower = Some(c.lower);
                    l.upper = Some(c.upper);
                    l.status = "afgesproken".into();
                }
            }
        }
        // What was entered in the portal wins over the file; the newest first.
        let mut seen = std::collections::BTreeSet::new();
        for r in self.store()?.commitments_of(code, year)? {
            if !seen.insert(r.municipality.clone()) {
                continue;
            }
            let l = line(&mut lines, reference, &r.municipality);
            l.lower = Some(r.lower);
            l.upper = Some(r.upper);
            l.status = match r.status.as_str() {
                "submitted" => "ingediend, wacht op beoordeling",
                "approved" => "afgesproken",
                _ => "teruggegeven: pas aan en dien opnieuw in",
            }
            .into();
        }
        if lines.is_empty() {
            for (m, _) in &self.reference().municipalities {
                line(&mut lines, reference, m.as_str());
            }
        }
        Ok(lines.into_values().collect())
    }

    /// Records a corporation's commitments for `year`, checked: whole numbers, lower ≤ upper,
    /// one line per municipality, only municipalities of the region, and at most what is
    /// plausible for the municipality (`portal.commitments_max_factor` times its most
    /// applications in a year of the three before, at least `portal.commitments_max_floor`).
    /// `Err` says what is wrong.
    pub async fn submit_commitments(
        &self,
        account: &Account,
        year: i32,
        rows: &[(String, String, String)],
        now: DateTime<Utc>,
    ) -> Result<Result<usize, CommitmentRefusal>, ServiceError> {
        let Organisation::Corporation(code) = &account.organisation else {
            return Ok(Err(CommitmentRefusal::NotACorporation));
        };
        let years = self.commitment_years(code, now)?;
        if !years.is_open(year) {
            if year == years.current && years.current_approved {
                return Ok(Err(CommitmentRefusal::Approved { year }));
            }
            return Ok(Err(CommitmentRefusal::Closed {
                year,
                open: years.open.clone(),
            }));
        }
        let basis = self.commitment_basis(now).await?;
        let p = &self.settings().portal;
        let mut checked: Vec<(String, u32, u32)> = Vec::new();
        for (m, lower, upper) in rows {
            let (lower, upper) = (lower.trim(), upper.trim());
            if lower.is_empty() && upper.is_empty() {
                continue;
            }
            let Ok(code_m) = crate::domain::MunicipalityCode::parse(m) else {
                return Ok(Err(CommitmentRefusal::UnknownMunicipality(m.clone())));
            };
            let Some(name) = self.reference().municipality_name(&code_m) else {
                return Ok(Err(CommitmentRefusal::NotInRegion(m.clone())));
            };
            let name = name.to_string();
            if checked.iter().any(|(c, _, _)| *c == code_m.as_str()) {
                return Ok(Err(CommitmentRefusal::Twice(name)));
            }
            let (Ok(l), Ok(u)) = (lower.parse::<u32>(), upper.parse::<u32>()) else {
                return Ok(Err(CommitmentRefusal::NotWholeNumbers(name)));
            };
            if l > u {
                return Ok(Err(CommitmentRefusal::LowerAboveUpper {
                    name,
                    lower: l,
                    upper: u,
                }));
            }
            // The municipality's most applications in a year of the three before (the data of
            // the year just ended may not be complete yet).
            let applications = (1..=3)
                .filter_map(|back| basis.applications.get(&(code_m.to_string(), year - back)))
                .copied()
                .max()
                .unwrap_or(0);
            let max = ((applications as f64 * p.commitments_max_factor).ceil() as u32)
                .max(p.commitments_max_floor);
            if u > max {
                return Ok(Err(CommitmentRefusal::Implausible {
                    name,
                    max,
                    applications,
                }));
            }
            checked.push((code_m.to_string(), l, u));
        }
        if checked.is_empty() {
            return Ok(Err(CommitmentRefusal::Empty));
        }
        let store = self.store()?;
        let until_approved = year == years.current;
        let Some(n) =
            store.submit_commitments(code, year, &checked, &account.email, now, until_approved)?
        else {
            return Ok(Err(CommitmentRefusal::Approved { year }));
        };
        store.audit(
            &crate::store::NewAudit {
                actor: &format!("portaal:{}", account.email),
                action: "grenzen ingediend",
                run_id: None,
                job_id: None,
                mail_id: None,
                detail: &format!("{code} {year}: {n} gemeente(n)"),
            },
            now,
        )?;
        Ok(Ok(n))
    }

    /// Approves or returns a corporation's submitted commitments for `year` (audited under
    /// `by`); how many rows were decided.
    /// The decision is on the submission `version` the operator looked at (its newest row's
    /// id): a newer one is not decided (0 rows).
    pub fn decide_commitments(
        &self,
        code: &str,
        year: i32,
        version: i64,
        approve: bool,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<usize, ServiceError> {
        let store = self.store()?;
        let n = store.decide_commitments(code, year, version, approve, by, now)?;
        if n > 0 {
            store.audit(
                &crate::store::NewAudit {
                    actor: by,
                    action: if approve {
                        "grenzen goedgekeurd"
                    } else {
                        "grenzen teruggegeven"
                    },
                    run_id: None,
                    job_id: None,
                    mail_id: None,
                    detail: &format!("{code} {year}: {n} gemeente(n)"),
                },
                now,
            )?;
            // The corporation's people hear the outcome.
            let texts = crate::service::mail::MailTexts::load(&self.settings().output.templates)?;
            let base = self.portal_base();
            let ctx = minijinja::context! {
                year => year,
                approved => approve,
                portal => format!("{base}/portaal/afspraken"),
                organisation => self.settings().organisation.name.clone(),
            };
            for a in store.accounts()?.into_iter().filter(|a| {
                a.disabled_at.is_none()
                    && matches!(&a.organisation, Organisation::Corporation(c) if c.eq_ignore_ascii_case(code))
            }) {
                store.queue_runless_mail(
                    &crate::store::NewMail {
                        dedup_key: format!(
                            "portal-decision|{code}|{year}|{}|{}",
                            a.email,
                            crate::store::ts(now)
                        ),
                        recipient: a.email.clone(),
                        subject: texts.render("subject_portal_decision", &ctx)?,
                        body: texts.render("body_portal_decision", &ctx)?,
                        body_html: None,
                    },
                    now,
                )?;
            }
        }
        Ok(n)
    }
}
