//! What a position's commands require of the rest of the world: successors and internal
//! fills name onboarded employees who have not left, and requirements name levels the active
//! framework defines.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::given::{COMMAND, code, on, when_with};
use common::succession::{
    ALICE, BOB, PLANNER, POSITION, POSITIONS, consent, define, defined, depart, employee,
    fill_internal, framework, nominate, onboard, staffed, withdraw,
};
use jiff::civil::date;
use ladder_domain::References;
use proto_events::{Event, Fill, Money};
use serde_json::json;
use uuid::Uuid;

/// Never onboarded by the HRIS.
const CAROL: Uuid = Uuid::from_u128(0xca20_0000_0000_0000_0000_0000_0000_0003);

/// Alice and Bob onboarded; Alice's last day was 2026-01-31.
fn alice_left() -> References {
    let mut references = staffed();
    let left = employee(&[onboard(ALICE, &json!([])), depart(ALICE, "2026-01-31")]);
    references.insert_employee(ALICE, left);
    references
}

// Failure pinned: a candidate the HRIS never onboarded was accepted as a successor.
#[test]
fn successors_and_internal_fills_name_onboarded_employees() {
    let open = POSITIONS.given(&[defined()]);
    assert_eq!(
        code(POSITIONS.when(&open, nominate(CAROL))),
        "unknown-employee"
    );
    assert_eq!(
        code(POSITIONS.when(&open, fill_internal(CAROL))),
        "unknown-employee"
    );
    // Edge: consent alone gives Carol a history, but no onboarding.
    let mut references = staffed();
    let grant = consent("grant-visibility-consent", CAROL, CAROL);
    references.insert_employee(CAROL, employee(&[grant]));
    let rejection = when_with(&open, nominate(CAROL), &references).unwrap_err();
    assert_eq!(rejection.code(), "unknown-employee");
    assert_eq!(
        rejection.to_string(),
        format!("employee {CAROL} was never onboarded")
    );
    assert!(POSITIONS.when(&open, nominate(ALICE)).is_ok());
    assert!(POSITIONS.when(&open, fill_internal(BOB)).is_ok());
}

// Failure pinned: an employee whose departure was recorded was nominated and filled a position.
#[test]
fn an_employee_who_left_by_the_effective_date_is_refused() {
    let open = POSITIONS.given(&[defined()]);
    let references = alice_left();
    for day in ["2026-01-31", "2026-02-01", "2027-06-30"] {
        for command in [nominate(ALICE), fill_internal(ALICE)] {
            let name = command.0;
            let rejection = when_with(&open, on(command, day), &references).unwrap_err();
            assert_eq!(
                rejection.code(),
                "employee-already-departed",
                "{name} {day}"
            );
            assert_eq!(
                rejection.to_string(),
                format!("employee {ALICE} departed on 2026-01-31")
            );
        }
    }
    // Edge: before the last day the employee is still there.
    assert!(when_with(&open, on(nominate(ALICE), "2026-01-30"), &references).is_ok());
    assert!(when_with(&open, on(fill_internal(ALICE), "2026-01-30"), &references).is_ok());
    assert!(when_with(&open, on(nominate(BOB), "2027-06-30"), &references).is_ok());
}

// Failure pinned: a candidate was nominated before their hire date.
#[test]
fn an_employee_is_named_only_from_their_hire_date() {
    // Everyone here was hired on 2024-02-29.
    let open = POSITIONS.given(&[defined()]);
    let references = staffed();
    for command in [nominate(BOB), fill_internal(BOB)] {
        let name = command.0;
        let rejection =
            when_with(&open, on(command.clone(), "2024-02-28"), &references).unwrap_err();
        assert_eq!(rejection.code(), "employee-not-yet-hired", "{name}");
        assert_eq!(
            rejection.to_string(),
            format!("employee {BOB} starts on 2024-02-29, after the command's effective date")
        );
        // Edge: the hire date itself is the first day.
        assert!(
            when_with(&open, on(command, "2024-02-29"), &references).is_ok(),
            "{name}"
        );
    }
    // Without a date, the recorded day decides.
    let mut early = staffed();
    early.set_recorded_on(date(2023, 12, 31));
    assert_eq!(
        code(when_with(&open, nominate(BOB), &early)),
        "employee-not-yet-hired"
    );
}

