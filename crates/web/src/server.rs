//! The HTTP server loop, with the limits a public server needs against slow or greedy clients:
//! a deadline for a request's headers (which also closes idle keep-alive connections), a cap on
//! open connections, a cap on header and body size, and a maximum age per connection.
//!
//! `axum::serve` sets none of these (hyper's header timeout needs a timer it does not give), so
//! a few hundred half-open connections could exhaust the process's file descriptors.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

/// Limits of the server; [`ServerLimits::default`] is what `mprofile serve` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Time a client has to send a request's headers, and the longest an idle keep-alive
    /// connection is kept (default 10 s).
    pub header_read_timeout: Duration,
    /// Open connections at most; further clients wait in the listen queue (default 512).
    pub max_connections: usize,
    /// Largest request headers, in bytes (default 16 KB).
    pub max_header_bytes: usize,
    /// Largest request body the handlers read, in bytes (default 2 MB).
    pub max_body_bytes: usize,
    /// Longest life of one connection, whatever it does (default 5 minutes): a client trickling
    /// a body or reading an answer byte by byte is cut off.
    pub max_connection_age: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            header_read_timeout: Duration::from_secs(10),
            max_connections: 512,
            max_header_bytes: 16 * 1024,
            max_body_bytes: 2 * 1024 * 1024,
            max_connection_age: Duration::from_secs(300),
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes, then lets the
/// connections finish their current request (at most one header timeout plus the request).
pub async fn run(listener: TcpListener, app: Router, limits: ServerLimits, shutdown: impl Future<Output = ()>) -> std::io::Result<()> {
    let app = app.layer(DefaultBodyLimit::max(limits.max_body_bytes));
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // A permit first: at the cap, new clients wait in the kernel's queue instead of
        // taking a file descriptor each.
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    // Out of descriptors or a reset during the handshake: wait a little, go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        // The peer's address goes with each request of the connection (sign-in throttling per address).
        let service = TowerToHyperService::new(tower::ServiceExt::map_request(
            app.clone(),
            move |mut req: axum::http::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
                req
            },
        ));
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .max_buf_size(limits.max_header_bytes.max(8192))
                .keep_alive(true);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            let mut conn = std::pin::pin!(conn);
            let age = tokio::time::sleep(limits.max_connection_age);
            let mut age = std::pin::pin!(age);
            let mut closing = false;
            loop {
                tokio::select! {
                    r = conn.as_mut() => {
                        if let Err(e) = r {
                            tracing::debug!(%peer, error = %e, "connection closed");
                        }
                        break;
                    }
                    _ = stop.changed(), if !closing => {
                        closing = true;
                        conn.as_mut().graceful_shutdown();
                    }
                    () = age.as_mut() => {
                        if closing {
                            break;
                        }
                        closing = true;
                        conn.as_mut().graceful_shutdown();
                        // A client that does not let the answer finish is cut at the next timeout.
                        age.as_mut().reset(tokio::time::Instant::now() + limits.header_read_timeout);
                    }
                }
            }
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection gives its permit back when it ends.
    let all = u32::try_from(limits.max_connections.max(1)).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(limits.header_read_timeout + Duration::from_secs(30), permits.acquire_many(all)).await;
    Ok(())
}
