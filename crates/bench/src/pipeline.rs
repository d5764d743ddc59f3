//! `ladder-bench pipeline`: every measurement of one run, in an order that keeps each
//! from disturbing the next.
//!
//! A warm-up through a Ladder node comes first; its commits are the payloads of the raw
//! publishes and the sample of record sizes for the raw redb rows. Each Ladder rate is
//! then measured in rounds that alternate with rounds of the raw rate it is compared
//! with, so that load from elsewhere on a shared machine falls on both alike instead
//! of skewing the ratio one way.

use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use bytes::Bytes;
use futures::TryStreamExt;
use ladder_eventlog::{EventLog, EventLogConfig, StoredMessage};
use ladder_testkit::NatsServer;
use proto_events::Commit;

use crate::commands::{Distinct, Shared};
use crate::node::Node;
use crate::projector::{self, Applier};
use crate::raw_publish::RawPublisher;
use crate::raw_redb::RawRows;
use crate::record_size;
use crate::report::{Report, Row, Settings};
use crate::stats::{Measured, Tally};

/// How long a node may take to start.
const START_LIMIT: Duration = Duration::from_secs(60);
/// How long a node's projector may take to apply what was sent.
const DRAIN_LIMIT: Duration = Duration::from_secs(600);
/// Warm-up commands of each kind per client.
const WARM_UP_PER_CLIENT: usize = 4;

/// What the command line asked for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Options {
    pub(crate) commands: usize,
    pub(crate) shared: usize,
    pub(crate) concurrency: usize,
    pub(crate) batch: usize,
    pub(crate) rounds: usize,
}

/// The running node and the connections the command measurements use.
struct Target {
    node: Node,
    client: async_nats::Client,
    log: EventLog,
}

/// What the warm-up established.
struct WarmUp {
    raw: RawPublisher,
    commit_bytes: usize,
    record_bytes: usize,
}

/// The command path's rates.
struct CommandRates {
    publish: Measured,
    register: (Measured, u64),
    request_budget: (Measured, u64),
    shared: (Measured, u64),
}

/// Runs every measurement and returns the report.
pub(crate) async fn run(options: Options) -> Result<Report> {
    // Blocks for the server's start-up, tens of milliseconds.
    let server = NatsServer::start().context("cannot start nats-server")?;
    let url = server.url();
    let work = tempfile::Builder::new()
        .prefix("ladder-bench-")
        .tempdir()
        .context("cannot create a working directory")?;

    let target = start_target(&url, work.path()).await?;
    let warm = warm_up(&url, &target, work.path(), options).await?;
    let rates = command_rounds(&target, &warm.raw, options).await?;
    let last_seq = target.log.last_sequence().await?;
    target.node.wait_applied(last_seq, DRAIN_LIMIT).await?;
    target.node.stop().await?;

    let commits = read_back(&target.log, last_seq).await?;
    let event_counts = count_events(&commits)?;
    let events: u64 = event_counts.iter().sum();
    let (redb, apply) = {
        let dir = work.path().to_owned();
        let record_bytes = warm.record_bytes;
        blocking("the projector rounds", move || {
            projection_rounds(&dir, &commits, &event_counts, record_bytes, options)
        })
        .await?
    };
    let catch_up = projector::catch_up(&url, work.path().join("node-b"), last_seq, events).await?;

    let batch = options.batch;
    let publish = Row::baseline("raw_publish", "raw JetStream publish", "msg", rates.publish);
    let command = |key: &str, what: &str, (measured, conflicts): (Measured, u64)| {
        Row::relative(key, what, "cmd", measured, &publish).with_conflicts(conflicts)
    };
    let register = command(
        "command.register-erg",
        "ladder register-erg (new ERG each)",
        rates.register,
    );
    let request_budget = command(
        "command.request-budget",
        "ladder request-budget (new budget each)",
        rates.request_budget,
    );
    let shared = command(
        "command.assign-erg-role",
        "ladder assign-erg-role (one shared ERG)",
        rates.shared,
    );
    let redb = Row::baseline(
        "raw_redb",
        &format!("raw redb insert ({batch}/txn)"),
        "row",
        redb,
    );
    let what = format!("projector ReadModels::apply ({batch}/txn)");
    let apply = Row::relative("projector_apply", &what, "event", apply, &redb);
    let what = "fresh node: start to caught up (/readyz)";
    let catch_up = Row::relative("catch_up", what, "event", catch_up, &redb);
    Ok(Report {
        settings: Settings {
            commands: options.commands,
            shared_commands: options.shared,
            concurrency: options.concurrency,
            batch,
            rounds: options.rounds,
            cpus: std::thread::available_parallelism().map_or(0, usize::from),
            nats_server_version: target.log.client().server_info().version,
            commit_bytes_mean: warm.commit_bytes,
            record_bytes_median: warm.record_bytes,
            stream_messages: last_seq,
            stream_events: events,
        },
        rows: vec![
            publish,
            register,
            request_budget,
            shared,
            redb,
            apply,
            catch_up,
        ],
    })
}

