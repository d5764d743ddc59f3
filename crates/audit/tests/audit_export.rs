//! `ladder audit export` and `ladder audit log`: stable bytes, and events selected
//! by person, ERG and period with the evidence they produced.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use async_nats::jetstream;
use std::path::Path;

use ladder_audit::AuditError;
use ladder_audit::events::{self, AuditEvent, Filter};
use ladder_audit::export::{export, export_replacing};
use proto_events::{AggregateKind, subject};
use uuid::Uuid;

use common::{World, write_story};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_is_byte_stable_and_complete() {
    let world = World::start().await;
    let story = write_story(&world).await;
    // A quarantined message is exported too, flagged, with its bytes.
    let js = jetstream::new(world.log.client().clone());
    let garbage = js
        .publish(
            subject::aggregate(AggregateKind::Project, Uuid::now_v7()),
            b"garbage".as_slice().into(),
        )
        .await
        .unwrap()
        .await
        .unwrap()
        .sequence;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    let (za, zb) = (
        dir.path().join("a.jsonl.zst"),
        dir.path().join("b.jsonl.zst"),
    );

    let first = export(&world.log, &a, false, &mut |_| {}).await.unwrap();
    let second = export(&world.log, &b, false, &mut |_| {}).await.unwrap();
    let zfirst = export(&world.log, &za, true, &mut |_| {}).await.unwrap();
    let zsecond = export(&world.log, &zb, true, &mut |_| {}).await.unwrap();

    let plain = std::fs::read(&a).unwrap();
    assert_eq!(plain, std::fs::read(&b).unwrap());
    assert_eq!(first.sha256, second.sha256);
    let packed = std::fs::read(&za).unwrap();
    assert_eq!(packed, std::fs::read(&zb).unwrap());
    assert_eq!(zfirst.sha256, zsecond.sha256);
    assert_eq!(zstd::decode_all(packed.as_slice()).unwrap(), plain);
    assert!(zfirst.bytes < first.bytes);
    assert_eq!(
        names_in(dir.path()),
        ["a.jsonl", "a.jsonl.zst", "b.jsonl", "b.jsonl.zst"],
        "no staging file is left behind"
    );

    let text = String::from_utf8(plain).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(first.lines, lines.len() as u64);
    assert_eq!(first.messages, garbage);
    assert_eq!(
        lines.len() as u64,
        garbage,
        "one event per commit here, plus the garbage"
    );
    let keys: Vec<&str> = lines[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "seq",
            "subject",
            "commit_hash",
            "prev_hash",
            "recorded_at",
            "aggregate_kind",
            "aggregate_id",
            "command",
            "command_id",
            "command_digest",
            "actor",
            "correlation_id",
            "causation_id",
            "event_index",
            "event_id",
            "effective_date",
            "event_type",
            "schema_version",
            "payload"
        ]
    );
    assert_eq!(lines[0]["prev_hash"], "0".repeat(64));
    // Each commit names the hash of its aggregate's previous one.
    let requested = lines
        .iter()
        .find(|l| l["event_type"] == "budget-requested")
        .unwrap();
    let approved = lines
        .iter()
        .find(|l| l["event_type"] == "budget-approved")
        .unwrap();
    assert_eq!(approved["prev_hash"], requested["commit_hash"]);
    assert_eq!(requested["payload"]["amount"]["minor"], 50_000);
    let last = lines.last().unwrap();
    assert_eq!(last["seq"], garbage);
    assert_eq!(last["quarantined"]["reason_code"], "undecodable");
    assert_eq!(last["raw"], "67617262616765");
    assert_eq!(story.last_seq + 1, garbage);
}

/// The file names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_refuses_an_existing_file_unless_told_to_replace_it() {
    // Tester's report: `audit export --out EXISTING_FILE` overwrote the file silently.
    let world = World::start().await;
    write_story(&world).await;
    let dir = tempfile::tempdir().unwrap();
    let earlier = b"an earlier export\n";
    let path = dir.path().join("audit.jsonl");
    std::fs::write(&path, earlier).unwrap();

    let err = export(&world.log, &path, false, &mut |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AuditError::ExportExists { path: p } if *p == path.display().to_string()),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{} already exists; an export does not replace a file unless asked to",
            path.display()
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), earlier);
    assert_eq!(names_in(dir.path()), ["audit.jsonl"]);

    // A file that appears under the name while the stream is read is not replaced either.
    let late = dir.path().join("late.jsonl");
    let mut created = false;
    let err = export(&world.log, &late, true, &mut |_| {
        if !created {
            created = true;
            std::fs::write(&late, earlier).unwrap();
        }
    })
    .await
    .unwrap_err();
    assert!(created, "the walk reported progress");
    assert!(matches!(err, AuditError::ExportExists { .. }), "{err:?}");
    assert_eq!(std::fs::read(&late).unwrap(), earlier);
    assert_eq!(names_in(dir.path()), ["audit.jsonl", "late.jsonl"]);

    // Asked to, it replaces the file with exactly what an export to a new file holds.
    let replaced = export_replacing(&world.log, &path, false, &mut |_| {})
        .await
        .unwrap();
    let fresh = dir.path().join("fresh.jsonl");
    let reference = export(&world.log, &fresh, false, &mut |_| {})
        .await
        .unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&fresh).unwrap()
    );
    assert_eq!(replaced.sha256, reference.sha256);
    // The staged file gets the permissions of any file the user creates, not a temporary
    // file's owner-only ones.
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions(),
        std::fs::metadata(&late).unwrap().permissions()
    );
    assert_eq!(replaced.path, path.display().to_string());
    // Replacing also works where nothing was before.
    let new = dir.path().join("new.jsonl.zst");
    export_replacing(&world.log, &new, true, &mut |_| {})
        .await
        .unwrap();
    assert_eq!(
        names_in(dir.path()),
        ["audit.jsonl", "fresh.jsonl", "late.jsonl", "new.jsonl.zst"]
    );
}

