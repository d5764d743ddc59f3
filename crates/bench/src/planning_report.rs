//! What `ladder-bench planning` reports: a table for people, a JSON object for scripts.

use std::fmt::Write as _;
use std::time::Duration;

use serde::Serialize;

use crate::report::thousands;
use crate::stats::Latency;

/// Everything one run measured.
#[derive(Debug, Serialize)]
pub(crate) struct PlanningReport {
    pub(crate) settings: RunSettings,
    pub(crate) stream: StreamFigures,
    pub(crate) load: LoadFigures,
    pub(crate) first: FirstRequests,
    /// The empty round trip first, then slate, talent pool and evidence, then slates that
    /// each follow a change.
    pub(crate) rows: Vec<QueryRow>,
}

/// The conditions of the run.
#[derive(Debug, Serialize)]
pub(crate) struct RunSettings {
    pub(crate) employees: u32,
    pub(crate) years: u32,
    pub(crate) seed: u64,
    /// The `as_of` of the slate and talent queries: the scenario's last day.
    pub(crate) as_of: String,
    /// Timed requests per query.
    pub(crate) requests: usize,
    /// Lines in flight while loading.
    pub(crate) concurrency: usize,
    pub(crate) cpus: usize,
    pub(crate) nats_server_version: String,
}

/// The size of what was loaded.
#[derive(Debug, Serialize)]
pub(crate) struct StreamFigures {
    /// Lines of `ladder gen`: one per command and one per batch of statements.
    pub(crate) lines: usize,
    pub(crate) commands: usize,
    pub(crate) statements: usize,
    pub(crate) statement_batches: usize,
    /// Size of the stream as JSON lines.
    pub(crate) jsonl_bytes: usize,
    pub(crate) positions: usize,
    /// Commits in the event stream after the load.
    pub(crate) stream_messages: u64,
}

/// How loading went; not the subject of the benchmark.
#[derive(Debug, Serialize)]
pub(crate) struct LoadFigures {
    pub(crate) seconds: f64,
    pub(crate) lines_per_second: f64,
    /// Commands and statements per second.
    pub(crate) writes_per_second: f64,
    /// Conflict replies retried (none expected with one node).
    pub(crate) conflict_replies: u64,
    /// Statement batches sent again because a void found the read models behind.
    pub(crate) resent_batches: u64,
    /// From the last reply to `/readyz` reporting lag 0.
    pub(crate) catch_up_seconds: f64,
}

/// The first slate and talent requests, timed apart from the samples.
#[derive(Debug, Serialize)]
pub(crate) struct FirstRequests {
    /// The first slate: assesses every employee and fills the level cache.
    pub(crate) slate_ms: f64,
    /// The first talent pool, for the same `as_of`: finds the cache filled.
    pub(crate) talent_ms: f64,
    /// Employees the first slate considered.
    pub(crate) slate_considered: Option<u64>,
    /// Employees in the first talent pool.
    pub(crate) talent_matched: Option<u64>,
}

/// One query's latency and its ratio to the empty round trip's.
#[derive(Debug, Serialize)]
pub(crate) struct QueryRow {
    /// Stable identifier for scripts.
    pub(crate) key: &'static str,
    /// The request, for people.
    pub(crate) what: &'static str,
    pub(crate) count: usize,
    pub(crate) p50_ms: f64,
    pub(crate) p99_ms: f64,
    pub(crate) max_ms: f64,
    /// p50 over the empty round trip's p50.
    pub(crate) p50_ratio: f64,
    /// p99 over the empty round trip's p99.
    pub(crate) p99_ratio: f64,
    /// Mean size of an answer.
    pub(crate) mean_bytes: u64,
}

impl QueryRow {
    /// The row of `samples` answered with `bytes` in all, compared with `baseline`
    /// (the empty round trip; `None` for that row itself). `None` without samples.
    pub(crate) fn new(
        key: &'static str,
        what: &'static str,
        samples: Vec<Duration>,
        bytes: u64,
        baseline: Option<&QueryRow>,
    ) -> Option<QueryRow> {
        let count = samples.len();
        let latency = Latency::of(samples)?;
        let (p50_ratio, p99_ratio) = match baseline {
            Some(base) => (
                ratio(latency.p50_ms, base.p50_ms),
                ratio(latency.p99_ms, base.p99_ms),
            ),
            None => (1.0, 1.0),
        };
        Some(QueryRow {
            key,
            what,
            count,
            p50_ms: latency.p50_ms,
            p99_ms: latency.p99_ms,
            max_ms: latency.max_ms,
            p50_ratio,
            p99_ratio,
            mean_bytes: bytes / count as u64,
        })
    }
}

