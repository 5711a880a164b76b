//! Delivery: the e-mail outbox worker. Builds Dutch messages (wording from
//! `templates/mail.toml`) with the PDF attached, and hands them to SMTP (lettre; STARTTLS or TLS
//! required unless the relay is on loopback) or, without SMTP settings, writes `.eml` files to
//! the outbox folder. Each outbox row is tried until sent; transient failures are retried with
//! exponential backoff, permanent ones are marked failed and reported to the operator.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use minijinja::{Environment, Value};

use crate::config::Settings;
use crate::export::write_atomic;
use crate::store::{NewMail, OutboxRow, Store, StoreError};

pub const EMBEDDED_MAIL: &str = include_str!("../templates/mail.toml");

#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error("mail templates: {0}\n  what to do: fix templates/mail.toml")]
    Template(String),
    #[error("mail settings: {0}")]
    Settings(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The mail wording.
pub struct MailTexts {
    env: Environment<'static>,
}

impl MailTexts {
    pub fn from_toml(src: &str) -> Result<Self, DeliverError> {
        let table: std::collections::BTreeMap<String, String> =
            toml::from_str(src).map_err(|e| DeliverError::Template(e.to_string()))?;
        let mut env = Environment::new();
        for key in [
            "subject_municipality",
            "subject_region",
            "subject_corporation",
            "body",
            "subject_alert",
            "body_alert",
            "subject_held",
            "body_held",
        ] {
            let t = table
                .get(key)
                .ok_or_else(|| DeliverError::Template(format!("the text {key:?} is missing")))?;
            env.add_template_owned(key.to_string(), t.clone())
                .map_err(|e| DeliverError::Template(format!("{key}: {e}")))?;
        }
        Ok(Self { env })
    }

    /// From `<templates>/mail.toml`, or the built-in copy.
    pub fn load(templates_dir: &Path) -> Result<Self, DeliverError> {
        let p = templates_dir.join("mail.toml");
        match std::fs::read_to_string(&p) {
            Ok(s) => Self::from_toml(&s),
            Err(_) => Self::from_toml(EMBEDDED_MAIL),
        }
    }

    pub fn render(&self, key: &str, ctx: &Value) -> Result<String, DeliverError> {
        self.env
            .get_template(key)
            .and_then(|t| t.render(ctx))
            .map_err(|e| DeliverError::Template(format!("{key}: {e}")))
    }
}

/// Where messages go.
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(std::path::PathBuf),
}

impl Transport {
    pub fn from_settings(settings: &Settings) -> Result<Self, DeliverError> {
        let Some(smtp) = &settings.mail.smtp else {
            return Ok(Transport::Folder(settings.mail.outbox_dir.clone()));
        };
        let bad = |e: lettre::transport::smtp::Error| {
            DeliverError::Settings(format!("SMTP {}: {e}", smtp.host))
        };
        let mut b = match smtp.tls.as_str() {
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(bad)?,
            _ => {
                let params = TlsParameters::new(smtp.host.clone()).map_err(bad)?;
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
                    .tls(Tls::Required(params))
            }
        };
        b = b
            .port(smtp.port)
            .timeout(Some(Duration::from_secs(smtp.timeout_secs)));
        if let Some(user) = &smtp.username {
            let password = settings
                .smtp_password()
                .map_err(|e| DeliverError::Settings(e.to_string()))?
                .ok_or_else(|| {
                    DeliverError::Settings(
                        "mail.smtp.username is set but no password (password_env or password_file)"
                            .into(),
                    )
                })?;
            b = b.credentials(Credentials::new(user.clone(), password));
        }
        Ok(Transport::Smtp(b.build()))
    }

    /// Sends one message. `Err((permanent, message))` on failure.
    async fn send(&self, row: &OutboxRow, msg: &Message) -> Result<(), (bool, String)> {
        match self {
            Transport::Smtp(t) => t
                .send(msg.clone())
                .await
                .map(|_| ())
                .map_err(|e| (e.is_permanent(), e.to_string())),
            Transport::Folder(dir) => {
                let path = dir.join(format!("{:06}.eml", row.id));
                write_atomic(&path, &msg.formatted()).map_err(|e| (false, e.to_string()))
            }
        }
    }
}

