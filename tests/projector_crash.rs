//! Crash consistency: a real `ladder serve` killed with SIGKILL while commands
//! stream in and the projector applies them comes back with read models equal to
//! a rebuild from the stream, and no command it reported accepted is missing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ladder_tests::{
    Accepted, Cmd, DEADLINE, Http, LadderProcess, NatsFront, Reply, all_messages, cmd, eventually,
    nats_server, stored_message,
};
use proto_events::Commit;
use serde_json::Value;
use uuid::Uuid;

/// Writers sending at once; each owns its budgets and shares the ERG.
const WRITERS: usize = 6;
/// Accepted commands before the kill: enough that the projector is busy.
const ACCEPTED_BEFORE_KILL: usize = 60;
/// Conflicts in a row after which a writer gives up; six writers never get near.
const MAX_CONFLICTS: usize = 50;

/// What became of one command sent before the crash.
#[derive(Debug)]
enum Outcome {
    Accepted(Accepted),
    /// The connection failed: the command may or may not be stored.
    NoReply,
}

#[derive(Clone, Debug)]
struct Cast {
    hr: Uuid,
    approver: Uuid,
    erg: Uuid,
}

/// Sends `command`, resending with the same id on 409 (the documented retry);
/// `None` when no reply came.
async fn send(http: &Http, command: &Cmd) -> Option<Reply> {
    for _ in 0..MAX_CONFLICTS {
        match http.try_send(command).await {
            Ok(reply) if reply.status == 409 => {}
            Ok(reply) => return Some(reply),
            Err(_) => return None,
        }
    }
    panic!("{} conflicted {MAX_CONFLICTS} times in a row", command.name);
}

