//! Building read models from the stream into a fresh file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures::StreamExt;
use ladder_eventlog::{EventLog, StoredMessage};
use ladder_projection::{MODELS_FILE, Message, ReadModels};
use tracing::info;

use crate::error::ServiceError;
use crate::models::Models;

/// Messages applied per write transaction while rebuilding.
const REBUILD_BATCH: usize = 2000;

/// Applies stream messages `from..=until` to `models`, in batches, calling
/// `progress(applied_seq)` after each batch.
pub async fn project_range(
    log: &EventLog,
    models: Arc<ReadModels>,
    from: u64,
    until: u64,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<(), ServiceError> {
    if until < from {
        return Ok(());
    }
    let mut batches = log.read_range(from, until).await?.chunks(REBUILD_BATCH);
    while let Some(batch) = batches.next().await {
        let messages = batch
            .into_iter()
            .collect::<Result<Vec<StoredMessage>, _>>()?;
        let target = Arc::clone(&models);
        let outcome = tokio::task::spawn_blocking(move || {
            let batch: Vec<Message<'_>> = messages
                .iter()
                .map(|m| Message {
                    seq: m.seq,
                    subject: &m.subject,
                    payload: &m.payload,
                })
                .collect();
            target.apply(&batch)
        })
        .await
        .map_err(|e| ServiceError::Task(e.to_string()))??;
        progress(outcome.applied_seq);
    }
    Ok(())
}

/// Builds read models of the stream up to `until` (inclusive) into a new file at
/// `path`, replacing any leftover file there.
pub async fn build_fresh(
    log: &EventLog,
    path: &Path,
    until: u64,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<ReadModels, ServiceError> {
    if path.exists() {
        std::fs::remove_file(path).map_err(|source| ServiceError::Io {
            path: path.display().to_string(),
            source,
        })?;
    }
    let models = Arc::new(ReadModels::open(path)?);
    project_range(log, Arc::clone(&models), 1, until, progress).await?;
    Arc::try_unwrap(models).map_err(|_| ServiceError::Task("rebuild still in use".to_owned()))
}

/// What a rebuild produced.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RebuildReport {
    /// The stream sequence the new models reflect.
    pub applied_seq: u64,
    /// Digest of the models before the swap (hex).
    pub previous_digest: String,
    /// Digest of the rebuilt models (hex).
    pub digest: String,
    /// Whether the two match: they must when the previous models were current.
    pub matches_previous: bool,
}

/// The path a rebuild writes before it is swapped in.
pub fn staging_path(data_dir: &Path) -> PathBuf {
    data_dir.join(format!("{MODELS_FILE}.rebuild"))
}

/// Rebuilds the live models of a running server: builds a new file from the
/// stream, then pauses the projector, catches the new file up, and swaps it in.
pub async fn rebuild_online(
    log: &EventLog,
    models: &Models,
    data_dir: &Path,
) -> Result<RebuildReport, ServiceError> {
    let staging = staging_path(data_dir);
    let target = log.last_sequence().await?;
    info!(until_seq = target, "rebuilding read models");
    let fresh = Arc::new(build_fresh(log, &staging, target, &mut |_| {}).await?);
    let _gate = models.gate.lock().await;
    let live = models.current();
    let caught_up_to = live.applied_seq()?;
    project_range(
        log,
        Arc::clone(&fresh),
        target + 1,
        caught_up_to,
        &mut |_| {},
    )
    .await?;
    let previous_digest = hex(&live.digest()?);
    let digest = hex(&fresh.digest()?);
    let live_path = data_dir.join(MODELS_FILE);
    std::fs::rename(&staging, &live_path).map_err(|source| ServiceError::Io {
        path: live_path.display().to_string(),
        source,
    })?;
    let fresh = Arc::try_unwrap(fresh)
        .map_err(|_| ServiceError::Task("rebuild still in use".to_owned()))?;
    let applied_seq = fresh.applied_seq()?;
    models.replace(fresh.with_path(live_path));
    info!(applied_seq, digest = %digest, previous_digest = %previous_digest, "read models rebuilt and swapped in");
    Ok(RebuildReport {
        applied_seq,
        matches_previous: previous_digest == digest,
        previous_digest,
        digest,
    })
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
