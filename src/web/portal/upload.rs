//! Uploads in the portal, within their limits whatever a client sends: every byte of the request
//! counts against a budget (the parts before the file at most [`PREFIX`] bytes together, the
//! fields `csrf` and `feed` first and nothing else before the file, the file at most its feed's
//! `max_bytes`), each chunk must arrive within the body time-out, and nothing after the file is
//! read. An organisation's uploads hold only that organisation's slots while their bytes arrive
//! (`portal.uploads_per_organisation`), so another organisation's slow or stalled uploads never
//! delay them; received files are checked (virus scanner, preview) a few at a time
//! (`portal.uploads_checked_at_once`). Then the preview page, and the confirmation that makes the
//! upload the feed's snapshot.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{NaiveDate, Utc};
use minijinja::context;
use serde::Deserialize;
use sha2::Digest;
use tokio::io::AsyncWriteExt;

use super::state::{audit_as, organisation_name, page, refused, Person, St};
use crate::service::portal::Confirmed;
use crate::service::secret::random_hex;
use crate::service::{Service, ServiceError};
use crate::store::{NewUpload, Organisation};
use crate::web::html::WebError;
use crate::web::session::Signed;
use crate::web::state::blocking;

/// The bytes a request may send before its file begins (the multipart preamble, the `csrf` and
/// `feed` parts and the file part's headers, together).
pub const PREFIX: u64 = 16 * 1024;
/// A small field's value at most.
const FIELD: u64 = 1024;

/// The request body with a byte budget: an error once more than `limit` bytes arrived (the
/// limit is [`PREFIX`] until the file's feed is known).
struct Budget<S> {
    inner: S,
    read: Arc<AtomicU64>,
    limit: Arc<AtomicU64>,
    over: Arc<AtomicBool>,
}

