//! Uploads in the portal: the file streamed to a private file (the fields `csrf` and `feed`
//! first, at most the feed's `max_bytes`, each chunk within the body time-out), the virus
//! scanner, the preview page, and the confirmation that makes it the feed's snapshot.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::{NaiveDate, Utc};
use minijinja::context;
use serde::Deserialize;
use sha2::Digest;
use tokio::io::AsyncWriteExt;

use super::{
    audit, csrf_ok, forbidden, internal, message, not_found, organisation_name, page, Signed, St,
    CSRF_REFUSED,
};
use crate::service::http::blocking;
use crate::service::http::secret::random_hex;
use crate::service::store::NewUpload;
use crate::service::{Service, ServiceError};

/// Why an upload stopped before it was read.
enum Refusal {
    Csrf,
    Feed,
    Kind,
    TooLarge(u64),
    Slow,
    Broken,
}

/// A small form field, at most 1 KiB.
async fn small_field(field: &mut axum::extract::multipart::Field<'_>) -> Result<String, Refusal> {
    let mut out = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| Refusal::Broken)? {
        out.extend_from_slice(&chunk);
        if out.len() > 1024 {
            return Err(Refusal::Broken);
        }
    }
    String::from_utf8(out).map_err(|_| Refusal::Broken)
}

