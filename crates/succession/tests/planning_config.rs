//! The planning file: defaults, the shipped example, and every way a file can be refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_succession::{PlanningConfig, PlanningError, ReadinessThresholds};

const EXAMPLE: &str = include_str!("../planning.example.toml");

#[test]
fn an_empty_file_gives_the_defaults() {
    let config = PlanningConfig::from_toml("").unwrap();
    assert_eq!(config, PlanningConfig::default());
    assert_eq!(config.readiness, ReadinessThresholds::default());
    assert_eq!(config.readiness.ready_soon_max_gaps, 1);
    assert_eq!(config.readiness.ready_soon_max_shortfall, 1);
    assert_eq!(config.metrics.min_group_size, 5);
    assert_eq!(config.metrics.currency.as_str(), "EUR");
    assert_eq!(config.interest_ids(), None, "no table: interests unchecked");
}

#[test]
fn the_shipped_example_parses_with_its_interest_table() {
    let config = PlanningConfig::from_toml(EXAMPLE).unwrap();
    assert_eq!(
        config.interest_ids(),
        Some(vec![
            "public-speaking".to_owned(),
            "veterans".to_owned(),
            "women-in-leadership".to_owned()
        ])
    );
    let veterans = config.interest("veterans").unwrap();
    assert_eq!(veterans.label.as_deref(), Some("Veterans"));
    assert_eq!(veterans.ergs[0].label, "Veterans in Tech");
    assert_eq!(
        veterans.learning_paths[0].activity_id,
        "https://lms.example.org/paths/veterans-in-tech"
    );
    assert!(config.interest("public-speaking").unwrap().ergs.is_empty());
}

#[test]
fn an_empty_interest_table_accepts_no_interest() {
    let config = PlanningConfig::from_toml("[interests]\n").unwrap();
    assert_eq!(config.interest_ids(), Some(vec![]));
}

#[test]
fn thresholds_and_metrics_are_read() {
    let config = PlanningConfig::from_toml(
        "[readiness]\nready_soon_max_gaps = 2\nready_soon_max_shortfall = 3\n\
         [metrics]\nmin_group_size = 10\ncurrency = \"USD\"\n",
    )
    .unwrap();
    assert_eq!(config.readiness.ready_soon_max_gaps, 2);
    assert_eq!(config.readiness.ready_soon_max_shortfall, 3);
    assert_eq!(config.metrics.min_group_size, 10);
    assert_eq!(config.metrics.currency.as_str(), "USD");
}

fn refused(text: &str) -> PlanningError {
    PlanningConfig::from_toml(text).expect_err("the file is refused")
}

#[test]
fn unknown_keys_are_refused_with_their_place() {
    let err = refused("[readiness]\nready_soon_max_gap = 2\n");
    assert!(matches!(err, PlanningError::Syntax { .. }));
    let source = std::error::Error::source(&err).unwrap().to_string();
    assert!(source.contains("ready_soon_max_gap"), "{source}");
    assert!(matches!(
        refused("[interests.veterans]\nergs = [{ id = \"x\", label = \"y\" }]\n"),
        PlanningError::Syntax { .. }
    ));
}

#[test]
fn a_group_size_below_five_is_refused() {
    let err = refused("[metrics]\nmin_group_size = 4\n");
    assert!(matches!(
        err,
        PlanningError::GroupSizeBelowFloor { size: 4, floor: 5 }
    ));
}

#[test]
fn thresholds_no_candidate_can_meet_are_refused() {
    assert!(matches!(
        refused("[readiness]\nready_soon_max_gaps = 2\nready_soon_max_shortfall = 1\n"),
        PlanningError::UnreachableThreshold {
            gaps: 2,
            shortfall: 1
        }
    ));
    assert!(matches!(
        refused("[readiness]\nready_soon_max_gaps = 21\nready_soon_max_shortfall = 30\n"),
        PlanningError::ThresholdTooLarge { .. }
    ));
}

#[test]
fn interests_onboarding_could_not_accept_are_refused() {
    for id in ["Veterans", "veterans_", "-veterans", "vet--erans"] {
        let err = refused(&format!("[interests.\"{id}\"]\n"));
        assert!(
            matches!(&err, PlanningError::InvalidInterestId { id: got } if got == id),
            "{id}: {err}"
        );
    }
}

#[test]
fn bad_suggestions_are_refused() {
    let err = refused(
        "[interests.veterans]\nlearning_paths = [{ name = \"x\", activity_id = \"not an iri\" }]\n",
    );
    assert!(
        matches!(err, PlanningError::InvalidActivity { .. }),
        "{err}"
    );
    let err = refused(
        "[interests.veterans]\nergs = [{ erg_id = \"0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e01\", \
         label = \"  \" }]\n",
    );
    assert!(
        matches!(&err, PlanningError::InvalidText { field, .. } if field == "ergs[0].label"),
        "{err}"
    );
    assert!(matches!(
        refused("[interests.veterans]\nergs = [{ erg_id = \"nope\", label = \"Vets\" }]\n"),
        PlanningError::Syntax { .. }
    ));
}

