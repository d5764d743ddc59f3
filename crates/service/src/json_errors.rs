//! Error replies that axum writes itself (a query string that does not parse, a
//! path segment that is not UTF-8, a body over the size limit) made JSON with a
//! stable `code`, like every other error reply of Ladder.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::reply::error_body;

/// Most of a plain-text error body kept as the message; axum's are one line.
const MAX_MESSAGE: usize = 4096;

/// Rewrites a non-JSON error reply into `{"status", "code", "message"}`.
pub(crate) async fn rewrite(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let text = axum::body::to_bytes(response.into_body(), MAX_MESSAGE)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let message = match text.trim() {
        "" => status
            .canonical_reason()
            .unwrap_or("request failed")
            .to_lowercase(),
        text => text.to_owned(),
    };
    let (kind, code) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ("invalid", "body-too-large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("invalid", "unsupported-media-type"),
        s if s.is_client_error() => ("invalid", "invalid-request"),
        _ => ("error", "internal-error"),
    };
    crate::http::json(status.as_u16(), error_body(kind, code, &message))
}
