//! Replaying the stream into read models: rebuilds and point-in-time replays.
//!
//! The read models are a fold of the stream, so the models "as they were" at a
//! point are the fold of the stream up to that point, built into a file of their
//! own. A point in time is turned into a stream position by the commits' recorded
//! times; the stream order stays authoritative, since a replay must be a prefix of
//! the stream to equal what a projector showed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use ladder_eventlog::{EventLog, StoredMessage};
use ladder_projection::{MODELS_FILE, Message, ReadModels};
use serde::Serialize;

use crate::error::AuditError;
use crate::payload::hex;
use crate::reader::{Progress, pump};

/// Messages applied per write transaction while replaying: each commit of the
/// read-model file syncs it to disk, so fewer, larger transactions replay faster.
pub const REPLAY_BATCH: usize = 10_000;

/// Applies stream messages `from..=until` to `models`, in batches, calling
/// `progress(seq)` as the stream is read. A sequence missing from the stream (a
/// gap) is passed over; nothing past `until` is applied.
pub async fn project_range(
    log: &EventLog,
    models: Arc<ReadModels>,
    from: u64,
    until: u64,
    progress: Progress<'_>,
) -> Result<(), AuditError> {
    let state = Applying {
        models,
        pending: Vec::with_capacity(REPLAY_BATCH),
    };
    let mut done = pump(log, from, until, state, Applying::step, progress).await?;
    tokio::task::spawn_blocking(move || done.flush())
        .await
        .map_err(|e| AuditError::Task(e.to_string()))?
}

/// Feeds batches to read models on the reader's worker thread.
pub(crate) struct Applying {
    pub(crate) models: Arc<ReadModels>,
    pending: Vec<StoredMessage>,
}

impl Applying {
    pub(crate) fn new(models: Arc<ReadModels>) -> Applying {
        Applying {
            models,
            pending: Vec::with_capacity(REPLAY_BATCH),
        }
    }

    pub(crate) fn step(&mut self, batch: Vec<StoredMessage>) -> Result<(), AuditError> {
        self.add(batch)
    }

    /// Queues messages, applying a transaction whenever a full batch is queued.
    pub(crate) fn add(
        &mut self,
        messages: impl IntoIterator<Item = StoredMessage>,
    ) -> Result<(), AuditError> {
        for message in messages {
            self.pending.push(message);
            if self.pending.len() >= REPLAY_BATCH {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// Applies whatever is queued.
    pub(crate) fn flush(&mut self) -> Result<(), AuditError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch: Vec<Message<'_>> = self
            .pending
            .iter()
            .map(|m| Message {
                seq: m.seq,
                subject: &m.subject,
                payload: &m.payload,
            })
            .collect();
        self.models.apply(&batch)?;
        self.pending.clear();
        Ok(())
    }
}

/// Builds read models of the stream up to `until` (inclusive) into a new file at
/// `path`, replacing any leftover file there.
pub async fn build_fresh(
    log: &EventLog,
    path: &Path,
    until: u64,
    progress: Progress<'_>,
) -> Result<ReadModels, AuditError> {
    if path.exists() {
        std::fs::remove_file(path).map_err(|e| AuditError::io(path, e))?;
    }
    let models = Arc::new(ReadModels::open(path)?);
    project_range(log, Arc::clone(&models), 1, until, progress).await?;
    Arc::try_unwrap(models).map_err(|_| AuditError::Task("replay still in use".to_owned()))
}

/// The point a replay stops at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// Up to and including this stream sequence.
    Seq(u64),
    /// Up to the last message whose commit was recorded at or before this time.
    Time(Timestamp),
}

/// What a point-in-time replay built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReplayReport {
    /// The read-model file written.
    pub models: String,
    /// The last stream sequence applied.
    pub applied_seq: u64,
    /// When that message's commit was recorded, if it decodes.
    pub applied_recorded_at: Option<Timestamp>,
    /// Digest of the replayed models (hex), comparable with `ladder audit verify`'s.
    pub digest: String,
    /// Messages quarantined up to that point.
    pub quarantined: usize,
}

/// Builds the read models as they were at `until` into `out_dir/models.redb`, a
/// data directory of its own that `ladder query --data` can answer from.
///
/// Fails with [`AuditError::OutputExists`] when `out_dir` already holds read models
/// (a replay never overwrites models, least of all live ones), and with
/// [`AuditError::PastEnd`] for a sequence the stream has not reached.
pub async fn replay(
    log: &EventLog,
    until: Until,
    out_dir: &Path,
    progress: Progress<'_>,
) -> Result<ReplayReport, AuditError> {
    let path = out_dir.join(MODELS_FILE);
    if path.exists() {
        return Err(AuditError::OutputExists {
            path: path.display().to_string(),
        });
    }
    let last = log.last_sequence().await?;
    let seq = match until {
        Until::Seq(seq) if seq > last => {
            return Err(AuditError::PastEnd {
                requested: seq,
                last,
            });
        }
        Until::Seq(seq) => seq,
        Until::Time(at) => seq_at(log, at, last, &mut |_| {}).await?,
    };
    std::fs::create_dir_all(out_dir).map_err(|e| AuditError::io(out_dir, e))?;
    let staging = staging_path(&path);
    let models = build_fresh(log, &staging, seq, progress).await?;
    let applied_seq = models.applied_seq()?;
    let digest = hex(&models.digest()?);
    let quarantined = models.quarantined()?.len();
    drop(models);
    std::fs::rename(&staging, &path).map_err(|e| AuditError::io(&path, e))?;
    let applied = match applied_seq {
        0 => None,
        seq => log.get(seq).await?,
    };
    let applied_recorded_at = applied
        .and_then(|m| proto_events::decode_header(&m.payload).ok())
        .map(|h| h.recorded_at);
    Ok(ReplayReport {
        models: path.display().to_string(),
        applied_seq,
        applied_recorded_at,
        digest,
        quarantined,
    })
}

/// The sequence of the last message (up to `last`) whose commit was recorded at or
/// before `at`; 0 when there is none. Reads only headers.
///
/// Clocks of different nodes may disagree by a little, so recorded times are not
/// strictly increasing along the stream; taking the last message at or before `at`
/// keeps every commit recorded by then.
pub async fn seq_at(
    log: &EventLog,
    at: Timestamp,
    last: u64,
    progress: Progress<'_>,
) -> Result<u64, AuditError> {
    let step = move |found: &mut u64, batch: Vec<StoredMessage>| {
        for message in &batch {
            if let Ok(header) = proto_events::decode_header(&message.payload)
                && header.recorded_at <= at
            {
                *found = message.seq;
            }
        }
        Ok(())
    };
    pump(log, 1, last, 0u64, step, progress).await
}

fn staging_path(path: &Path) -> PathBuf {
    path.with_extension("redb.replay")
}
