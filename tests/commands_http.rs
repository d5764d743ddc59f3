//! The happy path over HTTP: every command of the story is accepted with the
//! documented reply, and the queries show exactly what was recorded.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::{Accepted, Node, Recorded, Story, nats_server};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn story_over_http_is_accepted_and_projected() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let story = Story::new();

    let mut replies: Vec<Accepted> = Vec::new();
    for command in story.commands() {
        let accepted = http.send(&command).await.accepted();
        assert_eq!(
            accepted.command_id,
            command.command_id(),
            "{}",
            command.name
        );
        assert_eq!(
            accepted.event_ids.len(),
            1,
            "{} records one event",
            command.name
        );
        replies.push(accepted);
    }
    // A fresh stream: the seven commits are its messages 1 to 7, in order.
    let seqs: Vec<u64> = replies.iter().map(|r| r.stream_seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 6, 7]);
    let recorded = Recorded::new(&replies);
    let seq = recorded.last_seq();

    let erg = http.query(&format!("/v1/ergs/{}", story.erg_id), seq).await;
    assert_eq!(erg.status, 200, "{erg:?}");
    assert_eq!(erg.body, story.expected_erg(&recorded));

    let budget = http
        .query(&format!("/v1/budgets/{}", story.budget_id), seq)
        .await;
    assert_eq!(budget.status, 200, "{budget:?}");
    assert_eq!(budget.body, story.expected_budget(&recorded));

    let project = http
        .query(&format!("/v1/projects/{}", story.project_id), seq)
        .await;
    assert_eq!(project.status, 200, "{project:?}");
    assert_eq!(project.body, story.expected_project(&recorded));

    let evidence = http
        .query(&format!("/v1/employees/{}/evidence", story.chair), seq)
        .await;
    assert_eq!(evidence.status, 200, "{evidence:?}");
    assert_eq!(evidence.body, story.expected_chair_evidence(&recorded));

    // The attesters earned nothing themselves: attesting is not leading.
    for attester in [story.hr, story.approver, story.sponsor] {
        let none = http
            .query(&format!("/v1/employees/{attester}/evidence"), seq)
            .await;
        assert_eq!(none.body, json!({"employee_id": attester, "evidence": []}));
    }

    // The generic query route answers the same as the resource routes.
    let by_name = http
        .get(&format!(
            "/v1/queries/budget?id={}&min_seq={seq}",
            story.budget_id
        ))
        .await;
    assert_eq!(by_name, budget);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queries_about_unknown_things_are_404_and_bad_ids_400() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let unknown = uuid::Uuid::now_v7();

    for path in [
        format!("/v1/ergs/{unknown}"),
        format!("/v1/budgets/{unknown}"),
        format!("/v1/projects/{unknown}"),
    ] {
        let reply = http.get(&path).await;
        assert_eq!(reply.status, 404, "{path}: {reply:?}");
        assert_eq!(reply.body["status"], "not-found", "{path}: {reply:?}");
    }
    let bad = http.get("/v1/ergs/not-a-uuid").await;
    assert_eq!(bad.status, 400, "{bad:?}");
    assert_eq!(bad.body["status"], "invalid");
    assert_eq!(bad.body["field"], "id");
    let bad_seq = http.get(&format!("/v1/ergs/{unknown}?min_seq=soon")).await;
    assert_eq!(bad_seq.status, 400, "{bad_seq:?}");
    assert_eq!(bad_seq.body["field"], "min_seq");
}
