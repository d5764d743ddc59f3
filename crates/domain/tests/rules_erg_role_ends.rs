//! Ending ERG role terms: only an open term, once, and not before it started.
//!
//! Terms are day intervals with an inclusive last day; an assigned term is open
//! until `end-erg-role` gives it a last day.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

use jiff::civil::{Date, date};
use ladder_domain::{AggregateState, Command, References, Rejection, Term, decide};
use proto_events::{AggregateKind, ErgRole, ErgRoleEnded, Event};
use serde_json::{Value, json};
use uuid::Uuid;

const ERG: Uuid = Uuid::from_u128(0x0e76_0000_0000_0000_0000_0000_0000_0001);
const ADMIN: Uuid = Uuid::from_u128(0xad00_0000_0000_0000_0000_0000_0000_0001);
const DANA: Uuid = Uuid::from_u128(0xda0a_0000_0000_0000_0000_0000_0000_0001);
const ALEX: Uuid = Uuid::from_u128(0xa1e0_0000_0000_0000_0000_0000_0000_0002);
const SAM: Uuid = Uuid::from_u128(0x5a00_0000_0000_0000_0000_0000_0000_0003);
const COMMAND: Uuid = Uuid::from_u128(0xc0de_0000_0000_0000_0000_0000_0000_0001);

type Named = (&'static str, Value);

fn register() -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": ADMIN,
        "erg_id": ERG, "name": "Veterans in Tech", "sensitive": false,
    });
    ("register-erg", body)
}

fn assign(employee: Uuid, role: &str, term_start: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": ADMIN,
        "erg_id": ERG, "employee_id": employee, "role": role, "term_start": term_start,
    });
    ("assign-erg-role", body)
}

fn end(employee: Uuid, role: &str, term_end: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": ADMIN,
        "erg_id": ERG, "employee_id": employee, "role": role, "term_end": term_end,
    });
    ("end-erg-role", body)
}

/// The ERG's state after each command was accepted in turn.
fn given(commands: &[Named]) -> AggregateState {
    let mut state = AggregateState::empty(AggregateKind::Erg);
    for command in commands {
        let events = when(&state, command.clone())
            .unwrap_or_else(|rejection| panic!("given `{}` was rejected: {rejection}", command.0));
        events.iter().for_each(|event| state.apply(event));
    }
    state
}

fn when(state: &AggregateState, (name, body): Named) -> Result<Vec<Event>, Rejection> {
    let command = Command::parse(name, body.to_string().as_bytes())
        .unwrap_or_else(|err| panic!("`{name}` does not parse: {err}"));
    decide(&command, state, &References::default())
}

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
    let state = given(&[]);

    let rejection = when(&state, end(DANA, "chair", "2026-01-01")).unwrap_err();

    assert_eq!(rejection, Rejection::UnknownErg { erg_id: ERG });
    assert_eq!(rejection.code(), "unknown-erg");
}

#[test]
fn ending_an_open_term_records_its_last_day() {
    let state = given(&[register(), assign(DANA, "treasurer", "2026-01-01")]);

    let events = when(&state, end(DANA, "treasurer", "2026-06-30"));

    assert_eq!(
        events,
        Ok(ended(DANA, ErgRole::Treasurer, date(2026, 6, 30)))
    );
}

#[test]
fn a_term_may_end_on_the_day_it_started() {
    // Edge: a one-day term is a term.
    let state = given(&[register(), assign(DANA, "event-lead", "2026-03-14")]);

    let events = when(&state, end(DANA, "event-lead", "2026-03-14"));

    assert_eq!(
        events,
        Ok(ended(DANA, ErgRole::EventLead, date(2026, 3, 14)))
    );
}

#[test]
fn a_term_may_not_end_before_it_started() {
    let state = given(&[register(), assign(DANA, "event-lead", "2026-03-14")]);

    let rejection = when(&state, end(DANA, "event-lead", "2026-03-13")).unwrap_err();

    let expected = Rejection::RoleEndsBeforeStart {
        start: date(2026, 3, 14),
        end: date(2026, 3, 13),
    };
    assert_eq!(rejection, expected);
    assert_eq!(rejection.code(), "role-ends-before-start");
}

#[test]
fn a_term_may_not_end_twice() {
    let state = given(&[
        register(),
        assign(DANA, "treasurer", "2026-01-01"),
        end(DANA, "treasurer", "2026-06-30"),
    ]);

    let same_day = when(&state, end(DANA, "treasurer", "2026-06-30")).unwrap_err();
    let other_day = when(&state, end(DANA, "treasurer", "2026-09-30")).unwrap_err();

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
    let state = given(&[
        register(),
        assign(DANA, "treasurer", "2026-01-01"),
        end(DANA, "treasurer", "2026-03-31"),
        assign(DANA, "treasurer", "2026-07-01"),
        end(DANA, "treasurer", "2026-12-31"),
    ]);

    let rejection = when(&state, end(DANA, "treasurer", "2027-01-31")).unwrap_err();

    let expected = Rejection::RoleAlreadyEnded {
        employee_id: DANA,
        role: "treasurer",
        ended: date(2026, 12, 31),
    };
    assert_eq!(rejection, expected);
}

#[test]
fn ending_a_role_never_held_is_refused() {
    let state = given(&[register()]);

    let rejection = when(&state, end(DANA, "mentorship-lead", "2026-06-30")).unwrap_err();

    let expected = Rejection::RoleNotHeld {
        employee_id: DANA,
        role: "mentorship-lead",
    };
    assert_eq!(rejection, expected);
    assert_eq!(rejection.code(), "role-not-held");
}

#[test]
fn ending_a_role_held_only_by_someone_else_or_in_another_role_is_refused() {
    let state = given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let other_person = when(&state, end(ALEX, "chair", "2026-06-30")).unwrap_err();
    let other_role = when(&state, end(DANA, "co-chair", "2026-06-30")).unwrap_err();

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
    let state = given(&[
        register(),
        assign(DANA, "treasurer", "2026-01-01"),
        end(DANA, "treasurer", "2026-03-31"),
        assign(DANA, "treasurer", "2026-07-01"),
    ]);

    let too_early = when(&state, end(DANA, "treasurer", "2026-06-30")).unwrap_err();
    let events = when(&state, end(DANA, "treasurer", "2026-12-31"));

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
    let state = given(&[
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
