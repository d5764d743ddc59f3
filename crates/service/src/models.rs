//! The live read models, shared between the projector and the query fronts.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use ladder_projection::ReadModels;
use serde::Serialize;
use tokio::sync::watch;

/// Where the projector stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProjectionStatus {
    /// Last stream sequence applied to the read models.
    pub applied_seq: u64,
    /// The stream's last sequence when the projector started; the models are
    /// catching up until they reach it.
    pub startup_target_seq: u64,
    /// Whether the models have reached the startup target since this process started.
    pub caught_up: bool,
    /// Messages quarantined by this process so far.
    pub quarantined: u64,
}

/// The read models in use and the projector's progress. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Models {
    current: Arc<RwLock<Arc<ReadModels>>>,
    status: watch::Sender<ProjectionStatus>,
    /// Held by the projector while it applies a batch, and by an online rebuild
    /// while it swaps files, so that the two never interleave.
    pub(crate) gate: Arc<tokio::sync::Mutex<()>>,
    /// Held for the whole of an online rebuild: two at once would both build into
    /// the same staging file and swap it in twice.
    pub(crate) rebuilding: Arc<tokio::sync::Mutex<()>>,
}

impl Models {
    /// Wraps opened read models.
    pub fn new(models: ReadModels) -> Models {
        let applied_seq = models.applied_seq().unwrap_or(0);
        let (status, _) = watch::channel(ProjectionStatus {
            applied_seq,
            ..ProjectionStatus::default()
        });
        Models {
            current: Arc::new(RwLock::new(Arc::new(models))),
            status,
            gate: Arc::new(tokio::sync::Mutex::new(())),
            rebuilding: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// The read models to answer from now.
    pub fn current(&self) -> Arc<ReadModels> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            // A panic while swapping cannot leave a half-written Arc; keep serving.
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Replaces the read models (after a rebuild).
    pub(crate) fn replace(&self, models: ReadModels) {
        let applied_seq = models.applied_seq().unwrap_or(0);
        let models = Arc::new(models);
        match self.current.write() {
            Ok(mut guard) => *guard = models,
            Err(poisoned) => *poisoned.into_inner() = models,
        }
        self.status.send_modify(|s| s.applied_seq = applied_seq);
    }

    /// The projector's progress.
    pub fn status(&self) -> ProjectionStatus {
        *self.status.borrow()
    }

    pub(crate) fn update_status(&self, update: impl FnOnce(&mut ProjectionStatus)) {
        self.status.send_modify(update);
    }

    /// Waits until the models have applied `seq`, for read-your-writes queries.
    /// Returns whether they did within `timeout`. Cancel safe.
    pub async fn wait_for(&self, seq: u64, timeout: Duration) -> bool {
        let mut rx = self.status.subscribe();
        tokio::time::timeout(timeout, rx.wait_for(|s| s.applied_seq >= seq))
            .await
            .is_ok_and(|r| r.is_ok())
    }
}
