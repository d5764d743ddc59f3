//! Assigning ERG roles: at most one chair at a time, no person in the same role twice at once.
//!
//! Terms are day intervals with an inclusive last day; an assigned term is open
//! until `end-erg-role` gives it a last day.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

use jiff::civil::{Date, date};
use ladder_domain::{AggregateState, Command, References, Rejection, decide};
use proto_events::{AggregateKind, ErgRole, ErgRoleAssigned, Event};
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

fn assigned(employee_id: Uuid, role: ErgRole, term_start: Date) -> Vec<Event> {
    vec![Event::ErgRoleAssigned(ErgRoleAssigned {
        employee_id,
        role,
        term_start,
    })]
}

#[test]
fn assigning_a_role_records_its_first_day() {
    let state = given(&[register()]);

    let events = when(&state, assign(DANA, "chair", "2026-01-01"));

    assert_eq!(events, Ok(assigned(DANA, ErgRole::Chair, date(2026, 1, 1))));
}

#[test]
fn every_role_name_maps_to_its_role() {
    let state = given(&[register()]);

    for role in ErgRole::ALL {
        let events = when(&state, assign(DANA, role.as_str(), "2026-01-01"));

        assert_eq!(events, Ok(assigned(DANA, role, date(2026, 1, 1))), "{role}");
    }
}

#[test]
fn assigning_in_an_unregistered_erg_is_refused() {
    let state = given(&[]);

    let rejection = when(&state, assign(DANA, "chair", "2026-01-01")).unwrap_err();

    assert_eq!(rejection, Rejection::UnknownErg { erg_id: ERG });
    assert_eq!(rejection.code(), "unknown-erg");
}

#[test]
fn a_second_chair_is_refused_while_the_first_term_is_open() {
    let state = given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let rejection = when(&state, assign(ALEX, "chair", "2027-03-01")).unwrap_err();

    assert_eq!(
        rejection,
        Rejection::ChairAlreadyAssigned {
            holder: DANA,
            since: date(2026, 1, 1)
        }
    );
    assert_eq!(rejection.code(), "chair-already-assigned");
}

#[test]
fn a_second_chair_starting_before_an_open_term_is_refused() {
    let state = given(&[register(), assign(DANA, "chair", "2026-07-01")]);

    let rejection = when(&state, assign(ALEX, "chair", "2026-01-01")).unwrap_err();

    assert_eq!(rejection.code(), "chair-already-assigned");
}

#[test]
fn a_chair_may_start_the_day_after_the_previous_term_ended() {
    let state = given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
    ]);

    let events = when(&state, assign(ALEX, "chair", "2026-07-01"));

    assert_eq!(events, Ok(assigned(ALEX, ErgRole::Chair, date(2026, 7, 1))));
}

#[test]
fn a_chair_may_not_start_on_the_last_day_of_the_previous_term() {
    // Edge: end dates are inclusive, so the last day is still the old chair's.
    let state = given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
    ]);

    let rejection = when(&state, assign(ALEX, "chair", "2026-06-30")).unwrap_err();

    assert_eq!(
        rejection,
        Rejection::ChairAlreadyAssigned {
            holder: DANA,
            since: date(2026, 1, 1)
        }
    );
}

#[test]
fn a_backdated_chair_overlapping_a_closed_term_is_refused() {
    // Edge: the earlier term is closed, yet the new one starts inside it.
    let state = given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
    ]);

    let rejection = when(&state, assign(ALEX, "chair", "2026-03-01")).unwrap_err();

    assert_eq!(
        rejection,
        Rejection::ChairAlreadyAssigned {
            holder: DANA,
            since: date(2026, 1, 1)
        }
    );
}

#[test]
fn a_backdated_chair_starting_before_a_closed_term_is_refused() {
    // Edge: the new term is open-ended, so it runs into the later closed term.
    let state = given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
    ]);

    let rejection = when(&state, assign(ALEX, "chair", "2025-01-01")).unwrap_err();

    assert_eq!(rejection.code(), "chair-already-assigned");
}

