//! Concurrent writers on one aggregate: optimistic concurrency loses no update,
//! lets exactly one of several contenders win a single seat, and stores exactly one
//! commit per accepted reply.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::collections::BTreeSet;
use std::sync::Arc;

use ladder_tests::{
    Accepted, Cmd, DEADLINE, Http, NatsFront, Node, Reply, cmd, nats_server, subject_messages,
};
use serde_json::Value;
use tokio::sync::Barrier;
use tokio::time::Instant;
use uuid::Uuid;

const ROLES: [&str; 5] = [
    "co-chair",
    "treasurer",
    "committee-member",
    "event-lead",
    "mentorship-lead",
];

/// Either front, so that both kinds of publisher race each other.
#[derive(Clone, Debug)]
enum Front {
    Http(Http),
    Nats(NatsFront),
}

impl Front {
    async fn send(&self, command: &Cmd) -> Reply {
        match self {
            Front::Http(http) => http.send(command).await,
            Front::Nats(nats) => nats.send(command).await,
        }
    }
}

/// Sends `command` once every writer is ready, and resends it with the same id
/// while the reply is 409 (the documented "retry later with the same command_id"),
/// returning the final reply and how many conflicts it met.
async fn race(front: Front, start: Arc<Barrier>, command: Cmd) -> (Cmd, Reply, usize) {
    start.wait().await;
    let deadline = Instant::now() + DEADLINE;
    let mut conflicts = 0;
    loop {
        let reply = front.send(&command).await;
        if reply.status != 409 {
            return (command, reply, conflicts);
        }
        assert_eq!(reply.body["status"], "conflict", "{reply:?}");
        conflicts += 1;
        assert!(
            Instant::now() < deadline,
            "still conflicting after {conflicts} tries"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_role_assignments_lose_nothing_and_seat_one_chair() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http().clone();
    let nats_front = NatsFront::connect(&nats.url()).await;
    let hr = Uuid::now_v7();
    let erg = Uuid::now_v7();
    let registered = http
        .send(&cmd::register_erg(hr, erg, "Global Mobility Network"))
        .await;
    let registered = registered.accepted();

    let members: Vec<Cmd> = (0..20)
        .map(|i| {
            let role = ROLES[i % ROLES.len()];
            cmd::assign_role(hr, erg, Uuid::now_v7(), role, "2026-02-01")
        })
        .collect();
    let chairs: Vec<Cmd> = (0..6)
        .map(|_| cmd::assign_role(hr, erg, Uuid::now_v7(), "chair", "2026-02-01"))
        .collect();
    let start = Arc::new(Barrier::new(members.len() + chairs.len()));
    let tasks: Vec<_> = members
        .iter()
        .chain(&chairs)
        .enumerate()
        .map(|(i, command)| {
            let front = if i % 2 == 0 {
                Front::Http(http.clone())
            } else {
                Front::Nats(nats_front.clone())
            };
            tokio::spawn(race(front, Arc::clone(&start), command.clone()))
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }

    let mut accepted: Vec<(Cmd, Accepted)> = Vec::new();
    let mut chairs_refused = 0;
    for (command, reply, _conflicts) in &outcomes {
        if command.body["role"] == "chair" && reply.status == 422 {
            reply.assert_rejected("chair-already-assigned");
            chairs_refused += 1;
        } else {
            accepted.push((command.clone(), reply.accepted()));
        }
    }
    assert_eq!(
        chairs_refused,
        chairs.len() - 1,
        "exactly one chair is seated"
    );
    assert_eq!(accepted.len(), members.len() + 1);

    // One commit per accepted reply, each at its own sequence, and nothing else.
    let seqs: BTreeSet<u64> = accepted.iter().map(|(_, a)| a.stream_seq).collect();
    assert_eq!(
        seqs.len(),
        accepted.len(),
        "every accepted reply names its own commit"
    );
    let subject = format!("ladder.evt.erg.{erg}");
    let stored: BTreeSet<u64> = subject_messages(nats_front.client(), &subject)
        .await
        .iter()
        .map(|m| m.sequence)
        .collect();
    let expected: BTreeSet<u64> = seqs
        .iter()
        .copied()
        .chain([registered.stream_seq])
        .collect();
    assert_eq!(stored, expected);
    let last = *seqs.last().unwrap();
    assert_eq!(http.stream_last_seq().await, last);

    // The projected ERG holds every accepted assignment with its event, and only those.
    let view = http.query(&format!("/v1/ergs/{erg}"), last).await;
    assert_eq!(view.status, 200, "{view:?}");
    let projected: BTreeSet<(String, String, String)> = view.body["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let events = r["event_ids"].as_array().unwrap();
            assert_eq!(events.len(), 1, "{r}");
            (text(&r["employee_id"]), text(&r["role"]), text(&events[0]))
        })
        .collect();
    let wanted: BTreeSet<(String, String, String)> = accepted
        .iter()
        .map(|(command, a)| {
            (
                text(&command.body["employee_id"]),
                text(&command.body["role"]),
                a.event_ids[0].to_string(),
            )
        })
        .collect();
    assert_eq!(projected, wanted);
    let seated = view.body["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["role"] == "chair")
        .count();
    assert_eq!(seated, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_approval_and_a_rejection_racing_for_one_budget_have_one_winner() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http().clone();
    let nats_front = NatsFront::connect(&nats.url()).await;
    let (hr, owner, approver) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();
    http.send(&cmd::register_erg(hr, erg, "Early Careers Network"))
        .await
        .accepted();

    let budgets: Vec<Uuid> = (0..10).map(|_| Uuid::now_v7()).collect();
    for budget in &budgets {
        http.send(&cmd::request_budget(*budget, erg, owner, 40_000))
            .await
            .accepted();
    }
    let start = Arc::new(Barrier::new(budgets.len() * 2));
    let mut tasks = Vec::new();
    for budget in &budgets {
        let approve = cmd::approve_budget(approver, *budget, 40_000);
        let reject = cmd::reject_budget(approver, *budget, "over the quarter's limit");
        let fronts = [Front::Http(http.clone()), Front::Nats(nats_front.clone())];
        for (front, command) in fronts.into_iter().zip([approve, reject]) {
            tasks.push(tokio::spawn(race(front, Arc::clone(&start), command)));
        }
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }

    let mut last = 0;
    for (budget, pair) in budgets.iter().zip(outcomes.chunks(2)) {
        let [(_, approved, _), (_, rejected, _)] = pair else {
            unreachable!("outcomes come in pairs");
        };
        let (winner, loser, status) = if approved.status == 200 {
            (approved, rejected, "approved")
        } else {
            (rejected, approved, "rejected")
        };
        let won = winner.accepted();
        loser.assert_rejected("budget-already-decided");
        last = last.max(won.stream_seq);
        let view = http
            .query(&format!("/v1/budgets/{budget}"), won.stream_seq)
            .await;
        assert_eq!(view.body["status"], status, "{view:?}");
        assert_eq!(view.body["event_ids"][1], won.event_ids[0].to_string());
    }
    // Register, ten requests, ten decisions.
    assert_eq!(http.stream_last_seq().await, 21);
    assert_eq!(last, 21);
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{value} is not a string"))
        .to_owned()
}
