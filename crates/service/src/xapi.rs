//! The xAPI front: LMS statements in, learning records out.
//!
//! Each statement is validated and mapped by `ladder-xapi`, its actor resolved to
//! an employee through the link the HRIS made (`link-lms-account`), and recorded
//! with an internal command whose id is the statement id and whose digest covers
//! the statement's content, so a statement sent again is recognised as a duplicate
//! and another statement reusing its id is refused. Statements are handled in order and each
//! gets its own result; one bad statement never costs its neighbours.

use std::collections::BTreeSet;
use std::time::Duration;

use jiff::Timestamp;
use ladder_domain::command::{RecordLearning, RevokeLearning};
use ladder_domain::{Command, CommandBody, CommandMeta};
use ladder_xapi::{LearningFact, Mapping, Outcome, Void};
use proto_events::{AggregateKind, Event, subject};
use serde::Serialize;
use tracing::info;
use uuid::Uuid;

use crate::AppState;
use crate::reply::CommandReply;

/// How long a voiding statement waits for the statements before it in the same
/// request to reach the read models.
const VOID_WAIT: Duration = Duration::from_secs(5);

/// Namespace of the actor ids Ladder records for LMSs (UUID v5 of the home page).
const LMS_ACTOR_NAMESPACE: Uuid = Uuid::from_u128(0x6c61_6464_6572_4c4d_5361_6374_6f72_0001);

/// How statements become learning records.
#[derive(Clone, Debug, Default)]
pub struct LmsSettings {
    /// Maps verbs and activities to learning kinds.
    pub mapping: Mapping,
    /// Canonical home pages of the LMSs whose records count as verified.
    pub trusted_issuers: BTreeSet<String>,
}

impl LmsSettings {
    /// Settings trusting `issuers` (home pages, in any spelling).
    pub fn new(mapping: Mapping, issuers: impl IntoIterator<Item = String>) -> LmsSettings {
        let trusted_issuers = issuers
            .into_iter()
            .map(|i| proto_events::lms::canonical_home_page(&i).to_owned())
            .collect();
        LmsSettings {
            mapping,
            trusted_issuers,
        }
    }
}

/// Result code of a statement not stored because NATS was unreachable; sending it
/// again later succeeds.
const RETRY_UNAVAILABLE: &str = "unavailable";
/// Result code of a void that arrived before the read models held what it voids.
const NOT_YET_PROJECTED: &str = "not-yet-projected";
/// Result code of a statement whose record kept changing under it; send it again.
const RETRY_CONFLICT: &str = "conflict";
/// Result code of a statement that failed inside Ladder.
const INTERNAL_ERROR: &str = "error";

/// The result for one statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StatementResult {
    /// The statement id, given or derived; absent when the statement had no valid id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `accepted`, `ignored`, `duplicate` or `rejected`.
    pub status: &'static str,
    /// A stable code for ignored and rejected statements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Why it was ignored or rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl StatementResult {
    fn new(id: Uuid, status: &'static str) -> Self {
        StatementResult {
            id: Some(id),
            status,
            code: None,
            message: None,
        }
    }

    fn with(id: Option<Uuid>, status: &'static str, code: &str, message: String) -> Self {
        StatementResult {
            id,
            status,
            code: Some(code.to_owned()),
            message: Some(message),
        }
    }
}

/// The reply to a batch of statements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct XapiReply {
    /// One result per statement, in the order sent.
    pub results: Vec<StatementResult>,
}

impl XapiReply {
    /// 503 when a statement could not be stored because NATS was unreachable (or a
    /// void came before the read models held its target), 409
    /// when it lost repeated races, 500 on an internal error: the sender should send
    /// the batch again, and what was stored comes back as `duplicate`. Otherwise 200
    /// when nothing was rejected; 207 when some statements were rejected and others
    /// not; 400 when every statement was rejected.
    pub fn http_status(&self) -> u16 {
        let failed = |code: &str| {
            self.results
                .iter()
                .any(|r| r.status == "rejected" && r.code.as_deref() == Some(code))
        };
        if failed(RETRY_UNAVAILABLE) || failed(NOT_YET_PROJECTED) {
            return 503;
        }
        if failed(RETRY_CONFLICT) {
            return 409;
        }
        if failed(INTERNAL_ERROR) {
            return 500;
        }
        let rejected = self
            .results
            .iter()
            .filter(|r| r.status == "rejected")
            .count();
        if rejected == 0 {
            200
        } else if rejected == self.results.len() {
            400
        } else {
            207
        }
    }
}

