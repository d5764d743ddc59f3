//! Decoding bytes from the stream that nobody vouches for.
//!
//! Properties: decoding never panics; any input that is not exactly a valid
//! commit is an error; the memory a decode allocates is bounded by a small
//! multiple of the input length, whatever counts or lengths the input claims.
//! The global allocator is wrapped to count bytes, so this file holds a single
//! test function and nothing else allocates while a decode is measured.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::alloc::System;

use cap::Cap;
use jiff::Timestamp;
use jiff::civil::Date;
use proptest::prelude::*;
use proto_events::{
    AggregateKind, BudgetRequested, Commit, CommitHash, CommitHeader, Criticality, DecodeError,
    ErgRegistered, ErgRole, ErgRoleAssigned, Event, EventRecord, Money, PositionDefined,
    ProjectStarted, Requirement,
};
use uuid::Uuid;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// Bytes a decode of `input` may allocate in total.
fn allowance(input: &[u8]) -> usize {
    16 * input.len() + 4096
}

/// Decodes and checks the allocation bound; returns the result.
fn measured_decode(bytes: &[u8]) -> Result<Commit, DecodeError> {
    let before = ALLOCATOR.total_allocated();
    let result = Commit::decode(bytes);
    let used = ALLOCATOR.total_allocated() - before;
    assert!(
        used <= allowance(bytes),
        "decoding {} bytes allocated {used} bytes (allowed {})",
        bytes.len(),
        allowance(bytes)
    );
    result
}

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<u128>().prop_map(Uuid::from_u128)
}

fn date() -> impl Strategy<Value = Date> {
    (1900i16..2200, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,40}"
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (text(), any::<bool>())
            .prop_map(|(name, sensitive)| Event::ErgRegistered(ErgRegistered { name, sensitive })),
        (uuid(), 0usize..6, date()).prop_map(|(employee_id, r, term_start)| {
            Event::ErgRoleAssigned(ErgRoleAssigned {
                employee_id,
                role: ErgRole::ALL[r],
                term_start,
            })
        }),
        (uuid(), uuid(), any::<u64>(), text()).prop_map(|(erg_id, owner_id, minor, purpose)| {
            Event::BudgetRequested(BudgetRequested {
                erg_id,
                owner_id,
                amount: Money {
                    minor,
                    currency: "USD".parse().unwrap(),
                },
                purpose,
            })
        }),
        (text(), proptest::collection::vec((text(), 1u8..6), 0..4)).prop_map(|(title, reqs)| {
            Event::PositionDefined(PositionDefined {
                title,
                criticality: Criticality::High,
                requirements: reqs
                    .into_iter()
                    .map(|(competency, level)| Requirement { competency, level })
                    .collect(),
            })
        }),
        (text(), uuid(), uuid(), proptest::option::of(uuid()), text()).prop_map(
            |(title, lead_id, sponsor_id, erg_id, kind)| {
                Event::ProjectStarted(ProjectStarted {
                    title,
                    lead_id,
                    sponsor_id,
                    erg_id,
                    kind,
                })
            }
        ),
    ]
}

fn commit() -> impl Strategy<Value = Commit> {
    (
        (uuid(), uuid(), uuid(), uuid(), uuid()),
        0i64..4_000_000_000_000_000,
        any::<[u8; 32]>(),
        proptest::collection::vec((uuid(), date(), event()), 1..5),
    )
        .prop_map(
            |((agg, cmd, actor, corr, cause), micros, prev, events)| Commit {
                header: CommitHeader {
                    aggregate_kind: AggregateKind::Erg,
                    aggregate_id: agg,
                    command: "register-erg".into(),
                    command_id: cmd,
                    command_digest: prev,
                    actor,
                    correlation_id: corr,
                    causation_id: cause,
                    recorded_at: Timestamp::from_microsecond(micros).unwrap(),
                    prev_hash: CommitHash(prev),
                },
                events: events
                    .into_iter()
                    .map(|(event_id, effective_date, event)| EventRecord {
                        event_id,
                        effective_date,
                        schema_version: 1,
                        event,
                    })
                    .collect(),
            },
        )
}

/// A header followed by a count claiming far more events than the bytes hold.
fn hostile_count_message() -> Vec<u8> {
    let header = CommitHeader {
        aggregate_kind: AggregateKind::Budget,
        aggregate_id: Uuid::nil(),
        command: "x".into(),
        command_id: Uuid::nil(),
        command_digest: [0; 32],
        actor: Uuid::nil(),
        correlation_id: Uuid::nil(),
        causation_id: Uuid::nil(),
        recorded_at: Timestamp::UNIX_EPOCH,
        prev_hash: CommitHash([0; 32]),
    };
    let header_len = 1 + postcard::to_stdvec(&header).unwrap().len();
    let valid = Commit {
        header,
        events: vec![EventRecord {
            event_id: Uuid::nil(),
            effective_date: Date::constant(2026, 1, 1),
            schema_version: 1,
            event: Event::ErgRegistered(ErgRegistered {
                name: String::new(),
                sensitive: false,
            }),
        }],
    }
    .encode()
    .unwrap();
    // The count (1) is the byte right after the header; replace it by u64::MAX as varint.
    assert_eq!(valid[header_len], 1, "count byte located");
    let mut bytes = valid[..header_len].to_vec();
    bytes.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    bytes.extend_from_slice(&valid[header_len + 1..]);
    bytes
}

