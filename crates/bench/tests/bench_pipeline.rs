#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

//! The benchmark runs end to end on a tiny workload and reports every measurement. No
//! rate is asserted: this keeps the benchmark working, it does not time anything.

use std::process::Command;

use serde_json::Value;

#[test]
fn a_tiny_pipeline_run_reports_every_measurement() {
    let output = Command::new(env!("CARGO_BIN_EXE_ladder-bench"))
        .args(["pipeline", "--commands", "40", "--concurrency", "4"])
        .args(["--shared", "10", "--batch", "16", "--rounds", "2", "--json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "ladder-bench failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();

    // A warm-up of 4 ERGs and 4 budgets per client, 40 new ERGs, 40 new budgets, the
    // shared ERG and 10 assignments to it: one commit and one event each.
    let settings = &report["settings"];
    assert_eq!(settings["stream_messages"], 123);
    assert_eq!(settings["stream_events"], 123);
    assert!(settings["commit_bytes_mean"].as_u64().unwrap() > 100);
    assert!(settings["record_bytes_median"].as_u64().unwrap() > 30);

    let rows = report["rows"].as_array().unwrap();
    let field = |name: &str| -> Vec<Value> { rows.iter().map(|r| r[name].clone()).collect() };
    assert_eq!(
        field("key"),
        [
            "raw_publish",
            "command.register-erg",
            "command.request-budget",
            "command.assign-erg-role",
            "raw_redb",
            "projector_apply",
            "catch_up",
        ]
    );
    assert_eq!(
        field("baseline"),
        [
            "raw_publish",
            "raw_publish",
            "raw_publish",
            "raw_publish",
            "raw_redb",
            "raw_redb",
            "raw_redb",
        ]
    );
    let counts: Vec<u64> = rows
        .iter()
        .map(|r| r["measured"]["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [40, 40, 40, 10, 123, 123, 123]);
    let rounds: Vec<usize> = rows
        .iter()
        .map(|r| {
            r["measured"]["rounds_per_second"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .collect();
    assert_eq!(rounds, [2, 2, 2, 0, 2, 2, 0]);

    // Every ratio divides by the rate of the row named as baseline.
    let rate_of = |row: &Value| row["measured"]["per_second"].as_f64().unwrap();
    for row in rows {
        let baseline = rows.iter().find(|r| r["key"] == row["baseline"]).unwrap();
        assert!(rate_of(row) > 0.0, "{row}");
        let ratio = row["ratio_to_raw"].as_f64().unwrap();
        assert!(
            (ratio - rate_of(row) / rate_of(baseline)).abs() < 1e-9,
            "{row}"
        );
    }

    for row in &rows[..4] {
        let latency = &row["measured"]["latency"];
        assert!(latency["p50_ms"].as_f64().unwrap() <= latency["p99_ms"].as_f64().unwrap());
    }
}
