//! A table of rule cases: evidence + rule + `as_of` → met, what is missing, the events counted.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use common::{budget, budget_in, claimed, ids, learning, level_one, mentorship, project, role};
use jiff::civil::{Date, date};
use ladder_domain::{Evidence, EvidenceKind};
use proto_events::ErgRole;

struct Case {
    name: &'static str,
    rule: &'static str,
    evidence: Vec<Evidence>,
    as_of: Date,
    met: bool,
    missing: &'static [&'static str],
    /// Events reported for the rule: those meeting it, or counted towards it so far.
    counted: &'static [u128],
}

const CERT: &str = "https://lms.example.org/certifications/erg-leadership";
const COURSE: &str = "https://lms.example.org/courses/erg-leadership/";

fn cases() -> Vec<Case> {
    let chair = |n, s, e| role(n, ErgRole::Chair, s, e);
    let module = |n, path: &str| {
        learning(
            n,
            EvidenceKind::ModuleCompleted,
            &format!("{COURSE}{path}"),
            date(2026, 2, 1),
        )
    };
    vec![
        Case {
            name: "open chair term past twelve months",
            rule: r#"{ role = { roles = ["chair"], months = 12 } }"#,
            evidence: vec![chair(1, date(2025, 1, 1), None)],
            as_of: date(2026, 1, 1),
            met: true,
            missing: &[],
            counted: &[1],
        },
        Case {
            name: "open chair term two months short",
            rule: r#"{ role = { roles = ["chair"], months = 12 } }"#,
            evidence: vec![chair(1, date(2025, 3, 1), None)],
            as_of: date(2025, 12, 31),
            met: false,
            missing: &["needs 2 more months as chair"],
            counted: &[1],
        },
        Case {
            name: "no term at all",
            rule: r#"{ role = { roles = ["chair"], months = 12 } }"#,
            evidence: vec![],
            as_of: date(2026, 1, 1),
            met: false,
            missing: &["needs 12 months as chair"],
            counted: &[],
        },
        Case {
            name: "a role the rule does not list is ignored",
            rule: r#"{ role = { roles = ["chair"], months = 1 } }"#,
            evidence: vec![role(1, ErgRole::Treasurer, date(2024, 1, 1), None)],
            as_of: date(2026, 1, 1),
            met: false,
            missing: &["needs 1 month as chair"],
            counted: &[],
        },
        Case {
            name: "co-chair then chair with no day between join into one stretch",
            rule: r#"{ role = { roles = ["chair", "co-chair"], months = 12 } }"#,
            evidence: vec![
                role(
                    1,
                    ErgRole::CoChair,
                    date(2025, 1, 1),
                    Some(date(2025, 6, 30)),
                ),
                chair(2, date(2025, 7, 1), None),
            ],
            as_of: date(2025, 12, 31),
            met: true,
            missing: &[],
            counted: &[1, 2],
        },
        Case {
            name: "a gap between terms starts the count again",
            rule: r#"{ role = { roles = ["chair"], months = 12 } }"#,
            evidence: vec![
                chair(1, date(2025, 1, 1), Some(date(2025, 5, 31))),
                chair(2, date(2025, 7, 1), None),
            ],
            as_of: date(2026, 1, 15),
            met: false,
            missing: &["needs 5 more months and 15 days as chair"],
            counted: &[2],
        },
        Case {
            name: "a term ending after as_of counts only up to as_of",
            rule: r#"{ role = { roles = ["chair"], months = 6 } }"#,
            evidence: vec![chair(1, date(2026, 1, 1), Some(date(2026, 12, 31)))],
            as_of: date(2026, 5, 31),
            met: false,
            missing: &["needs 1 more month as chair"],
            counted: &[1],
        },
        Case {
            name: "a term starting after as_of does not count",
            rule: r#"{ role = { roles = ["chair"], months = 1 } }"#,
            evidence: vec![chair(1, date(2026, 6, 1), None)],
            as_of: date(2026, 5, 31),
            met: false,
            missing: &["needs 1 month as chair"],
            counted: &[],
        },
        Case {
            name: "a self-assigned chair term is claimed and never counts",
            rule: r#"{ role = { roles = ["chair"], months = 12 } }"#,
            evidence: vec![claimed(chair(1, date(2020, 1, 1), None))],
            as_of: date(2026, 1, 1),
            met: false,
            missing: &["needs 12 months as chair"],
            counted: &[],
        },
        Case {
            name: "budget overspent by 9% is within 10%",
            rule: "{ budgets = { count = 1, within-percent = 10 } }",
            evidence: vec![budget(1, 100_000, 109_000, date(2026, 3, 1))],
            as_of: date(2026, 3, 1),
            met: true,
            missing: &[],
            counted: &[1],
        },
        Case {
            name: "budget underspent by exactly 10% is within 10%",
            rule: "{ budgets = { count = 1, within-percent = 10 } }",
            evidence: vec![budget(1, 100_000, 90_000, date(2026, 3, 1))],
            as_of: date(2026, 3, 1),
            met: true,
            missing: &[],
            counted: &[1],
        },
        Case {
            name: "budget overspent by 11% is not within 10%",
            rule: "{ budgets = { count = 1, within-percent = 10 } }",
            evidence: vec![budget(1, 100_000, 111_000, date(2026, 3, 1))],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &["needs 1 more budget closed within 10% of plan"],
            counted: &[],
        },
        Case {
            name: "the same budget delivered twice counts once",
            rule: "{ budgets = { count = 2, within-percent = 10 } }",
            evidence: vec![
                budget(1, 100_000, 100_000, date(2026, 3, 1)),
                budget(1, 100_000, 100_000, date(2026, 3, 1)),
            ],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &["needs 1 more budget closed within 10% of plan"],
            counted: &[1],
        },
        Case {
            name: "a budget closed after as_of does not count",
            rule: "{ budgets = { count = 1, within-percent = 10 } }",
            evidence: vec![budget(1, 100_000, 100_000, date(2026, 3, 2))],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &["needs 1 more budget closed within 10% of plan"],
            counted: &[],
        },
        Case {
            name: "a total adds only budgets in the rule's currency",
            rule: r#"{ budgets = { within-percent = 10, currency = "EUR", total-approved-minor = 500000 } }"#,
            evidence: vec![
                budget_in(1, "EUR", 300_000, 300_000, date(2026, 3, 1)),
                budget_in(2, "USD", 300_000, 300_000, date(2026, 3, 1)),
            ],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &[
                "needs 200000 more EUR minor units approved in budgets closed within 10% of plan",
            ],
            counted: &[1],
        },
        Case {
            name: "projects of the listed kinds only",
            rule: r#"{ projects = { count = 2, kinds = ["panel", "town-hall"] } }"#,
            evidence: vec![
                project(1, "panel", date(2026, 2, 1)),
                project(2, "workshop", date(2026, 2, 2)),
            ],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &["needs 1 more signed-off project of kind panel or town-hall"],
            counted: &[1],
        },
        Case {
            name: "a project of any kind",
            rule: "{ projects = { count = 1 } }",
            evidence: vec![project(1, "workshop", date(2026, 2, 2))],
            as_of: date(2026, 3, 1),
            met: true,
            missing: &[],
            counted: &[1],
        },
        Case {
            name: "a project the lead signed off is claimed",
            rule: "{ projects = { count = 1 } }",
            evidence: vec![claimed(project(1, "workshop", date(2026, 2, 2)))],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &["needs 1 more signed-off project"],
            counted: &[],
        },
        Case {
            name: "modules under a prefix, counted",
            rule: r#"{ modules = { activities = ["https://lms.example.org/courses/erg-leadership/*"], count = 3 } }"#,
            evidence: vec![
                module(1, "budget-management"),
                module(2, "public-speaking"),
                learning(
                    3,
                    EvidenceKind::ModuleCompleted,
                    "https://lms.example.org/courses/excel/1",
                    date(2026, 2, 1),
                ),
            ],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &[
                "needs 1 more module completed matching https://lms.example.org/courses/erg-leadership/*",
            ],
            counted: &[1, 2],
        },
        Case {
            name: "the same module completed twice counts once",
            rule: "{ modules = { count = 2 } }",
            evidence: vec![module(1, "public-speaking"), module(2, "public-speaking")],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &["needs 1 more module completed"],
            counted: &[1, 2],
        },
        Case {
            name: "a listed certification not yet awarded",
            rule: r#"{ certifications = { activities = ["https://lms.example.org/certifications/erg-leadership"] } }"#,
            evidence: vec![module(1, "public-speaking")],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &[
                "needs certification https://lms.example.org/certifications/erg-leadership awarded",
            ],
            counted: &[],
        },
        Case {
            name: "a listed certification awarded",
            rule: r#"{ certifications = { activities = ["https://lms.example.org/certifications/erg-leadership"] } }"#,
            evidence: vec![learning(
                1,
                EvidenceKind::CertificationAwarded,
                CERT,
                date(2026, 2, 1),
            )],
            as_of: date(2026, 3, 1),
            met: true,
            missing: &[],
            counted: &[1],
        },
        Case {
            name: "a certification from an untrusted issuer is claimed",
            rule: r#"{ certifications = { activities = ["https://lms.example.org/certifications/erg-leadership"] } }"#,
            evidence: vec![claimed(learning(
                1,
                EvidenceKind::CertificationAwarded,
                CERT,
                date(2026, 2, 1),
            ))],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &[
                "needs certification https://lms.example.org/certifications/erg-leadership awarded",
            ],
            counted: &[],
        },
        Case {
            name: "every listed pattern needs a match",
            rule: r#"{ modules = { activities = ["https://lms.example.org/courses/erg-leadership/public-speaking", "https://lms.example.org/courses/negotiation/*"] } }"#,
            evidence: vec![module(1, "public-speaking")],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &[
                "needs a module matching https://lms.example.org/courses/negotiation/* completed",
            ],
            counted: &[1],
        },
        Case {
            name: "events attended",
            rule: "{ events-attended = { count = 2 } }",
            evidence: vec![
                learning(
                    1,
                    EvidenceKind::EventAttended,
                    "https://lms.example.org/events/a",
                    date(2026, 1, 10),
                ),
                learning(
                    2,
                    EvidenceKind::EventAttended,
                    "https://lms.example.org/events/b",
                    date(2026, 1, 20),
                ),
            ],
            as_of: date(2026, 3, 1),
            met: true,
            missing: &[],
            counted: &[1, 2],
        },
        Case {
            name: "mentorships given, one short",
            rule: "{ mentorships = { count = 2 } }",
            evidence: vec![
                mentorship(
                    1,
                    EvidenceKind::MentorshipGiven,
                    "public-speaking",
                    date(2026, 1, 10),
                ),
                mentorship(
                    2,
                    EvidenceKind::MentorshipReceived,
                    "public-speaking",
                    date(2026, 1, 10),
                ),
            ],
            as_of: date(2026, 3, 1),
            met: false,
            missing: &["needs 1 more mentorship as mentor, confirmed by the mentee"],
            counted: &[1],
        },
        Case {
            name: "mentorship received with a focus",
            rule: r#"{ mentorships = { count = 1, as = "mentee", focus = ["budget-management"] } }"#,
            evidence: vec![
                mentorship(
                    1,
                    EvidenceKind::MentorshipReceived,
                    "public-speaking",
                    date(2026, 1, 10),
                ),
                mentorship(
                    2,
                    EvidenceKind::MentorshipReceived,
                    "budget-management",
                    date(2026, 1, 11),
                ),
            ],
            as_of: date(2026, 3, 1),
            met: true,
            missing: &[],
            counted: &[2],
        },
        Case {
            name: "all: lists what every unmet part lacks",
            rule: r#"{ all = [{ role = { roles = ["chair"], months = 12 } }, { certifications = { activities = ["https://lms.example.org/certifications/erg-leadership"] } }, { projects = { count = 1 } }] }"#,
            evidence: vec![
                chair(1, date(2025, 3, 1), None),
                project(2, "panel", date(2025, 6, 1)),
            ],
            as_of: date(2025, 12, 31),
            met: false,
            missing: &[
                "needs 2 more months as chair",
                "needs certification https://lms.example.org/certifications/erg-leadership awarded",
            ],
            counted: &[1, 2],
        },
        Case {
            name: "any: one branch met is enough and only it is reported",
            rule: r#"{ any = [{ role = { roles = ["event-lead"], months = 3 } }, { projects = { count = 1, kinds = ["panel"] } }] }"#,
            evidence: vec![
                role(1, ErgRole::EventLead, date(2026, 1, 1), None),
                project(2, "panel", date(2026, 1, 20)),
            ],
            as_of: date(2026, 2, 1),
            met: true,
            missing: &[],
            counted: &[2],
        },
        Case {
            name: "any: none met names the choices",
            rule: r#"{ any = [{ role = { roles = ["event-lead"], months = 3 } }, { projects = { count = 1, kinds = ["panel"] } }] }"#,
            evidence: vec![],
            as_of: date(2026, 2, 1),
            met: false,
            missing: &[
                "one of: needs 3 months as event-lead; or needs 1 more signed-off project of kind panel",
            ],
            counted: &[],
        },
    ]
}

