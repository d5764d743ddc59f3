//! The gate in front of HTTP routes and NATS requests.

use async_nats::Message;
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{MatchedPath, RawPathParams, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use tracing::debug;

use super::{Action, Caller, Denied, Gate};
use crate::AppState;

/// The HTTP front's gate, run after routing so that the route template decides
/// the action: refuses with 401 or 403, or hands the [`Caller`] to the handler as
/// a request extension.
pub(crate) async fn guard(
    State(state): State<AppState>,
    matched: MatchedPath,
    params: Result<RawPathParams, RawPathParamsRejection>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(action) = http_action(request.method(), matched.as_str(), params.ok()) else {
        return next.run(request).await;
    };
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or_default());
    match state.gate.admit(authorization, &action) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(denied) => {
            debug!(
                code = denied.code(),
                route = matched.as_str(),
                "request refused"
            );
            let mut response = crate::http::json(denied.http_status(), denied.to_json());
            if denied.http_status() == 401 {
                let challenge = match denied {
                    Denied::MissingToken => r#"Bearer realm="ladder""#,
                    _ => r#"Bearer realm="ladder", error="invalid_token""#,
                };
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(challenge),
                );
            }
            response
        }
    }
}

/// What a route asks to do; `None` for the routes open to anyone. A route no
/// rule names is for admins, so that a new route is closed until classified.
fn http_action(method: &Method, template: &str, params: Option<RawPathParams>) -> Option<Action> {
    match template {
        "/healthz" | "/readyz" | "/v1/openapi.json" => None,
        "/v1/commands/{name}" => {
            // The decoded name, exactly as the handler will see it.
            let name = params
                .and_then(|p| {
                    p.iter()
                        .find(|(k, _)| *k == "name")
                        .map(|(_, v)| v.to_owned())
                })
                .unwrap_or_default();
            Some(Action::Command(name))
        }
        "/v1/xapi/statements" => Some(Action::Statements),
        t if t.starts_with("/v1/audit/") => Some(Action::Audit),
        t if t.starts_with("/v1/admin/") => Some(Action::Administer),
        t if method == Method::GET && t.starts_with("/v1/") => Some(Action::Read),
        _ => Some(Action::Administer),
    }
}

/// The NATS front's gate: the same rules, with the token in the request
/// message's `Authorization` header.
pub(crate) fn admit_message(
    gate: &Gate,
    message: &Message,
    action: &Action,
) -> Result<Caller, Denied> {
    // NATS header names are case-sensitive; accept any spelling, as HTTP does.
    let authorization = message.headers.as_ref().and_then(|headers| {
        headers
            .iter()
            .find(|(name, _)| AsRef::<str>::as_ref(*name).eq_ignore_ascii_case("authorization"))
            .and_then(|(_, values)| values.first())
            .map(async_nats::HeaderValue::as_str)
    });
    gate.admit(authorization, action)
}
