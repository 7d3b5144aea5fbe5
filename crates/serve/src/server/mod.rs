//! Accepting connections and serving HTTP/1.1 on them, within limits no client can push past.
//!
//! - **Slow or silent clients**: a connection must deliver a complete request head within
//!   [`ConnectionLimits::header_timeout`] of being accepted or of its previous response (hyper's
//!   header-read timer), or it is closed: this bounds slow headers (one byte every 10 s),
//!   connections that never send, and idle keep-alive alike.
//! - **Connection limit**: at most [`ConnectionLimits::max_connections`] are open. At the limit, or
//!   when `accept` fails for lack of file descriptors (`EMFILE`), an idle connection is closed to
//!   make room, those that never sent a whole request first ([`registry`]); if every connection
//!   is busy the server waits, and it never stops accepting because of an accept error.
//! - **Oversized heads**: answered with the JSON error shape ([`head_limit`]).
//! - **Shutdown**: on the stop signal the listener closes, in-flight requests finish, and the
//!   server returns within the grace period.

pub mod head_limit;
pub mod registry;

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

use self::head_limit::HeadLimit;
use self::registry::{BusyGuard, Connection, Registry};

/// Limits on connections, from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Time a connection has to send a complete request head (also the keep-alive idle time).
    pub header_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            max_connections: default_max_connections(),
        }
    }
}

/// File descriptors kept back for the index, logs and the listener itself.
const RESERVED_FDS: u64 = 64;

/// Connections that fit in this process's file descriptor limit, between 16 and 10,000.
pub fn default_max_connections() -> usize {
    #[cfg(unix)]
    let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile)
        .current
        .unwrap_or(u64::MAX);
    #[cfg(not(unix))]
    let limit = 1024u64;
    usize::try_from(limit.saturating_sub(RESERVED_FDS).clamp(16, 10_000)).unwrap_or(1024)
}

/// Serves `app` on `listener` with default limits until `stop` resolves, then drains for at most
/// `grace`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    stop: impl Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> io::Result<()> {
    serve_with(listener, app, stop, grace, ConnectionLimits::default()).await
}

/// As [`serve`], with these connection limits.
pub async fn serve_with(
    listener: TcpListener,
    app: Router,
    stop: impl Future<Output = ()> + Send + 'static,
    grace: Duration,
    limits: ConnectionLimits,
) -> io::Result<()> {
    let registry = Arc::new(Registry::default());
    let (stopping_tx, stopping_rx) = watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    tokio::pin!(stop);
    let mut last_warning: Option<Instant> = None;
    loop {
        // At the limit: make room by closing an idle connection, or wait for one.
        while registry.len() >= limits.max_connections.max(1) && !registry.evict_idle() {
            tokio::select! {
                () = &mut stop => return drain(tasks, stopping_tx, grace).await,
                () = tokio::time::sleep(Duration::from_millis(20)) => {}
            }
        }
        let accepted = tokio::select! {
            () = &mut stop => return drain(tasks, stopping_tx, grace).await,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) => {
                let (id, conn) = registry.open();
                let registry = registry.clone();
                let app = app.clone();
                let stopping = stopping_rx.clone();
                tasks.spawn(async move {
                    serve_connection(stream, app, conn, limits, stopping).await;
                    registry.close(id);
                });
                // Reap finished tasks so the set does not grow with every connection ever made.
                while tasks.try_join_next().is_some() {}
            }
            Err(err) if is_per_connection(&err) => {}
            Err(err) => {
                // EMFILE, ENFILE, ENOBUFS…: free a descriptor if we can, back off, go on.
                let freed = registry.evict_idle();
                if last_warning.is_none_or(|at| at.elapsed() > Duration::from_secs(5)) {
                    tracing::warn!(%err, open = registry.len(), freed, "accept failed; backing off and going on");
                    last_warning = Some(Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(if freed { 1 } else { 50 })).await;
            }
        }
    }
}

/// Errors of one incoming connection that say nothing about the listener.
fn is_per_connection(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
    )
}

/// Stops accepting, asks every connection to finish, and waits at most `grace` for them.
async fn drain(
    mut tasks: tokio::task::JoinSet<()>,
    stopping: watch::Sender<bool>,
    grace: Duration,
) -> io::Result<()> {
    tracing::info!(
        open = tasks.len(),
        "stopped accepting; finishing requests in flight"
    );
    let _ = stopping.send(true);
    let all_done = async { while tasks.join_next().await.is_some() {} };
    if tokio::time::timeout(grace, all_done).await.is_err() {
        tracing::warn!(
            ?grace,
            "requests still running after the grace period; stopping anyway"
        );
        tasks.abort_all();
    }
    Ok(())
}

/// One connection, until it ends, is closed to make room, or the server stops.
async fn serve_connection(
    stream: TcpStream,
    app: Router,
    conn: Arc<Connection>,
    limits: ConnectionLimits,
    mut stopping: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(HeadLimit::new(stream));
    let tracked = conn.clone();
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let guard = tracked.busy();
        let app = app.clone();
        async move {
            let response = app.oneshot(request.map(Body::new)).await?;
            Ok::<Response, Infallible>(response.map(|body| {
                Body::new(Guarded {
                    body,
                    _guard: guard,
                })
            }))
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_headers(head_limit::HYPER_MAX_HEADERS)
        .keep_alive(true);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    tokio::select! {
        result = connection.as_mut() => {
            if let Err(err) = result {
                tracing::debug!(%err, "connection ended with an error");
            }
        }
        () = conn.evicted.notified() => {
            tracing::debug!("closed an idle connection to make room");
        }
        () = stopped(&mut stopping) => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// Resolves when the server stops (or its sender is gone).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let done = stopping.wait_for(|s| *s).await.is_ok();
    if !done {
        std::future::pending::<()>().await;
    }
}

/// A response body that keeps its connection marked busy until it is sent (or dropped).
struct Guarded {
    body: Body,
    _guard: BusyGuard,
}

impl http_body::Body for Guarded {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::pin::Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}