#[test]
fn decoding_untrusted_bytes_is_total_and_bounded() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 2000,
        ..ProptestConfig::default()
    });

    // Arbitrary bytes, with a leading format byte half of the time so the header
    // decoder is exercised and not just the version check.
    runner
        .run(
            &(
                any::<bool>(),
                proptest::collection::vec(any::<u8>(), 0..512),
            ),
            |(lead, mut b)| {
                if lead {
                    b.insert(0, 1);
                }
                let _ = measured_decode(&b);
                Ok(())
            },
        )
        .unwrap();

    // Valid commits round-trip; every truncation and any trailing byte is an error;
    // a flipped byte either decodes to something or errors, but never panics.
    runner
        .run(
            &(commit(), any::<prop::sample::Index>(), any::<u8>()),
            |(commit, at, flip)| {
                let bytes = commit.encode().unwrap();
                prop_assert_eq!(measured_decode(&bytes).unwrap(), commit);
                let cut = at.index(bytes.len());
                prop_assert!(
                    measured_decode(&bytes[..cut]).is_err(),
                    "truncated at {}",
                    cut
                );
                let mut longer = bytes.clone();
                longer.push(flip);
                prop_assert!(
                    matches!(
                        measured_decode(&longer),
                        Err(DecodeError::TrailingBytes { .. })
                    ),
                    "trailing byte accepted"
                );
                let mut flipped = bytes;
                flipped[cut] ^= flip | 1;
                let _ = measured_decode(&flipped);
                Ok(())
            },
        )
        .unwrap();

    // A count of u64::MAX is refused before anything is reserved for it.
    let hostile = hostile_count_message();
    match measured_decode(&hostile) {
        Err(DecodeError::HostileLength {
            what: "event count",
            declared,
            ..
        }) => {
            assert_eq!(declared, u64::MAX);
        }
        other => panic!("expected a hostile-length error, got {other:?}"),
    }

    // An unknown event version is an error that names the type and the version.
    let mut bytes = commit_with_version(7);
    let err = measured_decode(&bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown schema version 7 of event type erg-registered"
    );
    bytes[0] = 9;
    assert_eq!(
        measured_decode(&bytes).unwrap_err().to_string(),
        "unknown commit format version 9"
    );

    // A requirement list claiming u32::MAX entries inside an otherwise valid event
    // body fails on the missing bytes without reserving space for the claim
    // (postcard withholds a length hint larger than the bytes left).
    let body = [&[1u8, b'T', 2][..], &[0xff, 0xff, 0xff, 0xff, 0x0f]].concat();
    let before = ALLOCATOR.total_allocated();
    let err = proto_events::decode_event(proto_events::EventType::PositionDefined.code(), 1, &body);
    let used = ALLOCATOR.total_allocated() - before;
    assert!(err.is_err(), "a hostile requirement count decoded: {err:?}");
    assert!(
        used <= allowance(&body),
        "a hostile requirement count allocated {used} bytes"
    );

    // Oversized input is refused unread.
    let huge = vec![1u8; proto_events::MAX_COMMIT_BYTES + 1];
    assert!(matches!(
        measured_decode(&huge),
        Err(DecodeError::TooLarge { .. })
    ));
}

/// A one-event commit whose event claims schema version `version`.
fn commit_with_version(version: u8) -> Vec<u8> {
    let mut bytes = Commit {
        header: CommitHeader {
            aggregate_kind: AggregateKind::Erg,
            aggregate_id: Uuid::nil(),
            command: "register-erg".into(),
            command_id: Uuid::nil(),
            command_digest: [0; 32],
            actor: Uuid::nil(),
            correlation_id: Uuid::nil(),
            causation_id: Uuid::nil(),
            recorded_at: Timestamp::UNIX_EPOCH,
            prev_hash: CommitHash([0; 32]),
        },
        events: vec![EventRecord {
            event_id: Uuid::nil(),
            effective_date: Date::constant(2026, 1, 1),
            schema_version: 1,
            event: Event::ErgRegistered(ErgRegistered {
                name: "a".into(),
                sensitive: false,
            }),
        }],
    }
    .encode()
    .unwrap();
    // Layout of the tail: ... type(1) version(1) body-len(1) body(name-len, 'a', bool).
    let at = bytes.len() - 5;
    assert_eq!(bytes[at], 1, "version byte located");
    bytes[at] = version;
    bytes
}
