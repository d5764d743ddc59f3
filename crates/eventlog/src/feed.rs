//! Reading the stream in order: the projector's durable consumer and the ordered
//! reads used by rebuilds and audits.

use std::time::Duration;

use async_nats::jetstream::consumer::{AckPolicy, DeliverPolicy, pull};
use futures::StreamExt;
use futures::stream::BoxStream;
use tracing::info;

use crate::error::EventLogError;
use crate::log::{EventLog, StoredMessage};

/// A message delivered to the projector, to be acknowledged once applied.
#[derive(Debug)]
pub struct Delivery {
    /// The stored message.
    pub message: StoredMessage,
    /// Messages the consumer still has to deliver after this one.
    pub pending: u64,
    inner: async_nats::jetstream::Message,
}

impl Delivery {
    /// Acknowledges this message and, under the consumer's ack-all policy, every
    /// earlier one. Only call it after the read models committed them.
    pub async fn ack(&self) -> Result<(), EventLogError> {
        self.inner
            .ack()
            .await
            .map_err(|e| EventLogError::Unavailable {
                what: format!("acknowledging message {}", self.message.seq),
                source: Some(e),
            })
    }
}

fn stored(msg: &async_nats::jetstream::Message) -> Result<(StoredMessage, u64), EventLogError> {
    let info = msg.info().map_err(|e| EventLogError::Refused {
        what: "a delivery without JetStream metadata".to_owned(),
        source: e,
    })?;
    Ok((
        StoredMessage {
            seq: info.stream_sequence,
            subject: msg.subject.to_string(),
            payload: msg.payload.clone(),
        },
        info.pending,
    ))
}

impl EventLog {
    /// Opens the projector's durable pull consumer, delivering from `after_seq + 1`.
    ///
    /// The read models own their position (the last applied sequence is committed
    /// with them), so an existing consumer of the same name is replaced rather than
    /// trusted: after a crash or a rebuild its position may be behind or ahead.
    /// The consumer is durable so that it survives a NATS restart while Ladder runs.
    pub async fn projector_feed(
        &self,
        durable_name: &str,
        after_seq: u64,
    ) -> Result<BoxStream<'static, Result<Delivery, EventLogError>>, EventLogError> {
        let stream = self
            .jetstream()
            .get_stream_no_info(proto_events::subject::STREAM_NAME)
            .await
            .map_err(|e| EventLogError::unavailable("opening the event stream", e))?;
        // Ignore "not found": there is nothing to replace on a first start.
        let _ = stream.delete_consumer(durable_name).await;
        let deliver_policy = if after_seq == 0 {
            DeliverPolicy::All
        } else {
            DeliverPolicy::ByStartSequence {
                start_sequence: after_seq + 1,
            }
        };
        let consumer = stream
            .create_consumer(pull::Config {
                durable_name: Some(durable_name.to_owned()),
                description: Some("Ladder projector".to_owned()),
                deliver_policy,
                ack_policy: AckPolicy::All,
                ack_wait: Duration::from_secs(60),
                max_ack_pending: 20_000,
                inactive_threshold: Duration::from_secs(24 * 3600),
                ..pull::Config::default()
            })
            .await
            .map_err(|e| EventLogError::unavailable("creating the projector consumer", e))?;
        info!(
            consumer = durable_name,
            from_seq = after_seq + 1,
            "projector consumer ready"
        );
        let messages = consumer
            .stream()
            .max_messages_per_batch(1000)
            .heartbeat(Duration::from_secs(5))
            .expires(Duration::from_secs(30))
            .messages()
            .await
            .map_err(|e| EventLogError::unavailable("pulling from the projector consumer", e))?;
        Ok(messages
            .map(|item| {
                let msg = item.map_err(|e| {
                    EventLogError::unavailable("receiving from the projector consumer", e)
                })?;
                let (message, pending) = stored(&msg)?;
                Ok(Delivery {
                    message,
                    pending,
                    inner: msg,
                })
            })
            .boxed())
    }

    /// Reads messages `from_seq..=to_seq` in order with an ordered consumer, then
    /// ends. Used by rebuilds and audits, which read a fixed range of history.
    pub async fn read_range(
        &self,
        from_seq: u64,
        to_seq: u64,
    ) -> Result<BoxStream<'static, Result<StoredMessage, EventLogError>>, EventLogError> {
        let from_seq = from_seq.max(1);
        let stream = self
            .jetstream()
            .get_stream_no_info(proto_events::subject::STREAM_NAME)
            .await
            .map_err(|e| EventLogError::unavailable("opening the event stream", e))?;
        let messages = if to_seq < from_seq {
            None
        } else {
            let consumer = stream
                .create_consumer(pull::OrderedConfig {
                    deliver_policy: DeliverPolicy::ByStartSequence {
                        start_sequence: from_seq,
                    },
                    ..pull::OrderedConfig::default()
                })
                .await
                .map_err(|e| EventLogError::unavailable("creating a reader", e))?;
            Some(
                consumer
                    .messages()
                    .await
                    .map_err(|e| EventLogError::unavailable("reading the stream", e))?,
            )
        };
        let state = (messages, false);
        Ok(
            futures::stream::unfold(state, move |(messages, done)| async move {
                let mut messages = messages?;
                if done {
                    return None;
                }
                let item = match messages.next().await {
                    None => Err(EventLogError::Unavailable {
                        what: "the stream reader ended early".to_owned(),
                        source: None,
                    }),
                    Some(Err(e)) => Err(EventLogError::unavailable("reading the stream", e)),
                    Some(Ok(msg)) => stored(&msg).map(|(m, _)| m),
                };
                let finished = match &item {
                    Ok(m) => m.seq >= to_seq,
                    Err(_) => true,
                };
                Some((item, (Some(messages), finished)))
            })
            .boxed(),
        )
    }
}