/// Ingests a body holding one statement or an array of them. `Err` is a body that
/// is not statements at all, answered with 400.
pub async fn ingest(state: &AppState, body: &[u8]) -> Result<XapiReply, String> {
    let outcomes = ladder_xapi::ingest(body, &state.lms.mapping).map_err(|e| e.to_string())?;
    let mut results = Vec::with_capacity(outcomes.len());
    // The newest stream sequence this request wrote: voids wait for it.
    let mut written = 0;
    for outcome in outcomes {
        let result = match outcome {
            Err(err) => StatementResult::with(
                err.statement_id,
                "rejected",
                err.violation.code(),
                err.to_string(),
            ),
            Ok(Outcome::Ignored(ignored)) => StatementResult::with(
                Some(ignored.statement_id),
                "ignored",
                ignored.reason.code(),
                ignored.reason.to_string(),
            ),
            Ok(Outcome::Learning(fact)) => record(state, &fact, &mut written).await,
            Ok(Outcome::Void(void)) => revoke(state, &void, &mut written).await,
        };
        results.push(result);
    }
    let reply = XapiReply { results };
    // One line per request, as for commands: an operator sees the LMS traffic and, by
    // code, what was refused.
    let count = |status: &str| reply.results.iter().filter(|r| r.status == status).count();
    let mut codes: Vec<&str> = reply
        .results
        .iter()
        .filter(|r| r.status == "rejected")
        .filter_map(|r| r.code.as_deref())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    info!(
        statements = reply.results.len(),
        accepted = count("accepted"),
        ignored = count("ignored"),
        duplicate = count("duplicate"),
        rejected = count("rejected"),
        codes = ?codes,
        status = reply.http_status(),
        "xapi statements handled"
    );
    Ok(reply)
}

async fn record(state: &AppState, fact: &LearningFact, written: &mut u64) -> StatementResult {
    let id = fact.statement_id;
    let employee = match linked_employee(state, fact.account_id).await {
        Ok(Some(employee)) => employee,
        Ok(None) => {
            return StatementResult::with(
                Some(id),
                "rejected",
                "unknown-actor",
                "the actor's LMS account is not linked to an employee; the HRIS sends \
                 link-lms-account, after which the statement can be sent again"
                    .to_owned(),
            );
        }
        Err(reply) => return from_reply(id, reply, written),
    };
    // The statement id is the idempotency key of one learner's record; JetStream's
    // duplicate window alone would not stop it being reused for another learner.
    match state.models.current().statement(id) {
        Ok(Some(earlier)) if earlier.employee_id != employee => {
            return reused(id);
        }
        Ok(_) => {}
        Err(err) => {
            let reply = CommandReply::Unavailable {
                message: crate::error_chain(&err),
            };
            return from_reply(id, reply, written);
        }
    }
    let body = CommandBody::RecordLearning(RecordLearning {
        employee_id: employee,
        statement_id: id,
        kind: fact.kind,
        activity_id: fact.activity_id.clone(),
        issuer: fact.issuer.clone(),
        issuer_trusted: state.lms.trusted_issuers.contains(&fact.issuer),
        content_digest: Some(fact.content_digest),
    });
    let date = fact.occurred_on;
    submit(state, id, &fact.issuer, date, body, written).await
}

