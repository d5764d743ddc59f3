//! Positions and employees: definitions, nominations, fills, onboarding,
//! departures and consent.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::given::{COMMAND, code, on};
use common::succession::{
    ALICE, BOB, EMPLOYEES, PLANNER, POSITION, POSITIONS, consent, define, defined, depart,
    fill_internal, nominate, onboard, withdraw,
};
use jiff::civil::date;
use ladder_domain::Rejection;
use proto_events::{Event, Fill, Money, Readiness, SuccessorNominated};
use serde_json::json;

#[test]
fn a_position_requires_competencies_of_the_framework() {
    let unknown = define(&json!([{ "competency": "juggling", "level": 1 }]));
    assert_eq!(
        code(POSITIONS.when(&POSITIONS.given(&[]), unknown)),
        "unknown-competency"
    );
    assert_eq!(
        code(POSITIONS.when(&POSITIONS.given(&[defined()]), defined())),
        "position-already-defined"
    );
}

#[test]
fn nominations_need_a_defined_open_position_and_happen_once() {
    assert_eq!(
        code(POSITIONS.when(&POSITIONS.given(&[]), nominate(ALICE))),
        "unknown-position"
    );
    let state = POSITIONS.given(&[defined(), nominate(ALICE)]);
    assert_eq!(
        code(POSITIONS.when(&state, nominate(ALICE))),
        "already-nominated"
    );
    assert_eq!(
        POSITIONS.when(&state, nominate(BOB)),
        Ok(vec![Event::SuccessorNominated(SuccessorNominated {
            candidate_id: BOB,
            readiness_override: None,
            reason: None,
        })])
    );
}

#[test]
fn a_planners_override_is_recorded_with_its_reason() {
    let mut command = nominate(BOB);
    command.1["readiness_override"] = json!("ready-now");
    command.1["reason"] = json!("Ran the function during parental leave cover");
    let events = POSITIONS
        .when(&POSITIONS.given(&[defined()]), command)
        .unwrap();
    assert_eq!(
        events,
        vec![Event::SuccessorNominated(SuccessorNominated {
            candidate_id: BOB,
            readiness_override: Some(Readiness::ReadyNow),
            reason: Some("Ran the function during parental leave cover".to_owned()),
        })]
    );
}

#[test]
fn only_a_standing_nomination_can_be_withdrawn_and_then_renewed() {
    let state = POSITIONS.given(&[defined(), nominate(ALICE), withdraw(ALICE)]);
    assert_eq!(
        code(POSITIONS.when(&state, withdraw(ALICE))),
        "not-nominated"
    );
    assert!(
        POSITIONS.when(&state, nominate(ALICE)).is_ok(),
        "a withdrawn candidate can be nominated again"
    );
}

#[test]
fn a_filled_position_takes_no_more_nominations_or_fills() {
    let state = POSITIONS.given(&[defined(), fill_internal(ALICE)]);
    assert_eq!(
        code(POSITIONS.when(&state, nominate(BOB))),
        "position-already-filled"
    );
    assert_eq!(
        code(POSITIONS.when(&state, fill_internal(BOB))),
        "position-already-filled"
    );
}

#[test]
fn an_external_hire_is_recorded_with_its_cost() {
    let body = json!({
        "command_id": COMMAND, "actor": PLANNER, "position_id": POSITION,
        "cost_minor": 4_500_000, "currency": "EUR",
    });
    let events = POSITIONS
        .when(&POSITIONS.given(&[defined()]), ("fill-position", body))
        .unwrap();
    let Event::PositionFilled(filled) = &events[0] else {
        panic!("not a fill: {events:?}")
    };
    assert_eq!(
        filled.fill,
        Fill::External {
            cost: Money {
                minor: 4_500_000,
                currency: "EUR".parse().unwrap()
            }
        }
    );
}

#[test]
fn onboarding_happens_once_with_interests_from_the_list() {
    let unknown = onboard(ALICE, &json!(["astrology"]));
    assert_eq!(
        code(EMPLOYEES.when(&EMPLOYEES.given(&[]), unknown)),
        "unknown-interest"
    );
    let state = EMPLOYEES.given(&[onboard(ALICE, &json!(["veterans"]))]);
    assert_eq!(
        code(EMPLOYEES.when(&state, onboard(ALICE, &json!([])))),
        "employee-already-onboarded"
    );
}