/// Sends budget life cycles (and a role for each owner) until the node stops
/// answering; returns every command sent with its outcome, in order.
async fn writer(http: Http, cast: Cast, accepted: Arc<AtomicUsize>) -> Vec<(Cmd, Outcome)> {
    let mut sent = Vec::new();
    loop {
        let (owner, budget) = (Uuid::now_v7(), Uuid::now_v7());
        let life = [
            cmd::assign_role(cast.hr, cast.erg, owner, "committee-member", "2026-01-15"),
            cmd::request_budget(budget, cast.erg, owner, 50_000),
            cmd::approve_budget(cast.approver, budget, 45_000),
            cmd::close_budget(owner, budget, 44_250),
        ];
        for command in life {
            let Some(reply) = send(&http, &command).await else {
                sent.push((command, Outcome::NoReply));
                return sent;
            };
            sent.push((command, Outcome::Accepted(reply.accepted())));
            accepted.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The answers of every query about the story's aggregates and people.
async fn answers(http: &Http, cast: &Cast, sent: &[(Cmd, Outcome)], min_seq: u64) -> Vec<Value> {
    let mut paths = vec![format!("/v1/ergs/{}", cast.erg)];
    let mut owners = BTreeSet::new();
    for (command, _) in sent {
        if command.name == "request-budget" {
            paths.push(format!("/v1/budgets/{}", text(&command.body["budget_id"])));
            owners.insert(text(&command.body["owner_id"]));
        }
    }
    paths.extend(owners.iter().map(|o| format!("/v1/employees/{o}/evidence")));
    let mut found = Vec::new();
    for path in paths {
        let reply = http.query(&path, min_seq).await;
        assert!(
            reply.status == 200 || reply.status == 404,
            "{path}: {reply:?}"
        );
        found.push(serde_json::json!({"path": path, "status": reply.status, "body": reply.body}));
    }
    found
}

/// Waits until the node has applied everything in the stream, and returns that sequence.
async fn caught_up(http: &Http) -> u64 {
    eventually(
        "the projector has applied the whole stream",
        DEADLINE,
        async || {
            let reply = http.readiness().await;
            let (applied, last) = (&reply.body["applied_seq"], &reply.body["stream_last_seq"]);
            match (applied.as_u64(), last.as_u64()) {
                (Some(applied), Some(last)) if reply.status == 200 && applied == last => Ok(last),
                _ => Err(format!("{reply:?}")),
            }
        },
    )
    .await
}

/// Rebuilds the live models from the stream and checks the live ones were equal.
async fn assert_rebuild_matches(http: &Http, last: u64, process: &LadderProcess) {
    let report = http.rebuild().await;
    assert_eq!(report.status, 200, "{report:?}\n{}", process.log_tail());
    assert_eq!(report.body["applied_seq"], last, "{report:?}");
    assert_eq!(
        report.body["digest"], report.body["previous_digest"],
        "{report:?}"
    );
    assert_eq!(report.body["matches_previous"], true, "{report:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sigkilled_node_restarts_with_models_equal_to_a_rebuild() {
    let nats = nats_server();
    let mut ladder = LadderProcess::start(&nats.url()).await;
    let cast = Cast {
        hr: Uuid::now_v7(),
        approver: Uuid::now_v7(),
        erg: Uuid::now_v7(),
    };
    let register = cmd::register_erg(cast.hr, cast.erg, "Working Parents Network");
    let registered = ladder.http().send(&register).await.accepted();

    let accepted = Arc::new(AtomicUsize::new(0));
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let http = ladder.http().clone();
            tokio::spawn(writer(http, cast.clone(), Arc::clone(&accepted)))
        })
        .collect();
    eventually("commands are being accepted", DEADLINE, async || {
        let count = accepted.load(Ordering::Relaxed);
        if count >= ACCEPTED_BEFORE_KILL {
            Ok(())
        } else {
            Err(format!("{count} accepted"))
        }
    })
    .await;
    let status = ladder.kill();
    assert_eq!(
        status.signal(),
        Some(9),
        "the node was killed, not stopped: {status}"
    );
    let mut sent = vec![(register, Outcome::Accepted(registered))];
    for task in writers {
        sent.extend(task.await.unwrap());
    }

    // Every reply that said accepted names a commit that is in the stream.
    let front = NatsFront::connect(&nats.url()).await;
    for (command, outcome) in &sent {
        if let Outcome::Accepted(reply) = outcome {
            let stored = stored_message(front.client(), reply.stream_seq).await;
            let commit = Commit::decode(&stored.payload).unwrap();
            assert_eq!(commit.header.command_id, command.command_id());
            let ids: Vec<Uuid> = commit.events.iter().map(|e| e.event_id).collect();
            assert_eq!(ids, reply.event_ids);
        }
    }

    ladder.start_again().await;
    let http = ladder.http().clone();
    let last = caught_up(&http).await;
    let recovered = answers(&http, &cast, &sent, last).await;
    assert_rebuild_matches(&http, last, &ladder).await;
    assert_eq!(
        answers(&http, &cast, &sent, last).await,
        recovered,
        "rebuilt answers differ"
    );

    // The recovered models hold every accepted command's events.
    for (command, outcome) in &sent {
        if let Outcome::Accepted(reply) = outcome {
            assert_projected(&http, command, reply, last).await;
        }
    }

    // What got no reply is retried with the same id, as a publisher would, and lands
    // exactly once; the models still equal a rebuild afterwards.
    let mut retried = 0;
    for (command, outcome) in &sent {
        if matches!(outcome, Outcome::NoReply) {
            let reply = send(&http, command)
                .await
                .expect("the restarted node answers");
            let reply = reply.accepted();
            assert_eq!(reply.command_id, command.command_id());
            assert_eq!(send(&http, command).await.unwrap().accepted(), reply);
            retried += 1;
        }
    }
    assert_eq!(
        retried, WRITERS,
        "each writer was cut off with one command in flight"
    );
    let mut stored: Vec<Uuid> = all_messages(front.client())
        .await
        .iter()
        .map(|m| Commit::decode(&m.payload).unwrap().header.command_id)
        .collect();
    let mut expected: Vec<Uuid> = sent.iter().map(|(c, _)| c.command_id()).collect();
    stored.sort_unstable();
    expected.sort_unstable();
    assert_eq!(stored, expected, "every command is stored exactly once");

    let last = caught_up(&http).await;
    let continued = answers(&http, &cast, &sent, last).await;
    assert_rebuild_matches(&http, last, &ladder).await;
    assert_eq!(answers(&http, &cast, &sent, last).await, continued);
}

/// Checks the read model of `command`'s aggregate lists the command's events.
async fn assert_projected(http: &Http, command: &Cmd, reply: &Accepted, min_seq: u64) {
    let path = match command.name {
        "register-erg" | "assign-erg-role" => {
            format!("/v1/ergs/{}", text(&command.body["erg_id"]))
        }
        _ => format!("/v1/budgets/{}", text(&command.body["budget_id"])),
    };
    let view = http.query(&path, min_seq).await;
    assert_eq!(view.status, 200, "{path}: {view:?}");
    // An ERG's answer names the events of its role terms, not its registration's.
    if command.name == "register-erg" {
        return;
    }
    let listed = view.body.to_string();
    for id in &reply.event_ids {
        assert!(
            listed.contains(&id.to_string()),
            "{path} lacks event {id} of {}: {view:?}",
            command.name
        );
    }
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{value} is not a string"))
        .to_owned()
}
