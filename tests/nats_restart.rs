//! NATS goes away while a node runs: commands are refused as unavailable (never
//! accepted unrecorded), and once the server is back the node reconnects by itself,
//! retries with the same ids are accepted exactly once, and the projector resumes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::collections::BTreeMap;

use ladder_testkit::NatsServer;
use ladder_tests::development::link_lms_account;
use ladder_tests::xapi::{COMPLETED, MODULE_TYPE, post_statements, statement, with_id};
use ladder_tests::{
    Accepted, Cmd, DEADLINE, Http, NatsFront, Node, Reply, cmd, eventually, nats_server,
    subject_messages,
};
use proto_events::Commit;
use uuid::Uuid;

/// The learners' LMS and one of its modules (invented for the test).
const LMS: &str = "https://lms.example.com";
const MODULE: &str = "https://lms.example.com/mod/scorm/view.php?id=7";

#[derive(Clone, Copy, Debug)]
enum Outage {
    /// SIGTERM: the server shuts down cleanly.
    Stop,
    /// SIGKILL: the server crashes; JetStream recovers its fsynced files.
    Crash,
}

fn take_down(nats: &mut NatsServer, outage: Outage) {
    tokio::task::block_in_place(|| match outage {
        Outage::Stop => nats.stop(),
        Outage::Crash => nats.kill(),
    });
}

fn bring_back(nats: &mut NatsServer) {
    tokio::task::block_in_place(|| nats.restart()).expect("restart nats-server on its port");
}

/// Waits until the node's `/readyz` reports the NATS connection as `connected`.
async fn until_node_sees_nats(http: &Http, connected: bool) {
    eventually("the node's view of NATS", DEADLINE, async || {
        let reply = http.readiness().await;
        if reply.body["nats_connected"] == connected {
            Ok(())
        } else {
            Err(format!("{reply:?}"))
        }
    })
    .await;
}

fn assert_unavailable(reply: &Reply) {
    assert_eq!(reply.status, 503, "expected unavailable: {reply:?}");
    assert_eq!(reply.body["status"], "unavailable", "{reply:?}");
}

async fn outage_scenario(outage: Outage) {
    let mut nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http().clone();
    let hr = Uuid::now_v7();
    let erg = Uuid::now_v7();
    let assign = |role: &str| cmd::assign_role(hr, erg, Uuid::now_v7(), role, "2026-03-01");
    http.send(&cmd::register_erg(hr, erg, "Remote Workers Network"))
        .await
        .accepted();
    let before = http.send(&assign("chair")).await.accepted();
    let learner = Uuid::now_v7();
    let linked = http
        .send(&link_lms_account(hr, learner, LMS, "kim"))
        .await
        .accepted();
    let learned = with_id(
        statement(
            LMS,
            "kim",
            COMPLETED,
            (MODULE, MODULE_TYPE),
            "2026-03-02T09:00:00Z",
        ),
        Uuid::now_v7(),
    );
    let path = format!("/v1/ergs/{erg}");
    let seen = http.query(&path, linked.stream_seq).await;
    assert_eq!(seen.status, 200, "{seen:?}");
    assert_eq!(http.readiness().await.status, 200);

    take_down(&mut nats, outage);
    // Sent at once, racing the client's discovery that the server is gone.
    let racing = assign("co-chair");
    assert_unavailable(&http.send(&racing).await);
    until_node_sees_nats(&http, false).await;
    let during: Vec<Cmd> = ["treasurer", "event-lead", "committee-member"]
        .into_iter()
        .map(assign)
        .collect();
    for command in &during {
        assert_unavailable(&http.send(command).await);
    }
    // Queries read the node's own read models and keep answering, but the node is
    // not ready: it cannot store anything.
    assert_eq!(http.get(&path).await, seen);
    let readiness = http.readiness().await;
    assert_eq!(readiness.status, 503, "{readiness:?}");
    assert_eq!(readiness.body["ready"], false, "{readiness:?}");
    // An LMS is told to send again, not that its statement is refused for good.
    let refused = post_statements(&http, learned.to_string()).await;
    assert_eq!(refused.reply.status, 503, "{:?}", refused.reply);
    assert_eq!(
        refused.results()[0]["code"],
        "unavailable",
        "{:?}",
        refused.reply
    );

    bring_back(&mut nats);
    until_node_sees_nats(&http, true).await;
    // "Unavailable" promises that nothing was stored.
    let front = NatsFront::connect(&nats.url()).await;
    let subject = format!("ladder.evt.erg.{erg}");
    let kept = subject_messages(front.client(), &subject).await;
    assert_eq!(kept.len(), 2, "only the commits from before the outage");

    // The publisher retries what was refused, with the same ids, and goes on.
    let mut accepted: Vec<(Cmd, Accepted)> = Vec::new();
    for command in std::iter::once(&racing).chain(&during) {
        let reply = eventually("a retry is accepted", DEADLINE, async || {
            let reply = http.send(command).await;
            if reply.status == 503 {
                Err(format!("{reply:?}"))
            } else {
                Ok(reply)
            }
        })
        .await;
        accepted.push((command.clone(), reply.accepted()));
    }
    let resent = eventually("the statement is accepted", DEADLINE, async || {
        let resent = post_statements(&http, learned.to_string()).await;
        if resent.reply.status == 503 {
            Err(format!("{:?}", resent.reply))
        } else {
            Ok(resent)
        }
    })
    .await;
    assert_eq!(resent.reply.status, 200, "{:?}", resent.reply);
    assert_eq!(resent.statuses(), ["accepted"]);
    assert_eq!(http.readiness().await.status, 200);
    let after = assign("mentorship-lead");
    accepted.push((after.clone(), http.send(&after).await.accepted()));
    let last = accepted.iter().map(|(_, a)| a.stream_seq).max().unwrap();
    assert!(last > before.stream_seq);

    // The projector resumed: the node reads its own writes again.
    let view = eventually("the projector catches up", DEADLINE, async || {
        let reply = http.query(&path, last).await;
        if reply.status == 200 {
            Ok(reply)
        } else {
            Err(format!("{reply:?}"))
        }
    })
    .await;
    let projected: BTreeMap<String, String> = view.body["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["employee_id"].as_str().unwrap().to_owned(),
                r["role"].to_string(),
            )
        })
        .collect();
    assert_eq!(projected.len(), 2 + during.len() + 1, "{view:?}");

    // Every command is stored exactly once, whatever happened to its first attempt.
    let stored: Vec<Uuid> = subject_messages(front.client(), &subject)
        .await
        .iter()
        .map(|m| Commit::decode(&m.payload).unwrap().header.command_id)
        .collect();
    assert_eq!(stored.len(), 2 + accepted.len(), "{stored:?}");
    for (command, reply) in &accepted {
        let copies = stored
            .iter()
            .filter(|id| **id == command.command_id())
            .count();
        assert_eq!(copies, 1, "{} stored {copies} times", command.command_id());
        assert_eq!(reply.command_id, command.command_id());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_nats_server_makes_commands_unavailable_until_it_returns() {
    outage_scenario(Outage::Stop).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crashed_nats_server_makes_commands_unavailable_until_it_returns() {
    outage_scenario(Outage::Crash).await;
}
