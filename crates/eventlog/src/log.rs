//! The connection to JetStream and the operations Ladder performs on it.

use std::sync::Arc;
use std::time::Duration;

use async_nats::connection::State;
use async_nats::jetstream::context::PublishErrorKind;
use async_nats::jetstream::stream::{LastRawMessageErrorKind, RawMessageErrorKind};
use async_nats::jetstream::{self, ErrorCode};
use bytes::Bytes;
use proto_events::subject::STREAM_NAME;
use tracing::{debug, info, instrument};
use uuid::Uuid;

use crate::error::EventLogError;
use crate::history::History;
use crate::stream::{self, StreamSettings};
use crate::version::{MINIMUM_SERVER_VERSION, ServerVersion};

/// How to reach and set up the event log.
#[derive(Clone, Debug)]
pub struct EventLogConfig {
    /// NATS server URL(s), comma separated.
    pub url: String,
    /// Client name shown in the server's connection list.
    pub client_name: String,
    /// Settings used if the stream has to be created.
    pub stream: StreamSettings,
    /// How long to wait for JetStream to answer a request or acknowledge a publish.
    pub request_timeout: Duration,
    /// Aggregate histories kept in memory between commands.
    pub history_cache_entries: usize,
}

impl EventLogConfig {
    /// Defaults for `url`.
    pub fn new(url: impl Into<String>) -> EventLogConfig {
        EventLogConfig {
            url: url.into(),
            client_name: "ladder".to_owned(),
            stream: StreamSettings::default(),
            request_timeout: Duration::from_secs(5),
            history_cache_entries: 10_000,
        }
    }
}

/// One stored message, as read back from the stream.
#[derive(Clone, Debug)]
pub struct StoredMessage {
    /// Stream sequence.
    pub seq: u64,
    /// The subject it was stored under.
    pub subject: String,
    /// The payload bytes.
    pub payload: Bytes,
}

/// What happened to an append.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Appended {
    /// Stored at this sequence.
    Stored {
        /// Stream sequence of the new commit.
        seq: u64,
    },
    /// JetStream had already stored a message with this id (within its duplicate
    /// window), at this sequence; nothing new was stored.
    Duplicate {
        /// Stream sequence of the earlier message.
        seq: u64,
    },
}

/// Why an append did not store anything.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// Another commit reached the aggregate first (JetStream error 10071 or 10164);
    /// reload the history, decide again and retry.
    #[error("the aggregate changed since it was loaded")]
    WrongLastSequence,
    /// The log failed; see [`EventLogError::is_unavailable`].
    #[error(transparent)]
    Log(#[from] EventLogError),
}

/// Ladder's handle on the JetStream event log. Cheap to clone.
#[derive(Clone, Debug)]
pub struct EventLog {
    client: async_nats::Client,
    js: jetstream::Context,
    stream: jetstream::stream::Stream,
    cache: Arc<quick_cache::sync::Cache<String, Arc<History>>>,
}

impl EventLog {
    /// Connects, checks the server version and JetStream, and opens or creates the
    /// stream.
    ///
    /// Fails when the server is unreachable, older than
    /// [`MINIMUM_SERVER_VERSION`], has JetStream disabled, or holds the stream with
    /// unsafe settings.
    #[instrument(skip_all, fields(url = %crate::url::redacted(&config.url)))]
    pub async fn connect(config: &EventLogConfig) -> Result<EventLog, EventLogError> {
        Self::connect_with(config, true).await
    }

    /// Connects to read history only, as auditors do: checks the server version and
    /// opens the existing stream, neither creating it nor refusing unsafe settings,
    /// which an audit reports instead (see [`crate::unsafe_settings`]).
    ///
    /// Fails when the server is unreachable, too old, has JetStream disabled, or
    /// holds no `LADDER_EVENTS` stream.
    #[instrument(skip_all, fields(url = %crate::url::redacted(&config.url)))]
    pub async fn connect_existing(config: &EventLogConfig) -> Result<EventLog, EventLogError> {
        Self::connect_with(config, false).await
    }

    async fn connect_with(
        config: &EventLogConfig,
        for_writing: bool,
    ) -> Result<EventLog, EventLogError> {
        let mut options = async_nats::ConnectOptions::new()
            .name(&config.client_name)
            .request_timeout(Some(config.request_timeout));
        if let Some((user, password)) = crate::url::credentials(&config.url) {
            options = options.user_and_password(user, password);
        }
        let client = options
            .connect(config.url.as_str())
            .await
            .map_err(|source| EventLogError::Connect {
                url: crate::url::redacted(&config.url),
                source,
            })?;
        let reported = client.server_info().version;
        let version =
            ServerVersion::parse(&reported).ok_or_else(|| EventLogError::ServerTooOld {
                found: reported.clone(),
                minimum: MINIMUM_SERVER_VERSION.to_string(),
            })?;
        if version < MINIMUM_SERVER_VERSION {
            return Err(EventLogError::ServerTooOld {
                found: reported,
                minimum: MINIMUM_SERVER_VERSION.to_string(),
            });
        }
        if !client.server_info().jetstream {
            return Err(EventLogError::JetStreamDisabled {
                url: crate::url::redacted(&config.url),
            });
        }
        let js = jetstream::ContextBuilder::new()
            .timeout(config.request_timeout)
            .ack_timeout(config.request_timeout)
            .build(client.clone());
        let stream = if for_writing {
            stream::ensure(&js, &config.stream).await?
        } else {
            stream::existing(&js).await?
        };
        info!(server_version = %version, stream = STREAM_NAME, "connected to the event log");
        Ok(EventLog {
            client,
            js,
            stream,
            cache: Arc::new(quick_cache::sync::Cache::new(
                config.history_cache_entries.max(1),
            )),
        })
    }

