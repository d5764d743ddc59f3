//! Folding one commit into the read models, inside the batch's write transaction.
//!
//! Everything here is a function of the commit and the tables alone: no clock, no
//! randomness, no hash-map iteration, so a rebuild writes the same bytes.

use proto_events::{Commit, Event, EventRecord};
use redb::{Table, WriteTransaction};
use tracing::warn;
use uuid::Uuid;

use crate::error::ProjectionError;
use crate::records::{
    BudgetRecord, BudgetStatus, ErgRecord, EvidenceDetail, EvidenceKind, EvidenceRecord,
    ProjectRecord, TermRecord,
};
use crate::tables::{BUDGETS, ERGS, EVIDENCE, PROJECTS, decode, encode, get, put};

/// The tables a commit may change, opened once per batch.
pub(crate) struct ModelTables<'txn> {
    ergs: Table<'txn, u128, &'static [u8]>,
    budgets: Table<'txn, u128, &'static [u8]>,
    projects: Table<'txn, u128, &'static [u8]>,
    evidence: Table<'txn, (u128, u64, u32), &'static [u8]>,
}

impl<'txn> ModelTables<'txn> {
    pub(crate) fn open(txn: &'txn WriteTransaction) -> Result<Self, ProjectionError> {
        Ok(ModelTables {
            ergs: txn.open_table(ERGS)?,
            budgets: txn.open_table(BUDGETS)?,
            projects: txn.open_table(PROJECTS)?,
            evidence: txn.open_table(EVIDENCE)?,
        })
    }

    /// Applies every event of a genuine commit stored at `seq`.
    pub(crate) fn apply_commit(
        &mut self,
        seq: u64,
        commit: &Commit,
    ) -> Result<(), ProjectionError> {
        let id = commit.header.aggregate_id;
        let actor = commit.header.actor;
        for (index, record) in (0u32..).zip(&commit.events) {
            let at = At {
                seq,
                index,
                actor,
                record,
            };
            match &record.event {
                Event::ErgRegistered(e) => put(
                    &mut self.ergs,
                    "ergs",
                    id,
                    &ErgRecord {
                        name: e.name.clone(),
                        sensitive: e.sensitive,
                        registered_on: record.effective_date,
                        registered_event: record.event_id,
                        terms: Vec::new(),
                    },
                )?,
                Event::ErgRoleAssigned(_) | Event::ErgRoleEnded(_) => self.apply_role(id, &at)?,
                Event::BudgetRequested(_)
                | Event::BudgetApproved(_)
                | Event::BudgetRejected(_)
                | Event::BudgetClosed(_) => self.apply_budget(id, &at)?,
                Event::ProjectStarted(_) | Event::ProjectCompleted(_) => {
                    self.apply_project(id, &at)?;
                }
            }
        }
        Ok(())
    }

    fn apply_role(&mut self, erg_id: Uuid, at: &At<'_>) -> Result<(), ProjectionError> {
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
                let evidence = EvidenceRecord {
                    kind: EvidenceKind::ErgRole,
                    source_event_ids: vec![at.record.event_id],
                    attested_by: at.actor,
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

    fn apply_budget(&mut self, budget_id: Uuid, at: &At<'_>) -> Result<(), ProjectionError> {
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
                let evidence = EvidenceRecord {
                    kind: EvidenceKind::BudgetManaged,
                    source_event_ids: budget.event_ids.clone(),
                    attested_by: approver,
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

    fn apply_project(&mut self, project_id: Uuid, at: &At<'_>) -> Result<(), ProjectionError> {
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
            let evidence = EvidenceRecord {
                kind: EvidenceKind::ProjectLed,
                source_event_ids: project.event_ids.clone(),
                attested_by: e.signed_off_by,
                verified: e.signed_off_by != project.lead_id,
                effective_date: date,
                erg_id: project.erg_id,
                detail: EvidenceDetail::Project {
                    project_id,
                    title: project.title.clone(),
                    kind: project.kind.clone(),
                },
            };
            self.put_evidence(project.lead_id, (at.seq, at.index), &evidence)?;
        }
        put(&mut self.projects, "projects", project_id, &project)
    }

    fn get_evidence(
        &self,
        employee: Uuid,
        (seq, index): (u64, u32),
    ) -> Result<Option<EvidenceRecord>, ProjectionError> {
        use redb::ReadableTable as _;
        match self.evidence.get((employee.as_u128(), seq, index))? {
            Some(guard) => decode("evidence", guard.value()).map(Some),
            None => Ok(None),
        }
    }

    fn put_evidence(
        &mut self,
        employee: Uuid,
        (seq, index): (u64, u32),
        evidence: &EvidenceRecord,
    ) -> Result<(), ProjectionError> {
        let bytes = encode("evidence", evidence)?;
        self.evidence
            .insert((employee.as_u128(), seq, index), bytes.as_slice())?;
        Ok(())
    }
}

/// Where in the stream an event sits, and who caused it.
struct At<'a> {
    seq: u64,
    index: u32,
    actor: Uuid,
    record: &'a EventRecord,
}

/// A genuine commit refers to something the models lack. The command handler makes
/// this impossible for commits it writes, so it is logged and skipped, not fatal.
fn missing(what: &str, id: Uuid, at: &At<'_>) {
    warn!(seq = at.seq, event_id = %at.record.event_id, what, id = %id, "event refers to nothing known");
}
