//! The built-in mapping: which statements become which learning facts, and why
//! others do not.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{edited, parse_one, statement_with};
use ladder_xapi::{IgnoreReason, LearningFact, LearningKind, Mapping, Outcome, Statement, map};
use serde_json::{Value, json};
use uuid::Uuid;

const ADL: &str = "http://adlnet.gov/expapi/verbs/";
const CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";

fn statement(value: &Value) -> Statement {
    parse_one(value).unwrap_or_else(|err| panic!("{err}"))
}

fn outcome(value: &Value, mapping: &Mapping) -> Outcome {
    map(&statement(value), mapping)
}

/// The kind of fact, or what came out instead.
fn kind(value: &Value, mapping: &Mapping) -> Result<LearningKind, String> {
    match outcome(value, mapping) {
        Outcome::Learning(LearningFact { kind, .. }) => Ok(kind),
        other => Err(format!("{other:?}")),
    }
}

fn reason(value: &Value, mapping: &Mapping) -> IgnoreReason {
    match outcome(value, mapping) {
        Outcome::Ignored(ignored) => ignored.reason,
        other => panic!("not ignored: {other:?}"),
    }
}

#[test]
fn the_default_mapping_knows_the_common_vocabularies() {
    use LearningKind::{
        CertificationAwarded as Cert, EventAttended as Event, ModuleCompleted as Module,
    };
    let cases: &[(&str, Option<&str>, &[&str], LearningKind)] = &[
        (
            "http://adlnet.gov/expapi/verbs/completed",
            Some("http://adlnet.gov/expapi/activities/course"),
            &[],
            Module,
        ),
        (
            "http://id.tincanapi.com/verb/completed",
            Some("http://id.tincanapi.com/activitytype/lms/module"),
            &[],
            Module,
        ),
        (
            "http://activitystrea.ms/schema/1.0/complete",
            Some("http://adlnet.gov/expapi/activities/lesson"),
            &[],
            Module,
        ),
        (
            "http://adlnet.gov/expapi/verbs/passed",
            Some("http://adlnet.gov/expapi/activities/assessment"),
            &[],
            Module,
        ),
        (
            "http://adlnet.gov/expapi/verbs/mastered",
            Some("http://adlnet.gov/expapi/activities/module"),
            &[],
            Module,
        ),
        (
            "https://w3id.org/xapi/tla/verbs/mastered",
            Some("http://adlnet.gov/expapi/activities/course"),
            &[],
            Module,
        ),
        (
            "https://w3id.org/xapi/adl/verbs/satisfied",
            Some("https://w3id.org/xapi/cmi5/activitytype/block"),
            &[],
            Module,
        ),
        (
            "http://adlnet.gov/expapi/verbs/satisfied",
            Some("https://w3id.org/xapi/cmi5/activitytype/course"),
            &[],
            Module,
        ),
        // A cmi5 assignable unit: ADL verb, no activity type, the cmi5 category.
        (
            "http://adlnet.gov/expapi/verbs/completed",
            None,
            &[CMI5],
            Module,
        ),
        (
            "http://adlnet.gov/expapi/verbs/passed",
            None,
            &[CMI5],
            Module,
        ),
        (
            "https://w3id.org/xapi/tla/verbs/achieved",
            Some("https://w3id.org/xapi/tla/activity-types/badge"),
            &[],
            Cert,
        ),
        (
            "http://id.tincanapi.com/verb/earned",
            Some("http://activitystrea.ms/schema/1.0/badge"),
            &[],
            Cert,
        ),
        (
            "http://specification.openbadges.org/xapi/verbs/earned.json",
            Some("http://activitystrea.ms/schema/1.0/badge"),
            &[],
            Cert,
        ),
        (
            "http://adlnet.gov/expapi/verbs/passed",
            Some("http://id.tincanapi.com/activitytype/certificate"),
            &[],
            Cert,
        ),
        (
            "http://adlnet.gov/expapi/verbs/completed",
            Some("https://w3id.org/xapi/tla/activity-types/credential"),
            &[],
            Cert,
        ),
        ("https://w3id.org/xapi/tla/verbs/certified", None, &[], Cert),
        ("http://adlnet.gov/expapi/verbs/attended", None, &[], Event),
        (
            "http://activitystrea.ms/schema/1.0/attend",
            Some("http://adlnet.gov/expapi/activities/meeting"),
            &[],
            Event,
        ),
        ("https://w3id.org/xapi/tla/verbs/attended", None, &[], Event),
    ];
    let mapping = Mapping::default();
    for (verb, activity_type, categories, expected) in cases {
        let value = statement_with(verb, *activity_type, categories);
        assert_eq!(
            kind(&value, &mapping),
            Ok(*expected),
            "{verb} on {activity_type:?}"
        );
    }
}

