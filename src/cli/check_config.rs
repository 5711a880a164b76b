//! `woonmonitor check-config [--smtp]`: check the configuration and say what is wrong; with
//! `--smtp` also connect to the mail server and log in.

use super::error::{runtime, Error};
use crate::config::{LoadOptions, Settings};
use crate::service::mail::{SendError, Transport};

/// `woonmonitor check-config`: the region, the feeds (and whether their files are found), the
/// HTTP edge's tokens (never printed), and with `smtp` the mail server.
pub(super) fn run(load: &LoadOptions, smtp: bool) -> Result<(), Error> {
    let (settings, reference) = Settings::load(load)?;
    outln!(
        "configuration is valid: {} municipalities in {}, {} corporations, output to {}",
        reference.municipalities.len(),
        settings.region.name,
        reference.corporations.len(),
        settings.output.dir.display()
    );
    for feed in settings.feeds() {
        let where_ = match &feed.setting.url {
            _ if feed.setting.portal => "uploaded in the portal (/portaal/)".to_string(),
            Some(url) => format!("{} (HTTP)", crate::files::redact_url(url)),
            None => format!(
                "{} ({})",
                feed.setting.path.display(),
                if feed.setting.path.exists() {
                    "found"
                } else {
                    "NOT FOUND"
                }
            ),
        };
        let label = if feed.name == feed.kind.as_str() {
            format!("source {}", feed.kind)
        } else {
            format!("feed {} ({})", feed.name, feed.kind)
        };
        outln!("  {label}: {where_}");
    }
    // The HTTP edge's tokens (never printed): long enough, each its own.
    let secrets = settings.http_secrets()?;
    outln!(
        "  HTTP on {}: API {}, console {} operator(s){}",
        settings.api.bind,
        if secrets.api.is_some() {
            "token set"
        } else {
            "off (no token)"
        },
        secrets.operators.len(),
        match &settings.console.user_header {
            Some(h) => format!(
                ", proxy header {h} from {}",
                settings.console.trusted_proxies.join(", ")
            ),
            None => String::new(),
        }
    );
    // The early warnings are recorded once per scope and year whatever happens; mailed only to
    // recipients who asked for them.
    let warned = settings
        .recipients
        .iter()
        .filter(|r| r.reports.contains(&crate::domain::Subscription::Warning))
        .count();
    if warned == 0 {
        outln!(
            "  warning: the early warnings (section [warning]) reach nobody: no recipient has reports = [\"warning\"]; add one to [[recipients]] to have them mailed"
        );
    } else {
        outln!("  early warnings mailed to {warned} recipient(s)");
    }
    if smtp {
        check_smtp(&settings)?;
    }
    Ok(())
}

/// `check-config --smtp`: connect, start TLS, log in, say what is wrong.
fn check_smtp(settings: &Settings) -> Result<(), Error> {
    let Some(smtp) = &settings.mail.smtp else {
        outln!(
            "  mail: no [mail.smtp]; mails are written as .eml files to {}",
            settings.mail.outbox_dir.display()
        );
        return Ok(());
    };
    // The transport's connection pool lives on the runtime: build it there.
    let checked = runtime().block_on(async {
        let transport = Transport::from_settings(settings)?;
        Ok::<_, crate::service::mail::MailError>(transport.check().await)
    });
    match checked.map_err(crate::service::ServiceError::from)? {
        Ok(_) => {
            outln!(
                "  mail: connected to {}:{} ({}){} — OK",
                smtp.host,
                smtp.port,
                smtp.tls,
                if smtp.username.is_some() {
                    ", logged in"
                } else {
                    ""
                }
            );
            Ok(())
        }
        Err(SendError::Transport(e) | SendError::Message(e) | SendError::Recipient(e)) => {
            Err(Error::Usage(format!(
                "mail server {}:{} ({}): {e}\n  what to do: check mail.smtp (host, port, tls), the password and, for an internal certificate authority, mail.smtp.ca_file",
                smtp.host, smtp.port, smtp.tls
            )))
        }
    }
}
