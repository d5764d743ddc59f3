//! The stream is a function of the settings alone: same settings, same bytes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{jsonl, settings};
use jiff::civil::date;
use ladder_scenario::{ScenarioError, Settings, generate};

#[test]
fn the_same_settings_give_the_same_bytes() {
    for settings in [settings(200, 2, 2025), settings(2_500, 3, 77)] {
        let first = jsonl(&settings);
        let second = jsonl(&settings);
        assert!(!first.is_empty());
        assert!(first == second, "two runs of {settings:?} differ");
    }
}

#[test]
fn another_seed_gives_other_ids_and_choices() {
    let one = jsonl(&settings(200, 2, 1));
    let other = jsonl(&settings(200, 2, 2));
    assert_ne!(one, other);
    // Not a shifted copy either: the ids of the first command differ.
    let first_line = |bytes: &[u8]| common::lines(bytes).remove(0).body["command_id"].clone();
    assert_ne!(first_line(&one), first_line(&other));
}

#[test]
fn another_start_moves_the_dates() {
    let mut later = settings(200, 2, 1);
    later.start = date(2026, 1, 1);
    let lines = common::lines(&jsonl(&later));
    let (hires, rest): (Vec<_>, Vec<_>) =
        lines.iter().partition(|l| l.command == "onboard-employee");
    assert!(hires.iter().all(|l| common::effective(l) < later.start));
    assert!(rest.iter().all(|l| common::effective(l) >= later.start));
    assert!(
        rest.iter()
            .any(|l| common::effective(l) >= date(2027, 6, 1))
    );
    let statements = common::statements(&later);
    assert!(!statements.is_empty());
    assert!(
        statements
            .iter()
            .all(|s| common::statement_date(s) >= later.start)
    );
}

#[test]
fn out_of_range_settings_are_refused() {
    let refused = |settings: Settings| generate(&settings).unwrap_err();
    assert!(matches!(
        refused(settings(19, 2, 1)),
        ScenarioError::TooFewEmployees {
            employees: 19,
            min: 20
        }
    ));
    assert!(matches!(
        refused(settings(2_000_000, 2, 1)),
        ScenarioError::TooManyEmployees { .. }
    ));
    assert!(matches!(
        refused(settings(200, 0, 1)),
        ScenarioError::YearsOutOfRange { years: 0, .. }
    ));
    assert!(matches!(
        refused(settings(200, 21, 1)),
        ScenarioError::YearsOutOfRange { years: 21, .. }
    ));
    let mut far = settings(200, 2, 1);
    far.start = date(9_998, 6, 1);
    assert!(matches!(refused(far), ScenarioError::Calendar { .. }));
}

// Edge: hires reach 25 years before the start, and the last day lies `years` after it; both
// must be business dates commands accept, or `ladder load` would refuse the lines.
#[test]
fn scenarios_dated_outside_the_accepted_range_are_refused() {
    let refused = |start, years| {
        let mut settings = settings(200, years, 1);
        settings.start = start;
        generate(&settings).unwrap_err()
    };
    let late = refused(date(2195, 1, 1), 10);
    assert!(
        matches!(late, ScenarioError::DatesOutOfRange { last, .. } if last == date(2204, 12, 31)),
        "{late}"
    );
    let early = refused(date(1920, 1, 1), 2);
    assert!(
        matches!(early, ScenarioError::DatesOutOfRange { first, .. } if first == date(1895, 1, 1)),
        "{early}"
    );
    assert_eq!(
        early.to_string(),
        "a scenario from 1920-01-01 dates commands from 1895-01-01 to 1921-12-31, outside the \
         accepted range 1900-01-01 to 2199-12-31"
    );
    // Edge: the last day of the range is the scenario's last day.
    let mut edge = settings(200, 10, 1);
    edge.start = date(2190, 1, 1);
    assert!(
        generate(&edge).is_ok(),
        "a scenario ending 2199-12-31 is accepted"
    );
}
