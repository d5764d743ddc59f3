//! How large the records are that the projector stored for this run, so that the raw
//! redb rows can be made the same size.

use std::path::Path;

use anyhow::{Context, Result, bail};
use redb::{Builder, ReadableDatabase, ReadableTable, TableDefinition};

/// The model tables the run's commands fill, keyed by aggregate id. Their names are the
/// read-model file's layout, not an API: if they change, this fails by name rather
/// than measuring something else.
const MODEL_TABLES: [&str; 2] = ["ergs", "budgets"];

/// The median length of the records in the ERG and budget tables of the read models at
/// `path`. The median, because the shared ERG's record, holding every role term, is
/// one outlier far larger than the rest.
pub(crate) fn median_record_len(path: &Path) -> Result<usize> {
    let db = Builder::new()
        .open_read_only(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let txn = db.begin_read().context("cannot read the read models")?;
    let mut lengths = Vec::new();
    for name in MODEL_TABLES {
        let table = txn
            .open_table(TableDefinition::<u128, &[u8]>::new(name))
            .with_context(|| format!("the read models have no table `{name}` of records"))?;
        for entry in table.iter().context("cannot scan the read models")? {
            let (_, value) = entry.context("cannot scan the read models")?;
            lengths.push(value.value().len());
        }
    }
    if lengths.is_empty() {
        bail!("the read models hold no ERG or budget records");
    }
    lengths.sort_unstable();
    Ok(lengths[lengths.len() / 2])
}
