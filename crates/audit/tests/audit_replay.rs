//! `ladder audit replay`: the read models as they were at a past point.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use ladder_audit::AuditError;
use ladder_audit::replay::{Until, replay};
use ladder_projection::{MODELS_FILE, ReadModels};

use common::{World, write_story};

fn chairs(models: &ReadModels, erg: uuid::Uuid) -> Vec<(uuid::Uuid, Option<String>)> {
    models
        .erg(erg)
        .unwrap()
        .unwrap()
        .roles
        .into_iter()
        .filter(|t| t.role == "chair")
        .map(|t| (t.employee_id, t.term_end.map(|d| d.to_string())))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replay_to_a_past_sequence_answers_the_old_state() {
    let world = World::start().await;
    let story = write_story(&world).await;
    let out = tempfile::tempdir().unwrap();

    let report = replay(
        &world.log,
        Until::Seq(story.chair_assigned_seq),
        out.path(),
        &mut |_| {},
    )
    .await
    .unwrap();

    assert_eq!(report.applied_seq, story.chair_assigned_seq);
    let past = ReadModels::open_read_only(&out.path().join(MODELS_FILE)).unwrap();
    assert_eq!(past.applied_seq().unwrap(), story.chair_assigned_seq);
    // Later replaced, but chair then, with an open term.
    assert_eq!(chairs(&past, story.erg), vec![(story.first_chair, None)]);
    // The budget was requested only after that point.
    assert!(past.budget(story.budget).unwrap().is_none());

    // Today's state, for contrast, from a replay of everything.
    let now_dir = tempfile::tempdir().unwrap();
    replay(
        &world.log,
        Until::Seq(story.last_seq),
        now_dir.path(),
        &mut |_| {},
    )
    .await
    .unwrap();
    let now = ReadModels::open_read_only(&now_dir.path().join(MODELS_FILE)).unwrap();
    assert_eq!(
        chairs(&now, story.erg),
        vec![
            (story.first_chair, Some("2026-06-30".to_owned())),
            (story.second_chair, None)
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replay_to_a_time_stops_at_the_last_commit_recorded_by_then() {
    let world = World::start().await;
    let story = write_story(&world).await;
    let stored = world
        .log
        .get(story.chair_assigned_seq)
        .await
        .unwrap()
        .unwrap();
    let recorded = proto_events::decode_header(&stored.payload)
        .unwrap()
        .recorded_at;
    let out = tempfile::tempdir().unwrap();

    let report = replay(&world.log, Until::Time(recorded), out.path(), &mut |_| {})
        .await
        .unwrap();

    assert_eq!(report.applied_seq, story.chair_assigned_seq);
    assert_eq!(report.applied_recorded_at, Some(recorded));
    let past = ReadModels::open_read_only(&out.path().join(MODELS_FILE)).unwrap();
    assert_eq!(chairs(&past, story.erg), vec![(story.first_chair, None)]);

    // Before the first commit there is nothing to show, and that is an answer.
    let empty = tempfile::tempdir().unwrap();
    let first = proto_events::decode_header(&world.log.get(1).await.unwrap().unwrap().payload)
        .unwrap()
        .recorded_at;
    let before = first - jiff::SignedDuration::from_secs(1);
    let report = replay(&world.log, Until::Time(before), empty.path(), &mut |_| {})
        .await
        .unwrap();
    assert_eq!(report.applied_seq, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replay_never_overwrites_models_nor_invents_a_future() {
    let world = World::start().await;
    let story = write_story(&world).await;
    let out = tempfile::tempdir().unwrap();
    replay(&world.log, Until::Seq(2), out.path(), &mut |_| {})
        .await
        .unwrap();

    let again = replay(&world.log, Until::Seq(3), out.path(), &mut |_| {}).await;
    assert!(
        matches!(again, Err(AuditError::OutputExists { .. })),
        "{again:?}"
    );
    let past = ReadModels::open_read_only(&out.path().join(MODELS_FILE)).unwrap();
    assert_eq!(
        past.applied_seq().unwrap(),
        2,
        "the first replay is untouched"
    );

    let other = tempfile::tempdir().unwrap();
    let future = replay(
        &world.log,
        Until::Seq(story.last_seq + 1),
        other.path(),
        &mut |_| {},
    )
    .await;
    assert!(
        matches!(future, Err(AuditError::PastEnd { requested, last }) if requested == story.last_seq + 1 && last == story.last_seq),
        "{future:?}"
    );
    assert!(!other.path().join(MODELS_FILE).exists());
}
