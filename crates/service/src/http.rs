//! The HTTP front: the same commands and queries as NATS, plus health and admin.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Extension, MatchedPath, Path, State};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::trace::TraceLayer;
use tracing::{Span, error, info_span, warn};

use crate::AppState;
use crate::auth::Caller;
use crate::query::{self, QueryContext};
use crate::query_string::Params;
use crate::rebuild::rebuild_online;
use crate::reply::{error_body, json_bytes};

/// The HTTP routes.
pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/v1/commands/{name}", post(command))
        .route("/v1/ergs/{id}", get(|s, c, p, q| by_id(s, c, "erg", p, q)))
        .route(
            "/v1/budgets/{id}",
            get(|s, c, p, q| by_id(s, c, "budget", p, q)),
        )
        .route(
            "/v1/projects/{id}",
            get(|s, c, p, q| by_id(s, c, "project", p, q)),
        )
        .route(
            "/v1/employees/{id}/evidence",
            get(|s, c, p, q| by_id(s, c, "evidence", p, q)),
        )
        .route(
            "/v1/mentorships/{id}",
            get(|s, c, p, q| by_id(s, c, "mentorship", p, q)),
        )
        .route(
            "/v1/employees/{id}/competencies",
            get(|s, c, p, q| by_id(s, c, "competencies", p, q)),
        )
        .route(
            "/v1/employees/{id}/competencies/{competency}/explain",
            get(explain),
        )
        .route(
            "/v1/positions/{id}/candidates",
            get(|s, c, p, q| by_id(s, c, "candidates", p, q)),
        )
        .route("/v1/talent", get(|s, c, q| fixed(s, c, "talent", q)))
        .route(
            "/v1/bench-strength",
            get(|s, c, q| fixed(s, c, "bench-strength", q)),
        )
        .route(
            "/v1/employees/{id}/mentor-suggestions",
            get(|s, c, p, q| by_id(s, c, "mentor-suggestions", p, q)),
        )
        .route(
            "/v1/employees/{id}/recommendations",
            get(|s, c, p, q| by_id(s, c, "recommendations", p, q)),
        )
        .route(
            "/v1/metrics/programme",
            get(|s, c, q| fixed(s, c, "metrics", q)),
        )
        .route("/v1/xapi/statements", post(xapi_statements))
        .route("/v1/queries/{name}", get(by_name))
        .route("/v1/admin/rebuild", post(rebuild))
        .route("/v1/audit/events", get(audit_events))
        .route("/v1/openapi.json", get(crate::openapi::document))
        // Keep this after every route: the gate covers the routes added before it.
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::auth::guard,
        ))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(crate::json_errors::rewrite))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<Body>| {
                    let route = req
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
                    info_span!("http", method = %req.method(), route = %route)
                })
                .on_failure(log_failure),
        )
        .with_state(state)
}

/// Logs an answer that failed. A 503 tells the caller to retry: NATS was unreachable,
/// or the read models had not reached the `min_seq` the caller waited for. That is a
/// degraded moment or the caller's own timeout, not a fault an operator must act on,
/// so it is a warning; any other failure is an error.
fn log_failure(class: ServerErrorsFailureClass, latency: std::time::Duration, _span: &Span) {
    let latency_ms = latency.as_millis();
    match class {
        ServerErrorsFailureClass::StatusCode(code) if code == StatusCode::SERVICE_UNAVAILABLE => {
            warn!(
                status = code.as_u16(),
                latency_ms, "response unavailable; the caller may retry"
            );
        }
        class => error!(classification = %class, latency_ms, "response failed"),
    }
}

