//! A few open connections to one store, shared by a process's work (the HTTP handlers above
//! all): the first is opened with [`Store::open`], which migrates; the others only connect. A
//! connection goes back to the pool when its [`Pooled`] handle is dropped, so a request opens
//! the database file only when every pooled connection is in use.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{Result, Store};

/// Idle connections kept open (more may be open at once; those are closed when done).
const KEEP: usize = 4;

/// The pool of one store.
#[derive(Debug)]
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    /// Whether this process has opened (and so migrated) the store.
    migrated: Mutex<bool>,
    /// Connections this pool opened.
    opened: std::sync::atomic::AtomicU64,
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
            idle: Mutex::new(Vec::new()),
            migrated: Mutex::new(false),
            opened: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// How many connections this pool has opened.
    pub fn opened(&self) -> u64 {
        self.opened.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A connection: an idle one, else a new one (migrating the store the first time).
    pub fn get(self: &Arc<Self>) -> Result<Pooled> {
        let idle = self.idle.lock().expect("the pool's lock").pop();
        let store = match idle {
            Some(s) => s,
            None => {
                self.opened
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut migrated = self.migrated.lock().expect("the pool's lock");
                if *migrated {
                    drop(migrated);
                    Store::connect(&self.path)?
                } else {
                    let s = Store::open(&self.path)?;
                    *migrated = true;
                    s
                }
            }
        };
        Ok(Pooled {
            store: Some(store),
            pool: self.clone(),
        })
    }
}

/// A connection of the pool; back to it when dropped.
pub struct Pooled {
    store: Option<Store>,
    pool: Arc<Pool>,
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
        // A connection left inside a transaction (a panic between BEGIN and COMMIT) is closed.
        if !store.conn.is_autocommit() {
            return;
        }
        let mut idle = self.pool.idle.lock().expect("the pool's lock");
        if idle.len() < KEEP {
            idle.push(store);
        }
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
}
