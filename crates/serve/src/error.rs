//! The one error type of the API: every failure becomes `{"error":{"code","message"}}` and a status.
//!
//! Handlers return `Result<_, ApiError>`, so a caller never sees axum's plain-text rejections or an
//! HTML error page from the JSON endpoints. Codes are stable and documented in `openapi.json`.
//! Each error also carries its message in Vietnamese, which the web page shows.

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
    /// What went wrong and how to fix it (English, for the API).
    pub message: String,
    /// The same in Vietnamese, for the web page.
    pub message_vi: String,
}

impl ApiError {
    /// An error with this status, code and message in English and Vietnamese.
    pub fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
        message_vi: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            message_vi: message_vi.into(),
        }
    }

    /// A 400 Bad Request with this code and message.
    pub fn bad_request(
        code: &'static str,
        message: impl Into<String>,
        message_vi: impl Into<String>,
    ) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message, message_vi)
    }

    /// A 404 Not Found with this code and message.
    pub fn not_found(
        code: &'static str,
        message: impl Into<String>,
        message_vi: impl Into<String>,
    ) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, message, message_vi)
    }

    /// A 503 for a request that ran out of time; the client may retry.
    pub fn timeout() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request took too long and was stopped; try a narrower query",
            "Yêu cầu mất quá nhiều thời gian nên đã dừng; hãy thu hẹp từ khóa hoặc thêm bộ lọc.",
        )
    }

    /// A 503 when the server is already doing as many exports as it allows; retry shortly.
    pub fn busy() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "the server is already running as many exports as it allows; retry in a minute",
            "Máy chủ đang xuất nhiều kết quả cùng lúc; hãy thử lại sau một phút.",
        )
    }

    /// A 414 for a request line longer than the server reads.
    pub fn uri_too_long(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the URL is longer than {limit} bytes; shorten the query or use fewer filters"),
            format!("Địa chỉ dài quá {limit} byte; hãy rút ngắn từ khóa hoặc bớt bộ lọc."),
        )
    }

    /// A 431 for request headers larger than the server reads.
    pub fn headers_too_large(bytes: usize, lines: usize) -> ApiError {
        ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            format!("the request headers are over {bytes} bytes or {lines} lines"),
            format!("Phần đầu của yêu cầu vượt quá {bytes} byte hoặc {lines} dòng."),
        )
    }

    /// A 500 for a failure that is ours, not the caller's (logged; the message stays generic).
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        tracing::error!(%detail, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed to answer; the failure was logged",
            "Máy chủ gặp lỗi khi trả lời; lỗi đã được ghi lại.",
        )
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
        let message_vi = match &err {
            SearchError::Query(problem) => problem.vietnamese(),
            SearchError::NotFound(id) => format!("Không có bài viết nào mang mã “{id}”."),
            SearchError::IndexUnavailable { .. } => {
                "Chỉ mục tìm kiếm chưa sẵn sàng; hãy thử lại sau ít phút.".to_string()
            }
            SearchError::TooManyPeriods {
                periods,
                first,
                last,
                interval,
            } => format!(
                "Các kết quả trải dài {periods} {} (từ {first} đến {last}); mỗi biểu đồ xu hướng có tối đa {} mốc: hãy xem theo năm hoặc thu hẹp khoảng ngày.",
                if *interval == "year" {
                    "năm"
                } else {
                    "tháng"
                },
                tracuu_index::search::trends::MAX_PERIODS
            ),
            SearchError::UnknownFilterValue { field, value } => format!(
                "“{value}” không phải là tên {} nào và không bài nào có giá trị này; hãy ghi tên đầy đủ, ví dụ {}.",
                field.kind_vi(),
                field.example_param()
            ),
            SearchError::InvalidQuery(_) | SearchError::InvalidRequest(_) => {
                "Không hiểu yêu cầu tìm kiếm này; hãy kiểm tra từ khóa và bộ lọc.".to_string()
            }
            SearchError::Engine(_) => {
                "Máy chủ gặp lỗi khi tìm kiếm; lỗi đã được ghi lại.".to_string()
            }
        };
        ApiError {
            status,
            code: err.code(),
            message: err.to_string(),
            message_vi,
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
        let err = ApiError::from(SearchError::Query(
            tracuu_index::search::query_parser::QueryProblem::UnknownField {
                name: "tinh".into(),
            },
        ));
        assert_eq!(err.code, "invalid_query");
        assert!(
            err.message
                .starts_with("invalid query: unknown field 'tinh:'"),
            "{}",
            err.message
        );
        assert!(
            err.message_vi.starts_with("Không có bộ lọc “tinh:”"),
            "{}",
            err.message_vi
        );
    }
}
