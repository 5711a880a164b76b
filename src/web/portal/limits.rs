//! The portal's limits that outlast a request: sign-in links asked per client and in all
//! (with the queue of the background task that sends them), and the upload slots (per
//! organisation while bytes arrive, shared for checking) with the scanner alerts' counts.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tokio::sync::Semaphore;

use crate::service::Service;

pub(super) const HOUR: Duration = Duration::from_secs(3600);

/// When links were asked in the last hour: per client address, and in all.
pub(super) type Asks = (HashMap<IpAddr, VecDeque<Instant>>, VecDeque<Instant>);

/// Sign-in links asked in the last hour, per client address. Never in all: a flood from many
/// addresses must not keep the organisations' people out (each account has its own limit,
/// `Service::send_sign_in_link`).
pub(super) struct LinkLimits {
    pub(super) per_client: u32,
    pub(super) asked: Mutex<Asks>,
    /// The background task that does the asked work, one request after the other.
    pub(super) work: OnceLock<tokio::sync::mpsc::Sender<Asked>>,
}

/// A request for a link, for the background task.
pub(super) struct Asked {
    pub(super) email: String,
    pub(super) client: IpAddr,
    pub(super) service: Service,
    /// The worker's queue, asked for a mail pass once the link is queued.
    pub(super) queue: std::sync::Arc<crate::service::worker::Queue>,
}

impl LinkLimits {
    pub(super) fn new(p: &crate::config::PortalSetting) -> Self {
        Self {
            per_client: p.links_per_client_per_hour,
            asked: Mutex::new((HashMap::new(), VecDeque::new())),
            work: OnceLock::new(),
        }
    }

    /// Whether one more link may be asked from `client` now (and counts it when so).
    pub(super) fn allow(&self, client: IpAddr, now: Instant) -> bool {
        let mut g = self.asked.lock().expect("the limits' lock");
        let (clients, all) = &mut *g;
        let old = |q: &mut VecDeque<Instant>| {
            while q.front().is_some_and(|t| now.duration_since(*t) >= HOUR) {
                q.pop_front();
            }
        };
        old(all);
        let mine = clients.entry(client).or_default();
        old(mine);
        if mine.len() as u32 >= self.per_client {
            return false;
        }
        mine.push_back(now);
        all.push_back(now);
        // Forget clients that asked nothing this hour (the map stays small).
        if clients.len() > 4096 {
            clients.retain(|_, q| {
                old(q);
                !q.is_empty()
            });
        }
        true
    }
}

/// Per organisation: when the operator was last told of a refused upload, and how many were
/// refused since.
pub(super) type ScanAlerts = Arc<Mutex<HashMap<String, (DateTime<Utc>, u32)>>>;

/// The upload slots: per organisation while bytes arrive, and for checking received files.
pub(super) struct Slots {
    pub(super) per_organisation: usize,
    pub(super) receiving: Mutex<HashMap<String, Arc<Semaphore>>>,
    pub(super) checking: Semaphore,
    /// When the operator was last told of a refused upload, per organisation, and how many were
    /// refused since (told at most once an hour, with the count).
    pub(super) scans: ScanAlerts,
}

impl Slots {
    pub(super) fn new(p: &crate::config::PortalSetting) -> Self {
        Self {
            per_organisation: p.uploads_per_organisation,
            receiving: Mutex::new(HashMap::new()),
            checking: Semaphore::new(p.uploads_checked_at_once),
            scans: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    pub(super) fn of(&self, org: &str) -> Arc<Semaphore> {
        self.receiving
            .lock()
            .expect("the slots' lock")
            .entry(org.to_string())
            .or_insert_with(|| Arc::new(Semaphore::new(self.per_organisation)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, VecDeque};
    use std::net::IpAddr;
    use std::sync::{Mutex, OnceLock};

    #[test]
    fn links_are_limited_per_client_never_in_all() {
        // Regression: a flood from 20 addresses used the budget of all, and every
        // organisation's people were kept out for an hour.
        let l = LinkLimits {
            per_client: 3,
            asked: Mutex::new((HashMap::new(), VecDeque::new())),
            work: OnceLock::new(),
        };
        let (a, b, c): (IpAddr, IpAddr, IpAddr) = (
            "10.0.0.1".parse().unwrap(),
            "10.0.0.2".parse().unwrap(),
            "10.0.0.3".parse().unwrap(),
        );
        let t = Instant::now();
        assert!((0..3).all(|_| l.allow(a, t)));
        assert!(!l.allow(a, t), "a fourth from one client");
        assert!(l.allow(b, t) && l.allow(b, t));
        let flood: Vec<IpAddr> = (1..=200)
            .map(|i| format!("10.1.{}.{}", i / 250, i % 250 + 1).parse().unwrap())
            .collect();
        for f in &flood {
            assert!((0..3).all(|_| l.allow(*f, t)));
        }
        assert!(
            l.allow(c, t),
            "another address is not kept out by the flood"
        );
        let later = t + HOUR;
        assert!(l.allow(a, later) && l.allow(c, later), "an hour later");
    }
}
