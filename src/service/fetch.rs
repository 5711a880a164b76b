//! Fetching one feed into an immutable, content-addressed snapshot (the pull run over every
//! feed is `pull`'s; this room is below the service type, which names its errors).
//!
//! A feed is a local file (e.g. in a drop folder) or an HTTP(S) URL. Each pull reads the bytes
//! (at most `max_bytes`, checked while reading), and stores only their projection
//! (`ingest::project`: the mapped columns, each row with its original line) under
//! `<state>/snapshots/<feed>/<sha256>.csv`, private to the service user, with the delivered
//! file's SHA-256 and size in the store. The delivered bytes are never written. A file that
//! cannot be used (personal data, missing columns, an unclosed quote) is refused: nothing of it
//! is stored, the feed is marked refused and the operator told. An unchanged feed (same hash, or
//! HTTP 304) only refreshes its check time; a feed that fails keeps its last good snapshot.
//! HTTP: timeout, retries with exponential backoff, `If-None-Match` / `If-Modified-Since`, and a
//! truncated body is an error (never a snapshot).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::config::{Feed, SourceSetting};
use crate::files::{sha256_hex, write_private};
use crate::store::{NewHold, NewSnapshot, Pool, Snapshot, StoreError};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error("source {feed}: file {} not found", path.display())]
    NotFound { feed: String, path: PathBuf },
    #[error("source {feed}: cannot read {}: {source}", path.display())]
    Read {
        feed: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("source {feed}: {source}")]
    Fetch {
        feed: String,
        #[source]
        source: FetchError,
    },
    #[error("source {feed}: {source}")]
    Write {
        feed: String,
        #[source]
        source: crate::files::WriteError,
    },
    #[error("source {feed}: {} is larger than {limit} bytes (max_bytes of this feed)\n  what to do: check that this is the export, or raise sources.<feed>.max_bytes", path.display())]
    TooLarge {
        feed: String,
        path: PathBuf,
        limit: u64,
    },
    /// The delivered file cannot be used; nothing of it was stored.
    #[error("source {feed}: refused: {source}")]
    Refused {
        feed: String,
        /// The delivered file's SHA-256 (one refusal is reported once).
        sha256: String,
        #[source]
        source: Box<crate::ingest::SourceError>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why an HTTP source could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP client: {}", crate::files::error_chain(.0))]
    Client(#[source] reqwest::Error),
    #[error("cannot read {}: {source}\n  what to do: check sources.<name>.ca_file, client_cert and client_key", path.display())]
    Certificate {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("client_cert is set without client_key (or the other way round)\n  what to do: give both PEM files")]
    HalfIdentity,
    #[error("{url} answered {status}")]
    Status {
        url: String,
        status: reqwest::StatusCode,
    },
    #[error("body truncated: {got} of {expected} bytes")]
    Truncated { got: usize, expected: u64 },
    #[error("body could not be read completely: {}", crate::files::error_chain(.0))]
    Body(#[source] reqwest::Error),
    #[error("{url} did not answer within {timeout:?}")]
    Timeout { url: String, timeout: Duration },
    #[error("{url}: {}", crate::files::error_chain(source))]
    Request {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("{url} sent more than {limit} bytes (max_bytes of this feed)\n  what to do: check that the URL is the export, or raise sources.<feed>.max_bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("{what}\n  what to do: {fix}")]
    Credential { what: String, fix: &'static str },
    #[error("{last} (after {attempts} attempts)")]
    GaveUp {
        last: Box<FetchError>,
        attempts: u32,
    },
}

/// How HTTP fetching behaves (tests shorten the waits).
#[derive(Debug, Clone)]
pub struct HttpPolicy {
    pub timeout: Duration,
    pub attempts: u32,
    pub backoff: Duration,
}

impl Default for HttpPolicy {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(60),
            attempts: 4,
            backoff: Duration::from_secs(2),
        }
    }
}

fn extension(setting: &SourceSetting) -> String {
    let from_url = setting
        .url
        .as_deref()
        .and_then(|u| u.split(['?', '#']).next())
        .and_then(|u| u.rsplit('.').next())
        .filter(|e| matches!(e.to_ascii_lowercase().as_str(), "csv" | "xlsx"));
    from_url
        .map(|e| e.to_ascii_lowercase())
        .or_else(|| {
            setting
                .path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
        })
        .unwrap_or_else(|| "csv".into())
}

/// Outcome of one source's pull.
#[derive(Debug)]
pub enum Pulled {
    /// A new snapshot was stored.
    New(i64),
    /// A new snapshot was stored but held for an operator's approval (the judge's findings):
    /// the feed's current snapshot stays the previous one.
    Held(i64),
    /// The same bytes as a delivery that waits for an operator's decision: nothing new to
    /// tell, the previous snapshot stays in use.
    StillHeld(i64),
    /// The same bytes as a delivery an operator rejected: not taken again.
    Rejected(i64),
    /// The content is unchanged (same hash or HTTP 304).
    Unchanged(i64),
    /// An optional source (commitments) that does not exist.
    Absent,
}

/// Why a delivery is held instead of taken: what was found (Dutch) and the rows to look at.
#[derive(Debug, Clone, Default)]
pub struct Hold {
    pub findings: Vec<String>,
    pub rows: serde_json::Value,
}

/// Asked of every new delivery before it becomes its feed's current snapshot: its projection
/// (the file as it will be read) and the feed's current snapshot; `Some`: hold it.
pub type Judge<'a> = &'a (dyn Fn(&Path, Option<&Snapshot>) -> Option<Hold> + Sync);

/// Pulls one feed into `<state_dir>/snapshots/<feed>/` and records it in the store (a connection
/// of `pool` for each step, none held while bytes are fetched).
pub async fn pull_source(
    feed: &Feed,
    pool: &Arc<Pool>,
    state_dir: &Path,
    policy: &HttpPolicy,
    now: DateTime<Utc>,
    judge: Judge<'_>,
) -> Result<Pulled, PullError> {
    let (source, setting) = (feed.kind, &feed.setting);
    let previous = pool.get()?.latest_snapshot(&feed.name)?;
    let (bytes, origin, etag, last_modified) = match &setting.url {
        None => {
            if !setting.path.exists() {
                if !source.is_required() {
                    return Ok(Pulled::Absent);
                }
                return Err(PullError::NotFound {
                    feed: feed.name.clone(),
                    path: setting.path.clone(),
                });
            }
            let read_error = |e| PullError::Read {
                feed: feed.name.clone(),
                path: setting.path.clone(),
                source: e,
            };
            // Read at most max_bytes + 1: a file that grows while read is caught too.
            let limit = setting.max_bytes();
            let file = tokio::fs::File::open(&setting.path)
                .await
                .map_err(read_error)?;
            let mut bytes = Vec::new();
            use tokio::io::AsyncReadExt;
            file.take(limit + 1)
                .read_to_end(&mut bytes)
                .await
                .map_err(read_error)?;
            if bytes.len() as u64 > limit {
                return Err(PullError::TooLarge {
                    feed: feed.name.clone(),
                    path: setting.path.clone(),
                    limit,
                });
            }
            (bytes, setting.path.display().to_string(), None, None)
        }
        Some(url) => match fetch(url, setting, previous.as_ref().map(|(s, _)| s), policy).await {
            Ok(Fetched::NotModified) => {
                let (snap, _) = previous.expect("304 only with a previous snapshot");
                pool.get()?.touch_source(&feed.name, now)?;
                return Ok(Pulled::Unchanged(snap.id));
            }
            Ok(Fetched::Body {
                bytes,
                etag,
                last_modified,
            }) => (bytes, crate::files::redact_url(url), etag, last_modified),
            Err(e) => {
                return Err(PullError::Fetch {
                    feed: feed.name.clone(),
                    source: e,
                })
            }
        },
    };
    let delivery = Delivery {
        origin,
        etag,
        last_modified,
        extension: extension(setting),
    };
    keep_delivery(feed, pool, state_dir, bytes, delivery, now, judge).await
}

/// Where a delivered file came from, for its snapshot.
pub struct Delivery {
    /// A file path, a URL without credentials, or `portal: <e-mail address>`.
    pub origin: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// `csv` or `xlsx`: how to read the bytes.
    pub extension: String,
}

/// Keeps a delivered file of `feed` as its snapshot: the same content again changes nothing,
/// new content is projected (mapped columns only, the privacy allowlist) and stored under its
/// SHA-256; a file that cannot be used is refused and nothing of it is kept.
pub async fn keep_delivery(
    feed: &Feed,
    pool: &Arc<Pool>,
    state_dir: &Path,
    bytes: Vec<u8>,
    delivery: Delivery,
    now: DateTime<Utc>,
    judge: Judge<'_>,
) -> Result<Pulled, PullError> {
    let (source, setting) = (feed.kind, &feed.setting);
    let Delivery {
        origin,
        etag,
        last_modified,
        extension,
    } = delivery;
    let previous = pool.get()?.latest_snapshot(&feed.name)?;
    let sha = sha256_hex(&bytes);
    if let Some((prev, _)) = previous
        .as_ref()
        .filter(|(p, _)| p.sha256 == sha && p.projection)
    {
        // The same delivery again: nothing to store.
        pool.get()?.touch_source(&feed.name, now)?;
        return Ok(Pulled::Unchanged(prev.id));
    }
    // The same bytes as a held delivery: decided once, not judged (nor told) again. The source
    // was reached, so it is not stale: what is in use waits for a person, not for the source.
    if let Some((id, decision)) = pool.get()?.earlier_hold(&feed.name, &sha)? {
        pool.get()?.touch_source(&feed.name, now)?;
        return Ok(match decision.as_deref() {
            Some("rejected") => Pulled::Rejected(id),
            _ => Pulled::StillHeld(id),
        });
    }
    let size = bytes.len() as i64;
    let planned = crate::ingest::PlannedFeed {
        name: feed.name.clone(),
        kind: feed.kind,
        // The name tells CSV from xlsx.
        path: PathBuf::from(format!("{}.{extension}", feed.name)),
        setting: setting.clone(),
        export_date: None,
        projected: false,
        notes: Vec::new(),
    };
    let projection =
        crate::threads::offload(move || crate::ingest::project::project(&planned, bytes)).await;
    let projection = match projection {
        Ok(p) => p,
        Err(e) => {
            return Err(PullError::Refused {
                feed: feed.name.clone(),
                sha256: sha,
                source: Box::new(e),
            })
        }
    };
    let rel: PathBuf = ["snapshots", feed.name.as_str(), &format!("{sha}.csv")]
        .iter()
        .collect();
    let path = state_dir.join(&rel);
    write_private(&path, &projection.csv).map_err(|e| PullError::Write {
        feed: feed.name.clone(),
        source: e,
    })?;
    let new = NewSnapshot {
        feed: &feed.name,
        source,
        sha256: &sha,
        path: &path.display().to_string(),
        origin: &origin,
        bytes: size,
        etag: etag.as_deref(),
        last_modified: last_modified.as_deref(),
        notes: &projection.notes,
    };
    let current = previous.as_ref().map(|(s, _)| s);
    if let Some(hold) = judge(&path, current) {
        let id = pool.get()?.add_held_snapshot(
            &new,
            &NewHold {
                previous_snapshot_id: current.map(|s| s.id),
                findings: &hold.findings,
                rows: &hold.rows,
            },
            now,
        )?;
        pool.get()?.touch_source(&feed.name, now)?;
        tracing::warn!(
            feed = %feed.name,
            snapshot = id,
            findings = %hold.findings.join("; "),
            "delivery held for an operator's approval; the previous one stays in use"
        );
        return Ok(Pulled::Held(id));
    }
    let id = pool.get()?.add_snapshot(&new, now)?;
    tracing::info!(
        feed = %feed.name,
        rows = projection.rows,
        bytes = size,
        "snapshot stored (mapped columns only)"
    );
    Ok(Pulled::New(id))
}

enum Fetched {
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// An HTTP client for one source: the system's trust store plus the source's CA, and its
/// client certificate when it has one.
fn client(setting: &SourceSetting, policy: &HttpPolicy) -> Result<reqwest::Client, FetchError> {
    let read = |path: &PathBuf| {
        std::fs::read(path).map_err(|source| FetchError::Certificate {
            path: path.clone(),
            source,
        })
    };
    let mut b = reqwest::Client::builder()
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout);
    if let Some(ca) = &setting.ca_file {
        let cert = reqwest::Certificate::from_pem(&read(ca)?).map_err(FetchError::Client)?;
        b = b.add_root_certificate(cert);
    }
    match (&setting.client_cert, &setting.client_key) {
        (Some(cert), Some(key)) => {
            let mut pem = read(cert)?;
            pem.push(b'\n');
            pem.extend(read(key)?);
            b = b.identity(reqwest::Identity::from_pem(&pem).map_err(FetchError::Client)?);
        }
        (None, None) => {}
        _ => return Err(FetchError::HalfIdentity),
    }
    b.build().map_err(FetchError::Client)
}

/// How a feed signs in at its HTTP endpoint; the secret is read when the feed is fetched,
/// never logged and never part of the URL.
enum Credentials {
    None,
    Bearer(String),
    Basic { user: String, password: String },
}

impl Credentials {
    fn of(setting: &SourceSetting) -> Result<Self, FetchError> {
        let secret = |env: &Option<String>, file: &Option<PathBuf>, what: &str| {
            if let Some(var) = env {
                return match std::env::var(var) {
                    Ok(v) if !v.trim().is_empty() => Ok(Some(v.trim().to_string())),
                    _ => Err(FetchError::Credential {
                        what: format!("the {what} of this feed: environment variable {var} is not set"),
                        fix: "set it in the service's environment (e.g. an EnvironmentFile of the systemd unit)",
                    }),
                };
            }
            if let Some(path) = file {
                return match std::fs::read_to_string(path) {
                    Ok(v) if !v.trim().is_empty() => Ok(Some(v.trim().to_string())),
                    Ok(_) => Err(FetchError::Credential {
                        what: format!("the {what} file {} is empty", path.display()),
                        fix: "write the secret into it (one line)",
                    }),
                    Err(e) => Err(FetchError::Credential {
                        what: format!("the {what} file {} cannot be read: {e}", path.display()),
                        fix: "check the path and that the service's user may read it",
                    }),
                };
            }
            Ok(None)
        };
        if let Some(token) = secret(&setting.token_env, &setting.token_file, "token")? {
            return Ok(Credentials::Bearer(token));
        }
        if let Some(user) = &setting.username {
            let password = secret(&setting.password_env, &setting.password_file, "password")?
                .ok_or(FetchError::Credential {
                    what: "a user name without a password".into(),
                    fix: "give password_env or password_file",
                })?;
            return Ok(Credentials::Basic {
                user: user.clone(),
                password,
            });
        }
        Ok(Credentials::None)
    }

    fn apply(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Credentials::None => req,
            Credentials::Bearer(t) => req.bearer_auth(t),
            Credentials::Basic { user, password } => req.basic_auth(user, Some(password)),
        }
    }
}

async fn fetch(
    url: &str,
    setting: &SourceSetting,
    previous: Option<&Snapshot>,
    policy: &HttpPolicy,
) -> Result<Fetched, FetchError> {
    let client = client(setting, policy)?;
    let credentials = Credentials::of(setting)?;
    // What logs and errors show: no user name, password or token from the URL.
    let shown = crate::files::redact_url(url);
    let limit = setting.max_bytes();
    let attempts = policy.attempts.max(1);
    let mut last_error = None;
    for attempt in 0..attempts {
        if attempt > 0 {
            tokio::time::sleep(policy.backoff * 2u32.pow(attempt - 1)).await;
        }
        let mut req = credentials.apply(client.get(url));
        if let Some(prev) = previous {
            if let Some(e) = &prev.etag {
                req = req.header(reqwest::header::IF_NONE_MATCH, e);
            }
            if let Some(lm) = &prev.last_modified {
                req = req.header(reqwest::header::IF_MODIFIED_SINCE, lm);
            }
        }
        let error = match req.send().await {
            Ok(resp)
                if resp.status() == reqwest::StatusCode::NOT_MODIFIED && previous.is_some() =>
            {
                return Ok(Fetched::NotModified)
            }
            Ok(mut resp) if resp.status().is_success() => {
                let header = |h| {
                    resp.headers()
                        .get(h)
                        .and_then(|v| v.to_str().ok())
                        .map(|s| s.to_string())
                };
                let etag = header(reqwest::header::ETAG);
                let last_modified = header(reqwest::header::LAST_MODIFIED);
                let expected = resp.content_length();
                if expected.is_some_and(|n| n > limit) {
                    return Err(FetchError::TooLarge { url: shown, limit });
                }
                // Streamed, so an endless or oversized body stops at the limit.
                let mut body = Vec::with_capacity(expected.unwrap_or(0) as usize);
                let read = loop {
                    match resp.chunk().await {
                        Ok(Some(chunk)) => {
                            if (body.len() + chunk.len()) as u64 > limit {
                                return Err(FetchError::TooLarge { url: shown, limit });
                            }
                            body.extend_from_slice(&chunk);
                        }
                        Ok(None) => break Ok(()),
                        Err(e) => break Err(e),
                    }
                };
                match read {
                    Ok(()) if expected.is_none_or(|n| n == body.len() as u64) => {
                        return Ok(Fetched::Body {
                            bytes: body,
                            etag,
                            last_modified,
                        })
                    }
                    Ok(()) => FetchError::Truncated {
                        got: body.len(),
                        expected: expected.unwrap_or(0),
                    },
                    Err(e) => FetchError::Body(e.without_url()),
                }
            }
            Ok(resp) if resp.status().is_client_error() => {
                // 4xx will not get better by retrying.
                return Err(FetchError::Status {
                    url: shown,
                    status: resp.status(),
                });
            }
            Ok(resp) => FetchError::Status {
                url: shown.clone(),
                status: resp.status(),
            },
            Err(e) if e.is_timeout() => FetchError::Timeout {
                url: shown.clone(),
                timeout: policy.timeout,
            },
            Err(e) => FetchError::Request {
                url: shown.clone(),
                source: e.without_url(),
            },
        };
        tracing::warn!(source = %shown, attempt = attempt + 1, error = %error, "fetch failed");
        last_error = Some(error);
    }
    Err(FetchError::GaveUp {
        last: Box::new(last_error.expect("at least one attempt")),
        attempts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_from_url_or_path() {
        let mut s = SourceSetting {
            path: "x/aanvragen.xlsx".into(),
            ..Default::default()
        };
        assert_eq!(extension(&s), "xlsx");
        s.url = Some("https://example.nl/export/deliveries.csv?token=1".into());
        assert_eq!(extension(&s), "csv");
    }
}
