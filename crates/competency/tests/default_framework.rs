//! The shipped ERG leadership framework: it loads, and grants what the article describes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{budget, claimed, ids, learning, mentorship, project, role};
use jiff::civil::date;
use ladder_competency::{Framework, assess, erg_leadership, explain};
use ladder_domain::{Evidence, EvidenceKind};
use proto_events::ErgRole;

const CERT: &str = "https://lms.example.org/certifications/erg-leadership";

fn level_of(framework: &Framework, evidence: &[Evidence], competency: &str) -> u32 {
    let assessment = assess(framework, evidence, date(2026, 6, 30));
    assessment
        .competencies
        .iter()
        .find(|c| c.id == competency)
        .unwrap()
        .level
}

#[test]
fn the_default_framework_loads_and_validates() {
    let framework = erg_leadership().unwrap();
    assert_eq!(
        (framework.id(), framework.version()),
        ("erg-leadership", "2026.1")
    );
    let ids: Vec<&str> = framework
        .competencies()
        .iter()
        .map(ladder_competency::Competency::id)
        .collect();
    assert_eq!(
        ids,
        [
            "community-leadership",
            "budget-management",
            "public-speaking",
            "strategic-planning",
            "stakeholder-influence",
            "developing-others",
            "delivery",
        ]
    );
    for competency in framework.competencies() {
        let names: Vec<&str> = competency
            .levels()
            .iter()
            .map(ladder_competency::Level::name)
            .collect();
        assert_eq!(
            names,
            ["Emerging", "Practising", "Leading"],
            "{}",
            competency.id()
        );
        assert!(competency.alignment().unwrap().starts_with("OECD-CORE:"));
    }
}

#[test]
fn the_default_framework_survives_a_round_trip_through_toml() {
    let framework = erg_leadership().unwrap();
    let written = framework.to_toml().unwrap();
    assert_eq!(Framework::from_toml(&written).unwrap(), framework);
}

#[test]
fn the_readme_example_is_a_valid_framework() {
    let readme = include_str!("../README.md");
    let example = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let framework = Framework::from_toml(example).unwrap();
    assert_eq!(framework.competencies()[0].levels().len(), 3);
}

#[test]
fn community_leadership_climbs_with_role_tenure_and_the_certification() {
    let framework = erg_leadership().unwrap();
    let committee = role(1, ErgRole::CommitteeMember, date(2026, 1, 1), None);
    assert_eq!(
        level_of(&framework, &[committee], "community-leadership"),
        1
    );

    let short_committee = role(1, ErgRole::CommitteeMember, date(2026, 5, 1), None);
    assert_eq!(
        level_of(&framework, &[short_committee], "community-leadership"),
        0
    );

    let chair = role(2, ErgRole::Chair, date(2025, 6, 1), None);
    assert_eq!(
        level_of(
            &framework,
            std::slice::from_ref(&chair),
            "community-leadership"
        ),
        2
    );

    let certification = learning(
        3,
        EvidenceKind::CertificationAwarded,
        CERT,
        date(2026, 2, 1),
    );
    let evidence = [chair, certification];
    assert_eq!(level_of(&framework, &evidence, "community-leadership"), 3);
    let assessment = assess(&framework, &evidence, date(2026, 6, 30));
    let community = &assessment.competencies[0];
    assert!(community.verified);
    assert_eq!(community.evidence, ids(&[2, 3]));
    assert_eq!(assessment.framework_id, "erg-leadership");
    assert_eq!(assessment.framework_version, "2026.1");
}

#[test]
fn a_level_needs_every_lower_level() {
    // Four budgets on plan and a year as treasurer meet level 3 of budget management, but
    // level 2 also asks for the budget-management module, so only level 1 is granted.
    let framework = erg_leadership().unwrap();
    let mut evidence: Vec<Evidence> = (1..=4)
        .map(|n| budget(n, 100_000, 102_000, date(2026, 1, 10)))
        .collect();
    evidence.push(role(5, ErgRole::Treasurer, date(2025, 1, 1), None));
    assert_eq!(level_of(&framework, &evidence, "budget-management"), 1);
    let explanation = explain(
        &framework,
        "budget-management",
        &evidence,
        date(2026, 6, 30),
    )
    .unwrap();
    assert_eq!(explanation.level, 1);
    let met: Vec<(bool, bool)> = explanation
        .levels
        .iter()
        .map(|l| (l.met, l.granted))
        .collect();
    assert_eq!(met, [(true, true), (false, false), (true, false)]);
    assert_eq!(
        explanation.levels[1].missing,
        ["needs module https://lms.example.org/courses/erg-leadership/budget-management completed"]
    );
}

