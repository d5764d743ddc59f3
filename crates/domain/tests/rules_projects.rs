//! Projects: a lead and a different sponsor, and the sponsor's sign-off, dated no earlier
//! than the start.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::erg::{self, ERG};
use common::given::{Aggregate, COMMAND, Named, code, on, when_with};
use jiff::civil::date;
use ladder_domain::{AggregateState, References, Rejection};
use proto_events::{AggregateKind, Event, ProjectCompleted, ProjectStarted};
use serde_json::json;
use uuid::Uuid;

const PROJECT: Uuid = Uuid::from_u128(0x9a0e_0000_0000_0000_0000_0000_0000_0001);
const LEAD: Uuid = Uuid::from_u128(0x1ead_0000_0000_0000_0000_0000_0000_0001);
const SPONSOR: Uuid = Uuid::from_u128(0x5b05_0000_0000_0000_0000_0000_0000_0002);
const BYSTANDER: Uuid = Uuid::from_u128(0xb757_0000_0000_0000_0000_0000_0000_0003);

/// Projects, decided where their ERG is registered.
const PROJECTS: Aggregate = Aggregate {
    kind: AggregateKind::Project,
    references: erg::registered,
};

fn start(lead: Uuid, sponsor: Uuid) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": lead,
        "project_id": PROJECT, "title": "Mentoring circle for new managers",
        "lead_id": lead, "sponsor_id": sponsor, "erg_id": ERG, "kind": "mentoring-circle",
    });
    ("start-project", body)
}

fn complete(actor: Uuid, outcome: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": actor, "project_id": PROJECT, "outcome": outcome,
    });
    ("complete-project", body)
}

fn started(erg_id: Option<Uuid>) -> Vec<Event> {
    vec![Event::ProjectStarted(ProjectStarted {
        title: "Mentoring circle for new managers".to_owned(),
        lead_id: LEAD,
        sponsor_id: SPONSOR,
        erg_id,
        kind: "mentoring-circle".to_owned(),
    })]
}

#[test]
fn starting_a_project_records_lead_sponsor_erg_and_kind() {
    let state = PROJECTS.given(&[]);

    let events = PROJECTS.when(&state, start(LEAD, SPONSOR));

    assert_eq!(events, Ok(started(Some(ERG))));
}

#[test]
fn the_recorded_title_is_trimmed() {
    let state = PROJECTS.given(&[]);
    let (name, mut body) = start(LEAD, SPONSOR);
    body["title"] = json!("\tMentoring circle for new managers  ");

    let events = PROJECTS.when(&state, (name, body));

    assert_eq!(events, Ok(started(Some(ERG))));
}

#[test]
fn a_project_without_an_erg_needs_no_registered_erg() {
    let state = PROJECTS.given(&[]);
    let (name, mut body) = start(LEAD, SPONSOR);
    body.as_object_mut().expect("an object").remove("erg_id");

    let events = when_with(&state, (name, body), &References::default());

    assert_eq!(events, Ok(started(None)));
}

#[test]
fn a_project_for_an_unregistered_erg_is_refused() {
    let state = PROJECTS.given(&[]);

    let rejection = when_with(&state, start(LEAD, SPONSOR), &References::default()).unwrap_err();

    assert_eq!(rejection, Rejection::UnknownErg { erg_id: ERG });
    assert_eq!(rejection.code(), "unknown-erg");
}

#[test]
fn the_sponsor_must_not_be_the_lead() {
    let state = PROJECTS.given(&[]);

    let rejection = PROJECTS.when(&state, start(LEAD, LEAD)).unwrap_err();

    assert_eq!(rejection, Rejection::SponsorIsLead);
    assert_eq!(rejection.code(), "sponsor-is-lead");
}

#[test]
fn starting_the_same_project_twice_is_refused() {
    let state = PROJECTS.given(&[start(LEAD, SPONSOR)]);

    let again = PROJECTS.when(&state, start(LEAD, SPONSOR)).unwrap_err();
    let self_sponsored = PROJECTS.when(&state, start(SPONSOR, SPONSOR)).unwrap_err();

    assert_eq!(
        again,
        Rejection::ProjectAlreadyExists {
            project_id: PROJECT
        }
    );
    assert_eq!(again.code(), "project-already-exists");
    assert_eq!(self_sponsored.code(), "project-already-exists");
}

#[test]
fn the_sponsor_signs_off_with_a_trimmed_outcome() {
    let state = PROJECTS.given(&[start(LEAD, SPONSOR)]);

    let events = PROJECTS.when(
        &state,
        complete(SPONSOR, " 14 managers matched with mentors.\n"),
    );

    let expected = ProjectCompleted {
        signed_off_by: SPONSOR,
        outcome: "14 managers matched with mentors.".to_owned(),
    };
    assert_eq!(events, Ok(vec![Event::ProjectCompleted(expected)]));
}

