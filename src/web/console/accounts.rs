//! The console's Portaal page: who may use the portal (invite, disable) and which organisations
//! have not yet delivered the month just ended. Every change is audited under the operator
//! (by `Service::invite` and `Service::disable_account`).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;

use super::state::{Operator, St};
use crate::store::Organisation;
use crate::web::console::view::signed_page;
use crate::web::html::WebError;
use crate::web::session::{check_csrf, Signed};
use crate::web::state::blocking;

#[derive(Deserialize, Default)]
pub struct AccountsFlash {
    #[serde(default)]
    ok: Option<String>,
}

/// `GET /console/portaal`.
pub async fn page(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Query(f): Query<AccountsFlash>,
) -> Result<Response, WebError> {
    let service = st.service.clone();
    let tz = service.settings().time_zone();
    let (accounts, late, submitted) = blocking(&st.service, move |s| {
        let period = crate::domain::Period::last_complete(crate::clock::today(
            service.settings().time_zone(),
        ));
        let late: Vec<_> = service
            .late_portal_feeds(s, period)?
            .into_iter()
            .map(|(feed, covers)| {
                let org = service
                    .feed_organisation(&feed)
                    .map(|o| organisation_label(&service, &o))
                    .unwrap_or_default();
                context! {
                    organisatie => org,
                    feed => feed.name,
                    tot => covers.map(crate::render::nl::date_long),
                }
            })
            .collect();
        Ok((
            s.accounts()?,
            (crate::render::nl::month_long(period), late),
            s.submitted_commitments()?,
        ))
    })
    .await?;
    let (maand, late) = late;
    // Submissions by corporation and year, each municipality with its figures.
    let mut groups: Vec<minijinja::Value> = Vec::new();
    // Per corporation and year: the submission's version (its newest row) and its lines.
    let mut by: std::collections::BTreeMap<(String, i32), (i64, Vec<minijinja::Value>)> =
        Default::default();
    for c in &submitted {
        let name = crate::domain::MunicipalityCode::parse(&c.municipality)
            .ok()
            .and_then(|m| {
                st.service
                    .reference()
                    .municipality_name(&m)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| c.municipality.clone());
        let entry = by.entry((c.corporation.clone(), c.year)).or_default();
        entry.0 = entry.0.max(c.id);
        entry.1.push(context! {
            gemeente => name, onder => c.lower, boven => c.upper, door => c.submitted_by.clone(),
        });
    }
    for ((corp, year), (version, lines)) in by {
        groups.push(context! {
            code => corp.clone(),
            naam => st.service.reference().corporation_name(&corp).to_string(),
            jaar => year,
            versie => version,
            regels => lines,
        });
    }
    let organisations: Vec<_> = st
        .service
        .settings()
        .corporations
        .iter()
        .map(|c| context! { value => format!("corporation:{}", c.code), label => c.name.clone() })
        .chain(std::iter::once(
            context! { value => "applications", label => st.text("matchingsorganisatie_aanvragen", context! {}) },
        ))
        .collect();
    let rows: Vec<_> = accounts
        .iter()
        .map(|a| {
            context! {
                email => a.email.clone(),
                organisatie => organisation_label(&st.service, &a.organisation),
                actief => a.disabled_at.is_none(),
                sinds => crate::store::parse_ts(&a.created_at)
                    .map(|t| crate::clock::local_date(tz, t).format("%d-%m-%Y").to_string()),
                door => a.created_by.clone(),
                id => a.id,
            }
        })
        .collect();
    let flash = match f.ok.as_deref() {
        Some(
            k @ ("uitgenodigd" | "bestaat" | "uitgeschakeld" | "goedgekeurd" | "teruggegeven"),
        ) => Some(st.text(&format!("gemeld_{k}"), context! {})),
        _ => None,
    };
    Ok(signed_page(
        &st,
        &signed,
        "portaal",
        "accounts.html",
        context! {
            accounts => rows,
            organisations => organisations,
            maand => maand,
            late => late,
            afspraken => groups,
            portal_on => st.service.settings().portal.enabled,
            flash => flash,
        },
    )?
    .into_response())
}

fn organisation_label(service: &crate::service::Service, o: &Organisation) -> String {
    match o {
        Organisation::Corporation(c) => service.reference().corporation_name(c).to_string(),
        Organisation::Applications => crate::web::html::text(
            &service.settings().output.templates,
            "matchingsorganisatie",
            context! {},
        ),
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    organisatie: String,
}

/// `POST /console/portaal/uitnodigen`.
pub async fn invite(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Form(form): Form<InviteForm>,
) -> Result<Response, WebError> {
    check_csrf(&signed.csrf, &form.csrf)?;
    let email = crate::domain::EmailAddress::parse(&form.email)
        .map_err(|_| WebError::bad("ongeldig_adres", context! {}))?;
    let organisation = match Organisation::parse(&form.organisatie) {
        Some(Organisation::Corporation(c)) => Organisation::Corporation(
            st.service
                .reference()
                .corporation(&c)
                .map(|k| k.code.clone())
                .ok_or_else(|| WebError::bad("kies_corporatie", context! {}))?,
        ),
        Some(o) => o,
        None => return Err(WebError::bad("kies_organisatie", context! {})),
    };
    let (service, by) = (st.service.clone(), signed.actor.clone());
    let added = crate::threads::offload(move || {
        service.invite(email.as_str(), &organisation, &by, chrono::Utc::now())
    })
    .await?;
    if added {
        // The worker sends it (one mail pass at a time, off the async threads).
        st.queue.mail();
    }
    let ok = if added { "uitgenodigd" } else { "bestaat" };
    Ok(Redirect::to(&format!("/console/portaal?ok={ok}")).into_response())
}

#[derive(Deserialize)]
pub struct DisableForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /console/portaal/{id}/uitschakelen`.
pub async fn disable(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Path(id): Path<i64>,
    Form(form): Form<DisableForm>,
) -> Result<Response, WebError> {
    check_csrf(&signed.csrf, &form.csrf)?;
    let (service, by) = (st.service.clone(), signed.actor.clone());
    let done = blocking(&st.service, move |s| {
        let Some(a) = s.accounts()?.into_iter().find(|a| a.id == id) else {
            return Ok(false);
        };
        service.disable_account(&a.email, &by, chrono::Utc::now())
    })
    .await?;
    if !done {
        return Err(WebError::NotFound);
    }
    Ok(Redirect::to("/console/portaal?ok=uitgeschakeld").into_response())
}

#[derive(Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    corporatie: String,
    #[serde(default)]
    jaar: i32,
    /// The version of the submission the operator looked at.
    #[serde(default)]
    versie: i64,
    #[serde(default)]
    besluit: String,
}

/// `POST /console/portaal/afspraken`: approve (`besluit=goedkeuren`) or return a submission.
pub async fn decide(
    State(st): St,
    Signed(signed): Signed<Operator>,
    Form(form): Form<DecideForm>,
) -> Result<Response, WebError> {
    check_csrf(&signed.csrf, &form.csrf)?;
    let approve = match form.besluit.as_str() {
        "goedkeuren" => true,
        "teruggeven" => false,
        _ => return Err(WebError::bad("kies_beslissing", context! {})),
    };
    let (service, by) = (st.service.clone(), signed.actor.clone());
    let n = blocking(&st.service, move |_| {
        service.decide_commitments(
            &form.corporatie,
            form.jaar,
            form.versie,
            approve,
            &by,
            chrono::Utc::now(),
        )
    })
    .await?;
    if n == 0 {
        // Nothing waits, or a newer submission came after the operator looked: that needs a
        // look of its own.
        return Err(WebError::Message {
            status: axum::http::StatusCode::CONFLICT,
            title: "titel_lukt_niet",
            text: "afspraken_nieuwer",
            ctx: context! {},
        });
    }
    let ok = if approve {
        "goedgekeurd"
    } else {
        "teruggegeven"
    };
    Ok(Redirect::to(&format!("/console/portaal?ok={ok}")).into_response())
}
