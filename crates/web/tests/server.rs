//! The server against slow and greedy clients, on loopback: half-open connections neither block
//! other clients nor stay open past the header timeout, idle keep-alive connections are closed,
//! and the connection cap holds. Bounded: the whole file runs in a few seconds.

use axum::Router;
use axum::routing::get;
use mp_web::server::{ServerLimits, run};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn start(limits: ServerLimits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().route("/healthz", get(|| async { "ok" }));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        run(listener, app, limits, async move {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    (addr, tx)
}

/// One `GET /healthz`, answered within `within`; returns the status line.
async fn healthz(addr: SocketAddr, within: Duration) -> String {
    let t = Instant::now();
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut buf = Vec::new();
    tokio::time::timeout(within, s.read_to_end(&mut buf)).await.expect("healthz answered in time").unwrap();
    assert!(t.elapsed() < within, "{:?}", t.elapsed());
    String::from_utf8_lossy(&buf).lines().next().unwrap_or("").to_string()
}

/// Whether the server closes the connection within `within` (EOF or reset on read).
async fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, s.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
        }
    }
}

fn limits() -> ServerLimits {
    ServerLimits { header_read_timeout: Duration::from_millis(800), max_connections: 64, ..ServerLimits::default() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_open_connections_neither_block_nor_linger() {
    let (addr, _stop) = start(limits()).await;
    let mut slow = Vec::new();
    for _ in 0..48 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: slow\r\n").await.unwrap();
        slow.push(s);
    }
    assert_eq!(healthz(addr, Duration::from_millis(500)).await, "HTTP/1.1 200 OK");
    for s in &mut slow {
        assert!(closed_within(s, Duration::from_secs(3)).await, "a half-open connection outlived the header timeout");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_keep_alive_connections_are_closed() {
    let (addr, _stop) = start(limits()).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: idle\r\n\r\n").await.unwrap();
    let mut buf = [0u8; 1024];
    let n = tokio::time::timeout(Duration::from_secs(2), s.read(&mut buf)).await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let t = Instant::now();
    assert!(closed_within(&mut s, Duration::from_secs(3)).await, "an idle keep-alive connection was held");
    assert!(t.elapsed() >= Duration::from_millis(500), "closed too early: {:?}", t.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_connection_cap_holds_and_frees() {
    let cap = ServerLimits { max_connections: 8, ..limits() };
    let (addr, _stop) = start(cap).await;
    let mut slow = Vec::new();
    for _ in 0..8 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\n").await.unwrap();
        slow.push(s);
    }
    // At the cap, the next client waits for a slot: the half-open ones time out and free theirs.
    let t = Instant::now();
    assert_eq!(healthz(addr, Duration::from_secs(4)).await, "HTTP/1.1 200 OK");
    assert!(t.elapsed() >= Duration::from_millis(300), "answered at once although every slot was taken: {:?}", t.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_headers_are_refused() {
    let (addr, _stop) = start(ServerLimits { max_header_bytes: 8192, ..limits() }).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let big = format!("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Junk: {}\r\n\r\n", "a".repeat(64 * 1024));
    let _ = s.write_all(big.as_bytes()).await;
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(3), s.read_to_end(&mut buf)).await;
    let text = String::from_utf8_lossy(&buf);
    assert!(!text.starts_with("HTTP/1.1 200"), "{text}");
}