impl<S> futures_core::Stream for Budget<S>
where
    S: futures_core::Stream<Item = Result<Bytes, axum::Error>> + Unpin,
{
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match Pin::new(&mut self.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                let read =
                    self.read.fetch_add(chunk.len() as u64, Ordering::SeqCst) + chunk.len() as u64;
                if read > self.limit.load(Ordering::SeqCst) {
                    self.over.store(true, Ordering::SeqCst);
                    return Poll::Ready(Some(Err(std::io::Error::other("over the budget"))));
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(std::io::Error::other(e)))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Why an upload stopped before it was read.
enum Refusal {
    Csrf,
    Feed,
    Kind,
    TooLarge(u64),
    Slow,
    Broken,
    Form,
}

impl Refusal {
    fn answer(self) -> WebError {
        match self {
            Refusal::Csrf => WebError::Forbidden("csrf_geweigerd"),
            Refusal::Feed => refused(StatusCode::BAD_REQUEST, "upload_kies_feed", context! {}),
            Refusal::Kind => refused(StatusCode::BAD_REQUEST, "upload_soort", context! {}),
            Refusal::TooLarge(limit) => refused(
                StatusCode::PAYLOAD_TOO_LARGE,
                "upload_te_groot",
                context! { grens => crate::web::html::size_nl(limit) },
            ),
            Refusal::Slow => refused(
                StatusCode::REQUEST_TIMEOUT,
                "upload_te_langzaam",
                context! {},
            ),
            Refusal::Broken => refused(StatusCode::BAD_REQUEST, "upload_onvolledig", context! {}),
            Refusal::Form => refused(StatusCode::BAD_REQUEST, "upload_formulier", context! {}),
        }
    }
}

/// A small form field's value.
async fn small_field(field: multer::Field<'_>) -> Result<String, Refusal> {
    let bytes = field.bytes().await.map_err(|_| Refusal::Form)?;
    if bytes.len() as u64 > FIELD {
        return Err(Refusal::Form);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| Refusal::Form)
}

fn organisation_key(o: &Organisation) -> String {
    match o {
        Organisation::Corporation(c) => format!("corporation:{c}"),
        Organisation::Applications => "applications".into(),
    }
}

/// `POST /portaal/upload`: receives the file (fields `csrf` and `feed` first, then `bestand`)
/// into a private file within its limits, scans it when configured, previews it, and shows the
/// preview.
pub(super) async fn upload(
    State(st): St,
    Signed(who): Signed<Person>,
    req: Request,
) -> Result<Response, WebError> {
    let org = organisation_key(&who.account.organisation);
    // This organisation's slot, while the bytes arrive; waiting at most the body time-out.
    let slots = st.uploads.of(&org);
    let receiving = match tokio::time::timeout(st.body_timeout, slots.acquire_owned()).await {
        Ok(Ok(p)) => p,
        _ => {
            return Err(WebError::Message {
                status: StatusCode::TOO_MANY_REQUESTS,
                title: "titel_te_vaak",
                text: "upload_bezig",
                ctx: context! { aantal => st.uploads.per_organisation },
            })
        }
    };
    let key = random_hex(16);
    let mut path = None;
    let received = receive(&st, &who, req, &key, &mut path).await;
    drop(receiving);
    let (feed, ext, size) = match received {
        Ok(r) => r,
        Err(why) => {
            if let Some(p) = &path {
                let _ = tokio::fs::remove_file(p).await;
            }
            tracing::warn!(account = who.account.id, "portal upload refused");
            return Err(why.answer());
        }
    };
    let path = path.expect("a received upload has a file");
    // Checked a few at a time, for everyone (no client holds this: the file is here).
    let _checking = st.uploads.checking.acquire().await;
    if let Err(why) = st.service.scan_upload(&path).await {
        let _ = tokio::fs::remove_file(&path).await;
        tracing::error!(account = who.account.id, feed = %feed.name, reason = %why, "portal upload refused by the virus scanner");
        audit_as(
            &st.service,
            &who.account.email,
            "levering geweigerd door de virusscanner",
            format!("{} ({})", feed.name, why),
        )
        .await;
        tell_operator_scan(&st, &org, &feed.name, &who.account.email, &why);
        return Err(refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "upload_virus",
            context! {},
        ));
    }
    let service = st.service.clone();
    let (key2, path2, account_id, feed2) =
        (key.clone(), path.clone(), who.account.id, feed.clone());
    let tz = service.settings().time_zone();
    let stored = crate::threads::offload(move || -> Result<(), ServiceError> {
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
    stored?;
    audit_as(
        &st.service,
        &who.account.email,
        "bestand geüpload",
        format!("{} ({size} bytes)", feed.name),
    )
    .await;
    Ok(Redirect::to(&format!("/portaal/uploads/{key}")).into_response())
}

/// Reads the multipart body within its budget: the small fields, then the file into
/// `uploads/<key>.<ext>` (named in `path` as soon as it exists, so a refusal removes it).
async fn receive(
    st: &super::state::PortalState,
    who: &Person,
    req: Request,
    key: &str,
    path: &mut Option<std::path::PathBuf>,
) -> Result<(crate::config::Feed, String, u64), Refusal> {
    let boundary = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| multer::parse_boundary(ct).ok())
        .ok_or(Refusal::Form)?;
    let (read, limit, over) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(PREFIX)),
        Arc::new(AtomicBool::new(false)),
    );
    let body = Budget {
        inner: req.into_body().into_data_stream(),
        read: read.clone(),
        limit: limit.clone(),
        over: over.clone(),
    };
    let constraints = multer::Constraints::new()
        .allowed_fields(vec!["csrf", "feed", "bestand"])
        .size_limit(
            multer::SizeLimit::new()
                .for_field("csrf", FIELD)
                .for_field("feed", FIELD),
        );
    let mut multipart = multer::Multipart::with_constraints(body, boundary, constraints);
    let feeds = st.service.portal_feeds(&who.account.organisation);
    let dir = st.service.uploads_dir();
    let (mut csrf, mut feed) = (None, None);
    // Each part may come once, in this order: csrf, feed, bestand.
    loop {
        let next = tokio::time::timeout(st.body_timeout, multipart.next_field()).await;
        let field = match next {
            Err(_) => return Err(Refusal::Slow),
            Ok(Ok(Some(f))) => f,
            Ok(_) if over.load(Ordering::SeqCst) => return Err(Refusal::Form),
            Ok(_) => return Err(Refusal::Broken),
        };
        match (field.name(), &csrf, &feed) {
            (Some("csrf"), None, None) => csrf = Some(small_field(field).await?),
            (Some("feed"), Some(_), None) => feed = Some(small_field(field).await?),
            (Some("bestand"), Some(c), Some(f)) => {
                if !crate::web::session::csrf_ok(&who.csrf, c) {
                    return Err(Refusal::Csrf);
                }
                let f = feeds
                    .iter()
                    .find(|x| &x.name == f)
                    .cloned()
                    .ok_or(Refusal::Feed)?;
                let ext = field
                    .file_name()
                    .and_then(|n| n.rsplit_once('.'))
                    .map(|(_, e)| e.to_ascii_lowercase())
                    .filter(|e| e == "csv" || e == "xlsx")
                    .ok_or(Refusal::Kind)?;
                let max = st
                    .service
                    .settings()
                    .portal
                    .upload_limit(f.setting.max_bytes());
                // From here the file may have its feed's bytes (and the closing boundary).
                limit.store(read.load(Ordering::SeqCst) + max + 1024, Ordering::SeqCst);
                crate::files::private_dir(&dir).map_err(|_| Refusal::Broken)?;
                let p = dir.join(format!("{key}.{ext}"));
                let mut out = tokio::fs::File::create(&p)
                    .await
                    .map_err(|_| Refusal::Broken)?;
                *path = Some(p);
                let mut field = field;
                let mut size = 0u64;
                loop {
                    let chunk = tokio::time::timeout(st.body_timeout, field.chunk())
                        .await
                        .map_err(|_| Refusal::Slow)?;
                    let chunk = match chunk {
                        Ok(Some(c)) => c,
                        Ok(None) => break,
                        Err(_) if over.load(Ordering::SeqCst) => {
                            return Err(Refusal::TooLarge(max))
                        }
                        Err(_) => return Err(Refusal::Broken),
                    };
                    size += chunk.len() as u64;
                    if size > max {
                        return Err(Refusal::TooLarge(max));
                    }
                    out.write_all(&chunk).await.map_err(|_| Refusal::Broken)?;
                }
                out.sync_all().await.map_err(|_| Refusal::Broken)?;
                return Ok((f, ext, size));
            }
            _ => return Err(Refusal::Form),
        }
    }
}