// Failure pinned: a bystander, neither lead nor sponsor, signed a project off and it counted
// as verified delivery for the lead.
#[test]
fn only_the_sponsor_may_sign_off() {
    let state = PROJECTS.given(&[start(LEAD, SPONSOR)]);

    let rejection = PROJECTS
        .when(&state, complete(BYSTANDER, "Done."))
        .unwrap_err();

    assert_eq!(
        rejection,
        Rejection::NotTheSponsor {
            sponsor_id: SPONSOR,
            actor: BYSTANDER,
        }
    );
    assert_eq!(rejection.code(), "not-the-sponsor");
}

#[test]
fn the_lead_hears_they_may_not_sign_off_rather_than_who_may() {
    let state = PROJECTS.given(&[start(LEAD, SPONSOR)]);

    let by_lead = PROJECTS.when(&state, complete(LEAD, "Done."));
    let by_bystander = PROJECTS.when(&state, complete(BYSTANDER, "Done."));

    assert_eq!(code(by_lead), "lead-cannot-sign-off");
    assert_eq!(code(by_bystander), "not-the-sponsor");
}

#[test]
fn the_lead_cannot_sign_off_their_own_project() {
    let state = PROJECTS.given(&[start(LEAD, SPONSOR)]);

    let rejection = PROJECTS.when(&state, complete(LEAD, "Done.")).unwrap_err();

    assert_eq!(rejection, Rejection::LeadCannotSignOff);
    assert_eq!(rejection.code(), "lead-cannot-sign-off");
}

#[test]
fn a_project_is_completed_only_once() {
    let state = PROJECTS.given(&[start(LEAD, SPONSOR), complete(SPONSOR, "Done.")]);

    let again = PROJECTS
        .when(&state, complete(SPONSOR, "Done."))
        .unwrap_err();
    let by_lead = PROJECTS
        .when(&state, complete(LEAD, "Done, really."))
        .unwrap_err();

    assert_eq!(again, Rejection::ProjectAlreadyCompleted);
    assert_eq!(again.code(), "project-already-completed");
    assert_eq!(by_lead.code(), "project-already-completed");
}

#[test]
fn completing_an_unknown_project_is_refused() {
    let state = PROJECTS.given(&[]);

    let rejection = PROJECTS
        .when(&state, complete(SPONSOR, "Done."))
        .unwrap_err();

    assert_eq!(
        rejection,
        Rejection::UnknownProject {
            project_id: PROJECT
        }
    );
    assert_eq!(rejection.code(), "unknown-project");
}

#[test]
fn the_folded_state_holds_start_and_sign_off() {
    let state = PROJECTS.given(&[start(LEAD, SPONSOR), complete(SPONSOR, "Done.")]);

    let AggregateState::Project(project) = state else {
        panic!("not a project: {state:?}")
    };
    let Some(Event::ProjectStarted(expected_start)) = started(Some(ERG)).pop() else {
        panic!("started() returns one ProjectStarted")
    };
    assert_eq!(project.started, Some(expected_start));
    let expected_sign_off = ProjectCompleted {
        signed_off_by: SPONSOR,
        outcome: "Done.".to_owned(),
    };
    assert_eq!(project.completed, Some(expected_sign_off));
}

// Failure pinned: a project started 2026-06-01 was signed off effective 2020-01-01.
#[test]
fn the_sign_off_may_not_be_dated_before_the_start() {
    let state = PROJECTS.given(&[on(start(LEAD, SPONSOR), "2026-06-01")]);

    let early = PROJECTS
        .when(&state, on(complete(SPONSOR, "Done."), "2020-01-01"))
        .unwrap_err();
    let same_day = PROJECTS.when(&state, on(complete(SPONSOR, "Done."), "2026-06-01"));

    assert_eq!(
        early,
        Rejection::DateOutOfOrder {
            field: "effective_date",
            date: date(2020, 1, 1),
            step: "the project start",
            step_date: date(2026, 6, 1),
        }
    );
    assert!(same_day.is_ok(), "{same_day:?}");
}

#[test]
fn who_signs_off_is_checked_before_when() {
    // Whoever may not sign off hears so, whatever the date.
    let state = PROJECTS.given(&[on(start(LEAD, SPONSOR), "2026-06-01")]);

    let by_lead = PROJECTS.when(&state, on(complete(LEAD, "Done."), "2020-01-01"));
    let by_bystander = PROJECTS.when(&state, on(complete(BYSTANDER, "Done."), "2020-01-01"));

    assert_eq!(code(by_lead), "lead-cannot-sign-off");
    assert_eq!(code(by_bystander), "not-the-sponsor");
}

#[test]
fn a_project_of_an_erg_may_not_start_before_the_erg_was_registered() {
    let mut references = References::default();
    references.insert_erg(ERG, date(2026, 6, 1));
    let state = PROJECTS.given(&[]);
    let early = when_with(&state, on(start(LEAD, SPONSOR), "2019-05-05"), &references);
    assert_eq!(code(early), "date-out-of-order");
    assert!(when_with(&state, on(start(LEAD, SPONSOR), "2026-06-02"), &references).is_ok());
}
