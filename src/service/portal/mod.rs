//! The portal's work apart from HTTP: which feeds an organisation delivers, what the monitor
//! would make of an upload (a preview, read with every protection of the ingest: the privacy
//! allowlist, the hostile-workbook limits, the same validation as a report run), keeping a
//! confirmed upload as the feed's snapshot, the sign-in link mail, the virus scanner, and
//! deleting what was not confirmed. `web::portal` serves it.
//!
//! Privacy: a preview holds counts, line numbers, reasons with their values masked
//! (`ingest::reasons`) and column headers; never a cell. The uploaded file is kept only until it
//! is confirmed (then its projection is the snapshot) or `portal.upload_hours` have passed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod commitments;

pub use commitments::{CommitmentLine, CommitmentRefusal};

use super::error::ServiceError;
use super::fetch::{keep_delivery, Delivery, Pulled};
use super::handle::Service;
use crate::config::Feed;
use crate::ingest::{PlannedFeed, SourcePlan};
use crate::schema::SourceKind;
use crate::store::{Account, NewMail, Organisation, Store, Upload};

/// At most this many rejected rows are listed one by one (the rest are counted).
const LISTED_REJECTIONS: usize = 200;

/// What the monitor would make of an upload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub feed: String,
    /// Why the file cannot be used at all (Dutch), when so.
    pub refused: Option<String>,
    pub read: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub blank: usize,
    /// Line and reason (values masked) of the first rejected rows.
    pub rejections: Vec<(usize, String)>,
    /// What was left out or noticed: column headers and counts, never values.
    pub notes: Vec<String>,
    /// The latest date in the accepted rows.
    pub latest: Option<NaiveDate>,
    /// The year the changes are counted for.
    pub year: i32,
    /// Homes made available (deliveries) or applications received, per municipality this year:
    /// (municipality, in this upload, in the previous delivery).
    pub changes: Vec<(String, usize, usize)>,
    /// Whether there was a previous delivery to compare with.
    pub has_previous: bool,
}

/// Per municipality (by name) the rows of `year` in an ingested dataset of one feed.
fn per_municipality(
    ds: &crate::ingest::Dataset,
    kind: SourceKind,
    year: i32,
    reference: &crate::config::Reference,
) -> BTreeMap<String, usize> {
    let name = |raw: &str| {
        crate::domain::MunicipalityCode::parse(raw)
            .ok()
            .and_then(|c| reference.municipality_name(&c).map(str::to_string))
            .unwrap_or_else(|| raw.to_string())
    };
    let (days, municipalities) = match kind {
        SourceKind::Deliveries => (&ds.deliveries.delivered_on, &ds.deliveries.municipality),
        SourceKind::Applications => (&ds.applications.received_on, &ds.applications.municipality),
        SourceKind::Commitments => return BTreeMap::new(),
    };
    let mut out = BTreeMap::new();
    for (day, m) in days.iter().zip(municipalities.iter()) {
        if let (true, Some(m)) = (day.year() == year, m) {
            *out.entry(name(m)).or_insert(0) += 1;
        }
    }
    out
}

/// What became of a confirmed upload: its snapshot, taken as the feed's current one or held for
/// an operator's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// Taken: the feed's current snapshot.
    Taken(i64),
    /// Held for an operator's approval (newly, or the same bytes as one that waits).
    Held(i64),
    /// The same bytes as a delivery an operator rejected: not taken.
    Rejected(i64),
}

impl Service {
    /// The feeds `organisation` delivers in the portal.
    pub fn portal_feeds(&self, organisation: &Organisation) -> Vec<Feed> {
        self.settings()
            .feeds()
            .into_iter()
            .filter(|f| f.setting.portal)
            .filter(|f| match organisation {
                Organisation::Applications => f.kind == SourceKind::Applications,
                Organisation::Corporation(code) => {
                    f.kind == SourceKind::Deliveries
                        && f.setting
                            .corporation
                            .as_deref()
                            .is_some_and(|c| c.trim().eq_ignore_ascii_case(code))
                }
            })
            .collect()
    }