#[test]
fn the_chair_check_names_the_term_that_overlaps() {
    let state = given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
        assign(ALEX, "chair", "2026-07-01"),
        end(ALEX, "chair", "2026-12-31"),
    ]);

    let late = when(&state, assign(SAM, "chair", "2026-12-31")).unwrap_err();
    let next = when(&state, assign(SAM, "chair", "2027-01-01"));

    assert_eq!(
        late,
        Rejection::ChairAlreadyAssigned {
            holder: ALEX,
            since: date(2026, 7, 1)
        }
    );
    assert_eq!(next, Ok(assigned(SAM, ErgRole::Chair, date(2027, 1, 1))));
}

#[test]
fn a_former_chair_may_chair_again_after_a_successor() {
    let state = given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-03-31"),
        assign(ALEX, "chair", "2026-04-01"),
        end(ALEX, "chair", "2026-06-30"),
    ]);

    let events = when(&state, assign(DANA, "chair", "2026-07-01"));

    assert_eq!(events, Ok(assigned(DANA, ErgRole::Chair, date(2026, 7, 1))));
}

#[test]
fn roles_other_than_chair_may_have_several_holders_at_once() {
    for role in ErgRole::ALL.into_iter().filter(|r| *r != ErgRole::Chair) {
        let state = given(&[register(), assign(DANA, role.as_str(), "2026-01-01")]);

        let events = when(&state, assign(ALEX, role.as_str(), "2026-01-01"));

        assert_eq!(events, Ok(assigned(ALEX, role, date(2026, 1, 1))), "{role}");
    }
}

#[test]
fn the_chair_may_hold_other_roles_at_the_same_time() {
    let state = given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let events = when(&state, assign(DANA, "treasurer", "2026-01-01"));

    assert_eq!(
        events,
        Ok(assigned(DANA, ErgRole::Treasurer, date(2026, 1, 1)))
    );
}

#[test]
fn a_co_chair_may_serve_beside_the_chair() {
    let state = given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let events = when(&state, assign(ALEX, "co-chair", "2026-02-01"));

    assert_eq!(
        events,
        Ok(assigned(ALEX, ErgRole::CoChair, date(2026, 2, 1)))
    );
}

#[test]
fn the_same_role_twice_while_the_first_term_is_open_is_refused() {
    let state = given(&[register(), assign(DANA, "treasurer", "2026-01-01")]);

    let rejection = when(&state, assign(DANA, "treasurer", "2026-05-01")).unwrap_err();

    let expected = Rejection::RoleAlreadyHeld {
        employee_id: DANA,
        role: "treasurer",
        since: date(2026, 1, 1),
    };
    assert_eq!(rejection, expected);
    assert_eq!(rejection.code(), "role-already-held");
}

#[test]
fn the_same_person_as_chair_twice_is_role_already_held() {
    // Edge: both rules apply; the person-level rule is reported first.
    let state = given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let rejection = when(&state, assign(DANA, "chair", "2026-01-01")).unwrap_err();

    assert_eq!(rejection.code(), "role-already-held");
}

#[test]
fn the_same_role_again_after_the_term_ended_follows_the_inclusive_end() {
    let state = given(&[
        register(),
        assign(DANA, "event-lead", "2026-01-01"),
        end(DANA, "event-lead", "2026-06-30"),
    ]);

    let overlapping = when(&state, assign(DANA, "event-lead", "2026-06-30")).unwrap_err();
    let backdated = when(&state, assign(DANA, "event-lead", "2026-02-01")).unwrap_err();
    let after = when(&state, assign(DANA, "event-lead", "2026-07-01"));

    assert_eq!(overlapping.code(), "role-already-held");
    assert_eq!(backdated.code(), "role-already-held");
    assert_eq!(
        after,
        Ok(assigned(DANA, ErgRole::EventLead, date(2026, 7, 1)))
    );
}
