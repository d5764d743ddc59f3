//! An aggregate's history as the command handler sees it.

use proto_events::{ChainError, Commit, CommitHash, GENESIS_HASH, verify_link};
use tracing::error;

/// A commit that is a genuine link of its aggregate's chain.
#[derive(Clone, Debug)]
pub struct StoredCommit {
    /// Its stream sequence.
    pub seq: u64,
    /// The decoded commit.
    pub commit: Commit,
    /// SHA-256 of its bytes.
    pub hash: CommitHash,
}

/// Everything stored under one aggregate subject, in stream order.
#[derive(Clone, Debug)]
pub struct History {
    /// The subject.
    pub subject: String,
    /// Sequence of the last message on the subject, genuine or not; 0 when none.
    /// This is what the next append must name as the expected last sequence.
    pub last_seq: u64,
    /// The genuine commits.
    pub commits: Vec<StoredCommit>,
    /// Hash of the last genuine commit, or the genesis hash.
    pub head: CommitHash,
    /// Messages under the subject that are not genuine links, with why.
    pub quarantined: Vec<(u64, String)>,
}

impl History {
    pub(crate) fn empty(subject: &str) -> History {
        History {
            subject: subject.to_owned(),
            last_seq: 0,
            commits: Vec::new(),
            head: GENESIS_HASH,
            quarantined: Vec::new(),
        }
    }

    /// Whether anything genuine was ever stored for the aggregate.
    pub fn exists(&self) -> bool {
        !self.commits.is_empty()
    }

    /// Appends the next stored message, verifying it against the chain head.
    pub(crate) fn push(&mut self, seq: u64, bytes: &[u8]) {
        self.last_seq = seq;
        match verify_link(&self.subject, bytes, &self.head) {
            Ok((commit, hash)) => {
                self.head = hash;
                self.commits.push(StoredCommit { seq, commit, hash });
            }
            Err(err) => {
                error!(
                    seq,
                    subject = %self.subject,
                    reason = err.code(),
                    error = %DisplayChain(&err),
                    "ignoring a message that is not a genuine commit"
                );
                self.quarantined.push((seq, DisplayChain(&err).to_string()));
            }
        }
    }

    /// The commit that recorded `command_id`, if any.
    pub fn find_command(&self, command_id: uuid::Uuid) -> Option<&StoredCommit> {
        self.commits
            .iter()
            .find(|c| c.commit.header.command_id == command_id)
    }
}

/// Formats an error with its sources, `a: b: c`.
pub(crate) struct DisplayChain<'a>(pub(crate) &'a ChainError);

impl std::fmt::Display for DisplayChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = std::error::Error::source(self.0);
        while let Some(err) = source {
            write!(f, ": {err}")?;
            source = err.source();
        }
        Ok(())
    }
}
