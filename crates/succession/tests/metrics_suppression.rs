//! Programme metrics: definitions, small-group suppression and complementary suppression.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{day, fill, id, position};
use ladder_domain::{Attester, Evidence, EvidenceDetail, EvidenceKind};
use ladder_projection::records::{EmployeeRecord, Onboarding, PositionRecord};
use ladder_succession::MetricsSettings;
use ladder_succession::metrics::{
    Figure, Period, ProgrammeInputs, ProgrammeMetrics, programme_metrics,
};
use proto_events::{Criticality, ErgRole};
use uuid::Uuid;

/// People 1..=n are participants (a chair term from `start`); `others` more are not.
struct World {
    evidence: Vec<(Uuid, Vec<Evidence>)>,
    employees: Vec<(Uuid, EmployeeRecord)>,
    positions: Vec<(Uuid, PositionRecord)>,
}

fn term(event: u128, start: &str, end: Option<&str>) -> Evidence {
    Evidence {
        kind: EvidenceKind::ErgRole,
        source_event_ids: vec![id(event)],
        attested_by: Attester::Actor(id(9000)),
        verified: false,
        effective_date: day(start),
        erg_id: Some(id(8000)),
        detail: EvidenceDetail::Role {
            role: ErgRole::CommitteeMember,
            term_start: day(start),
            term_end: end.map(day),
        },
    }
}

fn learning(event: u128, kind: EvidenceKind, on: &str, verified: bool) -> Evidence {
    Evidence {
        kind,
        source_event_ids: vec![id(event)],
        attested_by: Attester::Lms("https://lms.example.org".to_owned()),
        verified,
        effective_date: day(on),
        erg_id: None,
        detail: EvidenceDetail::Learning {
            activity_id: format!("https://lms.example.org/courses/{event}"),
            statement_id: id(event),
            issuer_trusted: verified,
        },
    }
}

fn employee(hired: &str) -> EmployeeRecord {
    EmployeeRecord {
        onboarding: Some(Onboarding {
            hire_date: day(hired),
            org_unit: "eng".to_owned(),
            job_level: "L4".to_owned(),
            interests: vec![],
        }),
        departed_on: None,
        consent: Vec::new(),
    }
}

impl World {
    /// `participants` people (ids 1..) with a role term in the period and two completions
    /// each; `others` onboarded people (ids 101..) with one completion each.
    fn new(participants: u128, others: u128) -> World {
        let mut evidence = Vec::new();
        let mut employees = Vec::new();
        for n in 1..=participants {
            evidence.push((
                id(n),
                vec![
                    term(n * 10, "2025-06-01", None),
                    learning(
                        n * 10 + 1,
                        EvidenceKind::ModuleCompleted,
                        "2026-02-01",
                        true,
                    ),
                    learning(
                        n * 10 + 2,
                        EvidenceKind::CertificationAwarded,
                        "2026-03-01",
                        true,
                    ),
                ],
            ));
            employees.push((id(n), employee("2024-01-01")));
        }
        for n in 101..=100 + others {
            evidence.push((
                id(n),
                vec![learning(
                    n * 10 + 1,
                    EvidenceKind::ModuleCompleted,
                    "2026-02-01",
                    true,
                )],
            ));
            employees.push((id(n), employee("2024-01-01")));
        }
        World {
            evidence,
            employees,
            positions: Vec::new(),
        }
    }

    fn filled(mut self, fills: Vec<ladder_projection::records::FillRecord>) -> World {
        for (i, f) in fills.into_iter().enumerate() {
            let mut p = position(Criticality::High, &[("delivery", 1)]);
            p.filled = Some(f);
            self.positions.push((id(5000 + i as u128), p));
        }
        self
    }

    fn metrics(&self) -> ProgrammeMetrics {
        self.metrics_with(&MetricsSettings::default())
    }

    fn metrics_with(&self, settings: &MetricsSettings) -> ProgrammeMetrics {
        programme_metrics(
            settings,
            quarter(),
            ProgrammeInputs {
                evidence: &self.evidence,
                employees: &self.employees,
                positions: &self.positions,
            },
        )
    }
}

/// The first quarter of 2026: 90 days.
fn quarter() -> Period {
    Period::new(day("2026-01-01"), day("2026-03-31")).unwrap()
}

fn reason<T>(figure: &Figure<T>) -> &str {
    match figure {
        Figure::Suppressed(s) => {
            assert!(s.suppressed);
            &s.reason
        }
        Figure::Shown(_) => panic!("expected a suppressed figure"),
    }
}

