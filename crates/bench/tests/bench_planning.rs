#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

//! The planning benchmark runs end to end on a small workforce: the whole scenario is
//! accepted and every query answered. No latency is asserted: this keeps the benchmark
//! working, it does not time anything.

use std::process::Command;

use serde_json::Value;

#[test]
fn a_small_planning_run_loads_everything_and_times_every_query() {
    let output = Command::new(env!("CARGO_BIN_EXE_ladder-bench"))
        .args([
            "planning",
            "--employees",
            "120",
            "--years",
            "1",
            "--seed",
            "5",
        ])
        .args(["--requests", "6", "--concurrency", "8", "--json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "ladder-bench failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();

    // The same settings generate the same scenario; the benchmark loaded all of it, one
    // commit per command and per statement, nothing lost or doubled.
    let scenario = ladder_scenario::generate(&ladder_scenario::Settings {
        employees: 120,
        years: 1,
        seed: 5,
        start: ladder_scenario::DEFAULT_START,
    })
    .unwrap();
    let stream = &report["stream"];
    assert_eq!(stream["lines"], scenario.lines());
    assert_eq!(stream["commands"], scenario.commands().len());
    assert_eq!(stream["statements"], scenario.statements());
    assert_eq!(
        stream["stream_messages"],
        scenario.commands().len() + scenario.statements()
    );
    assert_eq!(report["settings"]["as_of"], "2025-12-31");

    // The first slate considered the workforce still employed on the last day.
    let first = &report["first"];
    let considered = first["slate_considered"].as_u64().unwrap();
    assert!(considered > 60 && considered <= 120, "{first}");
    assert!(first["slate_ms"].as_f64().unwrap() > 0.0);

    let rows = report["rows"].as_array().unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "healthz",
            "slate",
            "talent",
            "evidence",
            "slate_after_change"
        ]
    );
    let healthz = &rows[0];
    for row in rows {
        assert_eq!(row["count"], 6, "{row}");
        let (p50, p99) = (
            row["p50_ms"].as_f64().unwrap(),
            row["p99_ms"].as_f64().unwrap(),
        );
        assert!(p50 > 0.0 && p50 <= p99, "{row}");
        let ratio = row["p50_ratio"].as_f64().unwrap();
        let expected = p50 / healthz["p50_ms"].as_f64().unwrap();
        assert!((ratio - expected).abs() < 1e-9, "{row}");
        assert!(row["mean_bytes"].as_u64().unwrap() > 0, "{row}");
    }
}
