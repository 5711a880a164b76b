//! The console's pages (GET): Overzicht, Runs and one run, the regenerate form, a job's
//! progress, Mails, Gegevenskwaliteit, and a report's PDF. Store work runs off the async threads.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::state::{Operator, St};
use crate::store::{MailStatus, RunKind, RunStatus};
use crate::web::console::view::signed_page;
use crate::web::html::WebError;
use crate::web::session::Signed;
use crate::web::state::blocking;

/// A fixed message after an action (`?ok=…`): the text comes from here, never from the URL.
#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    ok: Option<String>,
}

fn flash(st: &super::state::ConsoleState, f: &Flash) -> Option<String> {
    let key = match f.ok.as_deref()? {
        "vrijgegeven" => "gemeld_vrijgegeven",
        "opnieuw" => "gemeld_opnieuw",
        "geannuleerd" => "gemeld_geannuleerd",
        "wacht" => "gemeld_wacht",
        _ => return None,
    };
    Some(st.text(key, context! {}))
}

/// One feed on the overview and the data-quality page.
#[derive(Serialize)]
struct FeedView {
    name: String,
    kind: String,
    corporation: Option<String>,
    origin: String,
    fetched_at: Option<String>,
    checked_at: Option<String>,
    /// How long ago the feed was last checked, in Dutch (`zojuist`, `5 uur geleden`).
    age: Option<String>,
    stale: bool,
    refused: Option<String>,
    read: Option<i64>,
    rejected: Option<i64>,
    rejected_pct: Option<String>,
    warnings: Vec<String>,
    reasons: Vec<(String, i64)>,
}

/// An age in hours the Dutch way.
fn age_nl(hours: i64) -> String {
    match hours {
        i64::MIN..=0 => "zojuist".into(),
        1..=47 => format!("{hours} uur geleden"),
        _ => format!("{} dagen geleden", hours / 24),
    }
}

fn feeds(
    st: &super::state::ConsoleState,
    store: &crate::store::Store,
) -> Result<Vec<FeedView>, crate::service::ServiceError> {
    let now = chrono::Utc::now();
    let checks = store.source_checks()?;
    let read = match store.latest_run_with_sources()? {
        Some(run) => store.run_sources(run)?,
        None => Vec::new(),
    };
    let max_age = st.service.settings().hold.max_source_age_hours as i64;
    let mut out = Vec::new();
    for f in st.service.settings().feeds() {
        let latest = store.latest_snapshot(&f.name)?.map(|(s, _)| s);
        let check = checks.iter().find(|c| c.feed == f.name);
        let age_hours = check
            .and_then(|c| crate::store::parse_ts(&c.checked_at))
            .map(|t| (now - t).num_hours());
        let r = read.iter().find(|r| r.feed == f.name);
        let mut reasons: Vec<(String, i64)> = r
            .map(|r| r.reasons.clone().into_iter().collect())
            .unwrap_or_default();
        reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.push(FeedView {
            kind: f.kind.as_str().to_string(),
            corporation: f
                .setting
                .corporation
                .as_deref()
                .map(|c| st.service.reference().corporation_name(c).to_string()),
            // Its kind and host or file name; never a folder or credentials.
            origin: match &f.setting.url {
                Some(u) => format!(
                    "URL ({})",
                    url::Url::parse(u)
                        .ok()
                        .and_then(|u| u.host_str().map(str::to_string))
                        .unwrap_or_default()
                ),
                None => format!(
                    "bestand ({})",
                    f.setting
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                ),
            },
            fetched_at: latest.as_ref().map(|s| s.fetched_at.clone()),
            checked_at: check.map(|c| c.checked_at.clone()),
            stale: age_hours.is_none_or(|h| h > max_age),
            age: age_hours.map(age_nl),
            refused: check.and_then(|c| c.refused.clone()),
            read: r.map(|r| r.read),
            rejected: r.map(|r| r.rejected),
            rejected_pct: r
                .map(|r| crate::render::nl::pct(r.rejected as f64 / (r.read.max(1)) as f64)),
            warnings: r.map(|r| r.warnings.clone()).unwrap_or_default(),
            reasons,
            name: f.name,
        });
    }
    Ok(out)
}

