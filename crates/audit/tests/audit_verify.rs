//! `ladder audit verify`: intact chains pass; forged and garbage messages are found
//! and quarantined; a tampered copy of the read models fails the digest check.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use async_nats::jetstream;
use jiff::Timestamp;
use ladder_audit::events::{self, Filter};
use ladder_audit::verify::verify;
use ladder_projection::{MODELS_FILE, Message, ReadModels};
use proto_events::{
    AggregateKind, Commit, CommitHash, CommitHeader, ErgRegistered, ErgRole, ErgRoleAssigned,
    Event, EventRecord, GENESIS_HASH, subject,
};
use uuid::Uuid;

use common::{World, copy_models, write_story};

/// A well-formed commit assigning `employee` as chair of `erg`, naming `prev_hash`.
fn chair_commit(erg: Uuid, employee: Uuid, prev_hash: CommitHash) -> Commit {
    Commit {
        header: CommitHeader {
            aggregate_kind: AggregateKind::Erg,
            aggregate_id: erg,
            command: "assign-erg-role".to_owned(),
            command_id: Uuid::now_v7(),
            command_digest: [7; 32],
            actor: employee,
            correlation_id: Uuid::now_v7(),
            causation_id: Uuid::now_v7(),
            recorded_at: Timestamp::now(),
            prev_hash,
        },
        events: vec![EventRecord {
            event_id: Uuid::now_v7(),
            effective_date: "2026-08-01".parse().unwrap(),
            schema_version: 1,
            event: Event::ErgRoleAssigned(ErgRoleAssigned {
                employee_id: employee,
                role: ErgRole::Chair,
                term_start: "2026-08-01".parse().unwrap(),
            }),
        }],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_history_verifies() {
    let world = World::start().await;
    let story = write_story(&world).await;
    let projection = world.project();
    projection.wait(story.last_seq).await;

    // The projector keeps the file open for writing, as `ladder serve` would.
    let report = verify(&world.log, &world.models_file(), &mut |_| {})
        .await
        .unwrap();

    assert!(report.ok, "{report:#?}");
    assert!(report.stream.config_drift.is_empty());
    assert_eq!(report.chain.messages, story.last_seq);
    assert_eq!(
        report.chain.aggregates, 5,
        "two ERGs, two budgets, one project"
    );
    assert!(report.chain.broken.is_empty());
    assert!(report.chain.gaps.is_empty());
    assert_eq!(report.models.applied_seq, story.last_seq);
    assert!(report.models.matches);
    assert_eq!(report.models.live_digest, report.models.rebuilt_digest);
    assert!(report.models.quarantined.is_empty());
    projection.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_and_garbage_messages_are_found_and_quarantined() {
    let world = World::start().await;
    let story = write_story(&world).await;
    let projection = world.project();
    projection.wait(story.last_seq).await;
    let erg_before = projection.models.current().erg(story.erg).unwrap().unwrap();

    // A process with raw publish rights writes a plausible commit that does not
    // follow the ERG's last commit, and bytes that are no commit at all.
    let js = jetstream::new(world.log.client().clone());
    let erg_subject = subject::aggregate(AggregateKind::Erg, story.erg);
    let intruder = Uuid::now_v7();
    let forged = chain_commit_bytes(story.erg, intruder, GENESIS_HASH);
    let forged_seq = js
        .publish(erg_subject.clone(), forged.into())
        .await
        .unwrap()
        .await
        .unwrap()
        .sequence;
    let garbage_subject = subject::aggregate(AggregateKind::Budget, Uuid::now_v7());
    let garbage_seq = js
        .publish(
            garbage_subject.clone(),
            b"\x01not a commit".as_slice().into(),
        )
        .await
        .unwrap()
        .await
        .unwrap()
        .sequence;
    projection.wait(garbage_seq).await;

    // The projector quarantined both and left the models as they were.
    let models = projection.models.current();
    let quarantined = models.quarantined().unwrap();
    let codes: Vec<(u64, &str)> = quarantined
        .iter()
        .map(|(seq, r)| (*seq, r.reason_code.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![(forged_seq, "broken-link"), (garbage_seq, "undecodable")]
    );
    assert_eq!(models.erg(story.erg).unwrap().unwrap(), erg_before);
    assert_eq!(models.quarantine_count().unwrap(), 2);

    // A genuine command after the forgery still chains to the last genuine commit.
    let after = world
        .send(
            "assign-erg-role",
            story.admin,
            "2026-08-01",
            serde_json::json!({"erg_id": story.erg, "employee_id": Uuid::now_v7(), "role": "treasurer", "term_start": "2026-08-01"}),
        )
        .await;
    projection.wait(after).await;

    let report = verify(&world.log, &world.models_file(), &mut |_| {})
        .await
        .unwrap();
    assert!(!report.ok);
    let broken: Vec<(u64, &str)> = report
        .chain
        .broken
        .iter()
        .map(|f| (f.seq, f.fault.reason_code.as_str()))
        .collect();
    assert_eq!(
        broken,
        vec![(forged_seq, "broken-link"), (garbage_seq, "undecodable")]
    );
    let link = &report.chain.broken[0];
    assert_eq!(link.subject, erg_subject);
    assert_eq!(
        link.fault.found.as_deref(),
        Some(GENESIS_HASH.to_hex().as_str())
    );
    let head = world.log.get(story.last_seq).await.unwrap().unwrap();
    assert_eq!(
        link.fault.expected.as_deref(),
        Some(CommitHash::of(&head.payload).to_hex().as_str()),
        "expected is the hash of the ERG's last genuine commit"
    );
    assert_eq!(report.chain.broken[1].subject, garbage_subject);
    // The live models and the rebuild quarantined the same two: they agree.
    assert!(report.models.matches, "{report:#?}");
    let live: Vec<u64> = report.models.quarantined.iter().map(|f| f.seq).collect();
    assert_eq!(live, vec![forged_seq, garbage_seq]);
    assert!(report.chain.gaps.is_empty());

    // The audit log lists both, flagged, even when filtered to someone else.
    let (listed, summary) = events::walk(
        &world.log,
        Filter {
            employee: Some(story.owner),
            ..Filter::default()
        },
        Vec::new(),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(summary.quarantined, 2);
    let flagged: Vec<u64> = listed
        .iter()
        .filter(|e| e.quarantined.is_some())
        .map(|e| e.seq)
        .collect();
    assert_eq!(
        flagged,
        vec![garbage_seq],
        "the forged chair names nobody asked for"
    );
    let (all, _) = events::walk(&world.log, Filter::default(), Vec::new(), &mut |_| {})
        .await
        .unwrap();
    let forged_event = all.iter().find(|e| e.seq == forged_seq).unwrap();
    assert_eq!(forged_event.event_type, Some("erg-role-assigned"));
    assert!(
        forged_event.evidence.is_empty(),
        "a quarantined commit produced no evidence"
    );
    projection.stop().await;
}

fn chain_commit_bytes(erg: Uuid, employee: Uuid, prev_hash: CommitHash) -> Vec<u8> {
    chair_commit(erg, employee, prev_hash).encode().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tampered_copy_of_the_read_models_fails_the_digest_check() {
    let world = World::start().await;
    let story = write_story(&world).await;
    let projection = world.project();
    projection.wait(story.last_seq).await;
    projection.stop().await;
    let copy = copy_models(&world.models_file());

    // One more genuine command, which the copy then "applies" as something else: a
    // valid commit registering an ERG that never existed.
    let next = world
        .send(
            "register-erg",
            story.admin,
            "2026-09-01",
            serde_json::json!({"erg_id": Uuid::now_v7(), "name": "Parents at Work", "sensitive": false}),
        )
        .await;
    let phantom = Uuid::now_v7();
    let mut fake = chair_commit(phantom, story.admin, GENESIS_HASH);
    fake.events[0].event = Event::ErgRegistered(ErgRegistered {
        name: "Phantom group".to_owned(),
        sensitive: false,
    });
    let bytes = fake.encode().unwrap();
    let fake_subject = subject::aggregate(AggregateKind::Erg, phantom);
    {
        let tampered = ReadModels::open(&copy.path().join(MODELS_FILE)).unwrap();
        let outcome = tampered
            .apply(&[Message {
                seq: next,
                subject: &fake_subject,
                payload: &bytes,
            }])
            .unwrap();
        assert_eq!((outcome.applied, outcome.applied_seq), (1, next));
    }

    let report = verify(&world.log, &copy.path().join(MODELS_FILE), &mut |_| {})
        .await
        .unwrap();
    assert!(!report.ok);
    assert_eq!(report.models.applied_seq, next);
    assert!(!report.models.matches, "{report:#?}");
    assert_ne!(report.models.live_digest, report.models.rebuilt_digest);
    assert!(report.models.error.is_none());
    // Nothing else is wrong: the history itself is intact.
    assert!(report.chain.broken.is_empty() && report.chain.gaps.is_empty());
    assert!(report.stream.config_drift.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_live_models_fail_verification_with_a_reason() {
    let world = World::start().await;
    write_story(&world).await;

    let report = verify(&world.log, &world.models_file(), &mut |_| {})
        .await
        .unwrap();

    assert!(!report.ok);
    assert!(report.chain.broken.is_empty());
    let error = report.models.error.unwrap();
    assert!(
        error.contains("cannot read the live read models"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drifted_settings_and_deleted_messages_are_reported() {
    // JetStream never lifts deny_delete once set, so the operator created the stream
    // without it, and removes two messages after the models were built.
    let world = World::start_deletable().await;
    let story = write_story(&world).await;
    let projection = world.project();
    projection.wait(story.last_seq).await;
    projection.stop().await;
    let js = jetstream::new(world.log.client().clone());
    let stream = js.get_stream(subject::STREAM_NAME).await.unwrap();
    stream.delete_message(4).await.unwrap();
    stream.delete_message(5).await.unwrap();

    let report = verify(&world.log, &world.models_file(), &mut |_| {})
        .await
        .unwrap();

    assert!(!report.ok);
    assert!(
        report
            .stream
            .config_drift
            .iter()
            .any(|p| p.starts_with("deny_delete is off")),
        "{:?}",
        report.stream.config_drift
    );
    let gaps: Vec<(u64, u64)> = report.chain.gaps.iter().map(|g| (g.from, g.to)).collect();
    assert_eq!(gaps, vec![(4, 5)]);
    assert_eq!(report.stream.state.deleted, 2);
    assert_eq!(report.chain.messages, story.last_seq - 2);
    // Without the budget requests, the rest of those budgets' chains break too, and
    // the live models (built before the deletion) no longer equal a rebuild.
    assert!(!report.chain.broken.is_empty());
    assert!(!report.models.matches);

    // A replay to a deleted sequence stops before it and never takes the next one.
    let out = tempfile::tempdir().unwrap();
    let replayed = ladder_audit::replay::replay(
        &world.log,
        ladder_audit::replay::Until::Seq(5),
        out.path(),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(replayed.applied_seq, 3);
}
