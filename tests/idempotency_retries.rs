//! Retries with the same command id get the original reply, whether JetStream
//! still remembers the id (duplicate window), has forgotten it, or the node
//! restarted; a reused id for anything else is refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::time::Duration;

use ladder_eventlog::StreamSettings;
use ladder_tests::{Cmd, NatsFront, Node, NodeOptions, Reply, cmd, nats_server};
use proto_events::subject::STREAM_NAME;
use serde_json::{Value, json};
use uuid::Uuid;

/// A node whose stream forgets message ids after `window`.
async fn node_with_window(nats_url: &str, window: Duration) -> Node {
    let options = NodeOptions {
        stream: StreamSettings {
            duplicate_window: window,
            ..StreamSettings::default()
        },
        ..NodeOptions::default()
    };
    Node::start_with(nats_url, options).await
}

/// The same JSON object with its fields in reverse order: the same command to
/// Ladder, which compares commands by their canonical form.
fn reordered(command: &Cmd) -> Vec<u8> {
    let object = command.body.as_object().unwrap();
    let fields: Vec<String> = object
        .iter()
        .rev()
        .map(|(key, value)| format!("{}:  {value}", Value::from(key.as_str())))
        .collect();
    format!("{{ {} }}", fields.join(" ,\n ")).into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_within_the_window_returns_the_original_reply() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let (hr, dana) = (Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();

    let register = cmd::register_erg(hr, erg, "Latinx Network");
    let original = http.send(&register).await;
    let accepted = original.accepted();
    http.send(&cmd::assign_role(hr, erg, dana, "chair", "2026-01-10"))
        .await
        .accepted();
    let last = http.stream_last_seq().await;

    // Retried later, over either front, in any field order: the first reply.
    assert_eq!(http.send(&register).await, original);
    assert_eq!(front.send(&register).await, original);
    assert_eq!(
        http.post_raw(register.name, reordered(&register)).await,
        original
    );
    assert_eq!(http.stream_last_seq().await, last, "retries stored nothing");
    assert_eq!(accepted.stream_seq, 1);

    let erg_view = http.query(&format!("/v1/ergs/{erg}"), last).await;
    assert_eq!(erg_view.body["name"], "Latinx Network");
    assert_eq!(erg_view.body["roles"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_retries_store_one_commit_and_share_one_reply() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let hr = Uuid::now_v7();
    let register = cmd::register_erg(hr, Uuid::now_v7(), "Asian Pacific Network");

    let sends = (0..12).map(|_| {
        let http = node.http().clone();
        let register = register.clone();
        tokio::spawn(async move { http.send(&register).await })
    });
    let replies: Vec<Reply> = futures::future::join_all(sends)
        .await
        .into_iter()
        .map(|joined| joined.unwrap())
        .collect();

    let first = replies[0].accepted();
    assert!(replies.iter().all(|r| *r == replies[0]), "{replies:#?}");
    assert_eq!(first.stream_seq, 1);
    assert_eq!(
        node.http().stream_last_seq().await,
        1,
        "one commit for twelve sends"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_the_duplicate_window_returns_the_original_reply() {
    let window = Duration::from_secs(1);
    let nats = nats_server();
    let node = node_with_window(&nats.url(), window).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let mut stream = async_nats::jetstream::new(front.client().clone())
        .get_stream(STREAM_NAME)
        .await
        .unwrap();
    assert_eq!(stream.info().await.unwrap().config.duplicate_window, window);
    let (hr, dana) = (Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();

    let register = cmd::register_erg(hr, erg, "Interfaith Network");
    let original = http.send(&register).await;
    original.accepted();
    let assign = cmd::assign_role(hr, erg, dana, "co-chair", "2026-02-01");
    let assigned = http.send(&assign).await;
    assigned.accepted();
    let last = http.stream_last_seq().await;
    // The node's read models hold both commands (its command index among them).
    http.query(&format!("/v1/ergs/{erg}"), last).await;

    // The scenario itself: JetStream's memory of the ids runs out, Ladder's does not.
    tokio::time::sleep(window * 3).await;

    assert_eq!(http.send(&register).await, original);
    assert_eq!(front.send(&assign).await, assigned);
    let changed = assign.clone().with("role", "treasurer");
    http.send(&changed)
        .await
        .assert_rejected("command-id-reused");
    // The same id on another aggregate, whose own history cannot know it.
    let elsewhere = register.clone().with("erg_id", json!(Uuid::now_v7()));
    http.send(&elsewhere)
        .await
        .assert_rejected("command-id-reused");
    let moved = assign.clone().with("erg_id", json!(Uuid::now_v7()));
    front
        .send(&moved)
        .await
        .assert_rejected("command-id-reused");
    assert_eq!(http.stream_last_seq().await, last, "retries stored nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_a_restart_returns_the_original_reply() {
    let nats = nats_server();
    let mut node = Node::start(&nats.url()).await;
    let (owner, approver) = (Uuid::now_v7(), Uuid::now_v7());
    let (erg, budget) = (Uuid::now_v7(), Uuid::now_v7());

    let commands = [
        cmd::register_erg(approver, erg, "Neurodiversity Network"),
        cmd::request_budget(budget, erg, owner, 90_000),
        cmd::approve_budget(approver, budget, 80_000),
        cmd::close_budget(owner, budget, 79_500),
    ];
    let mut originals = Vec::new();
    for command in &commands {
        let reply = node.http().send(command).await;
        reply.accepted();
        originals.push(reply);
    }
    let last = node.http().stream_last_seq().await;

    node.start_again().await;

    for (command, original) in commands.iter().zip(&originals) {
        assert_eq!(
            node.http().send(command).await,
            *original,
            "{}",
            command.name
        );
    }
    let changed = commands[3].clone().with("spent_minor", json!(1));
    node.http()
        .send(&changed)
        .await
        .assert_rejected("command-id-reused");
    assert_eq!(
        node.http().stream_last_seq().await,
        last,
        "retries stored nothing"
    );
    let view = node
        .http()
        .query(&format!("/v1/budgets/{budget}"), last)
        .await;
    assert_eq!(view.body["spent_minor"], 79_500);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_id_with_another_body_is_rejected() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let hr = Uuid::now_v7();
    let erg = Uuid::now_v7();

    let register = cmd::register_erg(hr, erg, "Veterans Network");
    let original = http.send(&register).await;
    original.accepted();
    let last = http.stream_last_seq().await;

    for changed in [
        register.clone().with("name", "Veterans Network (renamed)"),
        register.clone().with("sensitive", true),
        register.clone().on("2026-01-06"),
        register.clone().with("actor", json!(Uuid::now_v7())),
    ] {
        http.send(&changed)
            .await
            .assert_rejected("command-id-reused");
    }
    assert_eq!(http.stream_last_seq().await, last);
    assert_eq!(
        http.send(&register).await,
        original,
        "the original still replays"
    );
    let view = http.query(&format!("/v1/ergs/{erg}"), last).await;
    assert_eq!(view.body["name"], "Veterans Network");
    assert_eq!(view.body["sensitive"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_id_on_another_aggregate_within_the_window_is_rejected() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let hr = Uuid::now_v7();
    let (first, second) = (Uuid::now_v7(), Uuid::now_v7());

    let register = cmd::register_erg(hr, first, "Caregivers Network");
    http.send(&register).await.accepted();
    let last = http.stream_last_seq().await;

    let elsewhere = register.clone().with("erg_id", json!(second));
    http.send(&elsewhere)
        .await
        .assert_rejected("command-id-reused");
    let other_kind = cmd::start_project(Uuid::now_v7(), hr, Uuid::now_v7(), None)
        .with("command_id", json!(register.command_id()));
    http.send(&other_kind)
        .await
        .assert_rejected("command-id-reused");

    assert_eq!(http.stream_last_seq().await, last);
    let missing = http.query(&format!("/v1/ergs/{second}"), last).await;
    assert_eq!(missing.status, 404, "{missing:?}");
}
