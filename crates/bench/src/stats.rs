//! Rates and latency percentiles of timed runs, whole or in interleaved rounds.

use std::time::Duration;

use serde::Serialize;

/// What a timed run of `count` operations achieved.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Measured {
    /// Operations completed.
    pub(crate) count: u64,
    /// Time spent on them: wall-clock time of the run, or of its rounds added up.
    pub(crate) seconds: f64,
    /// `count / seconds`.
    pub(crate) per_second: f64,
    /// The rate of each round, when the run was taken in rounds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) rounds_per_second: Vec<f64>,
    /// Per-operation latency, where operations were timed one by one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) latency: Option<Latency>,
}

impl Measured {
    /// A run of `count` operations that took `elapsed`, with per-operation `samples`
    /// (empty when only the total was timed).
    pub(crate) fn new(count: u64, elapsed: Duration, samples: Vec<Duration>) -> Measured {
        Measured {
            count,
            seconds: elapsed.as_secs_f64(),
            per_second: rate(count, elapsed),
            rounds_per_second: Vec::new(),
            latency: Latency::of(samples),
        }
    }
}

fn rate(count: u64, elapsed: Duration) -> f64 {
    let seconds = elapsed.as_secs_f64();
    if seconds > 0.0 {
        count as f64 / seconds
    } else {
        0.0
    }
}

/// A run taken in rounds, added up as the rounds finish.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    count: u64,
    elapsed: Duration,
    samples: Vec<Duration>,
    rounds: Vec<f64>,
}

impl Tally {
    /// Adds a round of `count` operations that took `elapsed`.
    pub(crate) fn add(&mut self, count: u64, elapsed: Duration, samples: Vec<Duration>) {
        self.count += count;
        self.elapsed += elapsed;
        self.samples.extend(samples);
        self.rounds.push(rate(count, elapsed));
    }

    /// The whole run: all operations over the time of all rounds.
    pub(crate) fn measured(self) -> Measured {
        Measured {
            rounds_per_second: self.rounds,
            ..Measured::new(self.count, self.elapsed, self.samples)
        }
    }
}

/// Latency percentiles in milliseconds, nearest-rank.
#[derive(Clone, Copy, Debug, Serialize)]
pub(crate) struct Latency {
    pub(crate) p50_ms: f64,
    pub(crate) p99_ms: f64,
    pub(crate) max_ms: f64,
}

impl Latency {
    pub(crate) fn of(mut samples: Vec<Duration>) -> Option<Latency> {
        if samples.is_empty() {
            return None;
        }
        samples.sort_unstable();
        let rank = |per_mille: usize| {
            // Nearest rank: the smallest sample with at least that share of all samples at or
            // below it.
            let index = (per_mille * samples.len()).div_ceil(1000);
            samples[index.clamp(1, samples.len()) - 1].as_secs_f64() * 1000.0
        };
        Some(Latency {
            p50_ms: rank(500),
            p99_ms: rank(990),
            max_ms: rank(1000),
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "test code: a failed expectation is a failed test"
)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let samples = (1..=100).map(Duration::from_millis).rev().collect();

        let measured = Measured::new(100, Duration::from_secs(4), samples);

        assert!((measured.per_second - 25.0).abs() < f64::EPSILON);
        let latency = measured.latency.unwrap();
        assert!((latency.p50_ms - 50.0).abs() < 1e-9);
        assert!((latency.p99_ms - 99.0).abs() < 1e-9);
        assert!((latency.max_ms - 100.0).abs() < 1e-9);
    }

    #[test]
    fn no_samples_means_no_latency() {
        let measured = Measured::new(10, Duration::ZERO, Vec::new());

        assert!(measured.latency.is_none());
        assert!(measured.per_second.abs() < f64::EPSILON);
    }

    #[test]
    fn rounds_add_up_to_one_rate_over_their_total_time() {
        let mut tally = Tally::default();
        tally.add(100, Duration::from_secs(1), vec![Duration::from_millis(1)]);
        tally.add(100, Duration::from_secs(3), vec![Duration::from_millis(3)]);

        let measured = tally.measured();

        assert_eq!(measured.count, 200);
        assert!((measured.per_second - 50.0).abs() < 1e-9);
        assert_eq!(measured.rounds_per_second.len(), 2);
        assert!((measured.rounds_per_second[0] - 100.0).abs() < 1e-9);
        assert!((measured.latency.unwrap().max_ms - 3.0).abs() < 1e-9);
    }
}
