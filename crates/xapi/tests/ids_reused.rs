//! A statement sent again under its id: the content digest is equal for a resend
//! however it is spelt, and differs for content that would change the record.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{Edit, base, edited, parse_one};
use ladder_xapi::{Mapping, Outcome, map};
use serde_json::{Value, json};

/// The statement with its top-level keys in reverse order, one per line, spaced out.
fn reordered(statement: &Value) -> String {
    let members: Vec<String> = statement
        .as_object()
        .unwrap()
        .iter()
        .rev()
        .map(|(key, value)| format!("  {}  :\t{value}", Value::from(key.as_str())))
        .collect();
    format!("\n{{\n{}\n}}\n", members.join(" ,\n"))
}

fn digest_of(edit: fn(&mut Value)) -> [u8; 32] {
    parse_one(&edited(edit)).unwrap().content_digest()
}

#[test]
fn a_resend_spelt_differently_has_the_same_content_digest() {
    let original = digest_of(|_| {});
    let resends: [Edit; 9] = [
        ("stored and authority added by an LRS", |s| {
            s["stored"] = json!("2026-03-06T08:00:00Z");
            s["authority"] = json!({
                "objectType": "Agent",
                "account": { "homePage": "https://lrs.example.org", "name": "lms-client" }
            });
        }),
        ("another version", |s| s["version"] = json!("2.0.0")),
        ("verb display in another language", |s| {
            s["verb"]["display"] = json!({ "de-DE": "abgeschlossen" });
        }),
        ("activity renamed", |s| {
            s["object"]["definition"]["name"] = json!({ "en-GB": "Leading an ERG (new)" });
        }),
        ("actor display name", |s| {
            s["actor"]["name"] = json!("Another Name");
        }),
        ("a whole score written as a float", |s| {
            s["result"]["score"]["raw"] = json!(90.0);
        }),
        ("a single context activity not in a list", |s| {
            s["context"]["contextActivities"]["parent"] =
                json!({ "id": "https://lms.example.org/course/view.php?id=40" });
        }),
        (
            "the same instant at another offset, on the same day there",
            |s| {
                s["timestamp"] = json!("2026-03-05T22:30:00.000-06:00");
            },
        ),
        ("sub-millisecond digits an LRS may drop", |s| {
            s["timestamp"] = json!("2026-03-05T23:30:00.0004-05:00");
        }),
    ];
    for (what, edit) in resends {
        assert_eq!(digest_of(edit), original, "{what}");
    }
    // Key order and whitespace.
    let respelt = ladder_xapi::parse_statements(reordered(&base()).as_bytes()).unwrap();
    assert_eq!(respelt[0].as_ref().unwrap().content_digest(), original);
}

#[test]
fn content_that_changes_the_record_changes_the_content_digest() {
    // Pins a past failure: a statement sent again under its id with a corrected
    // timestamp was answered `duplicate`, and the corrected date was dropped.
    let original = digest_of(|_| {});
    let others: [Edit; 12] = [
        ("another day", |s| {
            s["timestamp"] = json!("2026-03-06T23:30:00-05:00");
        }),
        ("the same instant on another calendar day", |s| {
            s["timestamp"] = json!("2026-03-06T04:30:00Z");
        }),
        ("another hour of the same day", |s| {
            s["timestamp"] = json!("2026-03-05T10:00:00-05:00");
        }),
        ("no timestamp", |s| {
            s.as_object_mut().unwrap().remove("timestamp");
        }),
        ("another learner", |s| {
            s["actor"]["account"]["name"] = json!("learner-4712");
        }),
        ("another verb", |s| {
            s["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/passed");
        }),
        ("another activity", |s| {
            s["object"]["id"] = json!("https://lms.example.org/course/view.php?id=43");
        }),
        ("another activity type", |s| {
            s["object"]["definition"]["type"] = json!("http://adlnet.gov/expapi/activities/module");
        }),
        ("another result", |s| s["result"]["success"] = json!(false)),
        ("another score", |s| s["result"]["score"]["raw"] = json!(91)),
        ("another registration", |s| {
            s["context"]["registration"] = json!("0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e02");
        }),
        ("another category", |s| {
            s["context"]["contextActivities"]["category"] =
                json!([{ "id": "https://lms.example.org/categories/finance" }]);
        }),
    ];
    for (what, edit) in others {
        assert_ne!(digest_of(edit), original, "{what}");
    }
}

#[test]
fn the_learning_fact_carries_the_content_digest() {
    let statement = parse_one(&base()).unwrap();
    let Outcome::Learning(fact) = map(&statement, &Mapping::default()) else {
        panic!("the base statement is a learning fact");
    };
    assert_eq!(fact.content_digest, statement.content_digest());
}
