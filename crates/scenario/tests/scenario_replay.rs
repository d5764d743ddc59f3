//! Every generated command parses and is accepted when decided in stream order, as the
//! service decides it: against the folded history of its aggregate and the set of
//! aggregates that exist, with no I/O.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Line, effective, generated, settings};
use jiff::civil::date;
use ladder_domain::{AggregateState, Command, References, decide};
use ladder_scenario::{Settings, generate};
use proto_events::AggregateKind;
use uuid::Uuid;

/// Decides every line in order; returns the rejections, one line of text each.
fn replay(lines: &[Line]) -> Vec<String> {
    let mut states: BTreeMap<(AggregateKind, Uuid), AggregateState> = BTreeMap::new();
    let mut references = References::default();
    let mut rejections = Vec::new();
    for (number, line) in (1..).zip(lines) {
        let body = serde_json::to_vec(&line.body).unwrap();
        let command = Command::parse(&line.command, &body)
            .unwrap_or_else(|err| panic!("line {number}: {} does not parse: {err}", line.command));
        let (kind, id) = command.target();
        let state = states
            .entry((kind, id))
            .or_insert_with(|| AggregateState::empty(kind));
        match decide(&command, state, &references) {
            Ok(events) => {
                for event in &events {
                    state.apply(event);
                }
                references.insert(kind, id);
            }
            Err(rejection) => rejections.push(format!(
                "line {number}: {} rejected ({}): {rejection}",
                line.command,
                rejection.code()
            )),
        }
    }
    rejections
}

fn assert_accepted(settings: &Settings) {
    let lines = generated(settings);
    assert!(!lines.is_empty());
    let rejections = replay(&lines);
    assert!(
        rejections.is_empty(),
        "{} of {} commands rejected for {settings:?}, first: {:?}",
        rejections.len(),
        lines.len(),
        &rejections[..rejections.len().min(5)]
    );
}

#[test]
fn the_demo_scenario_is_accepted_command_by_command() {
    assert_accepted(&settings(200, 2, 2025));
}

#[test]
fn other_seeds_are_accepted_too() {
    for seed in [1, 2, 3, 99, u64::MAX] {
        assert_accepted(&settings(200, 2, seed));
    }
}

#[test]
fn the_smallest_workforce_is_accepted() {
    assert_accepted(&settings(ladder_scenario::MIN_EMPLOYEES, 3, 5));
}

#[test]
fn a_larger_workforce_over_three_years_is_accepted() {
    assert_accepted(&settings(3_000, 3, 8));
}

#[test]
fn a_start_in_the_middle_of_a_quarter_and_a_leap_year_is_accepted() {
    assert_accepted(&Settings {
        employees: 500,
        years: 2,
        seed: 4,
        start: date(2027, 5, 20),
    });
}

#[test]
fn the_written_lines_parse_back_into_the_generated_commands() {
    let settings = settings(300, 2, 6);
    let scenario = generate(&settings).unwrap();
    let lines = generated(&settings);
    assert_eq!(lines.len(), scenario.commands().len());
    for (line, command) in lines.iter().zip(scenario.commands()) {
        let body = serde_json::to_vec(&line.body).unwrap();
        assert_eq!(&Command::parse(&line.command, &body).unwrap(), command);
    }
}

#[test]
fn command_ids_are_unique_and_dates_never_go_back() {
    let settings = settings(3_000, 3, 9);
    let lines = generated(&settings);
    let ids: BTreeSet<&str> = lines
        .iter()
        .map(|l| common::text(l, "command_id"))
        .collect();
    assert_eq!(ids.len(), lines.len());
    let dates: Vec<_> = lines.iter().map(effective).collect();
    assert!(dates.windows(2).all(|pair| pair[0] <= pair[1]));
    assert!(dates.first().is_some_and(|first| *first >= settings.start));
    assert!(dates.last().is_some_and(|last| *last <= date(2027, 12, 31)));
}
