//! Each requirement a statement can break is reported with its field and a
//! message that names it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{base, edited, parse_one, remove};
use serde_json::{Value, json};
use uuid::Uuid;

/// Every case: a name, an edit of the valid base statement, the path and code expected.
type Case = (&'static str, fn(&mut Value), &'static str, &'static str);

const CASES: &[Case] = &[
    (
        "id not a uuid",
        |s| s["id"] = json!("statement-1"),
        "id",
        "not-a-uuid",
    ),
    (
        "id in braces",
        |s| s["id"] = json!("{6fbd600f-d17c-4c74-801a-2ec2e53231c8}"),
        "id",
        "not-a-uuid",
    ),
    ("id a number", |s| s["id"] = json!(7), "id", "not-a-string"),
    ("missing actor", |s| remove(s, "actor"), "actor", "missing"),
    (
        "null actor",
        |s| s["actor"] = Value::Null,
        "actor",
        "missing",
    ),
    (
        "actor a string",
        |s| s["actor"] = json!("learner-4711"),
        "actor",
        "not-an-object",
    ),
    (
        "actor without identifier",
        |s| remove(&mut s["actor"], "account"),
        "actor",
        "actor-without-identifier",
    ),
    (
        "actor with mbox only",
        |s| {
            remove(&mut s["actor"], "account");
            s["actor"]["mbox"] = json!("mailto:someone@example.org");
        },
        "actor",
        "actor-without-account",
    ),
    (
        "actor with mbox_sha1sum only",
        |s| {
            remove(&mut s["actor"], "account");
            s["actor"]["mbox_sha1sum"] = json!("ebd31e95054c018b10727ccffd2ef2ec3a016ee9");
        },
        "actor",
        "actor-without-account",
    ),
    (
        "actor with openid only",
        |s| {
            remove(&mut s["actor"], "account");
            s["actor"]["openid"] = json!("https://openid.example.org/someone");
        },
        "actor",
        "actor-without-account",
    ),
    (
        "actor with account and mbox",
        |s| s["actor"]["mbox"] = json!("mailto:someone@example.org"),
        "actor",
        "actor-with-several-identifiers",
    ),
    (
        "group actor",
        |s| s["actor"]["objectType"] = json!("Group"),
        "actor",
        "group-actor",
    ),
    (
        "actor of unknown type",
        |s| s["actor"]["objectType"] = json!("Person"),
        "actor.objectType",
        "unknown-object-type",
    ),
    (
        "account a string",
        |s| s["actor"]["account"] = json!("learner-4711"),
        "actor.account",
        "not-an-object",
    ),
    (
        "account without homePage",
        |s| remove(&mut s["actor"]["account"], "homePage"),
        "actor.account.homePage",
        "missing",
    ),
    (
        "account homePage not absolute",
        |s| s["actor"]["account"]["homePage"] = json!("lms.example.org"),
        "actor.account.homePage",
        "home-page-not-a-url",
    ),
    (
        "account homePage an e-mail",
        |s| s["actor"]["account"]["homePage"] = json!("mailto:lms@example.org"),
        "actor.account.homePage",
        "home-page-not-a-url",
    ),
    (
        "account without name",
        |s| remove(&mut s["actor"]["account"], "name"),
        "actor.account.name",
        "missing",
    ),
    (
        "account name empty",
        |s| s["actor"]["account"]["name"] = json!("  "),
        "actor.account.name",
        "empty-account-name",
    ),
    (
        "account name a number",
        |s| s["actor"]["account"]["name"] = json!(4711),
        "actor.account.name",
        "not-a-string",
    ),
    ("missing verb", |s| remove(s, "verb"), "verb", "missing"),
    (
        "verb without id",
        |s| remove(&mut s["verb"], "id"),
        "verb.id",
        "missing",
    ),
    (
        "verb id a word",
        |s| s["verb"]["id"] = json!("completed"),
        "verb.id",
        "not-an-iri",
    ),
    (
        "verb id with a space",
        |s| s["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/com pleted"),
        "verb.id",
        "not-an-iri",
    ),
    (
        "verb display a string",
        |s| s["verb"]["display"] = json!("completed"),
        "verb.display",
        "not-a-language-map",
    ),
    (
        "missing object",
        |s| remove(s, "object"),
        "object",
        "missing",
    ),
    (
        "object without id",
        |s| remove(&mut s["object"], "id"),
        "object.id",
        "missing",
    ),
    (
        "object id relative",
        |s| s["object"]["id"] = json!("/course/view.php?id=42"),
        "object.id",
        "not-an-iri",
    ),
    (
        "object id a mailto iri",
        |s| s["object"]["id"] = json!("mailto:dana.smith@example.com"),
        "object.id",
        "e-mail-in-iri",
    ),
    (
        "object id with an address in its query",
        |s| {
            s["object"]["id"] =
                json!("https://lms.example.org/courses/time?learner=dana.smith@example.com");
        },
        "object.id",
        "e-mail-in-iri",
    ),
    (
        "object of unknown type",
        |s| s["object"]["objectType"] = json!("Course"),
        "object.objectType",
        "unknown-object-type",
    ),
    (
        "activity type not an iri",
        |s| s["object"]["definition"]["type"] = json!("course"),
        "object.definition.type",
        "not-an-iri",
    ),
    (
        "activity name not a language map",
        |s| s["object"]["definition"]["name"] = json!(["x"]),
        "object.definition.name",
        "not-a-language-map",
    ),
    (
        "statement ref without uuid",
        |s| s["object"] = json!({"objectType": "StatementRef", "id": "x"}),
        "object.id",
        "not-a-uuid",
    ),
    (
        "voiding an activity",
        |s| s["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/voided"),
        "object",
        "voiding-without-statement-ref",
    ),
    (
        "result a list",
        |s| s["result"] = json!([]),
        "result",
        "not-an-object",
    ),
    (
        "success a word",
        |s| s["result"]["success"] = json!("yes"),
        "result.success",
        "not-a-boolean",
    ),
    (
        "completion a number",
        |s| s["result"]["completion"] = json!(1),
        "result.completion",
        "not-a-boolean",
    ),
    (
        "duration in words",
        |s| s["result"]["duration"] = json!("90 minutes"),
        "result.duration",
        "not-a-duration",
    ),
    (
        "scaled score above 1",
        |s| s["result"]["score"]["scaled"] = json!(1.5),
        "result.score.scaled",
        "scaled-score-out-of-range",
    ),
    (
        "scaled score below -1",
        |s| s["result"]["score"]["scaled"] = json!(-1.01),
        "result.score.scaled",
        "scaled-score-out-of-range",
    ),
    (
        "raw score below min",
        |s| s["result"]["score"]["raw"] = json!(-1),
        "result.score.raw",
        "raw-score-below-min",
    ),
    (
        "raw score above max",
        |s| s["result"]["score"]["raw"] = json!(101),
        "result.score.raw",
        "raw-score-above-max",
    ),
    (
        "max not above min",
        |s| s["result"]["score"]["max"] = json!(0),
        "result.score.max",
        "score-max-not-above-min",
    ),
    (
        "raw score a string",
        |s| s["result"]["score"]["raw"] = json!("90"),
        "result.score.raw",
        "not-a-number",
    ),
    (
        "context a string",
        |s| s["context"] = json!("course 42"),
        "context",
        "not-an-object",
    ),
    (
        "registration not a uuid",
        |s| s["context"]["registration"] = json!("42"),
        "context.registration",
        "not-a-uuid",
    ),
    (
        "context activities a string",
        |s| s["context"]["contextActivities"]["category"] = json!("leadership"),
        "context.contextActivities.category",
        "not-activities",
    ),
    (
        "context activity without id",
        |s| {
            s["context"]["contextActivities"]["grouping"] =
                json!([{"id": "https://lms.example.org"}, {}]);
        },
        "context.contextActivities.grouping[1].id",
        "missing",
    ),
    (
        "context activity not an object",
        |s| s["context"]["contextActivities"]["other"] = json!([3]),
        "context.contextActivities.other[0]",
        "not-an-object",
    ),
    (
        "context activity an agent",
        |s| {
            s["context"]["contextActivities"]["parent"][0]["objectType"] = json!("Agent");
        },
        "context.contextActivities.parent[0].objectType",
        "unknown-object-type",
    ),
    (
        "timestamp without offset",
        |s| s["timestamp"] = json!("2026-03-05T23:30:00"),
        "timestamp",
        "not-a-timestamp",
    ),
    (
        "timestamp with -00:00",
        |s| s["timestamp"] = json!("2026-03-05T23:30:00-00:00"),
        "timestamp",
        "not-a-timestamp",
    ),
    (
        "timestamp a date",
        |s| s["timestamp"] = json!("2026-03-05"),
        "timestamp",
        "not-a-timestamp",
    ),
    (
        "timestamp not a date",
        |s| s["timestamp"] = json!("yesterday"),
        "timestamp",
        "not-a-timestamp",
    ),
    (
        "timestamp a number",
        |s| s["timestamp"] = json!(1_772_771_400),
        "timestamp",
        "not-a-string",
    ),
    (
        "timestamp in year 9999",
        |s| s["timestamp"] = json!("9999-06-10T15:31:41Z"),
        "timestamp",
        "date-out-of-range",
    ),
    (
        "timestamp before 1900",
        |s| s["timestamp"] = json!("1899-12-31T23:59:59Z"),
        "timestamp",
        "date-out-of-range",
    ),
    (
        "stored in year 9999",
        |s| s["stored"] = json!("9999-06-10T15:31:41Z"),
        "stored",
        "date-out-of-range",
    ),
    (
        "stored without offset",
        |s| s["stored"] = json!("2026-03-06 10:00:00"),
        "stored",
        "not-a-timestamp",
    ),
    (
        "version 1.1",
        |s| s["version"] = json!("1.1.0"),
        "version",
        "unsupported-version",
    ),
    (
        "version 0.95",
        |s| s["version"] = json!("0.95"),
        "version",
        "unsupported-version",
    ),
];

#[test]
fn each_broken_requirement_is_reported_with_its_field() {
    assert!(parse_one(&base()).is_ok(), "the base statement is valid");
    for (name, edit, path, code) in CASES {
        let err = parse_one(&edited(edit)).expect_err(name);
        assert_eq!(
            (err.path.as_str(), err.violation.code()),
            (*path, *code),
            "{name}: {err}"
        );
        let message = err.to_string();
        assert!(
            message.starts_with(path),
            "{name}: `{message}` does not name the field"
        );
        assert!(
            !message.ends_with('.'),
            "{name}: `{message}` ends with a period"
        );
    }
}

#[test]
fn timestamps_on_the_edges_of_the_accepted_dates_are_valid() {
    // The date is taken at the timestamp's own offset: 1900-01-01 at +14:00 is still
    // 1899 in UTC, and 2199-12-31 at -12:00 is already 2200 in UTC.
    for edge in [
        "1900-01-01T00:00:00Z",
        "1900-01-01T00:00:00+14:00",
        "2199-12-31T23:59:59Z",
        "2199-12-31T23:59:59-12:00",
    ] {
        assert!(
            parse_one(&edited(|s| s["timestamp"] = json!(edge))).is_ok(),
            "{edge}"
        );
    }
}

#[test]
fn a_refused_statement_keeps_its_id_when_the_id_is_valid() {
    let err = parse_one(&edited(|s| remove(s, "verb"))).unwrap_err();
    assert_eq!(
        err.statement_id,
        Some(Uuid::parse_str("6fbd600f-d17c-4c74-801a-2ec2e53231c8").unwrap())
    );
    let err = parse_one(&edited(|s| s["id"] = json!("nope"))).unwrap_err();
    assert_eq!(err.statement_id, None);
}

#[test]
fn messages_name_the_requirement() {
    let message = |edit: fn(&mut Value)| parse_one(&edited(edit)).unwrap_err().to_string();
    assert_eq!(
        message(|s| s["verb"]["id"] = json!("completed")),
        "verb.id must be an absolute IRI such as `http://adlnet.gov/expapi/verbs/completed`, \
         got `completed`"
    );
    assert_eq!(message(|s| remove(s, "object")), "object is required");
    assert_eq!(
        message(|s| s["result"]["score"]["scaled"] = json!(2)),
        "result.score.scaled must be between -1 and 1, got 2"
    );
    assert_eq!(
        message(|s| {
            remove(&mut s["actor"], "account");
            s["actor"]["mbox"] = json!("mailto:someone@example.org");
        }),
        "actor has no account, only mbox: ladder matches statements to employees by LMS account \
         (homePage and name) and does not use e-mail addresses or OpenIDs"
    );
    assert_eq!(
        message(|s| s["timestamp"] = json!("9999-06-10T15:31:41Z")),
        "timestamp must fall on a date from 1900-01-01 to 2199-12-31, as evidence dates must, \
         got `9999-06-10T15:31:41Z`"
    );
    let long = "x".repeat(5_000);
    let shortened = parse_one(&edited(|s| s["verb"]["id"] = json!("x".repeat(5_000)))).unwrap_err();
    assert!(
        shortened.to_string().len() < 300,
        "a long value is quoted shortened"
    );
    assert!(!shortened.to_string().contains(&long));
}

#[test]
fn the_account_name_is_not_repeated_in_errors() {
    let err = parse_one(&edited(|s| {
        s["actor"]["mbox"] = json!("mailto:someone@example.org");
    }))
    .unwrap_err();
    let (message, debug) = (err.to_string(), format!("{err:?}"));
    for leaked in ["someone", "learner-4711"] {
        assert!(
            !message.contains(leaked) && !debug.contains(leaked),
            "{leaked} leaked: {message}"
        );
    }
}
