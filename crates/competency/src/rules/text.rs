//! Rules and shortfalls in words, for explanations.

use proto_events::ErgRole;

use crate::model::{
    ActivityPattern, BudgetRule, LearningKind, LearningRule, MentorshipRule, MentorshipSide, Rule,
};
use crate::tenure::Shortfall;

/// The rule as one readable sentence fragment, e.g. `held chair for at least 12 months`.
pub(crate) fn describe(rule: &Rule) -> String {
    match rule {
        Rule::All(rules) => format!("all of [{}]", list(rules)),
        Rule::Any(rules) => format!("any of [{}]", list(rules)),
        Rule::Role(r) => format!("held {} for at least {}", roles(&r.roles), months(r.months)),
        Rule::Budgets(b) => {
            let noun = plural(u64::from(b.count), "budget", "budgets");
            let total = match (b.total_approved_minor, b.currency) {
                (Some(total), Some(currency)) => {
                    format!(", approved for at least {total} {currency} minor units in total")
                }
                _ => String::new(),
            };
            let currency = b.currency.map(|c| format!(" in {c}")).unwrap_or_default();
            format!(
                "owned {} {noun}{currency} approved by someone other than the owner and closed \
                 within {}% of plan{total}",
                b.count, b.within_percent
            )
        }
        Rule::Projects(p) => format!(
            "led {} {}{} signed off by a sponsor other than the lead",
            p.count,
            plural(u64::from(p.count), "project", "projects"),
            project_kinds(&p.kinds)
        ),
        Rule::Learning(l) => learning(l),
        Rule::Mentorships(m) => format!(
            "completed {} {}{}",
            m.count,
            plural(u64::from(m.count), "mentorship", "mentorships"),
            mentorship_scope(m)
        ),
    }
}

fn list(rules: &[Rule]) -> String {
    rules.iter().map(describe).collect::<Vec<_>>().join("; ")
}

fn learning(rule: &LearningRule) -> String {
    let (one, many, done) = words(rule.kind);
    let verb = match rule.kind {
        LearningKind::Certification => "was awarded",
        LearningKind::Module | LearningKind::EventAttended => done,
    };
    match rule.count {
        Some(count) => format!(
            "{verb} {count} {}{}",
            plural(u64::from(count), one, many),
            matching(&rule.activities)
        ),
        None => {
            let each: Vec<String> = rule
                .activities
                .iter()
                .map(|pattern| match pattern {
                    ActivityPattern::Exact(iri) => format!("{one} {iri}"),
                    ActivityPattern::Prefix(prefix) => format!("a {one} matching {prefix}*"),
                })
                .collect();
            format!("{verb} {}", each.join(" and "))
        }
    }
}

/// Singular noun, plural noun and past participle for an LMS record kind.
fn words(kind: LearningKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        LearningKind::Module => ("module", "modules", "completed"),
        LearningKind::Certification => ("certification", "certifications", "awarded"),
        LearningKind::EventAttended => ("learning event", "learning events", "attended"),
    }
}

fn matching(patterns: &[ActivityPattern]) -> String {
    if patterns.is_empty() {
        return String::new();
    }
    let each: Vec<String> = patterns
        .iter()
        .map(|pattern| match pattern {
            ActivityPattern::Exact(iri) => iri.clone(),
            ActivityPattern::Prefix(prefix) => format!("{prefix}*"),
        })
        .collect();
    format!(" matching {}", alternatives(&each))
}

/// `needs 2 more modules completed matching https://…/*`.
pub(crate) fn learning_count_missing(rule: &LearningRule, short: u64) -> String {
    let (one, many, done) = words(rule.kind);
    format!(
        "needs {short} more {} {done}{}",
        plural(short, one, many),
        matching(&rule.activities)
    )
}

/// `needs certification https://… awarded`, or `needs a module matching https://…/* completed`.
pub(crate) fn learning_pattern_missing(kind: LearningKind, pattern: &ActivityPattern) -> String {
    let (one, _, done) = words(kind);
    match pattern {
        ActivityPattern::Exact(iri) => format!("needs {one} {iri} {done}"),
        ActivityPattern::Prefix(prefix) => format!("needs a {one} matching {prefix}* {done}"),
    }
}

/// ` closed within 10% of plan`, with the currency when the rule names one.
pub(crate) fn budget_scope(rule: &BudgetRule) -> String {
    match rule.currency {
        Some(currency) => format!(
            " in {currency} closed within {}% of plan",
            rule.within_percent
        ),
        None => format!(" closed within {}% of plan", rule.within_percent),
    }
}

/// ` of kind panel or town-hall`, or nothing when any kind counts.
pub(crate) fn project_kinds(kinds: &[String]) -> String {
    if kinds.is_empty() {
        String::new()
    } else {
        format!(" of kind {}", alternatives(kinds))
    }
}

/// ` as mentor, confirmed by the mentee`, with the focus when the rule names one.
pub(crate) fn mentorship_scope(rule: &MentorshipRule) -> String {
    let side = match rule.side {
        MentorshipSide::Mentor => " as mentor, confirmed by the mentee",
        MentorshipSide::Mentee => " as mentee, confirmed by the mentor",
    };
    if rule.focus.is_empty() {
        side.to_owned()
    } else {
        format!("{side}, focused on {}", alternatives(&rule.focus))
    }
}

/// `chair`, `chair or co-chair`, `chair, co-chair or treasurer`.
pub(crate) fn roles(roles: &[ErgRole]) -> String {
    let names: Vec<String> = roles.iter().map(|r| r.as_str().to_owned()).collect();
    alternatives(&names)
}

fn alternatives(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// `1 month`, `12 months`.
pub(crate) fn months(n: u32) -> String {
    format!("{n} {}", plural(u64::from(n), "month", "months"))
}

/// `2 more months`, `1 more month and 3 days`, `5 more days`.
pub(crate) fn more_time(short: Shortfall) -> String {
    let months = plural(u64::try_from(short.months).unwrap_or(0), "month", "months");
    let days = plural(u64::try_from(short.days).unwrap_or(0), "day", "days");
    match (short.months, short.days) {
        (0, d) => format!("{d} more {days}"),
        (m, 0) => format!("{m} more {months}"),
        (m, d) => format!("{m} more {months} and {d} {days}"),
    }
}

pub(crate) fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
