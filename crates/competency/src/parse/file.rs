//! The framework file as written: TOML shapes that reject unknown keys.
//!
//! Numbers are read as `i64` so that a zero or negative count reaches validation, which names
//! the competency and level, instead of failing inside the TOML reader with a type error.

use serde::{Deserialize, Serialize};

/// A framework file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct FrameworkFile {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    #[serde(default, rename = "competency", skip_serializing_if = "Vec::is_empty")]
    pub(crate) competencies: Vec<CompetencyEntry>,
}

/// One `[[competency]]` table.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CompetencyEntry {
    pub(crate) id: String,
    pub(crate) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) alignment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) parent: Option<String>,
    #[serde(default, rename = "level", skip_serializing_if = "Vec::is_empty")]
    pub(crate) levels: Vec<LevelEntry>,
}

/// One `[[competency.level]]` table.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct LevelEntry {
    pub(crate) level: i64,
    pub(crate) name: String,
    pub(crate) rule: RuleEntry,
}

/// A rule: a table with exactly one key, the combinator or predicate.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RuleEntry {
    All(Vec<RuleEntry>),
    Any(Vec<RuleEntry>),
    Role(RoleEntry),
    Budgets(BudgetEntry),
    Projects(ProjectEntry),
    Modules(LearningEntry),
    Certifications(LearningEntry),
    EventsAttended(LearningEntry),
    Mentorships(MentorshipEntry),
}

/// `role = { roles = [..], months = N }`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RoleEntry {
    pub(crate) roles: Vec<String>,
    pub(crate) months: i64,
}

/// `budgets = { count = N, within-percent = P, currency = "EUR", total-approved-minor = M }`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BudgetEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) count: Option<i64>,
    pub(crate) within_percent: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) total_approved_minor: Option<i64>,
}

/// `projects = { count = N, kinds = [..] }`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ProjectEntry {
    pub(crate) count: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) kinds: Option<Vec<String>>,
}

/// `modules`, `certifications` or `events-attended` = `{ activities = [..], count = N }`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct LearningEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) activities: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) count: Option<i64>,
}

/// `mentorships = { count = N, as = "mentor", focus = [..] }`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct MentorshipEntry {
    pub(crate) count: i64,
    #[serde(default, rename = "as", skip_serializing_if = "Option::is_none")]
    pub(crate) side: Option<SideEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) focus: Option<Vec<String>>,
}

/// `as = "mentor"` or `as = "mentee"`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SideEntry {
    Mentor,
    Mentee,
}
