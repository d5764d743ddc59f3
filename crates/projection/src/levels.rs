//! What everyone's levels depend on, read in one transaction: in full, or only for the
//! people whose evidence or employee record changed after a given stream sequence.

use std::collections::BTreeSet;

use redb::{ReadTransaction, ReadableTable, TableError};
use uuid::Uuid;

use crate::error::ProjectionError;
use crate::records::{EmployeeRecord, Evidence};
use crate::store::ReadModels;
use crate::tables::{APPLIED_SEQ, EMPLOYEES, EVIDENCE, META, PEOPLE_CHANGED, decode, get};

/// Everyone's evidence and employee records at one applied sequence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LevelInputs {
    /// The last stream sequence the inputs include.
    pub applied_seq: u64,
    /// Each employee's evidence, grouped by employee in id order, each group in stream
    /// order; employees without evidence are absent.
    pub evidence: Vec<(Uuid, Vec<Evidence>)>,
    /// Every employee record, in id order.
    pub employees: Vec<(Uuid, EmployeeRecord)>,
}

/// One person whose level inputs changed, as they are now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedPerson {
    /// Pseudonymous id.
    pub employee_id: Uuid,
    /// All of their evidence now, in stream order; empty when none is left.
    pub evidence: Vec<Evidence>,
    /// Their employee record, if the HRIS sent one.
    pub record: Option<EmployeeRecord>,
}

/// The people whose level inputs changed between two applied sequences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LevelChanges {
    /// The last stream sequence the changes include.
    pub applied_seq: u64,
    /// Each changed person once, in id order.
    pub people: Vec<ChangedPerson>,
}

impl ReadModels {
    /// Everyone's level inputs, with the sequence they hold for; one read transaction.
    pub fn level_inputs(&self) -> Result<LevelInputs, ProjectionError> {
        let txn = self.begin_read()?;
        let applied_seq = applied_seq(&txn)?;
        let mut evidence: Vec<(Uuid, Vec<Evidence>)> = Vec::new();
        for entry in txn.open_table(EVIDENCE)?.range(..)? {
            let (key, bytes) = entry?;
            let employee = Uuid::from_u128(key.value().0);
            let piece = decode("evidence", bytes.value())?;
            match evidence.last_mut() {
                Some((last, group)) if *last == employee => group.push(piece),
                _ => evidence.push((employee, vec![piece])),
            }
        }
        let mut employees = Vec::new();
        for entry in txn.open_table(EMPLOYEES)?.range(..)? {
            let (key, bytes) = entry?;
            employees.push((
                Uuid::from_u128(key.value()),
                decode("employees", bytes.value())?,
            ));
        }
        Ok(LevelInputs {
            applied_seq,
            evidence,
            employees,
        })
    }

    /// The people whose level inputs changed in commits after `after_seq`, as they are now,
    /// with the sequence that "now" is; one read transaction.
    ///
    /// `None` when the answer would not be cheaper than [`ReadModels::level_inputs`]: more
    /// than `most` people changed, or the models predate the record of changes (read-only
    /// models written by an older Ladder), or `after_seq` is ahead of them (they were
    /// replaced by other models).
    pub fn level_changes(
        &self,
        after_seq: u64,
        most: usize,
    ) -> Result<Option<LevelChanges>, ProjectionError> {
        let txn = self.begin_read()?;
        let applied_seq = applied_seq(&txn)?;
        if after_seq > applied_seq {
            return Ok(None);
        }
        let changed = match txn.open_table(PEOPLE_CHANGED) {
            Ok(table) => table,
            Err(TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(err) => return Err(err.into()),
        };
        let mut ids = BTreeSet::new();
        for entry in changed.range((after_seq.saturating_add(1), 0)..)? {
            let (key, _) = entry?;
            ids.insert(key.value().1);
            if ids.len() > most {
                return Ok(None);
            }
        }
        let evidence_table = txn.open_table(EVIDENCE)?;
        let employees = txn.open_table(EMPLOYEES)?;
        let mut people = Vec::with_capacity(ids.len());
        for id in ids {
            let mut evidence = Vec::new();
            for entry in evidence_table.range((id, 0, 0)..=(id, u64::MAX, u32::MAX))? {
                let (_, bytes) = entry?;
                evidence.push(decode("evidence", bytes.value())?);
            }
            let employee_id = Uuid::from_u128(id);
            people.push(ChangedPerson {
                employee_id,
                evidence,
                record: get(&employees, "employees", employee_id)?,
            });
        }
        Ok(Some(LevelChanges {
            applied_seq,
            people,
        }))
    }
}

fn applied_seq(txn: &ReadTransaction) -> Result<u64, ProjectionError> {
    let meta = txn.open_table(META)?;
    Ok(meta.get(APPLIED_SEQ)?.map(|g| g.value()).unwrap_or(0))
}
