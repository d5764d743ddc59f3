//! Replies to commands, identical over NATS and HTTP.

use serde::Serialize;
use uuid::Uuid;

/// The reply to one command. The JSON form is the contract; [`CommandReply::http_status`]
/// is the one place that maps it to HTTP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum CommandReply {
    /// Stored; the same reply is returned for every retry with the same command id.
    Accepted {
        /// The command's id.
        command_id: Uuid,
        /// Stream sequence of the commit.
        stream_seq: u64,
        /// The events recorded, in order.
        event_ids: Vec<Uuid>,
    },
    /// Well-formed but against a rule; retrying will not help unless history changes.
    Rejected {
        /// The rule's kebab-case code.
        code: String,
        /// What was wrong.
        message: String,
    },
    /// Malformed: fix the named field and send again.
    Invalid {
        /// The field at fault, when there is one.
        #[serde(skip_serializing_if = "Option::is_none")]
        field: Option<String>,
        /// What was wrong, naming the field.
        message: String,
    },
    /// No command of that name; the message lists the known ones.
    UnknownCommand {
        /// What was asked.
        message: String,
    },
    /// Other writers kept changing the aggregate; retry later with the same id.
    Conflict {
        /// What happened.
        message: String,
    },
    /// The event log is unreachable; nothing was stored. Retry with the same id.
    Unavailable {
        /// What failed.
        message: String,
    },
    /// A fault in Ladder; nothing is known to be stored. Retry with the same id.
    Error {
        /// What failed.
        message: String,
    },
}

impl CommandReply {
    /// The HTTP status for this reply.
    pub fn http_status(&self) -> u16 {
        match self {
            CommandReply::Accepted { .. } => 200,
            CommandReply::Rejected { .. } => 422,
            CommandReply::Invalid { .. } => 400,
            CommandReply::UnknownCommand { .. } => 404,
            CommandReply::Conflict { .. } => 409,
            CommandReply::Unavailable { .. } => 503,
            CommandReply::Error { .. } => 500,
        }
    }

    /// The stable code of the reply: the rule's code for a rejection, the kind of
    /// failure otherwise; `None` for an accepted command.
    pub fn code(&self) -> Option<&str> {
        match self {
            CommandReply::Accepted { .. } => None,
            CommandReply::Rejected { code, .. } => Some(code),
            CommandReply::Invalid { .. } => Some("invalid-command"),
            CommandReply::UnknownCommand { .. } => Some("unknown-command"),
            CommandReply::Conflict { .. } => Some("conflict"),
            CommandReply::Unavailable { .. } => Some("unavailable"),
            CommandReply::Error { .. } => Some("internal-error"),
        }
    }

    /// The reply as JSON bytes; every reply but an accepted one carries a `code`.
    pub fn to_json(&self) -> Vec<u8> {
        match self {
            // The rejection's own `code` field is the rule's.
            CommandReply::Accepted { .. } | CommandReply::Rejected { .. } => json_bytes(self),
            _ => with_code(self, self.code()),
        }
    }
}

/// Serializes an error reply with its stable `code` after its own fields, so that
/// every error body reads `{"status", …, "message", "code"}`.
pub(crate) fn with_code<T: Serialize>(value: &T, code: Option<&str>) -> Vec<u8> {
    #[derive(Serialize)]
    struct Coded<'a, T> {
        #[serde(flatten)]
        value: &'a T,
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<&'a str>,
    }
    json_bytes(&Coded { value, code })
}

/// An error body of the fronts themselves (not of a command or query):
/// `{"status", "code", "message"}`.
pub(crate) fn error_body(status: &str, code: &str, message: &str) -> Vec<u8> {
    json_bytes(&serde_json::json!({"status": status, "code": code, "message": message}))
}

/// Serializes an answer; the types serialized here have no maps with non-string
/// keys, so this cannot fail in practice, and a failure still yields valid JSON.
pub(crate) fn json_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|err| {
        format!(r#"{{"status":"error","message":"cannot encode the answer: {err}"}}"#).into_bytes()
    })
}
