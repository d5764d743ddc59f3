//! The JSON answers built from records: the shape publishers and planners see.

use jiff::civil::Date;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::records::{
    Attester, BudgetRecord, ErgRecord, Evidence, EvidenceDetail, MentorshipRecord, ProjectRecord,
};

/// `GET /v1/ergs/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErgView {
    /// The group.
    pub erg_id: Uuid,
    /// Display name.
    pub name: String,
    /// Whether membership is sensitive.
    pub sensitive: bool,
    /// Effective date of the registration.
    #[schema(value_type = String, format = Date)]
    pub registered_on: Date,
    /// Every role term, in the order assigned.
    pub roles: Vec<RoleTermView>,
}

/// One role term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RoleTermView {
    /// Who.
    pub employee_id: Uuid,
    /// Kebab-case role.
    pub role: &'static str,
    /// First day.
    #[schema(value_type = String, format = Date)]
    pub term_start: Date,
    /// Last day; absent while the term is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub term_end: Option<Date>,
    /// Who assigned it.
    pub assigned_by: Uuid,
    /// The assignment and, once ended, the ending event.
    pub event_ids: Vec<Uuid>,
}

impl ErgView {
    pub(crate) fn new(erg_id: Uuid, r: ErgRecord) -> ErgView {
        ErgView {
            erg_id,
            name: r.name,
            sensitive: r.sensitive,
            registered_on: r.registered_on,
            roles: r
                .terms
                .into_iter()
                .map(|t| RoleTermView {
                    employee_id: t.employee_id,
                    role: t.role.as_str(),
                    term_start: t.term_start,
                    term_end: t.term_end,
                    assigned_by: t.assigned_by,
                    event_ids: std::iter::once(t.assigned_event)
                        .chain(t.ended_event)
                        .collect(),
                })
                .collect(),
        }
    }
}

/// `GET /v1/budgets/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct BudgetView {
    /// The budget.
    pub budget_id: Uuid,
    /// The ERG it is for.
    pub erg_id: Uuid,
    /// Who is accountable.
    pub owner_id: Uuid,
    /// `requested`, `approved`, `rejected` or `closed`.
    pub status: &'static str,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// Requested, minor units.
    pub requested_minor: u64,
    /// Approved, minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_minor: Option<u64>,
    /// Spent, minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent_minor: Option<u64>,
    /// What it is for.
    pub purpose: String,
    /// Effective date of the request.
    #[schema(value_type = String, format = Date)]
    pub requested_on: Date,
    /// Approver or rejecter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<Uuid>,
    /// Effective date of the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub decided_on: Option<Date>,
    /// Why it was rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    /// Effective date of the closing.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub closed_on: Option<Date>,
    /// Every event of the budget.
    pub event_ids: Vec<Uuid>,
}

impl BudgetView {
    pub(crate) fn new(budget_id: Uuid, r: BudgetRecord) -> BudgetView {
        BudgetView {
            budget_id,
            erg_id: r.erg_id,
            owner_id: r.owner_id,
            status: r.status.as_str(),
            currency: r.currency.as_str().to_owned(),
            requested_minor: r.requested_minor,
            approved_minor: r.approved_minor,
            spent_minor: r.spent_minor,
            purpose: r.purpose,
            requested_on: r.requested_on,
            decided_by: r.decided_by,
            decided_on: r.decided_on,
            rejection_reason: r.rejection_reason,
            closed_on: r.closed_on,
            event_ids: r.event_ids,
        }
    }
}

/// `GET /v1/projects/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProjectView {
    /// The project.
    pub project_id: Uuid,
    /// Title.
    pub title: String,
    /// Kind token.
    pub kind: String,
    /// `started` or `completed`.
    pub status: &'static str,
    /// Who leads.
    pub lead_id: Uuid,
    /// Who sponsors.
    pub sponsor_id: Uuid,
    /// The ERG it runs for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erg_id: Option<Uuid>,
    /// Effective date of the start.
    #[schema(value_type = String, format = Date)]
    pub started_on: Date,
    /// Who signed it off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_off_by: Option<Uuid>,
    /// Effective date of the sign-off.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub completed_on: Option<Date>,
    /// What it achieved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Every event of the project.
    pub event_ids: Vec<Uuid>,
}

impl ProjectView {
    pub(crate) fn new(project_id: Uuid, r: ProjectRecord) -> ProjectView {
        ProjectView {
            project_id,
            status: if r.completed_on.is_some() {
                "completed"
            } else {
                "started"
            },
            title: r.title,
            kind: r.kind,
            lead_id: r.lead_id,
            sponsor_id: r.sponsor_id,
            erg_id: r.erg_id,
            started_on: r.started_on,
            signed_off_by: r.signed_off_by,
            completed_on: r.completed_on,
            outcome: r.outcome,
            event_ids: r.event_ids,
        }
    }
}

/// `GET /v1/employees/{id}/evidence`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct EvidenceAnswer {
    /// The employee.
    pub employee_id: Uuid,
    /// Their evidence, in stream order.
    pub evidence: Vec<EvidenceView>,
}

