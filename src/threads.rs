//! Blocking work never runs on an async thread. The runtime's threads and the daemon's main
//! thread drive futures (every HTTP request, the scheduler, the worker's waiting); a store
//! connection, a file write or a pipeline run on one of them would stop everything it drives
//! until that work is done. So blocking work goes through [`offload`] (a closure on the blocking
//! pool) or [`offload_async`] (async work that also blocks, such as a report run, driven on a
//! blocking thread of its own), and nothing else in the crate calls `spawn_blocking`
//! (`tests/it/architecture/`).
//!
//! [`assert_may_block`] is called where blocking work starts (a store connection, an atomic
//! write, a pipeline run): on an async thread it panics in debug builds (every test that drives
//! the daemon fails) and logs an error once per kind of work in release builds.

use std::cell::Cell;
use std::future::Future;

thread_local! {
    /// This thread drives futures: a thread of a runtime made by [`runtime`], or a thread inside
    /// [`drive`].
    static ASYNC: Cell<bool> = const { Cell::new(false) };
    /// This thread is running offloaded work (it may block).
    static MAY_BLOCK: Cell<bool> = const { Cell::new(false) };
}

/// The multi-threaded runtime of the daemon and the commands: its threads are async threads.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .on_thread_start(|| ASYNC.with(|a| a.set(true)))
        .build()
        .expect("tokio runtime starts")
}

/// Runs `fut` to completion on this thread as an async thread (the daemon's main loop): blocking
/// work inside it must be offloaded like on the runtime's own threads.
pub fn drive<F: Future>(rt: &tokio::runtime::Runtime, fut: F) -> F::Output {
    let before = ASYNC.with(|a| a.replace(true));
    let out = rt.block_on(fut);
    ASYNC.with(|a| a.set(before));
    out
}

/// Whether blocking work may run on this thread now.
pub fn may_block() -> bool {
    !ASYNC.with(Cell::get) || MAY_BLOCK.with(Cell::get)
}

/// Says that blocking work (`what`) is about to start: on an async thread that is a bug (see the
/// module's text): a panic in debug builds, an error in the log (once per `what`) otherwise.
pub fn assert_may_block(what: &'static str) {
    if may_block() {
        return;
    }
    if cfg!(debug_assertions) {
        panic!("{what} on an async thread: offload it (threads::offload)");
    }
    use std::collections::BTreeSet;
    use std::sync::Mutex;
    static TOLD: Mutex<BTreeSet<&str>> = Mutex::new(BTreeSet::new());
    if TOLD.lock().unwrap_or_else(|e| e.into_inner()).insert(what) {
        tracing::error!(
            what,
            "blocking work on an async thread (a bug: it slows every request while it runs)"
        );
    }
}

/// The blocking thread's flag, set for the closure's run and put back after.
struct Blocking(bool);

impl Blocking {
    fn enter() -> Self {
        Self(MAY_BLOCK.with(|m| m.replace(true)))
    }
}

impl Drop for Blocking {
    fn drop(&mut self) {
        MAY_BLOCK.with(|m| m.set(self.0));
    }
}

/// Runs blocking work `f` on the blocking pool and waits for it without holding an async thread.
/// A panic in `f` comes back as a panic here.
pub async fn offload<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let task = tokio::task::spawn_blocking(move || {
        let _blocking = Blocking::enter();
        f()
    });
    match task.await {
        Ok(v) => v,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// Runs `fut`, async work that also blocks (store calls between its awaits, a pipeline run), on a
/// blocking thread of its own that drives it, and waits for it without holding an async thread.
/// `fut` must be `Send`: a store connection is not, so none is held across an `.await`.
pub async fn offload_async<F>(fut: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handle = tokio::runtime::Handle::current();
    offload(move || handle.block_on(fut)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocking_work_is_refused_on_an_async_thread_and_allowed_offloaded() {
        let rt = runtime();
        // A thread outside any runtime (the command line) may block.
        assert!(may_block());
        // A runtime thread may not …
        let on_worker = rt.block_on(async { tokio::spawn(async { may_block() }).await.unwrap() });
        assert!(!on_worker);
        // … nor the thread that drives the daemon …
        assert!(!drive(&rt, async { may_block() }));
        assert!(may_block(), "the flag is put back after drive");
        // … but offloaded work may, also when it is async.
        assert!(rt.block_on(offload(may_block)));
        assert!(rt.block_on(offload_async(async { may_block() })));
        let refused = std::panic::catch_unwind(|| {
            drive(&rt, async { assert_may_block("a test's work") });
        });
        assert!(
            refused.is_err(),
            "debug builds panic on blocking work on an async thread"
        );
    }

    #[test]
    fn a_panic_in_offloaded_work_comes_back() {
        let rt = runtime();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            rt.block_on(offload(|| panic!("inside")))
        }));
        assert!(r.is_err());
    }
}