#[test]
fn verbs_that_are_not_achievements_are_ignored() {
    let mapping = Mapping::default();
    for verb in [
        "experienced",
        "launched",
        "failed",
        "initialized",
        "progressed",
    ] {
        let value = statement_with(
            &format!("{ADL}{verb}"),
            Some("http://adlnet.gov/expapi/activities/course"),
            &[],
        );
        let reason = reason(&value, &mapping);
        assert_eq!(reason.code(), "unmapped-verb", "{verb}");
        assert_eq!(
            reason.to_string(),
            format!("no mapping rule uses the verb `{ADL}{verb}`")
        );
    }
}

#[test]
fn a_known_verb_on_an_unknown_activity_is_ignored_with_both_named() {
    let mapping = Mapping::default();
    let untyped = statement_with(&format!("{ADL}completed"), None, &[]);
    let reason = reason(&untyped, &mapping);
    assert_eq!(reason.code(), "no-matching-rule");
    assert_eq!(
        reason.to_string(),
        "no mapping rule matches the verb `http://adlnet.gov/expapi/verbs/completed` on activity \
         `https://lms.example.org/course/view.php?id=42` (no activity type given)"
    );
    let video = statement_with(
        &format!("{ADL}completed"),
        Some("https://w3id.org/xapi/video/activity-type/video"),
        &[],
    );
    assert!(
        reason_text(&video).ends_with("of type `https://w3id.org/xapi/video/activity-type/video`")
    );
}

fn reason_text(value: &Value) -> String {
    reason(value, &Mapping::default()).to_string()
}

#[test]
fn a_failed_or_unfinished_attempt_is_not_a_completion() {
    let mapping = Mapping::default();
    let failed = edited(|s| s["result"]["success"] = json!(false));
    assert_eq!(
        reason(&failed, &mapping),
        IgnoreReason::NotSuccessful {
            kind: LearningKind::ModuleCompleted
        }
    );
    assert_eq!(
        reason_text(&failed),
        "result.success is false: a failed attempt does not count as module-completed"
    );
    let unfinished = edited(|s| s["result"]["completion"] = json!(false));
    assert_eq!(
        reason(&unfinished, &mapping),
        IgnoreReason::NotCompleted {
            kind: LearningKind::ModuleCompleted
        }
    );
    let succeeded = edited(|_| {});
    assert_eq!(
        kind(&succeeded, &mapping),
        Ok(LearningKind::ModuleCompleted)
    );
    // Attendance marked as a no-show is not attendance either.
    let present = statement_with(&format!("{ADL}attended"), None, &[]);
    let mut no_show = present.clone();
    no_show["result"] = json!({"completion": false});
    assert_eq!(kind(&present, &mapping), Ok(LearningKind::EventAttended));
    assert_eq!(reason(&no_show, &mapping).code(), "not-completed");
}

#[test]
fn objects_other_than_activities_are_ignored() {
    let mapping = Mapping::default();
    let agent = edited(|s| {
        s["object"] =
            json!({"objectType": "Agent", "account": {"homePage": "https://x", "name": "y"}});
    });
    assert_eq!(
        reason(&agent, &mapping),
        IgnoreReason::NotAnActivity {
            object_type: "Agent"
        }
    );
    let reference = edited(|s| {
        s["object"] =
            json!({"objectType": "StatementRef", "id": "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01"});
    });
    assert_eq!(
        reason(&reference, &mapping).code(),
        "object-not-an-activity"
    );
}

