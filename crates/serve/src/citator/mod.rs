//! The citator over HTTP: `/api/documents/{ref}` (JSON) and `/feeds/documents/{ref}` (Atom), and
//! the parameters and engine call they share with the page `/documents/{ref}`.
//!
//! `{ref}` is a document number in any spelling the index reads (`36-NQ/TW`, `15/2020/nd-cp`);
//! its slashes may be written as they are (`/documents/36-NQ/TW`) or as `%2F`. A text that is no
//! document number, and a number no article cites, are both a 404: there is no such page.

pub mod feed;

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use serde::Serialize;
use tracuu_index::citator::{CitatorReport, CitatorRequest};
use tracuu_index::enrich::{CitedDocument, parse_document_number};

use crate::error::ApiError;
use crate::params::{Rows, check_paging, decode_pairs, parse_count};
use crate::state::AppState;

/// Citing articles per page when the caller does not say.
pub const DEFAULT_PER_PAGE: usize = 20;
/// The longest `{ref}` read, in characters (document numbers are far shorter).
pub const MAX_REF_CHARS: usize = 200;

/// The page of citing articles asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CitatorParams {
    /// 1-based page number.
    pub page: usize,
    /// Citing articles per page.
    pub per_page: usize,
}

impl Default for CitatorParams {
    fn default() -> Self {
        CitatorParams {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl CitatorParams {
    /// Reads `page` and `per_page` (empty values mean absent); anything else is refused.
    pub fn parse(raw: Option<&str>) -> Result<CitatorParams, ApiError> {
        let mut params = CitatorParams::default();
        let mut seen: Vec<String> = Vec::new();
        for (name, value) in decode_pairs(raw.unwrap_or(""))? {
            if seen.contains(&name) {
                return Err(ApiError::bad_request(
                    "invalid_parameter",
                    format!("'{name}' is given more than once"),
                    format!("Tham số “{name}” xuất hiện nhiều lần."),
                ));
            }
            match name.as_str() {
                "page" | "per_page" if value.is_empty() => {}
                "page" => params.page = parse_count("page", &value)?,
                "per_page" => params.per_page = parse_count("per_page", &value)?,
                _ => {
                    return Err(ApiError::bad_request(
                        "unknown_parameter",
                        format!(
                            "unknown parameter '{name}': a document page takes page and per_page"
                        ),
                        format!(
                            "Không có tham số “{name}”; trang văn bản chỉ nhận page và per_page."
                        ),
                    ));
                }
            }
            seen.push(name);
        }
        check_paging(
            params.page,
            params.per_page,
            &Rows {
                en: "articles",
                en_one: "article",
                vi: "bài",
                deeper_en: "",
                deeper_vi: "",
            },
        )?;
        Ok(params)
    }

    /// The engine request for this page of `number`.
    pub fn request(&self, number: &str) -> CitatorRequest {
        CitatorRequest {
            offset: (self.page - 1) * self.per_page,
            limit: self.per_page,
            ..CitatorRequest::new(number)
        }
    }
}

/// The body of `/api/documents/{ref}`: the citator's report and the page asked for.
#[derive(Debug, Serialize)]
pub struct DocumentBody {
    /// 1-based page number.
    pub page: usize,
    /// Citing articles per page.
    pub per_page: usize,
    /// The document, its counts and this page of citing articles.
    #[serde(flatten)]
    pub report: CitatorReport,
}

/// The document `{ref}` names, or the 404 that says it names none.
pub fn document_of(reference: &str) -> Result<CitedDocument, ApiError> {
    let parsed = (reference.chars().count() <= MAX_REF_CHARS)
        .then(|| parse_document_number(reference))
        .flatten();
    parsed.ok_or_else(|| {
        let shown: String = reference.chars().take(60).collect();
        ApiError::not_found(
            "not_a_document_number",
            format!(
                "'{shown}' is not a document number; write one as 36-NQ/TW, 15/2020/NĐ-CP or 1234/QĐ-UBND"
            ),
            format!(
                "“{shown}” không phải là số, ký hiệu văn bản; hãy viết như 36-NQ/TW, 15/2020/NĐ-CP hoặc 1234/QĐ-UBND."
            ),
        )
    })
}

/// The 404 for a number no article cites.
pub fn not_cited(number: &str) -> ApiError {
    ApiError::not_found(
        "not_cited",
        format!("no article cites {number}"),
        format!("Chưa có bài viết nào trích dẫn văn bản {number}."),
    )
}

/// Runs the citator on the blocking pool (it reads the index like a search).
pub async fn run_citator(
    state: &AppState,
    request: CitatorRequest,
) -> Result<CitatorReport, ApiError> {
    let index = state.index.clone();
    tokio::task::spawn_blocking(move || index.citator(&request))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}

/// `GET /api/documents/{ref}`.
pub async fn document(
    State(state): State<AppState>,
    reference: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Json<DocumentBody>, ApiError> {
    let Path(reference) = reference.map_err(path_error)?;
    let document = document_of(&reference)?;
    let params = CitatorParams::parse(raw.as_deref())?;
    let report = run_citator(&state, params.request(&document.number)).await?;
    if report.citing == 0 {
        return Err(not_cited(&document.number));
    }
    Ok(Json(DocumentBody {
        page: params.page,
        per_page: params.per_page,
        report,
    }))
}

/// Turns axum's path rejection (invalid UTF-8 once decoded) into the JSON error shape.
pub fn path_error(rejection: PathRejection) -> ApiError {
    ApiError::bad_request(
        "invalid_path",
        format!("the document number in the path is invalid: {rejection}"),
        "Số văn bản trong địa chỉ không hợp lệ.",
    )
}

/// The page of a document: `/documents/36-NQ/TW`, the number's slashes kept, the rest of it
/// percent-encoded (`/documents/15/2020/N%C4%90-CP`).
pub fn document_url(number: &str) -> String {
    format!("/documents/{}", path_of(number))
}

/// The Atom feed of a document's new citing articles.
pub fn feed_url(number: &str) -> String {
    format!("/feeds/documents/{}", path_of(number))
}

fn path_of(number: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(number, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_the_numbers_slashes() {
        assert_eq!(document_url("36-NQ/TW"), "/documents/36-NQ/TW");
        assert_eq!(
            document_url("15/2020/NĐ-CP"),
            "/documents/15/2020/N%C4%90-CP"
        );
        assert_eq!(feed_url("36-NQ/TW"), "/feeds/documents/36-NQ/TW");
    }

    #[test]
    fn paging_is_checked_as_the_search_checks_it() {
        assert_eq!(CitatorParams::parse(None), Ok(CitatorParams::default()));
        assert_eq!(
            CitatorParams::parse(Some("page=2&per_page=5")).map(|p| p.request("36-NQ/TW").offset),
            Ok(5)
        );
        assert_eq!(
            CitatorParams::parse(Some("page=&per_page=")),
            Ok(CitatorParams::default())
        );
        for (raw, code) in [
            ("per_page=101", "per_page_too_large"),
            ("page=0", "invalid_parameter"),
            ("page=1000&per_page=100", "page_too_deep"),
            ("q=x", "unknown_parameter"),
            ("page=1&page=2", "invalid_parameter"),
        ] {
            assert_eq!(
                CitatorParams::parse(Some(raw)).map_err(|e| e.code),
                Err(code),
                "{raw}"
            );
        }
    }

    #[test]
    fn only_a_document_number_names_a_document() {
        assert_eq!(
            document_of("36-nq/tw").map(|d| d.number),
            Ok("36-NQ/TW".to_string())
        );
        assert_eq!(
            document_of("khong-co").map_err(|e| e.code),
            Err("not_a_document_number")
        );
        assert_eq!(
            document_of(&"1".repeat(500)).map_err(|e| e.code),
            Err("not_a_document_number")
        );
    }
}
