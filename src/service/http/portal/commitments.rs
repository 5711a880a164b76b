//! A corporation's commitments in the portal: the form for the coming year (last year's
//! homes beside the fields) and its submission, checked, for an operator to approve.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Utc};
use minijinja::context;

use super::{organisation_name, page, Person, St};
use crate::service::http::session::Signed;
use crate::service::http::web::WebError;
use crate::service::store::Organisation;

/// `GET /portaal/afspraken`.
pub(super) async fn form(
    State(st): St,
    Signed(who): Signed<Person>,
    query: axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    show(&st, &who, None, query.0.contains_key("ingediend")).await
}

async fn show(
    st: &super::PortalState,
    who: &Person,
    fout: Option<String>,
    ingediend: bool,
) -> Result<Response, WebError> {
    let Organisation::Corporation(code) = &who.account.organisation else {
        return Err(WebError::NotFound);
    };
    let year = crate::clock::today(st.service.settings().time_zone()).year() + 1;
    let lines = st.service.commitments_form(code, year, Utc::now()).await?;
    let status = if fout.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let mut res = page(
        st,
        "portaal_afspraken.html",
        context! {
            user => who.account.email.clone(),
            organisatie => organisation_name(st, &who.account.organisation),
            csrf => who.csrf.clone(),
            jaar => year,
            regels => lines,
            fout => fout,
            ingediend => ingediend,
        },
    )?;
    *res.status_mut() = status;
    Ok(res)
}

/// `POST /portaal/afspraken`: `gemeente`, `ondergrens` and `bovengrens` repeat, one of each per
/// municipality, in the form's order.
pub(super) async fn submit(
    State(st): St,
    Signed(who): Signed<Person>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let get = |k: &'static str| {
        fields
            .iter()
            .filter(move |(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    let csrf = get("csrf").next().unwrap_or_default();
    crate::service::http::session::check_csrf(&who.csrf, &csrf)?;
    let year = crate::clock::today(st.service.settings().time_zone()).year() + 1;
    if get("jaar").next().and_then(|y| y.parse::<i32>().ok()) != Some(year) {
        return show(
            &st,
            &who,
            Some(st.text("afspraken_jaar", context! { jaar => year })),
            false,
        )
        .await;
    }
    let (m, l, u): (Vec<_>, Vec<_>, Vec<_>) = (
        get("gemeente").collect(),
        get("ondergrens").collect(),
        get("bovengrens").collect(),
    );
    if m.len() != l.len() || m.len() != u.len() || m.len() > 400 {
        return show(
            &st,
            &who,
            Some(st.text("afspraken_onvolledig", context! {})),
            false,
        )
        .await;
    }
    let rows: Vec<(String, String, String)> = m
        .into_iter()
        .zip(l)
        .zip(u)
        .map(|((m, l), u)| (m, l, u))
        .collect();
    let (service, account) = (st.service.clone(), who.account.clone());
    let done = tokio::task::spawn_blocking(move || {
        service.submit_commitments(&account, year, &rows, Utc::now())
    })
    .await;
    match done.map_err(|e| WebError::Internal(Box::new(e.into())))? {
        Ok(Ok(_)) => Ok(Redirect::to("/portaal/afspraken?ingediend=1").into_response()),
        Ok(Err(why)) => show(&st, &who, Some(why), false).await,
        Err(e) => Err(e.into()),
    }
}
