//! The evidence a rule may count, and the combinators `all` and `any`.
//!
//! Only verified evidence effective on or before `as_of` enters the [`Pool`]; claimed evidence
//! never grants anything. Everything a rule returns is a set or a count, so the order in which
//! evidence arrives cannot change a result.

use std::collections::BTreeSet;

use jiff::civil::Date;
use ladder_domain::{Evidence, EvidenceKind};
use uuid::Uuid;

use super::predicates;
use crate::model::Rule;

/// The evidence that counts on `as_of`, ordered by effective date.
#[derive(Debug)]
pub(crate) struct Pool<'a> {
    pub(crate) as_of: Date,
    counted: Vec<&'a Evidence>,
}

impl<'a> Pool<'a> {
    pub(crate) fn new(evidence: &'a [Evidence], as_of: Date) -> Pool<'a> {
        let mut counted: Vec<&Evidence> = evidence
            .iter()
            .filter(|e| e.verified && e.effective_date <= as_of)
            .collect();
        counted.sort_by(|a, b| {
            (a.effective_date, a.kind, &a.source_event_ids).cmp(&(
                b.effective_date,
                b.kind,
                &b.source_event_ids,
            ))
        });
        Pool { as_of, counted }
    }

    /// Counted evidence of one kind, earliest first.
    pub(crate) fn of_kind(&self, kind: EvidenceKind) -> impl Iterator<Item = &'a Evidence> + '_ {
        self.counted.iter().copied().filter(move |e| e.kind == kind)
    }
}

/// Whether a rule holds, the events that count towards it, and what it still lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) met: bool,
    /// For a met rule, the events that meet it; otherwise those that count towards it so far.
    pub(crate) evidence: BTreeSet<Uuid>,
    /// Empty when met.
    pub(crate) missing: Vec<String>,
}

impl Outcome {
    /// An outcome that is met exactly when nothing is missing.
    pub(crate) fn from_missing<'e>(
        counted: impl IntoIterator<Item = &'e Evidence>,
        missing: Vec<String>,
    ) -> Outcome {
        Outcome {
            met: missing.is_empty(),
            evidence: event_ids(counted),
            missing,
        }
    }
}

/// The source events of some evidence.
pub(crate) fn event_ids<'e>(evidence: impl IntoIterator<Item = &'e Evidence>) -> BTreeSet<Uuid> {
    evidence
        .into_iter()
        .flat_map(|e| e.source_event_ids.iter().copied())
        .collect()
}

/// Evaluates a rule on the pool.
pub(crate) fn evaluate(rule: &Rule, pool: &Pool<'_>) -> Outcome {
    match rule {
        Rule::All(rules) => all(rules.iter().map(|r| evaluate(r, pool)).collect()),
        Rule::Any(rules) => any(rules.iter().map(|r| evaluate(r, pool)).collect()),
        Rule::Role(r) => predicates::role(r, pool),
        Rule::Budgets(b) => predicates::budgets(b, pool),
        Rule::Projects(p) => predicates::projects(p, pool),
        Rule::Learning(l) => predicates::learning(l, pool),
        Rule::Mentorships(m) => predicates::mentorships(m, pool),
    }
}

fn all(outcomes: Vec<Outcome>) -> Outcome {
    let met = outcomes.iter().all(|o| o.met);
    let mut evidence = BTreeSet::new();
    let mut missing = Vec::new();
    for outcome in outcomes {
        evidence.extend(outcome.evidence);
        missing.extend(outcome.missing);
    }
    Outcome {
        met,
        evidence,
        missing,
    }
}

fn any(outcomes: Vec<Outcome>) -> Outcome {
    if outcomes.iter().any(|o| o.met) {
        let evidence = outcomes
            .into_iter()
            .filter(|o| o.met)
            .flat_map(|o| o.evidence)
            .collect();
        return Outcome {
            met: true,
            evidence,
            missing: Vec::new(),
        };
    }
    let missing = if let [only] = outcomes.as_slice() {
        only.missing.clone()
    } else {
        let choices: Vec<String> = outcomes.iter().map(|o| o.missing.join(" and ")).collect();
        vec![format!("one of: {}", choices.join("; or "))]
    };
    Outcome {
        met: false,
        evidence: outcomes.into_iter().flat_map(|o| o.evidence).collect(),
        missing,
    }
}
