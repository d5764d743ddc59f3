//! Why bytes could not be turned into a commit, or a commit into bytes.

/// Bytes that are not a commit Ladder can read.
///
/// Every variant names what was wrong; none of them is retryable, because the same
/// bytes will fail the same way. Callers holding such a message quarantine it.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The message is empty.
    #[error("empty message")]
    Empty,
    /// The message is larger than any commit Ladder writes.
    #[error("message of {len} bytes exceeds the {max}-byte commit limit")]
    TooLarge {
        /// Bytes received.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The leading commit format version is not one this build knows.
    #[error("unknown commit format version {format}")]
    UnknownCommitFormat {
        /// The version byte found.
        format: u8,
    },
    /// An event type code this build does not know.
    #[error("unknown event type code {code}")]
    UnknownEventType {
        /// The code found.
        code: u16,
    },
    /// A known event type with a schema version this build does not know.
    #[error("unknown schema version {version} of event type {event_type}")]
    UnknownEventVersion {
        /// The event type's name.
        event_type: &'static str,
        /// The version found.
        version: u16,
    },
    /// A count or length larger than the bytes left could hold.
    #[error("{what} declares {declared} entries but only {remaining} bytes remain")]
    HostileLength {
        /// What was being read.
        what: &'static str,
        /// The declared count.
        declared: u64,
        /// Bytes left in the input.
        remaining: usize,
    },
    /// A commit with no events; Ladder never writes one.
    #[error("commit holds no events")]
    NoEvents,
    /// Bytes left over after a complete value.
    #[error("{count} trailing bytes after {what}")]
    TrailingBytes {
        /// What was complete.
        what: &'static str,
        /// How many bytes followed it.
        count: usize,
    },
    /// The bytes of a part are not a valid encoding of it.
    #[error("malformed {what}")]
    Malformed {
        /// What was being read.
        what: &'static str,
        /// The decoder's complaint.
        #[source]
        source: postcard::Error,
    },
}

/// A value that the encoder refused; only a bug in Ladder produces one.
#[derive(Debug, thiserror::Error)]
#[error("cannot encode event")]
pub struct EncodeError(#[source] pub(crate) postcard::Error);