/// `value / base`, or 0 when there is no base to divide by.
fn ratio(value: f64, base: f64) -> f64 {
    if base > 0.0 { value / base } else { 0.0 }
}

/// Seconds as `12.3 s`, or as `4 min 05 s` from ten minutes on.
fn seconds(s: f64) -> String {
    if s < 600.0 {
        format!("{s:.1} s")
    } else {
        let whole = Duration::try_from_secs_f64(s + 0.5).map_or(0, |d| d.as_secs());
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}

impl PlanningReport {
    /// The report as text: the run, the load, the first requests, then the table.
    pub(crate) fn table(&self) -> String {
        let (s, st, l, f) = (&self.settings, &self.stream, &self.load, &self.first);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "ladder-bench planning: {} employees, {} years, seed {}; as_of {}; {} requests \
             per query; {} CPUs; nats-server {}",
            thousands(f64::from(s.employees)),
            s.years,
            s.seed,
            s.as_of,
            s.requests,
            s.cpus,
            s.nats_server_version
        );
        let _ = writeln!(
            out,
            "stream: {} lines ({} commands, {} statements in {} batches), {:.0} MB as JSON \
             lines, {} commits",
            thousands(st.lines as f64),
            thousands(st.commands as f64),
            thousands(st.statements as f64),
            thousands(st.statement_batches as f64),
            st.jsonl_bytes as f64 / 1e6,
            thousands(st.stream_messages as f64),
        );
        let _ = writeln!(
            out,
            "load: {} ({} lines/s, {} commands+statements/s, {} in flight), every line \
             accepted; {} conflict replies, {} batches resent; caught up {} after",
            seconds(l.seconds),
            thousands(l.lines_per_second),
            thousands(l.writes_per_second),
            s.concurrency,
            l.conflict_replies,
            l.resent_batches,
            seconds(l.catch_up_seconds),
        );
        let count = |n: Option<u64>| n.map_or_else(|| "?".to_owned(), |n| thousands(n as f64));
        let _ = writeln!(
            out,
            "first slate (cold level cache, {} employees considered): {:.1} ms; first talent \
             pool (cache filled, {} matched): {:.1} ms",
            count(f.slate_considered),
            f.slate_ms,
            count(f.talent_matched),
            f.talent_ms,
        );
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{:<52} {:>5} {:>10} {:>10} {:>10} {:>9} {:>9} {:>9}",
            "query", "count", "p50", "p99", "max", "p50/hz", "p99/hz", "bytes"
        );
        for row in &self.rows {
            let _ = writeln!(
                out,
                "{:<52} {:>5} {:>7.3} ms {:>7.3} ms {:>7.3} ms {:>9.1} {:>9.1} {:>9}",
                row.what,
                row.count,
                row.p50_ms,
                row.p99_ms,
                row.max_ms,
                row.p50_ratio,
                row.p99_ratio,
                thousands(row.mean_bytes as f64)
            );
        }
        let _ = writeln!(
            out,
            "\np50/hz, p99/hz: the query's percentile over the same percentile of GET /healthz; \
             bytes: mean answer size"
        );
        out
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "test code: a failed expectation is a failed test"
)]
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().copied().map(Duration::from_millis).collect()
    }

    #[test]
    fn rows_compare_their_percentiles_with_the_empty_round_trip() {
        let healthz =
            QueryRow::new("healthz", "GET /healthz", ms(&[1, 1, 2, 4]), 60, None).unwrap();
        let slate =
            QueryRow::new("slate", "slate", ms(&[10, 5, 30, 20]), 4000, Some(&healthz)).unwrap();

        assert!((healthz.p50_ratio - 1.0).abs() < 1e-9);
        assert_eq!(slate.count, 4);
        assert!((slate.p50_ms - 10.0).abs() < 1e-9);
        assert!((slate.p50_ratio - 10.0).abs() < 1e-9);
        assert!((slate.p99_ratio - 7.5).abs() < 1e-9);
        assert_eq!(slate.mean_bytes, 1000);
        assert!(QueryRow::new("none", "none", Vec::new(), 0, None).is_none());
    }

    #[test]
    fn a_zero_baseline_gives_no_ratio() {
        assert!(ratio(5.0, 0.0).abs() < f64::EPSILON);
        assert!((ratio(5.0, 2.0) - 2.5).abs() < f64::EPSILON);
    }

    #[test]
    fn long_times_read_in_minutes() {
        assert_eq!(seconds(12.34), "12.3 s");
        assert_eq!(seconds(725.0), "12 min 05 s");
    }
}
