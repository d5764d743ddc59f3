//! Builders for evidence and one-rule frameworks, shared by the integration tests.
//!
//! Event ids are small numbers (`Uuid::from_u128(n)`) so that expected ids read plainly.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: not every test file uses every builder, and a failed expectation \
              is a failed test"
)]

use jiff::civil::Date;
use ladder_competency::{Framework, LevelExplanation, explain};
use ladder_domain::{Attester, Evidence, EvidenceDetail, EvidenceKind};
use proto_events::{Currency, ErgRole};
use uuid::Uuid;

/// The subject of all evidence in the tests.
pub(crate) fn subject() -> Uuid {
    Uuid::from_u128(0xE000)
}

/// Someone other than the subject, who verifies.
pub(crate) fn attester() -> Uuid {
    Uuid::from_u128(0xA000)
}

pub(crate) fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub(crate) fn ids(ns: &[u128]) -> Vec<Uuid> {
    ns.iter().copied().map(id).collect()
}

fn verified(kind: EvidenceKind, event: u128, date: Date, detail: EvidenceDetail) -> Evidence {
    Evidence {
        kind,
        source_event_ids: vec![id(event)],
        attested_by: Attester::Actor(attester()),
        verified: true,
        effective_date: date,
        erg_id: Some(Uuid::from_u128(0xE4C)),
        detail,
    }
}

/// A role term, verified; its event id is `event`.
pub(crate) fn role(event: u128, role: ErgRole, start: Date, end: Option<Date>) -> Evidence {
    let detail = EvidenceDetail::Role {
        role,
        term_start: start,
        term_end: end,
    };
    verified(EvidenceKind::ErgRole, event, start, detail)
}

/// A closed budget in EUR, verified; budget id derived from `event`.
pub(crate) fn budget(event: u128, approved: u64, spent: u64, closed: Date) -> Evidence {
    budget_in(event, "EUR", approved, spent, closed)
}

pub(crate) fn budget_in(
    event: u128,
    currency: &str,
    approved: u64,
    spent: u64,
    closed: Date,
) -> Evidence {
    let detail = EvidenceDetail::Budget {
        budget_id: id(0xB000 + event),
        currency: currency.parse::<Currency>().unwrap(),
        requested_minor: approved,
        approved_minor: approved,
        spent_minor: spent,
    };
    verified(EvidenceKind::BudgetManaged, event, closed, detail)
}

/// A project signed off by its sponsor, verified; project id derived from `event`.
pub(crate) fn project(event: u128, kind: &str, signed_off: Date) -> Evidence {
    let detail = EvidenceDetail::Project {
        project_id: id(0xC000 + event),
        title: format!("project {event}"),
        kind: kind.to_owned(),
        sponsor_id: attester(),
    };
    verified(EvidenceKind::ProjectLed, event, signed_off, detail)
}

/// An LMS record from a trusted issuer, verified.
pub(crate) fn learning(event: u128, kind: EvidenceKind, activity: &str, date: Date) -> Evidence {
    let detail = EvidenceDetail::Learning {
        activity_id: activity.to_owned(),
        statement_id: id(0xD000 + event),
        issuer_trusted: true,
    };
    let mut evidence = verified(kind, event, date, detail);
    evidence.attested_by = Attester::Lms("https://lms.example.org".to_owned());
    evidence
}

/// A completed mentorship, verified by the counterpart; mentorship id derived from `event`.
pub(crate) fn mentorship(event: u128, kind: EvidenceKind, focus: &str, date: Date) -> Evidence {
    let detail = EvidenceDetail::Mentorship {
        mentorship_id: id(0xF000 + event),
        counterpart: attester(),
        focus_competency: focus.to_owned(),
        milestones: 3,
    };
    verified(kind, event, date, detail)
}

/// The same evidence, attested only by its subject: claimed, not verified.
pub(crate) fn claimed(mut evidence: Evidence) -> Evidence {
    evidence.verified = false;
    evidence.attested_by = Attester::Actor(subject());
    evidence
}

/// A framework with one competency `c` whose level 1 has `rule` (the TOML after `rule = `).
pub(crate) fn one_rule(rule: &str) -> Framework {
    let text = format!(
        "id = \"test\"\nversion = \"1\"\nname = \"test\"\n\n[[competency]]\nid = \"c\"\n\
         name = \"C\"\n\n[[competency.level]]\nlevel = 1\nname = \"one\"\nrule = {rule}\n"
    );
    Framework::from_toml(&text).unwrap_or_else(|e| panic!("rule {rule}: {e:?}"))
}

/// Level 1 of [`one_rule`] explained.
pub(crate) fn level_one(rule: &str, evidence: &[Evidence], as_of: Date) -> LevelExplanation {
    let framework = one_rule(rule);
    let explanation = explain(&framework, "c", evidence, as_of).unwrap();
    explanation.levels.into_iter().next().unwrap()
}