/// Starts the node the commands go to, and waits until it serves on NATS.
async fn start_target(url: &str, work: &Path) -> Result<Target> {
    let node = Node::start(url, work.join("node-a"))?;
    node.wait_applied(0, START_LIMIT).await?;
    let client = async_nats::ConnectOptions::new()
        .name("ladder-bench-clients")
        .request_timeout(Some(Duration::from_secs(60)))
        .connect(url)
        .await
        .with_context(|| format!("cannot connect to NATS at {url}"))?;
    node.wait_nats_front(&client, START_LIMIT).await?;
    let log = EventLog::connect(&EventLogConfig {
        client_name: "ladder-bench".to_owned(),
        ..EventLogConfig::new(url)
    })
    .await?;
    Ok(Target { node, client, log })
}

/// Sends the warm-up commands, then sizes the raw measurements after their commits:
/// the raw publishes reuse the commit bytes, the raw rows take the median size of the
/// records the projector makes of them. Warms up the raw publishes too.
async fn warm_up(url: &str, target: &Target, work: &Path, options: Options) -> Result<WarmUp> {
    let (c, batch) = (options.concurrency, options.batch);
    let count = c * WARM_UP_PER_CLIENT;
    let warm_up = Distinct::new(count)?;
    let client = &target.client;
    warm_up
        .register(client, 0..count, c, "warm-up register-erg")
        .await?;
    warm_up
        .request_budget(client, 0..count, c, "warm-up request-budget")
        .await?;
    let last = target.log.last_sequence().await?;
    target.node.wait_applied(last, DRAIN_LIMIT).await?;
    let commits = read_back(&target.log, last).await?;
    let payloads: Vec<Bytes> = commits.iter().map(|m| m.payload.clone()).collect();
    let commit_bytes = payloads.iter().map(Bytes::len).sum::<usize>() / payloads.len().max(1);
    let sizing = work.join("sizing.redb");
    let record_bytes = blocking("sizing records", move || {
        Applier::create(&sizing)?.apply("sizing records", &commits, batch)?;
        record_size::median_record_len(&sizing)
    })
    .await?;
    let raw = RawPublisher::connect(url, payloads).await?;
    raw.run("raw publish warm-up", 2 * count, c).await?;
    Ok(WarmUp {
        raw,
        commit_bytes,
        record_bytes,
    })
}

