//! Pulling sources into immutable, content-addressed snapshots.
//!
//! A source is a local file (e.g. in a drop folder) or an HTTP(S) URL. Each pull reads the bytes,
//! stores them once under `<state>/snapshots/<source>/<sha256>.<ext>` and records them in the
//! store; an unchanged source (same hash, or HTTP 304) only refreshes its check time. A source
//! that fails keeps its last good snapshot. HTTP: timeout, retries with exponential backoff,
//! `If-None-Match` / `If-Modified-Since`, and a truncated body is an error (never a snapshot).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::store::{NewSnapshot, RunKind, RunOutcome, Snapshot, Store, StoreError, Trigger};
use super::{Selection, Service, ServiceError};
use crate::config::{Settings, SourceSetting};
use crate::files::{sha256_hex, write_atomic};
use crate::schema::SourceKind;

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error("source {kind}: file {} not found", path.display())]
    NotFound { kind: SourceKind, path: PathBuf },
    #[error("source {kind}: cannot read {}: {source}", path.display())]
    Read {
        kind: SourceKind,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("source {kind}: {source}")]
    Fetch {
        kind: SourceKind,
        #[source]
        source: FetchError,
    },
    #[error("source {kind}: {source}")]
    Write {
        kind: SourceKind,
        #[source]
        source: crate::files::WriteError,
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

impl Service {
    /// Pulls every source into snapshots; records a `pull` run. Failing sources keep their last
    /// good snapshot; the run is failed when any source failed.
    pub async fn pull(&self, trigger: Trigger, now: DateTime<Utc>) -> Result<i64, ServiceError> {
        let mut store = self.store()?;
        self.pull_with(&mut store, trigger, now).await
    }

    pub(super) async fn pull_with(
        &self,
        store: &mut Store,
        trigger: Trigger,
        now: DateTime<Utc>,
    ) -> Result<i64, ServiceError> {
        let run_id = store.start_run(RunKind::Pull, trigger, None, &Selection::All, now)?;
        let mut errors = Vec::new();
        for (source, setting) in configured(&self.settings) {
            match pull_source(source, setting, store, self.state_dir(), &self.http, now).await {
                Ok(Pulled::New(id)) | Ok(Pulled::Unchanged(id)) => {
                    store.link_snapshot(run_id, id)?
                }
                Ok(Pulled::Absent) => {}
                Err(e) => {
                    tracing::error!(error = %e, "pull failed; the last good snapshot stays in use");
                    errors.push(e.to_string());
                }
            }
        }
        let joined = errors.join("; ");
        let outcome = if errors.is_empty() {
            RunOutcome::Succeeded
        } else {
            RunOutcome::Failed {
                failure: super::store::Failure::Error,
                error: &joined,
            }
        };
        store.finish_run(run_id, outcome, Utc::now().max(now))?;
        Ok(run_id)
    }
}

/// The configured sources by kind.
pub fn configured(settings: &Settings) -> Vec<(SourceKind, &SourceSetting)> {
    let s = &settings.sources;
    let mut v = vec![
        (SourceKind::Applications, &s.applications),
        (SourceKind::Deliveries, &s.deliveries),
    ];
    if let Some(c) = &s.commitments {
        v.push((SourceKind::Commitments, c));
    }
    v
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
    /// The content is unchanged (same hash or HTTP 304).
    Unchanged(i64),
    /// An optional source (commitments) that does not exist.
    Absent,
}

/// Pulls one source into `<state_dir>/snapshots/` and records it in `store`.
pub async fn pull_source(
    source: SourceKind,
    setting: &SourceSetting,
    store: &mut Store,
    state_dir: &Path,
    policy: &HttpPolicy,
    now: DateTime<Utc>,
) -> Result<Pulled, PullError> {
    let previous = store.latest_snapshot(source)?;
    let (bytes, origin, etag, last_modified) = match &setting.url {
        None => {
            if !setting.path.exists() {
                if !source.is_required() {
                    return Ok(Pulled::Absent);
                }
                return Err(PullError::NotFound {
                    kind: source,
                    path: setting.path.clone(),
                });
            }
            let bytes = tokio::fs::read(&setting.path)
                .await
                .map_err(|e| PullError::Read {
                    kind: source,
                    path: setting.path.clone(),
                    source: e,
                })?;
            (bytes, setting.path.display().to_string(), None, None)
        }
        Some(url) => match fetch(url, setting, previous.as_ref().map(|(s, _)| s), policy).await {
            Ok(Fetched::NotModified) => {
                let (snap, _) = previous.expect("304 only with a previous snapshot");
                store.touch_source(source, now)?;
                return Ok(Pulled::Unchanged(snap.id));
            }
            Ok(Fetched::Body {
                bytes,
                etag,
                last_modified,
            }) => (bytes, url.clone(), etag, last_modified),
            Err(e) => {
                return Err(PullError::Fetch {
                    kind: source,
                    source: e,
                })
            }
        },
    };
    let sha = sha256_hex(&bytes);
    let rel: PathBuf = [
        "snapshots",
        source.as_str(),
        &format!("{sha}.{}", extension(setting)),
    ]
    .iter()
    .collect();
    let path = state_dir.join(&rel);
    if !path.exists() {
        write_atomic(&path, &bytes).map_err(|e| PullError::Write {
            kind: source,
            source: e,
        })?;
    }
    let unchanged = previous.as_ref().is_some_and(|(s, _)| s.sha256 == sha);
    let id = store.add_snapshot(
        &NewSnapshot {
            source,
            sha256: &sha,
            path: &path.display().to_string(),
            origin: &origin,
            bytes: bytes.len() as i64,
            etag: etag.as_deref(),
            last_modified: last_modified.as_deref(),
        },
        now,
    )?;
    Ok(if unchanged {
        Pulled::Unchanged(id)
    } else {
        Pulled::New(id)
    })
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

async fn fetch(
    url: &str,
    setting: &SourceSetting,
    previous: Option<&Snapshot>,
    policy: &HttpPolicy,
) -> Result<Fetched, FetchError> {
    let client = client(setting, policy)?;
    let attempts = policy.attempts.max(1);
    let mut last_error = None;
    for attempt in 0..attempts {
        if attempt > 0 {
            tokio::time::sleep(policy.backoff * 2u32.pow(attempt - 1)).await;
        }
        let mut req = client.get(url);
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
            Ok(resp) if resp.status().is_success() => {
                let header = |h| {
                    resp.headers()
                        .get(h)
                        .and_then(|v| v.to_str().ok())
                        .map(|s| s.to_string())
                };
                let etag = header(reqwest::header::ETAG);
                let last_modified = header(reqwest::header::LAST_MODIFIED);
                let expected = resp.content_length();
                match resp.bytes().await {
                    Ok(b) if expected.is_none_or(|n| n == b.len() as u64) => {
                        return Ok(Fetched::Body {
                            bytes: b.to_vec(),
                            etag,
                            last_modified,
                        })
                    }
                    Ok(b) => FetchError::Truncated {
                        got: b.len(),
                        expected: expected.unwrap_or(0),
                    },
                    Err(e) => FetchError::Body(e),
                }
            }
            Ok(resp) if resp.status().is_client_error() => {
                // 4xx will not get better by retrying.
                return Err(FetchError::Status {
                    url: url.to_string(),
                    status: resp.status(),
                });
            }
            Ok(resp) => FetchError::Status {
                url: url.to_string(),
                status: resp.status(),
            },
            Err(e) if e.is_timeout() => FetchError::Timeout {
                url: url.to_string(),
                timeout: policy.timeout,
            },
            Err(e) => FetchError::Request {
                url: url.to_string(),
                source: e,
            },
        };
        tracing::warn!(source = url, attempt = attempt + 1, error = %error, "fetch failed");
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
