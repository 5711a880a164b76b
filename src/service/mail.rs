//! Mail: the Dutch wording (`templates/mail.toml`), building a message with its attachment, and
//! the transport: SMTP (lettre; STARTTLS or TLS required unless the relay is on loopback) or,
//! without SMTP settings, `.eml` files in the outbox folder.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use minijinja::{Environment, Value};

use crate::config::{ConfigError, Settings};
use crate::files::write_private;
use crate::store::OutboxRow;

pub const EMBEDDED_MAIL: &str = include_str!("../../templates/mail.toml");

/// The texts `mail.toml` must define.
const KEYS: &[&str] = &[
    "subject_municipality",
    "subject_region",
    "subject_corporation",
    "body",
    "body_html",
    "period_label",
    "subject_alert",
    "body_alert",
    "subject_held",
    "body_held",
    "subject_notices",
    "body_notices",
    "subject_scan",
    "body_scan",
    "subject_warning",
    "body_warning",
    "subject_blocked",
    "body_blocked",
    "subject_gave_up",
    "body_gave_up",
    "subject_refused",
    "body_refused",
    "subject_held_delivery",
    "body_held_delivery",
    "subject_failed",
    "body_failed",
    "subject_portal_link",
    "body_portal_link",
    "subject_portal_invite",
    "body_portal_invite",
    "subject_portal_remind",
    "body_portal_remind",
    "subject_portal_decision",
    "body_portal_decision",
];

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error(
        "mail templates: {0}\n  what to do: fix templates/mail.toml at the line and column given"
    )]
    Toml(#[from] toml::de::Error),
    #[error("mail templates: the text {0:?} is missing\n  what to do: add it to templates/mail.toml (see the copy in the repository)")]
    MissingText(&'static str),
    #[error(
        "mail templates: {key}: {source}\n  what to do: fix the template in templates/mail.toml"
    )]
    Template {
        key: String,
        #[source]
        source: minijinja::Error,
    },
    #[error("mail settings: SMTP {host}: {}", crate::files::error_chain(source))]
    Smtp {
        host: String,
        #[source]
        source: lettre::transport::smtp::Error,
    },
    #[error("mail settings: {0}")]
    Password(#[from] ConfigError),
    #[error(
        "mail settings: mail.smtp.username is set but no password (password_env or password_file)"
    )]
    NoPassword,
    #[error("mail settings: mail.smtp.ca_file {}: {reason}\n  what to do: point it at the PEM file of the certificate authority that signed the relay's certificate", path.display())]
    CaFile {
        path: std::path::PathBuf,
        reason: String,
    },
}

/// The mail wording.
pub struct MailTexts {
    env: Environment<'static>,
}

impl MailTexts {
    pub fn from_toml(src: &str) -> Result<Self, MailError> {
        let mut table: std::collections::BTreeMap<String, String> = toml::from_str(src)?;
        // A text that an older copy of the file does not have yet comes from the built-in one.
        if src != EMBEDDED_MAIL {
            let embedded: std::collections::BTreeMap<String, String> =
                toml::from_str(EMBEDDED_MAIL)?;
            for (k, v) in embedded {
                table.entry(k).or_insert(v);
            }
        }
        let mut env = Environment::new();
        // The HTML alternative escapes what it inserts; the plain texts do not.
        env.set_auto_escape_callback(|name| {
            if name.ends_with("_html") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        for &key in KEYS {
            let t = table.remove(key).ok_or(MailError::MissingText(key))?;
            env.add_template_owned(key.to_string(), t)
                .map_err(|source| MailError::Template {
                    key: key.to_string(),
                    source,
                })?;
        }
        Ok(Self { env })
    }

    /// From `<templates>/mail.toml`, or the built-in copy.
    pub fn load(templates_dir: &Path) -> Result<Self, MailError> {
        match std::fs::read_to_string(templates_dir.join("mail.toml")) {
            Ok(s) => Self::from_toml(&s),
            Err(_) => Self::from_toml(EMBEDDED_MAIL),
        }
    }

    pub fn render(&self, key: &str, ctx: &Value) -> Result<String, MailError> {
        self.env
            .get_template(key)
            .and_then(|t| t.render(ctx))
            .map_err(|source| MailError::Template {
                key: key.to_string(),
                source,
            })
    }
}

/// Why a message was not handed over.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The server refused this message or recipient for good (a 55x reply): trying again will
    /// not help.
    #[error("{0}")]
    Recipient(String),
    /// The server put this message off (a 45x reply): try it again later.
    #[error("{0}")]
    Message(String),
    /// The server or the way to it is in trouble (no connection, time-out, TLS, authentication,
    /// 421 and other replies about the server): no mail fails for this; the outbox waits.
    #[error("{0}")]
    Transport(String),
}

/// Sorts an SMTP failure: only replies about the mail system (x5x) concern the message itself.
fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    use lettre::transport::smtp::response::Category;
    let text = crate::files::error_chain(e);
    match e.status() {
        Some(code) if code.category == Category::MailSystem && e.is_permanent() => {
            SendError::Recipient(text)
        }
        Some(code) if code.category == Category::MailSystem && e.is_transient() => {
            SendError::Message(text)
        }
        _ => SendError::Transport(text),
    }
}

/// Where messages go.
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(std::path::PathBuf),
}

