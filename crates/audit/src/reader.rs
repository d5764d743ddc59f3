//! Ordered reads of a fixed range of the stream, handed in batches to a worker
//! thread.
//!
//! Audits read history that may have holes: a message deleted while `deny_delete`
//! was off leaves a gap in the sequence. The reader therefore ends at the first
//! message past the range or when the server reports nothing left to deliver,
//! never waiting for a sequence that does not exist. Decoding, hashing and redb
//! writes happen on a blocking worker, so they overlap with the network reads.

use async_nats::jetstream::consumer::DeliverPolicy;
use async_nats::jetstream::consumer::pull::OrderedConfig;
use futures::StreamExt;
use ladder_eventlog::{EventLog, StoredMessage};
use proto_events::subject::STREAM_NAME;
use serde::Serialize;
use tokio::sync::mpsc;

use crate::error::AuditError;

/// Messages handed to the worker at a time.
const BATCH: usize = 1000;
/// Batches read ahead of the worker.
const READ_AHEAD: usize = 8;

/// Called with the last stream sequence read, after each batch.
pub type Progress<'a> = &'a mut (dyn FnMut(u64) + Send);

/// The stream's counters, as the server reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StreamState {
    /// Sequence of the first message still stored; 0 when empty.
    pub first_seq: u64,
    /// Sequence of the last message ever stored; 0 when empty.
    pub last_seq: u64,
    /// Messages stored.
    pub messages: u64,
    /// Sequences missing between the first and the last: deleted messages.
    pub deleted: u64,
}

/// Reads the stream's counters.
pub async fn stream_state(log: &EventLog) -> Result<StreamState, AuditError> {
    let stream = log
        .jetstream()
        .get_stream(STREAM_NAME)
        .await
        .map_err(|e| read_error("reading the stream state", e))?;
    let state = &stream.cached_info().state;
    Ok(StreamState {
        first_seq: state.first_sequence,
        last_seq: state.last_sequence,
        messages: state.messages,
        // The server counts interior deletions only when asked; the span says it.
        deleted: (state.last_sequence + 1)
            .saturating_sub(state.first_sequence)
            .saturating_sub(state.messages),
    })
}

/// Reads messages `from..=until` in stream order and hands them, in batches, to
/// `step` on a blocking worker thread that owns `state`; returns the state when the
/// range is done.
///
/// Stops early, without error, when the worker fails (its error is returned) or the
/// stream holds nothing more in the range.
pub(crate) async fn pump<S, F>(
    log: &EventLog,
    from: u64,
    until: u64,
    state: S,
    mut step: F,
    progress: Progress<'_>,
) -> Result<S, AuditError>
where
    S: Send + 'static,
    F: FnMut(&mut S, Vec<StoredMessage>) -> Result<(), AuditError> + Send + 'static,
{
    let step = move |state: &mut S, batch| step(state, batch).map(|()| Flow::Continue);
    pump_while(log, from, until, state, step, progress).await
}

/// Whether a worker wants more of the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Hand over the next batch.
    Continue,
    /// Enough: stop reading and return the state.
    Stop,
}

/// [`pump`] for a worker that may have read enough before the range ends.
pub(crate) async fn pump_while<S, F>(
    log: &EventLog,
    from: u64,
    until: u64,
    state: S,
    step: F,
    progress: Progress<'_>,
) -> Result<S, AuditError>
where
    S: Send + 'static,
    F: FnMut(&mut S, Vec<StoredMessage>) -> Result<Flow, AuditError> + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Vec<StoredMessage>>(READ_AHEAD);
    let worker = tokio::task::spawn_blocking(move || work(rx, state, step));
    let read = read_into(log, from.max(1), until, &tx, progress).await;
    drop(tx);
    let state = worker
        .await
        .map_err(|e| AuditError::Task(e.to_string()))??;
    read.map(|()| state)
}

fn work<S, F>(
    mut rx: mpsc::Receiver<Vec<StoredMessage>>,
    mut state: S,
    mut step: F,
) -> Result<S, AuditError>
where
    F: FnMut(&mut S, Vec<StoredMessage>) -> Result<Flow, AuditError>,
{
    while let Some(batch) = rx.blocking_recv() {
        if step(&mut state, batch)? == Flow::Stop {
            // Dropping the receiver ends the reader at its next send.
            break;
        }
    }
    Ok(state)
}

async fn read_into(
    log: &EventLog,
    from: u64,
    until: u64,
    tx: &mpsc::Sender<Vec<StoredMessage>>,
    progress: Progress<'_>,
) -> Result<(), AuditError> {
    if until < from {
        return Ok(());
    }
    let stream = log
        .jetstream()
        .get_stream_no_info(STREAM_NAME)
        .await
        .map_err(|e| read_error("opening the event stream", e))?;
    let mut consumer = stream
        .create_consumer(OrderedConfig {
            deliver_policy: DeliverPolicy::ByStartSequence {
                start_sequence: from,
            },
            ..OrderedConfig::default()
        })
        .await
        .map_err(|e| read_error("creating a reader", e))?;
    if consumer.info().await.map(|i| i.num_pending).unwrap_or(1) == 0 {
        return Ok(());
    }
    let mut messages = consumer
        .messages()
        .await
        .map_err(|e| read_error("reading the stream", e))?;
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        let msg = match messages.next().await {
            Some(Ok(msg)) => msg,
            Some(Err(e)) => return Err(read_error("reading the stream", e)),
            None => {
                return Err(AuditError::Read {
                    what: "the stream reader ended early".to_owned(),
                    source: "no more deliveries".into(),
                });
            }
        };
        let info = msg
            .info()
            .map_err(|e| read_error("a delivery without stream metadata", e))?;
        let (seq, pending) = (info.stream_sequence, info.pending);
        let past_end = seq > until;
        if !past_end {
            batch.push(StoredMessage {
                seq,
                subject: msg.subject.to_string(),
                payload: msg.payload.clone(),
            });
        }
        let done = past_end || seq >= until || pending == 0;
        if done || batch.len() >= BATCH {
            let sent = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            let last = sent.last().map(|m| m.seq);
            if !sent.is_empty() && tx.send(sent).await.is_err() {
                // The worker stopped: its error is what the caller reports, or it
                // read enough.
                return Ok(());
            }
            if let Some(last) = last {
                progress(last);
            }
        }
        if done {
            return Ok(());
        }
    }
}

pub(crate) fn read_error(what: &str, source: impl Into<async_nats::Error>) -> AuditError {
    AuditError::Read {
        what: what.to_owned(),
        source: source.into(),
    }
}