/// The command workloads on distinct aggregates in rounds, each round after a round of
/// raw publishes; then the shared aggregate's workload.
async fn command_rounds(
    target: &Target,
    raw: &RawPublisher,
    options: Options,
) -> Result<CommandRates> {
    let Options {
        commands,
        concurrency: c,
        rounds,
        ..
    } = options;
    let distinct = Distinct::new(commands)?;
    let shared = Shared::new(options.shared)?;
    let client = &target.client;
    let (mut publish, mut register, mut budget) = <[Tally; 3]>::default().into();
    let mut conflicts = [0; 2];
    for round in 0..rounds {
        let range = round_range(commands, rounds, round);
        let n = range.len() as u64;
        let of = format!("{}/{rounds}", round + 1);
        // The raw publishes get the server to themselves: the node's projector has
        // applied everything sent so far.
        let last = target.log.last_sequence().await?;
        target.node.wait_applied(last, DRAIN_LIMIT).await?;
        let label = format!("raw JetStream publish {of}");
        let done = raw.run(&label, range.len(), c).await?;
        publish.add(n, done.elapsed, done.latencies);
        let label = format!("register-erg {of}");
        let done = distinct.register(client, range.clone(), c, &label).await?;
        register.add(n, done.elapsed, done.latencies);
        conflicts[0] += done.retries;
        let label = format!("request-budget {of}");
        let done = distinct.request_budget(client, range, c, &label).await?;
        budget.add(n, done.elapsed, done.latencies);
        conflicts[1] += done.retries;
    }
    let done = shared
        .run(client, c, "assign-erg-role (shared ERG)")
        .await?;
    let count = options.shared as u64;
    Ok(CommandRates {
        publish: publish.measured(),
        register: (register.measured(), conflicts[0]),
        request_budget: (budget.measured(), conflicts[1]),
        shared: (
            Measured::new(count, done.elapsed, done.latencies),
            done.retries,
        ),
    })
}

/// Applies `commits` to new read models in rounds, each after a round of raw redb
/// inserts, one row per event. Returns the raw and the projector rates.
fn projection_rounds(
    dir: &Path,
    commits: &[StoredMessage],
    event_counts: &[u64],
    record_bytes: usize,
    options: Options,
) -> Result<(Measured, Measured)> {
    let Options { batch, rounds, .. } = options;
    let rows: usize = event_counts.iter().sum::<u64>().try_into()?;
    let raw = RawRows::create(&dir.join("raw.redb"), rows, record_bytes)?;
    let applier = Applier::create(&dir.join("models.redb"))?;
    let (mut inserted, mut applied) = (Tally::default(), Tally::default());
    for round in 0..rounds {
        let of = format!("{}/{rounds}", round + 1);
        let range = round_range(rows, rounds, round);
        let n = range.len() as u64;
        let took = raw.insert(&format!("raw redb insert {of}"), range, batch)?;
        inserted.add(n, took, Vec::new());
        let range = round_range(commits.len(), rounds, round);
        let n = event_counts[range.clone()].iter().sum();
        let took = applier.apply(&format!("projector apply {of}"), &commits[range], batch)?;
        applied.add(n, took, Vec::new());
    }
    Ok((inserted.measured(), applied.measured()))
}

/// Round `round` of `rounds` equal slices of `0..total`.
fn round_range(total: usize, rounds: usize, round: usize) -> Range<usize> {
    let rounds = rounds.max(1);
    total * round / rounds..total * (round + 1) / rounds
}

/// Runs blocking work (redb) off the async threads.
async fn blocking<T: Send + 'static>(
    what: &'static str,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .with_context(|| format!("{what} failed"))?
}

/// Every commit up to `last_seq`, read back in order.
async fn read_back(log: &EventLog, last_seq: u64) -> Result<Vec<StoredMessage>> {
    let commits: Vec<StoredMessage> = log.read_range(1, last_seq).await?.try_collect().await?;
    Ok(commits)
}

/// The number of events in each commit.
fn count_events(commits: &[StoredMessage]) -> Result<Vec<u64>> {
    commits
        .iter()
        .map(|stored| {
            let commit = Commit::decode(&stored.payload)
                .with_context(|| format!("stream message {} is not a commit", stored.seq))?;
            Ok(commit.events.len() as u64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_cover_the_whole_range_without_overlap() {
        let ranges: Vec<Range<usize>> = (0..3).map(|r| round_range(10, 3, r)).collect();
        assert_eq!(ranges, [0..3, 3..6, 6..10]);
        assert_eq!(round_range(5, 1, 0), 0..5);
        assert_eq!(round_range(2, 4, 0), 0..0);
    }
}