fn build(
    settings: &Settings,
    row: &OutboxRow,
    attachment: Option<(&str, Vec<u8>)>,
    now: DateTime<Utc>,
) -> Result<Message, String> {
    let from: Mailbox = settings
        .mail
        .from
        .parse()
        .map_err(|e| format!("mail.from: {e}"))?;
    let to: Mailbox = row
        .recipient
        .parse()
        .map_err(|e| format!("recipient {}: {e}", row.recipient))?;
    let body = SinglePart::plain(row.body.clone());
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()))
        .date(std::time::SystemTime::from(now));
    let msg = match attachment {
        Some((name, bytes)) => builder.multipart(MultiPart::mixed().singlepart(body).singlepart(
            Attachment::new(name.to_string()).body(
                bytes,
                ContentType::parse("application/pdf").expect("valid mime"),
            ),
        )),
        None => builder.singlepart(body),
    };
    msg.map_err(|e| e.to_string())
}

/// What one pass of the worker did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendStats {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Sends every due outbox row once (and the operator alerts that this queues).
pub async fn send_due(
    settings: &Settings,
    store_path: &Path,
    transport: &Transport,
    texts: &MailTexts,
    now: DateTime<Utc>,
) -> Result<SendStats, DeliverError> {
    let mut stats = SendStats::default();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..3 {
        let due: Vec<OutboxRow> = Store::open(store_path)?
            .due_mails(now)?
            .into_iter()
            .filter(|r| seen.insert(r.id))
            .collect();
        if due.is_empty() {
            break;
        }
        send_rows(settings, store_path, transport, texts, now, due, &mut stats).await?;
    }
    Ok(stats)
}

async fn send_rows(
    settings: &Settings,
    store_path: &Path,
    transport: &Transport,
    texts: &MailTexts,
    now: DateTime<Utc>,
    due: Vec<OutboxRow>,
    stats: &mut SendStats,
) -> Result<(), DeliverError> {
    for row in due {
        let store = Store::open(store_path)?;
        let attachment = match row.report_id {
            Some(id) => {
                let report = store.report(id)?;
                match std::fs::read(&report.path) {
                    Ok(bytes) => {
                        let name = Path::new(&report.path)
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        Some((name, bytes))
                    }
                    Err(e) => {
                        store.mark_failed(
                            row.id,
                            &format!("report file {} cannot be read: {e}", report.path),
                        )?;
                        stats.failed += 1;
                        continue;
                    }
                }
            }
            None => None,
        };
        let msg = match build(
            settings,
            &row,
            attachment.as_ref().map(|(n, b)| (n.as_str(), b.clone())),
            now,
        ) {
            Ok(m) => m,
            Err(e) => {
                store.mark_failed(row.id, &e)?;
                stats.failed += 1;
                alert(settings, &store, texts, &row, &e, now)?;
                continue;
            }
        };
        store.mark_sending(row.id)?;
        drop(store);
        let result = transport.send(&row, &msg).await;
        let store = Store::open(store_path)?;
        match result {
            Ok(()) => {
                store.mark_sent(row.id, now)?;
                stats.sent += 1;
                tracing::info!(outbox = row.id, recipient = %row.recipient, "mail sent");
            }
            Err((permanent, e)) => {
                let attempts = row.attempts + 1;
                if permanent || attempts >= settings.mail.max_attempts as i64 {
                    store.mark_failed(row.id, &e)?;
                    stats.failed += 1;
                    tracing::error!(outbox = row.id, recipient = %row.recipient, error = %e, "mail failed permanently");
                    alert(settings, &store, texts, &row, &e, now)?;
                } else {
                    let wait = settings
                        .mail
                        .retry_base_secs
                        .saturating_mul(1 << (attempts - 1).min(16));
                    store.mark_retry(row.id, &e, now + chrono::Duration::seconds(wait as i64))?;
                    stats.retried += 1;
                    tracing::warn!(outbox = row.id, recipient = %row.recipient, error = %e, retry_in_secs = wait, "mail will be retried");
                }
            }
        }
    }
    Ok(())
}

/// Tells the operator (if configured) that a mail could not be delivered.
fn alert(
    settings: &Settings,
    store: &Store,
    texts: &MailTexts,
    row: &OutboxRow,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DeliverError> {
    let Some(op) = &settings.mail.operator else {
        return Ok(());
    };
    if op == &row.recipient {
        return Ok(()); // never alert about an alert to the same address
    }
    let run = store.run(row.run_id)?;
    let ctx = minijinja::context! {
        recipient => row.recipient.clone(),
        subject => row.subject.clone(),
        error => error,
        run => row.run_id,
        period => run.period.clone().unwrap_or_default(),
    };
    store.queue_mail(
        row.run_id,
        &NewMail {
            report_id: None,
            dedup_key: format!("alert|outbox|{}", row.id),
            recipient: op.clone(),
            subject: texts.render("subject_alert", &ctx)?,
            body: texts.render("body_alert", &ctx)?,
        },
        now,
    )?;
    Ok(())
}
