//! The console's review page: deliveries held for approval (what was found, the rows to look
//! at; approve or reject) and homes in conflict with the applications register (which
//! corporation's home counts for the application, or no one's). Every decision is audited under
//! the operator (by the service).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;

use super::state::{Operator, St};
use crate::service::intake::DecisionError;
use crate::web::console::view::signed_page;
use crate::web::html::WebError;
use crate::web::session::{check_csrf, Signed};

#[derive(Deserialize, Default)]
pub struct ReviewFlash {
    #[serde(default)]
    ok: Option<String>,
}

/// `GET /console/beoordelen`.
pub async fn page(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Query(f): Query<ReviewFlash>,
) -> Result<Response, WebError> {
    let service = st.service.clone();
    let review = crate::threads::offload(move || service.review(chrono::Utc::now())).await?;
    let flash = f.ok.as_deref().and_then(|k| match k {
        "goedgekeurd" => Some(st.text("beoordeeld_goedgekeurd", context! {})),
        "afgekeurd" => Some(st.text("beoordeeld_afgekeurd", context! {})),
        "beslist" => Some(st.text("beoordeeld_beslist", context! {})),
        _ => None,
    });
    Ok(signed_page(
        &st,
        &signed,
        "beoordelen",
        "review.html",
        context! {
            held => review.held,
            run => review.run,
            conflicts => review.conflicts,
            flash => flash,
        },
    )?
    .into_response())
}

#[derive(Deserialize)]
pub struct HeldForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    besluit: String,
}

/// `POST /console/beoordelen/levering/{id}`: approve (`besluit=goedkeuren`) or reject.
pub async fn decide_held(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Path(id): Path<i64>,
    Form(form): Form<HeldForm>,
) -> Result<Response, WebError> {
    check_csrf(&signed.csrf, &form.csrf)?;
    let approve = match form.besluit.as_str() {
        "goedkeuren" => true,
        "afkeuren" => false,
        _ => return Err(WebError::bad("kies_beslissing", context! {})),
    };
    let (service, by) = (st.service.clone(), signed.actor.clone());
    let decided = crate::threads::offload(move || {
        service.decide_held_delivery(id, approve, &by, chrono::Utc::now())
    })
    .await;
    answer(decided, if approve { "goedgekeurd" } else { "afgekeurd" })
}

#[derive(Deserialize)]
pub struct ApplicationForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    aanvraag: String,
    /// The corporation whose home counts; `niemand` for no one's.
    #[serde(default)]
    telt: String,
}

/// `POST /console/beoordelen/aanvraag`: which corporation's home counts for an application.
pub async fn decide_application(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Form(form): Form<ApplicationForm>,
) -> Result<Response, WebError> {
    check_csrf(&signed.csrf, &form.csrf)?;
    if form.telt.is_empty() {
        return Err(WebError::bad("kies_beslissing", context! {}));
    }
    let (service, by) = (st.service.clone(), signed.actor.clone());
    let decided = crate::threads::offload(move || {
        let corporation = (form.telt != "niemand").then_some(form.telt.as_str());
        service.decide_application(&form.aanvraag, corporation, &by, chrono::Utc::now())
    })
    .await;
    answer(decided, "beslist")
}

/// Back to the page with what was done, or what went wrong.
fn answer(decided: Result<(), DecisionError>, ok: &str) -> Result<Response, WebError> {
    match decided {
        Ok(()) => Ok(Redirect::to(&format!("/console/beoordelen?ok={ok}")).into_response()),
        Err(DecisionError::Service(e)) => Err((*e).into()),
        Err(e) => {
            tracing::info!(error = %e, "a decision was refused");
            Err(WebError::Message {
                status: StatusCode::CONFLICT,
                title: "titel_lukt_niet",
                text: "beoordeling_kan_niet",
                ctx: context! {},
            })
        }
    }
}
