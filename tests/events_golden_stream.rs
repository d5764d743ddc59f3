//! What an accepted command leaves in JetStream: one commit that decodes with the
//! wire contract, stored under its aggregate's subject, with the command id as
//! `Nats-Msg-Id` and a link to the aggregate's previous commit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::{NatsFront, Node, cmd, nats_server, stored_message, subject_messages};
use proto_events::{
    AggregateKind, Commit, CommitHash, ErgRole, ErgRoleAssigned, Event, GENESIS_HASH, verify_link,
};
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_commits_decode_and_chain_per_aggregate() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let (hr, dana) = (Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();
    let subject = format!("ladder.evt.erg.{}", erg.as_hyphenated());

    let register = cmd::register_erg(hr, erg, "Accessibility Network").on("2026-01-05");
    let registered = http.send(&register).await.accepted();
    // Another aggregate in between: the chain is per aggregate, not per stream.
    let other = cmd::register_erg(hr, Uuid::now_v7(), "Another Network");
    http.send(&other).await.accepted();
    let correlation = Uuid::now_v7();
    let assign = cmd::assign_role(hr, erg, dana, "mentorship-lead", "2026-02-01")
        .on("2026-01-20")
        .with("correlation_id", serde_json::json!(correlation));
    let assigned = http.send(&assign).await.accepted();

    let first = stored_message(front.client(), registered.stream_seq).await;
    let second = stored_message(front.client(), assigned.stream_seq).await;
    assert_eq!(first.subject.as_str(), subject);
    assert_eq!(second.subject.as_str(), subject);
    for (message, command) in [(&first, &register), (&second, &assign)] {
        let msg_id = message
            .headers
            .get("Nats-Msg-Id")
            .expect("a Nats-Msg-Id header");
        assert_eq!(msg_id.as_str(), command.command_id().to_string());
    }

    let commit = Commit::decode(&first.payload).expect("the first commit decodes");
    assert_eq!(commit.subject(), subject);
    assert_eq!(commit.header.aggregate_kind, AggregateKind::Erg);
    assert_eq!(commit.header.aggregate_id, erg);
    assert_eq!(commit.header.command, "register-erg");
    assert_eq!(commit.header.command_id, register.command_id());
    assert_eq!(commit.header.actor, hr);
    assert_eq!(commit.header.correlation_id, register.command_id());
    assert_eq!(commit.header.causation_id, register.command_id());
    assert_eq!(commit.header.prev_hash, GENESIS_HASH);
    let ids: Vec<Uuid> = commit.events.iter().map(|e| e.event_id).collect();
    assert_eq!(ids, registered.event_ids);
    assert_eq!(commit.events[0].effective_date.to_string(), "2026-01-05");
    assert_eq!(commit.events[0].event_id.get_version_num(), 7);
    // The stored bytes are exactly what this build encodes for the decoded commit.
    assert_eq!(commit.encode().unwrap(), first.payload.to_vec());

    let next = Commit::decode(&second.payload).expect("the second commit decodes");
    assert_eq!(next.header.prev_hash, CommitHash::of(&first.payload));
    assert_eq!(next.header.command, "assign-erg-role");
    assert_eq!(next.header.correlation_id, correlation);
    assert_eq!(next.header.causation_id, assign.command_id());
    assert_eq!(next.events.len(), 1);
    assert_eq!(next.events[0].event_id, assigned.event_ids[0]);
    assert_eq!(next.events[0].effective_date.to_string(), "2026-01-20");
    assert_eq!(
        next.events[0].event,
        Event::ErgRoleAssigned(ErgRoleAssigned {
            employee_id: dana,
            role: ErgRole::MentorshipLead,
            term_start: "2026-02-01".parse().unwrap(),
        })
    );

    // An auditor walking the subject finds exactly these two genuine links.
    let mut head = GENESIS_HASH;
    let mut walked = Vec::new();
    for message in subject_messages(front.client(), &subject).await {
        let (commit, hash) = verify_link(&subject, &message.payload, &head).expect("a link");
        walked.push((message.sequence, commit.header.command_id));
        head = hash;
    }
    assert_eq!(
        walked,
        [
            (registered.stream_seq, register.command_id()),
            (assigned.stream_seq, assign.command_id()),
        ]
    );
}
