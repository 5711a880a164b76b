//! `woonmonitor accounts add|list|disable`: the portal's accounts (people of a corporation or of
//! the matching organisation).

use clap::Subcommand;

use super::error::Error;
use crate::service::Service;
use crate::store::Organisation;

/// `woonmonitor accounts add|list|disable`.
pub(super) fn run(service: &Service, action: AccountsAction) -> Result<(), Error> {
    let by = format!(
        "cli:{}",
        std::env::var("SUDO_USER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "operator".into())
    );
    let now = chrono::Utc::now();
    match action {
        AccountsAction::Add {
            email,
            corporation,
            source: _,
        } => {
            let email = crate::domain::EmailAddress::parse(&email)
                .map_err(|e| Error::Usage(format!("--email: {e}")))?;
            let organisation = match corporation {
                Some(c) => Organisation::Corporation(
                    service
                        .reference()
                        .corporation(&c)
                        .map(|k| k.code.clone())
                        .ok_or_else(|| Error::Usage(format!("--corporation {c:?} is not a configured corporation; use one of: {}", service.settings().corporations.iter().map(|k| k.code.as_str()).collect::<Vec<_>>().join(", "))))?,
                ),
                None => Organisation::Applications,
            };
            if service.portal_feeds(&organisation).is_empty() {
                eprintln!("note: no feed of {organisation} has `portal = true`; they can sign in and see documents, but deliver nothing");
            }
            match service.invite(email.as_str(), &organisation, &by, now)? {
                true => outln!(
                    "invited {} ({organisation}){}",
                    email.as_str().to_lowercase(),
                    if service.settings().portal.enabled {
                        "; an invitation mail is queued"
                    } else {
                        "; the portal is off ([portal] enabled = false): no mail was sent"
                    }
                ),
                false => outln!("{} has an account already", email.as_str().to_lowercase()),
            }
        }
        AccountsAction::List => {
            let accounts = service
                .store()?
                .accounts()
                .map_err(crate::service::ServiceError::from)?;
            outln!(
                "{:<40} {:<28} {:<10} invited (UTC) by",
                "e-mail",
                "organisation",
                "status"
            );
            for a in accounts {
                outln!(
                    "{:<40} {:<28} {:<10} {} {}",
                    a.email,
                    a.organisation.to_string(),
                    if a.disabled_at.is_some() {
                        "disabled"
                    } else {
                        "enabled"
                    },
                    a.created_at,
                    a.created_by
                );
            }
        }
        AccountsAction::Disable { email } => {
            if service.disable_account(&email.trim().to_lowercase(), &by, now)? {
                outln!(
                    "{} disabled; its sessions and sign-in links ended",
                    email.trim()
                );
            } else {
                return Err(Error::Usage(format!(
                    "no enabled account for {}; see `woonmonitor accounts list`",
                    email.trim()
                )));
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum AccountsAction {
    /// Invite a person: they sign in to the portal with a link sent to this address.
    Add {
        #[arg(long, value_name = "ADDRESS")]
        email: String,
        /// The corporation they deliver for (its code, name or alias).
        #[arg(
            long,
            value_name = "CODE",
            required_unless_present = "source",
            conflicts_with = "source"
        )]
        corporation: Option<String>,
        /// `applications`: a person of the matching organisation.
        #[arg(long, value_name = "SOURCE", value_parser = ["applications"])]
        source: Option<String>,
    },
    /// Every account, enabled ones first.
    List,
    /// End an account's access (its sessions and links end at once).
    Disable {
        #[arg(long, value_name = "ADDRESS")]
        email: String,
    },
}
