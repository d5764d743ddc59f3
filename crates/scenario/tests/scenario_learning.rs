//! The LMS's side of the stream: statements that look like an LMS's, only from linked
//! accounts, covering the ERG Leadership certification and every module the default
//! framework asks for, certifications only after all four modules, voids of earlier
//! records, and ERG participants learning more than everyone else.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Entry, settings, statement_date, text};
use jiff::civil::Date;
use ladder_competency::{ActivityPattern, LearningKind, Rule};
use ladder_scenario::LMS_HOME_PAGE;
use serde_json::Value;
use uuid::Uuid;

const CERTIFICATION: &str = "https://lms.example.org/certifications/erg-leadership";
const MODULES: &str = "https://lms.example.org/courses/erg-leadership/";

/// The exact activity IRIs the default framework's learning rules name, by kind.
fn framework_activities() -> BTreeSet<(String, &'static str)> {
    fn walk(rule: &Rule, found: &mut BTreeSet<(String, &'static str)>) {
        match rule {
            Rule::All(rules) | Rule::Any(rules) => rules.iter().for_each(|r| walk(r, found)),
            Rule::Learning(learning) => {
                let kind = match learning.kind {
                    LearningKind::Module => "module",
                    LearningKind::Certification => "certification",
                    LearningKind::EventAttended => "event",
                };
                for pattern in &learning.activities {
                    if let ActivityPattern::Exact(iri) = pattern {
                        found.insert((iri.clone(), kind));
                    }
                }
            }
            _ => {}
        }
    }
    let framework = ladder_competency::erg_leadership().unwrap();
    let mut found = BTreeSet::new();
    for competency in framework.competencies() {
        for level in competency.levels() {
            walk(level.rule(), &mut found);
        }
    }
    found
}

fn account(statement: &Value) -> &str {
    statement["actor"]["account"]["name"].as_str().unwrap()
}

fn object(statement: &Value) -> &str {
    statement["object"]["id"].as_str().unwrap()
}

fn verb(statement: &Value) -> &str {
    statement["verb"]["id"].as_str().unwrap()
}

#[test]
fn the_demo_covers_every_module_and_the_certification_of_the_framework() {
    let statements = common::statements(&settings(200, 2, 2025));
    let reported: BTreeSet<&str> = statements.iter().map(object).collect();
    let needed = framework_activities();
    assert_eq!(needed.len(), 5, "{needed:?}");
    for (iri, kind) in &needed {
        assert!(
            reported.contains(iri.as_str()),
            "no {kind} statement for {iri}"
        );
    }
}

#[test]
fn statements_come_from_linked_accounts_and_read_like_an_lms() {
    let settings = settings(1_500, 2, 31);
    let bytes = common::jsonl(&settings);
    let mut linked = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut voided = BTreeSet::new();
    let mut statements = 0;
    for entry in common::entries(&bytes) {
        let batch = match entry {
            Entry::Command(line) => {
                if line.command == "link-lms-account" {
                    linked.insert(text(&line, "account_name").to_owned());
                }
                continue;
            }
            Entry::Xapi(batch) => batch.xapi,
        };
        let day = statement_date(&batch[0]);
        for statement in &batch {
            statements += 1;
            assert_eq!(statement_date(statement), day, "a batch is one day's");
            let id: Uuid = statement["id"].as_str().unwrap().parse().unwrap();
            assert_eq!(statement["actor"]["account"]["homePage"], LMS_HOME_PAGE);
            let verb = verb(statement);
            assert!(
                verb.starts_with("http://adlnet.gov/expapi/verbs/")
                    || verb.starts_with("https://w3id.org/xapi/tla/verbs/"),
                "{verb}"
            );
            let timestamp = statement["timestamp"].as_str().unwrap();
            timestamp.parse::<jiff::Timestamp>().unwrap();
            if verb.ends_with("/voided") {
                // The LMS administrator voids an earlier record, once.
                assert_eq!(account(statement), "2");
                let target: Uuid = object(statement).parse().unwrap();
                assert!(seen.contains(&target), "voids {target} before it was sent");
                assert!(voided.insert(target), "voids {target} twice");
            } else {
                assert!(linked.contains(account(statement)), "unlinked account");
                assert!(statement["object"]["definition"]["type"].is_string());
            }
            assert!(seen.insert(id));
        }
    }
    assert!(statements > 3_000, "{statements} statements");
    assert!(
        (5..=statements / 50).contains(&voided.len()),
        "{} voided",
        voided.len()
    );
}

#[test]
fn certifications_follow_all_four_modules() {
    let statements = common::statements(&settings(3_000, 3, 32));
    let mut modules: BTreeMap<&str, BTreeMap<&str, Date>> = BTreeMap::new();
    let mut certified = 0;
    for statement in &statements {
        let (who, what) = (account(statement), object(statement));
        if what.starts_with(MODULES) {
            let first = modules
                .entry(who)
                .or_default()
                .insert(what, statement_date(statement));
            assert!(first.is_none(), "{who} completed {what} twice");
        } else if what == CERTIFICATION {
            certified += 1;
            let done = modules.get(who).map_or(0, |m| {
                m.values()
                    .filter(|d| **d <= statement_date(statement))
                    .count()
            });
            assert_eq!(done, 4, "{who} certified after {done} modules");
            assert_eq!(verb(statement), "https://w3id.org/xapi/tla/verbs/achieved");
        }
    }
    let with_modules = modules.len();
    assert!(certified >= 30, "{certified} certified");
    assert!(
        certified * 2 < with_modules,
        "{certified} of {with_modules}"
    );
}

#[test]
fn erg_participants_learn_more_than_everyone_else() {
    let settings = settings(3_000, 2, 33);
    let lines = common::generated(&settings);
    let statements = common::statements(&settings);
    let employee_of: BTreeMap<&str, &str> = common::named(&lines, "link-lms-account")
        .into_iter()
        .map(|l| (text(l, "account_name"), text(l, "employee_id")))
        .collect();
    // Those who attended a group's meeting are its members.
    let members: BTreeSet<&str> = statements
        .iter()
        .filter(|s| verb(s).ends_with("/attended"))
        .filter_map(|s| employee_of.get(account(s)).copied())
        .collect();
    let mut completions: BTreeMap<&str, usize> = BTreeMap::new();
    for statement in &statements {
        let what = object(statement);
        if what.starts_with("https://lms.example.org/courses/") || what.contains("/paths/") {
            *completions.entry(account(statement)).or_default() += 1;
        }
    }
    let (mut member_total, mut other_total) = (0, 0);
    for (account, employee) in &employee_of {
        let done = completions.get(account).copied().unwrap_or(0);
        if members.contains(employee) {
            member_total += done;
        } else {
            other_total += done;
        }
    }
    let others = employee_of.len() - members.len();
    let member_rate = member_total as f64 / members.len() as f64;
    let other_rate = other_total as f64 / others as f64;
    assert!(members.len() > 500, "{} members", members.len());
    assert!(
        member_rate > 1.5 * other_rate,
        "members {member_rate:.2} against {other_rate:.2} completions a head"
    );
}
