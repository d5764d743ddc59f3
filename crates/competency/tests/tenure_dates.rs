//! Tenure at calendar edges, and today's date in a time zone around midnight and DST.
//!
//! "For at least N months" holds when `term_start + N months <= last counted day + 1 day`.
//! The anniversary `term_start + N months` is the first day *after* a full tenure, so a term
//! whose last counted day is the day before the anniversary has served N months.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{level_one, role};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use ladder_competency::today_in;
use proto_events::ErgRole;

const ONE_MONTH: &str = r#"{ role = { roles = ["chair"], months = 1 } }"#;
const TWELVE_MONTHS: &str = r#"{ role = { roles = ["chair"], months = 12 } }"#;

/// Met and missing for an open chair term from `start`, on `as_of`.
fn open_term(rule: &str, start: Date, as_of: Date) -> (bool, Vec<String>) {
    let level = level_one(rule, &[role(1, ErgRole::Chair, start, None)], as_of);
    (level.met, level.missing)
}

/// Met for a chair term from `start` to `end`, judged long after it ended.
fn ended_term(rule: &str, start: Date, end: Date) -> bool {
    let evidence = [role(1, ErgRole::Chair, start, Some(end))];
    level_one(rule, &evidence, date(2030, 1, 1)).met
}

#[test]
fn jan_31_reaches_one_month_at_feb_28_in_a_common_year() {
    // Jan 31 2025 + 1 month clamps to Feb 28, the anniversary: served through Feb 27.
    assert_eq!(
        open_term(ONE_MONTH, date(2025, 1, 31), date(2025, 2, 27)),
        (true, vec![])
    );
    assert_eq!(
        open_term(ONE_MONTH, date(2025, 1, 31), date(2025, 2, 28)),
        (true, vec![])
    );
    assert_eq!(
        open_term(ONE_MONTH, date(2025, 1, 31), date(2025, 2, 26)),
        (false, vec!["needs 1 more day as chair".to_owned()])
    );
}

#[test]
fn jan_31_reaches_one_month_at_feb_29_in_a_leap_year() {
    // Jan 31 2024 + 1 month clamps to Feb 29: one day later than in 2025.
    assert_eq!(
        open_term(ONE_MONTH, date(2024, 1, 31), date(2024, 2, 28)),
        (true, vec![])
    );
    assert_eq!(
        open_term(ONE_MONTH, date(2024, 1, 31), date(2024, 2, 27)),
        (false, vec!["needs 1 more day as chair".to_owned()])
    );
}

#[test]
fn feb_29_reaches_twelve_months_at_feb_28_of_the_next_year() {
    // Feb 29 2024 + 12 months clamps to Feb 28 2025.
    assert_eq!(
        open_term(TWELVE_MONTHS, date(2024, 2, 29), date(2025, 2, 27)),
        (true, vec![])
    );
    assert_eq!(
        open_term(TWELVE_MONTHS, date(2024, 2, 29), date(2025, 2, 26)),
        (false, vec!["needs 1 more day as chair".to_owned()])
    );
    assert_eq!(
        open_term(TWELVE_MONTHS, date(2024, 2, 29), date(2024, 12, 31)),
        (
            false,
            vec!["needs 1 more month and 27 days as chair".to_owned()]
        )
    );
}

#[test]
fn a_term_ending_one_day_short_does_not_reach_the_tenure() {
    assert!(ended_term(
        TWELVE_MONTHS,
        date(2025, 4, 1),
        date(2026, 3, 31)
    ));
    assert!(!ended_term(
        TWELVE_MONTHS,
        date(2025, 4, 1),
        date(2026, 3, 30)
    ));
    assert!(ended_term(ONE_MONTH, date(2025, 1, 31), date(2025, 2, 27)));
    assert!(!ended_term(ONE_MONTH, date(2025, 1, 31), date(2025, 2, 26)));
    let evidence = [role(
        1,
        ErgRole::Chair,
        date(2025, 4, 1),
        Some(date(2026, 3, 30)),
    )];
    let level = level_one(TWELVE_MONTHS, &evidence, date(2030, 1, 1));
    assert_eq!(level.missing, ["needs 1 more day as chair"]);
}