/// One piece of evidence. The fields after `erg_id` depend on the kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct EvidenceView {
    /// e.g. `erg-role`, `budget-managed`, `project-led`, `module-completed`.
    pub kind: &'static str,
    /// The events it rests on.
    pub source_event_ids: Vec<Uuid>,
    /// Who attested it: a person's id, or `lms:<home page>` for a learning platform.
    pub attested_by: String,
    /// Whether someone other than the employee attested it.
    pub verified: bool,
    /// When it counts from.
    #[schema(value_type = String, format = Date)]
    pub effective_date: Date,
    /// The ERG it was earned in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erg_id: Option<Uuid>,
    /// Present instead of `erg_id` when the caller may not see which ERG it is: a
    /// sensitive ERG, and the employee has not consented to show it. Always
    /// `an employee network` ([`WITHHELD_ERG`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "an employee network")]
    pub erg: Option<&'static str>,
    /// Kind-specific facts.
    #[serde(flatten)]
    pub detail: DetailView,
}

/// Kind-specific facts of a piece of evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum DetailView {
    /// An ERG role term.
    Role {
        /// The role.
        role: &'static str,
        /// Last day of the term, once ended.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[schema(value_type = Option<String>, format = Date)]
        term_end: Option<Date>,
    },
    /// A budget.
    Budget {
        /// The budget.
        budget_id: Uuid,
        /// Currency of the amounts.
        currency: String,
        /// Approved, minor units.
        approved_minor: u64,
        /// Spent, minor units.
        spent_minor: u64,
    },
    /// A project.
    Project {
        /// The project.
        project_id: Uuid,
        /// Its title.
        title: String,
        /// Its kind.
        project_kind: String,
    },
    /// A learning record.
    Learning {
        /// The activity.
        activity_id: String,
        /// The statement that reported it.
        statement_id: Uuid,
    },
    /// A mentorship.
    Mentorship {
        /// The mentorship.
        mentorship_id: Uuid,
        /// The other person.
        counterpart: Uuid,
        /// The competency it focused on.
        focus_competency: String,
    },
}

impl EvidenceView {
    pub(crate) fn new(r: Evidence) -> EvidenceView {
        let detail = match r.detail {
            EvidenceDetail::Role { role, term_end, .. } => DetailView::Role {
                role: role.as_str(),
                term_end,
            },
            EvidenceDetail::Budget {
                budget_id,
                currency,
                approved_minor,
                spent_minor,
                ..
            } => DetailView::Budget {
                budget_id,
                currency: currency.as_str().to_owned(),
                approved_minor,
                spent_minor,
            },
            EvidenceDetail::Project {
                project_id,
                title,
                kind,
                ..
            } => DetailView::Project {
                project_id,
                title,
                project_kind: kind,
            },
            EvidenceDetail::Learning {
                activity_id,
                statement_id,
                ..
            } => DetailView::Learning {
                activity_id,
                statement_id,
            },
            EvidenceDetail::Mentorship {
                mentorship_id,
                counterpart,
                focus_competency,
                ..
            } => DetailView::Mentorship {
                mentorship_id,
                counterpart,
                focus_competency,
            },
        };
        EvidenceView {
            kind: r.kind.as_str(),
            source_event_ids: r.source_event_ids,
            attested_by: attester(&r.attested_by),
            verified: r.verified,
            effective_date: r.effective_date,
            erg_id: r.erg_id,
            erg: None,
            detail,
        }
    }
}

/// What a caller who may not see a sensitive ERG reads in its place.
pub const WITHHELD_ERG: &str = "an employee network";

/// How an attester is shown: a person's id, or `lms:<home page>`.
pub fn attester(attester: &Attester) -> String {
    match attester {
        Attester::Actor(id) => id.to_string(),
        Attester::Lms(home_page) => format!("lms:{home_page}"),
    }
}

/// `GET /v1/mentorships/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MentorshipView {
    /// The mentorship.
    pub mentorship_id: Uuid,
    /// The mentor.
    pub mentor_id: Uuid,
    /// The mentee.
    pub mentee_id: Uuid,
    /// The competency it focuses on.
    pub focus_competency: String,
    /// `running` or `completed`.
    pub status: &'static str,
    /// Effective date of the start.
    #[schema(value_type = String, format = Date)]
    pub started_on: Date,
    /// Milestones in order.
    pub milestones: Vec<MilestoneView>,
    /// Effective date of the mentee's confirmation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub completed_on: Option<Date>,
    /// Every event of the mentorship.
    pub event_ids: Vec<Uuid>,
}

/// One milestone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MilestoneView {
    /// Effective date.
    #[schema(value_type = String, format = Date)]
    pub date: Date,
    /// What was reached.
    pub summary: String,
}

impl MentorshipView {
    pub(crate) fn new(mentorship_id: Uuid, r: MentorshipRecord) -> MentorshipView {
        MentorshipView {
            mentorship_id,
            mentor_id: r.mentor_id,
            mentee_id: r.mentee_id,
            focus_competency: r.focus_competency,
            status: if r.completed_on.is_some() {
                "completed"
            } else {
                "running"
            },
            started_on: r.started_on,
            milestones: r
                .milestones
                .into_iter()
                .map(|(date, summary)| MilestoneView { date, summary })
                .collect(),
            completed_on: r.completed_on,
            event_ids: r.event_ids,
        }
    }
}