/// Tells the operator that the scanner refused an upload: at once for the first in an hour per
/// organisation, and the ones after it in one mail when the hour is over, with their count.
fn tell_operator_scan(st: &super::state::PortalState, org: &str, feed: &str, by: &str, why: &str) {
    let now = Utc::now();
    let due = {
        let mut scans = st.uploads.scans.lock().expect("the scans' lock");
        match scans.get_mut(org) {
            Some((last, waiting)) if now - *last < chrono::Duration::hours(1) => {
                *waiting += 1;
                if *waiting > 1 {
                    // A mail at the end of the hour is already on its way.
                    return;
                }
                *last + chrono::Duration::hours(1)
            }
            _ => {
                scans.insert(org.to_string(), (now, 0));
                now
            }
        }
    };
    let (service, org, feed, by, why) = (
        st.service.clone(),
        org.to_string(),
        feed.to_string(),
        by.to_string(),
        why.to_string(),
    );
    let scans = st.uploads.scans.clone();
    tokio::spawn(async move {
        if let Ok(wait) = (due - Utc::now()).to_std() {
            tokio::time::sleep(wait).await;
        }
        let count = if due > now {
            let mut s = scans.lock().expect("the scans' lock");
            match s.get_mut(&org) {
                Some((last, waiting)) => {
                    let n = std::mem::take(waiting);
                    *last = Utc::now();
                    n
                }
                None => 1,
            }
        } else {
            1
        };
        crate::threads::offload(move || queue_scan_mail(&service, &org, &feed, &by, &why, count))
            .await;
    });
}

fn queue_scan_mail(service: &Service, org: &str, feed: &str, by: &str, why: &str, count: u32) {
    let Some(op) = service.settings().mail.operator.clone() else {
        return;
    };
    let texts = match crate::service::mail::MailTexts::load(&service.settings().output.templates) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "the operator could not be told of a refused upload");
            return;
        }
    };
    let ctx = context! { feed => feed, door => by, melding => why, aantal => count };
    let result = (|| -> Result<(), ServiceError> {
        service.store()?.queue_runless_mail(
            &crate::store::NewMail {
                dedup_key: format!("portal-scan|{org}|{}", random_hex(8)),
                recipient: op,
                subject: texts.render("subject_scan", &ctx)?,
                body: texts.render("body_scan", &ctx)?,
                body_html: None,
            },
            Utc::now(),
        )?;
        Ok(())
    })();
    if let Err(e) = result {
        tracing::error!(error = %e, "the operator could not be told of a refused upload");
    }
}

