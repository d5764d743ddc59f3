//! Assigning ERG roles: at most one chair at a time, no person in the same role twice at once.
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
use common::given::on;
use jiff::civil::{Date, date};
use ladder_domain::Rejection;
use proto_events::{ErgRole, ErgRoleAssigned, Event};
use uuid::Uuid;

fn assigned(employee_id: Uuid, role: ErgRole, term_start: Date) -> Vec<Event> {
    vec![Event::ErgRoleAssigned(ErgRoleAssigned {
        employee_id,
        role,
        term_start,
    })]
}

#[test]
fn assigning_a_role_records_its_first_day() {
    let state = ERGS.given(&[register()]);

    let events = ERGS.when(&state, assign(DANA, "chair", "2026-01-01"));

    assert_eq!(events, Ok(assigned(DANA, ErgRole::Chair, date(2026, 1, 1))));
}

#[test]
fn every_role_name_maps_to_its_role() {
    let state = ERGS.given(&[register()]);

    for role in ErgRole::ALL {
        let events = ERGS.when(&state, assign(DANA, role.as_str(), "2026-01-01"));

        assert_eq!(events, Ok(assigned(DANA, role, date(2026, 1, 1))), "{role}");
    }
}

#[test]
fn assigning_in_an_unregistered_erg_is_refused() {
    let state = ERGS.given(&[]);

    let rejection = ERGS
        .when(&state, assign(DANA, "chair", "2026-01-01"))
        .unwrap_err();

    assert_eq!(rejection, Rejection::UnknownErg { erg_id: ERG });
    assert_eq!(rejection.code(), "unknown-erg");
}

#[test]
fn a_second_chair_is_refused_while_the_first_term_is_open() {
    let state = ERGS.given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let rejection = ERGS
        .when(&state, assign(ALEX, "chair", "2027-03-01"))
        .unwrap_err();

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
    let state = ERGS.given(&[register(), assign(DANA, "chair", "2026-07-01")]);

    let rejection = ERGS
        .when(&state, assign(ALEX, "chair", "2026-01-01"))
        .unwrap_err();

    assert_eq!(rejection.code(), "chair-already-assigned");
}

#[test]
fn a_chair_may_start_the_day_after_the_previous_term_ended() {
    let state = ERGS.given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
    ]);

    let events = ERGS.when(&state, assign(ALEX, "chair", "2026-07-01"));

    assert_eq!(events, Ok(assigned(ALEX, ErgRole::Chair, date(2026, 7, 1))));
}

#[test]
fn a_chair_may_not_start_on_the_last_day_of_the_previous_term() {
    // Edge: end dates are inclusive, so the last day is still the old chair's.
    let state = ERGS.given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
    ]);

    let rejection = ERGS
        .when(&state, assign(ALEX, "chair", "2026-06-30"))
        .unwrap_err();

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
    let state = ERGS.given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
    ]);

    let rejection = ERGS
        .when(&state, assign(ALEX, "chair", "2026-03-01"))
        .unwrap_err();

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
    let state = ERGS.given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
    ]);

    let rejection = ERGS
        .when(&state, assign(ALEX, "chair", "2025-01-01"))
        .unwrap_err();

    assert_eq!(rejection.code(), "chair-already-assigned");
}

#[test]
fn the_chair_check_names_the_term_that_overlaps() {
    let state = ERGS.given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-06-30"),
        assign(ALEX, "chair", "2026-07-01"),
        end(ALEX, "chair", "2026-12-31"),
    ]);

    let late = ERGS
        .when(&state, assign(SAM, "chair", "2026-12-31"))
        .unwrap_err();
    let next = ERGS.when(&state, assign(SAM, "chair", "2027-01-01"));

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
    let state = ERGS.given(&[
        register(),
        assign(DANA, "chair", "2026-01-01"),
        end(DANA, "chair", "2026-03-31"),
        assign(ALEX, "chair", "2026-04-01"),
        end(ALEX, "chair", "2026-06-30"),
    ]);

    let events = ERGS.when(&state, assign(DANA, "chair", "2026-07-01"));

    assert_eq!(events, Ok(assigned(DANA, ErgRole::Chair, date(2026, 7, 1))));
}

