//! `Command::target` and `Command::references`: which aggregate a command changes and
//! which others must already exist.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use ladder_domain::Command;
use proto_events::AggregateKind;
use uuid::Uuid;

const ERG: &str = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01";
const BUDGET: &str = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e03";
const EMPLOYEE: &str = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e02";
const PROJECT: &str = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e04";

fn uuid(text: &str) -> Uuid {
    text.parse().expect("a literal UUID")
}

fn parsed() -> Vec<Command> {
    common::catalogue()
        .into_iter()
        .map(|(name, body)| {
            Command::parse(name, body.to_string().as_bytes())
                .unwrap_or_else(|err| panic!("{name}: {err}"))
        })
        .collect()
}

#[test]
fn every_command_targets_the_aggregate_its_id_names() {
    let targets: Vec<(&str, (AggregateKind, Uuid))> = parsed()
        .iter()
        .map(|c| (c.name.as_str(), c.target()))
        .collect();

    let erg = (AggregateKind::Erg, uuid(ERG));
    let budget = (AggregateKind::Budget, uuid(BUDGET));
    let project = (AggregateKind::Project, uuid(PROJECT));
    // The catalogue reuses the project id for its mentorship.
    let mentorship = (AggregateKind::Mentorship, uuid(PROJECT));
    let position = (AggregateKind::Position, uuid(PROJECT));
    let employee = (AggregateKind::Employee, uuid(EMPLOYEE));
    // An account's aggregate id is derived from its key, never from its name alone.
    let key = proto_events::lms::account_key("https://lms.example.org", "4711");
    let account = (
        AggregateKind::LmsAccount,
        proto_events::lms::account_id(&key),
    );
    let expected = vec![
        ("register-erg", erg),
        ("assign-erg-role", erg),
        ("end-erg-role", erg),
        ("request-budget", budget),
        ("approve-budget", budget),
        ("reject-budget", budget),
        ("close-budget", budget),
        ("start-project", project),
        ("complete-project", project),
        ("link-lms-account", account),
        ("start-mentorship", mentorship),
        ("record-mentorship-milestone", mentorship),
        ("complete-mentorship", mentorship),
        ("define-position", position),
        ("nominate-successor", position),
        ("withdraw-nomination", position),
        ("fill-position", position),
        ("onboard-employee", employee),
        ("record-departure", employee),
        ("grant-visibility-consent", employee),
        ("withdraw-visibility-consent", employee),
    ];
    assert_eq!(targets, expected);
}

#[test]
fn budget_requests_and_erg_projects_reference_their_erg_and_successions_their_employee() {
    let references: Vec<(&str, Vec<(AggregateKind, Uuid)>)> = parsed()
        .iter()
        .map(|c| (c.name.as_str(), c.references()))
        .collect();

    let erg = vec![(AggregateKind::Erg, uuid(ERG))];
    let employee = vec![(AggregateKind::Employee, uuid(EMPLOYEE))];
    let expected = vec![
        ("register-erg", vec![]),
        ("assign-erg-role", vec![]),
        ("end-erg-role", vec![]),
        ("request-budget", erg.clone()),
        ("approve-budget", vec![]),
        ("reject-budget", vec![]),
        ("close-budget", vec![]),
        ("start-project", erg),
        ("complete-project", vec![]),
        ("link-lms-account", vec![]),
        ("start-mentorship", vec![]),
        ("record-mentorship-milestone", vec![]),
        ("complete-mentorship", vec![]),
        ("define-position", vec![]),
        ("nominate-successor", employee.clone()),
        ("withdraw-nomination", vec![]),
        ("fill-position", employee),
        ("onboard-employee", vec![]),
        ("record-departure", vec![]),
        ("grant-visibility-consent", vec![]),
        ("withdraw-visibility-consent", vec![]),
    ];
    assert_eq!(references, expected);
}

#[test]
fn a_project_without_an_erg_references_nothing() {
    let (name, mut body) = common::catalogue().swap_remove(7);
    assert_eq!(name, "start-project");
    body.as_object_mut().expect("an object").remove("erg_id");

    let command = Command::parse(name, body.to_string().as_bytes()).expect("valid");

    assert_eq!(command.references(), vec![]);
    assert_eq!(command.target(), (AggregateKind::Project, uuid(PROJECT)));
}