#[test]
fn a_bad_currency_is_refused() {
    assert!(matches!(
        refused("[metrics]\ncurrency = \"euro\"\n"),
        PlanningError::InvalidCurrency { .. }
    ));
}

#[test]
fn erg_activities_map_activities_to_ergs_by_the_longest_prefix() {
    let config = PlanningConfig::from_toml(
        r#"
[[erg_activities]]
erg_id = "0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e01"
activity_prefix = "https://lms.example.org/events/"

[[erg_activities]]
erg_id = "0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e02"
activity_prefix = " https://lms.example.org/events/pride/ "
"#,
    )
    .unwrap();
    let erg = |activity: &str| config.erg_of_activity(activity).map(|id| id.to_string());
    assert_eq!(
        erg("https://lms.example.org/events/pride/2025-q1").as_deref(),
        Some("0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e02"),
        "the more specific prefix wins, whatever the order of the file"
    );
    assert_eq!(
        erg("https://lms.example.org/events/book-club/2025-q1").as_deref(),
        Some("0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e01")
    );
    assert_eq!(erg("https://lms.example.org/courses/budgeting"), None);
    assert!(
        PlanningConfig::default()
            .erg_of_activity("https://lms.example.org/events/x")
            .is_none()
    );
}

#[test]
fn erg_activity_prefixes_must_be_absolute_urls_with_a_host() {
    for prefix in [
        "",
        "events/pride/",
        "not an iri",
        "https:/",
        "urn:x:",
        "https://a.b/\\u0007",
    ] {
        let text = format!(
            "[[erg_activities]]\nerg_id = \"0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e01\"\n\
             activity_prefix = \"{prefix}\"\n"
        );
        let err = refused(&text);
        assert!(
            matches!(err, PlanningError::InvalidActivityPrefix { index: 0, .. }),
            "{prefix:?}: {err:?}"
        );
        assert!(err.to_string().contains("erg_activities[0]"), "{err}");
    }
    let err =
        refused("[[erg_activities]]\nerg_id = \"nope\"\nactivity_prefix = \"https://a.b/\"\n");
    assert!(matches!(err, PlanningError::Syntax { .. }), "{err:?}");
}

#[test]
fn erg_activities_match_every_spelling_and_refuse_a_family_claimed_twice() {
    let config = PlanningConfig::from_toml(
        r#"
[[erg_activities]]
erg_id = "0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e02"
activity_prefix = "https://lms.example.org/events/pride-alliance/"
"#,
    )
    .unwrap();
    // The tester's spellings of one of the group's events, all of which escaped a plain
    // prefix match.
    for activity in [
        "HTTPS://LMS.EXAMPLE.ORG/events/pride-alliance/2026-q4",
        "https://lms.example.org:443/events/pride-alliance/2026-q4",
        "https://lms.example.org/events/pride-alliance",
        "https://lms.example.org//events/pride-alliance/2026-q4",
        "https://lms.example.org/events/pride%2Dalliance/2026-q4",
        "https://lms.example.org/events/x/../pride-alliance/2026-q4",
    ] {
        assert!(config.erg_of_activity(activity).is_some(), "{activity}");
    }
    assert!(
        config
            .erg_of_activity("https://lms.example.org/events/pride-alliance-fans/2026-q4")
            .is_none()
    );

    let twice = r#"
[[erg_activities]]
erg_id = "0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e02"
activity_prefix = "https://lms.example.org/events/pride-alliance/"

[[erg_activities]]
erg_id = "0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e01"
activity_prefix = "HTTPS://lms.example.org:443/events/pride-alliance/"
"#;
    let err = refused(twice);
    assert!(
        matches!(
            err,
            PlanningError::DuplicateActivityPrefix {
                first: 0,
                index: 1,
                ..
            }
        ),
        "{err:?}"
    );
    let nil = "[[erg_activities]]\nerg_id = \"00000000-0000-0000-0000-000000000000\"\n\
               activity_prefix = \"https://a.example/\"\n";
    assert!(matches!(refused(nil), PlanningError::NilErg { index: 0 }));
    let long = format!(
        "[[erg_activities]]\nerg_id = \"0190a5c2-7d41-7c3e-9f10-5a1b2c3d4e01\"\n\
         activity_prefix = \"https://a.example/{}\"\n",
        "x".repeat(2000)
    );
    let message = refused(&long).to_string();
    assert!(message.len() < 400, "the prefix is shortened: {message}");
}