    /// The portal's public address without a trailing slash (`portal.public_url`).
    pub fn portal_base(&self) -> String {
        self.settings()
            .portal
            .public_url
            .as_deref()
            .unwrap_or("http://localhost")
            .trim_end_matches('/')
            .to_string()
    }

    /// Where uploads wait for their confirmation (in the private state folder).
    pub fn uploads_dir(&self) -> PathBuf {
        self.settings().state.dir.join("uploads")
    }

    /// Reads one projected or delivered file of `feed` as a report run would.
    fn ingest_one(
        &self,
        feed: &Feed,
        path: PathBuf,
        projected: bool,
        notes: Vec<String>,
        today: NaiveDate,
    ) -> Result<crate::ingest::Dataset, crate::ingest::SourceError> {
        let plan = SourcePlan {
            feeds: vec![PlannedFeed {
                name: feed.name.clone(),
                kind: feed.kind,
                path,
                setting: feed.setting.clone(),
                export_date: None,
                projected,
                notes,
            }],
            commitments: Vec::new(),
            held: Vec::new(),
            decisions: Default::default(),
        };
        crate::ingest::ingest(&plan, self.reference(), today)
    }

    /// What the monitor would make of `bytes` delivered for `feed` (a `csv` or `xlsx` file), and
    /// what it changes against the feed's latest snapshot. Blocking: call it off the runtime.
    pub fn preview_delivery(
        &self,
        store: &Store,
        feed: &Feed,
        bytes: Vec<u8>,
        extension: &str,
        today: NaiveDate,
    ) -> Preview {
        let mut preview = Preview {
            feed: feed.name.clone(),
            year: today.year(),
            ..Preview::default()
        };
        let planned = PlannedFeed {
            name: feed.name.clone(),
            kind: feed.kind,
            path: PathBuf::from(format!("{}.{extension}", feed.name)),
            setting: feed.setting.clone(),
            export_date: None,
            projected: false,
            notes: Vec::new(),
        };
        // A hostile workbook is refused by the reader's limits; a panic in a library it uses
        // must not take the daemon with it either.
        let projected =
            std::panic::catch_unwind(|| crate::ingest::project::project(&planned, bytes));
        let projection = match projected {
            Ok(Ok(p)) => p,
            Ok(Err(e)) => {
                preview.refused = Some(e.dutch());
                return preview;
            }
            Err(_) => {
                preview.refused = Some("Het bestand kan niet worden gelezen.".into());
                return preview;
            }
        };
        // The projection (mapped columns only) is read as a snapshot would be, then deleted.
        let tmp = self
            .uploads_dir()
            .join(format!(".preview-{}.csv", super::secret::random_hex(16)));
        if let Err(e) = crate::files::write_private(&tmp, &projection.csv) {
            tracing::error!(error = %e, "cannot write a preview's projection");
            preview.refused =
                Some("De dienst kan het bestand nu niet lezen. Probeer het later opnieuw.".into());
            return preview;
        }
        let read = self.ingest_one(feed, tmp.clone(), true, projection.notes.clone(), today);
        let _ = std::fs::remove_file(&tmp);
        let ds = match read {
            Ok(ds) => ds,
            Err(e) => {
                preview.refused = Some(e.dutch());
                return preview;
            }
        };
        if let Some(report) = ds.reports.first() {
            preview.read = report.read;
            preview.accepted = report.accepted;
            preview.rejected = report.rejected;
            preview.blank = report.blank_lines;
            preview.notes = report.warnings.clone();
            preview.rejections = report
                .rejections
                .iter()
                .take(LISTED_REJECTIONS)
                .map(|r| (r.line, r.kinds.join("; ")))
                .collect();
        }
        preview.latest = match feed.kind {
            SourceKind::Deliveries => ds.deliveries.latest_date(),
            _ => ds.applications.latest_date(),
        };
        let now = per_municipality(&ds, feed.kind, preview.year, self.reference());
        let before = match store.latest_snapshot(&feed.name) {
            Ok(Some((snap, _))) if snap.purged_at.is_none() => self
                .ingest_one(
                    feed,
                    PathBuf::from(&snap.path),
                    snap.projection,
                    snap.notes.clone(),
                    today,
                )
                .ok()
                .map(|ds| per_municipality(&ds, feed.kind, preview.year, self.reference())),
            _ => None,
        };
        preview.has_previous = before.is_some();
        let before = before.unwrap_or_default();
        let mut names: Vec<&String> = now.keys().chain(before.keys()).collect();
        names.sort();
        names.dedup();
        preview.changes = names
            .into_iter()
            .map(|n| {
                (
                    n.clone(),
                    now.get(n).copied().unwrap_or(0),
                    before.get(n).copied().unwrap_or(0),
                )
            })
            .collect();
        preview
    }

