//! Untrusted input never panics: random bytes, random JSON, and random values put
//! into a valid statement. And a derived id never depends on how the JSON is spelled.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::base;
use ladder_xapi::{BatchError, Mapping, ingest, map, parse_statements};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Strings that reach deeper checks than random text does.
const TOKENS: &[&str] = &[
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/voided",
    "https://w3id.org/xapi/tla/verbs/achieved",
    "https://lms.example.org",
    "6fbd600f-d17c-4c74-801a-2ec2e53231c8",
    "2026-01-31T09:30:00Z",
    "2026-01-31T09:30:00-00:00",
    "PT1H30M",
    "1.0.3",
    "2.0.0",
    "Activity",
    "Agent",
    "Group",
    "StatementRef",
    "SubStatement",
    "mailto:someone@example.org",
    "",
];

const KEYS: &[&str] = &[
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "version",
    "account",
    "homePage",
    "name",
    "mbox",
    "openid",
    "objectType",
    "definition",
    "type",
    "display",
    "score",
    "scaled",
    "raw",
    "min",
    "max",
    "success",
    "completion",
    "duration",
    "registration",
    "contextActivities",
    "parent",
    "grouping",
    "category",
    "other",
    "extensions",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,24}".prop_map(Value::String),
        prop::sample::select(TOKENS).prop_map(|t| Value::String(t.to_owned())),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        let key = prop_oneof![
            prop::sample::select(KEYS).prop_map(str::to_owned),
            "[a-zA-Z]{1,8}"
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Places in a valid statement to put a random value.
const PATHS: &[&[&str]] = &[
    &["id"],
    &["actor"],
    &["actor", "objectType"],
    &["actor", "account"],
    &["actor", "account", "homePage"],
    &["actor", "account", "name"],
    &["actor", "mbox"],
    &["verb"],
    &["verb", "id"],
    &["verb", "display"],
    &["object"],
    &["object", "objectType"],
    &["object", "id"],
    &["object", "definition"],
    &["object", "definition", "type"],
    &["result"],
    &["result", "success"],
    &["result", "duration"],
    &["result", "score"],
    &["result", "score", "scaled"],
    &["result", "score", "raw"],
    &["context"],
    &["context", "registration"],
    &["context", "contextActivities"],
    &["context", "contextActivities", "category"],
    &["timestamp"],
    &["stored"],
    &["version"],
];

fn set(target: &mut Value, path: &[&str], value: Value) {
    let mut at = target;
    for key in &path[..path.len() - 1] {
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        at = at
            .as_object_mut()
            .unwrap()
            .entry(*key)
            .or_insert(Value::Object(Map::new()));
    }
    if !at.is_object() {
        *at = Value::Object(Map::new());
    }
    at.as_object_mut()
        .unwrap()
        .insert(path[path.len() - 1].to_owned(), value);
}

/// The same JSON with every object's keys in reverse order.
fn reversed(value: &Value) -> Value {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = ingest(&body, &Mapping::default());
    }

    #[test]
    fn random_json_never_panics_and_gives_one_result_per_statement(value in json_value()) {
        let body = serde_json::to_vec(&value).unwrap();
        match (ingest(&body, &Mapping::default()), &value) {
            (Ok(results), Value::Array(items)) => prop_assert_eq!(results.len(), items.len()),
            (Ok(results), Value::Object(_)) => prop_assert_eq!(results.len(), 1),
            (Err(BatchError::NotStatements { .. }), v) => prop_assert!(!v.is_array() && !v.is_object()),
            (other, v) => prop_assert!(false, "{:?} for {}", other.map(|r| r.len()), v),
        }
    }

    #[test]
    fn random_values_in_a_statement_never_panic(
        path in prop::sample::select(PATHS),
        value in json_value(),
    ) {
        let mut statement = base();
        set(&mut statement, path, value);
        let body = serde_json::to_vec(&statement).unwrap();
        for result in parse_statements(&body).unwrap() {
            match result {
                Ok(statement) => {
                    let _ = map(&statement, &Mapping::default());
                }
                Err(err) => {
                    let message = err.to_string();
                    prop_assert!(message.len() < 700, "unbounded message: {}", message);
                    // Nothing that identifies a person is quoted back: no account
                    // name ever, and no value put anywhere in the actor.
                    prop_assert!(!message.contains("learner-4711"), "{}", message);
                    if path[0] == "actor" {
                        prop_assert!(!message.contains("someone@example.org"), "{}", message);
                    }
                }
            }
        }
    }

    #[test]
    fn the_derived_id_does_not_depend_on_spelling(extension in json_value()) {
        let mut statement = base();
        statement.as_object_mut().unwrap().remove("id");
        statement["context"]["extensions"] = serde_json::json!({ "https://x.example/e": extension });
        let compact = serde_json::to_vec(&statement).unwrap();
        let respelled = serde_json::to_vec_pretty(&reversed(&statement)).unwrap();
        let first = parse_statements(&compact).unwrap().remove(0).unwrap();
        let second = parse_statements(&respelled).unwrap().remove(0).unwrap();
        prop_assert!(first.id_derived);
        prop_assert_eq!(first.id, second.id);
    }
}

#[test]
fn deeply_nested_json_is_refused_not_a_stack_overflow() {
    let depth = 100_000;
    let body = "[".repeat(depth) + &"]".repeat(depth);
    assert!(matches!(
        parse_statements(body.as_bytes()),
        Err(BatchError::NotJson(_))
    ));
}
