//! Batches: each statement gets its own result, in order; what xAPI allows is
//! accepted; a body that is not statements is one error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{Edit, base, edited, parse_one, remove};
use ladder_xapi::{BatchError, StatementObject, parse_statements};
use serde_json::{Value, json};

#[test]
fn what_xapi_allows_is_accepted() {
    let accepted: &[Edit] = &[
        ("no id", |s| remove(s, "id")),
        ("no optional parts", |s| {
            for key in ["result", "context", "timestamp", "version"] {
                remove(s, key);
            }
            remove(&mut s["object"], "definition");
            remove(&mut s["object"], "objectType");
            remove(&mut s["actor"], "objectType");
            remove(&mut s["verb"], "display");
        }),
        ("null properties", |s| {
            s["result"] = Value::Null;
            s["context"]["registration"] = Value::Null;
        }),
        ("xAPI 2.0", |s| s["version"] = json!("2.0.0")),
        ("version 1.0", |s| s["version"] = json!("1.0")),
        ("scaled score at the bounds", |s| {
            s["result"]["score"] = json!({"scaled": -1});
        }),
        ("raw score at the bounds", |s| {
            s["result"]["score"] = json!({"raw": 100, "min": 0, "max": 100});
        }),
        ("timestamp in UTC", |s| {
            s["timestamp"] = json!("2026-03-06T04:30:00.123Z");
        }),
        ("timestamp in basic format", |s| {
            s["timestamp"] = json!("20260306T043000Z");
        }),
        ("stored time", |s| {
            s["stored"] = json!("2026-03-06T04:31:00Z");
        }),
        ("single context activity", |s| {
            s["context"]["contextActivities"]["category"] = json!({"id": "https://x.example/c"});
        }),
        ("unknown properties", |s| {
            s["object"]["definition"]["x-vendor"] = json!(true);
            s["context"]["contextAgents"] = json!([]);
        }),
        ("agent object", |s| {
            s["object"] = json!({"objectType": "Agent", "mbox": "mailto:a@b.c"});
        }),
        ("sub-statement object", |s| {
            s["object"] = json!({"objectType": "SubStatement"});
        }),
        ("extensions and authority", |s| {
            s["authority"] = json!({"mbox": "mailto:lrs@example.org"});
            s["context"]["extensions"] = json!({"https://x.example/e": {"deep": [1, 2, {}]}});
        }),
    ];
    for (name, edit) in accepted {
        if let Err(err) = parse_one(&edited(*edit)) {
            panic!("{name}: {err}");
        }
    }
}

#[test]
fn an_agent_object_keeps_nothing_of_the_agent() {
    let statement = parse_one(&edited(|s| {
        s["object"] = json!({"objectType": "Agent", "mbox": "mailto:a@b.c"});
    }))
    .unwrap();
    assert_eq!(statement.object, StatementObject::Agent);
    assert!(!format!("{statement:?}").contains("a@b.c"));
    assert!(
        !format!("{statement:?}").contains("learner-4711"),
        "Debug hides the account name"
    );
}

#[test]
fn a_mixed_batch_keeps_every_valid_statement_in_order() {
    let ids = [
        "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7f01",
        "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7f02",
        "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7f03",
        "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7f04",
    ];
    let with_id = |id: &str| edited(|s| s["id"] = json!(id));
    let batch = json!([
        with_id(ids[0]),
        edited(|s| {
            s["id"] = json!(ids[1]);
            remove(s, "actor");
        }),
        with_id(ids[2]),
        42,
        edited(|s| {
            s["id"] = json!(ids[3]);
            s["timestamp"] = json!("soon");
        }),
        edited(|s| remove(s, "id")),
    ]);
    let results = parse_statements(&serde_json::to_vec(&batch).unwrap()).unwrap();
    assert_eq!(results.len(), 6);
    let summary: Vec<Result<String, (String, &str)>> = results
        .iter()
        .map(|r| match r {
            Ok(s) => Ok(s.id.to_string()),
            Err(e) => Err((e.path.clone(), e.violation.code())),
        })
        .collect();
    assert_eq!(summary[0], Ok(ids[0].to_owned()));
    assert_eq!(summary[1], Err(("actor".to_owned(), "missing")));
    assert_eq!(summary[2], Ok(ids[2].to_owned()));
    assert_eq!(summary[3], Err((String::new(), "not-an-object")));
    assert_eq!(summary[4], Err(("timestamp".to_owned(), "not-a-timestamp")));
    assert!(matches!(&results[5], Ok(s) if s.id_derived));
    let not_an_object = results[3].as_ref().unwrap_err();
    assert_eq!(
        not_an_object.to_string(),
        "the statement must be a JSON object"
    );
}

#[test]
fn a_body_that_is_not_statements_is_one_error() {
    for body in [&b""[..], b"{", b"statements", b"[{}", b"\xff\xfe"] {
        let err = parse_statements(body).unwrap_err();
        assert!(matches!(err, BatchError::NotJson(_)), "{body:?}: {err}");
        assert!(
            std::error::Error::source(&err).is_some(),
            "the parser's error is chained"
        );
    }
    for (body, found) in [
        ("\"hi\"", "a string"),
        ("42", "a number"),
        ("null", "null"),
        ("true", "a boolean"),
    ] {
        let err = parse_statements(body.as_bytes()).unwrap_err();
        assert!(
            matches!(err, BatchError::NotStatements { found: f } if f == found),
            "{body}"
        );
        assert_eq!(
            err.to_string(),
            format!("the body must be a statement object or an array of statements, not {found}")
        );
    }
}

#[test]
fn empty_arrays_and_byte_order_marks_are_fine() {
    assert!(parse_statements(b"[]").unwrap().is_empty());
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend(serde_json::to_vec(&base()).unwrap());
    let results = parse_statements(&body).unwrap();
    assert!(results[0].is_ok());
}

#[test]
fn the_parts_ladder_reads_are_kept() {
    let statement = parse_one(&base()).unwrap();
    assert_eq!(
        statement.id.to_string(),
        "6fbd600f-d17c-4c74-801a-2ec2e53231c8"
    );
    assert!(!statement.id_derived);
    assert_eq!(statement.actor.home_page(), "https://lms.example.org");
    assert_eq!(statement.actor.name(), "learner-4711");
    assert_eq!(statement.verb, "http://adlnet.gov/expapi/verbs/completed");
    let result = statement.result.unwrap();
    assert_eq!(
        (result.success, result.completion),
        (Some(true), Some(true))
    );
    let score = result.score.unwrap();
    assert_eq!(
        (score.scaled, score.raw, score.min, score.max),
        (Some(0.9), Some(90.0), Some(0.0), Some(100.0))
    );
    assert_eq!(
        statement.context.parent[0].id,
        "https://lms.example.org/course/view.php?id=40"
    );
    assert_eq!(
        statement.context.registration.unwrap().to_string(),
        "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01"
    );
    let time = statement.timestamp.unwrap();
    assert_eq!(time.at.to_string(), "2026-03-06T04:30:00Z");
    assert_eq!(time.date().to_string(), "2026-03-05");
    assert_eq!(statement.version.as_deref(), Some("1.0.3"));
}
