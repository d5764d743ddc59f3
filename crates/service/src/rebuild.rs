//! Building read models from the stream into a fresh file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ladder_audit::replay::{build_fresh, project_range};
use ladder_eventlog::EventLog;
use ladder_projection::MODELS_FILE;
use tracing::{info, warn};

use crate::error::ServiceError;
use crate::models::Models;

/// How long a rebuild waits for the live projector to reach the sequence it rebuilt to.
const LIVE_CATCH_UP: Duration = Duration::from_secs(30);

/// What a rebuild produced.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
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
///
/// Fails with [`ServiceError::RebuildRunning`] while another rebuild runs.
pub async fn rebuild_online(
    log: &EventLog,
    models: &Models,
    data_dir: &Path,
) -> Result<RebuildReport, ServiceError> {
    let Ok(_rebuilding) = models.rebuilding.try_lock() else {
        return Err(ServiceError::RebuildRunning);
    };
    let staging = staging_path(data_dir);
    let target = log.last_sequence().await?;
    info!(until_seq = target, "rebuilding read models");
    let fresh = Arc::new(build_fresh(log, &staging, target, &mut |_| {}).await?);
    // The live projector may not have applied the newest commits yet; compared before it
    // has, the two files would differ by that lag alone and the report would cry wolf.
    if !models.wait_for(target, LIVE_CATCH_UP).await {
        warn!(
            until_seq = target,
            waited_s = LIVE_CATCH_UP.as_secs(),
            "live read models are behind the rebuild; their digests will differ"
        );
    }
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