    /// The underlying NATS client, for the fronts' subscriptions.
    pub fn client(&self) -> &async_nats::Client {
        &self.client
    }

    /// The JetStream context, for consumers.
    pub fn jetstream(&self) -> &jetstream::Context {
        &self.js
    }

    /// Whether the connection is currently up; commands fail fast while it is not.
    pub fn is_connected(&self) -> bool {
        self.client.connection_state() == State::Connected
    }

    fn ensure_connected(&self, what: &str) -> Result<(), EventLogError> {
        if self.is_connected() {
            Ok(())
        } else {
            Err(EventLogError::Unavailable {
                what: format!("{what}: not connected to NATS"),
                source: None,
            })
        }
    }

    /// The stream's current configuration, as the server reports it.
    pub async fn stream_config(&self) -> Result<jetstream::stream::Config, EventLogError> {
        let mut stream = self.stream.clone();
        let info = stream
            .info()
            .await
            .map_err(|e| EventLogError::unavailable("reading the stream configuration", e))?;
        Ok(info.config.clone())
    }

    /// Sequence of the last message in the stream; 0 when empty.
    pub async fn last_sequence(&self) -> Result<u64, EventLogError> {
        let mut stream = self.stream.clone();
        let info = stream
            .info()
            .await
            .map_err(|e| EventLogError::unavailable("reading stream state", e))?;
        Ok(info.state.last_sequence)
    }

    /// Reads the message at `seq`; `None` if there is none (never was, or a gap).
    pub async fn get(&self, seq: u64) -> Result<Option<StoredMessage>, EventLogError> {
        match self.stream.get_raw_message(seq).await {
            Ok(msg) => Ok(Some(StoredMessage {
                seq: msg.sequence,
                subject: msg.subject.to_string(),
                payload: msg.payload,
            })),
            Err(err) if is_no_message(&err) => Ok(None),
            Err(err) => Err(EventLogError::unavailable(
                format!("reading message {seq}"),
                err,
            )),
        }
    }

    /// Whether any message was ever stored under `subject`.
    pub async fn subject_exists(&self, subject: &str) -> Result<bool, EventLogError> {
        Ok(self.load(subject).await?.exists())
    }

    /// Loads every message stored under an aggregate subject, verifying the hash
    /// chain as it goes (see [`History`]).
    ///
    /// Histories are cached, and a node's own appends extend the cached copy, so a
    /// load usually costs one request; commits from elsewhere are read in one pass.
    #[instrument(level = "debug", skip(self))]
    pub async fn load(&self, subject: &str) -> Result<Arc<History>, EventLogError> {
        self.ensure_connected("loading an aggregate")?;
        let last = match self.stream.get_last_raw_message_by_subject(subject).await {
            Ok(msg) => msg,
            Err(err) if matches!(err.kind(), LastRawMessageErrorKind::NoMessageFound) => {
                return Ok(Arc::new(History::empty(subject)));
            }
            Err(err) => {
                return Err(EventLogError::unavailable(
                    format!("loading {subject}"),
                    err,
                ));
            }
        };
        let cached = self.cache.get(subject);
        if let Some(history) = &cached
            && history.last_seq == last.sequence
        {
            return Ok(Arc::clone(history));
        }
        let mut history = match cached {
            Some(history) if history.last_seq < last.sequence => (*history).clone(),
            _ => History::empty(subject),
        };
        let from = history.last_seq + 1;
        for (seq, payload) in self.read_subject(subject, from, last.sequence).await? {
            history.push(seq, &payload);
        }
        history.push(last.sequence, &last.payload);
        debug!(
            subject,
            commits = history.commits.len(),
            last_seq = history.last_seq,
            "loaded"
        );
        let history = Arc::new(history);
        self.cache.insert(subject.to_owned(), Arc::clone(&history));
        Ok(history)
    }

