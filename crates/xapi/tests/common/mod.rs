//! Shared test inputs: the public fixture files and a valid statement to vary.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use std::path::PathBuf;

use ladder_xapi::{Statement, StatementError, parse_statements};
use serde_json::{Value, json};

/// A named edit of a statement, for tables of cases.
pub(crate) type Edit = (&'static str, fn(&mut Value));

/// A file of `/work/shared/fixtures/xapi/`; see that folder's README for origins.
pub(crate) fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/fixtures/xapi",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|err| panic!("reading {}: {err}", path.display()))
}

/// A statement with every part Ladder reads, valid, with an id.
pub(crate) fn base() -> Value {
    json!({
        "id": "6fbd600f-d17c-4c74-801a-2ec2e53231c8",
        "actor": {
            "objectType": "Agent",
            "name": "Learner Name",
            "account": { "homePage": "https://lms.example.org", "name": "learner-4711" }
        },
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/completed",
            "display": { "en-US": "completed" }
        },
        "object": {
            "objectType": "Activity",
            "id": "https://lms.example.org/course/view.php?id=42",
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/course",
                "name": { "en-US": "Leading an ERG" }
            }
        },
        "result": {
            "success": true,
            "completion": true,
            "duration": "PT1H30M",
            "score": { "scaled": 0.9, "raw": 90, "min": 0, "max": 100 }
        },
        "context": {
            "registration": "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01",
            "contextActivities": {
                "parent": [{ "id": "https://lms.example.org/course/view.php?id=40" }],
                "category": [{ "id": "https://lms.example.org/categories/leadership" }]
            }
        },
        "timestamp": "2026-03-05T23:30:00-05:00",
        "version": "1.0.3"
    })
}

/// The single result of parsing `value` as a body.
pub(crate) fn parse_one(value: &Value) -> Result<Statement, StatementError> {
    let body = serde_json::to_vec(value).expect("a value serialises");
    let mut results = parse_statements(&body).expect("an object is a batch");
    assert_eq!(results.len(), 1, "one statement in, one result out");
    results.remove(0)
}

/// Removes a property of an object.
pub(crate) fn remove(value: &mut Value, key: &str) {
    value.as_object_mut().expect("an object").remove(key);
}

/// `base()` changed by `edit`.
pub(crate) fn edited(edit: impl FnOnce(&mut Value)) -> Value {
    let mut value = base();
    edit(&mut value);
    value
}

/// A valid statement with the given verb IRI, activity type and context categories,
/// and no result.
pub(crate) fn statement_with(
    verb: &str,
    activity_type: Option<&str>,
    categories: &[&str],
) -> Value {
    let mut value = edited(|s| {
        s["verb"]["id"] = json!(verb);
        s.as_object_mut().expect("object").remove("result");
        s["context"]["contextActivities"]["category"] =
            categories.iter().map(|id| json!({ "id": id })).collect();
    });
    match activity_type {
        Some(t) => value["object"]["definition"]["type"] = json!(t),
        None => {
            value["object"]["definition"]
                .as_object_mut()
                .expect("object")
                .remove("type");
        }
    }
    value
}
