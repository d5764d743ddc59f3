//! Framework files that must be refused, each with an error naming the place.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::error::Error as _;

use ladder_competency::{Framework, FrameworkError, RuleProblem};

const HEAD: &str = "id = \"f\"\nversion = \"1\"\nname = \"F\"\n";

/// A framework with one competency `c` and the given level tables.
fn with_levels(levels: &str) -> String {
    format!("{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\"\n\n{levels}")
}

fn level(n: i64, rule: &str) -> String {
    format!("[[competency.level]]\nlevel = {n}\nname = \"L{n}\"\nrule = {rule}\n\n")
}

const OK_RULE: &str = "{ projects = { count = 1 } }";

fn refuse(text: &str) -> FrameworkError {
    match Framework::from_toml(text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e,
    }
}

/// The rule problem and its path, for a one-level framework with `rule`.
fn rule_problem(rule: &str) -> (String, RuleProblem) {
    match refuse(&with_levels(&level(1, rule))) {
        FrameworkError::InvalidRule {
            competency,
            level,
            at,
            problem,
        } => {
            assert_eq!((competency.as_str(), level), ("c", 1));
            (at, problem)
        }
        other => panic!("expected an invalid rule, got {other:?}"),
    }
}

#[test]
fn a_valid_minimal_framework_is_accepted() {
    let framework = Framework::from_toml(&with_levels(&level(1, OK_RULE))).unwrap();
    assert_eq!((framework.id(), framework.version()), ("f", "1"));
    assert_eq!(framework.competencies()[0].levels()[0].name(), "L1");
}

#[test]
fn duplicate_competency_ids_are_refused() {
    let text = format!(
        "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"A\"\n\n[[competency]]\nid = \"c\"\nname = \"B\"\n"
    );
    let err = refuse(&text);
    assert!(matches!(&err, FrameworkError::DuplicateCompetency { id } if id == "c"));
    assert_eq!(err.to_string(), "competency `c` is declared more than once");
}

#[test]
fn levels_must_be_one_to_n_in_order() {
    for (numbers, found) in [
        (vec![1, 3], vec![1, 3]),
        (vec![0, 1], vec![0, 1]),
        (vec![2, 1], vec![2, 1]),
        (vec![1, 1], vec![1, 1]),
    ] {
        let levels: String = numbers.iter().map(|n| level(*n, OK_RULE)).collect();
        match refuse(&with_levels(&levels)) {
            FrameworkError::LevelsNotContiguous {
                competency,
                count,
                found: got,
            } => {
                assert_eq!((competency.as_str(), count, got), ("c", 2, found));
            }
            other => panic!("expected levels error, got {other:?}"),
        }
    }
    let err = refuse(&with_levels(&(level(1, OK_RULE) + &level(3, OK_RULE))));
    assert_eq!(
        err.to_string(),
        "competency `c`: levels must be numbered 1 to 2 in order, found [1, 3]"
    );
}

