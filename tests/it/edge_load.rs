//! The HTTP edge under load, against the real daemon on loopback: hundreds of stalled and slow
//! connections from other 127.x source addresses beside the service's own requests, and a
//! regenerate refused for a full job queue that leaves its idempotency key free for the retry.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use crate::edge::{client_from, rt, Daemon, API_TOKEN};
use crate::support::*;

/// A raw connection from `from` that sends `bytes` and then nothing.
fn stalled(to: SocketAddr, from: &str, bytes: &[u8]) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket
        .bind(SocketAddr::new(from.parse().unwrap(), 0))
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let s = rt.block_on(socket.connect(to)).unwrap().into_std().unwrap();
    s.set_nonblocking(false).unwrap();
    let mut s = s;
    s.write_all(bytes).unwrap();
    s
}

#[test]
fn stalled_and_slow_clients_do_not_starve_the_service() {
    // Regression: 32 login bodies sent slowly made /health take 29 s, 96 stalled connections
    // made authenticated requests fail, and a connection that never finished its headers stayed
    // open past 60 s.
    let mut d = Daemon::new("");
    d.start();
    let addr = d.addr();
    let mut held = Vec::new();
    for i in 0..200 {
        held.push(stalled(
            addr,
            &format!("127.0.3.{}", i % 250 + 1),
            b"GET /health HTTP/1.1\r\nHost: x\r\n",
        ));
    }
    let body_start = format!(
        "POST /console/login HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://127.0.0.1:{}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\ntoken=slo",
        d.port, d.port
    );
    let mut slow = Vec::new();
    for i in 0..32 {
        slow.push(stalled(
            addr,
            &format!("127.0.4.{}", i + 1),
            body_start.as_bytes(),
        ));
    }
    // Once the daemon has read every byte the 232 connections sent (the kernel's receive
    // queues of its end are empty), it is holding them all.
    wait_for("the daemon to read the stalled connections", 30, || {
        let (open, unread) = server_connections(d.port);
        open >= 232 && unread == 0
    });
    rt().block_on(async {
        let c = client_from("127.0.0.1");
        let t = Instant::now();
        let r = c.get(d.url("/health")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let health = t.elapsed();
        assert!(
            health < Duration::from_secs(1),
            "/health took {health:?} beside 232 stalled connections"
        );
        let r = c
            .get(d.url("/runs"))
            .bearer_auth(API_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "an authenticated request beside them");
    });
    // The server closes a connection whose headers never end, and answers a body that never
    // arrives with 408, within its time-outs (10 s each).
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut s = held.pop().unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut buf = [0u8; 512];
    let n = s.read(&mut buf).unwrap_or(0);
    assert!(Instant::now() < deadline);
    assert!(
        n == 0 || String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 408"),
        "{:?}",
        String::from_utf8_lossy(&buf[..n])
    );
    let mut s = slow.pop().unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(
        Instant::now() < deadline,
        "the slow body was not cut off in time"
    );
    // The unit that runs the service allows enough open files for the connection limit.
    let unit = std::fs::read_to_string(root().join("docs/woonmonitor.service")).unwrap();
    let nofile: usize = unit
        .lines()
        .find_map(|l| l.strip_prefix("LimitNOFILE="))
        .expect("LimitNOFILE in the unit")
        .trim()
        .parse()
        .unwrap();
    assert!(nofile >= 2 * 512, "LimitNOFILE={nofile}");
}

#[test]
fn a_regenerate_refused_for_a_full_queue_leaves_its_idempotency_key_free() {
    // Regression: a regenerate refused with 429 was stored as a failed job under its key, so
    // the client that retried after Retry-After got the failed job back, never its reports.
    let mut d = Daemon::new("");
    d.start();
    rt().block_on(async {
        let c = client_from("127.0.0.1");
        let post = |key: String| {
            c.post(d.url("/regenerate"))
                .bearer_auth(API_TOKEN)
                .header("Idempotency-Key", key)
                .json(&serde_json::json!({ "period": "2026-09", "region": true }))
                .send()
        };
        let mut refused = None;
        for i in 0..40 {
            let r = post(format!("k-{i}")).await.unwrap();
            if r.status() == 429 {
                assert!(r.headers().contains_key("retry-after"));
                refused = Some(format!("k-{i}"));
                break;
            }
            let status = r.status();
            assert_eq!(status, 202, "{}", r.text().await.unwrap());
        }
        let key = refused.expect("the queue (16 places) filled up");
        let left: i64 = d
            .db()
            .query_row(
                "SELECT count(*) FROM jobs WHERE idempotency_key = ?1",
                [&key],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "a refused request leaves no job behind");
        // Retrying as told: accepted once there is room, and it runs.
        let deadline = Instant::now() + Duration::from_secs(300);
        let job = loop {
            let r = post(key.clone()).await.unwrap();
            if r.status() == 202 {
                break r.json::<serde_json::Value>().await.unwrap();
            }
            assert_eq!(r.status(), 429);
            assert!(Instant::now() < deadline, "the queue never emptied");
            tokio::time::sleep(Duration::from_millis(500)).await;
        };
        assert_ne!(job["status"], "failed", "{job}");
        let id = job["id"].as_i64().unwrap();
        let done = loop {
            let j: serde_json::Value = c
                .get(d.url(&format!("/jobs/{id}")))
                .bearer_auth(API_TOKEN)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if j["status"] == "succeeded" || j["status"] == "failed" {
                break j;
            }
            assert!(Instant::now() < deadline, "job {id} never finished");
            tokio::time::sleep(Duration::from_millis(500)).await;
        };
        assert_eq!(done["status"], "succeeded", "{done}");
    });
}