/// `POST /portaal/upload`: streams the file (fields `csrf` and `feed` first, then `bestand`) to
/// a private file, scans it when configured, previews it, and shows the preview.
pub(super) async fn upload(
    State(st): St,
    Extension(who): Extension<Signed>,
    mut multipart: Multipart,
) -> Response {
    let Ok(_turn) = st.uploads.acquire().await else {
        return internal(&ServiceError::Console("upload semaphore closed".into()));
    };
    let feeds = st.service.portal_feeds(&who.account.organisation);
    let dir = st.service.uploads_dir();
    let key = random_hex(16);
    let mut path = None;
    let received: Result<(crate::config::Feed, String, u64), Refusal> = async {
        let (mut csrf, mut feed) = (None, None);
        loop {
            let next = tokio::time::timeout(st.body_timeout, multipart.next_field()).await;
            let Ok(Ok(Some(mut field))) = next else {
                return Err(match next {
                    Err(_) => Refusal::Slow,
                    _ => Refusal::Broken,
                });
            };
            match field.name() {
                Some("csrf") => csrf = Some(small_field(&mut field).await?),
                Some("feed") => feed = Some(small_field(&mut field).await?),
                Some("bestand") => {
                    if !csrf.as_deref().is_some_and(|c| csrf_ok(&who, c)) {
                        return Err(Refusal::Csrf);
                    }
                    let f = feeds
                        .iter()
                        .find(|f| Some(&f.name) == feed.as_ref())
                        .cloned()
                        .ok_or(Refusal::Feed)?;
                    let ext = field
                        .file_name()
                        .and_then(|n| n.rsplit_once('.'))
                        .map(|(_, e)| e.to_ascii_lowercase())
                        .filter(|e| e == "csv" || e == "xlsx")
                        .ok_or(Refusal::Kind)?;
                    let limit = f.setting.max_bytes();
                    crate::files::private_dir(&dir).map_err(|_| Refusal::Broken)?;
                    let p = dir.join(format!("{key}.{ext}"));
                    let mut out = tokio::fs::File::create(&p)
                        .await
                        .map_err(|_| Refusal::Broken)?;
                    path = Some(p);
                    let mut size = 0u64;
                    loop {
                        let chunk = tokio::time::timeout(st.body_timeout, field.chunk())
                            .await
                            .map_err(|_| Refusal::Slow)?
                            .map_err(|_| Refusal::Broken)?;
                        let Some(chunk) = chunk else { break };
                        size += chunk.len() as u64;
                        if size > limit {
                            return Err(Refusal::TooLarge(limit));
                        }
                        out.write_all(&chunk).await.map_err(|_| Refusal::Broken)?;
                    }
                    out.sync_all().await.map_err(|_| Refusal::Broken)?;
                    return Ok((f, ext, size));
                }
                _ => return Err(Refusal::Broken),
            }
        }
    }
    .await;
    let (feed, ext, size) = match received {
        Ok(r) => r,
        Err(why) => {
            if let Some(p) = &path {
                let _ = std::fs::remove_file(p);
            }
            let (status, text) = match why {
                Refusal::Csrf => return forbidden(&st, CSRF_REFUSED),
                Refusal::Feed => (
                    StatusCode::BAD_REQUEST,
                    "Kies een levering van uw organisatie.".to_string(),
                ),
                Refusal::Kind => (
                    StatusCode::BAD_REQUEST,
                    "Lever een Excel-bestand (.xlsx) of een CSV-bestand (.csv).".to_string(),
                ),
                Refusal::TooLarge(limit) => (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "Het bestand is groter dan {} en is niet aangenomen.",
                        crate::service::http::web::size_nl(limit)
                    ),
                ),
                Refusal::Slow => (
                    StatusCode::REQUEST_TIMEOUT,
                    "Het bestand kwam te langzaam binnen. Probeer het opnieuw.".to_string(),
                ),
                Refusal::Broken => (
                    StatusCode::BAD_REQUEST,
                    "Het bestand kwam niet volledig binnen. Probeer het opnieuw.".to_string(),
                ),
            };
            tracing::warn!(account = who.account.id, status = %status, "portal upload refused");
            return message(&st, status, "Niet aangenomen", &[&text]);
        }
    };
    let path = path.expect("a received upload has a file");
    if let Err(why) = st.service.scan_upload(&path).await {
        let _ = std::fs::remove_file(&path);
        tracing::error!(account = who.account.id, feed = %feed.name, reason = %why, "portal upload refused by the virus scanner");
        audit(
            &st.service,
            &who.account.email,
            "levering geweigerd door de virusscanner",
            format!("{} ({})", feed.name, why),
        )
        .await;
        tell_operator_scan(&st.service, &feed.name, &who.account.email, &why);
        return message(
            &st,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Niet aangenomen",
            &["De virusscanner heeft dit bestand geweigerd. Er is niets van bewaard; de beheerder is ingelicht."],
        );
    }
    let service = st.service.clone();
    let (key2, path2, account_id, feed2) =
        (key.clone(), path.clone(), who.account.id, feed.clone());
    let tz = service.settings().time_zone();
    let stored = tokio::task::spawn_blocking(move || -> Result<(), ServiceError> {
        let bytes = std::fs::read(&path2)
            .map_err(|e| ServiceError::Console(format!("upload {}: {e}", path2.display())))?;
        let sha = crate::files::hex(&sha2::Sha256::digest(&bytes));
        let store = service.store()?;
        let preview =
            service.preview_delivery(&store, &feed2, bytes, &ext, crate::clock::today(tz));
        let id = store.add_upload(
            &NewUpload {
                key: &key2,
                account_id,
                feed: &feed2.name,
                extension: &ext,
                sha256: &sha,
                bytes: size as i64,
                path: &path2.display().to_string(),
                preview: &serde_json::to_string(&preview).expect("a preview serializes"),
            },
            Utc::now(),
        )?;
        // A file that cannot be used can never be confirmed: nothing of it is kept.
        if preview.refused.is_some() {
            let _ = std::fs::remove_file(&path2);
            store.upload_deleted(id, Utc::now())?;
        }
        Ok(())
    })
    .await;
    match stored {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return internal(&e),
        Err(e) => return internal(&e.into()),
    }
    audit(
        &st.service,
        &who.account.email,
        "bestand geüpload",
        format!("{} ({size} bytes)", feed.name),
    )
    .await;
    Redirect::to(&format!("/portaal/uploads/{key}")).into_response()
}

/// Tells the operator that the scanner refused an upload (once per upload).
fn tell_operator_scan(service: &Service, feed: &str, by: &str, why: &str) {
    let Some(op) = service.settings().mail.operator.clone() else {
        return;
    };
    let result = service.store().and_then(|s| {
        s.queue_runless_mail(
            &crate::service::store::NewMail {
                dedup_key: format!("portal-scan|{}", random_hex(8)),
                recipient: op,
                subject: format!("woonmonitor: upload van {feed} geweigerd door de virusscanner"),
                body: format!("Een upload in het portaal voor levering {feed}, door {by}, is geweigerd door de virusscanner (portal.scan_command). Er is niets van bewaard.\n\nMelding van de scanner: {why}"),
                body_html: None,
            },
            Utc::now(),
        )?;
        Ok(())
    });
    if let Err(e) = result {
        tracing::error!(error = %e, "the operator could not be told of a refused upload");
    }
}

