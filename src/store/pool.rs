//! A few open connections to one store, shared by a process's work (the HTTP handlers above
//! all): the first is opened with [`Store::open`], which migrates; the others only connect. A
//! connection goes back to the pool when its [`Pooled`] handle is dropped. At most [`SIZE`] are
//! open: a request that finds them all in use waits for one, so under any load the process
//! opens the database file at most [`SIZE`] times. Only a request that waited [`PATIENCE`] in
//! vain (every connection held that long, or one handler holding two) opens one more, closed
//! when it is done, so a pool can slow work down but never stop it.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::connection::{Result, Store};

/// Connections open at most (readers run side by side in SQLite's WAL mode; writers take
/// turns whatever the number).
pub const SIZE: usize = 8;

/// How long a request waits for a connection before it opens one more.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// The pool of one store.
#[derive(Debug)]
pub struct Pool {
    path: PathBuf,
    state: Mutex<State>,
    returned: Condvar,
    /// Connections this pool opened.
    opened: std::sync::atomic::AtomicU64,
}

#[derive(Debug, Default)]
struct State {
    idle: Vec<Store>,
    /// Connections open (idle or in use).
    open: usize,
    /// Whether this process has opened (and so migrated) the store.
    migrated: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Pool {
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            state: Mutex::new(State::default()),
            returned: Condvar::new(),
            opened: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// How many connections this pool has opened.
    pub fn opened(&self) -> u64 {
        self.opened.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A connection: an idle one; else a new one while fewer than [`SIZE`] are open (migrating
    /// the store the first time); else one given back within [`PATIENCE`]; else one more.
    pub fn get(self: &Arc<Self>) -> Result<Pooled> {
        crate::threads::assert_may_block("a store connection");
        let deadline = Instant::now() + PATIENCE;
        let mut state = self.state.lock().expect("the pool's lock");
        loop {
            if let Some(store) = state.idle.pop() {
                return Ok(self.handle(store));
            }
            let now = Instant::now();
            if state.open < SIZE || now >= deadline {
                state.open += 1;
                self.opened
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if !state.migrated {
                    // Opened under the lock: nobody connects before the migration.
                    return match Store::open(&self.path) {
                        Ok(store) => {
                            state.migrated = true;
                            Ok(self.handle(store))
                        }
                        Err(e) => {
                            state.open -= 1;
                            Err(e)
                        }
                    };
                }
                drop(state);
                return match Store::connect(&self.path) {
                    Ok(store) => Ok(self.handle(store)),
                    Err(e) => {
                        self.state.lock().unwrap_or_else(|e| e.into_inner()).open -= 1;
                        self.returned.notify_one();
                        Err(e)
                    }
                };
            }
            state = self
                .returned
                .wait_timeout(state, deadline - now)
                .expect("the pool's lock")
                .0;
        }
    }

    fn handle(self: &Arc<Self>, store: Store) -> Pooled {
        Pooled {
            store: Some(store),
            pool: self.clone(),
            _not_send: std::marker::PhantomData,
        }
    }
}

/// A connection of the pool; back to it when dropped. Not `Send`: it stays on the thread that
/// took it, so a future that holds one across an `.await` is not `Send` either, and neither an
/// HTTP handler nor offloaded async work (`threads::offload_async`) can be such a future.
pub struct Pooled {
    store: Option<Store>,
    pool: Arc<Pool>,
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Deref for Pooled {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store.as_ref().expect("present until dropped")
    }
}

impl DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Store {
        self.store.as_mut().expect("present until dropped")
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        let Some(store) = self.store.take() else {
            return;
        };
        let mut state = self.pool.state.lock().unwrap_or_else(|e| e.into_inner());
        // A connection left inside a transaction (a panic between BEGIN and COMMIT) is closed,
        // and so is one opened beyond the pool's size.
        if store.conn.is_autocommit() && state.open <= SIZE {
            state.idle.push(store);
        } else {
            state.open -= 1;
            drop(store);
        }
        drop(state);
        self.pool.returned.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_are_reused_and_the_store_migrated_once() {
        let dir = tempfile::tempdir().unwrap();
        let pool = Arc::new(Pool::new(&dir.path().join("s.sqlite")));
        for _ in 0..100 {
            let s = pool.get().unwrap();
            assert!(s.schema_version().unwrap() > 0);
        }
        // Two at once: a second connection, then both kept.
        let (a, b) = (pool.get().unwrap(), pool.get().unwrap());
        drop((a, b));
        for _ in 0..100 {
            let _a = pool.get().unwrap();
            let _b = pool.get().unwrap();
        }
        let opened = pool.opened();
        assert!(opened <= 2, "{opened} connections for 400 uses");
    }

    #[test]
    fn thirty_two_threads_at_once_share_the_pools_connections() {
        // Regression: four were kept and the rest opened and closed per request (wrk with 32
        // connections on the console: 2,851 opens in 20 s).
        let dir = tempfile::tempdir().unwrap();
        let pool = Arc::new(Pool::new(&dir.path().join("s.sqlite")));
        let start = Arc::new(std::sync::Barrier::new(32));
        let threads: Vec<_> = (0..32)
            .map(|_| {
                let (pool, start) = (pool.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    for _ in 0..50 {
                        let s = pool.get().unwrap();
                        assert!(s.schema_version().unwrap() > 0);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(pool.opened() <= SIZE as u64, "{} opened", pool.opened());
        let state = pool.state.lock().unwrap();
        assert_eq!(state.open, state.idle.len());
    }

    #[test]
    fn a_handler_holding_every_connection_still_gets_one_more() {
        let dir = tempfile::tempdir().unwrap();
        let pool = Arc::new(Pool::new(&dir.path().join("s.sqlite")));
        let held: Vec<_> = (0..SIZE).map(|_| pool.get().unwrap()).collect();
        let started = Instant::now();
        let extra = pool.get().unwrap();
        assert!(started.elapsed() >= PATIENCE);
        assert_eq!(pool.opened(), SIZE as u64 + 1);
        drop(extra);
        drop(held);
        // The one beyond the size was closed; the pool keeps its size.
        let state = pool.state.lock().unwrap();
        assert_eq!((state.open, state.idle.len()), (SIZE, SIZE));
    }
}
