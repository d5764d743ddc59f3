//! The redb tables and typed access to their postcard records.

use redb::{ReadableTable, Table, TableDefinition};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::ProjectionError;

/// Bookkeeping: `applied_seq`, the last stream sequence applied.
pub(crate) const META: TableDefinition<'_, &str, u64> = TableDefinition::new("meta");
/// Chain head per aggregate subject: hash of its last genuine commit.
pub(crate) const HEADS: TableDefinition<'_, &str, &[u8]> = TableDefinition::new("heads");
/// Every command id applied, with the stream sequence of its commit, so that a command
/// id reused on another aggregate is recognised after JetStream's duplicate window.
pub(crate) const COMMANDS: TableDefinition<'_, u128, u64> = TableDefinition::new("commands");
/// Messages not applied, by stream sequence.
pub(crate) const QUARANTINE: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("quarantine");
/// ERG records by ERG id.
pub(crate) const ERGS: TableDefinition<'_, u128, &[u8]> = TableDefinition::new("ergs");
/// Budget records by budget id.
pub(crate) const BUDGETS: TableDefinition<'_, u128, &[u8]> = TableDefinition::new("budgets");
/// Project records by project id.
pub(crate) const PROJECTS: TableDefinition<'_, u128, &[u8]> = TableDefinition::new("projects");
/// Evidence by (employee, stream sequence, event index).
pub(crate) const EVIDENCE: TableDefinition<'_, (u128, u64, u32), &[u8]> =
    TableDefinition::new("evidence");

/// Learning statements by statement id: whose record holds them, which LMS reported
/// them, where their evidence is, and whether they were voided, so that a voiding
/// statement finds its target and a reused statement id is recognised.
pub(crate) const STATEMENTS: TableDefinition<'_, u128, &[u8]> = TableDefinition::new("statements");
/// Mentorship records by mentorship id.
pub(crate) const MENTORSHIPS: TableDefinition<'_, u128, &[u8]> =
    TableDefinition::new("mentorships");

/// Position records by position id.
pub(crate) const POSITIONS: TableDefinition<'_, u128, &[u8]> = TableDefinition::new("positions");
/// Employee records by employee id.
pub(crate) const EMPLOYEES: TableDefinition<'_, u128, &[u8]> = TableDefinition::new("employees");
/// (stream sequence, employee) for every commit that changed an employee's evidence or
/// employee record: what everyone's levels depend on. Levels assessed at one sequence are
/// brought forward by assessing again only the people changed after it.
pub(crate) const PEOPLE_CHANGED: TableDefinition<'_, (u64, u128), ()> =
    TableDefinition::new("people_changed");

/// Calls `$apply!(TABLE)` for every table, in the fixed order the digest uses.
/// The one list of tables: creation and the digest both go through it.
macro_rules! for_each_table {
    ($apply:ident) => {
        $apply!(META);
        $apply!(HEADS);
        $apply!(COMMANDS);
        $apply!(QUARANTINE);
        $apply!(ERGS);
        $apply!(BUDGETS);
        $apply!(PROJECTS);
        $apply!(EVIDENCE);
        $apply!(STATEMENTS);
        $apply!(MENTORSHIPS);
        $apply!(POSITIONS);
        $apply!(EMPLOYEES);
        $apply!(PEOPLE_CHANGED);
    };
}
pub(crate) use for_each_table;

pub(crate) const APPLIED_SEQ: &str = "applied_seq";

pub(crate) fn decode<T: DeserializeOwned>(
    table: &'static str,
    bytes: &[u8],
) -> Result<T, ProjectionError> {
    postcard::from_bytes(bytes).map_err(|source| ProjectionError::CorruptRecord { table, source })
}

pub(crate) fn encode<T: Serialize>(
    table: &'static str,
    value: &T,
) -> Result<Vec<u8>, ProjectionError> {
    postcard::to_stdvec(value).map_err(|source| ProjectionError::Encode { table, source })
}

/// Reads the record stored under an id.
pub(crate) fn get<T: DeserializeOwned>(
    table: &impl ReadableTable<u128, &'static [u8]>,
    name: &'static str,
    id: Uuid,
) -> Result<Option<T>, ProjectionError> {
    match table.get(id.as_u128())? {
        Some(guard) => decode(name, guard.value()).map(Some),
        None => Ok(None),
    }
}

/// Writes the record stored under an id.
pub(crate) fn put<T: Serialize>(
    table: &mut Table<'_, u128, &'static [u8]>,
    name: &'static str,
    id: Uuid,
    value: &T,
) -> Result<(), ProjectionError> {
    table.insert(id.as_u128(), encode(name, value)?.as_slice())?;
    Ok(())
}
