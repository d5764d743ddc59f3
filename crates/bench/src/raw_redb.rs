//! The ceiling for the projector: bare redb inserts in batched write transactions.

use std::ops::Range;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use redb::{Database, TableDefinition};
use uuid::Uuid;

use crate::progress;

/// Keyed like Ladder's model tables: a 128-bit aggregate id to a postcard record.
const ROWS: TableDefinition<'_, u128, &[u8]> = TableDefinition::new("rows");

/// A redb file and the rows to write into it.
pub(crate) struct RawRows {
    db: Database,
    rows: Vec<(u128, Vec<u8>)>,
}

impl std::fmt::Debug for RawRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawRows")
            .field("rows", &self.rows.len())
            .finish_non_exhaustive()
    }
}

impl RawRows {
    /// Creates the file at `path` and prepares `rows` rows of `value_len` bytes, keyed
    /// by UUID v7s, the ids this benchmark gives its aggregates.
    pub(crate) fn create(path: &Path, rows: usize, value_len: usize) -> Result<RawRows> {
        let db =
            Database::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        // The bytes vary, though redb stores values as they come.
        let rows = (0..rows)
            .map(|_| {
                let key = Uuid::now_v7().as_u128();
                let value = key.to_le_bytes().into_iter().cycle().take(value_len);
                (key, value.collect())
            })
            .collect();
        Ok(RawRows { db, rows })
    }

    /// Inserts the rows `range`, `batch` per write transaction, each committed with
    /// redb's default (immediate, fsynced) durability as Ladder's read models are.
    /// Returns the time spent in the transactions.
    pub(crate) fn insert(
        &self,
        label: &str,
        range: Range<usize>,
        batch: usize,
    ) -> Result<Duration> {
        let rows = self.rows.get(range).context("no such rows")?;
        let bar = progress::bar(label, rows.len() as u64);
        let mut elapsed = Duration::ZERO;
        for chunk in rows.chunks(batch.max(1)) {
            let begun = Instant::now();
            let txn = self.db.begin_write().context("cannot begin a redb write")?;
            {
                let mut table = txn.open_table(ROWS).context("cannot open the table")?;
                for (key, value) in chunk {
                    table
                        .insert(key, value.as_slice())
                        .context("cannot insert a row")?;
                }
            }
            txn.commit().context("cannot commit a redb write")?;
            elapsed += begun.elapsed();
            bar.inc(chunk.len() as u64);
        }
        bar.finish_and_clear();
        Ok(elapsed)
    }
}
