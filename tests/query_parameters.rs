//! Query parameters are checked on both fronts: a parameter a query does not read is
//! refused instead of ignored, dates keep to the range commands accept, and `min_level`
//! to the levels the framework defines.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::{NatsFront, Node, Reply, nats_server};
use serde_json::json;
use uuid::Uuid;

/// Panics unless `reply` is a 400 `invalid-parameter` naming `field`; returns the message.
fn invalid_parameter(reply: &Reply, field: &str) -> String {
    reply.assert_invalid(field);
    assert_eq!(reply.body["code"], "invalid-parameter", "{reply:?}");
    reply.body["message"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_parameters_and_impossible_bounds_are_refused_on_both_fronts() {
    // Tester's report: `competencies?asof=2020-01-01` (for `as_of`), `{"bogus":1}` over
    // NATS, `as_of=9999-12-31` and `talent?min_level=99` were all answered with 200.
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let dana = Uuid::now_v7();

    let reply = http
        .get(&format!(
            "/v1/employees/{dana}/competencies?asof=2020-01-01"
        ))
        .await;
    let message = invalid_parameter(&reply, "asof");
    assert!(
        message.ends_with("accepted: `as_of`, `id`, `min_seq`"),
        "{message}"
    );
    let reply = http
        .get(&format!(
            "/v1/queries/competencies?id={dana}&asof=2020-01-01"
        ))
        .await;
    invalid_parameter(&reply, "asof");
    let reply = front
        .query_with("competencies", &json!({"id": dana, "bogus": 1}))
        .await;
    invalid_parameter(&reply, "bogus");
    let reply = http.get("/v1/bench-strength?format=csv").await;
    invalid_parameter(&reply, "format");

    // Parameters the HTTP front takes from the path are the query's own, not unknown ones.
    let explain = format!("/v1/employees/{dana}/competencies/community-leadership/explain");
    let reply = http
        .get(&format!("{explain}?as_of=2026-06-30&min_seq=0"))
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    let reply = http.get(&format!("{explain}?level=2")).await;
    invalid_parameter(&reply, "level");

    for (path, field) in [
        (
            format!("/v1/employees/{dana}/competencies?as_of=9999-12-31"),
            "as_of",
        ),
        ("/v1/bench-strength?as_of=1899-12-31".to_owned(), "as_of"),
        (
            "/v1/metrics/programme?from=2026-01-01&to=2200-01-01".to_owned(),
            "to",
        ),
    ] {
        let message = invalid_parameter(&http.get(&path).await, field);
        assert!(
            message.ends_with("is outside the accepted range 1900-01-01 to 2199-12-31"),
            "{path}: {message}"
        );
    }
    let reply = front
        .query_with("competencies", &json!({"id": dana, "as_of": "9999-12-31"}))
        .await;
    invalid_parameter(&reply, "as_of");
    let reply = http
        .get(&format!(
            "/v1/employees/{dana}/competencies?as_of=2199-12-31"
        ))
        .await;
    assert_eq!(
        reply.status, 200,
        "the last accepted day is answered: {reply:?}"
    );

    let message = invalid_parameter(
        &http
            .get("/v1/talent?competency=community-leadership&min_level=99")
            .await,
        "min_level",
    );
    assert!(
        message.contains("the highest level of competency `community-leadership`"),
        "{message}"
    );
    let reply = front
        .query_with(
            "talent",
            &json!({"competency": "community-leadership", "min_level": 99}),
        )
        .await;
    invalid_parameter(&reply, "min_level");
    let reply = http
        .get("/v1/talent?competency=community-leadership&min_level=0")
        .await;
    invalid_parameter(&reply, "min_level");
    let reply = http
        .get("/v1/talent?competency=community-leadership&min_level=1")
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parameter_given_twice_is_refused_not_read_as_the_last() {
    // Tester's report: `?as_of=2026-01-01&as_of=2025-01-01` and a NATS body with `as_of`
    // twice were answered for the last date given.
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let dana = Uuid::now_v7();

    let competencies = format!("/v1/employees/{dana}/competencies");
    let reply = http
        .get(&format!("{competencies}?as_of=2026-01-01&as_of=2025-01-01"))
        .await;
    let message = invalid_parameter(&reply, "as_of");
    assert!(message.contains("more than once"), "{message}");
    let reply = http
        .get("/v1/talent?competency=delivery&min_level=1&min_level=2")
        .await;
    invalid_parameter(&reply, "min_level");
    let reply = http
        .get("/v1/audit/events?from=2026-01-01&from=2025-01-01")
        .await;
    invalid_parameter(&reply, "from");

    // A parameter the path already gives is not taken from the query string as well.
    let reply = http
        .get(&format!("{competencies}?id={}", Uuid::now_v7()))
        .await;
    let message = invalid_parameter(&reply, "id");
    assert!(message.contains("part of the path"), "{message}");
    let explain = format!("/v1/employees/{dana}/competencies/delivery/explain");
    let reply = http.get(&format!("{explain}?competency=budget")).await;
    invalid_parameter(&reply, "competency");

    let body = format!(r#"{{"id":"{dana}","as_of":"2026-01-01","as_of":"2025-01-01"}}"#);
    let reply = front
        .request("ladder.query.competencies", body.into_bytes())
        .await;
    invalid_parameter(&reply, "as_of");

    // The nil UUID, which no command accepts as an id, names nothing to ask about.
    let nil = Uuid::nil();
    let reply = http.get(&format!("/v1/employees/{nil}/evidence")).await;
    invalid_parameter(&reply, "id");

    // Each once: answered.
    let reply = http.get(&format!("{competencies}?as_of=2026-01-01")).await;
    assert_eq!(reply.status, 200, "{reply:?}");
}

#[test]
fn the_cli_refuses_a_parameter_given_twice() {
    // Tester's report: `ladder query talent --param competency=a --param competency=b`
    // answered for the last one, and `--param id=…` quietly replaced the id argument.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let id = Uuid::now_v7().to_string();
    for args in [
        vec![
            "query",
            "talent",
            "--data",
            data,
            "--param",
            "competency=delivery",
            "--param",
            "competency=budget-management",
        ],
        vec![
            "query",
            "evidence",
            id.as_str(),
            "--data",
            data,
            "--param",
            "id=x",
        ],
        vec![
            "query",
            "evidence",
            id.as_str(),
            "--min-seq",
            "3",
            "--param",
            "min_seq=4",
            "--data",
            data,
        ],
    ] {
        let output = std::process::Command::new(ladder_tests::LadderProcess::binary())
            .args(&args)
            .env_remove("LADDER_CONFIG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert!(
            stderr.contains("is given more than once"),
            "{args:?}: {stderr}"
        );
    }
}
