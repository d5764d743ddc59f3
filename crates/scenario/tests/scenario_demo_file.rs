//! The committed demo scenario is exactly what the generator makes of the demo's
//! arguments, so the file and the generator cannot drift apart unnoticed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::path::PathBuf;

/// `ladder gen --employees 200 --years 2 --seed 2025 --start 2025-01-01`, as `ops/demo`
/// documents it.
fn demo() -> ladder_scenario::Settings {
    common::settings(200, 2, 2025)
}

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ops/scenarios/demo.jsonl")
}

#[test]
fn the_committed_demo_scenario_is_what_the_generator_makes() {
    let path = committed_path();
    let generated = common::jsonl(&demo());
    // LADDER_BLESS=1 writes a missing file, as for the golden event vectors; an existing
    // file is never overwritten by a test.
    if !path.exists() && std::env::var_os("LADDER_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read {}: {err}; write it with `ladder gen --employees 200 --years 2 \
             --seed 2025 --out ops/scenarios/demo.jsonl`",
            path.display()
        )
    });
    assert!(
        committed == generated,
        "{} differs from the generator's output ({} bytes committed, {} generated); if the \
         generator changed on purpose, regenerate it with `ladder gen --employees 200 \
         --years 2 --seed 2025 --out ops/scenarios/demo.jsonl`",
        path.display(),
        committed.len(),
        generated.len()
    );
}

#[test]
fn the_demo_has_about_two_hundred_people_in_six_groups() {
    let lines = common::generated(&demo());
    let groups = lines.iter().filter(|l| l.command == "register-erg").count();
    assert_eq!(groups, 6);
    let fields = ["employee_id", "owner_id", "lead_id", "sponsor_id", "actor"];
    let mut people: Vec<&str> = lines
        .iter()
        .flat_map(|l| fields.iter().filter_map(|f| l.body.get(*f)?.as_str()))
        .collect();
    people.sort_unstable();
    people.dedup();
    // Role holders, approvers and sponsors: a part of the 200, never more.
    assert!(
        (40..=200).contains(&people.len()),
        "{} people appear",
        people.len()
    );
}
