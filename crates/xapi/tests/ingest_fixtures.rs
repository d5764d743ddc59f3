//! Real statements from public sources ingest as Ladder expects.
//!
//! The files are in `/work/shared/fixtures/xapi/`, copied byte for byte; their
//! origin and licence are in that folder's README and repeated above each test.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::fixture;
use ladder_xapi::{
    LearningFact, LearningKind, Mapping, Outcome, Statement, Violation, account_key, map,
    parse_statements,
};

fn only_statement(file: &str) -> Statement {
    let mut results = parse_statements(&fixture(file)).expect("the file is a batch");
    assert_eq!(results.len(), 1, "{file} holds one statement");
    results
        .remove(0)
        .unwrap_or_else(|err| panic!("{file}: {err}"))
}

fn fact(file: &str) -> LearningFact {
    let statement = only_statement(file);
    match map(&statement, &Mapping::default()) {
        Outcome::Learning(fact) => fact,
        other => panic!("{file} gave {other:?}"),
    }
}

// xAPI-vle/moodle-logstore_xapi, tests/core/course_completed/completing_existing_course/
// statements.json at 04cb84afcb9cc6c19d195a3c29c02f75d341ae1c, GPL-3.0. `\/` escapes.
#[test]
fn moodle_course_completion_is_a_module_completion() {
    let fact = fact("moodle-course-completed.json");
    assert_eq!(fact.kind, LearningKind::ModuleCompleted);
    assert_eq!(fact.rule, "module-completion");
    assert_eq!(fact.verb, "http://id.tincanapi.com/verb/completed");
    assert_eq!(
        fact.activity_id,
        "http://www.example.org/course/view.php?id=1"
    );
    assert_eq!(
        fact.activity_type.as_deref(),
        Some("http://id.tincanapi.com/activitytype/lms/course")
    );
    assert_eq!(fact.issuer, "http://www.example.org");
    assert_eq!(fact.account.home_page(), "http://www.example.org");
    assert_eq!(fact.account.name(), "1");
    assert_eq!(fact.account_key, account_key("http://www.example.org", "1"));
    assert_eq!(
        fact.account_id,
        proto_events::lms::account_id(&fact.account_key)
    );
    // 15:31:41 at +01:00 is 14:31:41 UTC, on the 10th either way.
    assert_eq!(
        fact.occurred_at.map(|t| t.to_string()).as_deref(),
        Some("2015-06-10T14:31:41Z")
    );
    assert_eq!(
        fact.occurred_on.map(|d| d.to_string()).as_deref(),
        Some("2015-06-10")
    );
    // Moodle's export has no statement id: one is derived.
    assert!(fact.id_derived);
    assert_eq!(fact.statement_id.get_version_num(), 5);
}

// xAPI-vle/moodle-logstore_xapi, tests/core/course_module_completion_update/
// completing_existing_module/statements.json at eb699fe7e7a9f1f3ee48e92400e84c2e0a5cac2e,
// GPL-3.0. ADL's completed verb, Moodle's module activity type.
#[test]
fn moodle_module_completion_is_a_module_completion() {
    let fact = fact("moodle-module-completed.json");
    assert_eq!(fact.kind, LearningKind::ModuleCompleted);
    assert_eq!(fact.verb, "http://adlnet.gov/expapi/verbs/completed");
    assert_eq!(
        fact.activity_id,
        "http://www.example.org/mod/book/view.php?id=1"
    );
    assert_eq!(
        fact.activity_type.as_deref(),
        Some("http://id.tincanapi.com/activitytype/lms/module")
    );
    assert!(fact.id_derived);
}

