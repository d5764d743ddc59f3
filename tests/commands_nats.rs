//! The happy path over NATS request-reply: the same replies as over HTTP, the
//! status in the `Ladder-Status` header, and queries on `ladder.query.<name>`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::{Accepted, NatsFront, Node, Recorded, Story, cmd, nats_server};
use serde_json::json;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn story_over_nats_is_accepted_and_projected() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let front = NatsFront::connect(&nats.url()).await;
    let story = Story::new();

    let mut replies: Vec<Accepted> = Vec::new();
    for command in story.commands() {
        let accepted = front.send(&command).await.accepted();
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
    let seqs: Vec<u64> = replies.iter().map(|r| r.stream_seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 6, 7]);
    let recorded = Recorded::new(&replies);
    let seq = recorded.last_seq();

    let erg = front.query("erg", story.erg_id, seq).await;
    assert_eq!(erg.status, 200, "{erg:?}");
    assert_eq!(erg.body, story.expected_erg(&recorded));

    let budget = front.query("budget", story.budget_id, seq).await;
    assert_eq!(budget.status, 200, "{budget:?}");
    assert_eq!(budget.body, story.expected_budget(&recorded));

    let project = front.query("project", story.project_id, seq).await;
    assert_eq!(project.status, 200, "{project:?}");
    assert_eq!(project.body, story.expected_project(&recorded));

    let evidence = front.query("evidence", story.chair, seq).await;
    assert_eq!(evidence.status, 200, "{evidence:?}");
    assert_eq!(evidence.body, story.expected_chair_evidence(&recorded));

    // Both fronts read the same models.
    let over_http = node
        .http()
        .get(&format!("/v1/employees/{}/evidence", story.chair))
        .await;
    assert_eq!(over_http, evidence);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nats_replies_carry_the_same_statuses_as_http() {
    let nats = nats_server();
    let _node = Node::start(&nats.url()).await;
    let front = NatsFront::connect(&nats.url()).await;
    let hr = Uuid::now_v7();
    let erg_id = Uuid::now_v7();

    front
        .send(&cmd::register_erg(hr, erg_id, "Women in Engineering"))
        .await
        .accepted();
    front
        .send(&cmd::register_erg(hr, erg_id, "Women in Engineering"))
        .await
        .assert_rejected("erg-already-registered");
    front
        .send(&cmd::register_erg(hr, Uuid::now_v7(), "x").without("name"))
        .await
        .assert_invalid("name");

    let unknown = front.query("erg", Uuid::now_v7(), 0).await;
    assert_eq!(unknown.status, 404, "{unknown:?}");
    assert_eq!(unknown.body["status"], "not-found");
    let no_such_query = front.query_with("ergs", &json!({"id": erg_id})).await;
    assert_eq!(no_such_query.status, 404, "{no_such_query:?}");
    let bad_id = front.query_with("erg", &json!({"id": "nope"})).await;
    assert_eq!(bad_id.status, 400, "{bad_id:?}");
    assert_eq!(bad_id.body["field"], "id");
}