async fn revoke(state: &AppState, void: &Void, written: &mut u64) -> StatementResult {
    let id = void.statement_id;
    // The target may have been stored by an earlier request that the projector has not
    // applied yet: wait for everything stored before this void, not only this request's.
    let stored = match state.handler.log().last_sequence().await {
        Ok(last) => last.max(*written),
        Err(err) => {
            let reply = CommandReply::Unavailable {
                message: crate::error_chain(&err),
            };
            return from_reply(id, reply, written);
        }
    };
    if stored > 0 && !state.models.wait_for(stored, VOID_WAIT).await {
        return StatementResult::with(
            Some(id),
            "rejected",
            NOT_YET_PROJECTED,
            "the statements before this void are not yet in the read models; send it again"
                .to_owned(),
        );
    }
    let target = match state.models.current().statement(void.target) {
        Ok(Some(target)) => target,
        Ok(None) => {
            return StatementResult::with(
                Some(id),
                "rejected",
                "unknown-target",
                format!(
                    "voided statement {} is not a recorded learning statement",
                    void.target
                ),
            );
        }
        Err(err) => {
            let reply = CommandReply::Unavailable {
                message: crate::error_chain(&err),
            };
            return from_reply(id, reply, written);
        }
    };
    if target.issuer != void.issuer {
        return StatementResult::with(
            Some(id),
            "rejected",
            "foreign-void",
            format!(
                "statement {} was reported by another LMS; only it can void it",
                void.target
            ),
        );
    }
    // A target already voided goes to the handler all the same: the same void sent
    // again is then a duplicate, another void of it `learning-already-revoked`.
    let employee = target.employee_id;
    let body = CommandBody::RevokeLearning(RevokeLearning {
        employee_id: employee,
        statement_id: void.target,
        voided_by: id,
    });
    submit(state, id, &void.issuer, None, body, written).await
}

async fn submit(
    state: &AppState,
    statement_id: Uuid,
    issuer: &str,
    date: Option<jiff::civil::Date>,
    body: CommandBody,
    written: &mut u64,
) -> StatementResult {
    let effective_date = date.unwrap_or_else(|| {
        Timestamp::now()
            .to_zoned_datetime(state.handler.time_zone().clone())
            .date()
    });
    let meta = CommandMeta {
        command_id: statement_id,
        actor: Uuid::new_v5(&LMS_ACTOR_NAMESPACE, issuer.as_bytes()),
        effective_date: Some(effective_date),
        correlation_id: None,
        causation_id: None,
    };
    let command = match Command::internal(meta, body) {
        Ok(command) => command,
        Err(err) => {
            return StatementResult::with(
                Some(statement_id),
                "rejected",
                "invalid-statement",
                err.to_string(),
            );
        }
    };
    let handled = state.handler.handle_command(&command).await;
    if handled.replayed {
        return StatementResult::new(statement_id, "duplicate");
    }
    from_reply(statement_id, handled.reply, written)
}

fn from_reply(id: Uuid, reply: CommandReply, written: &mut u64) -> StatementResult {
    match reply {
        CommandReply::Accepted { stream_seq, .. } => {
            *written = (*written).max(stream_seq);
            StatementResult::new(id, "accepted")
        }
        // The handler speaks of command ids; the LMS only knows its statement id.
        CommandReply::Rejected { code, .. } if code == "command-id-reused" => reused(id),
        CommandReply::Rejected { code, message } => {
            StatementResult::with(Some(id), "rejected", &code, message)
        }
        CommandReply::Invalid { message, .. } => {
            StatementResult::with(Some(id), "rejected", "invalid-statement", message)
        }
        CommandReply::UnknownCommand { message } | CommandReply::Error { message } => {
            StatementResult::with(Some(id), "rejected", INTERNAL_ERROR, message)
        }
        CommandReply::Conflict { message } => {
            StatementResult::with(Some(id), "rejected", RETRY_CONFLICT, message)
        }
        CommandReply::Unavailable { message } => {
            StatementResult::with(Some(id), "rejected", RETRY_UNAVAILABLE, message)
        }
    }
}

/// The statement id was recorded earlier for other content or another learner.
fn reused(id: Uuid) -> StatementResult {
    StatementResult::with(
        Some(id),
        "rejected",
        "statement-id-reused",
        format!(
            "statement id {id} was already used for a different statement; a statement \
             with other content needs its own id (to correct a record, void the statement \
             and send the correction under a new id)"
        ),
    )
}

/// The employee an LMS account is linked to, read from the event log so that a
/// link made a moment ago is already visible.
async fn linked_employee(state: &AppState, account_id: Uuid) -> Result<Option<Uuid>, CommandReply> {
    let subject = subject::aggregate(AggregateKind::LmsAccount, account_id);
    let history =
        state
            .handler
            .log()
            .load(&subject)
            .await
            .map_err(|err| CommandReply::Unavailable {
                message: crate::error_chain(&err),
            })?;
    Ok(history
        .commits
        .iter()
        .flat_map(|c| &c.commit.events)
        .find_map(|e| match &e.event {
            Event::LmsAccountLinked(link) => Some(link.employee_id),
            _ => None,
        }))
}
