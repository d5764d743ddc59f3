//! Running operations with a fixed number in flight, timing each one.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::ProgressBar;
use tokio::task::JoinSet;

/// What a driven run did.
#[derive(Debug)]
pub(crate) struct Driven {
    /// From the first operation started to the last one finished.
    pub(crate) elapsed: Duration,
    /// One entry per operation.
    pub(crate) latencies: Vec<Duration>,
    /// The sum of what the operations reported (retries, for commands).
    pub(crate) retries: u64,
}

/// Runs `op(0)`, …, `op(count - 1)` with `concurrency` workers, each starting its next
/// operation when the previous one finished, so that `concurrency` operations are in
/// flight until the work runs out. The first failure stops the run.
pub(crate) async fn drive<F, Fut>(
    count: usize,
    concurrency: usize,
    bar: &ProgressBar,
    op: F,
) -> Result<Driven>
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<u64>> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = JoinSet::new();
    let started = Instant::now();
    for _ in 0..concurrency.max(1) {
        let next = Arc::clone(&next);
        let op = op.clone();
        let bar = bar.clone();
        workers.spawn(async move {
            let mut latencies = Vec::new();
            let mut retries = 0;
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= count {
                    return Ok::<_, anyhow::Error>((latencies, retries));
                }
                let begun = Instant::now();
                retries += op(index).await?;
                latencies.push(begun.elapsed());
                bar.inc(1);
            }
        });
    }
    let mut driven = Driven {
        elapsed: Duration::ZERO,
        latencies: Vec::with_capacity(count),
        retries: 0,
    };
    // Dropping the set on an early return aborts the workers still running.
    while let Some(joined) = workers.join_next().await {
        let (latencies, retries) = joined.context("a benchmark worker failed")??;
        driven.latencies.extend(latencies);
        driven.retries += retries;
    }
    driven.elapsed = started.elapsed();
    bar.finish_and_clear();
    Ok(driven)
}