#[test]
fn velocity_compares_participants_with_everyone_else() {
    let m = World::new(5, 6).metrics();
    assert_eq!(m.days, 90);
    let quarters = 90.0 / 91.3125;
    let p = m.learning_velocity.erg_participants.shown().unwrap();
    assert_eq!((p.people, p.completions), (5, 10));
    assert_eq!(p.per_person_per_quarter, round3(10.0 / 5.0 / quarters));
    let o = m.learning_velocity.everyone_else.shown().unwrap();
    assert_eq!((o.people, o.completions), (6, 6));
    assert_eq!(o.per_person_per_quarter, round3(1.0 / quarters));
    let all = m.learning_velocity.overall.shown().unwrap();
    assert_eq!((all.people, all.completions), (11, 16));
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[test]
fn only_verified_module_and_certification_records_in_the_period_count() {
    let mut world = World::new(5, 5);
    let extra = &mut world.evidence[0].1;
    extra.push(learning(
        1,
        EvidenceKind::ModuleCompleted,
        "2026-02-02",
        false,
    ));
    extra.push(learning(2, EvidenceKind::EventAttended, "2026-02-02", true));
    extra.push(learning(
        3,
        EvidenceKind::ModuleCompleted,
        "2025-12-31",
        true,
    ));
    extra.push(learning(
        4,
        EvidenceKind::ModuleCompleted,
        "2026-04-01",
        true,
    ));
    extra.push(learning(
        5,
        EvidenceKind::ModuleCompleted,
        "2026-03-31",
        true,
    ));
    let p = world.metrics();
    let p = p.learning_velocity.erg_participants.shown().unwrap();
    assert_eq!(p.completions, 11, "only the one on the last day is added");
}

#[test]
fn a_small_group_is_suppressed_never_shown_as_zero() {
    // Given three participants and ten others
    let m = World::new(3, 10).metrics();
    let v = &m.learning_velocity;
    // Then the participants' figure is suppressed for its size ...
    assert!(
        reason(&v.erg_participants).contains("ERG participants in the period are fewer than 5")
    );
    // ... and everyone else is withheld with it, since overall − everyone else would give
    // the participants' figure
    assert!(reason(&v.everyone_else).starts_with("complementary suppression"));
    // ... while the overall figure stays
    assert_eq!(v.overall.shown().unwrap().people, 13);
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(
        json["learning_velocity"]["erg_participants"]["suppressed"],
        true
    );
    assert!(json["learning_velocity"]["erg_participants"]["people"].is_null());
}

#[test]
fn a_small_complement_withholds_the_large_group_too() {
    // Five or more participants but fewer than five others: the example
    let m = World::new(8, 2).metrics();
    let v = &m.learning_velocity;
    assert!(reason(&v.everyone_else).contains("outside ERGs in the period are fewer than 5"));
    assert!(reason(&v.erg_participants).contains("complementary suppression"));
    // The overall figure cannot give the small group: no part is shown beside it
    let overall = v.overall.shown().unwrap();
    assert_eq!(overall.people, 10);
    // Nobody outside ERGs at all is a small group too: it would say that everyone takes part
    let m = World::new(8, 0).metrics();
    assert!(m.learning_velocity.erg_participants.is_suppressed());
    assert!(m.learning_velocity.everyone_else.is_suppressed());
}

#[test]
fn when_everyone_is_few_everything_is_suppressed() {
    let m = World::new(2, 2).metrics();
    assert!(m.learning_velocity.erg_participants.is_suppressed());
    assert!(m.learning_velocity.everyone_else.is_suppressed());
    assert!(
        reason(&m.learning_velocity.overall).contains("employees in the period are fewer than 5")
    );
    assert!(m.internal_mobility.overall.is_suppressed());
    assert!(m.recruitment_savings.savings.is_suppressed());
}

#[test]
fn a_raised_group_size_suppresses_more() {
    let settings = MetricsSettings {
        min_group_size: 6,
        ..MetricsSettings::default()
    };
    let m = World::new(5, 6).metrics_with(&settings);
    assert!(reason(&m.learning_velocity.erg_participants).contains("fewer than 6"));
    assert_eq!(m.min_group_size, 6);
}

#[test]
fn participation_needs_a_term_overlapping_the_period_and_people_employed_in_it() {
    let mut world = World::new(5, 5);
    // A term that ended before the period: not a participant, but still employed.
    world
        .evidence
        .push((id(50), vec![term(500, "2025-01-01", Some("2025-12-31"))]));
    world.employees.push((id(50), employee("2024-01-01")));
    // Hired after the period, and departed before it: in neither group.
    world.employees.push((id(51), employee("2026-04-01")));
    let mut gone = employee("2020-01-01");
    gone.departed_on = Some(day("2025-12-31"));
    world.employees.push((id(52), gone));
    // Never onboarded, no term: in neither group.
    world.evidence.push((
        id(53),
        vec![learning(
            530,
            EvidenceKind::ModuleCompleted,
            "2026-02-01",
            true,
        )],
    ));
    let m = world.metrics();
    assert_eq!(
        m.learning_velocity.erg_participants.shown().unwrap().people,
        5
    );
    assert_eq!(m.learning_velocity.everyone_else.shown().unwrap().people, 6);
}

fn fills(internal_participants: u128, internal_others: u128, external: u64) -> World {
    let mut list = Vec::new();
    for n in 1..=internal_participants {
        list.push(fill("2026-02-15", Some(n), Some(1_000)));
    }
    for n in 101..=100 + internal_others {
        list.push(fill("2026-02-15", Some(n), Some(3_000)));
    }
    for k in 0..external {
        list.push(fill("2026-03-01", None, Some(10_000 + k * 1_000)));
    }
    // Filled outside the period: not counted anywhere.
    list.push(fill("2026-04-01", None, Some(99_999)));
    World::new(6, 6).filled(list)
}

#[test]
fn mobility_and_savings_show_every_input() {
    let m = fills(5, 5, 5).metrics();
    let overall = m.internal_mobility.overall.shown().unwrap();
    assert_eq!((overall.filled, overall.filled_internally), (15, 10));
    assert_eq!(overall.rate, 0.667);
    let p = m.internal_mobility.erg_participants.shown().unwrap();
    assert_eq!((p.filled_by_participants, p.filled), (5, 15));
    assert_eq!(p.rate, 0.333);
    let s = &m.recruitment_savings;
    assert_eq!(s.currency, "EUR");
    let external = s.external_hires.shown().unwrap();
    // 10 000, 11 000, …, 14 000: average 12 000
    assert_eq!((external.count, external.average_cost_minor), (5, 12_000));
    let internal = s.internal_moves_with_cost.shown().unwrap();
    assert_eq!((internal.count, internal.average_cost_minor), (10, 2_000));
    let savings = s.savings.shown().unwrap();
    assert_eq!(savings.internal_fills, 10);
    assert_eq!(savings.savings_minor, 10 * (12_000 - 2_000));
}

#[test]
fn participant_mobility_needs_both_parts_of_the_internal_fills() {
    // Five participant fills and no other internal fill would say every internal mover
    // takes part in an ERG.
    let m = fills(5, 0, 6).metrics();
    assert!(m.internal_mobility.overall.shown().is_some());
    assert!(reason(&m.internal_mobility.erg_participants).contains("complementary suppression"));
    let m = fills(5, 4, 6).metrics();
    assert!(reason(&m.internal_mobility.erg_participants).contains("outside ERGs"));
    let m = fills(4, 5, 6).metrics();
    assert!(
        reason(&m.internal_mobility.erg_participants)
            .contains("internal fills by ERG participants are fewer than 5")
    );
}

#[test]
fn savings_need_enough_people_in_every_input() {
    let m = fills(5, 5, 4).metrics();
    assert!(reason(&m.recruitment_savings.external_hires).contains("external hires"));
    assert!(reason(&m.recruitment_savings.savings).contains("external hires"));
    assert!(
        m.recruitment_savings
            .internal_moves_with_cost
            .shown()
            .is_some()
    );
}

#[test]
fn internal_moves_without_a_cost_or_in_another_currency_stay_out_of_the_average() {
    let mut list: Vec<_> = (1..=5u128)
        .map(|n| fill("2026-02-15", Some(n), Some(1_000)))
        .collect();
    // Unknown cost and dollars: internal fills, but not in the internal average.
    list.push(fill("2026-02-15", Some(101), None));
    let mut dollars = fill("2026-02-15", Some(102), Some(50_000));
    dollars.cost = Some(proto_events::Money {
        minor: 50_000,
        currency: "USD".parse().unwrap(),
    });
    list.push(dollars);
    for _ in 0..5 {
        list.push(fill("2026-03-01", None, Some(8_000)));
    }
    let m = World::new(6, 6).filled(list).metrics();
    let internal = m
        .recruitment_savings
        .internal_moves_with_cost
        .shown()
        .unwrap();
    assert_eq!((internal.count, internal.average_cost_minor), (5, 1_000));
    let savings = m.recruitment_savings.savings.shown().unwrap();
    assert_eq!(savings.internal_fills, 7);
    assert_eq!(savings.savings_minor, 7 * 7_000);
}

#[test]
fn savings_are_exact_before_rounding_and_may_be_negative() {
    // External average 1 000.2, internal average 1 001: each internal fill costs 0.8 more.
    let mut list: Vec<_> = (1..=5u128)
        .map(|n| fill("2026-02-15", Some(n), Some(1_001)))
        .collect();
    for k in 0..5 {
        list.push(fill(
            "2026-03-01",
            None,
            Some(if k == 0 { 1_001 } else { 1_000 }),
        ));
    }
    let m = World::new(6, 6).filled(list).metrics();
    let savings = m.recruitment_savings.savings.shown().unwrap();
    assert_eq!(savings.average_external_cost_minor, 1_000);
    assert_eq!(savings.average_internal_cost_minor, 1_001);
    // 5 × (1 000.2 − 1 001) = −4
    assert_eq!(savings.savings_minor, -4);
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused() {
    assert!(Period::new(day("2026-03-01"), day("2026-02-28")).is_err());
    let one_day = Period::new(day("2026-03-01"), day("2026-03-01")).unwrap();
    assert_eq!(one_day.days(), 1);
}