pub async fn overview(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Query(f): Query<Flash>,
) -> Result<Response, WebError> {
    let now = chrono::Utc::now();
    let tz = st.service.settings().time_zone();
    let schedule = st
        .service
        .settings()
        .schedule()
        .map_err(|e| WebError::Internal(Box::new(e.into())))?;
    let next_pull = schedule
        .next_pull(now)
        .map(|t| t.with_timezone(&tz).format("%d-%m-%Y %H:%M").to_string());
    let (report_at, report_period) = schedule.next_report(now);
    let st2 = st.clone();
    let data = blocking(&st.service, move |s| {
        let runs = s.runs(10)?;
        let held = s.runs_filtered(None, Some(RunStatus::Held), None, 20)?;
        let outbox = s.outbox_state()?;
        let counts = [
            MailStatus::Pending,
            MailStatus::Held,
            MailStatus::Failed,
            MailStatus::Sent,
        ]
        .into_iter()
        .map(|m| {
            Ok((
                crate::web::html::mail_status_nl(&m.to_string()),
                s.count_mails(m)?,
            ))
        })
        .collect::<Result<Vec<_>, crate::service::ServiceError>>()?;
        let feeds = feeds(&st2, s)?;
        // Who has not delivered the month just ended in the portal.
        let portal_month = crate::domain::Period::last_complete(crate::clock::today(tz));
        let portal_late: Vec<String> = if st2.service.settings().portal.enabled {
            st2.service
                .late_portal_feeds(s, portal_month)?
                .into_iter()
                .map(|(f, covers)| {
                    let org = match st2.service.feed_organisation(&f) {
                        Some(crate::store::Organisation::Corporation(c)) => {
                            st2.service.reference().corporation_name(&c).to_string()
                        }
                        _ => crate::web::html::text(
                            &st2.service.settings().output.templates,
                            "matchingsorganisatie",
                            context! {},
                        ),
                    };
                    match covers {
                        Some(d) => st2.text(
                            "portaal_geleverd_tot",
                            context! { organisatie => org, feed => f.name, datum => crate::render::nl::date_long(d) },
                        ),
                        None => st2.text(
                            "portaal_niets_geleverd",
                            context! { organisatie => org, feed => f.name },
                        ),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        // The scopes at risk of ending below their lower bound (the latest month run), and the
        // warnings mailed this year.
        let (risk_run, at_risk) = match s.latest_at_risk()? {
            Some((id, json)) => (
                Some(id),
                serde_json::from_str::<Vec<serde_json::Value>>(&json).unwrap_or_default(),
            ),
            None => (None, Vec::new()),
        };
        let at_risk: Vec<_> = at_risk
            .iter()
            .map(|r| {
                context! {
                    name => r["name"].as_str().unwrap_or_default().to_string(),
                    kans => crate::render::nl::chance(r["p_below_lower"].as_f64().unwrap_or(0.0)),
                }
            })
            .collect();
        let year = crate::clock::today(tz).year();
        let warned = s.warnings_of_year(year)?.len();
        // What was mailed to whom (a warning with no one to receive it is recorded, not sent).
        let mailed: Vec<_> = s
            .warning_mails_of_year(year)?
            .into_iter()
            .map(|(to, sent, waiting)| context! { aan => to, verstuurd => sent, wacht => waiting })
            .collect();
        Ok(context! {
            risico => at_risk,
            risico_run => risk_run,
            gewaarschuwd => warned,
            gemaild => mailed,
            portaal_laat => portal_late,
            portaal_maand => crate::render::nl::month_long(portal_month),
            runs => runs,
            held => held,
            blocked_since => outbox.blocked_since.map(crate::store::ts),
            counts => counts,
            feeds => feeds,
        })
    })
    .await?;
    let page = signed_page(
        &st,
        &signed,
        "overzicht",
        "overview.html",
        context! {
            next_pull => next_pull,
            next_report => report_at.with_timezone(&tz).format("%d-%m-%Y %H:%M").to_string(),
            next_period => crate::render::nl::month_long(report_period),
            queued_jobs => st.queue.len(),
            flash => flash(&st, &f),
            ..data
        },
    )?;
    Ok(page.into_response())
}

#[derive(Deserialize, Default)]
pub struct RunFilter {
    #[serde(default)]
    soort: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    periode: Option<String>,
}

pub async fn runs(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Query(f): Query<RunFilter>,
) -> Result<Response, WebError> {
    let kind = f
        .soort
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(RunKind::parse);
    let status = f
        .status
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(RunStatus::parse);
    let period = f
        .periode
        .clone()
        .filter(|p| p.parse::<crate::domain::Period>().is_ok());
    let p2 = period.clone();
    let runs = blocking(&st.service, move |s| {
        Ok(s.runs_filtered(kind, status, p2.as_deref(), 200)?)
    })
    .await?;
    Ok(signed_page(
        &st,
        &signed,
        "runs",
        "runs.html",
        context! {
            runs => runs,
            soort => kind.map(|k| k.as_str()),
            status => status.map(|s| s.as_str()),
            periode => period,
        },
    )?
    .into_response())
}

pub async fn run(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Path(id): Path<i64>,
    Query(f): Query<Flash>,
) -> Result<Response, WebError> {
    let data = blocking(&st.service, move |s| {
        let run = s.run(id)?;
        let snapshots = s.run_snapshots(id)?;
        let reports = s.run_reports(id)?;
        let mails = s.outbox(Some(id))?;
        let audit = s.audit_of_run(id)?;
        let sources = s.run_sources(id)?;
        let notices = s.run_notices(id)?;
        Ok(context! {
            run => run,
            notices => notices,
            snapshots => snapshots.iter().map(|s| context! {
                feed => s.feed.clone(), sha => s.sha256[..12].to_string(), bytes => s.bytes,
                fetched_at => s.fetched_at.clone(), purged => s.purged_at.is_some(),
            }).collect::<Vec<_>>(),
            reports => reports.iter().map(|r| context! {
                id => r.id,
                name => std::path::Path::new(&r.path).file_name()
                    .map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                audience => r.audience_kind.as_str(),
                code => r.audience_code.clone(),
            }).collect::<Vec<_>>(),
            mails => mails,
            audit => audit,
            sources => sources,
        })
    })
    .await?;
    Ok(signed_page(
        &st,
        &signed,
        "runs",
        "run.html",
        context! { flash => flash(&st, &f), ..data },
    )?
    .into_response())
}

/// A report's PDF (from the archive, never a path in the answer), shown inline.
pub async fn report_file(State(st): St, Path(id): Path<i64>) -> Result<Response, WebError> {
    use crate::web::download::{self, Disposition, DownloadError};
    download::report(&st.service, id, Disposition::Inline)
        .await
        .map_err(|e| match e {
            DownloadError::Service(e) => WebError::from(e),
            _ => WebError::NotFound,
        })
}

pub async fn regenerate_form(
    State(st): St,
    Signed(signed): Signed<Operator>,
) -> Result<Response, WebError> {
    let today = crate::clock::today(st.service.settings().time_zone());
    let last = crate::domain::Period::last_complete(today);
    Ok(signed_page(
        &st,
        &signed,
        "opnieuw",
        "regenerate.html",
        context! {
            period => last.to_string(),
            municipalities => st.service.reference().municipalities.iter()
                .map(|(c, n)| (c.as_str().to_string(), n.clone())).collect::<Vec<_>>(),
            corporations => st.service.reference().corporations.iter()
                .map(|c| (c.code.clone(), c.name.clone())).collect::<Vec<_>>(),
        },
    )?
    .into_response())
}

pub async fn job(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let (job, run) = blocking(&st.service, move |s| {
        let job = s.job(id)?;
        let run = match job.run_id {
            Some(r) => Some(s.run(r)?),
            None => None,
        };
        Ok((job, run))
    })
    .await?;
    let request: Option<crate::service::worker::RegenerateRequest> =
        serde_json::from_str(&job.request).ok();
    let done = matches!(
        job.status,
        crate::store::JobStatus::Succeeded | crate::store::JobStatus::Failed
    );
    Ok(signed_page(
        &st,
        &signed,
        "opnieuw",
        "job.html",
        context! {
            job => job,
            done => done,
            period => request.as_ref().map(|r| r.period.to_string()),
            scope => request.as_ref().map(|r| crate::web::console::view::scope_nl(&st.service, &r.selection)),
            send => request.as_ref().is_some_and(|r| r.send),
            // A run held for review publishes and sends nothing until released: say so here.
            held_reason => run.filter(|r| r.status == crate::store::RunStatus::Held)
                .map(|r| r.hold_reason.unwrap_or_default()),
        },
    )?
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct MailFilter {
    #[serde(default)]
    status: Option<String>,
}

pub async fn mails(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Query(f): Query<MailFilter>,
    Query(fl): Query<Flash>,
) -> Result<Response, WebError> {
    let status = f
        .status
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(MailStatus::parse);
    let mails = blocking(&st.service, move |s| Ok(s.outbox_latest(status, 300)?)).await?;
    Ok(signed_page(
        &st,
        &signed,
        "mails",
        "mails.html",
        context! {
            mails => mails,
            status => status.map(|s| s.as_str()),
            flash => flash(&st, &fl),
        },
    )?
    .into_response())
}

pub async fn quality(
    State(st): St,
    Signed(signed): Signed<Operator>,
) -> Result<Response, WebError> {
    let st2 = st.clone();
    let (feeds, run, notices) = blocking(&st.service, move |s| {
        let run = s.latest_run_with_sources()?;
        let notices = match run {
            Some(r) => s.run_notices(r)?,
            None => Vec::new(),
        };
        Ok((feeds(&st2, s)?, run, notices))
    })
    .await?;
    Ok(signed_page(
        &st,
        &signed,
        "kwaliteit",
        "quality.html",
        context! { feeds => feeds, run => run, notices => notices },
    )?
    .into_response())
}
