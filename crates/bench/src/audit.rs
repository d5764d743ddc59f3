//! `ladder-bench audit`: replay, verify, export and the audit log over a large
//! history, each beside the rate of reading the same stream with a bare consumer.
//!
//! The history is written straight to JetStream (see [`crate::history`]) with the
//! server's default sync interval instead of the shipped fsync-always setting: only
//! reads are measured here, and fsyncing a million appends would take most of the
//! run. The bare read is measured before and after the audits, and the faster of the
//! two is the reference, so no audit looks better than it is by comparison.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use async_nats::jetstream::consumer::pull::OrderedConfig;
use futures::StreamExt;
use ladder_audit::events::{AuditEvent, EventSink, Filter};
use ladder_audit::replay::{Until, replay};
use ladder_audit::{AuditError, events, export, verify};
use ladder_eventlog::{EventLog, EventLogConfig};
use ladder_projection::MODELS_FILE;
use ladder_testkit::{NatsServer, ServerOptions, workspace_root};
use proto_events::subject::STREAM_NAME;
use serde::Serialize;

use crate::{history, progress};

/// One measured operation.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Measured {
    pub(crate) operation: &'static str,
    pub(crate) events: u64,
    pub(crate) seconds: f64,
    pub(crate) per_second: f64,
    pub(crate) ratio_to_raw: f64,
}

/// The whole run.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct AuditReport {
    pub(crate) events: u64,
    pub(crate) populate_seconds: f64,
    pub(crate) raw_reads_per_second: [f64; 2],
    pub(crate) rows: Vec<Measured>,
}

impl AuditReport {
    /// The report as an aligned table.
    pub(crate) fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "audit benchmark: {} events, one per commit (history written in {:.1} s)",
            self.events, self.populate_seconds
        );
        let _ = writeln!(
            out,
            "bare ordered consumer: {:.0} events/s before, {:.0} after; the faster is the \
             reference",
            self.raw_reads_per_second[0], self.raw_reads_per_second[1]
        );
        let _ = writeln!(
            out,
            "{:<38} {:>10} {:>9} {:>12} {:>8}",
            "operation", "events", "seconds", "events/s", "vs raw"
        );
        for row in &self.rows {
            let _ = writeln!(
                out,
                "{:<38} {:>10} {:>9.2} {:>12.0} {:>8.3}",
                row.operation, row.events, row.seconds, row.per_second, row.ratio_to_raw
            );
        }
        out
    }
}

/// A server configuration like the shipped one, without fsync on every write.
pub(crate) fn bench_config(dir: &Path) -> Result<PathBuf> {
    let shipped = std::fs::read_to_string(workspace_root().join("ops/nats-server.conf"))
        .context("cannot read ops/nats-server.conf")?;
    let relaxed: String = shipped
        .lines()
        .filter(|l| l.trim() != "sync_interval: always")
        .map(|l| format!("{l}\n"))
        .collect();
    let path = dir.join("nats-bench.conf");
    std::fs::write(&path, relaxed).context("cannot write the benchmark's server config")?;
    Ok(path)
}

/// Reads every message with an ordered consumer and nothing else.
async fn bare_read(log: &EventLog, last: u64) -> Result<Duration> {
    let bar = progress::bar("bare ordered consumer", last);
    let started = Instant::now();
    let stream = log
        .jetstream()
        .get_stream_no_info(STREAM_NAME)
        .await
        .context("cannot open the stream")?;
    let consumer = stream
        .create_consumer(OrderedConfig::default())
        .await
        .context("cannot create a consumer")?;
    let mut messages = consumer.messages().await.context("cannot read")?;
    let mut bytes = 0usize;
    while let Some(message) = messages.next().await {
        let message = message.context("cannot read a message")?;
        bytes += message.payload.len();
        let seq = message
            .info()
            .map_err(|e| anyhow::anyhow!("a message without stream metadata: {e}"))?
            .stream_sequence;
        if seq % 10_000 == 0 {
            bar.set_position(seq);
        }
        if seq >= last {
            break;
        }
    }
    bar.finish_and_clear();
    if bytes == 0 {
        bail!("the bare read saw no bytes");
    }
    Ok(started.elapsed())
}

