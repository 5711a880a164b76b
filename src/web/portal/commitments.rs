//! A corporation's commitments in the portal: the form for an open year (the year that has
//! begun until its commitments are approved, the coming year from `portal.commitments_from`;
//! the year before's homes beside the fields) and its submission, checked, for an operator to
//! approve.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use minijinja::context;

use super::state::{organisation_name, page, Person, St};
use crate::render::nl;
use crate::service::portal::CommitmentRefusal;
use crate::store::Organisation;
use crate::web::html::WebError;
use crate::web::session::Signed;

/// `GET /portaal/afspraken[?jaar=YYYY]`: the form of an open year (the asked one, else the
/// first open one), or what is closed and when the coming year opens.
pub(super) async fn form(
    State(st): St,
    Signed(who): Signed<Person>,
    query: axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let wanted = query.0.get("jaar").and_then(|y| y.parse::<i32>().ok());
    show(&st, &who, wanted, None, query.0.contains_key("ingediend")).await
}

async fn show(
    st: &super::state::PortalState,
    who: &Person,
    wanted: Option<i32>,
    fout: Option<String>,
    ingediend: bool,
) -> Result<Response, WebError> {
    let Organisation::Corporation(code) = &who.account.organisation else {
        return Err(WebError::NotFound);
    };
    let (service, code) = (st.service.clone(), code.clone());
    let (years, year, lines) = crate::threads::offload_async(async move {
        let now = Utc::now();
        let years = service.commitment_years(&code, now)?;
        let year = wanted
            .filter(|y| years.is_open(*y))
            .or_else(|| years.open.first().copied());
        let lines = match year {
            Some(y) => service.commitments_form(&code, y, now).await?,
            None => Vec::new(),
        };
        Ok::<_, crate::service::ServiceError>((years, year, lines))
    })
    .await?;
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
            jaren => years.open.clone(),
            huidig => years.current,
            huidig_afgesproken => years.current_approved,
            volgend_vanaf => years.next_opens.map(nl::date_long),
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
    crate::web::session::check_csrf(&who.csrf, &csrf)?;
    // The year the form was for; whether it is (still) open, the service decides.
    let Some(year) = get("jaar")
        .next()
        .and_then(|y| y.trim().parse::<i32>().ok())
    else {
        return show(
            &st,
            &who,
            None,
            Some(st.text("afspraken_onvolledig", context! {})),
            false,
        )
        .await;
    };
    let (m, l, u): (Vec<_>, Vec<_>, Vec<_>) = (
        get("gemeente").collect(),
        get("ondergrens").collect(),
        get("bovengrens").collect(),
    );
    if m.len() != l.len() || m.len() != u.len() || m.len() > 400 {
        return show(
            &st,
            &who,
            Some(year),
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
    let done = crate::threads::offload_async(async move {
        service
            .submit_commitments(&account, year, &rows, Utc::now())
            .await
    })
    .await;
    match done {
        Ok(Ok(_)) => Ok(
            Redirect::to(&format!("/portaal/afspraken?jaar={year}&ingediend=1")).into_response(),
        ),
        Ok(Err(why)) => {
            let why = refusal_text(&st, &why);
            show(&st, &who, Some(year), Some(why), false).await
        }
        Err(e) => Err(e.into()),
    }
}

/// What the corporation reads when its commitments are not taken (`berichten.toml`).
fn refusal_text(st: &super::state::PortalState, why: &CommitmentRefusal) -> String {
    use CommitmentRefusal as R;
    match why {
        R::NotACorporation => st.text("afspraken_geen_corporatie", context! {}),
        R::UnknownMunicipality(m) => {
            st.text("afspraken_onbekende_gemeente", context! { gemeente => m })
        }
        R::NotInRegion(m) => st.text("afspraken_niet_in_regio", context! { gemeente => m }),
        R::NotWholeNumbers(name) => {
            st.text("afspraken_hele_getallen", context! { gemeente => name })
        }
        R::LowerAboveUpper { name, lower, upper } => st.text(
            "afspraken_onder_boven",
            context! { gemeente => name, onder => lower, boven => upper },
        ),
        R::Implausible {
            name,
            max,
            applications,
        } => st.text(
            "afspraken_onwaarschijnlijk",
            context! { gemeente => name, max => max, aanvragen => applications },
        ),
        R::Twice(name) => st.text("afspraken_dubbel", context! { gemeente => name }),
        R::Empty => st.text("afspraken_leeg", context! {}),
        R::Approved { year } => st.text("afspraken_al_afgesproken", context! { jaar => year }),
        R::Closed { year, open } => st.text(
            "afspraken_gesloten",
            context! {
                jaar => year,
                open => open.iter().map(i32::to_string).collect::<Vec<_>>().join(" en "),
            },
        ),
    }
}