impl Transport {
    pub fn from_settings(settings: &Settings) -> Result<Self, MailError> {
        let Some(smtp) = &settings.mail.smtp else {
            return Ok(Transport::Folder(settings.mail.outbox_dir.clone()));
        };
        let bad = |source| MailError::Smtp {
            host: smtp.host.clone(),
            source,
        };
        // The system's trust store, plus the configured CA.
        let mut params = TlsParameters::builder(smtp.host.clone());
        if let Some(path) = &smtp.ca_file {
            let ca_error = |reason: String| MailError::CaFile {
                path: path.clone(),
                reason,
            };
            let pem = std::fs::read(path).map_err(|e| ca_error(e.to_string()))?;
            let cert = lettre::transport::smtp::client::Certificate::from_pem(&pem)
                .map_err(|e| ca_error(e.to_string()))?;
            params = params.add_root_certificate(cert);
        }
        let base = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host);
        let mut b = match smtp.tls.as_str() {
            "none" => base,
            "tls" => base.tls(Tls::Wrapper(params.build().map_err(bad)?)),
            _ => base.tls(Tls::Required(params.build().map_err(bad)?)),
        };
        b = b
            .port(smtp.port)
            .timeout(Some(Duration::from_secs(smtp.timeout_secs)));
        if let Some(user) = &smtp.username {
            let password = settings.smtp_password()?.ok_or(MailError::NoPassword)?;
            b = b.credentials(Credentials::new(user.clone(), password));
        }
        Ok(Transport::Smtp(b.build()))
    }

    /// Sends one message (`id`: the outbox row, for the `.eml` file name).
    pub async fn send(&self, id: i64, msg: &Message) -> Result<(), SendError> {
        match self {
            Transport::Smtp(t) => t
                .send(msg.clone())
                .await
                .map(|_| ())
                .map_err(|e| classify(&e)),
            Transport::Folder(dir) => {
                let path = dir.join(format!("{id:06}.eml"));
                write_private(&path, &msg.formatted())
                    .map_err(|e| SendError::Transport(e.to_string()))
            }
        }
    }

    /// Connects (TLS as configured) and authenticates, then hangs up: what `check-config
    /// --smtp` reports. `Ok(None)` for the .eml folder.
    pub async fn check(&self) -> Result<Option<()>, SendError> {
        match self {
            Transport::Smtp(t) => match t.test_connection().await {
                Ok(true) => Ok(Some(())),
                Ok(false) => Err(SendError::Transport(
                    "the server accepted the connection but did not answer NOOP".into(),
                )),
                Err(e) => Err(classify(&e)),
            },
            Transport::Folder(_) => Ok(None),
        }
    }
}

/// Why a message could not be built (it will not work on a retry either).
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{what} {value:?} is not a valid address: {source}")]
    Address {
        what: &'static str,
        value: String,
        #[source]
        source: lettre::address::AddressError,
    },
    #[error("the message cannot be built: {0}")]
    Message(#[from] lettre::error::Error),
}

/// Builds the message of an outbox row: its text (with the HTML alternative when it has one)
/// and its attachments (file name and bytes: the PDF, and the Excel annex when configured).
pub fn build(
    settings: &Settings,
    row: &OutboxRow,
    attachments: &[(String, Vec<u8>)],
    now: DateTime<Utc>,
) -> Result<Message, BuildError> {
    let address = |what, value: &str| {
        value
            .parse::<Mailbox>()
            .map_err(|source| BuildError::Address {
                what,
                value: value.to_string(),
                source,
            })
    };
    let from = address("mail.from", &settings.mail.from)?;
    let to = address("recipient", &row.recipient)?;
    let text = match &row.body_html {
        Some(html) => MultiPart::alternative_plain_html(row.body.clone(), html.clone()),
        None => MultiPart::mixed().singlepart(SinglePart::plain(row.body.clone())),
    };
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()))
        .date(std::time::SystemTime::from(now));
    let msg = if attachments.is_empty() {
        match &row.body_html {
            Some(_) => builder.multipart(text),
            None => builder.singlepart(SinglePart::plain(row.body.clone())),
        }
    } else {
        let mut all = MultiPart::mixed().multipart(text);
        for (name, bytes) in attachments {
            let mime = if name.ends_with(".xlsx") {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            } else {
                "application/pdf"
            };
            all = all.singlepart(
                Attachment::new(name.clone())
                    .body(bytes.clone(), ContentType::parse(mime).expect("valid mime")),
            );
        }
        builder.multipart(all)
    };
    Ok(msg?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_body_escapes_what_it_inserts_and_the_text_body_does_not() {
        let texts = MailTexts::from_toml(EMBEDDED_MAIL).unwrap();
        let ctx = minijinja::context! {
            name => "A & <B>", period_long => "oktober 2026", organisation => "O", region => "R",
            file => "f.pdf", status => "Realisatie: <boven>", status_text => "t",
            figures => vec![("Aanvragen", "< 5")], subject => "S",
        };
        let html = texts.render("body_html", &ctx).unwrap();
        assert!(html.contains("A &amp; &lt;B&gt;") && html.contains("Realisatie: &lt;boven&gt;"));
        assert!(
            html.contains("<td") && html.contains("&lt; 5</td>"),
            "{html}"
        );
        let text = texts.render("body", &ctx).unwrap();
        assert!(
            text.contains("(A & <B>)") && text.contains("- Aanvragen: < 5"),
            "{text}"
        );
    }
}
