//! Reads that answer queries; each runs in one read transaction.

use redb::ReadableTable;
use uuid::Uuid;

use crate::error::ProjectionError;
use crate::records::{EmployeeRecord, ErgRecord, Evidence, PositionRecord, StatementRecord};
use crate::store::ReadModels;
use crate::tables::{
    BUDGETS, EMPLOYEES, ERGS, EVIDENCE, MENTORSHIPS, POSITIONS, PROJECTS, STATEMENTS, decode, get,
};
use crate::views::{
    BudgetView, ErgView, EvidenceAnswer, EvidenceView, MentorshipView, ProjectView,
};

impl ReadModels {
    /// The ERG with its role terms; `None` if it is not registered.
    pub fn erg(&self, erg_id: Uuid) -> Result<Option<ErgView>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(ERGS)?;
        Ok(get(&table, "ergs", erg_id)?.map(|r| ErgView::new(erg_id, r)))
    }

    /// The budget; `None` if it was never requested.
    pub fn budget(&self, budget_id: Uuid) -> Result<Option<BudgetView>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(BUDGETS)?;
        Ok(get(&table, "budgets", budget_id)?.map(|r| BudgetView::new(budget_id, r)))
    }

    /// The project; `None` if it never started.
    pub fn project(&self, project_id: Uuid) -> Result<Option<ProjectView>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(PROJECTS)?;
        Ok(get(&table, "projects", project_id)?.map(|r| ProjectView::new(project_id, r)))
    }

    /// The mentorship; `None` if it never started.
    pub fn mentorship(
        &self,
        mentorship_id: Uuid,
    ) -> Result<Option<MentorshipView>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(MENTORSHIPS)?;
        Ok(get(&table, "mentorships", mentorship_id)?
            .map(|r| MentorshipView::new(mentorship_id, r)))
    }

    /// What Ladder recorded for a learning statement id, voided or not.
    pub fn statement(
        &self,
        statement_id: Uuid,
    ) -> Result<Option<StatementRecord>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(STATEMENTS)?;
        get(&table, "statements", statement_id)
    }

    /// The position record; `None` if it was never defined.
    pub fn position_record(&self, id: Uuid) -> Result<Option<PositionRecord>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(POSITIONS)?;
        get(&table, "positions", id)
    }

    /// Every position, by id.
    pub fn positions(&self) -> Result<Vec<(Uuid, PositionRecord)>, ProjectionError> {
        self.all(POSITIONS, "positions")
    }

    /// The employee record; `None` if nothing was ever recorded about them.
    pub fn employee_record(&self, id: Uuid) -> Result<Option<EmployeeRecord>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(EMPLOYEES)?;
        get(&table, "employees", id)
    }

    /// Every ERG record, by id.
    pub fn ergs(&self) -> Result<Vec<(Uuid, ErgRecord)>, ProjectionError> {
        self.all(ERGS, "ergs")
    }

    fn all<T: serde::de::DeserializeOwned>(
        &self,
        definition: redb::TableDefinition<'_, u128, &'static [u8]>,
        name: &'static str,
    ) -> Result<Vec<(Uuid, T)>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(definition)?;
        let mut out = Vec::new();
        for entry in table.range(..)? {
            let (key, bytes) = entry?;
            out.push((Uuid::from_u128(key.value()), decode(name, bytes.value())?));
        }
        Ok(out)
    }

    /// Every piece of evidence for an employee, in stream order. An employee
    /// without evidence gets an empty list: absence of evidence is an answer.
    pub fn evidence(&self, employee_id: Uuid) -> Result<EvidenceAnswer, ProjectionError> {
        let evidence = self
            .evidence_records(employee_id)?
            .into_iter()
            .map(EvidenceView::new);
        Ok(EvidenceAnswer {
            employee_id,
            evidence: evidence.collect(),
        })
    }

    /// The raw evidence records of an employee, in stream order.
    pub fn evidence_records(&self, employee_id: Uuid) -> Result<Vec<Evidence>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(EVIDENCE)?;
        let id = employee_id.as_u128();
        let mut out = Vec::new();
        for entry in table.range((id, 0, 0)..=(id, u64::MAX, u32::MAX))? {
            let (_, bytes) = entry?;
            out.push(decode("evidence", bytes.value())?);
        }
        Ok(out)
    }
}
