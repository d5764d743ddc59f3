//! The evidence predicates: roles, budgets, projects, learning records, mentorships.
//!
//! Each predicate counts distinct things (a budget, a project, an activity, a mentorship) by
//! their id, so evidence delivered twice is counted once.

use std::collections::BTreeMap;

use jiff::civil::Date;
use ladder_domain::{Evidence, EvidenceDetail, EvidenceKind};
use uuid::Uuid;

use super::eval::{Outcome, Pool};
use super::text;
use crate::model::{BudgetRule, LearningRule, MentorshipRule, ProjectRule, RoleRule, Rule};
use crate::tenure;

/// Whether a piece of evidence is of a kind and shape some predicate of `rule` looks at,
/// regardless of whether it is verified or enough.
pub(crate) fn concerns(rule: &Rule, evidence: &Evidence) -> bool {
    match rule {
        Rule::All(rules) | Rule::Any(rules) => rules.iter().any(|r| concerns(r, evidence)),
        Rule::Role(r) => role_admits(r, evidence),
        Rule::Budgets(b) => budget_admits(b, evidence).is_some(),
        Rule::Projects(p) => project_admits(p, evidence).is_some(),
        Rule::Learning(l) => learning_admits(l, evidence).is_some(),
        Rule::Mentorships(m) => mentorship_admits(m, evidence).is_some(),
    }
}

fn role_admits(rule: &RoleRule, evidence: &Evidence) -> bool {
    matches!(&evidence.detail, EvidenceDetail::Role { role, .. }
        if evidence.kind == EvidenceKind::ErgRole && rule.roles.contains(role))
}

pub(crate) fn role(rule: &RoleRule, pool: &Pool<'_>) -> Outcome {
    let terms: Vec<(Date, Date, &[Uuid])> = pool
        .of_kind(EvidenceKind::ErgRole)
        .filter(|e| role_admits(rule, e))
        .filter_map(|e| {
            let EvidenceDetail::Role {
                term_start,
                term_end,
                ..
            } = &e.detail
            else {
                return None;
            };
            let (first, last) = tenure::counted_days(*term_start, *term_end, pool.as_of)?;
            Some((first, last, e.source_event_ids.as_slice()))
        })
        .collect();
    let stretches = tenure::stretches(terms);
    let reached: Vec<_> = stretches
        .iter()
        .filter(|s| tenure::reaches(s.first, s.last, rule.months))
        .collect();
    if !reached.is_empty() {
        return Outcome {
            met: true,
            evidence: reached
                .iter()
                .flat_map(|s| s.event_ids.iter().copied())
                .collect(),
            missing: Vec::new(),
        };
    }
    let roles = text::roles(&rule.roles);
    // The stretch closest to the tenure; among equals the latest, which may still run on.
    let closest = stretches
        .iter()
        .filter_map(|s| tenure::shortfall(s.first, s.last, rule.months).map(|f| (f, s)))
        .min_by(|(fa, sa), (fb, sb)| fa.cmp(fb).then(sb.first.cmp(&sa.first)));
    match closest {
        Some((shortfall, stretch)) => Outcome {
            met: false,
            evidence: stretch.event_ids.clone(),
            missing: vec![format!("needs {} as {roles}", text::more_time(shortfall))],
        },
        None => Outcome {
            met: false,
            evidence: Default::default(),
            missing: vec![format!("needs {} as {roles}", text::months(rule.months))],
        },
    }
}

/// The budget's id and approved amount when the evidence is a budget the rule looks at.
fn budget_admits(rule: &BudgetRule, evidence: &Evidence) -> Option<(Uuid, u64, u64)> {
    let EvidenceDetail::Budget {
        budget_id,
        currency,
        approved_minor,
        spent_minor,
        ..
    } = &evidence.detail
    else {
        return None;
    };
    let wanted = evidence.kind == EvidenceKind::BudgetManaged
        && rule.currency.is_none_or(|c| c == *currency);
    wanted.then_some((*budget_id, *approved_minor, *spent_minor))
}

/// Whether the spend lies within `percent` percent of the approved amount, either way.
fn within(approved: u64, spent: u64, percent: u32) -> bool {
    u128::from(approved.abs_diff(spent)) * 100 <= u128::from(approved) * u128::from(percent)
}