#[test]
fn budget_management_and_developing_others_from_their_evidence() {
    let framework = erg_leadership().unwrap();
    let on_plan = budget(1, 500_000, 480_000, date(2026, 3, 31));
    assert_eq!(level_of(&framework, &[on_plan], "budget-management"), 1);
    let self_approved = claimed(budget(2, 500_000, 500_000, date(2026, 3, 31)));
    assert_eq!(
        level_of(&framework, &[self_approved], "budget-management"),
        0
    );

    let given: Vec<Evidence> = (10..13)
        .map(|n| {
            mentorship(
                n,
                EvidenceKind::MentorshipGiven,
                "public-speaking",
                date(2026, 1, 1),
            )
        })
        .collect();
    assert_eq!(level_of(&framework, &given[..1], "developing-others"), 1);
    assert_eq!(level_of(&framework, &given, "developing-others"), 2);
}

#[test]
fn public_speaking_counts_event_lead_terms_and_speaking_projects() {
    let framework = erg_leadership().unwrap();
    let event_lead = role(
        1,
        ErgRole::EventLead,
        date(2026, 1, 1),
        Some(date(2026, 3, 31)),
    );
    assert_eq!(level_of(&framework, &[event_lead], "public-speaking"), 1);
    let workshop = project(2, "workshop", date(2026, 2, 1));
    assert_eq!(level_of(&framework, &[workshop], "public-speaking"), 0);
    let panel = project(3, "panel", date(2026, 2, 1));
    let town_hall = project(4, "town-hall", date(2026, 4, 1));
    let module = learning(
        5,
        EvidenceKind::ModuleCompleted,
        "https://lms.example.org/courses/erg-leadership/public-speaking",
        date(2026, 1, 15),
    );
    assert_eq!(
        level_of(&framework, &[panel, town_hall, module], "public-speaking"),
        2
    );
}

#[test]
fn the_explanation_says_what_level_three_still_lacks() {
    let framework = erg_leadership().unwrap();
    let evidence = [
        role(1, ErgRole::Chair, date(2025, 9, 1), None),
        claimed(learning(
            2,
            EvidenceKind::CertificationAwarded,
            CERT,
            date(2026, 1, 10),
        )),
        // A budget does not concern community leadership, claimed or not.
        claimed(budget(3, 100, 100, date(2026, 1, 10))),
    ];
    let explanation = explain(
        &framework,
        "community-leadership",
        &evidence,
        date(2026, 6, 30),
    )
    .unwrap();
    assert_eq!(explanation.level, 2);
    assert_eq!(explanation.competency_name, "Community leadership");
    let granted: Vec<bool> = explanation.levels.iter().map(|l| l.granted).collect();
    assert_eq!(granted, [true, true, false]);
    let top = &explanation.levels[2];
    assert_eq!(
        top.rule,
        "all of [held chair for at least 12 months; was awarded certification \
         https://lms.example.org/certifications/erg-leadership]"
    );
    assert_eq!(
        top.missing,
        [
            "needs 2 more months as chair",
            "needs certification https://lms.example.org/certifications/erg-leadership awarded",
        ]
    );
    assert_eq!(top.evidence, ids(&[1]));
    assert_eq!(explanation.claimed.len(), 1);
    assert_eq!(
        explanation.claimed[0].kind,
        EvidenceKind::CertificationAwarded
    );
    assert_eq!(explanation.claimed[0].event_ids, ids(&[2]));
    assert!(
        explain(
            &framework,
            "no-such-competency",
            &evidence,
            date(2026, 6, 30)
        )
        .is_none()
    );
}
