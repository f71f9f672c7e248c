//! mprofile web portal and JSON API: server-rendered pages in English, French and Portuguese for
//! slow connections, downloads, and a documented JSON API over the store.
//!
//! Invariant: pages and API only read; every figure shown comes from the store through the same
//! profile model the published documents use (`mp-service`).

#![warn(missing_docs)]

pub mod api;
pub mod http;
pub mod mail;
pub mod pages;
pub mod server;
pub mod state;

pub use state::{AppState, Rasteriser};

use axum::Router;
use axum::http::{HeaderValue, header};
use std::net::SocketAddr;
use tower_http::set_header::SetResponseHeaderLayer;

/// The browser may load nothing but the page itself: pages carry their CSS and SVG inline and
/// have no script, so an injected `<script>` or a remote image would not run or load even if a
/// narrative ever let one through. Forms submit only here; no one may frame the portal.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Every route of the portal and the API, with the security headers on every answer.
pub fn router(state: AppState) -> Router {
    app(state, pages::routes())
}

fn app(state: AppState, pages: Router<AppState>) -> Router {
    let set = |name, value: &'static str| SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value));
    Router::new()
        .merge(api::routes(&state))
        .merge(pages)
        .with_state(state)
        .layer(set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "listening");
    // The documents are built from the start, so the first reader does not wait for them all.
    let pages = pages::routes_with(pages::Cache::warming(&state));
    // One structured log line per request (method, path, status, latency) at info level.
    let logged = app(state, pages).layer(
        tower_http::trace::TraceLayer::new_for_http()
            .make_span_with(tower_http::trace::DefaultMakeSpan::new().level(tracing::Level::INFO))
            .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO)),
    );
    server::run(listener, logged, server::ServerLimits::default(), shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