    /// Appends a commit under `subject` if the subject's last sequence is still
    /// `expected_last_seq` (0 for a new aggregate), with the command id as
    /// `Nats-Msg-Id`.
    ///
    /// Returns [`AppendError::WrongLastSequence`] when another commit got there
    /// first. A timeout is reported as unavailable: the commit may or may not have
    /// been stored, and a retry with the same command id finds out which.
    #[instrument(level = "debug", skip(self, payload), fields(bytes = payload.len()))]
    pub async fn append(
        &self,
        subject: &str,
        expected_last_seq: u64,
        command_id: Uuid,
        payload: Bytes,
    ) -> Result<Appended, AppendError> {
        self.ensure_connected("appending a commit")?;
        let stored = payload.clone();
        let publish = jetstream::message::PublishMessage::build()
            .payload(payload)
            .message_id(command_id.to_string())
            .expected_last_subject_sequence(expected_last_seq);
        let ack_future = self
            .js
            .send_publish(subject.to_owned(), publish)
            .await
            .map_err(|e| EventLogError::unavailable("sending a commit", e))?;
        match ack_future.await {
            Ok(ack) if ack.duplicate => Ok(Appended::Duplicate { seq: ack.sequence }),
            Ok(ack) => {
                self.remember(subject, expected_last_seq, ack.sequence, &stored);
                Ok(Appended::Stored { seq: ack.sequence })
            }
            // The cached copy is merely behind; the next load catches it up.
            Err(err) if is_wrong_last_sequence(&err) => Err(AppendError::WrongLastSequence),
            Err(err) => match err.kind() {
                PublishErrorKind::TimedOut | PublishErrorKind::BrokenPipe => Err(
                    EventLogError::unavailable("waiting for the commit's acknowledgement", err)
                        .into(),
                ),
                PublishErrorKind::StreamNotFound => {
                    Err(EventLogError::unavailable("appending: no stream answers", err).into())
                }
                _ => Err(EventLogError::refused("the commit", err).into()),
            },
        }
    }
    /// Extends the cached history with a commit this node just stored, when the
    /// cache held exactly the history the commit was decided on.
    fn remember(&self, subject: &str, expected_last_seq: u64, seq: u64, payload: &[u8]) {
        if let Some(cached) = self.cache.get(subject)
            && cached.last_seq == expected_last_seq
        {
            let mut history = (*cached).clone();
            history.push(seq, payload);
            self.cache.insert(subject.to_owned(), Arc::new(history));
        }
    }

    /// The messages stored under `subject` from sequence `from` up to, excluding,
    /// `until`. One request when there is at most one; otherwise an ordered consumer
    /// filtered to the subject streams them in one pass.
    async fn read_subject(
        &self,
        subject: &str,
        from: u64,
        until: u64,
    ) -> Result<Vec<(u64, Bytes)>, EventLogError> {
        let unavailable = |e: async_nats::Error| EventLogError::Unavailable {
            what: format!("loading {subject}"),
            source: Some(e),
        };
        if from >= until {
            return Ok(Vec::new());
        }
        let first = self
            .stream
            .raw_message_builder()
            .sequence(from)
            .next_by_subject(subject)
            .send()
            .await
            .map_err(|e| unavailable(e.into()))?;
        if first.sequence >= until {
            return Ok(Vec::new());
        }
        let mut found = vec![(first.sequence, first.payload)];
        let consumer = self
            .stream
            .create_consumer(jetstream::consumer::pull::OrderedConfig {
                filter_subject: subject.to_owned(),
                deliver_policy: jetstream::consumer::DeliverPolicy::ByStartSequence {
                    start_sequence: first.sequence + 1,
                },
                ..Default::default()
            })
            .await
            .map_err(|e| unavailable(e.into()))?;
        let mut messages = consumer
            .messages()
            .await
            .map_err(|e| unavailable(e.into()))?;
        // The subject's last message is at `until`, so the reader always reaches it.
        while let Some(message) = futures::StreamExt::next(&mut messages).await {
            let message = message.map_err(|e| unavailable(e.into()))?;
            let seq = message.info().map_err(unavailable)?.stream_sequence;
            if seq >= until {
                break;
            }
            found.push((seq, message.payload.clone()));
        }
        Ok(found)
    }
}

fn is_wrong_last_sequence(err: &jetstream::context::PublishError) -> bool {
    if err.kind() == PublishErrorKind::WrongLastSequence {
        return true;
    }
    // async-nats maps only 10071 to WrongLastSequence; 10164 (the same condition
    // reported for a constant expected sequence by newer servers) arrives as Other.
    std::error::Error::source(err)
        .and_then(|s| s.downcast_ref::<jetstream::Error>())
        .is_some_and(|e| {
            e.error_code() == ErrorCode::STREAM_WRONG_LAST_SEQUENCE
                || e.error_code() == ErrorCode::STREAM_WRONG_LAST_SEQUENCE_CONSTANT
        })
}

fn is_no_message(err: &jetstream::stream::RawMessageError) -> bool {
    match err.kind() {
        RawMessageErrorKind::NoMessageFound => true,
        RawMessageErrorKind::JetStream(e) => e.error_code() == ErrorCode::NO_MESSAGE_FOUND,
        _ => false,
    }
}
