//! Mapping files: the README's example, rule order, and refused files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{edited, parse_one, statement_with};
use ladder_xapi::{
    IgnoreReason, LearningFact, LearningKind, Mapping, MappingError, Outcome, Statement, map,
};
use serde_json::{Value, json};

const ADL: &str = "http://adlnet.gov/expapi/verbs/";

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

/// The first ```toml block of the README.
fn readme_example() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```toml\n")
        .expect("the README has a TOML example")
        + 8;
    let end = start + readme[start..].find("```").expect("the block ends");
    readme[start..end].to_owned()
}

#[test]
fn the_readme_example_mapping_works_as_described() {
    let mapping = Mapping::from_toml(&readme_example()).unwrap();
    let names: Vec<&str> = mapping
        .rules()
        .iter()
        .map(ladder_xapi::Rule::name)
        .collect();
    assert_eq!(
        names,
        [
            "erg-leadership-certification",
            "erg-leadership-modules",
            "mentoring-circles",
            "award",
            "certified",
            "module-completion",
            "attendance"
        ]
    );
    let on = |verb: &str, activity: &str, activity_type: Option<&str>| {
        let mut value = statement_with(verb, activity_type, &[]);
        value["object"]["id"] = json!(activity);
        kind(&value, &mapping)
    };
    let finished = "https://lms.example.org/xapi/verbs/finished";
    assert_eq!(
        on(
            finished,
            "https://lms.example.org/certifications/erg-leadership",
            None
        ),
        Ok(LearningKind::CertificationAwarded)
    );
    assert_eq!(
        on(
            &format!("{ADL}passed"),
            "https://lms.example.org/course/erg-leadership/budgets",
            None
        ),
        Ok(LearningKind::ModuleCompleted)
    );
    assert_eq!(
        on(
            "http://id.tincanapi.com/verb/joined",
            "https://lms.example.org/circle/3",
            Some("http://adlnet.gov/expapi/activities/meeting")
        ),
        Ok(LearningKind::EventAttended)
    );
    // The built-in rules still apply after the file's, and the new verb IRI joined
    // the built-in name `completed` for them too.
    assert_eq!(
        on(
            finished,
            "https://lms.example.org/course/9",
            Some("http://adlnet.gov/expapi/activities/course")
        ),
        Ok(LearningKind::ModuleCompleted)
    );
    // Without the prefix, a completion with no type still matches nothing.
    assert!(on(finished, "https://lms.example.org/other/1", None).is_err());
}

#[test]
fn a_file_can_drop_the_built_in_rules() {
    let mapping = Mapping::from_toml(
        r#"
        include_default_rules = false
        [[rule]]
        name = "only-courses"
        kind = "module-completed"
        verbs = ["completed"]
        activity_ids = ["https://lms.example.org/course/view.php?id=42"]
        "#,
    )
    .unwrap();
    assert_eq!(mapping.rules().len(), 1);
    assert_eq!(mapping.rules()[0].kind(), LearningKind::ModuleCompleted);
    assert_eq!(
        kind(&edited(|_| {}), &mapping),
        Ok(LearningKind::ModuleCompleted)
    );
    let other_course =
        edited(|s| s["object"]["id"] = json!("https://lms.example.org/course/view.php?id=43"));
    assert_eq!(reason(&other_course, &mapping).code(), "no-matching-rule");
    let attended = statement_with(&format!("{ADL}attended"), None, &[]);
    assert_eq!(reason(&attended, &mapping).code(), "unmapped-verb");
}

#[test]
fn the_file_rules_come_before_the_built_in_ones() {
    // Built in, passing an assessment is a module; this file makes it a certification.
    let mapping = Mapping::from_toml(
        r#"
        [[rule]]
        name = "final-exam"
        kind = "certification-awarded"
        verbs = ["passed"]
        activity_types = ["http://adlnet.gov/expapi/activities/assessment"]
        "#,
    )
    .unwrap();
    let exam = statement_with(
        &format!("{ADL}passed"),
        Some("http://adlnet.gov/expapi/activities/assessment"),
        &[],
    );
    assert_eq!(
        kind(&exam, &Mapping::default()),
        Ok(LearningKind::ModuleCompleted)
    );
    assert_eq!(
        kind(&exam, &mapping),
        Ok(LearningKind::CertificationAwarded)
    );
}

#[test]
fn bad_mapping_files_are_refused_with_the_reason() {
    let err = |text: &str| Mapping::from_toml(text).unwrap_err();
    let rule = |body: &str| format!("[[rule]]\nname = \"r\"\n{body}");
    assert!(matches!(
        err("include_default_rules = \"yes\""),
        MappingError::Toml(_)
    ));
    assert!(matches!(
        err("[[rules]]\nname = \"typo\""),
        MappingError::Toml(_)
    ));
    assert!(matches!(
        err(&rule(
            "kind = \"module-completed\"\nverbs = [\"completed\"]\nactivity_type = []"
        )),
        MappingError::Toml(_)
    ));
    assert!(matches!(
        err(&rule("kind = \"badge\"\nverbs = [\"earned\"]")),
        MappingError::UnknownKind { kind, .. } if kind == "badge"
    ));
    let unknown = err(&rule("kind = \"module-completed\"\nverbs = [\"finished\"]"));
    assert_eq!(
        unknown.to_string(),
        "rule `r` names verb `finished`, which is neither a known verb name nor an IRI"
    );
    assert!(matches!(
        err(&rule("kind = \"module-completed\"\nverbs = []")),
        MappingError::RuleWithoutVerbs { .. }
    ));
    let bad_type = err(&rule(
        "kind = \"module-completed\"\nverbs = [\"completed\"]\nactivity_types = [\"course\"]",
    ));
    assert_eq!(
        bad_type.to_string(),
        "`course` in rule r, activity_types is not an absolute IRI"
    );
    assert!(matches!(
        err("[verbs]\ncompleted = [\"finished\"]"),
        MappingError::NotAnIri { place, .. } if place == "verbs.completed"
    ));
    assert!(matches!(
        err(&rule(
            "kind = \"module-completed\"\nverbs = [\"http://bad iri\"]"
        )),
        MappingError::NotAnIri { .. }
    ));
}
