//! Talent pools, bench strength and mentor suggestions.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{departed, fill, hired, id, nomination, not_onboarded, person, position, workforce};
use ladder_succession::{
    PlanningError, ReadinessThresholds, bench_strength, mentor_suggestions, talent_pool,
};
use proto_events::{Criticality, Readiness};
use uuid::Uuid;

#[test]
fn talent_pool_ranks_by_level_then_evidence_then_id_and_leaves_out_people_not_employed() {
    let w = workforce(vec![
        person(1, &[("delivery", 2, 1)]),
        person(2, &[("delivery", 3, 1)]),
        person(3, &[("delivery", 2, 5)]),
        person(4, &[("delivery", 1, 9)]),
        person(5, &[("delivery", 2, 5)]),
        departed(person(6, &[("delivery", 3, 9)]), "2026-01-31"),
        person(7, &[("strategy", 3, 9)]),
        not_onboarded(person(8, &[("delivery", 3, 9)])),
        hired(person(9, &[("delivery", 3, 9)]), "2026-07-01"),
    ]);
    let pool = talent_pool(&w, "delivery", 2, 50).unwrap();
    let order: Vec<(Uuid, u32, u32)> = pool
        .employees
        .iter()
        .map(|e| (e.employee_id, e.level, e.evidence_count))
        .collect();
    assert_eq!(
        order,
        [(id(2), 3, 1), (id(3), 2, 5), (id(5), 2, 5), (id(1), 2, 1)]
    );
    assert_eq!(pool.matched, 4);
    let top = talent_pool(&w, "delivery", 1, 2).unwrap();
    assert_eq!(top.matched, 5);
    assert_eq!(top.employees.len(), 2);
}

#[test]
fn talent_pool_of_an_unknown_competency_is_an_error() {
    let w = workforce(vec![]);
    let err = talent_pool(&w, "juggling", 1, 10).unwrap_err();
    assert!(matches!(err, PlanningError::UnknownCompetency { .. }));
    assert!(err.to_string().contains("juggling"), "{err}");
}

#[test]
fn bench_strength_weighs_open_high_and_critical_positions() {
    let reqs: &[(&str, u8)] = &[("delivery", 2)];
    let w = workforce(vec![
        person(1, &[("delivery", 2, 1)]),
        person(2, &[("delivery", 1, 1)]),
        person(3, &[("delivery", 1, 1)]),
    ]);
    // Covered: one ready now, two ready soon.
    let covered = position(Criticality::Critical, reqs);
    // Not covered, but someone is nominated.
    let mut nominated = position(Criticality::High, &[("strategy", 3)]);
    nominated
        .nominations
        .push(nomination(2, "2026-02-01", None));
    // Nobody at all.
    let bare = position(Criticality::High, &[("budget-management", 1)]);
    // Covered only by a planner's override.
    let mut overridden = position(Criticality::High, &[("strategy", 3)]);
    overridden
        .nominations
        .push(nomination(3, "2026-02-01", Some(Readiness::ReadySoon)));
    // Not weighed: standard, filled, defined after as_of.
    let standard = position(Criticality::Standard, &[("budget-management", 1)]);
    let mut filled = position(Criticality::Critical, &[("budget-management", 1)]);
    filled.filled = Some(fill("2026-05-01", Some(1), None));
    let mut later = position(Criticality::Critical, &[("budget-management", 1)]);
    later.defined_on = common::day("2026-07-01");
    let positions = vec![
        (id(101), covered),
        (id(102), nominated),
        (id(103), bare),
        (id(104), overridden),
        (id(105), standard),
        (id(106), filled),
        (id(107), later),
    ];

    let bench = bench_strength(ReadinessThresholds::default(), &positions, &w);

    let entries: Vec<(Uuid, usize, usize, usize, bool)> = bench
        .positions
        .iter()
        .map(|e| {
            (
                e.position_id,
                e.ready_now,
                e.ready_soon,
                e.nominated,
                e.covered,
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (id(101), 1, 2, 0, true),
            (id(102), 0, 0, 1, false),
            (id(103), 0, 0, 0, false),
            (id(104), 0, 1, 1, true),
        ]
    );
    assert_eq!(bench.coverage.positions, 4);
    assert_eq!(bench.coverage.covered, 2);
    assert_eq!(bench.coverage.share, Some(0.5));
    assert_eq!(bench.without_successor, [id(103)]);
}

#[test]
fn bench_strength_without_positions_has_no_share() {
    let bench = bench_strength(ReadinessThresholds::default(), &[], &workforce(vec![]));
    assert_eq!(bench.coverage.share, None);
    let json = serde_json::to_value(&bench).unwrap();
    assert!(json["coverage"]["share"].is_null());
}

#[test]
fn mentors_cover_gaps_with_the_needed_level_and_say_which() {
    let position = position(
        Criticality::High,
        &[("delivery", 2), ("budget-management", 2), ("strategy", 1)],
    );
    let w = workforce(vec![
        // The mentee: meets strategy only.
        person(1, &[("delivery", 1, 1), ("strategy", 1, 1)]),
        // Covers both gaps.
        person(2, &[("delivery", 2, 1), ("budget-management", 3, 1)]),
        // Covers both gaps with higher levels.
        person(3, &[("delivery", 3, 1), ("budget-management", 3, 1)]),
        // Covers one gap.
        person(4, &[("budget-management", 2, 1)]),
        // Has levels, but below what the position needs.
        person(5, &[("delivery", 1, 4), ("budget-management", 1, 4)]),
        // Would cover both but has left.
        departed(
            person(6, &[("delivery", 3, 1), ("budget-management", 3, 1)]),
            "2026-03-31",
        ),
        // Covers only what the mentee already meets.
        person(7, &[("strategy", 3, 1)]),
        // Would cover both but were never onboarded or start after as_of.
        not_onboarded(person(
            8,
            &[("delivery", 3, 1), ("budget-management", 3, 1)],
        )),
        hired(
            person(9, &[("delivery", 3, 1), ("budget-management", 3, 1)]),
            "2026-07-01",
        ),
    ]);

    let s = mentor_suggestions(id(1), id(100), &position, &w, 10);

    let gaps: Vec<(&str, u32, u32)> = s
        .gaps
        .iter()
        .map(|g| (g.competency.as_str(), g.has, g.needs))
        .collect();
    assert_eq!(gaps, [("delivery", 1, 2), ("budget-management", 0, 2)]);
    let order: Vec<(Uuid, usize)> = s
        .mentors
        .iter()
        .map(|m| (m.employee_id, m.gaps_covered))
        .collect();
    assert_eq!(order, [(id(3), 2), (id(2), 2), (id(4), 1)]);
    let reason = &s.mentors[2];
    assert_eq!(reason.covers.len(), 1);
    assert_eq!(reason.covers[0].competency, "budget-management");
    assert_eq!(reason.covers[0].mentor_level, 2);
    assert_eq!(reason.covers[0].needs, 2);
    assert!(
        reason.reason.contains("budget-management at level 2"),
        "{}",
        reason.reason
    );
    assert_eq!(s.matched, 3);
    assert_eq!(
        mentor_suggestions(id(1), id(100), &position, &w, 1)
            .mentors
            .len(),
        1
    );
}

#[test]
fn no_gaps_means_no_mentors() {
    let position = position(Criticality::High, &[("delivery", 1)]);
    let w = workforce(vec![
        person(1, &[("delivery", 1, 1)]),
        person(2, &[("delivery", 3, 1)]),
    ]);
    let s = mentor_suggestions(id(1), id(100), &position, &w, 10);
    assert!(s.gaps.is_empty());
    assert!(s.mentors.is_empty());
}