// xAPI-vle/moodle-logstore_xapi, tests/core/badge_awarded/user_achieved_badge/
// statements.json at 2e60f8d1452624847f8f1fec4f03984bef32f6a8, GPL-3.0. Tab-indented;
// contextActivities.category and .parent are single objects.
#[test]
fn moodle_badge_award_is_a_certification() {
    let statement = only_statement("moodle-badge-achieved.json");
    assert_eq!(statement.context.category.len(), 1);
    assert_eq!(statement.context.category[0].id, "http://www.example.org");
    assert_eq!(statement.context.parent.len(), 1);
    assert_eq!(
        statement.context.parent[0].activity_type.as_deref(),
        Some("https://w3id.org/xapi/cmi5/activitytype/course")
    );
    let fact = fact("moodle-badge-achieved.json");
    assert_eq!(fact.kind, LearningKind::CertificationAwarded);
    assert_eq!(fact.rule, "award");
    assert_eq!(fact.verb, "https://w3id.org/xapi/tla/verbs/achieved");
    assert_eq!(
        fact.activity_id,
        "http://www.example.org/badges/overview.php?id=1"
    );
    assert_eq!(fact.account.name(), "1");
    // No timestamp and no stored time: the date is left to the service.
    assert_eq!(fact.occurred_at, None);
    assert_eq!(fact.occurred_on, None);
}

// xAPI-vle/moodle-logstore_xapi, tests/mod_facetoface/take_attendance/
// existing_attendance_taken/statements.json at 05ad9d9f60237332ddaf3ac6762c73c028d5bbc6,
// GPL-3.0. The learner is the actor; the instructor's account is in the context.
#[test]
fn moodle_attendance_is_an_event_attended() {
    let fact = fact("moodle-attendance-taken.json");
    assert_eq!(fact.kind, LearningKind::EventAttended);
    assert_eq!(fact.rule, "attendance");
    assert_eq!(
        fact.activity_id,
        "http://www.example.org/mod/facetoface/view.php?id=1"
    );
    // The attendee (account 2), not the instructor (account 1).
    assert_eq!(fact.account.name(), "2");
    assert_eq!(fact.account_key, account_key("http://www.example.org", "2"));
}

// adlnet/lrs-conformance-test-suite, test/v2_0/templates/statements/default.json at
// 2ec25f2eb8ccfcb7cb63ec2679dbd965f9f6ffdc, MIT; the mbox was replaced by
// mailto:learner1@example.org. A valid xAPI statement that Ladder cannot attribute.
#[test]
fn adl_statement_with_only_an_mbox_is_refused_without_repeating_it() {
    let results = parse_statements(&fixture("adl-statement-minimal.json")).unwrap();
    assert_eq!(results.len(), 1, "a single object is a batch of one");
    let err = results[0].as_ref().unwrap_err();
    assert_eq!(err.path, "actor");
    assert_eq!(
        err.violation,
        Violation::NoAccount {
            identified_by: "mbox"
        }
    );
    assert_eq!(err.violation.code(), "actor-without-account");
    let message = err.to_string();
    assert!(
        message.starts_with("actor has no account, only mbox"),
        "{message}"
    );
    assert!(message.contains("homePage and name"), "{message}");
    for leaked in ["learner1", "example.org", "mailto", "xAPI mbox"] {
        assert!(!message.contains(leaked), "{leaked} leaked into {message}");
        assert!(
            !format!("{err:?}").contains(leaked),
            "{leaked} leaked into the Debug form"
        );
    }
}

// All four Moodle files above; their statements differ, so their derived ids do.
#[test]
fn the_moodle_statements_get_distinct_derived_ids() {
    let files = [
        "moodle-course-completed.json",
        "moodle-module-completed.json",
        "moodle-badge-achieved.json",
        "moodle-attendance-taken.json",
    ];
    let mut ids: Vec<_> = files.iter().map(|f| only_statement(f).id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), files.len());
}

// moodle-course-completed.json (see above): written with `\/` escapes and four-space
// indentation; written again by serde_json, compact, keys in reverse order.
#[test]
fn a_moodle_export_respelled_keeps_its_derived_id() {
    let original = fixture("moodle-course-completed.json");
    let value: serde_json::Value = serde_json::from_slice(&original).unwrap();
    let respelled = reversed(&value);
    let text = serde_json::to_string(&respelled).unwrap();
    assert!(!text.contains("\\/"), "serde_json writes plain slashes");
    assert_ne!(text.as_bytes(), original.as_slice());
    let again = parse_statements(text.as_bytes())
        .unwrap()
        .remove(0)
        .unwrap();
    assert_eq!(again.id, only_statement("moodle-course-completed.json").id);
}

/// The same JSON with every object's keys in reverse order.
fn reversed(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .rev()
                .map(|(k, v)| (k.clone(), reversed(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(reversed).collect()),
        other => other.clone(),
    }
}
