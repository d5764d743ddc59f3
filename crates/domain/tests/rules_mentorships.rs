//! Mentorships: a mentor and a different mentee, milestones while running, and a
//! completion only the mentee can confirm.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::given::{Aggregate, COMMAND, Named, code, on};
use jiff::civil::date;
use ladder_domain::{References, Rejection};
use proto_events::{AggregateKind, Event, MentorshipCompleted, MentorshipStarted};
use serde_json::json;
use uuid::Uuid;

const MENTORSHIP: Uuid = Uuid::from_u128(0x3e07_0000_0000_0000_0000_0000_0000_0001);
const MENTOR: Uuid = Uuid::from_u128(0x3e70_0000_0000_0000_0000_0000_0000_0001);
const MENTEE: Uuid = Uuid::from_u128(0x3e7e_0000_0000_0000_0000_0000_0000_0002);
const PROGRAMME: Uuid = Uuid::from_u128(0x9e09_0000_0000_0000_0000_0000_0000_0003);

/// Mentorships, decided within a framework of two competencies.
const MENTORSHIPS: Aggregate = Aggregate {
    kind: AggregateKind::Mentorship,
    references: framework,
};

fn start(mentor: Uuid, mentee: Uuid, focus: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": PROGRAMME, "mentorship_id": MENTORSHIP,
        "mentor_id": mentor, "mentee_id": mentee, "focus_competency": focus,
    });
    ("start-mentorship", body)
}

fn milestone(summary: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": MENTOR, "mentorship_id": MENTORSHIP, "summary": summary,
    });
    ("record-mentorship-milestone", body)
}

fn complete(actor: Uuid) -> Named {
    let body = json!({ "command_id": COMMAND, "actor": actor, "mentorship_id": MENTORSHIP });
    ("complete-mentorship", body)
}

/// References of a framework that defines two competencies.
fn framework() -> References {
    let mut references = References::default();
    references.set_competencies(["budget-management".to_owned(), "delivery".to_owned()]);
    references
}

#[test]
fn a_mentorship_starts_on_a_known_competency() {
    let events = MENTORSHIPS
        .when(
            &MENTORSHIPS.given(&[]),
            start(MENTOR, MENTEE, "budget-management"),
        )
        .unwrap();
    assert_eq!(
        events,
        vec![Event::MentorshipStarted(MentorshipStarted {
            mentor_id: MENTOR,
            mentee_id: MENTEE,
            focus_competency: "budget-management".to_owned(),
        })]
    );
}

#[test]
fn a_competency_outside_the_framework_is_refused() {
    let result = MENTORSHIPS.when(&MENTORSHIPS.given(&[]), start(MENTOR, MENTEE, "juggling"));
    assert_eq!(
        result,
        Err(Rejection::UnknownCompetency {
            competency: "juggling".to_owned()
        })
    );
}

#[test]
fn nobody_mentors_themselves() {
    assert_eq!(
        code(MENTORSHIPS.when(&MENTORSHIPS.given(&[]), start(MENTOR, MENTOR, "delivery"))),
        "mentor-is-mentee"
    );
}

#[test]
fn a_mentorship_id_is_used_once() {
    let state = MENTORSHIPS.given(&[start(MENTOR, MENTEE, "delivery")]);
    assert_eq!(
        code(MENTORSHIPS.when(&state, start(MENTOR, MENTEE, "delivery"))),
        "mentorship-already-exists"
    );
}

#[test]
fn milestones_and_completion_need_a_started_mentorship() {
    assert_eq!(
        code(MENTORSHIPS.when(&MENTORSHIPS.given(&[]), milestone("met"))),
        "unknown-mentorship"
    );
    assert_eq!(
        code(MENTORSHIPS.when(&MENTORSHIPS.given(&[]), complete(MENTEE))),
        "unknown-mentorship"
    );
}

#[test]
fn only_the_mentee_confirms_completion() {
    let state = MENTORSHIPS.given(&[start(MENTOR, MENTEE, "delivery"), milestone("Plan agreed")]);
    for actor in [MENTOR, PROGRAMME] {
        assert_eq!(
            code(MENTORSHIPS.when(&state, complete(actor))),
            "only-mentee-can-complete"
        );
    }
    assert_eq!(
        MENTORSHIPS.when(&state, complete(MENTEE)),
        Ok(vec![Event::MentorshipCompleted(MentorshipCompleted {
            confirmed_by: MENTEE
        })])
    );
}

#[test]
fn a_completed_mentorship_takes_no_more_milestones_or_completions() {
    let state = MENTORSHIPS.given(&[start(MENTOR, MENTEE, "delivery"), complete(MENTEE)]);
    assert_eq!(
        code(MENTORSHIPS.when(&state, milestone("late"))),
        "mentorship-already-completed"
    );
    assert_eq!(
        code(MENTORSHIPS.when(&state, complete(MENTEE))),
        "mentorship-already-completed"
    );
}

// Failure pinned: a mentorship started 2026-06-01 was completed effective 2001-01-01.
#[test]
fn milestones_and_completion_may_not_be_dated_before_the_start() {
    let state = MENTORSHIPS.given(&[on(start(MENTOR, MENTEE, "delivery"), "2026-06-01")]);

    let milestone = MENTORSHIPS
        .when(&state, on(milestone("Plan agreed"), "2026-05-31"))
        .unwrap_err();
    let completion = MENTORSHIPS.when(&state, on(complete(MENTEE), "2001-01-01"));

    assert_eq!(
        milestone,
        Rejection::DateOutOfOrder {
            field: "effective_date",
            date: date(2026, 5, 31),
            step: "the mentorship start",
            step_date: date(2026, 6, 1),
        }
    );
    assert_eq!(code(completion), "date-out-of-order");
}

#[test]
fn completion_may_not_be_dated_before_the_latest_milestone() {
    // Milestones may be reported out of date order; the completion follows all of them.
    let state = MENTORSHIPS.given(&[
        on(start(MENTOR, MENTEE, "delivery"), "2026-06-01"),
        on(milestone("Second session"), "2026-09-01"),
        on(milestone("First session"), "2026-07-01"),
    ]);

    let early = MENTORSHIPS
        .when(&state, on(complete(MENTEE), "2026-08-31"))
        .unwrap_err();
    let after = MENTORSHIPS.when(&state, on(complete(MENTEE), "2026-09-01"));

    assert_eq!(
        early,
        Rejection::DateOutOfOrder {
            field: "effective_date",
            date: date(2026, 8, 31),
            step: "the latest mentorship milestone",
            step_date: date(2026, 9, 1),
        }
    );
    assert!(after.is_ok(), "{after:?}");
}