/// The upload `key` of the person's organisation with its preview; 404 for another
/// organisation's or an unknown key.
async fn upload_of(
    st: &super::state::PortalState,
    who: &Person,
    key: String,
) -> Result<(crate::store::Upload, crate::service::portal::Preview), WebError> {
    let org = who.account.organisation.clone();
    let upload = blocking(&st.service, move |s| Ok(s.upload_of(&key, &org)?))
        .await?
        .ok_or(WebError::NotFound)?;
    let preview = serde_json::from_str(&upload.preview).unwrap_or_default();
    Ok((upload, preview))
}

/// `GET /portaal/uploads/{key}`: the preview of one of the organisation's uploads.
pub(super) async fn upload_page(
    State(st): St,
    Signed(who): Signed<Person>,
    Path(key): Path<String>,
) -> Result<Response, WebError> {
    let (upload, preview) = upload_of(&st, &who, key).await?;
    let today = crate::clock::today(st.service.settings().time_zone());
    let yesterday = today.pred_opt().unwrap_or(today);
    // Proposed: the latest date in the file (never after today), else yesterday.
    let standaard = preview.latest.map_or(yesterday, |l| l.min(today));
    page(
        &st,
        "portaal_upload.html",
        context! {
            user => who.account.email.clone(),
            organisatie => organisation_name(&st, &who.account.organisation),
            csrf => who.csrf.clone(),
            p => preview,
            key => upload.key.clone(),
            grootte => crate::web::html::size_nl(upload.bytes.max(0) as u64),
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
    who: Signed<Person>,
    Path(key): Path<String>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, WebError> {
    who.check_csrf(&form.csrf)?;
    let who = who.0;
    let today = crate::clock::today(st.service.settings().time_zone());
    let Ok(until) = form.tot.parse::<NaiveDate>() else {
        return Err(WebError::bad("bevestig_tot", context! {}));
    };
    if until > today {
        return Err(WebError::bad("bevestig_toekomst", context! {}));
    }
    let (upload, preview) = upload_of(&st, &who, key).await?;
    if upload.confirmed_at.is_some()
        || upload.deleted_at.is_some()
        || preview.refused.is_some()
        || preview.accepted == 0
    {
        return Err(WebError::Message {
            status: StatusCode::CONFLICT,
            title: "titel_lukt_niet",
            text: "bevestig_kan_niet",
            ctx: context! {},
        });
    }
    let (service, account, kept) = (st.service.clone(), who.account.clone(), upload.clone());
    let confirmed = crate::threads::offload_async(async move {
        service
            .confirm_delivery(&kept, &account, until, Utc::now())
            .await
    })
    .await;
    match confirmed {
        Ok(confirmed) => {
            let (what, flag, snapshot) = match confirmed {
                Confirmed::Taken(s) => ("levering bevestigd", "bevestigd", s),
                Confirmed::Held(s) => (
                    "levering bevestigd, aangehouden ter beoordeling",
                    "aangehouden",
                    s,
                ),
                Confirmed::Rejected(s) => (
                    "levering niet genomen: eerder afgewezen door de beheerder",
                    "afgewezen",
                    s,
                ),
            };
            audit_as(
                &st.service,
                &who.account.email,
                what,
                format!(
                    "{} (snapshot {snapshot}, volledig tot en met {until})",
                    upload.feed
                ),
            )
            .await;
            Ok(Redirect::to(&format!("/portaal/?{flag}=1")).into_response())
        }
        Err(ServiceError::Pull(crate::service::fetch::PullError::Refused { source, .. })) => {
            Err(WebError::Text {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                title: "titel_niet_aangenomen",
                text: source.dutch(),
            })
        }
        Err(e) => Err(WebError::Internal(Box::new(e))),
    }
}
