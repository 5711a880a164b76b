//! Blocking work stays off the async threads: only `src/threads.rs` hands work to the blocking
//! pool (so every offloaded closure runs with the flag that lets it block), nothing blocks a
//! runtime thread in place, and a store connection is not `Send` (so no future that holds one
//! across an `.await` can be an HTTP handler or offloaded work). The runtime side of the same
//! rule, `threads::assert_may_block`, panics in the tests that drive the daemon.

use super::source::{crate_sources, skeleton};

#[test]
fn only_threads_rs_hands_work_to_the_blocking_pool() {
    let mut found = Vec::new();
    for s in crate_sources() {
        if s.rel == std::path::Path::new("threads.rs") {
            continue;
        }
        let code = skeleton(&s.code);
        for (i, line) in code.lines().enumerate() {
            for needle in ["spawn_blocking", "block_in_place", ".block_on("] {
                // The command line's own runtime blocks its main thread: it drives no one else.
                let cli = s.rel.starts_with("cli") || s.rel.starts_with("tools");
                if line.contains(needle) && !(cli && needle == ".block_on(") {
                    found.push(format!("{}:{}: {needle}", s.rel.display(), i + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "blocking work handed out past threads::offload:\n{}",
        found.join("\n")
    );
}

/// Whether `T` is `Send`, asked at compile time: the inherent constant exists only when the
/// bound holds, else the trait's `false` is found.
struct Probe<T>(std::marker::PhantomData<T>);
trait NotSend {
    const SEND: bool = false;
}
impl<T> NotSend for Probe<T> {}
impl<T: Send> Probe<T> {
    const SEND: bool = true;
}

#[test]
fn a_pooled_store_connection_is_not_send() {
    assert!(
        std::hint::black_box(Probe::<woonmonitor::store::Store>::SEND),
        "the probe sees Send"
    );
    assert!(
        !std::hint::black_box(Probe::<woonmonitor::store::Pooled>::SEND),
        "a pooled connection must not be Send: a future holding one across an .await would be"
    );
}
