//! The JSON answers built from records: the shape publishers and planners see.

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use crate::records::{BudgetRecord, ErgRecord, EvidenceDetail, EvidenceRecord, ProjectRecord};

/// `GET /v1/ergs/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErgView {
    /// The group.
    pub erg_id: Uuid,
    /// Display name.
    pub name: String,
    /// Whether membership is sensitive.
    pub sensitive: bool,
    /// Effective date of the registration.
    pub registered_on: Date,
    /// Every role term, in the order assigned.
    pub roles: Vec<RoleTermView>,
}

/// One role term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleTermView {
    /// Who.
    pub employee_id: Uuid,
    /// Kebab-case role.
    pub role: &'static str,
    /// First day.
    pub term_start: Date,
    /// Last day; absent while the term is open.
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    pub requested_on: Date,
    /// Approver or rejecter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<Uuid>,
    /// Effective date of the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<Date>,
    /// Why it was rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    /// Effective date of the closing.
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    pub started_on: Date,
    /// Who signed it off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_off_by: Option<Uuid>,
    /// Effective date of the sign-off.
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceAnswer {
    /// The employee.
    pub employee_id: Uuid,
    /// Their evidence, in stream order.
    pub evidence: Vec<EvidenceView>,
}

/// One piece of evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceView {
    /// `erg-role`, `budget-managed` or `project-led`.
    pub kind: &'static str,
    /// The events it rests on.
    pub source_event_ids: Vec<Uuid>,
    /// Who attested it.
    pub attested_by: Uuid,
    /// Whether someone other than the employee attested it.
    pub verified: bool,
    /// When it counts from.
    pub effective_date: Date,
    /// The ERG it was earned in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erg_id: Option<Uuid>,
    /// The role, for `erg-role`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    /// Last day of the term, for an ended `erg-role`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_end: Option<Date>,
    /// The budget, for `budget-managed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_id: Option<Uuid>,
    /// Currency of the amounts, for `budget-managed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Approved, minor units, for `budget-managed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_minor: Option<u64>,
    /// Spent, minor units, for `budget-managed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent_minor: Option<u64>,
    /// The project, for `project-led`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Uuid>,
    /// The project's title, for `project-led`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl EvidenceView {
    pub(crate) fn new(r: EvidenceRecord) -> EvidenceView {
        let mut view = EvidenceView {
            kind: r.kind.as_str(),
            source_event_ids: r.source_event_ids,
            attested_by: r.attested_by,
            verified: r.verified,
            effective_date: r.effective_date,
            erg_id: r.erg_id,
            role: None,
            term_end: None,
            budget_id: None,
            currency: None,
            approved_minor: None,
            spent_minor: None,
            project_id: None,
            title: None,
        };
        match r.detail {
            EvidenceDetail::Role { role, term_end, .. } => {
                view.role = Some(role.as_str());
                view.term_end = term_end;
            }
            EvidenceDetail::Budget {
                budget_id,
                currency,
                approved_minor,
                spent_minor,
                ..
            } => {
                view.budget_id = Some(budget_id);
                view.currency = Some(currency.as_str().to_owned());
                view.approved_minor = Some(approved_minor);
                view.spent_minor = Some(spent_minor);
            }
            EvidenceDetail::Project {
                project_id, title, ..
            } => {
                view.project_id = Some(project_id);
                view.title = Some(title);
            }
        }
        view
    }
}
