//! Golden files: the exact bytes of every event type and version, and of a commit.
//!
//! A failure here means a change would alter bytes already stored in someone's
//! stream. That is a breaking change: add a new version instead. A new event type
//! or version gets its file by running `LADDER_BLESS=1 cargo test -p proto-events`,
//! which writes missing files and never overwrites existing ones.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::date;
use proto_events::{
    AggregateKind, BudgetApproved, BudgetClosed, BudgetRejected, BudgetRequested, Commit,
    CommitHash, CommitHeader, Criticality, EmployeeDeparted, EmployeeOnboarded, ErgRegistered,
    ErgRole, ErgRoleAssigned, ErgRoleEnded, Event, EventRecord, EventType, Fill, LearningKind,
    LearningRecorded, LearningRevoked, LmsAccountLinked, MentorshipCompleted,
    MentorshipMilestoneRecorded, MentorshipStarted, Money, NominationWithdrawn, PositionDefined,
    PositionFilled, ProjectCompleted, ProjectStarted, Readiness, Requirement, SuccessorNominated,
    VisibilityConsentGranted, VisibilityConsentWithdrawn, decode_event, encode_event,
};
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x0192_f000_0000_7000_8000_0000_0000_0000 | n)
}

fn eur(minor: u64) -> Money {
    Money {
        minor,
        currency: "EUR".parse().unwrap(),
    }
}

/// One sample per event type and version, as (type, version, decoded value).
fn samples() -> Vec<(EventType, u16, Event)> {
    vec![
        (
            EventType::ErgRegistered,
            1,
            Event::ErgRegistered(ErgRegistered {
                name: "Veterans in Tech".into(),
                sensitive: true,
            }),
        ),
        (
            EventType::ErgRoleAssigned,
            1,
            Event::ErgRoleAssigned(ErgRoleAssigned {
                employee_id: id(1),
                role: ErgRole::Chair,
                term_start: date(2026, 1, 1),
            }),
        ),
        (
            EventType::ErgRoleEnded,
            1,
            Event::ErgRoleEnded(ErgRoleEnded {
                employee_id: id(1),
                role: ErgRole::MentorshipLead,
                term_end: date(2024, 2, 29),
            }),
        ),
        (
            EventType::BudgetRequested,
            1,
            Event::BudgetRequested(BudgetRequested {
                erg_id: id(2),
                owner_id: id(3),
                amount: eur(250_000),
                purpose: "Annual summit — venue & catering".into(),
            }),
        ),
        (
            EventType::BudgetApproved,
            1,
            Event::BudgetApproved(BudgetApproved {
                approver_id: id(4),
                approved: eur(200_000),
            }),
        ),
        (
            EventType::BudgetRejected,
            1,
            Event::BudgetRejected(BudgetRejected {
                rejected_by: id(4),
                reason: "Out of cycle".into(),
            }),
        ),
        (
            EventType::BudgetClosed,
            1,
            Event::BudgetClosed(BudgetClosed {
                closed_by: id(3),
                spent: eur(187_512),
            }),
        ),
        (
            EventType::ProjectStarted,
            1,
            Event::ProjectStarted(ProjectStarted {
                title: "Returnship pilot".into(),
                lead_id: id(5),
                sponsor_id: id(6),
                erg_id: Some(id(2)),
                kind: "programme".into(),
            }),
        ),
        (
            EventType::ProjectCompleted,
            1,
            Event::ProjectCompleted(ProjectCompleted {
                signed_off_by: id(6),
                outcome: "12 returners hired".into(),
            }),
        ),
        (
            EventType::LmsAccountLinked,
            1,
            Event::LmsAccountLinked(LmsAccountLinked {
                employee_id: id(1),
                account_key: proto_events::lms::account_key("http://www.example.org", "1"),
                home_page: "http://www.example.org".into(),
            }),
        ),
        (
            EventType::LearningRecorded,
            1,
            Event::LearningRecorded(LearningRecorded {
                statement_id: id(11),
                kind: LearningKind::CertificationAwarded,
                activity_id: "https://lms.example.org/certifications/erg-leadership".into(),
                issuer: "https://lms.example.org".into(),
                issuer_trusted: true,
            }),
        ),
        (
            EventType::LearningRevoked,
            1,
            Event::LearningRevoked(LearningRevoked {
                statement_id: id(11),
                voided_by: id(12),
            }),
        ),
        (
            EventType::MentorshipStarted,
            1,
            Event::MentorshipStarted(MentorshipStarted {
                mentor_id: id(1),
                mentee_id: id(5),
                focus_competency: "budget-management".into(),
            }),
        ),
        (
            EventType::MentorshipMilestoneRecorded,
            1,
            Event::MentorshipMilestoneRecorded(MentorshipMilestoneRecorded {
                summary: "First budget drafted together".into(),
            }),
        ),
        (
            EventType::MentorshipCompleted,
            1,
            Event::MentorshipCompleted(MentorshipCompleted {
                confirmed_by: id(5),
            }),
        ),
        (
            EventType::PositionDefined,
            1,
            Event::PositionDefined(PositionDefined {
                title: "Head of Platform Engineering".into(),
                criticality: Criticality::Critical,
                requirements: vec![
                    Requirement {
                        competency: "budget-management".into(),
                        level: 2,
                    },
                    Requirement {
                        competency: "strategic-planning".into(),
                        level: 3,
                    },
                ],
            }),
        ),
        (
            EventType::SuccessorNominated,
            1,
            Event::SuccessorNominated(SuccessorNominated {
                candidate_id: id(5),
                readiness_override: Some(Readiness::ReadySoon),
                reason: Some("Acting head during the 2026 reorganisation".into()),
            }),
        ),
        (
            EventType::NominationWithdrawn,
            1,
            Event::NominationWithdrawn(NominationWithdrawn {
                candidate_id: id(5),
                reason: None,
            }),
        ),
        (
            EventType::PositionFilled,
            1,
            Event::PositionFilled(PositionFilled {
                fill: Fill::Internal {
                    employee_id: id(5),
                    cost: Some(eur(1_500_000)),
                },
            }),
        ),
        (
            EventType::EmployeeOnboarded,
            1,
            Event::EmployeeOnboarded(EmployeeOnboarded {
                hire_date: date(2023, 9, 4),
                org_unit: "eng-platform".into(),
                job_level: "L4".into(),
                interests: vec!["veterans".into(), "public-speaking".into()],
            }),
        ),
        (
            EventType::EmployeeDeparted,
            1,
            Event::EmployeeDeparted(EmployeeDeparted {
                departure_date: date(2026, 11, 30),
            }),
        ),
        (
            EventType::VisibilityConsentGranted,
            1,
            Event::VisibilityConsentGranted(VisibilityConsentGranted {}),
        ),
        (
            EventType::VisibilityConsentWithdrawn,
            1,
            Event::VisibilityConsentWithdrawn(VisibilityConsentWithdrawn {}),
        ),
    ]
}

