//! Walking the stream's hash chains the way the projector does.
//!
//! [`ChainWalker`] keeps the hash of each aggregate's last genuine commit and checks
//! every message against it with [`proto_events::verify_link`], so an audit flags
//! exactly the messages the read models quarantine. A message that fails is not a
//! link: the aggregate's chain continues from its last genuine commit.

use std::collections::HashMap;

use ladder_eventlog::StoredMessage;
use proto_events::{ChainError, Commit, CommitHash, GENESIS_HASH, verify_link};
use serde::Serialize;

/// Why a message is not a genuine commit: what the projector records in its
/// quarantine, plus the hashes when a link is broken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fault {
    /// Stable code: `undecodable`, `foreign-subject`, `wrong-aggregate` or
    /// `broken-link`.
    pub reason_code: String,
    /// The full reason, with its causes.
    pub reason: String,
    /// For a broken link: the hash of the aggregate's last genuine commit (hex).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// For a broken link: the previous hash the message names (hex).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
}

impl Fault {
    fn of(err: &ChainError) -> Fault {
        let (expected, found) = match err {
            ChainError::BrokenLink { expected, found } => {
                (Some(expected.to_hex()), Some(found.to_hex()))
            }
            _ => (None, None),
        };
        Fault {
            reason_code: err.code().to_owned(),
            reason: error_chain(err),
            expected,
            found,
        }
    }
}

/// One message after its chain check.
#[derive(Clone, Debug)]
pub struct Checked {
    /// Stream sequence.
    pub seq: u64,
    /// The subject it was stored under.
    pub subject: String,
    /// SHA-256 of its bytes.
    pub hash: CommitHash,
    /// The commit, when the bytes decode (also for a quarantined message that
    /// decodes, so that an auditor sees what it claimed).
    pub commit: Option<Commit>,
    /// Why it is quarantined; `None` for a genuine commit.
    pub fault: Option<Fault>,
}

impl Checked {
    /// Whether the read models applied this message.
    pub fn is_genuine(&self) -> bool {
        self.fault.is_none()
    }
}

/// Checks messages in stream order against each aggregate's chain head.
#[derive(Debug, Default)]
pub struct ChainWalker {
    // Only looked up, never iterated, so its order cannot leak into any output.
    heads: HashMap<String, CommitHash>,
}

impl ChainWalker {
    /// A walker at the start of the stream.
    pub fn new() -> ChainWalker {
        ChainWalker::default()
    }

    /// Aggregates seen with at least one genuine commit.
    pub fn aggregates(&self) -> usize {
        self.heads.len()
    }

    /// Checks the next message; messages must come in stream order.
    pub fn check(&mut self, message: &StoredMessage) -> Checked {
        let head = self
            .heads
            .get(&message.subject)
            .copied()
            .unwrap_or(GENESIS_HASH);
        match verify_link(&message.subject, &message.payload, &head) {
            Ok((commit, hash)) => {
                self.heads.insert(message.subject.clone(), hash);
                Checked {
                    seq: message.seq,
                    subject: message.subject.clone(),
                    hash,
                    commit: Some(commit),
                    fault: None,
                }
            }
            Err(err) => Checked {
                seq: message.seq,
                subject: message.subject.clone(),
                hash: CommitHash::of(&message.payload),
                commit: match err {
                    ChainError::Undecodable(_) => None,
                    _ => Commit::decode(&message.payload).ok(),
                },
                fault: Some(Fault::of(&err)),
            },
        }
    }
}

/// `outer: inner: innermost`, as the projector writes quarantine reasons.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}
