//! The daemon's local socket (`<state>/woonmonitor.sock`, mode 0600): how an operator command
//! that changes state reaches the daemon that owns the state folder, instead of acting beside
//! it. One JSON line in (a [`Command`]), one JSON line out (a [`Reply`]); the daemon runs the
//! command in its worker, between its other jobs.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
use tokio::sync::{oneshot, watch};

use super::commands::{Command, Outcome};
use super::worker::{Queue, Work};
use super::{ErrorClass, ServiceError};

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
}

pub fn socket_path(state_dir: &Path) -> PathBuf {
    state_dir.join("woonmonitor.sock")
}

/// Serves the socket until `stop` is set. The caller holds the state lock, so a socket file
/// left by a dead daemon can be replaced.
pub async fn serve(
    state_dir: &Path,
    queue: Arc<Queue>,
    mut stop: watch::Receiver<bool>,
) -> Result<(), ServiceError> {
    let path = socket_path(state_dir);
    let io = |source| ServiceError::Socket {
        path: path.clone(),
        source,
    };
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
        _ => {}
    }
    let listener = tokio::net::UnixListener::bind(&path).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
    }
    tracing::info!(socket = %path.display(), "listening for operator commands");
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => break,
            conn = listener.accept() => {
                let Ok((stream, _)) = conn else { continue };
                let queue = queue.clone();
                tokio::spawn(async move {
                    if let Err(e) = answer(stream, &queue).await {
                        tracing::warn!(error = %e, "local socket connection failed");
                    }
                });
            }
        }
    }
    let _ = std::fs::remove_file(&path);
    Ok(())
}

async fn answer(stream: tokio::net::UnixStream, queue: &Queue) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    tokio::io::BufReader::new(read.take_limited())
        .read_line(&mut line)
        .await?;
    let reply = match serde_json::from_str::<Command>(&line) {
        Err(e) => Reply::Failed {
            message: format!("not a command: {e}"),
            class: ErrorClass::Usage,
        },
        Ok(command) => {
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

/// Bounds what one request may send.
trait TakeLimited: tokio::io::AsyncRead + Sized {
    fn take_limited(self) -> tokio::io::Take<Self> {
        tokio::io::AsyncReadExt::take(self, 64 * 1024)
    }
}
impl<R: tokio::io::AsyncRead> TakeLimited for R {}

/// Sends `command` to the daemon and waits for its reply (up to `timeout`). `Err` when no daemon
/// answers on the socket.
pub fn request(
    state_dir: &Path,
    command: &Command,
    timeout: Duration,
) -> Result<Reply, ServiceError> {
    let path = socket_path(state_dir);
    let io = |source| ServiceError::Socket {
        path: path.clone(),
        source,
    };
    let mut stream = std::os::unix::net::UnixStream::connect(&path).map_err(io)?;
    stream.set_read_timeout(Some(timeout)).map_err(io)?;
    let mut line = serde_json::to_vec(command).expect("commands serialize");
    line.push(b'\n');
    stream.write_all(&line).map_err(io)?;
    let mut reply = String::new();
    BufReader::new(stream).read_line(&mut reply).map_err(io)?;
    serde_json::from_str(&reply)
        .map_err(|e| ServiceError::Daemon(format!("unreadable reply {:?}: {e}", reply.trim())))
}
