//! A workforce from real evidence under the default framework: levels, evidence counts,
//! employee records merged in.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{day, id};
use jiff::civil::Date;
use ladder_domain::{Attester, Evidence, EvidenceDetail, EvidenceKind};
use ladder_projection::records::{ConsentChange, EmployeeRecord, Onboarding};
use ladder_succession::Workforce;
use proto_events::ErgRole;

fn role(event: u128, role: ErgRole, start: &str, verified: bool) -> Evidence {
    Evidence {
        kind: EvidenceKind::ErgRole,
        source_event_ids: vec![id(event)],
        attested_by: Attester::Actor(id(900)),
        verified,
        effective_date: day(start),
        erg_id: Some(id(800)),
        detail: EvidenceDetail::Role {
            role,
            term_start: day(start),
            term_end: None,
        },
    }
}

fn project(event: u128, on: &str) -> Evidence {
    Evidence {
        kind: EvidenceKind::ProjectLed,
        source_event_ids: vec![id(event), id(event + 1)],
        attested_by: Attester::Actor(id(901)),
        verified: true,
        effective_date: day(on),
        erg_id: None,
        detail: EvidenceDetail::Project {
            project_id: id(event + 500),
            title: "Panel".to_owned(),
            kind: "panel".to_owned(),
            sponsor_id: id(901),
        },
    }
}

fn framework() -> ladder_competency::Framework {
    ladder_competency::erg_leadership().unwrap()
}

fn as_of() -> Date {
    day("2026-06-30")
}

#[test]
fn levels_and_evidence_counts_come_from_verified_evidence_on_as_of() {
    // A chair for 18 months with three signed-off projects, one of them after as_of.
    let evidence = vec![(
        id(1),
        vec![
            role(10, ErgRole::Chair, "2025-01-01", true),
            project(20, "2026-02-01"),
            project(30, "2026-03-01"),
            project(40, "2026-09-01"),
            role(50, ErgRole::Treasurer, "2025-01-01", false),
        ],
    )];
    let w = Workforce::assess(&framework(), as_of(), &evidence, &[]);
    let p = w.person(id(1)).expect("known from evidence");
    let at = |c: &str| p.standing(w.competency_index(c).unwrap());

    assert_eq!(at("community-leadership").level, 2);
    // The claimed treasurer term counts for nothing.
    assert_eq!(at("community-leadership").evidence, 1);
    // Two projects by as_of: level 1 (three are needed for 2); both are behind it.
    assert_eq!(at("delivery").level, 1);
    assert_eq!(at("delivery").evidence, 2);
    assert_eq!(at("public-speaking").level, 1);
    assert_eq!(at("budget-management").level, 0);
    assert_eq!(at("budget-management").evidence, 0);
    assert_eq!(w.framework_version(), framework().version());
    assert_eq!(p.hired_on, None, "known from evidence only");
    assert!(
        !p.employed_on(as_of()),
        "not employed until the HRIS onboards them"
    );
}

#[test]
fn employee_records_add_people_without_evidence_and_departures() {
    let evidence = vec![(id(1), vec![project(20, "2026-02-01")])];
    let onboarding = Onboarding {
        hire_date: day("2024-01-01"),
        org_unit: "eng".to_owned(),
        job_level: "L4".to_owned(),
        interests: vec![],
    };
    let employees = vec![
        (
            id(1),
            EmployeeRecord {
                onboarding: Some(onboarding.clone()),
                departed_on: Some(day("2026-06-01")),
                consent: Vec::new(),
            },
        ),
        (
            id(2),
            EmployeeRecord {
                onboarding: Some(onboarding),
                departed_on: None,
                consent: vec![ConsentChange {
                    effective_date: day("2025-01-01"),
                    granted: true,
                }],
            },
        ),
    ];
    let w = Workforce::assess(&framework(), as_of(), &evidence, &employees);
    assert_eq!(w.people().len(), 2);
    let first = w.person(id(1)).unwrap();
    assert_eq!(first.hired_on, Some(day("2024-01-01")));
    assert!(!first.employed_on(as_of()));
    assert!(first.employed_on(day("2026-06-01")));
    let delivery = w.competency_index("delivery");
    assert_eq!(w.level(id(1), delivery), 1);
    assert_eq!(w.level(id(2), delivery), 0);
    assert_eq!(w.level(id(3), delivery), 0, "unknown people have no level");
    assert!(w.person(id(2)).unwrap().employed_on(as_of()));
}

#[test]
fn the_same_evidence_in_another_order_gives_the_same_workforce() {
    let mut records = vec![
        role(10, ErgRole::Chair, "2025-01-01", true),
        project(20, "2026-02-01"),
        project(30, "2026-03-01"),
        project(40, "2026-04-01"),
    ];
    let forward = Workforce::assess(&framework(), as_of(), &[(id(1), records.clone())], &[]);
    records.reverse();
    let backward = Workforce::assess(&framework(), as_of(), &[(id(1), records)], &[]);
    assert_eq!(forward, backward);
}
