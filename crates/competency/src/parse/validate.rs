//! From the file as written to a [`Framework`] that can be evaluated: every check that names
//! a place (competency id, level, path inside the rule) lives here.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use proto_events::{Currency, ErgRole};

use super::file::{
    BudgetEntry, CompetencyEntry, FrameworkFile, LearningEntry, LevelEntry, MentorshipEntry,
    ProjectEntry, RoleEntry, RuleEntry, SideEntry,
};
use super::text::{forbidden_character, is_valid_id};
use crate::error::{FrameworkError, RuleProblem};
use crate::model::{
    ActivityPattern, BudgetRule, Competency, Framework, LearningKind, LearningRule, Level,
    MentorshipRule, MentorshipSide, ProjectRule, RoleRule, Rule,
};

/// A hundred years: longer tenure rules are typing mistakes.
const MAX_MONTHS: i64 = 1200;
/// More than any one person's record could hold; keeps sums and texts small.
const MAX_COUNT: i64 = 100_000;
/// A budget more than its own amount off plan did not close near plan.
const MAX_PERCENT: i64 = 100;

/// Checks a parsed file and builds the framework from it.
pub(crate) fn framework(file: FrameworkFile) -> Result<Framework, FrameworkError> {
    let FrameworkFile {
        id,
        version,
        name,
        description,
        competencies: entries,
    } = file;
    check_id("framework", &id)?;
    if version.trim().is_empty() {
        return Err(FrameworkError::EmptyField { field: "version" });
    }
    if name.trim().is_empty() {
        return Err(FrameworkError::EmptyField { field: "name" });
    }
    check_text(|| "framework `version`".to_owned(), &version, false)?;
    check_text(|| "framework `name`".to_owned(), &name, false)?;
    if let Some(description) = &description {
        check_text(|| "framework `description`".to_owned(), description, true)?;
    }
    let mut seen = BTreeSet::new();
    let mut competencies = Vec::with_capacity(entries.len());
    for entry in entries {
        let competency = competency(entry)?;
        if !seen.insert(competency.id.clone()) {
            return Err(FrameworkError::DuplicateCompetency { id: competency.id });
        }
        competencies.push(competency);
    }
    check_parents(&competencies)?;
    Ok(Framework {
        id,
        version,
        name,
        description: non_empty(description),
        competencies,
    })
}

fn check_id(what: &'static str, id: &str) -> Result<(), FrameworkError> {
    if !is_valid_id(id) {
        return Err(FrameworkError::InvalidId {
            what,
            id: id.to_owned(),
        });
    }
    Ok(())
}