#[test]
fn a_voiding_statement_points_at_its_target() {
    let target = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e09";
    let void = edited(|s| {
        s["verb"] =
            json!({"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}});
        s["object"] = json!({"objectType": "StatementRef", "id": target});
        s["actor"]["account"]["homePage"] = json!("https://lms.example.org/");
    });
    let without_rules = Mapping::from_toml("include_default_rules = false").unwrap();
    for mapping in [Mapping::default(), without_rules] {
        match outcome(&void, &mapping) {
            Outcome::Void(v) => {
                assert_eq!(v.target, Uuid::parse_str(target).unwrap());
                assert_eq!(
                    v.statement_id.to_string(),
                    "6fbd600f-d17c-4c74-801a-2ec2e53231c8"
                );
                assert!(!v.id_derived);
                assert_eq!(v.issuer, "https://lms.example.org");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_fact_carries_what_the_service_needs() {
    let fact = match outcome(&edited(|_| {}), &Mapping::default()) {
        Outcome::Learning(fact) => fact,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        fact.statement_id.to_string(),
        "6fbd600f-d17c-4c74-801a-2ec2e53231c8"
    );
    assert_eq!(fact.rule, "module-completion");
    assert_eq!(fact.issuer, "https://lms.example.org");
    assert_eq!(fact.account.name(), "learner-4711");
    assert_eq!(
        fact.account_key,
        ladder_xapi::account_key("https://lms.example.org", "learner-4711")
    );
    assert_eq!(
        fact.account_id,
        ladder_xapi::account_id("https://lms.example.org", "learner-4711")
    );
    // 23:30 in New York on the 5th is the 6th in UTC; the evidence date is the 5th.
    assert_eq!(
        fact.occurred_at.unwrap().to_string(),
        "2026-03-06T04:30:00Z"
    );
    assert_eq!(fact.occurred_on.unwrap().to_string(), "2026-03-05");
    assert_eq!(
        fact.registration.unwrap().to_string(),
        "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01"
    );
    assert!(
        !format!("{fact:?}").contains("learner-4711"),
        "Debug hides the account name"
    );
}

#[test]
fn without_a_timestamp_the_stored_time_is_used() {
    let exported = edited(|s| {
        s.as_object_mut().unwrap().remove("timestamp");
        s["stored"] = json!("2026-04-01T08:00:00+02:00");
    });
    let Outcome::Learning(fact) = outcome(&exported, &Mapping::default()) else {
        panic!()
    };
    assert_eq!(
        fact.occurred_at.unwrap().to_string(),
        "2026-04-01T06:00:00Z"
    );
    assert_eq!(fact.occurred_on.unwrap().to_string(), "2026-04-01");
}

#[test]
fn the_default_rules_are_in_priority_order() {
    let mapping = Mapping::default();
    let rules: Vec<(&str, LearningKind)> = mapping
        .rules()
        .iter()
        .map(|r| (r.name(), r.kind()))
        .collect();
    assert_eq!(
        rules,
        [
            ("award", LearningKind::CertificationAwarded),
            ("certified", LearningKind::CertificationAwarded),
            ("module-completion", LearningKind::ModuleCompleted),
            ("attendance", LearningKind::EventAttended),
        ]
    );
    assert_eq!(
        Mapping::from_toml("").unwrap(),
        mapping,
        "an empty file is the default"
    );
}

#[test]
fn ingest_maps_each_valid_statement_and_keeps_the_errors() {
    let batch =
        json!([edited(|_| {}), {"verb": {}}, statement_with(&format!("{ADL}launched"), None, &[])]);
    let results =
        ladder_xapi::ingest(&serde_json::to_vec(&batch).unwrap(), &Mapping::default()).unwrap();
    assert!(matches!(&results[0], Ok(Outcome::Learning(_))));
    assert!(matches!(&results[1], Err(e) if e.path == "actor"));
    assert!(matches!(&results[2], Ok(Outcome::Ignored(i)) if i.reason.code() == "unmapped-verb"));
    assert_eq!(
        results[0].as_ref().unwrap().statement_id().to_string(),
        "6fbd600f-d17c-4c74-801a-2ec2e53231c8"
    );
}