#[test]
fn an_undated_command_counts_from_the_recorded_day() {
    let open = POSITIONS.given(&[defined()]);
    let mut references = alice_left();
    assert_eq!(
        code(when_with(&open, nominate(ALICE), &references)),
        "employee-already-departed",
        "without a date, a recorded departure counts"
    );
    references.set_recorded_on(date(2026, 1, 15));
    assert!(when_with(&open, nominate(ALICE), &references).is_ok());
    references.set_recorded_on(date(2026, 1, 31));
    assert_eq!(
        code(when_with(&open, nominate(ALICE), &references)),
        "employee-already-departed"
    );
    // An explicit effective date wins over the recorded day.
    assert!(when_with(&open, on(nominate(ALICE), "2026-01-30"), &references).is_ok());
}

#[test]
fn a_departed_candidates_nomination_can_still_be_withdrawn() {
    let state = POSITIONS.given(&[defined(), nominate(ALICE)]);
    assert!(when_with(&state, withdraw(ALICE), &alice_left()).is_ok());
}

#[test]
fn an_external_hire_names_nobody() {
    let body = json!({
        "command_id": COMMAND, "actor": PLANNER, "position_id": POSITION,
        "cost_minor": 4_500_000, "currency": "EUR",
    });
    let open = POSITIONS.given(&[defined()]);
    assert!(when_with(&open, ("fill-position", body), &framework()).is_ok());
}

// An internal move may carry what it cost (relocation, training); the programme metrics
// average it against external hires.
#[test]
fn an_internal_fill_keeps_its_cost() {
    let mut command = fill_internal(BOB);
    command.1["cost_minor"] = json!(650_000);
    command.1["currency"] = json!("EUR");
    let events = POSITIONS
        .when(&POSITIONS.given(&[defined()]), command)
        .expect("accepted");
    let Some(Event::PositionFilled(filled)) = events.first() else {
        panic!("not a fill: {events:?}")
    };
    assert_eq!(
        filled.fill,
        Fill::Internal {
            employee_id: BOB,
            cost: Some(Money {
                minor: 650_000,
                currency: "EUR".parse().expect("a currency"),
            }),
        }
    );
}

/// A framework whose competencies have three levels, and one that only groups others.
fn three_levels() -> References {
    let mut references = References::default();
    references.set_competency_levels([
        ("community-leadership".to_owned(), 3),
        ("delivery".to_owned(), 3),
        ("leadership".to_owned(), 0),
    ]);
    references
}

// Failure pinned: level 7 of a three-level competency was accepted as a requirement.
#[test]
fn a_position_requires_only_levels_the_framework_defines() {
    let empty = POSITIONS.given(&[]);
    let requirement = |competency: &str, level: u8| {
        define(&json!([
            { "competency": "delivery", "level": 1 },
            { "competency": competency, "level": level },
        ]))
    };
    let rejection = when_with(
        &empty,
        requirement("community-leadership", 7),
        &three_levels(),
    )
    .unwrap_err();
    assert_eq!(rejection.code(), "level-beyond-framework");
    assert_eq!(
        rejection.to_string(),
        "level 7 of competency `community-leadership` is beyond the active framework, whose \
         highest level of it is 3"
    );
    assert_eq!(
        code(when_with(
            &empty,
            requirement("community-leadership", 4),
            &three_levels()
        )),
        "level-beyond-framework"
    );
    assert!(
        when_with(
            &empty,
            requirement("community-leadership", 3),
            &three_levels()
        )
        .is_ok()
    );
    // Edge: a competency that only structures the tree has no level to require.
    let grouping = when_with(&empty, requirement("leadership", 1), &three_levels()).unwrap_err();
    assert_eq!(grouping.code(), "level-beyond-framework");
    assert!(grouping.to_string().ends_with("highest level of it is 0"));
    assert_eq!(
        code(when_with(
            &empty,
            requirement("juggling", 1),
            &three_levels()
        )),
        "unknown-competency"
    );
}

#[test]
fn without_levels_only_the_competency_is_checked() {
    let high = define(&json!([{ "competency": "delivery", "level": 10 }]));
    assert!(POSITIONS.when(&POSITIONS.given(&[]), high).is_ok());
}
