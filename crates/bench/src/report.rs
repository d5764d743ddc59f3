//! The results: a table for people, a JSON object for scripts.

use std::fmt::Write as _;

use serde::Serialize;

use crate::stats::Measured;

/// Everything one run measured.
#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub(crate) settings: Settings,
    pub(crate) rows: Vec<Row>,
}

/// The conditions of the run.
#[derive(Debug, Serialize)]
pub(crate) struct Settings {
    /// Commands per workload on distinct aggregates, and raw publishes.
    pub(crate) commands: usize,
    /// Commands on the one shared aggregate.
    pub(crate) shared_commands: usize,
    /// Requests or publishes in flight.
    pub(crate) concurrency: usize,
    /// Rows or commits per redb write transaction.
    pub(crate) batch: usize,
    /// Rounds in which the raw and Ladder measurements alternate.
    pub(crate) rounds: usize,
    pub(crate) cpus: usize,
    pub(crate) nats_server_version: String,
    /// Mean size of the Ladder commits the raw publishes reuse.
    pub(crate) commit_bytes_mean: usize,
    /// Median size of the ERG and budget records, the size of the raw redb values.
    pub(crate) record_bytes_median: usize,
    /// Commits in the event stream once every command was sent, warm-up included.
    pub(crate) stream_messages: u64,
    /// Events in those commits.
    pub(crate) stream_events: u64,
}

/// One measurement and how it compares with its raw baseline.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    /// Stable identifier for scripts.
    pub(crate) key: String,
    /// What the row measures, for people.
    pub(crate) what: String,
    /// What `measured.per_second` counts.
    pub(crate) unit: &'static str,
    pub(crate) measured: Measured,
    /// The key of the row this one is compared with; its own key for a baseline.
    pub(crate) baseline: String,
    /// This rate divided by the baseline's rate.
    pub(crate) ratio_to_raw: f64,
    /// For command workloads: conflict replies that clients retried.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) conflict_replies: Option<u64>,
}

impl Row {
    /// A raw rate that other rows are compared with.
    pub(crate) fn baseline(key: &str, what: &str, unit: &'static str, measured: Measured) -> Row {
        Row {
            key: key.to_owned(),
            what: what.to_owned(),
            unit,
            measured,
            baseline: key.to_owned(),
            ratio_to_raw: 1.0,
            conflict_replies: None,
        }
    }

    /// A Ladder rate, compared with `baseline`.
    pub(crate) fn relative(
        key: &str,
        what: &str,
        unit: &'static str,
        measured: Measured,
        baseline: &Row,
    ) -> Row {
        let base = baseline.measured.per_second;
        Row {
            key: key.to_owned(),
            what: what.to_owned(),
            unit,
            ratio_to_raw: if base > 0.0 {
                measured.per_second / base
            } else {
                0.0
            },
            measured,
            baseline: baseline.key.clone(),
            conflict_replies: None,
        }
    }

    /// Adds the conflict replies a command workload met.
    pub(crate) fn with_conflicts(self, conflict_replies: u64) -> Row {
        Row {
            conflict_replies: Some(conflict_replies),
            ..self
        }
    }
}

impl Report {
    /// The table: one line per measurement with its rate, latency where operations
    /// were timed one by one, its ratio to the raw rate, and the spread over rounds.
    pub(crate) fn table(&self) -> String {
        let s = &self.settings;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "ladder-bench pipeline: {} commands per workload in {} rounds, {} on the shared \
             ERG, {} in flight, {} per redb transaction",
            s.commands, s.rounds, s.shared_commands, s.concurrency, s.batch
        );
        let _ = writeln!(
            out,
            "nats-server {} (sync_interval: always), {} CPUs, commits {} B mean, records {} B \
             median, stream {} commits / {} events",
            s.nats_server_version,
            s.cpus,
            s.commit_bytes_mean,
            s.record_bytes_median,
            s.stream_messages,
            s.stream_events
        );
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{:<42} {:>6} {:>16} {:>9} {:>9}  {:>6}  notes",
            "what", "count", "rate", "p50", "p99", "vs raw"
        );
        for row in &self.rows {
            let m = &row.measured;
            let (p50, p99) = m.latency.map_or_else(
                || ("-".to_owned(), "-".to_owned()),
                |l| (format!("{:.1} ms", l.p50_ms), format!("{:.1} ms", l.p99_ms)),
            );
            let mut notes = Vec::new();
            if row.baseline == row.key {
                notes.push("baseline".to_owned());
            }
            if let Some(n) = row.conflict_replies.filter(|n| *n > 0) {
                notes.push(format!("conflict replies retried: {n}"));
            }
            if let Some(spread) = spread(&m.rounds_per_second) {
                notes.push(format!("rounds {spread}"));
            }
            let line = format!(
                "{:<42} {:>6} {:>16} {:>9} {:>9}  {:>6.3}  {}",
                row.what,
                m.count,
                format!("{} {}/s", thousands(m.per_second), row.unit),
                p50,
                p99,
                row.ratio_to_raw,
                notes.join("; ")
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        let _ = writeln!(
            out,
            "\nvs raw: commands/s over raw JetStream publishes/s, events/s over raw redb rows/s"
        );
        out
    }
}

/// The slowest and fastest round, e.g. `1,020-1,480`; `None` for fewer than two rounds.
fn spread(rounds: &[f64]) -> Option<String> {
    if rounds.len() < 2 {
        return None;
    }
    let min = rounds.iter().copied().fold(f64::INFINITY, f64::min);
    let max = rounds.iter().copied().fold(0.0, f64::max);
    Some(format!("{}-{}", thousands(min), thousands(max)))
}

/// A rate rounded to a whole number, with thousands separated by commas.
pub(crate) fn thousands(rate: f64) -> String {
    let digits = format!("{rate:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_get_thousands_separators() {
        assert_eq!(thousands(0.4), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1234.6), "1,235");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
    }

    #[test]
    fn the_spread_is_the_slowest_and_fastest_round() {
        assert_eq!(spread(&[]), None);
        assert_eq!(spread(&[5.0]), None);
        assert_eq!(
            spread(&[1500.0, 900.0, 2100.0]).as_deref(),
            Some("900-2,100")
        );
    }
}
