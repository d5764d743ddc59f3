//! The projector against its ceiling: `ReadModels::apply` fed this run's commits, and
//! a fresh node catching up with the whole stream.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use ladder_eventlog::StoredMessage;
use ladder_projection::{Message, ReadModels};

use crate::node::Node;
use crate::progress;
use crate::stats::Measured;

/// How long a fresh node may take to catch up before the run is abandoned.
const CATCH_UP_LIMIT: Duration = Duration::from_secs(1800);

/// Read models fed directly, as the projector feeds them.
#[derive(Debug)]
pub(crate) struct Applier {
    models: ReadModels,
}

impl Applier {
    /// Creates read models at `path`.
    pub(crate) fn create(path: &Path) -> Result<Applier> {
        let models = ReadModels::open(path).context("cannot create read models")?;
        Ok(Applier { models })
    }

    /// Applies `commits` in order, `batch` per `apply` call (one redb write transaction
    /// each), and returns the time spent in those calls.
    pub(crate) fn apply(
        &self,
        label: &str,
        commits: &[StoredMessage],
        batch: usize,
    ) -> Result<Duration> {
        let bar = progress::bar(label, commits.len() as u64);
        let mut elapsed = Duration::ZERO;
        for chunk in commits.chunks(batch.max(1)) {
            let messages: Vec<Message<'_>> = chunk
                .iter()
                .map(|m| Message {
                    seq: m.seq,
                    subject: &m.subject,
                    payload: &m.payload,
                })
                .collect();
            let begun = Instant::now();
            let outcome = self
                .models
                .apply(&messages)
                .context("the read models refused a batch")?;
            elapsed += begun.elapsed();
            // A quarantined or skipped commit would make the rate flattering.
            ensure!(
                outcome.applied == chunk.len(),
                "only {} of {} commits applied ({} quarantined)",
                outcome.applied,
                chunk.len(),
                outcome.quarantined
            );
            bar.inc(chunk.len() as u64);
        }
        bar.finish_and_clear();
        Ok(elapsed)
    }
}

/// Starts a node on the empty `data_dir` and times it from the start until `/readyz`
/// says it is ready with every commit up to `last_seq` applied: start-up, consumer
/// creation and the whole catch-up. `events` is how many events the stream holds.
pub(crate) async fn catch_up(
    nats_url: &str,
    data_dir: PathBuf,
    last_seq: u64,
    events: u64,
) -> Result<Measured> {
    let spinner = progress::spinner("fresh node catch-up");
    let begun = Instant::now();
    let node = Node::start(nats_url, data_dir)?;
    let caught_up = node.wait_applied(last_seq, CATCH_UP_LIMIT).await;
    let elapsed = begun.elapsed();
    spinner.finish_and_clear();
    node.stop().await?;
    caught_up?;
    Ok(Measured::new(events, elapsed, Vec::new()))
}
