//! Recommendations come from declared interests and the configured table, nothing else.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_projection::records::Onboarding;
use ladder_succession::{PlanningConfig, recommendations};
use uuid::Uuid;

const TABLE: &str = r#"
[interests.veterans]
ergs = [{ erg_id = "00000000-0000-0000-0000-00000000000a", label = "Veterans in Tech" }]
learning_paths = [
  { name = "Veterans in Tech path", activity_id = "https://lms.example.org/paths/veterans" },
  { name = "ERG Leadership", activity_id = "https://lms.example.org/certifications/erg-leadership" },
]

[interests.public-speaking]
learning_paths = [
  { name = "ERG Leadership", activity_id = "https://lms.example.org/certifications/erg-leadership" },
]

[interests.book-club]
"#;

fn onboarding(interests: &[&str]) -> Onboarding {
    Onboarding {
        hire_date: "2026-01-05".parse().unwrap(),
        org_unit: "eng".to_owned(),
        job_level: "L4".to_owned(),
        interests: interests.iter().map(|i| (*i).to_owned()).collect(),
    }
}

#[test]
fn declared_interests_give_ergs_and_paths_once_each_with_their_reasons() {
    let config = PlanningConfig::from_toml(TABLE).unwrap();
    let employee = Uuid::from_u128(1);
    let r = recommendations(
        &config,
        employee,
        &onboarding(&["veterans", "public-speaking", "book-club"]),
    );
    assert_eq!(r.employee_id, employee);
    assert_eq!(r.interests, ["book-club", "public-speaking", "veterans"]);
    assert_eq!(r.ergs.len(), 1);
    assert_eq!(r.ergs[0].erg_id, Uuid::from_u128(10));
    assert_eq!(r.ergs[0].label, "Veterans in Tech");
    assert_eq!(r.ergs[0].because, ["veterans"]);
    let paths: Vec<(&str, Vec<&str>)> = r
        .learning_paths
        .iter()
        .map(|p| {
            (
                p.activity_id.as_str(),
                p.because.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            (
                "https://lms.example.org/certifications/erg-leadership",
                vec!["public-speaking", "veterans"]
            ),
            ("https://lms.example.org/paths/veterans", vec!["veterans"]),
        ]
    );
    assert!(r.unmatched_interests.is_empty());
}

#[test]
fn no_interest_means_no_recommendation() {
    let config = PlanningConfig::from_toml(TABLE).unwrap();
    let r = recommendations(&config, Uuid::from_u128(1), &onboarding(&[]));
    assert!(r.ergs.is_empty());
    assert!(r.learning_paths.is_empty());
}

#[test]
fn interests_the_table_no_longer_lists_are_reported_not_guessed() {
    let config = PlanningConfig::from_toml(TABLE).unwrap();
    let r = recommendations(
        &config,
        Uuid::from_u128(1),
        &onboarding(&["chess", "veterans"]),
    );
    assert_eq!(r.unmatched_interests, ["chess"]);
    assert_eq!(r.ergs.len(), 1);
    let without_table = recommendations(
        &PlanningConfig::default(),
        Uuid::from_u128(1),
        &onboarding(&["veterans"]),
    );
    assert!(without_table.ergs.is_empty());
    assert_eq!(without_table.unmatched_interests, ["veterans"]);
}
