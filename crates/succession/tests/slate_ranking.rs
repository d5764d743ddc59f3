//! Slates: buckets, scores, gaps, ranking, nominations and overrides, thresholds, limits.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{
    as_of, day, departed, hired, id, nomination, not_onboarded, person, position, workforce,
};
use ladder_succession::{Gap, ReadinessThresholds, slate};
use proto_events::{Criticality, Readiness};
use uuid::Uuid;

const REQUIREMENTS: &[(&str, u8)] = &[("delivery", 2), ("budget-management", 2)];

fn ids(s: &ladder_succession::Slate) -> Vec<Uuid> {
    s.candidates.iter().map(|c| c.employee_id).collect()
}

#[test]
fn buckets_follow_gaps_and_ranking_is_bucket_then_score_then_id() {
    // Given people from fully qualified to unqualified
    let people = vec![
        person(
            1,
            &[("delivery", 1), ("budget-management", 1)].map(|(c, l)| (c, l, 1)),
        ),
        person(2, &[("delivery", 3, 4), ("budget-management", 2, 2)]),
        person(3, &[("delivery", 2, 1), ("budget-management", 1, 1)]),
        person(4, &[("delivery", 2, 2), ("budget-management", 2, 3)]),
        person(5, &[("public-speaking", 3, 5)]),
        person(6, &[("delivery", 1, 1)]),
    ];
    let position = position(Criticality::Critical, REQUIREMENTS);

    // When the slate is asked for
    let s = slate(
        ReadinessThresholds::default(),
        id(100),
        &position,
        &workforce(people),
        20,
    );

    // Then ready-now come first (by id at equal score), ready-soon next, developing last, and
    // nobody without any required level appears
    assert_eq!(ids(&s), vec![id(2), id(4), id(3), id(1), id(6)]);
    let buckets: Vec<Readiness> = s.candidates.iter().map(|c| c.readiness).collect();
    assert_eq!(
        buckets,
        [
            Readiness::ReadyNow,
            Readiness::ReadyNow,
            Readiness::ReadySoon,
            Readiness::Developing,
            Readiness::Developing
        ]
    );
    let scores: Vec<u32> = s.candidates.iter().map(|c| c.score).collect();
    // 100 × (2+2)/4, (2+1)/4, (1+1)/4, (1+0)/4: over-qualification in delivery adds nothing.
    assert_eq!(scores, [100, 100, 75, 50, 25]);
    assert_eq!(s.considered, 6);
    assert_eq!(s.matched, 5);
    assert!(!s.filled);
    assert_eq!(s.as_of, as_of());
}

#[test]
fn gaps_name_competency_has_and_needs_and_evidence_counts_required_competencies_only() {
    let people = vec![person(
        1,
        &[
            ("delivery", 1, 2),
            ("budget-management", 0, 0),
            ("public-speaking", 3, 9),
        ],
    )];
    let s = slate(
        ReadinessThresholds::default(),
        id(100),
        &position(Criticality::High, REQUIREMENTS),
        &workforce(people),
        20,
    );
    let candidate = &s.candidates[0];
    assert_eq!(
        candidate.gaps,
        vec![
            Gap {
                competency: "delivery".to_owned(),
                has: 1,
                needs: 2
            },
            Gap {
                competency: "budget-management".to_owned(),
                has: 0,
                needs: 2
            },
        ]
    );
    // Public speaking's nine pieces of evidence are not about this position.
    assert_eq!(candidate.evidence_count, 2);
    assert_eq!(candidate.computed_readiness, Readiness::Developing);
}

#[test]
fn a_requirement_the_framework_lacks_is_always_a_gap() {
    let people = vec![person(1, &[("delivery", 2, 1)])];
    let s = slate(
        ReadinessThresholds::default(),
        id(100),
        &position(Criticality::High, &[("delivery", 2), ("negotiation", 1)]),
        &workforce(people),
        20,
    );
    let candidate = &s.candidates[0];
    assert_eq!(candidate.readiness, Readiness::ReadySoon);
    assert_eq!(candidate.score, 66);
    assert_eq!(candidate.gaps[0].competency, "negotiation");
    assert_eq!(candidate.gaps[0].has, 0);
}