/// A JSON response with the given status.
pub(crate) fn json(status: u16, body: Vec<u8>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

async fn healthz() -> Response {
    json(200, br#"{"status":"ok"}"#.to_vec())
}

/// `GET /readyz`: 200 once the read models caught up with the stream, else 503.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Readiness {
    /// Whether the read models reached the stream's end since start.
    ready: bool,
    /// Whether the NATS connection is up.
    nats_connected: bool,
    /// Last stream sequence applied to the read models.
    applied_seq: u64,
    /// The stream's last sequence; absent when NATS cannot be asked.
    stream_last_seq: Option<u64>,
    /// How far the read models are behind.
    lag: Option<u64>,
    /// The stream's last sequence when the projector started.
    startup_target_seq: u64,
    /// Messages the read models refused to apply.
    quarantined: u64,
}

async fn readyz(State(state): State<AppState>) -> Response {
    let status = state.models.status();
    // The models' own count covers every process and rebuild that wrote them; this
    // process's count is only a fallback if the table cannot be read.
    let quarantined = match state.models.current().quarantine_count() {
        Ok(count) => count,
        Err(err) => {
            tracing::warn!(error = %crate::error_chain(&err), "cannot count quarantined messages");
            status.quarantined
        }
    };
    let stream_last_seq = state.handler.log().last_sequence().await.ok();
    let nats_connected = state.handler.log().is_connected();
    let body = Readiness {
        // A node cut off from NATS still answers queries, but every command it takes
        // fails with 503, so a load balancer should send traffic elsewhere.
        ready: status.caught_up && nats_connected,
        nats_connected,
        applied_seq: status.applied_seq,
        lag: stream_last_seq.map(|last| last.saturating_sub(status.applied_seq)),
        stream_last_seq,
        startup_target_seq: status.startup_target_seq,
        quarantined,
    };
    json(if body.ready { 200 } else { 503 }, json_bytes(&body))
}

async fn command(State(state): State<AppState>, Path(name): Path<String>, body: Bytes) -> Response {
    let reply = state.handler.handle(&name, &body).await;
    json(reply.http_status(), reply.to_json())
}

async fn by_id(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    name: &'static str,
    Path(id): Path<String>,
    params: Params,
) -> Response {
    let params = match params.with_path("id", id) {
        Ok(Params(params)) => params,
        Err(err) => return respond(Err(err)),
    };
    let context = context_for(&state, caller);
    respond(query::answer(&state.models, &context, name, &params).await)
}

/// A query with a route of its own and no id in the path.
async fn fixed(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    name: &'static str,
    Params(params): Params,
) -> Response {
    let context = context_for(&state, caller);
    respond(query::answer(&state.models, &context, name, &params).await)
}

/// The query context answering for `caller`.
pub(crate) fn context_for(state: &AppState, caller: Caller) -> QueryContext {
    state.query.seen_by(caller.role.audience())
}

async fn explain(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, competency)): Path<(String, String)>,
    params: Params,
) -> Response {
    let params = match params
        .with_path("id", id)
        .and_then(|p| p.with_path("competency", competency))
    {
        Ok(Params(params)) => params,
        Err(err) => return respond(Err(err)),
    };
    let context = context_for(&state, caller);
    respond(query::answer(&state.models, &context, "explain", &params).await)
}

async fn xapi_statements(State(state): State<AppState>, body: Bytes) -> Response {
    match crate::xapi::ingest(&state, &body).await {
        Ok(reply) => json(reply.http_status(), json_bytes(&reply)),
        Err(message) => json(400, error_body("invalid", "invalid-body", &message)),
    }
}

async fn by_name(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(name): Path<String>,
    Params(params): Params,
) -> Response {
    let context = context_for(&state, caller);
    respond(query::answer(&state.models, &context, &name, &params).await)
}

fn respond(result: Result<Vec<u8>, query::QueryError>) -> Response {
    match result {
        Ok(body) => json(200, body),
        Err(err) => json(err.http_status(), err.to_json()),
    }
}

async fn rebuild(State(state): State<AppState>) -> Response {
    match rebuild_online(state.handler.log(), &state.models, &state.data_dir).await {
        Ok(report) => json(200, json_bytes(&report)),
        Err(err @ crate::ServiceError::RebuildRunning) => json(
            409,
            error_body("conflict", "rebuild-running", &err.to_string()),
        ),
        Err(err) => {
            let message = crate::error_chain(&err);
            json(500, error_body("error", "rebuild-failed", &message))
        }
    }
}

