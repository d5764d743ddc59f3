//! The per-aggregate hash chain: which stored messages are genuine links.
//!
//! Every commit names the hash of the previous commit of its aggregate. A reader
//! walking one subject in stream order keeps the hash of the last genuine commit;
//! a message that does not decode, claims another aggregate, or names a different
//! predecessor is not a link, and is quarantined rather than applied. The chain
//! then continues from the last genuine commit, so one forged message does not
//! poison everything after it.

use crate::commit::{Commit, CommitHash};
use crate::error::DecodeError;
use crate::subject;

/// Why a stored message is not a genuine link of its aggregate's chain.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// The subject is not `ladder.evt.<kind>.<uuid>` in canonical form.
    #[error("subject `{subject}` is not an aggregate subject Ladder writes")]
    ForeignSubject {
        /// The subject found.
        subject: String,
    },
    /// The bytes are not a commit.
    #[error("payload does not decode")]
    Undecodable(#[from] DecodeError),
    /// The commit's header names a different aggregate than its subject.
    #[error("commit names aggregate {claimed} but was stored under {subject}")]
    WrongAggregate {
        /// The subject it was stored under.
        subject: String,
        /// The aggregate its header claims.
        claimed: String,
    },
    /// The commit does not follow the last genuine commit of its aggregate.
    #[error("previous hash {found} does not match the chain head {expected}")]
    BrokenLink {
        /// Hash of the last genuine commit of the aggregate.
        expected: CommitHash,
        /// What the commit names as its predecessor.
        found: CommitHash,
    },
}

impl ChainError {
    /// A short stable reason code for quarantine records and reports.
    pub fn code(&self) -> &'static str {
        match self {
            ChainError::ForeignSubject { .. } => "foreign-subject",
            ChainError::Undecodable(_) => "undecodable",
            ChainError::WrongAggregate { .. } => "wrong-aggregate",
            ChainError::BrokenLink { .. } => "broken-link",
        }
    }
}

/// Checks that `bytes`, stored under `stored_subject`, is the commit that follows
/// `head` (the hash of the aggregate's last genuine commit, or the genesis hash).
///
/// Returns the decoded commit and its own hash, which becomes the new head.
pub fn verify_link(
    stored_subject: &str,
    bytes: &[u8],
    head: &CommitHash,
) -> Result<(Commit, CommitHash), ChainError> {
    if subject::parse_aggregate(stored_subject).is_none() {
        return Err(ChainError::ForeignSubject {
            subject: stored_subject.to_owned(),
        });
    }
    let commit = Commit::decode(bytes)?;
    let claimed = commit.subject();
    if claimed != stored_subject {
        return Err(ChainError::WrongAggregate {
            subject: stored_subject.to_owned(),
            claimed,
        });
    }
    if commit.header.prev_hash != *head {
        return Err(ChainError::BrokenLink {
            expected: *head,
            found: commit.header.prev_hash,
        });
    }
    Ok((commit, CommitHash::of(bytes)))
}