#[test]
fn thresholds_decide_ready_soon() {
    // Two gaps of one level each: developing by default, ready soon when two gaps of two
    // levels in all are allowed.
    let people = vec![person(
        1,
        &[("delivery", 1, 1), ("budget-management", 1, 1)],
    )];
    let position = position(Criticality::High, REQUIREMENTS);
    let workforce = workforce(people);
    let by_default = slate(
        ReadinessThresholds::default(),
        id(1),
        &position,
        &workforce,
        20,
    );
    assert_eq!(by_default.candidates[0].readiness, Readiness::Developing);
    let looser = ReadinessThresholds {
        ready_soon_max_gaps: 2,
        ready_soon_max_shortfall: 2,
    };
    let loose = slate(looser, id(1), &position, &workforce, 20);
    assert_eq!(loose.candidates[0].readiness, Readiness::ReadySoon);
    // One gap of two levels: within the gap count, past the shortfall.
    let short = vec![person(2, &[("delivery", 2, 1)])];
    let one_gap = ReadinessThresholds {
        ready_soon_max_gaps: 1,
        ready_soon_max_shortfall: 1,
    };
    let s = slate(one_gap, id(1), &position, &common::workforce(short), 20);
    assert_eq!(s.candidates[0].readiness, Readiness::Developing);
}

#[test]
fn departed_people_are_never_candidates_but_the_last_day_still_counts() {
    let people = vec![
        departed(
            person(1, &[("delivery", 2, 1), ("budget-management", 2, 1)]),
            "2026-06-29",
        ),
        departed(
            person(2, &[("delivery", 2, 1), ("budget-management", 2, 1)]),
            "2026-06-30",
        ),
    ];
    let mut position = position(Criticality::High, REQUIREMENTS);
    position.nominations.push(nomination(1, "2026-02-01", None));
    let s = slate(
        ReadinessThresholds::default(),
        id(9),
        &position,
        &workforce(people),
        20,
    );
    assert_eq!(ids(&s), vec![id(2)]);
    assert_eq!(s.considered, 1);
}

#[test]
fn only_people_employed_on_as_of_are_weighed_the_first_day_counts() {
    let strong = |n| person(n, &[("delivery", 2, 1), ("budget-management", 2, 1)]);
    let people = vec![
        // Known from an LMS or ERG tool only: the HRIS never onboarded them.
        not_onboarded(strong(1)),
        // Starts the day after as_of.
        hired(strong(2), "2026-07-01"),
        // Starts on as_of.
        hired(strong(3), "2026-06-30"),
    ];
    let position = position(Criticality::High, REQUIREMENTS);
    let s = slate(
        ReadinessThresholds::default(),
        id(9),
        &position,
        &workforce(people),
        20,
    );
    assert_eq!(as_of(), day("2026-06-30"));
    assert_eq!(ids(&s), vec![id(3)]);
    assert_eq!(s.considered, 1);
}

#[test]
fn nomination_breaks_ties_and_keeps_a_zero_score_candidate() {
    // Given two equal candidates and a nominee without any required level
    let people = vec![
        person(1, &[("delivery", 2, 1)]),
        person(2, &[("delivery", 2, 1)]),
        person(3, &[("strategy", 3, 2)]),
    ];
    let mut position = position(Criticality::High, REQUIREMENTS);
    position.nominations.push(nomination(2, "2026-03-01", None));
    position.nominations.push(nomination(3, "2026-03-01", None));
    position.nominations.push(nomination(7, "2026-03-01", None));

    let s = slate(
        ReadinessThresholds::default(),
        id(9),
        &position,
        &workforce(people),
        20,
    );

    // Then the nominee ranks first among equals; nominees with score 0 are kept, including
    // one the read models know nothing about
    assert_eq!(ids(&s), vec![id(2), id(1), id(3), id(7)]);
    assert!(s.candidates[0].nominated);
    assert!(!s.candidates[1].nominated);
    assert_eq!(s.candidates[2].score, 0);
    assert_eq!(s.candidates[3].gaps.len(), 2);
    assert_eq!(s.considered, 4);
}

