//! A validated competency framework: competencies, their levels, and the rule for each level.
//!
//! A [`Framework`] exists only after validation ([`Framework::from_toml`] or the Moodle
//! import), so every rule in it can be evaluated without further checks.

use ladder_domain::EvidenceKind;
use proto_events::{Currency, ErgRole};

/// A competency framework: which competencies exist and how evidence grants their levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) competencies: Vec<Competency>,
}

impl Framework {
    /// The stable id, e.g. `erg-leadership`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The version string; an assessment names the id and version it used.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the framework is for, if said.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The competencies in file order, which is the order of every assessment.
    pub fn competencies(&self) -> &[Competency] {
        &self.competencies
    }

    /// The competency with this id.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }
}

/// One competency and its levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Competency {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) alignment: Option<String>,
    pub(crate) parent: Option<String>,
    pub(crate) levels: Vec<Level>,
}

impl Competency {
    /// The stable id, e.g. `budget-management`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Plain-text description, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The code of the same competency in an external framework, e.g. `OECD-CORE:teamwork`.
    pub fn alignment(&self) -> Option<&str> {
        self.alignment.as_deref()
    }

    /// The id of the competency this one belongs under, if the framework is a tree.
    pub fn parent(&self) -> Option<&str> {
        self.parent.as_deref()
    }

    /// Levels 1..n in order; empty for a competency that only structures the tree.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }
}

/// One level of a competency and the rule that grants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub(crate) number: u32,
    pub(crate) name: String,
    pub(crate) rule: Rule,
}

impl Level {
    /// The level number, from 1.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The display name, e.g. `Practising`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rule that grants it.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

/// A rule over verified evidence: predicates combined with all/any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Every rule holds.
    All(Vec<Rule>),
    /// At least one rule holds.
    Any(Vec<Rule>),
    /// Held one of some ERG roles for a continuous stretch.
    Role(RoleRule),
    /// Owned budgets that closed near plan.
    Budgets(BudgetRule),
    /// Led projects to a sponsor's sign-off.
    Projects(ProjectRule),
    /// LMS records: modules, certifications or events attended.
    Learning(LearningRule),
    /// Completed mentorships.
    Mentorships(MentorshipRule),
}

/// Held one of `roles` for at least `months` calendar months without a gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRule {
    /// The roles that count; terms in any of them join into one stretch.
    pub roles: Vec<ErgRole>,
    /// Calendar months of continuous tenure, from 1.
    pub months: u32,
}

/// Owned at least `count` budgets that closed within `within_percent` of the approved plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetRule {
    /// Distinct budgets needed, from 1.
    pub count: u32,
    /// Largest allowed distance of the spend from the approved amount, in percent of it.
    pub within_percent: u32,
    /// Only budgets in this currency count, when given.
    pub currency: Option<Currency>,
    /// Least sum of the approved amounts of the counted budgets, in minor units of `currency`.
    pub total_approved_minor: Option<u64>,
}

/// Led at least `count` projects signed off by a sponsor who is not the lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRule {
    /// Distinct projects needed, from 1.
    pub count: u32,
    /// Only projects of these kinds count; empty means any kind.
    pub kinds: Vec<String>,
}

/// Records from the LMS of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearningRule {
    /// Which records count.
    pub kind: LearningKind,
    /// Activities that count; empty means any.
    pub activities: Vec<ActivityPattern>,
    /// With a count: at least this many distinct matching activities. Without one: every
    /// pattern matched by at least one activity.
    pub count: Option<u32>,
}

/// The kinds of LMS record a learning rule can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearningKind {
    /// `modules`: modules completed.
    Module,
    /// `certifications`: certifications awarded.
    Certification,
    /// `events-attended`: learning events attended.
    EventAttended,
}

impl LearningKind {
    /// The evidence kind these records arrive as.
    pub fn evidence_kind(self) -> EvidenceKind {
        match self {
            LearningKind::Module => EvidenceKind::ModuleCompleted,
            LearningKind::Certification => EvidenceKind::CertificationAwarded,
            LearningKind::EventAttended => EvidenceKind::EventAttended,
        }
    }
}

/// An activity IRI, or a prefix of one when written with a trailing `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityPattern {
    /// This IRI exactly.
    Exact(String),
    /// Any IRI that starts with this text.
    Prefix(String),
}

impl ActivityPattern {
    /// Whether an activity IRI matches.
    pub fn matches(&self, activity_id: &str) -> bool {
        match self {
            ActivityPattern::Exact(iri) => activity_id == iri,
            ActivityPattern::Prefix(prefix) => activity_id.starts_with(prefix.as_str()),
        }
    }
}

/// Completed at least `count` mentorships on one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorshipRule {
    /// Distinct mentorships needed, from 1.
    pub count: u32,
    /// Which side the employee was on.
    pub side: MentorshipSide,
    /// Only mentorships focused on these competencies count; empty means any focus.
    pub focus: Vec<String>,
}

/// The side of a mentorship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentorshipSide {
    /// Gave the mentorship; verified by the mentee's confirmation.
    Mentor,
    /// Received it.
    Mentee,
}

impl MentorshipSide {
    /// The evidence kind for this side.
    pub fn evidence_kind(self) -> EvidenceKind {
        match self {
            MentorshipSide::Mentor => EvidenceKind::MentorshipGiven,
            MentorshipSide::Mentee => EvidenceKind::MentorshipReceived,
        }
    }
}
