//! A commit: the one stream message an accepted command becomes.
//!
//! Layout, version 1:
//!
//! ```text
//! commit   = format:u8(=1) header count:varint record{count}
//! header   = postcard(CommitHeader)
//! record   = event_id:[u8;16] effective_date type:varint(u16) version:varint(u16) body
//! body     = len:varint bytes{len}      (postcard of the payload struct)
//! ```
//!
//! Each body is length-prefixed so that a reader can name an unknown event type
//! or version precisely instead of failing somewhere inside it.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::codec::{decode_payload, encode_payload, take};
use crate::error::{DecodeError, EncodeError};
use crate::event::Event;
use crate::values::AggregateKind;
use crate::wire;

/// The commit layout this build writes.
pub const COMMIT_FORMAT: u8 = 1;

/// No commit Ladder writes comes near this; anything larger is refused unread.
pub const MAX_COMMIT_BYTES: usize = 1 << 20;

/// The smallest encoded record: id, a one-byte-year date, type, version, empty body.
const MIN_RECORD_BYTES: usize = 16 + 3 + 1 + 1 + 1;

/// SHA-256 of a commit's bytes; links each commit to the one before it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CommitHash(pub [u8; 32]);

/// What the first commit of every aggregate names as its predecessor.
pub const GENESIS_HASH: CommitHash = CommitHash([0; 32]);

impl CommitHash {
    /// Hashes the exact bytes of a stored commit.
    pub fn of(commit_bytes: &[u8]) -> CommitHash {
        CommitHash(Sha256::digest(commit_bytes).into())
    }

    /// Lowercase hex, as shown to auditors.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for CommitHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CommitHash({})", self.to_hex())
    }
}

impl fmt::Display for CommitHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// Facts shared by every event of a commit: which aggregate, who, when, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitHeader {
    /// Kind of the aggregate the events belong to.
    pub aggregate_kind: AggregateKind,
    /// Id of that aggregate.
    #[serde(with = "wire::uuid_bytes")]
    pub aggregate_id: Uuid,
    /// Name of the command that was accepted, e.g. `approve-budget`.
    pub command: String,
    /// The command's idempotency key.
    #[serde(with = "wire::uuid_bytes")]
    pub command_id: Uuid,
    /// SHA-256 of the command's canonical body, to tell a retry from a reused id.
    pub command_digest: [u8; 32],
    /// Who issued the command.
    #[serde(with = "wire::uuid_bytes")]
    pub actor: Uuid,
    /// Groups commands that belong to one business transaction.
    #[serde(with = "wire::uuid_bytes")]
    pub correlation_id: Uuid,
    /// The message that caused this command (the command itself when nothing did).
    #[serde(with = "wire::uuid_bytes")]
    pub causation_id: Uuid,
    /// When Ladder accepted the command.
    #[serde(with = "wire::timestamp")]
    pub recorded_at: Timestamp,
    /// Hash of the previous commit of the same aggregate, or [`GENESIS_HASH`].
    pub prev_hash: CommitHash,
}

/// One event with its own envelope fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRecord {
    /// UUID v7 of the event.
    pub event_id: Uuid,
    /// When it happened in the business; may lie before `recorded_at`.
    pub effective_date: Date,
    /// The schema version the payload was written in.
    pub schema_version: u16,
    /// The payload, upcast to its current version.
    pub event: Event,
}

#[derive(Serialize, Deserialize)]
struct RecordHead {
    #[serde(with = "wire::uuid_bytes")]
    event_id: Uuid,
    #[serde(with = "wire::date")]
    effective_date: Date,
    event_type: u16,
    version: u16,
}

/// The events of one accepted command, all-or-nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    /// Shared envelope fields.
    pub header: CommitHeader,
    /// The events, in the order they were decided; never empty.
    pub events: Vec<EventRecord>,
}

impl Commit {
    /// The subject this commit is stored under.
    pub fn subject(&self) -> String {
        crate::subject::aggregate(self.header.aggregate_kind, self.header.aggregate_id)
    }

    /// Encodes the commit, writing each payload in its type's current version.
    ///
    /// Fails only if a payload cannot be serialized, which would be a bug in Ladder.
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = vec![COMMIT_FORMAT];
        out = postcard::to_extend(&self.header, out).map_err(EncodeError)?;
        out = postcard::to_extend(&(self.events.len() as u64), out).map_err(EncodeError)?;
        for record in &self.events {
            let event_type = record.event.event_type();
            let head = RecordHead {
                event_id: record.event_id,
                effective_date: record.effective_date,
                event_type: event_type.code(),
                version: event_type.current_version(),
            };
            out = postcard::to_extend(&head, out).map_err(EncodeError)?;
            let body = encode_payload(&record.event)?;
            out = postcard::to_extend(body.as_slice(), out).map_err(EncodeError)?;
        }
        Ok(out)
    }

    /// Decodes untrusted bytes.
    ///
    /// Never panics, and allocates no more than a small multiple of the input: counts
    /// and lengths are checked against the bytes that remain before anything is
    /// reserved. Fails with a [`DecodeError`] naming what was wrong.
    pub fn decode(bytes: &[u8]) -> Result<Commit, DecodeError> {
        if bytes.len() > MAX_COMMIT_BYTES {
            return Err(DecodeError::TooLarge {
                len: bytes.len(),
                max: MAX_COMMIT_BYTES,
            });
        }
        let (&format, rest) = bytes.split_first().ok_or(DecodeError::Empty)?;
        if format != COMMIT_FORMAT {
            return Err(DecodeError::UnknownCommitFormat { format });
        }
        let (header, rest) = take::<CommitHeader>("commit header", rest)?;
        let (count, mut rest) = take::<u64>("event count", rest)?;
        if count == 0 {
            return Err(DecodeError::NoEvents);
        }
        let fits = rest.len() / MIN_RECORD_BYTES;
        let count = usize::try_from(count).ok().filter(|&c| c <= fits).ok_or(
            DecodeError::HostileLength {
                what: "event count",
                declared: count,
                remaining: rest.len(),
            },
        )?;
        let mut events = Vec::with_capacity(count);
        for _ in 0..count {
            let (head, after_head) = take::<RecordHead>("event record", rest)?;
            let (body, after_body) =
                postcard::take_from_bytes::<&[u8]>(after_head).map_err(|source| {
                    DecodeError::Malformed {
                        what: "event body",
                        source,
                    }
                })?;
            let event = decode_payload(head.event_type, head.version, body)?;
            events.push(EventRecord {
                event_id: head.event_id,
                effective_date: head.effective_date,
                schema_version: head.version,
                event,
            });
            rest = after_body;
        }
        if !rest.is_empty() {
            return Err(DecodeError::TrailingBytes {
                what: "commit",
                count: rest.len(),
            });
        }
        Ok(Commit { header, events })
    }
}

/// Decodes just the header, for readers that need who and when but not the payloads.
pub fn decode_header(bytes: &[u8]) -> Result<CommitHeader, DecodeError> {
    let (&format, rest) = bytes.split_first().ok_or(DecodeError::Empty)?;
    if format != COMMIT_FORMAT {
        return Err(DecodeError::UnknownCommitFormat { format });
    }
    Ok(take::<CommitHeader>("commit header", rest)?.0)
}

/// Decodes a lone payload (used by the golden-file tests).
pub fn decode_event(code: u16, version: u16, body: &[u8]) -> Result<Event, DecodeError> {
    decode_payload(code, version, body)
}

/// Encodes a lone payload in its current version (used by the golden-file tests).
pub fn encode_event(event: &Event) -> Result<Vec<u8>, EncodeError> {
    encode_payload(event)
}
