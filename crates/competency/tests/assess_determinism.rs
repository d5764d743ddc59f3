//! Assessments depend on the evidence as a set, on `as_of`, and on nothing claimed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{budget, claimed, learning, mentorship, project, role};
use jiff::civil::{Date, date};
use ladder_competency::{Assessment, Framework, assess, erg_leadership, explain};
use ladder_domain::{Evidence, EvidenceKind};
use proptest::prelude::*;
use proto_events::ErgRole;

const AS_OF: Date = date(2026, 6, 30);
const COURSE: &str = "https://lms.example.org/courses/erg-leadership/";

/// A record with every kind of evidence, in stream order, with a duplicate and a future item.
fn record() -> Vec<Evidence> {
    let module = |n, name: &str| {
        learning(
            n,
            EvidenceKind::ModuleCompleted,
            &format!("{COURSE}{name}"),
            date(2025, 11, 1),
        )
    };
    vec![
        role(
            1,
            ErgRole::CommitteeMember,
            date(2024, 9, 1),
            Some(date(2025, 2, 28)),
        ),
        role(
            2,
            ErgRole::CoChair,
            date(2025, 3, 1),
            Some(date(2025, 5, 31)),
        ),
        role(3, ErgRole::Chair, date(2025, 6, 1), None),
        budget(4, 200_000, 195_000, date(2025, 8, 31)),
        budget(5, 150_000, 170_000, date(2025, 12, 31)),
        budget(6, 80_000, 81_000, date(2026, 3, 31)),
        budget(6, 80_000, 81_000, date(2026, 3, 31)),
        project(7, "panel", date(2025, 10, 15)),
        project(8, "town-hall", date(2026, 2, 20)),
        project(9, "annual-plan", date(2025, 7, 1)),
        project(10, "speaker-series", date(2026, 7, 15)),
        module(11, "public-speaking"),
        module(12, "strategic-planning"),
        learning(
            13,
            EvidenceKind::CertificationAwarded,
            "https://lms.example.org/certifications/erg-leadership",
            date(2026, 1, 20),
        ),
        mentorship(
            14,
            EvidenceKind::MentorshipGiven,
            "public-speaking",
            date(2025, 12, 1),
        ),
        mentorship(
            15,
            EvidenceKind::MentorshipGiven,
            "delivery",
            date(2026, 4, 1),
        ),
        claimed(project(16, "town-hall", date(2026, 1, 5))),
        claimed(budget(17, 100_000, 100_000, date(2026, 1, 5))),
    ]
}

fn levels(assessment: &Assessment) -> Vec<(&str, u32)> {
    assessment
        .competencies
        .iter()
        .map(|c| (c.id.as_str(), c.level))
        .collect()
}

#[test]
fn the_record_assesses_to_known_levels() {
    let framework = erg_leadership().unwrap();
    let assessment = assess(&framework, &record(), AS_OF);
    assert_eq!(
        levels(&assessment),
        [
            ("community-leadership", 3),
            ("budget-management", 1),
            ("public-speaking", 2),
            ("strategic-planning", 2),
            ("stakeholder-influence", 1),
            ("developing-others", 1),
            ("delivery", 2),
        ]
    );
    for competency in &assessment.competencies {
        assert_eq!(competency.verified, competency.level > 0);
        assert_eq!(competency.evidence.is_empty(), competency.level == 0);
    }
}

#[test]
fn reversed_evidence_gives_the_same_assessment() {
    let framework = erg_leadership().unwrap();
    let mut reversed = record();
    reversed.reverse();
    assert_eq!(
        assess(&framework, &reversed, AS_OF),
        assess(&framework, &record(), AS_OF)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_order_of_the_evidence_gives_the_same_answers(
        shuffled in Just(record()).prop_shuffle()
    ) {
        let framework = erg_leadership().unwrap();
        let original = record();
        prop_assert_eq!(assess(&framework, &shuffled, AS_OF), assess(&framework, &original, AS_OF));
        for competency in framework.competencies() {
            prop_assert_eq!(
                explain(&framework, competency.id(), &shuffled, AS_OF),
                explain(&framework, competency.id(), &original, AS_OF)
            );
        }
    }

    #[test]
    fn adding_claimed_evidence_never_changes_an_assessment(
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..12)
    ) {
        let framework = erg_leadership().unwrap();
        let base = record();
        let mut with_claims = base.clone();
        for pick in picks {
            let mut copy = claimed(pick.get(&base).clone());
            copy.source_event_ids = vec![common::id(1000 + with_claims.len() as u128)];
            with_claims.push(copy);
        }
        prop_assert_eq!(assess(&framework, &with_claims, AS_OF), assess(&framework, &base, AS_OF));
    }
}

#[test]
fn claimed_evidence_alone_grants_nothing_and_is_listed() {
    let framework = erg_leadership().unwrap();
    let all_claimed: Vec<Evidence> = record().into_iter().map(claimed).collect();
    let assessment = assess(&framework, &all_claimed, AS_OF);
    for competency in &assessment.competencies {
        assert_eq!(
            (competency.level, competency.verified),
            (0, false),
            "{}",
            competency.id
        );
        assert!(competency.evidence.is_empty());
    }
    let explanation = explain(&framework, "community-leadership", &all_claimed, AS_OF).unwrap();
    assert_eq!(explanation.level, 0);
    let kinds: Vec<EvidenceKind> = explanation.claimed.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            EvidenceKind::ErgRole,
            EvidenceKind::ErgRole,
            EvidenceKind::ErgRole,
            EvidenceKind::CertificationAwarded,
        ]
    );
}

#[test]
fn as_of_decides_which_evidence_counts() {
    let framework = erg_leadership().unwrap();
    let earlier = assess(&framework, &record(), date(2025, 12, 31));
    assert_eq!(earlier.as_of, date(2025, 12, 31));
    let community = &earlier.competencies[0];
    // Chair since 2025-06-01 is seven months on 2025-12-31 and the certification is later.
    assert_eq!(community.level, 2);
    assert!(!community.evidence.contains(&common::id(13)));
}

#[test]
fn a_new_framework_version_reassesses_the_same_evidence() {
    let stricter = erg_leadership_with("version = \"2026.1\"", "version = \"2026.2\"").replace(
        "{ budgets = { count = 1, within-percent = 10 } }",
        "{ budgets = { count = 3, within-percent = 10 } }",
    );
    let stricter = Framework::from_toml(&stricter).unwrap();
    let evidence = record();
    let before = assess(&erg_leadership().unwrap(), &evidence, AS_OF);
    let after = assess(&stricter, &evidence, AS_OF);
    assert_eq!(after.framework_version, "2026.2");
    assert_eq!(before.competencies[1].level, 1);
    assert_eq!(after.competencies[1].level, 0);
    assert_eq!(evidence, record());
}

fn erg_leadership_with(from: &str, to: &str) -> String {
    let text = ladder_competency::ERG_LEADERSHIP_TOML;
    assert!(text.contains(from));
    text.replace(from, to)
}