/// Refuses control, bidirectional and zero-width characters; `at` names the field, built only when there is an error.
fn check_text(
    at: impl FnOnce() -> String,
    text: &str,
    multi_line: bool,
) -> Result<(), FrameworkError> {
    match forbidden_character(text, multi_line) {
        Some(character) if character.is_control() => Err(FrameworkError::ControlCharacter {
            at: at(),
            character,
        }),
        Some(character) => Err(FrameworkError::DisguisingCharacter {
            at: at(),
            character,
        }),
        None => Ok(()),
    }
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

fn competency(entry: CompetencyEntry) -> Result<Competency, FrameworkError> {
    let CompetencyEntry {
        id,
        name,
        description,
        alignment,
        parent,
        levels: level_entries,
    } = entry;
    check_id("competency", &id)?;
    if name.trim().is_empty() {
        return Err(FrameworkError::EmptyName { competency: id });
    }
    check_text(|| format!("competency `{id}` `name`"), &name, false)?;
    if let Some(description) = &description {
        check_text(
            || format!("competency `{id}` `description`"),
            description,
            true,
        )?;
    }
    if let Some(alignment) = &alignment {
        check_text(
            || format!("competency `{id}` `alignment`"),
            alignment,
            false,
        )?;
    }
    if let Some(parent) = &parent {
        check_id("parent", parent)?;
    }
    let found: Vec<i64> = level_entries.iter().map(|l| l.level).collect();
    let contiguous = found
        .iter()
        .zip(1_i64..)
        .all(|(number, expected)| *number == expected);
    if !contiguous {
        return Err(FrameworkError::LevelsNotContiguous {
            competency: id,
            count: found.len(),
            found,
        });
    }
    let mut levels = Vec::with_capacity(level_entries.len());
    for (entry, number) in level_entries.into_iter().zip(1_u32..) {
        levels.push(level(&id, number, entry)?);
    }
    Ok(Competency {
        id,
        name,
        description: non_empty(description),
        alignment: non_empty(alignment),
        parent,
        levels,
    })
}

fn level(competency: &str, number: u32, entry: LevelEntry) -> Result<Level, FrameworkError> {
    if entry.name.trim().is_empty() {
        return Err(FrameworkError::EmptyLevelName {
            competency: competency.to_owned(),
            level: number,
        });
    }
    check_text(
        || format!("competency `{competency}` level {number} `name`"),
        &entry.name,
        false,
    )?;
    let rule = rule(entry.rule, "rule").map_err(|(at, problem)| FrameworkError::InvalidRule {
        competency: competency.to_owned(),
        level: number,
        at,
        problem,
    })?;
    Ok(Level {
        number,
        name: entry.name,
        rule,
    })
}

/// A problem and the path inside the rule where it is, e.g. `rule.all[1].role`.
type Located = (String, RuleProblem);

fn rule(entry: RuleEntry, at: &str) -> Result<Rule, Located> {
    let here = |key: &str| format!("{at}.{key}");
    match entry {
        RuleEntry::All(rules) => combinator("all", rules, at).map(Rule::All),
        RuleEntry::Any(rules) => combinator("any", rules, at).map(Rule::Any),
        RuleEntry::Role(r) => role(r).map(Rule::Role).map_err(|p| (here("role"), p)),
        RuleEntry::Budgets(b) => budgets(b)
            .map(Rule::Budgets)
            .map_err(|p| (here("budgets"), p)),
        RuleEntry::Projects(p) => projects(p)
            .map(Rule::Projects)
            .map_err(|e| (here("projects"), e)),
        RuleEntry::Modules(l) => learning(LearningKind::Module, l)
            .map(Rule::Learning)
            .map_err(|p| (here("modules"), p)),
        RuleEntry::Certifications(l) => learning(LearningKind::Certification, l)
            .map(Rule::Learning)
            .map_err(|p| (here("certifications"), p)),
        RuleEntry::EventsAttended(l) => learning(LearningKind::EventAttended, l)
            .map(Rule::Learning)
            .map_err(|p| (here("events-attended"), p)),
        RuleEntry::Mentorships(m) => mentorships(m)
            .map(Rule::Mentorships)
            .map_err(|p| (here("mentorships"), p)),
    }
}

fn combinator(
    combinator: &'static str,
    entries: Vec<RuleEntry>,
    at: &str,
) -> Result<Vec<Rule>, Located> {
    let here = format!("{at}.{combinator}");
    if entries.is_empty() {
        return Err((here, RuleProblem::EmptyCombinator { combinator }));
    }
    entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| rule(entry, &format!("{here}[{i}]")))
        .collect()
}

