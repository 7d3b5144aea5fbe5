//! Prometheus metrics: request counts and latency histograms by route, and the index size.
//!
//! Built on `prometheus-client` with a registry owned by the server (not a process-global
//! recorder), so two servers in one test process keep separate counts. The route label is the
//! route *pattern* (`/api/articles/{id}`), never the raw path, so the number of series stays small.

use std::sync::atomic::AtomicI64;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::error::ApiError;
use crate::state::AppState;

/// Labels of a request counter.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: String,
}

/// Labels of a latency histogram.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
    method: String,
}

/// The server's metric registry and the handles it updates.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    documents: Gauge<i64, AtomicI64>,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Metrics {
    /// A fresh registry with the `tracuu_http_*` and `tracuu_index_*` metrics.
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        // 0.5 ms … ~16 s: searches are milliseconds, exports of 10,000 hits take seconds.
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 16))
        });
        let documents = Gauge::<i64, AtomicI64>::default();
        registry.register(
            "tracuu_http_requests",
            "HTTP requests answered, by route, method and status",
            requests.clone(),
        );
        registry.register(
            "tracuu_http_request_duration_seconds",
            "Time to produce the response head, by route and method",
            latency.clone(),
        );
        registry.register(
            "tracuu_index_documents",
            "Articles in the index being served",
            documents.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            documents,
        }
    }

    /// Counts one answered request.
    pub fn observe(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.into(),
                method: method.into(),
                status: status.to_string(),
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.into(),
                method: method.into(),
            })
            .observe(seconds);
    }

    /// Renders every metric in the Prometheus/OpenMetrics text format.
    pub fn render(&self, documents: u64) -> Result<String, std::fmt::Error> {
        self.documents
            .set(i64::try_from(documents).unwrap_or(i64::MAX));
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

/// Middleware (as a route layer) that times each routed request and counts it by route pattern.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().as_str().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.observe(
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`.
pub async fn metrics_handler(State(state): State<AppState>) -> Response {
    match state.metrics.render(state.index.num_docs()) {
        Ok(text) => (
            [(
                CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Err(err) => ApiError::internal(err).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_histograms_by_route() {
        let metrics = Metrics::new();
        metrics.observe("/api/search", "GET", 200, 0.003);
        metrics.observe("/api/search", "GET", 200, 0.004);
        metrics.observe("/api/search", "GET", 400, 0.001);
        let text = metrics.render(5).unwrap();
        assert!(
            text.contains(
                r#"tracuu_http_requests_total{route="/api/search",method="GET",status="200"} 2"#
            ),
            "{text}"
        );
        assert!(text.contains(
            r#"tracuu_http_requests_total{route="/api/search",method="GET",status="400"} 1"#
        ));
        assert!(text.contains(
            r#"tracuu_http_request_duration_seconds_count{route="/api/search",method="GET"} 3"#
        ));
        assert!(text.contains("tracuu_index_documents 5"));
    }
}
