//! Failures of the service as a whole (start-up, rebuilds), as opposed to the
//! replies it gives to single commands and queries.

/// A service operation that failed.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The event log failed.
    #[error(transparent)]
    Log(#[from] ladder_eventlog::EventLogError),
    /// Replaying history failed.
    #[error(transparent)]
    Audit(#[from] ladder_audit::AuditError),
    /// The read models failed.
    #[error(transparent)]
    Models(#[from] ladder_projection::ProjectionError),
    /// A file or directory could not be used.
    #[error("cannot use {path}")]
    Io {
        /// The path.
        path: String,
        /// The failure.
        #[source]
        source: std::io::Error,
    },
    /// The HTTP listener could not be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address.
        addr: String,
        /// The failure.
        #[source]
        source: std::io::Error,
    },
    /// No token file, and a listen address other than loopback.
    #[error(
        "refusing to listen on {addr} without a token file: every caller would be admin; \
         give one with `--tokens FILE` (LADDER_TOKENS, config key `tokens`) or listen on a \
         loopback address such as 127.0.0.1"
    )]
    OpenAccess {
        /// The address asked for.
        addr: String,
    },
    /// The token file is unusable.
    #[error(transparent)]
    Tokens(#[from] crate::auth::TokenFileError),
    /// Another rebuild of the same read models is running.
    #[error("a rebuild of these read models is already running; wait for it to finish")]
    RebuildRunning,
    /// The configuration is unusable.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A NATS subscription could not be made.
    #[error("cannot subscribe to {subject}")]
    Subscribe {
        /// The subject.
        subject: String,
        /// The failure.
        #[source]
        source: async_nats::SubscribeError,
    },
    /// A background task failed.
    #[error("background task failed: {0}")]
    Task(String),
}

/// Formats an error with its chain of sources, `outer: inner: innermost`.
pub fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        let next = inner.to_string();
        // thiserror's `transparent` repeats the inner message; do not print it twice.
        if !text.ends_with(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = inner.source();
    }
    text
}
