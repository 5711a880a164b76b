//! A corporation's commitments in the portal: the form for the coming year (last year's
//! homes beside the fields) and its submission, checked, for an operator to approve.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::{Datelike, Utc};
use minijinja::context;

use super::{csrf_ok, forbidden, internal, organisation_name, page, Signed, St, CSRF_REFUSED};
use crate::service::store::Organisation;

/// `GET /portaal/afspraken`.
pub(super) async fn form(
    State(st): St,
    Extension(who): Extension<Signed>,
    query: axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> Response {
    show(&st, &who, None, query.0.contains_key("ingediend")).await
}

async fn show(
    st: &super::PortalState,
    who: &Signed,
    fout: Option<String>,
    ingediend: bool,
) -> Response {
    let Organisation::Corporation(code) = &who.account.organisation else {
        return super::not_found(st);
    };
    let year = crate::clock::today(st.service.settings().time_zone()).year() + 1;
    let lines = match st.service.commitments_form(code, year, Utc::now()).await {
        Ok(l) => l,
        Err(e) => return internal(&e),
    };
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
            organisatie => organisation_name(&st.service, &who.account.organisation),
            csrf => who.csrf.clone(),
            jaar => year,
            regels => lines,
            fout => fout,
            ingediend => ingediend,
        },
    );
    *res.status_mut() = status;
    res
}

/// `POST /portaal/afspraken`: `gemeente`, `ondergrens` and `bovengrens` repeat, one of each per
/// municipality, in the form's order.
pub(super) async fn submit(
    State(st): St,
    Extension(who): Extension<Signed>,
    body: axum::body::Bytes,
) -> Response {
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let get = |k: &'static str| {
        fields
            .iter()
            .filter(move |(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    let csrf = get("csrf").next().unwrap_or_default();
    if !csrf_ok(&who, &csrf) {
        return forbidden(&st, CSRF_REFUSED);
    }
    let year = crate::clock::today(st.service.settings().time_zone()).year() + 1;
    if get("jaar").next().and_then(|y| y.parse::<i32>().ok()) != Some(year) {
        return show(
            &st,
            &who,
            Some(format!(
                "Grenzen worden opgegeven voor {year}. Open de pagina opnieuw."
            )),
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
            Some("Het formulier was onvolledig. Open de pagina opnieuw.".into()),
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
    match done {
        Ok(Ok(Ok(_))) => Redirect::to("/portaal/afspraken?ingediend=1").into_response(),
        Ok(Ok(Err(why))) => show(&st, &who, Some(why), false).await,
        Ok(Err(e)) => internal(&e),
        Err(e) => internal(&e.into()),
    }
}
