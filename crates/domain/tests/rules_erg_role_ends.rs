//! Ending ERG role terms: only an open term, once, and not before it started.
//!
//! Terms are day intervals with an inclusive last day; an assigned term is open
//! until `end-erg-role` gives it a last day.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::erg::{ALEX, DANA, ERG, ERGS, SAM, assign, end, register};
use jiff::civil::{Date, date};
use ladder_domain::{AggregateState, Rejection, Term};
use proto_events::{ErgRole, ErgRoleEnded, Event};
use uuid::Uuid;

fn ended(employee_id: Uuid, role: ErgRole, term_end: Date) -> Vec<Event> {
    vec![Event::ErgRoleEnded(ErgRoleEnded {
        employee_id,
        role,
        term_end,
    })]
}

fn terms(state: &AggregateState) -> &[Term] {
    match state {
        AggregateState::Erg(erg) => &erg.terms,
        other => panic!("not an ERG: {other:?}"),
    }
}

#[test]
fn ending_in_an_unregistered_erg_is_refused() {
    let state = ERGS.given(&[]);

    let rejection = ERGS
        .when(&state, end(DANA, "chair", "2026-01-01"))
        .unwrap_err();

    assert_eq!(rejection, Rejection::UnknownErg { erg_id: ERG });
    assert_eq!(rejection.code(), "unknown-erg");
}

#[test]
fn ending_an_open_term_records_its_last_day() {
    let state = ERGS.given(&[register(), assign(DANA, "treasurer", "2026-01-01")]);

    let events = ERGS.when(&state, end(DANA, "treasurer", "2026-06-30"));

    assert_eq!(
        events,
        Ok(ended(DANA, ErgRole::Treasurer, date(2026, 6, 30)))
    );
}

#[test]
fn a_term_may_end_on_the_day_it_started() {
    // Edge: a one-day term is a term.
    let state = ERGS.given(&[register(), assign(DANA, "event-lead", "2026-03-14")]);

    let events = ERGS.when(&state, end(DANA, "event-lead", "2026-03-14"));

    assert_eq!(
        events,
        Ok(ended(DANA, ErgRole::EventLead, date(2026, 3, 14)))
    );
}

#[test]
fn a_term_may_not_end_before_it_started() {
    let state = ERGS.given(&[register(), assign(DANA, "event-lead", "2026-03-14")]);

    let rejection = ERGS
        .when(&state, end(DANA, "event-lead", "2026-03-13"))
        .unwrap_err();

    let expected = Rejection::RoleEndsBeforeStart {
        start: date(2026, 3, 14),
        end: date(2026, 3, 13),
    };
    assert_eq!(rejection, expected);
    assert_eq!(rejection.code(), "role-ends-before-start");
}

#[test]
fn a_term_may_not_end_twice() {
    let state = ERGS.given(&[
        register(),
        assign(DANA, "treasurer", "2026-01-01"),
        end(DANA, "treasurer", "2026-06-30"),
    ]);

    let same_day = ERGS
        .when(&state, end(DANA, "treasurer", "2026-06-30"))
        .unwrap_err();
    let other_day = ERGS
        .when(&state, end(DANA, "treasurer", "2026-09-30"))
        .unwrap_err();

    let expected = Rejection::RoleAlreadyEnded {
        employee_id: DANA,
        role: "treasurer",
        ended: date(2026, 6, 30),
    };
    assert_eq!(same_day, expected);
    assert_eq!(other_day, expected);
    assert_eq!(same_day.code(), "role-already-ended");
}

#[test]
fn ending_twice_after_two_terms_names_the_latest_end() {
    let state = ERGS.given(&[
        register(),
        assign(DANA, "treasurer", "2026-01-01"),
        end(DANA, "treasurer", "2026-03-31"),
        assign(DANA, "treasurer", "2026-07-01"),
        end(DANA, "treasurer", "2026-12-31"),
    ]);

    let rejection = ERGS
        .when(&state, end(DANA, "treasurer", "2027-01-31"))
        .unwrap_err();

    let expected = Rejection::RoleAlreadyEnded {
        employee_id: DANA,
        role: "treasurer",
        ended: date(2026, 12, 31),
    };
    assert_eq!(rejection, expected);
}

#[test]
fn ending_a_role_never_held_is_refused() {
    let state = ERGS.given(&[register()]);

    let rejection = ERGS
        .when(&state, end(DANA, "mentorship-lead", "2026-06-30"))
        .unwrap_err();

    let expected = Rejection::RoleNotHeld {
        employee_id: DANA,
        role: "mentorship-lead",
    };
    assert_eq!(rejection, expected);
    assert_eq!(rejection.code(), "role-not-held");
}

#[test]
fn ending_a_role_held_only_by_someone_else_or_in_another_role_is_refused() {
    let state = ERGS.given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let other_person = ERGS
        .when(&state, end(ALEX, "chair", "2026-06-30"))
        .unwrap_err();
    let other_role = ERGS
        .when(&state, end(DANA, "co-chair", "2026-06-30"))
        .unwrap_err();

    assert_eq!(
        other_person,
        Rejection::RoleNotHeld {
            employee_id: ALEX,
            role: "chair"
        }
    );
    assert_eq!(
        other_role,
        Rejection::RoleNotHeld {
            employee_id: DANA,
            role: "co-chair"
        }
    );
}

#[test]
fn ending_after_a_second_assignment_ends_the_open_term() {
    let state = ERGS.given(&[
        register(),
        assign(DANA, "treasurer", "2026-01-01"),
        end(DANA, "treasurer", "2026-03-31"),
        assign(DANA, "treasurer", "2026-07-01"),
    ]);

    let too_early = ERGS
        .when(&state, end(DANA, "treasurer", "2026-06-30"))
        .unwrap_err();
    let events = ERGS.when(&state, end(DANA, "treasurer", "2026-12-31"));

    let expected = Rejection::RoleEndsBeforeStart {
        start: date(2026, 7, 1),
        end: date(2026, 6, 30),
    };
    assert_eq!(too_early, expected);
    assert_eq!(
        events,
        Ok(ended(DANA, ErgRole::Treasurer, date(2026, 12, 31)))
    );
}

#[test]
fn the_folded_state_lists_every_term_in_assignment_order() {
    let state = ERGS.given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        assign(ALEX, "treasurer", "2026-02-01"),
        end(DANA, "chair", "2026-06-30"),
        assign(SAM, "chair", "2026-07-01"),
    ]);

    let expected = [
        Term {
            employee_id: DANA,
            role: ErgRole::Chair,
            start: date(2026, 1, 1),
            end: Some(date(2026, 6, 30)),
        },
        Term {
            employee_id: ALEX,
            role: ErgRole::Treasurer,
            start: date(2026, 2, 1),
            end: None,
        },
        Term {
            employee_id: SAM,
            role: ErgRole::Chair,
            start: date(2026, 7, 1),
            end: None,
        },
    ];
    assert_eq!(terms(&state), expected);
}