#[test]
fn an_override_replaces_the_bucket_and_is_shown_as_such() {
    let people = vec![
        person(1, &[("delivery", 1, 1)]),
        person(2, &[("delivery", 2, 1), ("budget-management", 1, 1)]),
        person(3, &[("delivery", 2, 2), ("budget-management", 2, 2)]),
    ];
    let mut position = position(Criticality::High, REQUIREMENTS);
    position
        .nominations
        .push(nomination(1, "2026-03-01", Some(Readiness::ReadyNow)));
    position
        .nominations
        .push(nomination(3, "2026-03-01", Some(Readiness::Developing)));

    let s = slate(
        ReadinessThresholds::default(),
        id(9),
        &position,
        &workforce(people),
        20,
    );

    assert_eq!(ids(&s), vec![id(1), id(2), id(3)]);
    let first = &s.candidates[0];
    assert_eq!(first.readiness, Readiness::ReadyNow);
    assert_eq!(first.computed_readiness, Readiness::Developing);
    assert!(first.overridden);
    let nomination = first.nomination.as_ref().expect("a nomination");
    assert_eq!(nomination.readiness_override, Some(Readiness::ReadyNow));
    assert_eq!(
        nomination.reason.as_deref(),
        Some("led the migration programme")
    );
    let second = &s.candidates[1];
    assert!(!second.overridden);
    assert_eq!(second.readiness, second.computed_readiness);
    let last = &s.candidates[2];
    assert_eq!(last.readiness, Readiness::Developing);
    assert_eq!(last.computed_readiness, Readiness::ReadyNow);
}

#[test]
fn only_nominations_standing_on_as_of_count() {
    let people = vec![person(1, &[("delivery", 1, 1)])];
    let mut position = position(Criticality::High, REQUIREMENTS);
    let mut withdrawn = nomination(1, "2026-02-01", Some(Readiness::ReadyNow));
    withdrawn.withdrawn_on = Some(as_of());
    position.nominations.push(withdrawn);
    position
        .nominations
        .push(nomination(2, "2026-07-01", Some(Readiness::ReadyNow)));
    let mut later_withdrawal = nomination(3, "2026-02-01", None);
    later_withdrawal.withdrawn_on = Some(day("2026-07-01"));
    position.nominations.push(later_withdrawal);

    let s = slate(
        ReadinessThresholds::default(),
        id(9),
        &position,
        &workforce(people),
        20,
    );

    // Withdrawn on as_of: gone. Nominated after as_of: not yet. Withdrawn after: standing.
    assert_eq!(ids(&s), vec![id(1), id(3)]);
    assert!(!s.candidates[0].nominated);
    assert_eq!(s.candidates[0].readiness, Readiness::Developing);
    assert!(s.candidates[1].nominated);
}

#[test]
fn the_limit_cuts_the_ranked_list_and_matched_counts_all() {
    let people: Vec<_> = (1..=30)
        .map(|n| person(n, &[("delivery", u32::try_from(n % 3).unwrap(), 1)]))
        .collect();
    let position = position(Criticality::High, REQUIREMENTS);
    let workforce = workforce(people);
    let all = slate(
        ReadinessThresholds::default(),
        id(99),
        &position,
        &workforce,
        500,
    );
    let top = slate(
        ReadinessThresholds::default(),
        id(99),
        &position,
        &workforce,
        5,
    );
    assert_eq!(all.matched, 20);
    assert_eq!(top.matched, 20);
    assert_eq!(top.candidates, all.candidates[..5]);
}

#[test]
fn a_filled_position_says_so() {
    let mut position = position(Criticality::High, REQUIREMENTS);
    position.filled = Some(common::fill("2026-05-01", Some(1), None));
    let s = slate(
        ReadinessThresholds::default(),
        id(9),
        &position,
        &workforce(vec![]),
        20,
    );
    assert!(s.filled);
    position.filled = Some(common::fill("2026-07-01", Some(1), None));
    let s = slate(
        ReadinessThresholds::default(),
        id(9),
        &position,
        &workforce(vec![]),
        20,
    );
    assert!(!s.filled, "filled after as_of");
}

#[test]
fn the_answer_has_the_contract_shape_and_no_erg_in_it() {
    let people = vec![person(1, &[("delivery", 1, 3)])];
    let mut position = position(Criticality::Critical, REQUIREMENTS);
    position
        .nominations
        .push(nomination(1, "2026-03-01", Some(Readiness::ReadySoon)));
    let s = slate(
        ReadinessThresholds::default(),
        id(9),
        &position,
        &workforce(people),
        20,
    );
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["position_id"], id(9).to_string());
    assert_eq!(json["as_of"], "2026-06-30");
    assert_eq!(json["criticality"], "critical");
    let c = &json["candidates"][0];
    assert_eq!(c["employee_id"], id(1).to_string());
    assert_eq!(c["readiness"], "ready-soon");
    assert_eq!(c["computed_readiness"], "developing");
    assert_eq!(c["score"], 25);
    assert_eq!(
        c["gaps"][0],
        serde_json::json!({"competency": "delivery", "has": 1, "needs": 2})
    );
    assert_eq!(c["nomination"]["readiness_override"], "ready-soon");
    let text = json.to_string();
    assert!(!text.contains("erg"), "no ERG field in a slate: {text}");
}