fn sample_commit() -> Commit {
    Commit {
        header: CommitHeader {
            aggregate_kind: AggregateKind::Budget,
            aggregate_id: id(7),
            command: "approve-budget".into(),
            command_id: id(8),
            command_digest: [0xab; 32],
            actor: id(4),
            correlation_id: id(9),
            causation_id: id(8),
            recorded_at: Timestamp::from_microsecond(1_767_225_600_123_456).unwrap(),
            prev_hash: CommitHash([0x11; 32]),
        },
        events: vec![EventRecord {
            event_id: id(10),
            effective_date: date(2025, 12, 31),
            schema_version: 1,
            event: Event::BudgetApproved(BudgetApproved {
                approver_id: id(4),
                approved: eur(200_000),
            }),
        }],
    }
}

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Compares `bytes` with the golden file `name`, writing it first when blessing.
fn check_golden(name: &str, bytes: &[u8]) -> Vec<u8> {
    let path = vectors_dir().join(name);
    if !path.exists() && std::env::var_os("LADDER_BLESS").is_some() {
        std::fs::write(&path, bytes).unwrap();
    }
    let golden = std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "golden file {} unreadable ({err}); LADDER_BLESS=1 writes a missing one",
            path.display()
        )
    });
    assert_eq!(
        hex::encode(bytes),
        hex::encode(&golden),
        "encoding of {name} changed: that breaks stored events; add a new version instead"
    );
    golden
}

#[test]
fn every_event_type_and_version_has_a_sample() {
    let mut expected: Vec<(EventType, u16)> = EventType::ALL
        .iter()
        .flat_map(|t| t.versions().map(move |v| (*t, v)))
        .collect();
    let mut covered: Vec<(EventType, u16)> = samples().iter().map(|(t, v, _)| (*t, *v)).collect();
    expected.sort();
    covered.sort();
    assert_eq!(covered, expected);
}

#[test]
fn event_payloads_match_their_golden_files() {
    for (event_type, version, event) in samples() {
        let name = format!("{}.v{version}.bin", event_type.name());
        if version == event_type.current_version() {
            check_golden(&name, &encode_event(&event).unwrap());
        }
        let golden = std::fs::read(vectors_dir().join(&name)).unwrap();
        let decoded = decode_event(event_type.code(), version, &golden).unwrap();
        assert_eq!(decoded, event, "{name} no longer decodes to its sample");
    }
}

#[test]
fn commit_framing_matches_its_golden_file() {
    let commit = sample_commit();
    let golden = check_golden("commit.v1.bin", &commit.encode().unwrap());
    assert_eq!(Commit::decode(&golden).unwrap(), commit);
    // The hash chain is over these exact bytes, so the hash is pinned as well.
    let hash = format!("{}\n", CommitHash::of(&golden).to_hex());
    check_golden("commit.v1.sha256", hash.as_bytes());
}

#[test]
fn no_stray_golden_files() {
    let mut known: Vec<String> = samples()
        .iter()
        .map(|(t, v, _)| format!("{}.v{v}.bin", t.name()))
        .chain(["commit.v1.bin".to_owned(), "commit.v1.sha256".to_owned()])
        .collect();
    known.sort();
    let mut present: Vec<String> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    present.sort();
    assert_eq!(
        present, known,
        "every golden file belongs to a sample and vice versa"
    );
}