/// Counts the audit log's events without printing them.
struct Count(u64);

impl EventSink for Count {
    fn accept(&mut self, _: AuditEvent) -> Result<(), AuditError> {
        self.0 += 1;
        Ok(())
    }
}

/// Writes `events` events, then measures each audit against the bare read.
pub(crate) async fn run(events: usize) -> Result<AuditReport> {
    let work = tempfile::Builder::new()
        .prefix("ladder-bench-audit-")
        .tempdir()
        .context("cannot create a working directory")?;
    let config = bench_config(work.path())?;
    let server = NatsServer::start_with(ServerOptions::new().config(&config))
        .context("cannot start nats-server")?;
    let log = EventLog::connect(&EventLogConfig {
        client_name: "ladder-bench-audit".to_owned(),
        ..EventLogConfig::new(server.url())
    })
    .await?;
    let populate = history::populate(&server.url(), events).await?;
    let last = log.last_sequence().await?;
    if last != events as u64 {
        bail!("the stream holds {last} messages, not {events}");
    }

    let raw_before = bare_read(&log, last).await?;
    let mut timed: Vec<(&'static str, Duration)> = Vec::new();

    let bar = progress::bar("replay --until-seq", last);
    let started = Instant::now();
    let replay_dir = work.path().join("replay");
    let replayed = replay(&log, Until::Seq(last), &replay_dir, &mut |s| {
        bar.set_position(s);
    })
    .await?;
    timed.push(("replay (--until-seq last)", started.elapsed()));
    bar.finish_and_clear();

    let bar = progress::bar("verify", last);
    let started = Instant::now();
    let report = verify::verify(&log, &replay_dir.join(MODELS_FILE), &mut |s| {
        bar.set_position(s);
    })
    .await?;
    timed.push(("verify (chains, gaps, rebuild+digest)", started.elapsed()));
    bar.finish_and_clear();
    if !report.ok {
        bail!("verify found problems in a clean history: {report:?}");
    }
    if report.models.live_digest.as_deref() != Some(replayed.digest.as_str()) {
        bail!("verify read another digest than the replay wrote");
    }

    for (name, compress, file) in [
        ("export (jsonl)", false, "export.jsonl"),
        ("export (jsonl, zstd)", true, "export.jsonl.zst"),
    ] {
        let bar = progress::bar(name, last);
        let started = Instant::now();
        let done = export::export(&log, &work.path().join(file), compress, &mut |s| {
            bar.set_position(s);
        })
        .await?;
        timed.push((name, started.elapsed()));
        bar.finish_and_clear();
        if done.lines != last {
            bail!("{name} wrote {} lines for {last} events", done.lines);
        }
    }

    let bar = progress::bar("audit log", last);
    let started = Instant::now();
    let (count, _) = events::walk(&log, Filter::default(), Count(0), &mut |s| {
        bar.set_position(s);
    })
    .await?;
    timed.push(("audit log (all events, no output)", started.elapsed()));
    bar.finish_and_clear();
    if count.0 != last {
        bail!("the audit log listed {} of {last} events", count.0);
    }

    let raw_after = bare_read(&log, last).await?;
    let rate = |d: Duration| last as f64 / d.as_secs_f64();
    let raw = rate(raw_before).max(rate(raw_after));
    let mut rows = vec![Measured {
        operation: "bare ordered consumer (reference)",
        events: last,
        seconds: last as f64 / raw,
        per_second: raw,
        ratio_to_raw: 1.0,
    }];
    rows.extend(timed.into_iter().map(|(operation, d)| Measured {
        operation,
        events: last,
        seconds: d.as_secs_f64(),
        per_second: rate(d),
        ratio_to_raw: rate(d) / raw,
    }));
    Ok(AuditReport {
        events: last,
        populate_seconds: populate.as_secs_f64(),
        raw_reads_per_second: [rate(raw_before), rate(raw_after)],
        rows,
    })
}
