//! What can go wrong reading history back.

/// An audit operation that failed.
///
/// Findings about the history itself (a broken chain, a gap, a digest mismatch) are
/// not errors: they are what a verification reports. These are the failures that
/// stop an audit from finishing.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The event log failed.
    #[error(transparent)]
    Log(#[from] ladder_eventlog::EventLogError),
    /// The read models failed.
    #[error(transparent)]
    Models(#[from] ladder_projection::ProjectionError),
    /// Reading the stream failed part way.
    #[error("cannot read the event stream: {what}")]
    Read {
        /// What was being attempted.
        what: String,
        /// The client's complaint.
        #[source]
        source: async_nats::Error,
    },
    /// A file could not be used.
    #[error("cannot use {path}")]
    Io {
        /// The path.
        path: String,
        /// The failure.
        #[source]
        source: std::io::Error,
    },
    /// A replay was asked for a point the stream has not reached.
    #[error("sequence {requested} is past the end of the stream (last sequence {last})")]
    PastEnd {
        /// The sequence asked for.
        requested: u64,
        /// The stream's last sequence.
        last: u64,
    },
    /// A replay would overwrite read models that already exist.
    #[error("{path} already holds read models; choose an empty directory")]
    OutputExists {
        /// The existing file.
        path: String,
    },
    /// An export would replace an existing file, and was not asked to.
    #[error("{path} already exists; an export does not replace a file unless asked to")]
    ExportExists {
        /// The existing file.
        path: String,
    },
    /// A record could not be written as JSON; only a bug produces this.
    #[error("cannot encode an audit record")]
    Encode(#[source] serde_json::Error),
    /// A background task failed.
    #[error("background task failed: {0}")]
    Task(String),
}

impl AuditError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> AuditError {
        AuditError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
