//! The projector loop: durable consumer → batches → read models.

use std::time::Duration;

use futures::StreamExt;
use ladder_eventlog::{Delivery, EventLog, EventLogError, StoredMessage};
use ladder_projection::{Message, ProjectionError};
use tokio_util::sync::CancellationToken;
use tracing::{error, info, warn};

use crate::models::Models;

/// How long a batch waits for the next pending message before it is applied.
const PENDING_WAIT: Duration = Duration::from_millis(50);

/// Runs the projector until `shutdown` fires.
#[derive(Debug)]
pub struct Projector {
    log: EventLog,
    models: Models,
    durable_name: String,
    batch_max: usize,
}

impl Projector {
    /// A projector feeding `models` through the durable consumer `durable_name`.
    pub fn new(log: EventLog, models: Models, durable_name: String, batch_max: usize) -> Self {
        Projector {
            log,
            models,
            durable_name,
            batch_max: batch_max.max(1),
        }
    }

    /// Applies the stream to the read models until `shutdown` fires, reconnecting
    /// the consumer after failures. A batch in progress is finished before it
    /// returns, so cancelling never leaves a half-applied batch (redb would roll
    /// it back anyway).
    pub async fn run(self, shutdown: CancellationToken) {
        let mut backoff = Duration::from_millis(200);
        while !shutdown.is_cancelled() {
            match self.follow(&shutdown).await {
                Ok(()) => return,
                Err(err) => {
                    warn!(error = %crate::error_chain(err.as_ref()), retry_in = ?backoff, "projector interrupted");
                }
            }
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep(backoff) => {}
            }
            backoff = (backoff * 2).min(Duration::from_secs(5));
        }
    }

    async fn follow(
        &self,
        shutdown: &CancellationToken,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let applied = self.models.current().applied_seq()?;
        let target = self.log.last_sequence().await?;
        if !self.models.status().caught_up {
            self.models.update_status(|s| {
                s.applied_seq = applied;
                s.startup_target_seq = target;
                s.caught_up = applied >= target;
            });
            info!(
                applied_seq = applied,
                stream_last_seq = target,
                "projector starting"
            );
        }
        let feed = self.log.projector_feed(&self.durable_name, applied).await?;
        let mut feed = feed;
        loop {
            let first = tokio::select! {
                () = shutdown.cancelled() => return Ok(()),
                first = feed.next() => first,
            };
            let Some(first) = first else {
                return Err("the projector consumer ended".into());
            };
            let batch = self.fill_batch(first, &mut feed).await;
            let mut deliveries = Vec::with_capacity(batch.len());
            let mut failure = None;
            for item in batch {
                match item {
                    Ok(delivery) => deliveries.push(delivery),
                    Err(err) => {
                        failure = Some(err);
                        break;
                    }
                }
            }
            if let Some(last) = deliveries.last() {
                let messages: Vec<StoredMessage> =
                    deliveries.iter().map(|d| d.message.clone()).collect();
                let outcome = self.apply(messages).await?;
                last.ack().await?;
                let pending = last.pending;
                self.models.update_status(|s| {
                    s.applied_seq = outcome.applied_seq;
                    s.quarantined += outcome.quarantined as u64;
                    if !s.caught_up && (pending == 0 || s.applied_seq >= s.startup_target_seq) {
                        s.caught_up = true;
                        info!(
                            applied_seq = s.applied_seq,
                            "read models caught up with the stream"
                        );
                    }
                });
            }
            if let Some(err) = failure {
                return Err(err.into());
            }
        }
    }

    /// Gathers one batch: while the consumer says more messages are pending (catching
    /// up), waits briefly for them so that one transaction carries many; at the head
    /// of the stream it applies what it has at once.
    async fn fill_batch(
        &self,
        first: Result<Delivery, EventLogError>,
        feed: &mut (impl futures::Stream<Item = Result<Delivery, EventLogError>> + Unpin),
    ) -> Vec<Result<Delivery, EventLogError>> {
        let mut batch = vec![first];
        while batch.len() < self.batch_max {
            let more_pending = matches!(batch.last(), Some(Ok(d)) if d.pending > 0);
            if !more_pending {
                break;
            }
            match tokio::time::timeout(PENDING_WAIT, feed.next()).await {
                Ok(Some(item)) => batch.push(item),
                Ok(None) | Err(_) => break,
            }
        }
        batch
    }

    async fn apply(
        &self,
        messages: Vec<StoredMessage>,
    ) -> Result<ladder_projection::BatchOutcome, ProjectionError> {
        let _gate = self.models.gate.lock().await;
        let models = self.models.current();
        let joined = tokio::task::spawn_blocking(move || {
            let batch: Vec<Message<'_>> = messages
                .iter()
                .map(|m| Message {
                    seq: m.seq,
                    subject: &m.subject,
                    payload: &m.payload,
                })
                .collect();
            models.apply(&batch)
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(join) => {
                error!(error = %join, "read-model batch task failed");
                Err(ProjectionError::Io {
                    path: self.models.current().path().display().to_string(),
                    source: std::io::Error::other(join.to_string()),
                })
            }
        }
    }
}