/// `GET /v1/audit/events?employee=&erg=&from=&to=&format=json|jsonl&after_seq=&limit=`:
/// one page of the audit log, walked from the stream (not the read models) on every
/// request; a full page names the next one in `Ladder-Next-After-Seq`.
async fn audit_events(State(state): State<AppState>, Params(params): Params) -> Response {
    let invalid = |field: &str, message: String| {
        let err = query::QueryError::Invalid {
            field: field.to_owned(),
            message,
        };
        json(err.http_status(), err.to_json())
    };
    if let Err(err) = query::refuse_unknown("the audit log", &AUDIT_PARAMETERS, &params) {
        return json(err.http_status(), err.to_json());
    }
    let filter = match ladder_audit::events::Filter::from_params(&params) {
        Ok(filter) => filter,
        Err(err) => return invalid(&err.field, err.to_string()),
    };
    let lines = match params.get("format").map(String::as_str) {
        None | Some("json") => false,
        Some("jsonl") => true,
        Some(other) => {
            return invalid("format", format!("format `{other}` is not json or jsonl"));
        }
    };
    let page = match audit_page(&params) {
        Ok(page) => page,
        Err((field, message)) => return invalid(field, message),
    };
    let walked =
        ladder_audit::events::walk_page(state.handler.log(), filter, page, Vec::new(), &mut |_| {})
            .await;
    let next = |response: &mut Response, summary: &ladder_audit::events::LogSummary| {
        if let Some(next) = summary.next_after_seq {
            response
                .headers_mut()
                .insert(NEXT_AFTER_SEQ, HeaderValue::from(next));
        }
    };
    match walked {
        Ok((events, summary)) if lines => {
            let mut body = Vec::new();
            for event in &events {
                body.extend(json_bytes(event));
                body.push(b'\n');
            }
            let mut response = json(200, body);
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-ndjson"),
            );
            next(&mut response, &summary);
            response
        }
        Ok((events, summary)) => {
            let mut response = json(200, json_bytes(&events));
            next(&mut response, &summary);
            response
        }
        Err(err) => {
            let (status, kind, code) = match &err {
                ladder_audit::AuditError::Log(e) if e.is_unavailable() => {
                    (503, "unavailable", "unavailable")
                }
                ladder_audit::AuditError::Read { .. } => (503, "unavailable", "unavailable"),
                _ => (500, "error", "internal-error"),
            };
            let message = crate::error_chain(&err);
            json(status, error_body(kind, code, &message))
        }
    }
}

/// The parameters of `GET /v1/audit/events`, sorted.
const AUDIT_PARAMETERS: [&str; 7] = [
    "after_seq",
    "employee",
    "erg",
    "format",
    "from",
    "limit",
    "to",
];

/// Response header of an audit page that filled up: the `after_seq` of the next page.
pub(crate) const NEXT_AFTER_SEQ: &str = "ladder-next-after-seq";
/// Events per audit page unless `limit` says otherwise, and the most it may say: the
/// whole page is built in memory.
const AUDIT_PAGE_DEFAULT: u64 = 10_000;
const AUDIT_PAGE_MAX: u64 = 100_000;

/// `after_seq` and `limit` of an audit page.
fn audit_page(
    params: &BTreeMap<String, String>,
) -> Result<ladder_audit::events::Page, (&'static str, String)> {
    let number = |field: &'static str| {
        params
            .get(field)
            .map(|v| {
                v.parse::<u64>()
                    .map_err(|_| (field, format!("`{v}` is not a whole number")))
            })
            .transpose()
    };
    let after_seq = number("after_seq")?.unwrap_or(0);
    let limit = number("limit")?.unwrap_or(AUDIT_PAGE_DEFAULT);
    if !(1..=AUDIT_PAGE_MAX).contains(&limit) {
        return Err((
            "limit",
            format!("{limit} is outside 1..={AUDIT_PAGE_MAX} events per page"),
        ));
    }
    Ok(ladder_audit::events::Page {
        after_seq,
        limit: Some(limit),
    })
}

async fn not_found(req: Request<Body>) -> Response {
    let message = format!("no route for {} {}", req.method(), req.uri().path());
    json(404, error_body("not-found", "no-route", &message))
}

async fn method_not_allowed(req: Request<Body>) -> Response {
    let message = format!("{} is not allowed on {}", req.method(), req.uri().path());
    json(
        405,
        error_body("method-not-allowed", "method-not-allowed", &message),
    )
}
