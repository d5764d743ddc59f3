//! What can go wrong talking to JetStream.

/// An event-log operation that failed.
///
/// [`EventLogError::is_unavailable`] tells the fronts when to answer "service
/// unavailable": the command was not stored and may be retried with the same id.
#[derive(Debug, thiserror::Error)]
pub enum EventLogError {
    /// The NATS connection could not be established.
    #[error("cannot connect to NATS at {url}")]
    Connect {
        /// The server URL.
        url: String,
        /// The client's complaint.
        #[source]
        source: async_nats::ConnectError,
    },
    /// The server's version is older than Ladder supports.
    #[error(
        "nats-server {found} is older than the minimum {minimum}; older servers can lose \
         acknowledged writes (Jepsen NATS 2.12.1 report, nats-server issue 4320)"
    )]
    ServerTooOld {
        /// Version the server reported.
        found: String,
        /// The documented minimum.
        minimum: String,
    },
    /// The server does not have JetStream enabled.
    #[error("nats-server at {url} has JetStream disabled; start it with -js or the shipped config")]
    JetStreamDisabled {
        /// The server URL.
        url: String,
    },
    /// The stream exists with settings that could lose or rewrite events.
    #[error("stream {stream} is unsafe for an immutable event log: {}", problems.join("; "))]
    UnsafeStream {
        /// The stream name.
        stream: String,
        /// One entry per unsafe setting, naming it.
        problems: Vec<String>,
    },
    /// Creating or inspecting the stream failed.
    #[error("cannot set up stream {stream}")]
    Stream {
        /// The stream name.
        stream: String,
        /// The underlying failure.
        #[source]
        source: async_nats::Error,
    },
    /// NATS did not answer in time or the connection is down.
    #[error("the event log is unavailable: {what}")]
    Unavailable {
        /// What was being attempted.
        what: String,
        /// The underlying failure, if any.
        #[source]
        source: Option<async_nats::Error>,
    },
    /// JetStream answered with an error Ladder does not expect.
    #[error("the event log refused {what}")]
    Refused {
        /// What was being attempted.
        what: String,
        /// The underlying failure.
        #[source]
        source: async_nats::Error,
    },
}

impl EventLogError {
    /// Whether the failure is the log being unreachable (retry later, same command id).
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            EventLogError::Unavailable { .. } | EventLogError::Connect { .. }
        )
    }

    pub(crate) fn unavailable(
        what: impl Into<String>,
        source: impl Into<async_nats::Error>,
    ) -> Self {
        EventLogError::Unavailable {
            what: what.into(),
            source: Some(source.into()),
        }
    }

    pub(crate) fn refused(what: impl Into<String>, source: impl Into<async_nats::Error>) -> Self {
        EventLogError::Refused {
            what: what.into(),
            source: source.into(),
        }
    }
}