#[test]
fn empty_all_and_any_are_refused_with_their_path() {
    assert_eq!(
        rule_problem("{ all = [] }"),
        (
            "rule.all".to_owned(),
            RuleProblem::EmptyCombinator { combinator: "all" }
        )
    );
    assert_eq!(
        rule_problem(r#"{ all = [{ projects = { count = 1 } }, { any = [] }] }"#),
        (
            "rule.all[1].any".to_owned(),
            RuleProblem::EmptyCombinator { combinator: "any" }
        )
    );
}

#[test]
fn unknown_role_names_are_refused() {
    let (at, problem) = rule_problem(r#"{ role = { roles = ["chair", "chiar"], months = 3 } }"#);
    assert_eq!(at, "rule.role");
    assert_eq!(
        problem,
        RuleProblem::UnknownRole {
            role: "chiar".to_owned()
        }
    );
    let err = refuse(&with_levels(
        &(level(1, OK_RULE) + &level(2, r#"{ role = { roles = ["president"], months = 3 } }"#)),
    ));
    assert!(
        err.to_string()
            .starts_with("competency `c` level 2, rule.role: unknown role `president`")
    );
}

#[test]
fn zero_and_negative_counts_are_refused() {
    assert_eq!(
        rule_problem("{ projects = { count = 0 } }").1,
        RuleProblem::NotPositive {
            field: "count",
            value: 0
        }
    );
    assert_eq!(
        rule_problem(r#"{ role = { roles = ["chair"], months = -3 } }"#).1,
        RuleProblem::NotPositive {
            field: "months",
            value: -3
        }
    );
    assert_eq!(
        rule_problem("{ mentorships = { count = -1 } }").1,
        RuleProblem::NotPositive {
            field: "count",
            value: -1
        }
    );
    assert_eq!(
        rule_problem("{ modules = { count = 0 } }").1,
        RuleProblem::NotPositive {
            field: "count",
            value: 0
        }
    );
    assert_eq!(
        rule_problem("{ budgets = { count = 1, within-percent = -5 } }").1,
        RuleProblem::Negative {
            field: "within-percent",
            value: -5
        }
    );
    let err = refuse(&with_levels(&level(
        1,
        "{ any = [{ budgets = { count = 0, within-percent = 10 } }] }",
    )));
    assert_eq!(
        err.to_string(),
        "competency `c` level 1, rule.any[0].budgets: `count` must be at least 1, found 0"
    );
}

#[test]
fn out_of_range_numbers_are_refused() {
    assert_eq!(
        rule_problem(r#"{ role = { roles = ["chair"], months = 5000 } }"#).1,
        RuleProblem::TooLarge {
            field: "months",
            max: 1200,
            value: 5000
        }
    );
    assert_eq!(
        rule_problem("{ budgets = { within-percent = 150 } }").1,
        RuleProblem::TooLarge {
            field: "within-percent",
            max: 100,
            value: 150
        }
    );
}

#[test]
fn malformed_predicates_are_refused() {
    assert_eq!(
        rule_problem("{ modules = {} }").1,
        RuleProblem::NothingToMatch
    );
    assert_eq!(
        rule_problem(r#"{ modules = { activities = ["https://x/*/y"] } }"#).1,
        RuleProblem::MisplacedWildcard {
            pattern: "https://x/*/y".to_owned()
        }
    );
    assert_eq!(
        rule_problem("{ certifications = { activities = [] } }").1,
        RuleProblem::EmptyList {
            field: "activities"
        }
    );
    assert_eq!(
        rule_problem(r#"{ projects = { count = 1, kinds = [""] } }"#).1,
        RuleProblem::EmptyEntry { field: "kinds" }
    );
    assert_eq!(
        rule_problem(r#"{ role = { roles = [], months = 1 } }"#).1,
        RuleProblem::EmptyList { field: "roles" }
    );
    assert_eq!(
        rule_problem("{ budgets = { within-percent = 10, total-approved-minor = 100 } }").1,
        RuleProblem::TotalWithoutCurrency
    );
    assert_eq!(
        rule_problem(r#"{ budgets = { within-percent = 10, currency = "euro" } }"#).1,
        RuleProblem::InvalidCurrency {
            currency: "euro".to_owned()
        }
    );
}

/// The TOML reader's message, which carries the line and the offending key.
fn syntax_message(text: &str) -> String {
    match refuse(text) {
        err @ FrameworkError::Syntax { .. } => err.source().unwrap().to_string(),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn unknown_keys_are_refused_at_every_depth() {
    let top = syntax_message(&format!("{HEAD}owner = \"hr\"\n"));
    assert!(top.contains("owner") && top.contains("line 4"), "{top}");

    let in_competency = syntax_message(&format!(
        "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\"\nweight = 2\n"
    ));
    assert!(
        in_competency.contains("weight") && in_competency.contains("line 8"),
        "{in_competency}"
    );

    let in_level = syntax_message(&with_levels(
        "[[competency.level]]\nlevel = 1\nname = \"L1\"\nnote = \"x\"\nrule = { projects = { count = 1 } }\n",
    ));
    assert!(in_level.contains("note"), "{in_level}");

    let in_predicate = syntax_message(&with_levels(&level(
        1,
        r#"{ role = { roles = ["chair"], months = 3, years = 1 } }"#,
    )));
    assert!(
        in_predicate.contains("years") && in_predicate.contains("line 12"),
        "{in_predicate}"
    );

    let unknown_predicate = syntax_message(&with_levels(&level(
        1,
        "{ budget = { within-percent = 10 } }",
    )));
    assert!(unknown_predicate.contains("budget"), "{unknown_predicate}");

    let two_keys = syntax_message(&with_levels(&level(
        1,
        r#"{ projects = { count = 1 }, role = { roles = ["chair"], months = 3 } }"#,
    )));
    assert!(two_keys.contains("line 12"), "{two_keys}");
}

#[test]
fn framework_fields_and_ids_are_checked() {
    let err = refuse("id = \"f\"\nversion = \" \"\nname = \"F\"\n");
    assert!(matches!(
        err,
        FrameworkError::EmptyField { field: "version" }
    ));
    let err = refuse("id = \"my framework\"\nversion = \"1\"\nname = \"F\"\n");
    assert!(matches!(
        err,
        FrameworkError::InvalidId {
            what: "framework",
            ..
        }
    ));
    let err = refuse(&format!(
        "{HEAD}\n[[competency]]\nid = \"\"\nname = \"C\"\n"
    ));
    assert!(matches!(
        err,
        FrameworkError::InvalidId {
            what: "competency",
            ..
        }
    ));
    let err = refuse(&format!(
        "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"\"\n"
    ));
    assert!(matches!(err, FrameworkError::EmptyName { competency } if competency == "c"));
    let err = refuse(&with_levels(
        "[[competency.level]]\nlevel = 1\nname = \"\"\nrule = { projects = { count = 1 } }\n",
    ));
    assert!(matches!(
        err,
        FrameworkError::EmptyLevelName { level: 1, .. }
    ));
}

#[test]
fn parents_must_exist_and_not_loop() {
    let text = format!("{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\"\nparent = \"p\"\n");
    let err = refuse(&text);
    assert_eq!(
        err.to_string(),
        "competency `c`: parent `p` is not a competency of this framework"
    );

    let text = format!(
        "{HEAD}\n[[competency]]\nid = \"a\"\nname = \"A\"\nparent = \"b\"\n\n\
         [[competency]]\nid = \"b\"\nname = \"B\"\nparent = \"a\"\n"
    );
    assert!(
        matches!(refuse(&text), FrameworkError::ParentCycle { competency } if competency == "a")
    );

    let text = format!(
        "{HEAD}\n[[competency]]\nid = \"root\"\nname = \"R\"\n\n\
         [[competency]]\nid = \"leaf\"\nname = \"L\"\nparent = \"root\"\n"
    );
    let framework = Framework::from_toml(&text).unwrap();
    assert_eq!(framework.competency("leaf").unwrap().parent(), Some("root"));
}

#[test]
fn ids_keep_to_the_id_alphabet() {
    // Tester's report: `framework check` accepted ids such as `../../etc` and `Führung`.
    for id in [
        "../../etc",
        "Führung",
        ".c",
        "a..b",
        "a/b",
        "a:b",
        "c\\u001B",
    ] {
        let text = format!("{HEAD}\n[[competency]]\nid = \"{id}\"\nname = \"C\"\n");
        assert!(
            matches!(
                refuse(&text),
                FrameworkError::InvalidId {
                    what: "competency",
                    ..
                }
            ),
            "{id}"
        );
    }
    let err = refuse("id = \"../f\"\nversion = \"1\"\nname = \"F\"\n");
    assert_eq!(
        err.to_string(),
        "framework id `../f` is not a valid id: ids are made of ASCII letters, digits, `-`, `_` \
         and `.`, not starting with `.` and without `..`"
    );
    let parent = format!("{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\"\nparent = \"../p\"\n");
    assert!(matches!(
        refuse(&parent),
        FrameworkError::InvalidId { what: "parent", .. }
    ));

    let text = "id = \"OECD-CORE\"\nversion = \"1\"\nname = \"F\"\n\n\
                [[competency]]\nid = \"DR-AT_1.v2\"\nname = \"C\"\n";
    let framework = Framework::from_toml(text).unwrap();
    assert_eq!(framework.competencies()[0].id(), "DR-AT_1.v2");
}

#[test]
fn bidi_and_zero_width_characters_in_names_and_descriptions_are_refused() {
    // Tester's report: `framework check` passed a name holding U+202E, which commands refuse.
    let at = |text: &str| match refuse(text) {
        FrameworkError::DisguisingCharacter { at, character } => (at, character),
        other => panic!("expected a disguising character, got {other:?}"),
    };
    let err = refuse("id = \"f\"\nversion = \"1\"\nname = \"gnp\\u202Eexe\"\n");
    assert_eq!(
        err.to_string(),
        "framework `name` holds U+202E, a bidirectional control character, which can disguise \
         text"
    );
    assert_eq!(
        at(&format!(
            "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\"\ndescription = \"a\\u200Db\"\n"
        )),
        ("competency `c` `description`".to_owned(), '\u{200D}')
    );
    assert_eq!(
        at(&format!(
            "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"\\u061CC\"\n"
        )),
        ("competency `c` `name`".to_owned(), '\u{61C}')
    );
    assert_eq!(
        at(&format!(
            "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\\u2029D\"\n"
        )),
        ("competency `c` `name`".to_owned(), '\u{2029}')
    );
    // A description may span lines, with Unicode's separators as with line feeds.
    let text = format!(
        "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\"\ndescription = \"one\\u2028two\"\n"
    );
    assert!(Framework::from_toml(&text).is_ok());
}

#[test]
fn control_characters_in_names_and_descriptions_are_refused() {
    // Tester's report: `framework check` passed names and descriptions with ANSI escapes.
    let at = |text: &str| match refuse(text) {
        FrameworkError::ControlCharacter { at, character } => (at, character),
        other => panic!("expected a control character, got {other:?}"),
    };
    assert_eq!(
        at("id = \"f\"\nversion = \"1\"\nname = \"x\\u0001y\"\n"),
        ("framework `name`".to_owned(), '\u{1}')
    );
    assert_eq!(
        at("id = \"f\"\nversion = \"1\\n\"\nname = \"F\"\n"),
        ("framework `version`".to_owned(), '\n')
    );
    assert_eq!(
        at(&format!(
            "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\"\ndescription = \"d\\u001B[31m\"\n"
        )),
        ("competency `c` `description`".to_owned(), '\u{1b}')
    );
    assert_eq!(
        at(&format!(
            "{HEAD}\n[[competency]]\nid = \"c\"\nname = \"C\\tD\"\n"
        )),
        ("competency `c` `name`".to_owned(), '\t')
    );
    assert_eq!(
        at(&with_levels(
            "[[competency.level]]\nlevel = 1\nname = \"L\\u009B\"\nrule = { projects = { count = 1 } }\n"
        )),
        ("competency `c` level 1 `name`".to_owned(), '\u{9b}')
    );
    let err = refuse(&format!("{HEAD}description = \"\\u007F\"\n"));
    assert_eq!(
        err.to_string(),
        "framework `description` holds the control character U+007F; only descriptions may hold \
         line breaks and tabs"
    );

    // A multi-line description with tabs is ordinary layout.
    let text = format!(
        "{HEAD}description = \"\"\"\nFirst line.\r\n\tSecond line.\n\"\"\"\n\n\
         [[competency]]\nid = \"c\"\nname = \"C\"\ndescription = \"one\\ntwo\"\n"
    );
    let framework = Framework::from_toml(&text).unwrap();
    assert_eq!(framework.competencies()[0].description(), Some("one\ntwo"));
}
