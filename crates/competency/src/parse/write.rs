//! From a [`Framework`] back to the file shape, so an imported framework can be saved and
//! read again as an ordinary framework file.

use super::file::{
    BudgetEntry, CompetencyEntry, FrameworkFile, LearningEntry, LevelEntry, MentorshipEntry,
    ProjectEntry, RoleEntry, RuleEntry, SideEntry,
};
use crate::model::{
    ActivityPattern, Competency, Framework, LearningKind, LearningRule, MentorshipSide, Rule,
};

pub(crate) fn framework_file(framework: &Framework) -> FrameworkFile {
    FrameworkFile {
        id: framework.id.clone(),
        version: framework.version.clone(),
        name: framework.name.clone(),
        description: framework.description.clone(),
        competencies: framework.competencies.iter().map(competency).collect(),
    }
}

fn competency(competency: &Competency) -> CompetencyEntry {
    CompetencyEntry {
        id: competency.id.clone(),
        name: competency.name.clone(),
        description: competency.description.clone(),
        alignment: competency.alignment.clone(),
        parent: competency.parent.clone(),
        levels: competency
            .levels
            .iter()
            .map(|level| LevelEntry {
                level: i64::from(level.number),
                name: level.name.clone(),
                rule: rule(&level.rule),
            })
            .collect(),
    }
}

fn rule(rule: &Rule) -> RuleEntry {
    match rule {
        Rule::All(rules) => RuleEntry::All(rules.iter().map(self::rule).collect()),
        Rule::Any(rules) => RuleEntry::Any(rules.iter().map(self::rule).collect()),
        Rule::Role(r) => RuleEntry::Role(RoleEntry {
            roles: r
                .roles
                .iter()
                .map(|role| role.as_str().to_owned())
                .collect(),
            months: i64::from(r.months),
        }),
        Rule::Budgets(b) => RuleEntry::Budgets(BudgetEntry {
            count: Some(i64::from(b.count)),
            within_percent: i64::from(b.within_percent),
            currency: b.currency.map(|c| c.as_str().to_owned()),
            total_approved_minor: b
                .total_approved_minor
                .map(|total| i64::try_from(total).unwrap_or(i64::MAX)),
        }),
        Rule::Projects(p) => RuleEntry::Projects(ProjectEntry {
            count: i64::from(p.count),
            kinds: list(&p.kinds),
        }),
        Rule::Learning(l) => learning(l),
        Rule::Mentorships(m) => RuleEntry::Mentorships(MentorshipEntry {
            count: i64::from(m.count),
            side: Some(match m.side {
                MentorshipSide::Mentor => SideEntry::Mentor,
                MentorshipSide::Mentee => SideEntry::Mentee,
            }),
            focus: list(&m.focus),
        }),
    }
}

fn learning(rule: &LearningRule) -> RuleEntry {
    let patterns: Vec<String> = rule
        .activities
        .iter()
        .map(|pattern| match pattern {
            ActivityPattern::Exact(iri) => iri.clone(),
            ActivityPattern::Prefix(prefix) => format!("{prefix}*"),
        })
        .collect();
    let entry = LearningEntry {
        activities: list(&patterns),
        count: rule.count.map(i64::from),
    };
    match rule.kind {
        LearningKind::Module => RuleEntry::Modules(entry),
        LearningKind::Certification => RuleEntry::Certifications(entry),
        LearningKind::EventAttended => RuleEntry::EventsAttended(entry),
    }
}

fn list(items: &[String]) -> Option<Vec<String>> {
    (!items.is_empty()).then(|| items.to_vec())
}
