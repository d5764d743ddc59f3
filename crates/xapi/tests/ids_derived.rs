//! Derived statement ids and account keys: the same input always gives the same
//! id, a different input a different one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{Edit, edited, parse_one};
use ladder_xapi::{Account, STATEMENT_NAMESPACE, account_id, account_key, parse_statements};
use serde_json::{Value, json};
use uuid::Uuid;

fn derived_id(text: &str) -> Uuid {
    let statement = parse_statements(text.as_bytes())
        .unwrap()
        .remove(0)
        .unwrap();
    assert!(statement.id_derived);
    statement.id
}

fn without_id(edit: impl FnOnce(&mut Value)) -> Value {
    edited(|s| {
        s.as_object_mut().unwrap().remove("id");
        edit(s);
    })
}

fn id_of(value: &Value) -> Uuid {
    let statement = parse_one(value).unwrap();
    assert!(statement.id_derived);
    statement.id
}

const COMPACT: &str = r#"{"actor":{"account":{"homePage":"https://lms.example.org","name":"7"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/attended"},"object":{"id":"https://lms.example.org/event/1"},"timestamp":"2026-01-31T09:30:00Z"}"#;

#[test]
fn whitespace_key_order_and_escapes_do_not_change_the_id() {
    let respelled = "{\n\t\"timestamp\" : \"2026-01-31T09:30:00Z\",\r\n  \"object\": {\"id\": \
                     \"https:\\/\\/lms.example.org\\/event\\/1\"},\n  \"verb\": {\"id\": \
                     \"http:\\/\\/adlnet.gov\\/expapi\\/verbs\\/attended\"},\n  \"actor\": \
                     {\"account\": {\"name\": \"\\u0037\", \"homePage\": \"https://lms.example.org\"}}\n}";
    assert_eq!(derived_id(COMPACT), derived_id(respelled));
}

#[test]
fn sent_twice_the_same_statement_gets_the_same_id() {
    let first = parse_statements(COMPACT.as_bytes()).unwrap();
    let second = parse_statements(COMPACT.as_bytes()).unwrap();
    assert_eq!(
        first[0].as_ref().unwrap().id,
        second[0].as_ref().unwrap().id
    );
}

#[test]
fn a_different_statement_gets_a_different_id() {
    let base = id_of(&without_id(|_| {}));
    let variants: [Edit; 7] = [
        ("another learner", |s| {
            s["actor"]["account"]["name"] = json!("learner-4712");
        }),
        ("another LMS", |s| {
            s["actor"]["account"]["homePage"] = json!("https://lms2.example.org");
        }),
        ("another verb", |s| {
            s["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/passed");
        }),
        ("another activity", |s| {
            s["object"]["id"] = json!("https://lms.example.org/course/43");
        }),
        ("another time", |s| {
            s["timestamp"] = json!("2026-03-05T23:30:01-05:00");
        }),
        ("another score", |s| s["result"]["score"]["raw"] = json!(91)),
        ("another label", |s| {
            s["verb"]["display"]["en-US"] = json!("finished");
        }),
    ];
    let mut seen = vec![base];
    for (name, edit) in variants {
        let id = id_of(&without_id(edit));
        assert!(!seen.contains(&id), "{name} did not change the id");
        seen.push(id);
    }
}

#[test]
fn properties_an_lrs_assigns_do_not_change_the_id() {
    let base = id_of(&without_id(|_| {}));
    let exported = without_id(|s| {
        s["stored"] = json!("2026-03-06T10:00:00Z");
        s["authority"] =
            json!({"objectType": "Agent", "account": {"homePage": "https://lrs", "name": "x"}});
        s["version"] = json!("2.0.0");
    });
    assert_eq!(id_of(&exported), base);
}

#[test]
fn equivalent_spellings_get_the_same_id() {
    let base = id_of(&without_id(|_| {}));
    let same: [Edit; 3] = [
        ("whole scores written as floats", |s| {
            s["result"]["score"] = json!({"scaled": 0.9, "raw": 90.0, "min": 0.0, "max": 100.0});
        }),
        ("a single context activity not in an array", |s| {
            s["context"]["contextActivities"]["parent"] =
                json!({"id": "https://lms.example.org/course/view.php?id=40"});
        }),
        ("an explicit null", |s| {
            s["object"]["definition"]["description"] = Value::Null;
        }),
    ];
    for (name, edit) in same {
        assert_eq!(id_of(&without_id(edit)), base, "{name}");
    }
}

#[test]
fn a_given_id_is_kept() {
    let statement = parse_one(&edited(|_| {})).unwrap();
    assert!(!statement.id_derived);
    assert_eq!(
        statement.id.to_string(),
        "6fbd600f-d17c-4c74-801a-2ec2e53231c8"
    );
}

#[test]
fn the_derived_id_is_uuid_v5_of_the_canonical_json() {
    // The canonical form written out by hand: keys sorted, no spaces, `/` unescaped.
    let canonical = concat!(
        r#"{"actor":{"account":{"homePage":"https://lms.example.org","name":"7"}},"#,
        r#""object":{"id":"https://lms.example.org/event/1"},"#,
        r#""timestamp":"2026-01-31T09:30:00Z","#,
        r#""verb":{"id":"http://adlnet.gov/expapi/verbs/attended"}}"#
    );
    assert_eq!(
        derived_id(COMPACT),
        Uuid::new_v5(&STATEMENT_NAMESPACE, canonical.as_bytes())
    );
    assert_eq!(&STATEMENT_NAMESPACE.as_bytes()[..], b"ladder-xapi-stmt");
}

#[test]
fn account_keys_ignore_trailing_slashes_and_nothing_else() {
    let key = account_key("https://lms.example.org", "learner-4711");
    assert_eq!(
        key,
        account_key(" https://lms.example.org/ ", "learner-4711")
    );
    assert_ne!(key, account_key("https://lms.example.org", "learner-4712"));
    assert_ne!(key, account_key("https://lms.example.org", "Learner-4711"));
    assert_ne!(key, account_key("https://lms.example.com", "learner-4711"));
    assert_ne!(
        account_key("https://a", "bc"),
        account_key("https://ab", "c")
    );
    assert_eq!(
        account_id("https://lms.example.org/", "learner-4711"),
        account_id("https://lms.example.org", "learner-4711")
    );
    assert_ne!(
        account_id("https://lms.example.org", "1"),
        account_id("https://lms.example.org", "2")
    );
}

#[test]
fn account_keys_are_the_ones_the_hris_link_uses() {
    let key = account_key("https://lms.example.org/", "learner-4711");
    assert_eq!(
        key,
        proto_events::lms::account_key("https://lms.example.org", "learner-4711")
    );
    assert_eq!(
        account_id("https://lms.example.org", "learner-4711"),
        proto_events::lms::account_id(&key)
    );
}

#[test]
fn an_account_is_kept_canonical_and_its_debug_hides_the_name() {
    let account = Account::new("https://lms.example.org//", "learner-4711");
    assert_eq!(account.home_page(), "https://lms.example.org");
    assert_eq!(
        account.key(),
        account_key("https://lms.example.org", "learner-4711")
    );
    assert_eq!(
        account.id(),
        account_id("https://lms.example.org", "learner-4711")
    );
    let debug = format!("{account:?}");
    assert!(!debug.contains("learner-4711"), "{debug}");
    assert!(debug.contains("https://lms.example.org"), "{debug}");
}