#[test]
fn terms_across_european_dst_changes_count_like_any_other_month() {
    // 2026-03-29 and 2026-10-25 are the EU clock changes; terms are civil dates.
    let months = [(3, 31), (5, 31), (10, 31)];
    for (month, last) in months {
        assert!(ended_term(
            ONE_MONTH,
            date(2026, month, 1),
            date(2026, month, last)
        ));
        assert!(!ended_term(
            ONE_MONTH,
            date(2026, month, 1),
            date(2026, month, last - 1)
        ));
    }
    assert!(ended_term(ONE_MONTH, date(2026, 3, 29), date(2026, 4, 28)));
    assert!(!ended_term(ONE_MONTH, date(2026, 3, 29), date(2026, 4, 27)));
    assert!(ended_term(
        ONE_MONTH,
        date(2026, 10, 25),
        date(2026, 11, 24)
    ));
    assert!(!ended_term(
        ONE_MONTH,
        date(2026, 10, 25),
        date(2026, 11, 23)
    ));
}

fn today(zone: &str, instant: &str) -> Date {
    let tz = TimeZone::get(zone).unwrap();
    today_in(&tz, instant.parse::<Timestamp>().unwrap())
}

#[test]
fn today_in_berlin_turns_at_local_midnight_across_dst() {
    let zone = "Europe/Berlin";
    // Winter time (UTC+1) before the spring change on 2026-03-29.
    assert_eq!(today(zone, "2026-03-28T22:59:59Z"), date(2026, 3, 28));
    assert_eq!(today(zone, "2026-03-28T23:00:00Z"), date(2026, 3, 29));
    // Summer time (UTC+2) from 2026-03-29 02:00 local.
    assert_eq!(today(zone, "2026-03-29T21:59:59Z"), date(2026, 3, 29));
    assert_eq!(today(zone, "2026-03-29T22:00:00Z"), date(2026, 3, 30));
    // Still summer time on the evening before the autumn change on 2026-10-25.
    assert_eq!(today(zone, "2026-10-24T21:59:59Z"), date(2026, 10, 24));
    assert_eq!(today(zone, "2026-10-24T22:00:00Z"), date(2026, 10, 25));
    // Winter time again at the end of 2026-10-25.
    assert_eq!(today(zone, "2026-10-25T22:59:59Z"), date(2026, 10, 25));
    assert_eq!(today(zone, "2026-10-25T23:00:00Z"), date(2026, 10, 26));
}

#[test]
fn today_in_new_york_turns_at_local_midnight_across_dst() {
    let zone = "America/New_York";
    // EST (UTC-5) before 2026-03-08; EDT (UTC-4) after.
    assert_eq!(today(zone, "2026-03-08T04:59:59Z"), date(2026, 3, 7));
    assert_eq!(today(zone, "2026-03-08T05:00:00Z"), date(2026, 3, 8));
    assert_eq!(today(zone, "2026-03-09T03:59:59Z"), date(2026, 3, 8));
    assert_eq!(today(zone, "2026-03-09T04:00:00Z"), date(2026, 3, 9));
    // EDT before 2026-11-01; EST after.
    assert_eq!(today(zone, "2026-11-01T03:59:59Z"), date(2026, 10, 31));
    assert_eq!(today(zone, "2026-11-01T04:00:00Z"), date(2026, 11, 1));
    assert_eq!(today(zone, "2026-11-02T04:59:59Z"), date(2026, 11, 1));
    assert_eq!(today(zone, "2026-11-02T05:00:00Z"), date(2026, 11, 2));
}

#[test]
fn one_instant_is_a_different_day_in_different_zones() {
    let instant = "2026-03-29T23:30:00Z";
    assert_eq!(today("Europe/Berlin", instant), date(2026, 3, 30));
    assert_eq!(today("America/New_York", instant), date(2026, 3, 29));
    assert_eq!(today("UTC", instant), date(2026, 3, 29));
}

#[test]
fn a_tenure_judged_on_today_in_a_zone_depends_on_the_local_date() {
    // Late evening in New York is already the next day in Berlin: one more counted day.
    let start = date(2025, 1, 31);
    let instant = "2025-02-26T23:30:00Z";
    let berlin = today("Europe/Berlin", instant);
    let new_york = today("America/New_York", instant);
    assert_eq!((berlin, new_york), (date(2025, 2, 27), date(2025, 2, 26)));
    assert!(open_term(ONE_MONTH, start, berlin).0);
    assert!(!open_term(ONE_MONTH, start, new_york).0);
}
