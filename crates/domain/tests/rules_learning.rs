//! LMS account links and learning records: one link per account, one record per
//! statement, and voiding only what was recorded.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::given::Aggregate;
use ladder_domain::command::{RecordLearning, RevokeLearning};
use ladder_domain::{Command, CommandBody, CommandMeta, Rejection};
use proto_events::{AggregateKind, Event, LearningKind, LearningRecorded, LmsAccountLinked};
use serde_json::json;
use uuid::Uuid;

const EMPLOYEE: Uuid = Uuid::from_u128(0xe000_0000_0000_0000_0000_0000_0000_0001);
const OTHER: Uuid = Uuid::from_u128(0xe000_0000_0000_0000_0000_0000_0000_0002);
const HRIS: Uuid = Uuid::from_u128(0x4215_0000_0000_0000_0000_0000_0000_0001);
const STATEMENT: Uuid = Uuid::from_u128(0x5747_0000_0000_0000_0000_0000_0000_0001);
const VOIDING: Uuid = Uuid::from_u128(0x5747_0000_0000_0000_0000_0000_0000_0002);

/// Account links and learning records need nothing else to exist.
const LMS_ACCOUNTS: Aggregate = Aggregate::new(AggregateKind::LmsAccount);
const LEARNING: Aggregate = Aggregate::new(AggregateKind::Learning);

fn link(employee: Uuid, home_page: &str) -> Command {
    let body = json!({
        "command_id": Uuid::from_u128(employee.as_u128() ^ 1), "actor": HRIS,
        "employee_id": employee, "home_page": home_page, "account_name": "4711",
    });
    Command::parse("link-lms-account", body.to_string().as_bytes()).expect("valid link")
}

fn meta(command_id: Uuid) -> CommandMeta {
    CommandMeta {
        command_id,
        actor: HRIS,
        effective_date: None,
        correlation_id: None,
        causation_id: None,
    }
}

fn record(statement_id: Uuid) -> Command {
    let body = CommandBody::RecordLearning(RecordLearning {
        employee_id: EMPLOYEE,
        statement_id,
        kind: LearningKind::CertificationAwarded,
        activity_id: "https://lms.example.org/certifications/erg-leadership".to_owned(),
        issuer: "https://lms.example.org/".to_owned(),
        issuer_trusted: true,
        content_digest: None,
    });
    Command::internal(meta(statement_id), body).expect("valid record")
}

fn revoke(statement_id: Uuid) -> Command {
    let body = CommandBody::RevokeLearning(RevokeLearning {
        employee_id: EMPLOYEE,
        statement_id,
        voided_by: VOIDING,
    });
    Command::internal(meta(VOIDING), body).expect("valid revoke")
}

#[test]
fn a_link_stores_a_key_and_the_lms_but_not_the_account_name() {
    let events = LMS_ACCOUNTS
        .when_command(
            &LMS_ACCOUNTS.given_commands(&[]),
            &link(EMPLOYEE, "https://lms.example.org/"),
        )
        .unwrap();
    assert_eq!(
        events,
        vec![Event::LmsAccountLinked(LmsAccountLinked {
            employee_id: EMPLOYEE,
            account_key: proto_events::lms::account_key("https://lms.example.org", "4711"),
            home_page: "https://lms.example.org".to_owned(),
        })]
    );
}

#[test]
fn an_account_is_linked_once() {
    let state = LMS_ACCOUNTS.given_commands(&[link(EMPLOYEE, "https://lms.example.org")]);
    let result = LMS_ACCOUNTS.when_command(&state, &link(OTHER, "https://lms.example.org"));
    assert_eq!(
        result,
        Err(Rejection::LmsAccountAlreadyLinked {
            employee_id: EMPLOYEE
        })
    );
    assert_eq!(result.unwrap_err().code(), "lms-account-already-linked");
}

#[test]
fn a_link_needs_an_http_home_page() {
    let body = json!({
        "command_id": HRIS, "actor": HRIS, "employee_id": EMPLOYEE,
        "home_page": "lms.example.org", "account_name": "4711",
    });
    let err = Command::parse("link-lms-account", body.to_string().as_bytes()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("home_page"));
}

#[test]
fn a_statement_is_recorded_with_its_issuer_in_canonical_form() {
    let events = LEARNING
        .when_command(&LEARNING.given_commands(&[]), &record(STATEMENT))
        .unwrap();
    assert_eq!(
        events,
        vec![Event::LearningRecorded(LearningRecorded {
            statement_id: STATEMENT,
            kind: LearningKind::CertificationAwarded,
            activity_id: "https://lms.example.org/certifications/erg-leadership".to_owned(),
            issuer: "https://lms.example.org".to_owned(),
            issuer_trusted: true,
        })]
    );
}

#[test]
fn voiding_needs_a_recorded_statement_and_happens_once() {
    let empty = LEARNING.given_commands(&[]);
    assert_eq!(
        LEARNING
            .when_command(&empty, &revoke(STATEMENT))
            .unwrap_err()
            .code(),
        "learning-not-recorded"
    );
    let revoked = LEARNING.given_commands(&[record(STATEMENT), revoke(STATEMENT)]);
    assert_eq!(
        LEARNING
            .when_command(&revoked, &revoke(STATEMENT))
            .unwrap_err()
            .code(),
        "learning-already-revoked"
    );
    assert_eq!(
        LEARNING
            .when_command(&revoked, &record(STATEMENT))
            .unwrap_err()
            .code(),
        "learning-already-recorded"
    );
}

#[test]
fn only_learning_commands_are_issued_internally() {
    let body = CommandBody::CompleteMentorship(ladder_domain::command::CompleteMentorship {
        mentorship_id: STATEMENT,
    });
    assert!(Command::internal(meta(STATEMENT), body).is_err());
}