    /// Runs `portal.scan_command` on the file (on its standard input); `Err` with what the
    /// operator reads when it finds something or cannot run.
    pub async fn scan_upload(&self, path: &Path) -> Result<(), String> {
        let Some(argv) = self.settings().portal.scanner() else {
            return Ok(());
        };
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| format!("cannot read the upload: {e}"))?
            .into_std()
            .await;
        let out = tokio::process::Command::new(&argv[0])
            .args(&argv[1..])
            .stdin(file)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .output();
        match tokio::time::timeout(std::time::Duration::from_secs(300), out).await {
            Err(_) => Err(format!("{} took longer than 5 minutes", argv[0])),
            Ok(Err(e)) => Err(format!("{} could not be started: {e}", argv[0])),
            Ok(Ok(o)) if o.status.success() => Ok(()),
            Ok(Ok(o)) => Err(format!(
                "{} refused the upload ({}): {}",
                argv[0],
                o.status,
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .chain(String::from_utf8_lossy(&o.stderr).lines())
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" / ")
            )),
        }
    }

    /// Keeps a confirmed upload as its feed's snapshot (content-addressed, as a pull keeps a
    /// delivery, with who delivered it as its origin), records the confirmation and deletes the
    /// uploaded file. A delivery the judge holds (`intake`) is kept but waits for an operator.
    pub async fn confirm_delivery(
        &self,
        upload: &Upload,
        account: &Account,
        covers_until: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Confirmed, ServiceError> {
        let feed = self
            .portal_feeds(&account.organisation)
            .into_iter()
            .find(|f| f.name == upload.feed)
            .ok_or_else(|| {
                ServiceError::Console(format!(
                    "feed {} is not delivered by {}",
                    upload.feed, account.organisation
                ))
            })?;
        let bytes = tokio::fs::read(&upload.path).await.map_err(|e| {
            ServiceError::Console(format!("upload {} cannot be read: {e}", upload.key))
        })?;
        let delivery = Delivery {
            origin: format!("portal: {}", account.email),
            etag: None,
            last_modified: None,
            extension: upload.extension.clone(),
        };
        let judge = |new: &Path, previous: Option<&crate::store::Snapshot>| {
            self.judge_delivery(&feed, new, previous)
        };
        let kept = keep_delivery(
            &feed,
            self.pool(),
            self.state_dir(),
            bytes,
            delivery,
            now,
            &judge,
        )
        .await?;
        let confirmed = match kept {
            Pulled::New(id) | Pulled::Unchanged(id) => Confirmed::Taken(id),
            Pulled::Held(id) => {
                self.tell_held(id, now)?;
                Confirmed::Held(id)
            }
            Pulled::StillHeld(id) => Confirmed::Held(id),
            Pulled::Rejected(id) => Confirmed::Rejected(id),
            Pulled::Absent => unreachable!("a delivery is never absent"),
        };
        let (Confirmed::Taken(id) | Confirmed::Held(id) | Confirmed::Rejected(id)) = confirmed;
        self.store()?
            .confirm_upload(upload.id, id, covers_until, now)?;
        let _ = std::fs::remove_file(&upload.path);
        Ok(confirmed)
    }

    /// Queues a sign-in link for `email` when it has an enabled account (the caller answers the
    /// same either way). At most three links per account per link lifetime.
    pub fn send_sign_in_link(&self, email: &str, now: DateTime<Utc>) -> Result<bool, ServiceError> {
        let store = self.store()?;
        let Some(account) = store.active_account(email)? else {
            return Ok(false);
        };
        let minutes = i64::from(self.settings().portal.link_minutes);
        if store.recent_links(account.id, now - chrono::Duration::minutes(minutes))? >= 3 {
            tracing::warn!(
                account = account.id,
                "sign-in link not sent: three were sent within the link lifetime"
            );
            return Ok(false);
        }
        let token = super::secret::random_hex(32);
        store.add_link(
            &super::secret::id_hash(&token),
            account.id,
            now,
            now + chrono::Duration::minutes(minutes),
        )?;
        let base = self.portal_base();
        let texts = super::mail::MailTexts::load(&self.settings().output.templates)?;
        let ctx = minijinja::context! {
            link => format!("{base}/portaal/link/{token}"),
            minutes => minutes,
            organisation => self.settings().organisation.name.clone(),
        };
        store.queue_runless_mail(
            &NewMail {
                dedup_key: format!("portal-link|{}", super::secret::id_hash(&token)),
                recipient: account.email.clone(),
                subject: texts.render("subject_portal_link", &ctx)?,
                body: texts.render("body_portal_link", &ctx)?,
                body_html: None,
            },
            now,
        )?;
        Ok(true)
    }

    /// Invites a person: an account for `organisation`, in the audit trail under `by`, and an
    /// invitation mail when the portal is on. `false` when the address has an account already.
    pub fn invite(
        &self,
        email: &str,
        organisation: &Organisation,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, ServiceError> {
        let email = email.trim().to_lowercase();
        let store = self.store()?;
        if store.add_account(&email, organisation, by, now)?.is_none() {
            return Ok(false);
        }
        store.audit(
            &crate::store::NewAudit {
                actor: by,
                action: "uitgenodigd voor het portaal",
                run_id: None,
                job_id: None,
                mail_id: None,
                detail: &format!("{email} ({organisation})"),
            },
            now,
        )?;
        if self.settings().portal.enabled {
            let base = self.portal_base();
            let texts = super::mail::MailTexts::load(&self.settings().output.templates)?;
            let ctx = minijinja::context! {
                portal => format!("{base}/portaal/"),
                organisation => self.settings().organisation.name.clone(),
            };
            store.queue_runless_mail(
                &NewMail {
                    dedup_key: format!("portal-invite|{email}|{}", crate::store::ts(now)),
                    recipient: email.clone(),
                    subject: texts.render("subject_portal_invite", &ctx)?,
                    body: texts.render("body_portal_invite", &ctx)?,
                    body_html: None,
                },
                now,
            )?;
        }
        Ok(true)
    }

    /// Disables an account (audited under `by`); `false` when there is no enabled one.
    pub fn disable_account(
        &self,
        email: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, ServiceError> {
        let store = self.store()?;
        if !store.disable_account(email, now)? {
            return Ok(false);
        }
        store.audit(
            &crate::store::NewAudit {
                actor: by,
                action: "portaaltoegang beëindigd",
                run_id: None,
                job_id: None,
                mail_id: None,
                detail: email,
            },
            now,
        )?;
        Ok(true)
    }

    /// The portal feeds that do not cover `period` yet, with the day they cover up to.
    pub fn late_portal_feeds(
        &self,
        store: &Store,
        period: crate::domain::Period,
    ) -> Result<Vec<(Feed, Option<NaiveDate>)>, ServiceError> {
        let mut late = Vec::new();
        for feed in self
            .settings()
            .feeds()
            .into_iter()
            .filter(|f| f.setting.portal)
        {
            let covers = match store.latest_snapshot(&feed.name)? {
                Some((snap, _)) => store.delivered_covers_until(snap.id)?,
                None => None,
            };
            if covers.is_none_or(|d| d < period.last_day()) {
                late.push((feed, covers));
            }
        }
        Ok(late)
    }

    /// The organisation that delivers a portal feed.
    pub fn feed_organisation(&self, feed: &Feed) -> Option<Organisation> {
        match feed.kind {
            SourceKind::Applications => Some(Organisation::Applications),
            _ => feed
                .setting
                .corporation
                .as_deref()
                .and_then(|c| self.reference().corporation(c))
                .map(|c| Organisation::Corporation(c.code.clone())),
        }
    }

    /// On or after `portal.remind_working_day` of a month: one reminder to each account of
    /// each organisation whose portal feeds do not cover the month just ended (exactly once:
    /// the outbox's key holds across restarts). Returns how many were queued now.
    pub fn remind_late(&self, now: DateTime<Utc>) -> Result<usize, ServiceError> {
        let Some(n) = self.settings().portal.remind_working_day else {
            return Ok(0);
        };
        let today = crate::clock::local_date(self.settings().time_zone(), now);
        let this_month =
            crate::domain::Period::new(today.year(), today.month()).expect("a real month");
        if today < crate::schedule::nth_working_day(this_month, n) {
            return Ok(0);
        }
        let period = crate::domain::Period::last_complete(today);
        let store = self.store()?;
        let late = self.late_portal_feeds(&store, period)?;
        if late.is_empty() {
            return Ok(0);
        }
        let accounts = store.accounts()?;
        let texts = super::mail::MailTexts::load(&self.settings().output.templates)?;
        let base = self.portal_base();
        let mut queued = 0;
        for account in accounts.iter().filter(|a| a.disabled_at.is_none()) {
            let feeds: Vec<String> = late
                .iter()
                .filter(|(f, _)| {
                    self.feed_organisation(f)
                        .is_some_and(|o| match (&o, &account.organisation) {
                            (Organisation::Corporation(a), Organisation::Corporation(b)) => {
                                a.eq_ignore_ascii_case(b)
                            }
                            (a, b) => a == b,
                        })
                })
                .map(|(f, covers)| match covers {
                    Some(d) => format!(
                        "{} (nu tot en met {})",
                        f.name,
                        crate::render::nl::date_long(*d)
                    ),
                    None => format!("{} (nog niets geleverd)", f.name),
                })
                .collect();
            if feeds.is_empty() {
                continue;
            }
            let ctx = minijinja::context! {
                period => crate::render::nl::month_long(period),
                feeds => feeds,
                portal => format!("{base}/portaal/"),
                organisation => self.settings().organisation.name.clone(),
            };
            if store.queue_runless_mail(
                &NewMail {
                    dedup_key: format!(
                        "portal-remind|{period}|{}|{}",
                        account.organisation, account.email
                    ),
                    recipient: account.email.clone(),
                    subject: texts.render("subject_portal_remind", &ctx)?,
                    body: texts.render("body_portal_remind", &ctx)?,
                    body_html: None,
                },
                now,
            )? {
                queued += 1;
            }
        }
        Ok(queued)
    }

    /// Deletes the files of uploads not confirmed within `portal.upload_hours`, and the
    /// previews of every upload older than that.
    pub fn purge_uploads(&self, now: DateTime<Utc>) -> Result<usize, ServiceError> {
        let store = self.store()?;
        let before = now - chrono::Duration::hours(i64::from(self.settings().portal.upload_hours));
        store.forget_previews(before)?;
        let stale = store.stale_uploads(before)?;
        for u in &stale {
            match std::fs::remove_file(&u.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    tracing::error!(upload = u.id, error = %e, "an unconfirmed upload could not be deleted");
                    continue;
                }
                _ => store.upload_deleted(u.id, now)?,
            }
        }
        Ok(stale.len())
    }
}
