//! The NATS front: request-reply on `ladder.cmd.<name>` and `ladder.query.<name>`.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_nats::{HeaderMap, Message};
use futures::StreamExt;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::{debug, info, warn};

use crate::AppState;
use crate::auth::{Action, Caller, admit_message};
use crate::error::ServiceError;
use crate::query::{self, QueryError};
use crate::query_string::{Members, unique};

/// Queue group shared by every Ladder node, so each request is handled once.
pub const COMMAND_QUEUE: &str = "ladder-commands";
/// Queue group for queries.
pub const QUERY_QUEUE: &str = "ladder-queries";
/// Header carrying the HTTP-equivalent status of a reply.
pub const STATUS_HEADER: &str = "Ladder-Status";

/// Serves commands and queries until `shutdown` fires, then drains the
/// subscriptions and waits for requests in flight, so that no accepted request
/// goes unanswered.
pub(crate) async fn serve(
    state: AppState,
    shutdown: CancellationToken,
) -> Result<(), ServiceError> {
    let client = state.handler.log().client().clone();
    let subscribe = |subject: &'static str, queue: &'static str| {
        let client = client.clone();
        async move {
            client
                .queue_subscribe(subject, queue.to_owned())
                .await
                .map_err(|source| ServiceError::Subscribe {
                    subject: subject.to_owned(),
                    source,
                })
        }
    };
    let mut commands = subscribe("ladder.cmd.*", COMMAND_QUEUE).await?;
    let mut queries = subscribe("ladder.query.*", QUERY_QUEUE).await?;
    let mut statements = subscribe(XAPI_SUBJECT, COMMAND_QUEUE).await?;
    info!("serving commands on ladder.cmd.*, queries on ladder.query.*, xAPI on {XAPI_SUBJECT}");
    let tracker = TaskTracker::new();
    // Bounds the work in flight so a burst cannot exhaust memory.
    let permits = Arc::new(Semaphore::new(512));
    loop {
        let (message, kind) = tokio::select! {
            () = shutdown.cancelled() => break,
            Some(m) = commands.next() => (m, Kind::Command),
            Some(m) = queries.next() => (m, Kind::Query),
            Some(m) = statements.next() => (m, Kind::Statements),
            else => break,
        };
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            break;
        };
        let state = state.clone();
        let client = client.clone();
        tracker.spawn(async move {
            let action = match kind {
                Kind::Command => Action::Command(last_token(&message).to_owned()),
                Kind::Query => Action::Read,
                Kind::Statements => Action::Statements,
            };
            let (status, body) = match admit_message(&state.gate, &message, &action) {
                Err(denied) => {
                    debug!(code = denied.code(), subject = %message.subject, "request refused");
                    (denied.http_status(), denied.to_json())
                }
                Ok(caller) => match kind {
                    Kind::Command => handle_command(&state, &message).await,
                    Kind::Query => handle_query(&state, &message, caller).await,
                    Kind::Statements => handle_statements(&state, &message).await,
                },
            };
            reply(&client, &message, status, body).await;
            drop(permit);
        });
    }
    let _ = commands.drain().await;
    let _ = queries.drain().await;
    let _ = statements.drain().await;
    tracker.close();
    tracker.wait().await;
    info!("nats front stopped");
    Ok(())
}

/// Where LMSs send xAPI statements (request-reply).
pub const XAPI_SUBJECT: &str = "ladder.xapi.statements";

#[derive(Clone, Copy)]
enum Kind {
    Command,
    Query,
    Statements,
}

async fn handle_statements(state: &AppState, message: &Message) -> (u16, Vec<u8>) {
    match crate::xapi::ingest(state, &message.payload).await {
        Ok(reply) => (reply.http_status(), crate::reply::json_bytes(&reply)),
        Err(message) => (
            400,
            crate::reply::error_body("invalid", "invalid-body", &message),
        ),
    }
}

fn last_token(message: &Message) -> &str {
    message
        .subject
        .as_str()
        .rsplit('.')
        .next()
        .unwrap_or_default()
}

async fn handle_command(state: &AppState, message: &Message) -> (u16, Vec<u8>) {
    let reply = state
        .handler
        .handle(last_token(message), &message.payload)
        .await;
    (reply.http_status(), reply.to_json())
}

async fn handle_query(state: &AppState, message: &Message, caller: Caller) -> (u16, Vec<u8>) {
    let name = last_token(message);
    let params = match query_params(&message.payload) {
        Ok(params) => params,
        Err(err) => return (err.http_status(), err.to_json()),
    };
    let context = state.query.seen_by(caller.role.audience());
    match query::answer(&state.models, &context, name, &params).await {
        Ok(body) => (200, body),
        Err(err) => (err.http_status(), err.to_json()),
    }
}

/// A query body is empty or a JSON object of strings and numbers, e.g.
/// `{"id":"…","min_seq":12}`.
fn query_params(payload: &[u8]) -> Result<query::QueryParams, QueryError> {
    if payload.iter().all(u8::is_ascii_whitespace) {
        return Ok(BTreeMap::new());
    }
    let Members(members) = serde_json::from_slice(payload).map_err(|err| QueryError::Invalid {
        field: "body".to_owned(),
        message: format!("a query body must be a JSON object: {err}"),
    })?;
    let pairs = members
        .into_iter()
        .map(|(key, value)| match value {
            serde_json::Value::String(s) => Ok((key, s)),
            serde_json::Value::Number(n) => Ok((key, n.to_string())),
            serde_json::Value::Bool(b) => Ok((key, b.to_string())),
            _ => Err(QueryError::Invalid {
                message: format!("parameter `{key}` must be a string or a number"),
                field: key,
            }),
        })
        .collect::<Result<Vec<_>, _>>()?;
    unique(pairs)
}

async fn reply(client: &async_nats::Client, message: &Message, status: u16, body: Vec<u8>) {
    let Some(reply_to) = message.reply.clone() else {
        debug!(subject = %message.subject, "request without a reply subject; answer dropped");
        return;
    };
    let mut headers = HeaderMap::new();
    headers.insert(STATUS_HEADER, status.to_string().as_str());
    if let Err(err) = client
        .publish_with_headers(reply_to, headers, body.into())
        .await
    {
        warn!(error = %err, subject = %message.subject, "could not send a reply");
    }
}
