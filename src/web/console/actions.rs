//! The console's actions (POST): release a held run, regenerate (with a confirmation listing
//! the recipients before anything is mailed), queue a failed mail again, cancel a queued one.
//! Each checks the form's CSRF token, goes through the daemon's single worker and is recorded in
//! the audit trail.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;

use super::state::{Operator, St};
use crate::domain::{AudienceKind, Selection};
use crate::service::commands::Command;
use crate::service::worker::{RegenerateRequest, Work};
use crate::web::console::session::CsrfForm;
use crate::web::console::view::signed_page;
use crate::web::html::WebError;
use crate::web::jobs;
use crate::web::session::{audit, check_csrf, AuditIds, Signed};
use crate::web::state::blocking;

/// How long an action waits for the worker before it says the command is queued.
const WAIT: Duration = Duration::from_secs(10);

/// Hands a command to the worker; `Ok(true)` when it finished in time, `Ok(false)` when it
/// waits behind other work (it still runs).
async fn command(st: &super::state::ConsoleState, command: Command) -> Result<bool, WebError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    st.queue
        .push(Work::Command { command, reply: tx })
        .map_err(|_| WebError::Message {
            status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
            title: "titel_lukt_niet",
            text: "wachtrij_vol",
            ctx: context! {},
        })?;
    match tokio::time::timeout(WAIT, rx).await {
        Ok(Ok(Ok(_))) => Ok(true),
        Ok(Ok(Err(e))) => Err(match e.class() {
            crate::service::ErrorClass::Usage => super::state::refused(st, &e),
            _ => WebError::Internal(Box::new(e)),
        }),
        Ok(Err(_)) => Err(WebError::Internal(Box::new(
            crate::service::ServiceError::Console("the worker dropped the command".into()),
        ))),
        Err(_) => Ok(false),
    }
}

pub async fn release(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    check_csrf(&signed.csrf, &form.csrf)?;
    audit(
        &st.service,
        &signed.actor,
        "run vrijgegeven",
        AuditIds {
            run: Some(id),
            ..Default::default()
        },
    )
    .await;
    let done = command(&st, Command::Release { run: id }).await?;
    let ok = if done { "vrijgegeven" } else { "wacht" };
    Ok(Redirect::to(&format!("/console/runs/{id}?ok={ok}")).into_response())
}

#[derive(Deserialize)]
pub struct MailAction {
    #[serde(default)]
    csrf: String,
}

async fn mail_action(
    st: &super::state::ConsoleState,
    signed: &Operator,
    id: i64,
    form: MailAction,
    retry: bool,
) -> Result<Response, WebError> {
    check_csrf(&signed.csrf, &form.csrf)?;
    let mail = blocking(&st.service, move |s| Ok(s.mail(id)?)).await?;
    audit(
        &st.service,
        &signed.actor,
        if retry {
            "mail opnieuw in de wachtrij"
        } else {
            "mail geannuleerd"
        },
        AuditIds {
            mail: Some(id),
            run: mail.run_id,
            detail: format!("aan {}", mail.recipient),
            ..Default::default()
        },
    )
    .await;
    let c = if retry {
        Command::MailsRetry { id: Some(id) }
    } else {
        Command::MailsCancel { id }
    };
    let done = command(st, c).await?;
    let ok = match (done, retry) {
        (false, _) => "wacht",
        (true, true) => "opnieuw",
        (true, false) => "geannuleerd",
    };
    Ok(Redirect::to(&format!("/console/mails?ok={ok}")).into_response())
}

pub async fn retry_mail(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Path(id): Path<i64>,
    Form(form): Form<MailAction>,
) -> Result<Response, WebError> {
    mail_action(&st, &signed, id, form, true).await
}

pub async fn cancel_mail(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Path(id): Path<i64>,
    Form(form): Form<MailAction>,
) -> Result<Response, WebError> {
    mail_action(&st, &signed, id, form, false).await
}

#[derive(Deserialize)]
pub struct RegenerateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    period: String,
    /// `alles`, `gemeente`, `corporatie` or `regio`.
    #[serde(default)]
    scope: String,
    #[serde(default)]
    gemeente: String,
    #[serde(default)]
    corporatie: String,
    /// `ja` to mail the reports.
    #[serde(default)]
    send: String,
    /// `ja` once the operator has seen who gets mail.
    #[serde(default)]
    confirm: String,
}

pub async fn regenerate(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Form(form): Form<RegenerateForm>,
) -> Result<Response, WebError> {
    check_csrf(&signed.csrf, &form.csrf)?;
    let period: crate::domain::ReportPeriod =
        form.period.trim().parse().map_err(|_| {
            WebError::bad("geen_periode", context! { periode => form.period.clone() })
        })?;
    let selection = match form.scope.as_str() {
        "gemeente" => Selection::Municipality(form.gemeente.clone()),
        "corporatie" => Selection::Corporation(form.corporatie.clone()),
        "regio" => Selection::Region,
        _ => Selection::All,
    };
    let selection = st
        .service
        .check_selection(&selection)
        .map_err(|_| WebError::bad("kies_keuze", context! {}))?;
    let send = form.send == "ja";
    if send && form.confirm != "ja" {
        // Who will get mail, before anything is sent.
        let recipients = recipients(&st.service, &selection, period.span);
        return Ok(signed_page(
            &st,
            &signed,
            "opnieuw",
            "confirm.html",
            context! {
                period => period.to_string(),
                period_long => crate::render::nl::report_period_long(period),
                scope => form.scope,
                gemeente => form.gemeente,
                corporatie => form.corporatie,
                selection => crate::web::console::view::scope_nl(&st.service, &selection),
                recipients => recipients,
            },
        )?
        .into_response());
    }
    let request = RegenerateRequest {
        period,
        selection: selection.clone(),
        send,
    };
    let (job, _) = jobs::submit(&st.service, &st.queue, request, None, &signed.actor).await?;
    audit(
        &st.service,
        &signed.actor,
        "opnieuw maken gestart",
        AuditIds {
            job: Some(job.id),
            detail: format!(
                "{period}, {}, {}",
                crate::web::console::view::scope_nl(&st.service, &selection),
                if send {
                    "met verzenden"
                } else {
                    "zonder verzenden"
                }
            ),
            ..Default::default()
        },
    )
    .await;
    Ok(Redirect::to(&format!("/console/jobs/{}", job.id)).into_response())
}

/// The recipients (audience and address) a regeneration with sending would mail.
fn recipients(
    service: &crate::service::Service,
    selection: &Selection,
    span: crate::domain::Span,
) -> Vec<(String, String)> {
    service
        .settings()
        .recipients
        .iter()
        // The same rule as the mails themselves: who gets this span's reports.
        .filter(|r| {
            let a = r.as_audience();
            selection.includes(&a) && r.gets(&a, span)
        })
        .map(|r| {
            let who = match (r.audience, r.code.as_deref()) {
                (AudienceKind::Region, _) => service.settings().region.name.clone(),
                (AudienceKind::Municipality, Some(c)) => service
                    .reference()
                    .municipalities
                    .iter()
                    .find(|(m, _)| m.as_str().eq_ignore_ascii_case(c))
                    .map(|(_, n)| format!("gemeente {n}"))
                    .unwrap_or_else(|| c.to_string()),
                (AudienceKind::Corporation, Some(c)) => {
                    format!("corporatie {}", service.reference().corporation_name(c))
                }
                (_, None) => String::new(),
            };
            (who, r.email.to_string())
        })
        .collect()
}