pub(crate) fn budgets(rule: &BudgetRule, pool: &Pool<'_>) -> Outcome {
    let mut closed_near_plan: BTreeMap<Uuid, (&Evidence, u64)> = BTreeMap::new();
    for evidence in pool.of_kind(EvidenceKind::BudgetManaged) {
        let Some((budget_id, approved, spent)) = budget_admits(rule, evidence) else {
            continue;
        };
        if within(approved, spent, rule.within_percent) {
            closed_near_plan
                .entry(budget_id)
                .or_insert((evidence, approved));
        }
    }
    let scope = text::budget_scope(rule);
    let mut missing = Vec::new();
    let short = shortfall(rule.count, closed_near_plan.len());
    if short > 0 {
        let noun = text::plural(short, "budget", "budgets");
        missing.push(format!("needs {short} more {noun}{scope}"));
    }
    if let (Some(total), Some(currency)) = (rule.total_approved_minor, rule.currency) {
        let approved: u128 = closed_near_plan.values().map(|(_, a)| u128::from(*a)).sum();
        if approved < u128::from(total) {
            let lacking = u128::from(total) - approved;
            missing.push(format!(
                "needs {lacking} more {currency} minor units approved in budgets closed within \
                 {}% of plan",
                rule.within_percent
            ));
        }
    }
    Outcome::from_missing(closed_near_plan.values().map(|(e, _)| *e), missing)
}

fn project_admits(rule: &ProjectRule, evidence: &Evidence) -> Option<Uuid> {
    let EvidenceDetail::Project {
        project_id, kind, ..
    } = &evidence.detail
    else {
        return None;
    };
    let wanted = evidence.kind == EvidenceKind::ProjectLed
        && (rule.kinds.is_empty() || rule.kinds.contains(kind));
    wanted.then_some(*project_id)
}

pub(crate) fn projects(rule: &ProjectRule, pool: &Pool<'_>) -> Outcome {
    let mut led: BTreeMap<Uuid, &Evidence> = BTreeMap::new();
    for evidence in pool.of_kind(EvidenceKind::ProjectLed) {
        if let Some(project_id) = project_admits(rule, evidence) {
            led.entry(project_id).or_insert(evidence);
        }
    }
    let short = shortfall(rule.count, led.len());
    let missing = if short > 0 {
        let noun = text::plural(short, "project", "projects");
        vec![format!(
            "needs {short} more signed-off {noun}{}",
            text::project_kinds(&rule.kinds)
        )]
    } else {
        Vec::new()
    };
    Outcome::from_missing(led.into_values(), missing)
}

/// The activity IRI when the evidence is an LMS record the rule looks at.
fn learning_admits<'e>(rule: &LearningRule, evidence: &'e Evidence) -> Option<&'e str> {
    let EvidenceDetail::Learning { activity_id, .. } = &evidence.detail else {
        return None;
    };
    let wanted = evidence.kind == rule.kind.evidence_kind()
        && (rule.activities.is_empty() || rule.activities.iter().any(|p| p.matches(activity_id)));
    wanted.then_some(activity_id.as_str())
}

pub(crate) fn learning(rule: &LearningRule, pool: &Pool<'_>) -> Outcome {
    let mut done: BTreeMap<&str, Vec<&Evidence>> = BTreeMap::new();
    for evidence in pool.of_kind(rule.kind.evidence_kind()) {
        if let Some(activity) = learning_admits(rule, evidence) {
            done.entry(activity).or_default().push(evidence);
        }
    }
    let missing = match rule.count {
        Some(count) => {
            let short = shortfall(count, done.len());
            if short > 0 {
                vec![text::learning_count_missing(rule, short)]
            } else {
                Vec::new()
            }
        }
        None => rule
            .activities
            .iter()
            .filter(|pattern| !done.keys().any(|activity| pattern.matches(activity)))
            .map(|pattern| text::learning_pattern_missing(rule.kind, pattern))
            .collect(),
    };
    Outcome::from_missing(done.into_values().flatten(), missing)
}

fn mentorship_admits(rule: &MentorshipRule, evidence: &Evidence) -> Option<Uuid> {
    let EvidenceDetail::Mentorship {
        mentorship_id,
        focus_competency,
        ..
    } = &evidence.detail
    else {
        return None;
    };
    let wanted = evidence.kind == rule.side.evidence_kind()
        && (rule.focus.is_empty() || rule.focus.contains(focus_competency));
    wanted.then_some(*mentorship_id)
}

pub(crate) fn mentorships(rule: &MentorshipRule, pool: &Pool<'_>) -> Outcome {
    let mut completed: BTreeMap<Uuid, &Evidence> = BTreeMap::new();
    for evidence in pool.of_kind(rule.side.evidence_kind()) {
        if let Some(mentorship_id) = mentorship_admits(rule, evidence) {
            completed.entry(mentorship_id).or_insert(evidence);
        }
    }
    let short = shortfall(rule.count, completed.len());
    let missing = if short > 0 {
        let noun = text::plural(short, "mentorship", "mentorships");
        vec![format!(
            "needs {short} more {noun}{}",
            text::mentorship_scope(rule)
        )]
    } else {
        Vec::new()
    };
    Outcome::from_missing(completed.into_values(), missing)
}

/// How many more of something are needed: `wanted - have`, or 0.
fn shortfall(wanted: u32, have: usize) -> u64 {
    u64::from(wanted).saturating_sub(u64::try_from(have).unwrap_or(u64::MAX))
}
