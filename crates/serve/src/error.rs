//! The one error type of the API: every failure becomes `{"error":{"code","message"}}` and a status.
//!
//! Handlers return `Result<_, ApiError>`, so a caller never sees axum's plain-text rejections or an
//! HTML error page from the JSON endpoints. Codes are stable and documented in `openapi.json`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tracuu_index::search::SearchError;

/// A failed API request: an HTTP status, a stable machine-readable code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status sent.
    pub status: StatusCode,
    /// Stable code, e.g. `unknown_facet`, `invalid_date`, `per_page_too_large`.
    pub code: &'static str,
    /// What went wrong and how to fix it.
    pub message: String,
}

impl ApiError {
    /// A 400 Bad Request with this code and message.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code,
            message: message.into(),
        }
    }

    /// A 404 Not Found with this code and message.
    pub fn not_found(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code,
            message: message.into(),
        }
    }

    /// A 503 for a request that ran out of time; the client may retry.
    pub fn timeout() -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "timeout",
            message: "the request took too long and was stopped; try a narrower query".into(),
        }
    }

    /// A 500 for a failure that is ours, not the caller's (logged; the message stays generic).
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        tracing::error!(%detail, "internal error");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "the server failed to answer; the failure was logged".into(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl From<SearchError> for ApiError {
    fn from(err: SearchError) -> ApiError {
        let status = match &err {
            SearchError::NotFound(_) => StatusCode::NOT_FOUND,
            e if e.is_user_error() => StatusCode::BAD_REQUEST,
            SearchError::IndexUnavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status.is_server_error() {
            tracing::error!(error = %err, "search failed");
        }
        ApiError {
            status,
            code: err.code(),
            message: err.to_string(),
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Detail {
                code: self.code,
                message: &self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_from_the_engine_is_a_404_with_its_code() {
        let err = ApiError::from(SearchError::NotFound("abc".into()));
        assert_eq!(err.status, StatusCode::NOT_FOUND);
        assert_eq!(err.code, "not_found");
        assert!(err.message.contains("abc"));
    }

    #[test]
    fn invalid_query_is_a_400() {
        let err = ApiError::from(SearchError::InvalidQuery("dấu ngoặc kép chưa đóng".into()));
        assert_eq!(err.status, StatusCode::BAD_REQUEST);
        assert_eq!(err.code, "invalid_query");
    }
}
