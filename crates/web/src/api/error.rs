//! The API's one error shape, `{"error": {"status": 400, "message": "…"}}`, for every failure:
//! a client that parses one error parses them all.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// A failed API request: the status and a message that names what was wrong and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status (4xx for the client's mistakes, 503 when the store cannot answer).
    pub status: StatusCode,
    /// What went wrong, for the person writing the client.
    pub message: String,
}

impl ApiError {
    /// An error with any status.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into() }
    }

    /// 400: a parameter is malformed or out of range.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    /// 404: a well-formed code names nothing that exists.
    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into() }
    }

    /// 503: the store failed; the full error goes to the log, not to the client, because it
    /// names the database's location.
    pub fn store(err: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %err, "API request failed in the store");
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "the data store could not answer this request; try again in a moment (the server log has the details)".into(),
        }
    }

    /// 500: a fault of the server itself (never a client's mistake, never the store's); logged.
    pub fn internal(err: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %err, "API request failed");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "the server could not answer this request; the error has been logged".into(),
        }
    }
}

impl From<mp_store::StoreError> for ApiError {
    fn from(e: mp_store::StoreError) -> Self {
        ApiError::store(&e)
    }
}

/// The shared helpers' errors: their 500s come from the store (the cause is already logged), so
/// the API answers 503 as for any store failure.
impl From<crate::http::HttpError> for ApiError {
    fn from(e: crate::http::HttpError) -> Self {
        if e.status().is_server_error() { ApiError::store(&e) } else { ApiError::new(e.status(), e.message()) }
    }
}

/// Every failure has this shape.
#[derive(Serialize, ToSchema)]
#[schema(as = Error)]
pub(super) struct Body<'a> {
    /// What went wrong.
    error: Inner<'a>,
}

/// The status and message of a failure.
#[derive(Serialize, ToSchema)]
#[schema(as = ErrorDetail)]
pub(super) struct Inner<'a> {
    /// The HTTP status, repeated.
    status: u16,
    /// What was wrong: names the parameter, the value given and what was expected.
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, Json(Body { error: Inner { status: self.status.as_u16(), message: &self.message } })).into_response();
        let h = res.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            h.insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        }
        res
    }
}

/// What API handlers return.
pub type ApiResult<T> = Result<T, ApiError>;
