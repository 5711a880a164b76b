//! Failed guesses slowed, never the right token kept out. A wrong console token or API bearer
//! token is answered after a delay that grows with the client's recent failures (none for the
//! first two: typing mistakes), and past a global budget of failures per minute every failure
//! waits the longest delay, whichever address it comes from (another 127.x address gains
//! nothing). A right token is checked and let in at once, whatever came before: the throttle
//! slows guessing, the token's length (at least 32 characters) makes it hopeless.
//!
//! The waiting happens outside the request slots (see `http`), so guesses hold only their own
//! connections.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a failure counts for its client.
const CLIENT_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures per minute, from all clients together, before every failure waits [`MAX_DELAY`].
pub const GLOBAL_BUDGET: usize = 30;
const GLOBAL_WINDOW: Duration = Duration::from_secs(60);
/// The longest wait before a failure is answered.
pub const MAX_DELAY: Duration = Duration::from_secs(10);
/// Clients tracked at most (older ones are forgotten first; the global budget still holds).
const MAX_CLIENTS: usize = 10_000;
/// Failures per client recorded in the audit trail within the window; later ones only in the
/// log (an attacker cannot fill the store).
const AUDITED_PER_CLIENT: usize = 5;

/// What to do with a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Wait this long before answering.
    pub delay: Duration,
    /// Record it in the audit trail (else only in the log).
    pub audit: bool,
}

#[derive(Default)]
struct State {
    clients: HashMap<IpAddr, VecDeque<Instant>>,
    global: VecDeque<Instant>,
}

/// The failures of this process.
#[derive(Default)]
pub struct Throttle {
    state: Mutex<State>,
}

/// The delay for a client's `n`-th failure within the window.
fn client_delay(n: usize) -> Duration {
    match n {
        0..=2 => Duration::ZERO,
        n => (Duration::from_millis(500) * (1 << (n - 3).min(8))).min(MAX_DELAY),
    }
}

impl Throttle {
    /// Records a failure from `client` at `now` and says how long to wait before answering.
    pub fn failed_at(&self, client: IpAddr, now: Instant) -> Verdict {
        let mut s = self.state.lock().expect("throttle lock");
        while s
            .global
            .front()
            .is_some_and(|t| now.duration_since(*t) >= GLOBAL_WINDOW)
        {
            s.global.pop_front();
        }
        s.global.push_back(now);
        let over_budget = s.global.len() > GLOBAL_BUDGET;
        if s.clients.len() >= MAX_CLIENTS && !s.clients.contains_key(&client) {
            s.clients.retain(|_, l| {
                l.back()
                    .is_some_and(|t| now.duration_since(*t) < CLIENT_WINDOW)
            });
            if s.clients.len() >= MAX_CLIENTS {
                // Still full: forget the client whose last failure is oldest.
                if let Some(oldest) = s
                    .clients
                    .iter()
                    .min_by_key(|(_, l)| l.back().copied())
                    .map(|(ip, _)| *ip)
                {
                    s.clients.remove(&oldest);
                }
            }
        }
        let list = s.clients.entry(client).or_default();
        while list
            .front()
            .is_some_and(|t| now.duration_since(*t) >= CLIENT_WINDOW)
        {
            list.pop_front();
        }
        list.push_back(now);
        // Only the recent ones matter for the delay; keep the list short.
        if list.len() > 64 {
            list.pop_front();
        }
        let n = list.len();
        let delay = if over_budget {
            MAX_DELAY
        } else {
            client_delay(n)
        };
        Verdict {
            delay,
            audit: n <= AUDITED_PER_CLIENT && !over_budget,
        }
    }

    pub fn failed(&self, client: IpAddr) -> Verdict {
        self.failed_at(client, Instant::now())
    }

    /// A right token: the client's failures are forgotten.
    pub fn succeeded(&self, client: IpAddr) {
        self.state
            .lock()
            .expect("throttle lock")
            .clients
            .remove(&client);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_client_waits_longer_after_each_failure() {
        let t = Throttle::default();
        let now = Instant::now();
        let delays: Vec<u64> = (0..9)
            .map(|i| {
                t.failed_at(ip("192.0.2.1"), now + Duration::from_secs(i))
                    .delay
                    .as_millis() as u64
            })
            .collect();
        assert_eq!(delays, [0, 0, 500, 1000, 2000, 4000, 8000, 10000, 10000]);
        // Another client starts afresh; after the window the first one does too.
        assert_eq!(t.failed_at(ip("192.0.2.2"), now).delay, Duration::ZERO);
        let later = now + CLIENT_WINDOW + Duration::from_secs(60);
        assert_eq!(t.failed_at(ip("192.0.2.1"), later).delay, Duration::ZERO);
        t.succeeded(ip("192.0.2.2"));
    }

    #[test]
    fn many_addresses_meet_the_global_budget() {
        let t = Throttle::default();
        let now = Instant::now();
        let mut delays = Vec::new();
        for i in 0..(GLOBAL_BUDGET + 5) {
            delays.push(t.failed_at(ip(&format!("127.0.{}.{}", i / 200, i % 200 + 2)), now));
        }
        assert!(delays[..GLOBAL_BUDGET]
            .iter()
            .all(|v| v.delay.is_zero() && v.audit));
        assert!(delays[GLOBAL_BUDGET..]
            .iter()
            .all(|v| v.delay == MAX_DELAY && !v.audit));
        // A minute later the budget is back.
        let later = now + GLOBAL_WINDOW + Duration::from_secs(1);
        assert_eq!(t.failed_at(ip("127.9.9.9"), later).delay, Duration::ZERO);
    }

    #[test]
    fn the_client_table_stays_bounded() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..(MAX_CLIENTS + 100) {
            let a = std::net::Ipv6Addr::from(i as u128);
            // Spread over time so the global budget does not matter here.
            t.failed_at(IpAddr::V6(a), now + GLOBAL_WINDOW * i as u32);
        }
        assert!(t.state.lock().unwrap().clients.len() <= MAX_CLIENTS);
    }
}
