//! ERG role terms, budgets and projects, and the evidence they produce.

use proto_events::Event;
use uuid::Uuid;

use super::{At, ModelTables, missing};
use crate::error::ProjectionError;
use crate::records::{
    Attester, BudgetRecord, BudgetStatus, ErgRecord, Evidence, EvidenceDetail, EvidenceKind,
    ProjectRecord, TermRecord,
};
use crate::tables::{get, put};

impl ModelTables<'_> {
    pub(super) fn apply_role(&mut self, erg_id: Uuid, at: &At<'_>) -> Result<(), ProjectionError> {
        let Some(mut erg) = get::<ErgRecord>(&self.ergs, "ergs", erg_id)? else {
            missing("ERG", erg_id, at);
            return Ok(());
        };
        match &at.record.event {
            Event::ErgRoleAssigned(e) => {
                let key = (at.seq, at.index);
                erg.terms.push(TermRecord {
                    employee_id: e.employee_id,
                    role: e.role,
                    term_start: e.term_start,
                    term_end: None,
                    assigned_by: at.actor,
                    assigned_event: at.record.event_id,
                    ended_event: None,
                    evidence_key: key,
                });
                let evidence = Evidence {
                    kind: EvidenceKind::ErgRole,
                    source_event_ids: vec![at.record.event_id],
                    attested_by: Attester::Actor(at.actor),
                    verified: at.actor != e.employee_id,
                    effective_date: e.term_start,
                    erg_id: Some(erg_id),
                    detail: EvidenceDetail::Role {
                        role: e.role,
                        term_start: e.term_start,
                        term_end: None,
                    },
                };
                self.put_evidence(e.employee_id, key, &evidence)?;
            }
            Event::ErgRoleEnded(e) => {
                let Some(term) = erg.terms.iter_mut().find(|t| {
                    t.employee_id == e.employee_id && t.role == e.role && t.term_end.is_none()
                }) else {
                    missing("open role term", e.employee_id, at);
                    return Ok(());
                };
                term.term_end = Some(e.term_end);
                term.ended_event = Some(at.record.event_id);
                let key = term.evidence_key;
                if let Some(mut evidence) = self.get_evidence(e.employee_id, key)? {
                    evidence.source_event_ids.push(at.record.event_id);
                    if let EvidenceDetail::Role { term_end, .. } = &mut evidence.detail {
                        *term_end = Some(e.term_end);
                    }
                    self.put_evidence(e.employee_id, key, &evidence)?;
                }
            }
            _ => {}
        }
        put(&mut self.ergs, "ergs", erg_id, &erg)
    }

    pub(super) fn apply_budget(
        &mut self,
        budget_id: Uuid,
        at: &At<'_>,
    ) -> Result<(), ProjectionError> {
        let date = at.record.effective_date;
        if let Event::BudgetRequested(e) = &at.record.event {
            let budget = BudgetRecord {
                erg_id: e.erg_id,
                owner_id: e.owner_id,
                status: BudgetStatus::Requested,
                currency: e.amount.currency,
                requested_minor: e.amount.minor,
                purpose: e.purpose.clone(),
                requested_on: date,
                decided_by: None,
                decided_on: None,
                approved_minor: None,
                rejection_reason: None,
                spent_minor: None,
                closed_on: None,
                event_ids: vec![at.record.event_id],
            };
            return put(&mut self.budgets, "budgets", budget_id, &budget);
        }
        let Some(mut budget) = get::<BudgetRecord>(&self.budgets, "budgets", budget_id)? else {
            missing("budget", budget_id, at);
            return Ok(());
        };
        budget.event_ids.push(at.record.event_id);
        match &at.record.event {
            Event::BudgetApproved(e) => {
                budget.status = BudgetStatus::Approved;
                budget.decided_by = Some(e.approver_id);
                budget.decided_on = Some(date);
                budget.approved_minor = Some(e.approved.minor);
            }
            Event::BudgetRejected(e) => {
                budget.status = BudgetStatus::Rejected;
                budget.decided_by = Some(e.rejected_by);
                budget.decided_on = Some(date);
                budget.rejection_reason = Some(e.reason.clone());
            }
            Event::BudgetClosed(e) => {
                budget.status = BudgetStatus::Closed;
                budget.spent_minor = Some(e.spent.minor);
                budget.closed_on = Some(date);
                let approver = budget.decided_by.unwrap_or(budget.owner_id);
                let evidence = Evidence {
                    kind: EvidenceKind::BudgetManaged,
                    source_event_ids: budget.event_ids.clone(),
                    attested_by: Attester::Actor(approver),
                    verified: approver != budget.owner_id,
                    effective_date: date,
                    erg_id: Some(budget.erg_id),
                    detail: EvidenceDetail::Budget {
                        budget_id,
                        currency: budget.currency,
                        requested_minor: budget.requested_minor,
                        approved_minor: budget.approved_minor.unwrap_or(0),
                        spent_minor: e.spent.minor,
                    },
                };
                self.put_evidence(budget.owner_id, (at.seq, at.index), &evidence)?;
            }
            _ => {}
        }
        put(&mut self.budgets, "budgets", budget_id, &budget)
    }

    pub(super) fn apply_project(
        &mut self,
        project_id: Uuid,
        at: &At<'_>,
    ) -> Result<(), ProjectionError> {
        let date = at.record.effective_date;
        if let Event::ProjectStarted(e) = &at.record.event {
            let project = ProjectRecord {
                title: e.title.clone(),
                kind: e.kind.clone(),
                lead_id: e.lead_id,
                sponsor_id: e.sponsor_id,
                erg_id: e.erg_id,
                started_on: date,
                signed_off_by: None,
                completed_on: None,
                outcome: None,
                event_ids: vec![at.record.event_id],
            };
            return put(&mut self.projects, "projects", project_id, &project);
        }
        let Some(mut project) = get::<ProjectRecord>(&self.projects, "projects", project_id)?
        else {
            missing("project", project_id, at);
            return Ok(());
        };
        project.event_ids.push(at.record.event_id);
        if let Event::ProjectCompleted(e) = &at.record.event {
            project.signed_off_by = Some(e.signed_off_by);
            project.completed_on = Some(date);
            project.outcome = Some(e.outcome.clone());
            let evidence = Evidence {
                kind: EvidenceKind::ProjectLed,
                source_event_ids: project.event_ids.clone(),
                attested_by: Attester::Actor(e.signed_off_by),
                verified: e.signed_off_by != project.lead_id,
                effective_date: date,
                erg_id: project.erg_id,
                detail: EvidenceDetail::Project {
                    project_id,
                    title: project.title.clone(),
                    kind: project.kind.clone(),
                    sponsor_id: project.sponsor_id,
                },
            };
            self.put_evidence(project.lead_id, (at.seq, at.index), &evidence)?;
        }
        put(&mut self.projects, "projects", project_id, &project)
    }
}