#[test]
fn roles_other_than_chair_may_have_several_holders_at_once() {
    for role in ErgRole::ALL.into_iter().filter(|r| *r != ErgRole::Chair) {
        let state = ERGS.given(&[register(), assign(DANA, role.as_str(), "2026-01-01")]);

        let events = ERGS.when(&state, assign(ALEX, role.as_str(), "2026-01-01"));

        assert_eq!(events, Ok(assigned(ALEX, role, date(2026, 1, 1))), "{role}");
    }
}

#[test]
fn the_chair_may_hold_other_roles_at_the_same_time() {
    let state = ERGS.given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let events = ERGS.when(&state, assign(DANA, "treasurer", "2026-01-01"));

    assert_eq!(
        events,
        Ok(assigned(DANA, ErgRole::Treasurer, date(2026, 1, 1)))
    );
}

#[test]
fn a_co_chair_may_serve_beside_the_chair() {
    let state = ERGS.given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let events = ERGS.when(&state, assign(ALEX, "co-chair", "2026-02-01"));

    assert_eq!(
        events,
        Ok(assigned(ALEX, ErgRole::CoChair, date(2026, 2, 1)))
    );
}

#[test]
fn the_same_role_twice_while_the_first_term_is_open_is_refused() {
    let state = ERGS.given(&[register(), assign(DANA, "treasurer", "2026-01-01")]);

    let rejection = ERGS
        .when(&state, assign(DANA, "treasurer", "2026-05-01"))
        .unwrap_err();

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
    let state = ERGS.given(&[register(), assign(DANA, "chair", "2026-01-01")]);

    let rejection = ERGS
        .when(&state, assign(DANA, "chair", "2026-01-01"))
        .unwrap_err();

    assert_eq!(rejection.code(), "role-already-held");
}

#[test]
fn the_same_role_again_after_the_term_ended_follows_the_inclusive_end() {
    let state = ERGS.given(&[
        register(),
        assign(DANA, "event-lead", "2026-01-01"),
        end(DANA, "event-lead", "2026-06-30"),
    ]);

    let overlapping = ERGS
        .when(&state, assign(DANA, "event-lead", "2026-06-30"))
        .unwrap_err();
    let backdated = ERGS
        .when(&state, assign(DANA, "event-lead", "2026-02-01"))
        .unwrap_err();
    let after = ERGS.when(&state, assign(DANA, "event-lead", "2026-07-01"));

    assert_eq!(overlapping.code(), "role-already-held");
    assert_eq!(backdated.code(), "role-already-held");
    assert_eq!(
        after,
        Ok(assigned(DANA, ErgRole::EventLead, date(2026, 7, 1)))
    );
}

// Failure pinned: a chair's term starting before the ERG's registration was accepted, and
// counted as leadership of a group that did not exist yet.
#[test]
fn a_term_may_not_start_before_the_erg_was_registered() {
    let state = ERGS.given(&[on(register(), "2026-03-01")]);

    let early = ERGS
        .when(&state, assign(DANA, "chair", "2026-02-28"))
        .unwrap_err();
    let on_the_day = ERGS.when(&state, assign(DANA, "chair", "2026-03-01"));

    assert_eq!(
        early,
        Rejection::DateOutOfOrder {
            field: "term_start",
            date: date(2026, 2, 28),
            step: "the ERG registration",
            step_date: date(2026, 3, 1),
        }
    );
    assert_eq!(early.code(), "date-out-of-order");
    assert_eq!(
        on_the_day,
        Ok(assigned(DANA, ErgRole::Chair, date(2026, 3, 1)))
    );
}

#[test]
fn a_term_is_checked_by_its_start_not_by_the_commands_date() {
    // Edge: a term recorded today may start on any day since the registration.
    let state = ERGS.given(&[on(register(), "2020-01-01")]);

    let backdated = ERGS.when(
        &state,
        on(assign(DANA, "chair", "2021-05-01"), "2026-06-30"),
    );

    assert_eq!(
        backdated,
        Ok(assigned(DANA, ErgRole::Chair, date(2021, 5, 1)))
    );
}
