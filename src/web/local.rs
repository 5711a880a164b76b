//! The daemon's local socket (`state.socket`, by default `<state>/woonmonitor.sock`): how an
//! operator command that changes state reaches the daemon that owns the state folder, instead of
//! acting beside it, and how an operator who may not open the private state folder (a member of
//! the daemon's group, with the socket outside it) lists runs and mails. One JSON line in (a
//! [`Request`]), one JSON line out (a [`Reply`]); the daemon runs a command in its worker,
//! between its other jobs, and answers a listing from the store at once.
//!
//! The socket is mode 0660: inside the state folder (0700) only the daemon's user reaches it;
//! in its own folder (the package's `/run/woonmonitor`, 0750) the daemon's group does too.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
use tokio::sync::{oneshot, watch};

use crate::service::commands::{Command, Outcome};
use crate::service::listings::{self, MailsListing, RunLine};
use crate::service::worker::{Queue, Work};
use crate::service::{ErrorClass, ServiceError};
use crate::store::{MailStatus, Store};

/// What an operator asks for that changes nothing: answered from the store, not the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "query", rename_all = "kebab-case")]
pub enum Query {
    Runs {
        limit: usize,
    },
    Mails {
        status: Option<MailStatus>,
        limit: usize,
    },
}

/// One line sent to the daemon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Request {
    Command(Command),
    Query(Query),
}

/// The daemon's answer to a command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "kebab-case")]
pub enum Reply {
    Done {
        outcome: Box<Outcome>,
    },
    Failed {
        message: String,
        class: ErrorClass,
    },
    /// The worker's queue is full: ask again in a moment.
    Busy,
    Runs {
        runs: Vec<RunLine>,
    },
    Mails {
        listing: MailsListing,
    },
}

/// Serves the socket at `path` until `stop` is set, answering listings from the store at
/// `store_path`. The caller holds the state lock, so a socket file left by a dead daemon can be
/// replaced.
pub async fn serve(
    path: PathBuf,
    store_path: PathBuf,
    queue: Arc<Queue>,
    mut stop: watch::Receiver<bool>,
) -> Result<(), ServiceError> {
    let io = |source| ServiceError::Socket {
        path: path.clone(),
        source,
    };
    match tokio::fs::remove_file(&path).await {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
        _ => {}
    }
    let listener = tokio::net::UnixListener::bind(&path).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tokio::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o660))
            .await
            .map_err(io)?;
    }
    tracing::info!(socket = %path.display(), "listening for operator commands");
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => break,
            conn = listener.accept() => {
                let Ok((stream, _)) = conn else { continue };
                let (queue, store_path) = (queue.clone(), store_path.clone());
                tokio::spawn(async move {
                    if let Err(e) = answer(stream, &queue, store_path).await {
                        tracing::warn!(error = %e, "local socket connection failed");
                    }
                });
            }
        }
    }
    let _ = tokio::fs::remove_file(&path).await;
    Ok(())
}

async fn answer(
    stream: tokio::net::UnixStream,
    queue: &Queue,
    store_path: PathBuf,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    tokio::io::BufReader::new(read.take_limited())
        .read_line(&mut line)
        .await?;
    let reply = match serde_json::from_str::<Request>(&line) {
        Err(e) => Reply::Failed {
            message: format!("not a command: {e}"),
            class: ErrorClass::Usage,
        },
        Ok(Request::Query(query)) => {
            let listed = crate::threads::offload(move || list(&store_path, &query)).await;
            match listed {
                Ok(reply) => reply,
                Err(e) => Reply::Failed {
                    message: e.to_string(),
                    class: e.class(),
                },
            }
        }
        Ok(Request::Command(command)) => {
            let (tx, rx) = oneshot::channel();
            match queue.push(Work::Command { command, reply: tx }) {
                Err(_) => Reply::Busy,
                Ok(()) => match rx.await {
                    Ok(Ok(outcome)) => Reply::Done {
                        outcome: Box::new(outcome),
                    },
                    Ok(Err(e)) => Reply::Failed {
                        message: e.to_string(),
                        class: e.class(),
                    },
                    Err(_) => Reply::Failed {
                        message: "the daemon stopped before the command finished".into(),
                        class: ErrorClass::Internal,
                    },
                },
            }
        }
    };
    let mut out = serde_json::to_vec(&reply).expect("replies serialize");
    out.push(b'\n');
    write.write_all(&out).await?;
    write.shutdown().await
}

/// Answers a listing from the store.
fn list(store_path: &Path, query: &Query) -> Result<Reply, ServiceError> {
    let store = Store::open(store_path)?;
    Ok(match query {
        Query::Runs { limit } => Reply::Runs {
            runs: listings::runs(&store, *limit)?,
        },
        Query::Mails { status, limit } => Reply::Mails {
            listing: listings::mails(&store, *status, *limit)?,
        },
    })
}

/// Bounds what one request may send.
trait TakeLimited: tokio::io::AsyncRead + Sized {
    fn take_limited(self) -> tokio::io::Take<Self> {
        tokio::io::AsyncReadExt::take(self, 64 * 1024)
    }
}
impl<R: tokio::io::AsyncRead> TakeLimited for R {}

/// Sends `request` to the daemon listening at `path` and waits for its reply (up to `timeout`).
/// `Err` when no daemon answers on the socket.
pub fn request(path: &Path, request: &Request, timeout: Duration) -> Result<Reply, ServiceError> {
    let io = |source| ServiceError::Socket {
        path: path.to_path_buf(),
        source,
    };
    let mut stream = std::os::unix::net::UnixStream::connect(path).map_err(io)?;
    stream.set_read_timeout(Some(timeout)).map_err(io)?;
    let mut line = serde_json::to_vec(request).expect("requests serialize");
    line.push(b'\n');
    stream.write_all(&line).map_err(io)?;
    let mut reply = String::new();
    BufReader::new(stream).read_line(&mut reply).map_err(io)?;
    serde_json::from_str(&reply)
        .map_err(|e| ServiceError::Daemon(format!("unreadable reply {:?}: {e}", reply.trim())))
}
