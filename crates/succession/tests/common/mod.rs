//! Builders shared by the planning tests: people with given levels, positions, dates.

#![allow(
    dead_code,
    clippy::expect_used,
    reason = "test helpers: not every test file uses every builder, and a failed expectation \
              is a failed test"
)]

use jiff::civil::Date;
use ladder_projection::records::{FillRecord, NominationRecord, PositionRecord};
use ladder_succession::{Person, Standing, Workforce};
use proto_events::{Criticality, Readiness, Requirement};
use uuid::Uuid;

/// The competencies of the test workforce, in its order.
pub(crate) const COMPETENCIES: [&str; 4] = [
    "delivery",
    "budget-management",
    "public-speaking",
    "strategy",
];

/// `YYYY-MM-DD`.
pub(crate) fn day(text: &str) -> Date {
    text.parse().expect("a valid date")
}

/// The date every test workforce is assessed on.
pub(crate) fn as_of() -> Date {
    day("2026-06-30")
}

/// A distinct, ordered id: `id(1) < id(2)`.
pub(crate) fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// A person with `(competency, level, evidence)` standings; others at 0.
pub(crate) fn person(n: u128, levels: &[(&str, u32, u32)]) -> Person {
    let standings = COMPETENCIES
        .iter()
        .map(|c| {
            levels.iter().find(|(name, _, _)| name == c).map_or_else(
                Standing::default,
                |&(_, level, evidence)| Standing { level, evidence },
            )
        })
        .collect();
    let mut person = Person::new(id(n), standings);
    person.hired_on = Some(day("2020-01-06"));
    person
}

/// The same person, known from evidence only: the HRIS never onboarded them.
pub(crate) fn not_onboarded(mut p: Person) -> Person {
    p.hired_on = None;
    p
}

/// The same person, hired on `first_day`.
pub(crate) fn hired(mut p: Person, first_day: &str) -> Person {
    p.hired_on = Some(day(first_day));
    p
}

/// The same person, departed on `last_day`.
pub(crate) fn departed(mut p: Person, last_day: &str) -> Person {
    p.departed_on = Some(day(last_day));
    p
}

/// A workforce on [`as_of`].
pub(crate) fn workforce(people: Vec<Person>) -> Workforce {
    Workforce::from_people(
        as_of(),
        ("test-framework", "1"),
        COMPETENCIES.iter().map(|c| (*c).to_owned()).collect(),
        people,
    )
}

/// A position defined on 2026-01-01 with `(competency, level)` requirements.
pub(crate) fn position(criticality: Criticality, requirements: &[(&str, u8)]) -> PositionRecord {
    PositionRecord {
        title: "Head of platform".to_owned(),
        criticality,
        requirements: requirements
            .iter()
            .map(|&(competency, level)| Requirement {
                competency: competency.to_owned(),
                level,
            })
            .collect(),
        defined_on: day("2026-01-01"),
        nominations: Vec::new(),
        filled: None,
    }
}

/// A nomination of person `n` on `on`.
pub(crate) fn nomination(n: u128, on: &str, over: Option<Readiness>) -> NominationRecord {
    NominationRecord {
        candidate_id: id(n),
        readiness_override: over,
        reason: over.map(|_| "led the migration programme".to_owned()),
        nominated_on: day(on),
        withdrawn_on: None,
    }
}

/// A fill on `on`: internal by person `n`, or external when `None`.
pub(crate) fn fill(on: &str, employee: Option<u128>, cost: Option<u64>) -> FillRecord {
    FillRecord {
        filled_on: day(on),
        employee_id: employee.map(id),
        cost: cost.map(|minor| proto_events::Money {
            minor,
            currency: "EUR".parse().expect("EUR"),
        }),
    }
}
