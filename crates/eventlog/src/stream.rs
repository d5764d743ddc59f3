//! The `LADDER_EVENTS` stream: created if missing, refused if unsafe.

use std::time::Duration;

use async_nats::jetstream::stream::{
    Config, DiscardPolicy, PersistenceMode, RetentionPolicy, StorageType,
};
use async_nats::jetstream::{self, context::GetStreamErrorKind};
use proto_events::subject::{EVENTS_WILDCARD, STREAM_NAME};
use tracing::info;

use crate::error::EventLogError;

/// Settings Ladder chooses when it creates the stream.
#[derive(Clone, Debug)]
pub struct StreamSettings {
    /// Replicas; 1 for a single development server, 3 or 5 in production.
    pub replicas: usize,
    /// How long JetStream itself remembers message ids. Idempotency does not rely
    /// on it (the aggregate history does), it only saves a reload on quick retries.
    pub duplicate_window: Duration,
}

impl Default for StreamSettings {
    fn default() -> Self {
        StreamSettings {
            replicas: 1,
            duplicate_window: Duration::from_secs(120),
        }
    }
}

/// The configuration Ladder creates the stream with.
pub fn desired_config(settings: &StreamSettings) -> Config {
    Config {
        name: STREAM_NAME.to_owned(),
        description: Some("Ladder's immutable event log".to_owned()),
        subjects: vec![EVENTS_WILDCARD.to_owned()],
        storage: StorageType::File,
        retention: RetentionPolicy::Limits,
        discard: DiscardPolicy::New,
        max_age: Duration::ZERO,
        max_bytes: -1,
        max_messages: -1,
        max_messages_per_subject: -1,
        deny_delete: true,
        deny_purge: true,
        allow_rollup: false,
        allow_direct: true,
        num_replicas: settings.replicas,
        duplicate_window: settings.duplicate_window,
        ..Config::default()
    }
}

/// Every setting of `config` that could lose, hide or rewrite events, one
/// sentence each naming the setting. Empty means safe.
pub fn unsafe_settings(config: &Config) -> Vec<String> {
    let mut problems = Vec::new();
    let mut flag = |bad: bool, text: &str| {
        if bad {
            problems.push(text.to_owned());
        }
    };
    flag(
        config.storage != StorageType::File,
        "storage is memory (events vanish on restart)",
    );
    flag(
        config.retention != RetentionPolicy::Limits,
        "retention is not limits (consumers acknowledging would delete events)",
    );
    flag(
        !config.deny_delete,
        "deny_delete is off (single events could be deleted)",
    );
    flag(
        !config.deny_purge,
        "deny_purge is off (the stream could be purged)",
    );
    flag(
        config.allow_rollup,
        "allow_rollup is on (a rollup message erases history)",
    );
    flag(
        !config.max_age.is_zero(),
        "max_age is set (old events would expire)",
    );
    flag(
        config.max_bytes > 0,
        "max_bytes is set (a limit would drop or refuse events)",
    );
    flag(
        config.max_messages > 0,
        "max_msgs is set (a limit would drop or refuse events)",
    );
    flag(
        config.max_messages_per_subject > 0,
        "max_msgs_per_subject is set (an aggregate's history would be truncated)",
    );
    flag(
        config.discard != DiscardPolicy::New,
        "discard is old (reaching any limit would drop the oldest events)",
    );
    flag(
        config.no_ack,
        "no_ack is on (publishes would not be acknowledged)",
    );
    flag(
        config.sealed,
        "the stream is sealed (no event can be appended)",
    );
    flag(
        matches!(config.persist_mode, Some(PersistenceMode::Async)),
        "persist_mode is async (acknowledged events may not be on disk)",
    );
    flag(
        config.allow_message_ttl,
        "allow_msg_ttl is on (events could carry an expiry)",
    );
    flag(
        config.subject_delete_marker_ttl.is_some(),
        "subject_delete_marker_ttl is set (markers would remove subjects)",
    );
    flag(
        !config.subjects.iter().any(|s| s == EVENTS_WILDCARD),
        "subjects do not include ladder.evt.> (events would not be stored)",
    );
    flag(
        config.mirror.is_some(),
        "the stream is a mirror (appends are refused)",
    );
    problems
}

/// Opens the stream, creating it with [`desired_config`] when it does not exist.
///
/// Fails with [`EventLogError::UnsafeStream`] when an existing stream has any of
/// the [`unsafe_settings`], so Ladder never writes into a log that can forget.
pub(crate) async fn ensure(
    js: &jetstream::Context,
    settings: &StreamSettings,
) -> Result<jetstream::stream::Stream, EventLogError> {
    let stream_error = |source: async_nats::Error| EventLogError::Stream {
        stream: STREAM_NAME.to_owned(),
        source,
    };
    let mut stream = match js.get_stream(STREAM_NAME).await {
        Ok(stream) => stream,
        Err(err) if is_not_found(&err) => {
            info!(
                stream = STREAM_NAME,
                replicas = settings.replicas,
                "creating event stream"
            );
            js.create_stream(desired_config(settings))
                .await
                .map_err(|e| stream_error(e.into()))?
        }
        Err(err) if matches!(err.kind(), GetStreamErrorKind::Request) => {
            return Err(EventLogError::unavailable(
                "looking up the event stream",
                err,
            ));
        }
        Err(err) => return Err(stream_error(err.into())),
    };
    let config = stream
        .info()
        .await
        .map_err(|e| stream_error(e.into()))?
        .config
        .clone();
    let problems = unsafe_settings(&config);
    if !problems.is_empty() {
        return Err(EventLogError::UnsafeStream {
            stream: STREAM_NAME.to_owned(),
            problems,
        });
    }
    Ok(stream)
}

/// Opens the stream as it is, for readers: never creates it, never refuses it.
pub(crate) async fn existing(
    js: &jetstream::Context,
) -> Result<jetstream::stream::Stream, EventLogError> {
    match js.get_stream(STREAM_NAME).await {
        Ok(stream) => Ok(stream),
        Err(err) if is_not_found(&err) => Err(EventLogError::Stream {
            stream: STREAM_NAME.to_owned(),
            source: "the stream does not exist".into(),
        }),
        Err(err) if matches!(err.kind(), GetStreamErrorKind::Request) => Err(
            EventLogError::unavailable("looking up the event stream", err),
        ),
        Err(err) => Err(EventLogError::Stream {
            stream: STREAM_NAME.to_owned(),
            source: err.into(),
        }),
    }
}

fn is_not_found(err: &jetstream::context::GetStreamError) -> bool {
    match err.kind() {
        GetStreamErrorKind::JetStream(inner) => {
            inner.error_code() == jetstream::ErrorCode::STREAM_NOT_FOUND
        }
        _ => false,
    }
}
