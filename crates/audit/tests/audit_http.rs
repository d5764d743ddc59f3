//! `GET /v1/audit/events` and the quarantine count of `/readyz` on a running node.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Instant;

use async_nats::jetstream;
use ladder_service::{ServeConfig, serve};
use proto_events::{AggregateKind, subject};
use serde_json::Value;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use common::{DEADLINE, World, write_story};

/// Polls `/readyz` until the node applied `seq`; returns its answer then.
async fn ready_at(http: &reqwest::Client, base: &str, seq: u64) -> Value {
    let deadline = Instant::now() + DEADLINE;
    loop {
        // Refused connections are expected until the front listens.
        if let Ok(response) = http.get(format!("{base}/readyz")).send().await {
            let body: Value = response.json().await.unwrap();
            if body["ready"] == true && body["applied_seq"].as_u64() >= Some(seq) {
                return body;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the node did not apply {seq} in time"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_and_quarantine_count_are_served_over_http() {
    let world = World::start().await;
    let story = write_story(&world).await;
    let port = ladder_testkit::free_port().unwrap();
    let shutdown = CancellationToken::new();
    let node = tokio::spawn(serve(
        ServeConfig::new(
            world.server.url(),
            world.data.path(),
            SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        ),
        shutdown.clone(),
    ));
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let ready = ready_at(&http, &base, story.last_seq).await;
    assert_eq!(ready["quarantined"], 0);

    let events: Vec<Value> = http
        .get(format!("{base}/v1/audit/events?employee={}", story.owner))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let types: Vec<&str> = events
        .iter()
        .map(|e| e["event_type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "budget-requested",
            "budget-requested",
            "budget-approved",
            "budget-closed"
        ]
    );
    assert_eq!(events[3]["evidence"][0]["kind"], "budget-managed");

    let lines = http
        .get(format!(
            "{base}/v1/audit/events?erg={}&from=2026-06-01&format=jsonl",
            story.erg
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(lines.headers()["content-type"], "application/x-ndjson");
    let text = lines.text().await.unwrap();
    let types: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["event_type"].to_string())
        .collect();
    assert_eq!(types, [r#""erg-role-ended""#, r#""erg-role-assigned""#]);

    let bad = http
        .get(format!("{base}/v1/audit/events?from=yesterday"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.json::<Value>().await.unwrap()["field"], "from");

    // Paging through the whole log three events at a time gives the whole log.
    let whole: Vec<Value> = http
        .get(format!("{base}/v1/audit/events"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(whole.len() > 6, "a story long enough for several pages");
    let mut paged: Vec<Value> = Vec::new();
    let mut after = 0;
    let mut pages = 0;
    loop {
        let response = http
            .get(format!("{base}/v1/audit/events?limit=3&after_seq={after}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let next = response
            .headers()
            .get("ladder-next-after-seq")
            .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
        let page: Vec<Value> = response.json().await.unwrap();
        pages += 1;
        let Some(next) = next else {
            paged.extend(page);
            break;
        };
        assert!(page.len() >= 3, "only a full page names the next: {page:?}");
        assert_eq!(
            page.last().unwrap()["seq"],
            next,
            "the next page starts after this one"
        );
        paged.extend(page);
        after = next;
    }
    assert_eq!(paged, whole);
    assert!(pages >= 3, "{pages} pages");
    let typo = http
        .get(format!("{base}/v1/audit/events?employe={}", story.owner))
        .send()
        .await
        .unwrap();
    assert_eq!(typo.status(), 400);
    let typo: Value = typo.json().await.unwrap();
    assert_eq!(typo["field"], "employe", "{typo}");
    let reversed = http
        .get(format!(
            "{base}/v1/audit/events?from=2026-06-01&to=2026-01-01"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(reversed.status(), 400);
    assert_eq!(reversed.json::<Value>().await.unwrap()["field"], "to");
    let bad = http
        .get(format!("{base}/v1/audit/events?limit=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.json::<Value>().await.unwrap()["field"], "limit");

    // A garbage message: quarantined, counted by /readyz, listed flagged.
    let js = jetstream::new(world.log.client().clone());
    let garbage = js
        .publish(
            subject::aggregate(AggregateKind::Erg, Uuid::now_v7()),
            b"\x01\x02".as_slice().into(),
        )
        .await
        .unwrap()
        .await
        .unwrap()
        .sequence;
    let ready = ready_at(&http, &base, garbage).await;
    assert_eq!(ready["quarantined"], 1);
    let events: Vec<Value> = http
        .get(format!("{base}/v1/audit/events?employee={}", story.owner))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let last = events.last().unwrap();
    assert_eq!(last["seq"], garbage);
    assert_eq!(last["quarantined"]["reason_code"], "undecodable");

    shutdown.cancel();
    node.await.unwrap().unwrap();
}
