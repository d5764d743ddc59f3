//! Schemas of answers that no single Rust type of the fronts describes: the
//! shared error reply, an accepted command, health, and the audit log's events
//! (mirroring `ladder_audit::events::AuditEvent`, which the `http_openapi` test
//! checks against real answers).

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Every error reply of Ladder: commands, queries, xAPI, audit, admin, refusals
/// and unknown routes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorReply {
    /// The kind of failure, e.g. `invalid`, `rejected`, `unauthorized`, `forbidden`,
    /// `not-found`, `unavailable`.
    pub status: String,
    /// A stable code to branch on: the rule's code for a rejection (e.g.
    /// `budget-self-approval`), else e.g. `invalid-command`, `invalid-parameter`,
    /// `missing-token`, `unknown-token`, `forbidden`, `not-found`, `unavailable`.
    pub code: String,
    /// What went wrong, for people.
    pub message: String,
    /// The field or parameter at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub field: Option<String>,
}

/// The status of an accepted command.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AcceptedStatus {
    /// Stored.
    Accepted,
}

/// The reply to an accepted command; the same for every retry with its id.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommandAccepted {
    /// Always `accepted`.
    pub status: AcceptedStatus,
    /// The command's id.
    pub command_id: Uuid,
    /// Stream sequence of the commit; pass it as `min_seq` to read your writes.
    pub stream_seq: u64,
    /// The events recorded, in order.
    pub event_ids: Vec<Uuid>,
}

/// `GET /healthz`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` while the process serves.
    pub status: String,
}

/// One event of the audit log (`ladder_audit::events::AuditEvent`). A message
/// that does not decode has only its sequence, subject and quarantine reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvent {
    /// Stream sequence of the commit.
    pub seq: u64,
    /// The subject it was stored under.
    pub subject: String,
    /// When Ladder accepted the command.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub recorded_at: Option<String>,
    /// When it happened in the business.
    #[schema(value_type = Option<String>, format = Date)]
    pub effective_date: Option<String>,
    /// Who issued the command.
    pub actor: Option<Uuid>,
    /// The command's name.
    pub command: Option<String>,
    /// The command's id.
    pub command_id: Option<Uuid>,
    /// The business transaction it belongs to.
    pub correlation_id: Option<Uuid>,
    /// What caused it.
    pub causation_id: Option<Uuid>,
    /// The event's own id.
    pub event_id: Option<Uuid>,
    /// Its position in the commit.
    pub event_index: Option<u32>,
    /// Kebab-case event type.
    pub event_type: Option<String>,
    /// The payload's schema version.
    pub schema_version: Option<u16>,
    /// The payload's fields.
    pub payload: Option<serde_json::Value>,
    /// The evidence it created, changed or withdrew.
    pub evidence: Vec<AuditEvidenceNote>,
    /// Why the read models did not apply it; absent for a genuine commit.
    #[schema(nullable = false)]
    pub quarantined: Option<AuditFault>,
}

/// One piece of evidence an audited event touched.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvidenceNote {
    /// Kebab-case evidence kind, e.g. `budget-managed`.
    pub kind: String,
    /// Whose evidence.
    pub employee_id: Uuid,
    /// `added`, `updated` or `withdrawn`.
    pub effect: String,
    /// Whether it counts as verified; absent when the event does not decide it.
    #[schema(nullable = false)]
    pub verified: Option<bool>,
}

/// Why a message is not a genuine commit.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditFault {
    /// `undecodable`, `foreign-subject`, `wrong-aggregate` or `broken-link`.
    pub reason_code: String,
    /// The full reason.
    pub reason: String,
    /// For a broken link: the hash of the aggregate's last genuine commit (hex).
    #[schema(nullable = false)]
    pub expected: Option<String>,
    /// For a broken link: the previous hash the message names (hex).
    #[schema(nullable = false)]
    pub found: Option<String>,
}