fn role(entry: RoleEntry) -> Result<RoleRule, RuleProblem> {
    if entry.roles.is_empty() {
        return Err(RuleProblem::EmptyList { field: "roles" });
    }
    let mut roles = Vec::with_capacity(entry.roles.len());
    for name in entry.roles {
        let role = ErgRole::from_str(&name).map_err(|_| RuleProblem::UnknownRole { role: name })?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    Ok(RoleRule {
        roles,
        months: positive("months", entry.months, MAX_MONTHS)?,
    })
}

fn budgets(entry: BudgetEntry) -> Result<BudgetRule, RuleProblem> {
    let count = match entry.count {
        Some(count) => positive("count", count, MAX_COUNT)?,
        None => 1,
    };
    let within_percent = entry.within_percent;
    if within_percent < 0 {
        return Err(RuleProblem::Negative {
            field: "within-percent",
            value: within_percent,
        });
    }
    let within_percent = bounded("within-percent", within_percent, MAX_PERCENT)?;
    let currency = entry
        .currency
        .map(|code| {
            Currency::from_str(&code).map_err(|_| RuleProblem::InvalidCurrency { currency: code })
        })
        .transpose()?;
    let total_approved_minor = match entry.total_approved_minor {
        Some(total) if total < 0 => {
            return Err(RuleProblem::Negative {
                field: "total-approved-minor",
                value: total,
            });
        }
        Some(0) => {
            return Err(RuleProblem::NotPositive {
                field: "total-approved-minor",
                value: 0,
            });
        }
        Some(total) => Some(total.unsigned_abs()),
        None => None,
    };
    if total_approved_minor.is_some() && currency.is_none() {
        return Err(RuleProblem::TotalWithoutCurrency);
    }
    Ok(BudgetRule {
        count,
        within_percent,
        currency,
        total_approved_minor,
    })
}

fn projects(entry: ProjectEntry) -> Result<ProjectRule, RuleProblem> {
    Ok(ProjectRule {
        count: positive("count", entry.count, MAX_COUNT)?,
        kinds: tokens("kinds", entry.kinds)?,
    })
}

fn learning(kind: LearningKind, entry: LearningEntry) -> Result<LearningRule, RuleProblem> {
    if entry.activities.is_none() && entry.count.is_none() {
        return Err(RuleProblem::NothingToMatch);
    }
    let activities = tokens("activities", entry.activities)?
        .into_iter()
        .map(pattern)
        .collect::<Result<Vec<_>, _>>()?;
    let count = entry
        .count
        .map(|count| positive("count", count, MAX_COUNT))
        .transpose()?;
    Ok(LearningRule {
        kind,
        activities,
        count,
    })
}

fn pattern(text: String) -> Result<ActivityPattern, RuleProblem> {
    match text.find('*') {
        None => Ok(ActivityPattern::Exact(text)),
        Some(at) if at + 1 == text.len() => Ok(ActivityPattern::Prefix(text[..at].to_owned())),
        Some(_) => Err(RuleProblem::MisplacedWildcard { pattern: text }),
    }
}

fn mentorships(entry: MentorshipEntry) -> Result<MentorshipRule, RuleProblem> {
    Ok(MentorshipRule {
        count: positive("count", entry.count, MAX_COUNT)?,
        side: match entry.side {
            None | Some(SideEntry::Mentor) => MentorshipSide::Mentor,
            Some(SideEntry::Mentee) => MentorshipSide::Mentee,
        },
        focus: tokens("focus", entry.focus)?,
    })
}

/// An optional list that, when given, is non-empty and holds no empty strings.
fn tokens(field: &'static str, list: Option<Vec<String>>) -> Result<Vec<String>, RuleProblem> {
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    if list.is_empty() {
        return Err(RuleProblem::EmptyList { field });
    }
    if list.iter().any(|item| item.trim().is_empty()) {
        return Err(RuleProblem::EmptyEntry { field });
    }
    Ok(list)
}

fn positive(field: &'static str, value: i64, max: i64) -> Result<u32, RuleProblem> {
    if value < 1 {
        return Err(RuleProblem::NotPositive { field, value });
    }
    bounded(field, value, max)
}

fn bounded(field: &'static str, value: i64, max: i64) -> Result<u32, RuleProblem> {
    match u32::try_from(value) {
        Ok(n) if value <= max => Ok(n),
        _ => Err(RuleProblem::TooLarge { field, max, value }),
    }
}

fn check_parents(competencies: &[Competency]) -> Result<(), FrameworkError> {
    let parents: BTreeMap<&str, Option<&str>> = competencies
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref()))
        .collect();
    for competency in competencies {
        let Some(parent) = competency.parent.as_deref() else {
            continue;
        };
        if !parents.contains_key(parent) {
            return Err(FrameworkError::UnknownParent {
                competency: competency.id.clone(),
                parent: parent.to_owned(),
            });
        }
    }
    for competency in competencies {
        // A chain longer than the number of competencies must revisit one of them.
        let mut current = competency.parent.as_deref();
        for _ in 0..competencies.len() {
            match current {
                None => break,
                Some(id) if id == competency.id => {
                    return Err(FrameworkError::ParentCycle {
                        competency: competency.id.clone(),
                    });
                }
                Some(id) => current = parents.get(id).copied().flatten(),
            }
        }
    }
    Ok(())
}
