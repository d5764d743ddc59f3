//! A reply from either front, and the shapes a test expects of it.

use serde_json::Value;
use uuid::Uuid;

/// A status (HTTP, or the `Ladder-Status` header over NATS) and the JSON body.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// The HTTP-equivalent status.
    pub status: u16,
    /// The body; a body that is not JSON is kept as a JSON string so that a failed
    /// assertion still shows it.
    pub body: Value,
}

/// The contract of an accepted command's reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The command's id.
    pub command_id: Uuid,
    /// Stream sequence of its commit.
    pub stream_seq: u64,
    /// Its events, in order.
    pub event_ids: Vec<Uuid>,
}

impl Reply {
    /// Builds a reply from raw bytes.
    pub fn from_bytes(status: u16, bytes: &[u8]) -> Reply {
        let body = serde_json::from_slice(bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()));
        Reply { status, body }
    }

    /// The accepted reply; panics unless the status is 200 and the body is exactly
    /// `{"status":"accepted","command_id","stream_seq","event_ids"}`.
    pub fn accepted(&self) -> Accepted {
        assert_eq!(self.status, 200, "expected an accepted command: {self:?}");
        let object = self.body.as_object().expect("reply body is an object");
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["command_id", "event_ids", "status", "stream_seq"],
            "accepted reply fields: {self:?}"
        );
        assert_eq!(self.body["status"], "accepted", "{self:?}");
        let event_ids: Vec<Uuid> =
            serde_json::from_value(self.body["event_ids"].clone()).expect("event_ids are UUIDs");
        assert!(
            !event_ids.is_empty(),
            "an accepted command records events: {self:?}"
        );
        Accepted {
            command_id: serde_json::from_value(self.body["command_id"].clone())
                .expect("command_id is a UUID"),
            stream_seq: self.body["stream_seq"]
                .as_u64()
                .expect("stream_seq is a number"),
            event_ids,
        }
    }

    /// Panics unless this is the 422 rejection with `code`.
    pub fn assert_rejected(&self, code: &str) {
        assert_eq!(self.status, 422, "expected rejection {code}: {self:?}");
        assert_eq!(self.body["status"], "rejected", "{self:?}");
        assert_eq!(self.body["code"], code, "{self:?}");
        assert!(
            self.body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "a rejection explains itself: {self:?}"
        );
    }

    /// Panics unless this is the 400 reply naming `field`.
    pub fn assert_invalid(&self, field: &str) {
        assert_eq!(
            self.status, 400,
            "expected field {field} to be invalid: {self:?}"
        );
        assert_eq!(self.body["status"], "invalid", "{self:?}");
        assert_eq!(self.body["field"], field, "{self:?}");
        assert!(
            self.body["message"]
                .as_str()
                .is_some_and(|m| m.contains(field)),
            "the message names the field {field}: {self:?}"
        );
    }
}