#[test]
fn a_departure_needs_an_onboarded_employee_after_the_hire_date() {
    assert_eq!(
        code(EMPLOYEES.when(&EMPLOYEES.given(&[]), depart(ALICE, "2026-01-31"))),
        "unknown-employee"
    );
    let state = EMPLOYEES.given(&[onboard(ALICE, &json!([]))]);
    // Edge: hired 2024-02-29, so the day before is refused and the hire day is fine.
    assert_eq!(
        code(EMPLOYEES.when(&state, depart(ALICE, "2024-02-28"))),
        "departure-before-hire"
    );
    assert!(EMPLOYEES.when(&state, depart(ALICE, "2024-02-29")).is_ok());
    let left = EMPLOYEES.given(&[onboard(ALICE, &json!([])), depart(ALICE, "2026-01-31")]);
    assert_eq!(
        code(EMPLOYEES.when(&left, depart(ALICE, "2026-02-01"))),
        "employee-already-departed"
    );
}

#[test]
fn only_the_employee_grants_or_withdraws_consent() {
    let grant = |actor| consent("grant-visibility-consent", actor, ALICE);
    let revoke = |actor| consent("withdraw-visibility-consent", actor, ALICE);
    assert_eq!(
        code(EMPLOYEES.when(&EMPLOYEES.given(&[]), grant(PLANNER))),
        "only-employee-can-consent"
    );
    assert_eq!(
        code(EMPLOYEES.when(&EMPLOYEES.given(&[]), revoke(ALICE))),
        "consent-not-granted"
    );
    let granted = EMPLOYEES.given(&[grant(ALICE)]);
    assert_eq!(
        code(EMPLOYEES.when(&granted, grant(ALICE))),
        "consent-already-granted"
    );
    assert_eq!(
        code(EMPLOYEES.when(&granted, revoke(BOB))),
        "only-employee-can-consent"
    );
    let withdrawn = EMPLOYEES.given(&[grant(ALICE), revoke(ALICE)]);
    assert!(
        EMPLOYEES.when(&withdrawn, grant(ALICE)).is_ok(),
        "consent can be given again"
    );
}

#[test]
fn a_consent_change_may_not_be_dated_before_the_last_one() {
    // The read models judge consent by effective date: a withdrawal dated before the grant
    // it withdraws would be accepted yet have no effect, so it is refused.
    let grant = |day| on(consent("grant-visibility-consent", ALICE, ALICE), day);
    let revoke = |day| on(consent("withdraw-visibility-consent", ALICE, ALICE), day);
    let granted = EMPLOYEES.given(&[grant("2026-12-01")]);
    let err = EMPLOYEES
        .when(&granted, revoke("2026-11-15"))
        .expect_err("a withdrawal dated before the grant");
    assert_eq!(code(Err(err.clone())), "date-out-of-order");
    let message = err.to_string();
    assert!(
        message.contains("2026-11-15") && message.contains("2026-12-01"),
        "{message}"
    );
    assert!(
        EMPLOYEES.when(&granted, revoke("2026-12-01")).is_ok(),
        "the same day"
    );
    let withdrawn = EMPLOYEES.given(&[grant("2026-12-01"), revoke("2027-01-01")]);
    assert_eq!(
        code(EMPLOYEES.when(&withdrawn, grant("2026-12-15"))),
        "date-out-of-order"
    );
    assert!(EMPLOYEES.when(&withdrawn, grant("2027-01-02")).is_ok());
}

#[test]
fn nominations_and_fills_may_not_be_dated_before_the_definition() {
    let state = POSITIONS.given(&[on(defined(), "2026-03-01")]);

    let nomination = POSITIONS
        .when(&state, on(nominate(ALICE), "2026-02-01"))
        .unwrap_err();
    let fill = POSITIONS.when(&state, on(fill_internal(BOB), "2025-12-31"));

    assert_eq!(
        nomination,
        Rejection::DateOutOfOrder {
            field: "effective_date",
            date: date(2026, 2, 1),
            step: "the position definition",
            step_date: date(2026, 3, 1),
        }
    );
    assert_eq!(code(fill), "date-out-of-order");
}

#[test]
fn a_withdrawal_may_not_be_dated_before_the_nomination() {
    let state = POSITIONS.given(&[
        on(defined(), "2026-03-01"),
        on(nominate(ALICE), "2026-04-01"),
    ]);

    let early = POSITIONS
        .when(&state, on(withdraw(ALICE), "2026-03-15"))
        .unwrap_err();
    let same_day = POSITIONS.when(&state, on(withdraw(ALICE), "2026-04-01"));

    assert_eq!(
        early,
        Rejection::DateOutOfOrder {
            field: "effective_date",
            date: date(2026, 3, 15),
            step: "the nomination",
            step_date: date(2026, 4, 1),
        }
    );
    assert!(same_day.is_ok(), "{same_day:?}");
}