#[test]
fn rule_cases_give_the_expected_result() {
    let cases = cases();
    assert!(cases.len() >= 25, "the table lost cases");
    let mut failures = Vec::new();
    for case in cases {
        let level = level_one(case.rule, &case.evidence, case.as_of);
        let expected: Vec<String> = case.missing.iter().map(|m| (*m).to_owned()).collect();
        if level.met != case.met || level.missing != expected || level.evidence != ids(case.counted)
        {
            failures.push(format!(
                "{}: met {} missing {:?} evidence {:?}",
                case.name, level.met, level.missing, level.evidence
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "failed cases:\n{}",
        failures.join("\n")
    );
}

#[test]
fn rules_read_as_text() {
    let framework_rule = |rule| level_one(rule, &[], date(2026, 1, 1)).rule;
    assert_eq!(
        framework_rule(r#"{ role = { roles = ["chair", "co-chair", "treasurer"], months = 6 } }"#),
        "held chair, co-chair or treasurer for at least 6 months"
    );
    assert_eq!(
        framework_rule("{ budgets = { count = 2, within-percent = 10 } }"),
        "owned 2 budgets approved by someone other than the owner and closed within 10% of plan"
    );
    assert_eq!(
        framework_rule(
            r#"{ all = [{ projects = { count = 1, kinds = ["panel"] } }, { modules = { count = 3, activities = ["https://lms.example.org/courses/erg-leadership/*"] } }] }"#
        ),
        "all of [led 1 project of kind panel signed off by a sponsor other than the lead; \
         completed 3 modules matching https://lms.example.org/courses/erg-leadership/*]"
    );
    assert_eq!(
        framework_rule(
            r#"{ certifications = { activities = ["https://lms.example.org/certifications/erg-leadership"] } }"#
        ),
        "was awarded certification https://lms.example.org/certifications/erg-leadership"
    );
    assert_eq!(
        framework_rule("{ mentorships = { count = 1 } }"),
        "completed 1 mentorship as mentor, confirmed by the mentee"
    );
}