fn seqs(events: &[AuditEvent]) -> Vec<u64> {
    events.iter().map(|e| e.seq).collect()
}

async fn listed(world: &World, filter: Filter) -> Vec<AuditEvent> {
    events::walk(&world.log, filter, Vec::new(), &mut |_| {})
        .await
        .unwrap()
        .0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_selects_by_person_erg_and_period() {
    let world = World::start().await;
    let s = write_story(&world).await;
    let all = listed(&world, Filter::default()).await;
    assert_eq!(seqs(&all), (1..=s.last_seq).collect::<Vec<_>>());
    let first = &all[0];
    assert_eq!(first.actor, Some(s.admin));
    assert_eq!(first.command.as_deref(), Some("register-erg"));
    assert!(first.command_id.is_some() && first.correlation_id.is_some());
    assert!(first.causation_id.is_some() && first.recorded_at.is_some());

    // The owner: their two requests, the approval and the closing of their budget
    // (which name only the approver), with the budget-managed evidence it produced.
    let owner = listed(
        &world,
        Filter {
            employee: Some(s.owner),
            ..Filter::default()
        },
    )
    .await;
    let types: Vec<&str> = owner.iter().filter_map(|e| e.event_type).collect();
    assert_eq!(
        types,
        [
            "budget-requested",
            "budget-requested",
            "budget-approved",
            "budget-closed"
        ]
    );
    let closed = owner.last().unwrap();
    assert_eq!(closed.actor, Some(s.approver));
    assert_eq!(closed.evidence.len(), 1);
    assert_eq!(closed.evidence[0].kind, "budget-managed");
    assert_eq!(closed.evidence[0].employee_id, s.owner);
    assert_eq!(closed.evidence[0].verified, Some(true));
    assert_eq!(
        closed.evidence[0].to_string(),
        format!(
            "budget-managed evidence for employee {} (verified)",
            s.owner
        )
    );

    // The first chair: the assignment (erg-role evidence), the project they lead,
    // and the end of the term.
    let chair = listed(
        &world,
        Filter {
            employee: Some(s.first_chair),
            ..Filter::default()
        },
    )
    .await;
    let types: Vec<&str> = chair.iter().filter_map(|e| e.event_type).collect();
    assert_eq!(
        types,
        ["erg-role-assigned", "project-started", "erg-role-ended"]
    );
    assert_eq!(chair[0].evidence[0].kind, "erg-role");

    // The ERG: its own events plus its budget and project, not the other ERG's budget.
    let erg = listed(
        &world,
        Filter {
            erg: Some(s.erg),
            ..Filter::default()
        },
    )
    .await;
    let types: Vec<&str> = erg.iter().filter_map(|e| e.event_type).collect();
    assert_eq!(
        types,
        [
            "erg-registered",
            "erg-role-assigned",
            "budget-requested",
            "budget-approved",
            "budget-closed",
            "project-started",
            "erg-role-ended",
            "erg-role-assigned"
        ]
    );
    let other = listed(
        &world,
        Filter {
            erg: Some(s.other_erg),
            ..Filter::default()
        },
    )
    .await;
    assert_eq!(other.len(), 2, "registration and its one budget request");

    // A period, on effective dates, inclusive at both ends.
    let spring = listed(
        &world,
        Filter {
            from: Some("2026-02-02".parse().unwrap()),
            to: Some("2026-05-01".parse().unwrap()),
            ..Filter::default()
        },
    )
    .await;
    let dates: Vec<String> = spring
        .iter()
        .map(|e| e.effective_date.unwrap().to_string())
        .collect();
    assert_eq!(
        dates,
        ["2026-02-02", "2026-02-10", "2026-05-01", "2026-03-01"]
    );
}
