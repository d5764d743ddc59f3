//! Folding one commit into the read models, inside the batch's write transaction.
//!
//! One file per area: ERG roles, budgets and projects in `leadership.rs`, learning
//! and mentorships in `development.rs`.
//!
//! Everything here is a function of the commit and the tables alone: no clock, no
//! randomness, no hash-map iteration, so a rebuild writes the same bytes.

mod development;
mod leadership;
mod succession;

use proto_events::{Commit, Event, EventRecord};
use redb::{Table, WriteTransaction};
use tracing::warn;
use uuid::Uuid;

use crate::error::ProjectionError;
use crate::records::{ErgRecord, Evidence};
use crate::tables::{
    BUDGETS, EMPLOYEES, ERGS, EVIDENCE, MENTORSHIPS, PEOPLE_CHANGED, POSITIONS, PROJECTS,
    STATEMENTS, decode, encode, put,
};

/// The tables a commit may change, opened once per batch.
pub(crate) struct ModelTables<'txn> {
    ergs: Table<'txn, u128, &'static [u8]>,
    budgets: Table<'txn, u128, &'static [u8]>,
    projects: Table<'txn, u128, &'static [u8]>,
    evidence: Table<'txn, (u128, u64, u32), &'static [u8]>,
    statements: Table<'txn, u128, &'static [u8]>,
    mentorships: Table<'txn, u128, &'static [u8]>,
    positions: Table<'txn, u128, &'static [u8]>,
    employees: Table<'txn, u128, &'static [u8]>,
    people_changed: Table<'txn, (u64, u128), ()>,
    /// The stream sequence of the commit being applied.
    seq: u64,
}

impl<'txn> ModelTables<'txn> {
    pub(crate) fn open(txn: &'txn WriteTransaction) -> Result<Self, ProjectionError> {
        Ok(ModelTables {
            ergs: txn.open_table(ERGS)?,
            budgets: txn.open_table(BUDGETS)?,
            projects: txn.open_table(PROJECTS)?,
            evidence: txn.open_table(EVIDENCE)?,
            statements: txn.open_table(STATEMENTS)?,
            mentorships: txn.open_table(MENTORSHIPS)?,
            positions: txn.open_table(POSITIONS)?,
            employees: txn.open_table(EMPLOYEES)?,
            people_changed: txn.open_table(PEOPLE_CHANGED)?,
            seq: 0,
        })
    }

    /// Applies every event of a genuine commit stored at `seq`.
    pub(crate) fn apply_commit(
        &mut self,
        seq: u64,
        commit: &Commit,
    ) -> Result<(), ProjectionError> {
        self.seq = seq;
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
                Event::LmsAccountLinked(_) => {
                    // The link lives in the log only; the command handler resolves
                    // xAPI actors from there, so no read model needs it.
                }
                Event::LearningRecorded(_) | Event::LearningRevoked(_) => {
                    self.apply_learning(id, &at)?;
                }
                Event::MentorshipStarted(_)
                | Event::MentorshipMilestoneRecorded(_)
                | Event::MentorshipCompleted(_) => self.apply_mentorship(id, &at)?,
                Event::PositionDefined(_)
                | Event::SuccessorNominated(_)
                | Event::NominationWithdrawn(_)
                | Event::PositionFilled(_) => self.apply_position(id, &at)?,
                Event::EmployeeOnboarded(_)
                | Event::EmployeeDeparted(_)
                | Event::VisibilityConsentGranted(_)
                | Event::VisibilityConsentWithdrawn(_) => self.apply_employee(id, &at)?,
            }
        }
        Ok(())
    }

    fn delete_evidence(
        &mut self,
        employee: Uuid,
        (seq, index): (u64, u32),
    ) -> Result<(), ProjectionError> {
        self.evidence.remove((employee.as_u128(), seq, index))?;
        self.person_changed(employee)
    }

    fn get_evidence(
        &self,
        employee: Uuid,
        (seq, index): (u64, u32),
    ) -> Result<Option<Evidence>, ProjectionError> {
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
        evidence: &Evidence,
    ) -> Result<(), ProjectionError> {
        let bytes = encode("evidence", evidence)?;
        self.evidence
            .insert((employee.as_u128(), seq, index), bytes.as_slice())?;
        self.person_changed(employee)
    }

    /// Notes that what `employee`'s levels depend on changed in the current commit.
    fn person_changed(&mut self, employee: Uuid) -> Result<(), ProjectionError> {
        self.people_changed
            .insert((self.seq, employee.as_u128()), ())?;
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

impl At<'_> {
    /// The evidence key of an event at this position.
    fn key(&self) -> (u64, u32) {
        (self.seq, self.index)
    }
}

/// A genuine commit refers to something the models lack. The command handler makes
/// this impossible for commits it writes, so it is logged and skipped, not fatal.
fn missing(what: &str, id: Uuid, at: &At<'_>) {
    warn!(seq = at.seq, event_id = %at.record.event_id, what, id = %id, "event refers to nothing known");
}
