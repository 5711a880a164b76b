//! What the HTTP sites share: the handle they are built from (`Shared`: the service, the
//! worker's queue, the request slots, the throttle), store work on the blocking pool, the
//! correlation id of an answer, and how a feed's origin is shown.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::service::worker::Queue;
use crate::service::{Service, ServiceError};
use crate::store::Store;

/// What the API and the console are built from.
pub struct Shared {
    pub service: Service,
    pub queue: Arc<Queue>,
    /// The request slots (`api.max_requests`), shared by the API and the console.
    pub slots: Arc<Semaphore>,
    /// Failed sign-ins and bearer tokens, for both.
    pub throttle: Arc<super::throttle::Throttle>,
}

impl Shared {
    /// The layer that makes a route take a request slot.
    pub fn slot_layer(&self) -> tower::limit::GlobalConcurrencyLimitLayer {
        tower::limit::GlobalConcurrencyLimitLayer::with_semaphore(self.slots.clone())
    }
}

/// Runs store work on the blocking pool with a connection of its own (`threads::offload`).
pub async fn blocking<T: Send + 'static>(
    service: &Service,
    f: impl FnOnce(&Store) -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    let service = service.clone();
    crate::threads::offload(move || {
        let store = service.store()?;
        f(&store)
    })
    .await
}

/// A short random id that ties an answer to its line in the log.
pub fn correlation_id() -> String {
    use std::hash::{BuildHasher, RandomState};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:012x}", RandomState::new().hash_one(n) & 0xffff_ffff_ffff)
}

/// Where a feed comes from, for the API and the console: its kind and, for a URL, the host;
/// never a local path or credentials.
pub fn origin_view(origin: &str) -> serde_json::Value {
    match url::Url::parse(origin) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => serde_json::json!({
            "kind": "url",
            "host": u.host_str().unwrap_or_default(),
        }),
        _ => serde_json::json!({ "kind": "file" }),
    }
}

/// Whether a warning about what anyone on the network can cause (a wrong link, a forged header, a
/// slow body) may be logged now: at most one line per `what` a minute, so a flood of requests
/// cannot fill the log. `Some(n)`: log it, saying that `n` more of the kind came since the last
/// line; `None`: counted, not logged.
pub fn log_now(what: &'static str) -> Option<u64> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};
    static SEEN: Mutex<Option<HashMap<&'static str, (Instant, u64)>>> = Mutex::new(None);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let seen = seen.get_or_insert_with(HashMap::new);
    let now = Instant::now();
    match seen.get_mut(what) {
        Some((last, quiet)) if now.duration_since(*last) < Duration::from_secs(60) => {
            *quiet += 1;
            None
        }
        Some((last, quiet)) => {
            let n = std::mem::take(quiet);
            *last = now;
            Some(n)
        }
        None => {
            seen.insert(what, (now, 0));
            Some(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlation_ids_differ() {
        assert_ne!(correlation_id(), correlation_id());
        assert_eq!(correlation_id().len(), 12);
    }

    #[test]
    fn an_origin_is_shown_as_its_kind_and_host_never_a_path() {
        assert_eq!(
            origin_view("/srv/aanlevering/mitros.xlsx"),
            serde_json::json!({ "kind": "file" })
        );
        assert_eq!(
            origin_view("https://user:pw@export.mitros.example/wm.csv?key=1"),
            serde_json::json!({ "kind": "url", "host": "export.mitros.example" })
        );
        assert_eq!(
            origin_view("C:/data/x.csv"),
            serde_json::json!({ "kind": "file" })
        );
    }
}