/// The upload `key` of the person's organisation with its preview; else the answer to give
/// (404 for another organisation's or an unknown key).
async fn upload_of(
    st: &super::PortalState,
    who: &Signed,
    key: String,
) -> Result<
    (
        crate::service::store::Upload,
        crate::service::portal::Preview,
    ),
    Box<Response>,
> {
    let org = who.account.organisation.clone();
    let found = blocking(&st.service, move |s| Ok(s.upload_of(&key, &org)?)).await;
    let upload = match found {
        Ok(Some(u)) => u,
        Ok(None) => return Err(Box::new(not_found(st))),
        Err(e) => return Err(Box::new(internal(&e))),
    };
    let preview = serde_json::from_str(&upload.preview).unwrap_or_default();
    Ok((upload, preview))
}

/// `GET /portaal/uploads/{key}`: the preview of one of the organisation's uploads.
pub(super) async fn upload_page(
    State(st): St,
    Extension(who): Extension<Signed>,
    Path(key): Path<String>,
) -> Response {
    let (upload, preview) = match upload_of(&st, &who, key).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let today = crate::clock::today(st.service.settings().time_zone());
    let yesterday = today.pred_opt().unwrap_or(today);
    // Proposed: the latest date in the file (never after today), else yesterday.
    let standaard = preview.latest.map_or(yesterday, |l| l.min(today));
    page(
        &st,
        "portaal_upload.html",
        context! {
            user => who.account.email.clone(),
            organisatie => organisation_name(&st.service, &who.account.organisation),
            csrf => who.csrf.clone(),
            p => preview,
            key => upload.key.clone(),
            grootte => crate::service::http::web::size_nl(upload.bytes.max(0) as u64),
            bevestigd => upload.confirmed_at.is_some(),
            standaard_tot => standaard.to_string(),
            vandaag => today.to_string(),
        },
    )
}

#[derive(Deserialize)]
pub(super) struct ConfirmForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    tot: String,
}

/// `POST /portaal/uploads/{key}/bevestigen`: makes the upload the feed's new snapshot.
pub(super) async fn confirm(
    State(st): St,
    Extension(who): Extension<Signed>,
    Path(key): Path<String>,
    Form(form): Form<ConfirmForm>,
) -> Response {
    if !csrf_ok(&who, &form.csrf) {
        return forbidden(&st, CSRF_REFUSED);
    }
    let today = crate::clock::today(st.service.settings().time_zone());
    let Ok(until) = form.tot.parse::<NaiveDate>() else {
        return message(
            &st,
            StatusCode::BAD_REQUEST,
            "Dat lukt niet",
            &["Vul in tot en met welke dag het bestand volledig is."],
        );
    };
    if until > today {
        return message(
            &st,
            StatusCode::BAD_REQUEST,
            "Dat lukt niet",
            &["Een bestand kan niet volledig zijn tot een dag die nog moet komen."],
        );
    }
    let (upload, preview) = match upload_of(&st, &who, key).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    if upload.confirmed_at.is_some()
        || upload.deleted_at.is_some()
        || preview.refused.is_some()
        || preview.accepted == 0
    {
        return message(&st, StatusCode::CONFLICT, "Dat lukt niet", &["Deze levering is al bevestigd, verlopen of niet bruikbaar. Lever zo nodig een nieuw bestand."]);
    }
    match st
        .service
        .confirm_delivery(&upload, &who.account, until, Utc::now())
        .await
    {
        Ok(snapshot) => {
            audit(
                &st.service,
                &who.account.email,
                "levering bevestigd",
                format!(
                    "{} (snapshot {snapshot}, volledig tot en met {until})",
                    upload.feed
                ),
            )
            .await;
            Redirect::to("/portaal/?bevestigd=1").into_response()
        }
        Err(ServiceError::Pull(crate::service::pull::PullError::Refused { source, .. })) => {
            message(
                &st,
                StatusCode::UNPROCESSABLE_ENTITY,
                "Niet aangenomen",
                &[&source.dutch()],
            )
        }
        Err(e) => internal(&e),
    }
}
