//! The read-model file: opening it, applying batches, and fingerprinting it.

use std::path::{Path, PathBuf};

use proto_events::{CommitHash, GENESIS_HASH, verify_link};
use redb::{
    Builder, ConcurrencyMode, Database, DatabaseError, ReadOnlyDatabase, ReadTransaction,
    ReadableDatabase, ReadableTable, TableDefinition, TableHandle,
};
use sha2::{Digest, Sha256};
use tracing::{debug, error};
use uuid::Uuid;

use crate::apply::ModelTables;
use crate::error::ProjectionError;
use crate::records::QuarantineRecord;
use crate::tables::{
    APPLIED_SEQ, BUDGETS, COMMANDS, EMPLOYEES, ERGS, EVIDENCE, HEADS, MENTORSHIPS, META,
    PEOPLE_CHANGED, POSITIONS, PROJECTS, QUARANTINE, STATEMENTS, decode, encode, for_each_table,
};

/// One stream message handed to the projector.
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    /// Stream sequence.
    pub seq: u64,
    /// The subject it was stored under.
    pub subject: &'a str,
    /// The payload bytes.
    pub payload: &'a [u8],
}

/// What one batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Commits applied.
    pub applied: usize,
    /// Messages at or below the applied sequence, skipped.
    pub skipped: usize,
    /// Messages quarantined.
    pub quarantined: usize,
    /// The applied sequence after the batch.
    pub applied_seq: u64,
}

enum Db {
    Writable(Database),
    ReadOnly(ReadOnlyDatabase),
}

/// Ladder's read models: one redb file, written by one projector.
pub struct ReadModels {
    db: Db,
    path: PathBuf,
}

impl std::fmt::Debug for ReadModels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadModels")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The file name of the read models inside a data directory.
pub const MODELS_FILE: &str = "models.redb";

impl ReadModels {
    /// Opens the read models for writing, creating the file and tables if needed.
    ///
    /// Other processes may open the same file read-only meanwhile (`ladder query
    /// --data`, audits). Fails with [`ProjectionError::Locked`] when another process
    /// writes it.
    pub fn open(path: &Path) -> Result<ReadModels, ProjectionError> {
        let db = Builder::new()
            .set_concurrency_mode(ConcurrencyMode::SingleWriter)
            .create(path)
            .map_err(|e| locked_or(path, e))?;
        let txn = db.begin_write()?;
        // Create every table up front so that readers never meet a missing one.
        macro_rules! create {
            ($table:ident) => {
                txn.open_table($table)?;
            };
        }
        for_each_table!(create);
        txn.commit()?;
        Ok(ReadModels {
            db: Db::Writable(db),
            path: path.to_owned(),
        })
    }

    /// Opens existing read models read-only, beside a writer if one is running.
    pub fn open_read_only(path: &Path) -> Result<ReadModels, ProjectionError> {
        if !path.exists() {
            return Err(ProjectionError::Io {
                path: path.display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        let db = Builder::new()
            .set_concurrency_mode(ConcurrencyMode::SingleWriter)
            .open_read_only(path)
            .map_err(|e| locked_or(path, e))?;
        Ok(ReadModels {
            db: Db::ReadOnly(db),
            path: path.to_owned(),
        })
    }

    /// The same models, known under a new path after their file was renamed.
    pub fn with_path(mut self, path: PathBuf) -> ReadModels {
        self.path = path;
        self
    }

    /// The file these models live in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn begin_read(&self) -> Result<ReadTransaction, ProjectionError> {
        Ok(match &self.db {
            Db::Writable(db) => db.begin_read()?,
            Db::ReadOnly(db) => db.begin_read()?,
        })
    }

    /// The last stream sequence applied; 0 before the first.
    pub fn applied_seq(&self) -> Result<u64, ProjectionError> {
        let txn = self.begin_read()?;
        let meta = txn.open_table(META)?;
        Ok(meta.get(APPLIED_SEQ)?.map(|g| g.value()).unwrap_or(0))
    }

    /// Applies a batch of stream messages in one write transaction, together with
    /// the new applied sequence, so a crash leaves either all or none of it.
    ///
    /// Messages at or below the applied sequence are skipped (a redelivery after a
    /// crash). A message that is not a genuine link of its aggregate's hash chain
    /// is quarantined, logged, and passed over; it never changes a model.
    pub fn apply(&self, batch: &[Message<'_>]) -> Result<BatchOutcome, ProjectionError> {
        let Db::Writable(db) = &self.db else {
            return Err(ProjectionError::Io {
                path: self.path.display().to_string(),
                source: std::io::Error::other("read models opened read-only"),
            });
        };
        let txn = db.begin_write()?;
        let mut outcome = BatchOutcome::default();
        {
            let mut meta = txn.open_table(META)?;
            let mut heads = txn.open_table(HEADS)?;
            let mut commands = txn.open_table(COMMANDS)?;
            let mut quarantine = txn.open_table(QUARANTINE)?;
            let mut models = ModelTables::open(&txn)?;
            let mut applied = meta.get(APPLIED_SEQ)?.map(|g| g.value()).unwrap_or(0);
            for msg in batch {
                if msg.seq <= applied {
                    outcome.skipped += 1;
                    continue;
                }
                let head = match heads.get(msg.subject)? {
                    Some(guard) => CommitHash(guard.value().try_into().map_err(|_| {
                        ProjectionError::CorruptHead {
                            subject: msg.subject.to_owned(),
                        }
                    })?),
                    None => GENESIS_HASH,
                };
                match verify_link(msg.subject, msg.payload, &head) {
                    Ok((commit, hash)) => {
                        models.apply_commit(msg.seq, &commit)?;
                        heads.insert(msg.subject, hash.0.as_slice())?;
                        // The first commit under an id keeps it: a later one reusing
                        // the id could only come from outside the command handler.
                        let command_id = commit.header.command_id.as_u128();
                        if commands.get(command_id)?.is_none() {
                            commands.insert(command_id, msg.seq)?;
                        }
                        outcome.applied += 1;
                    }
                    Err(err) => {
                        let reason = error_chain(&err);
                        error!(
                            seq = msg.seq,
                            subject = msg.subject,
                            reason = err.code(),
                            error = %reason,
                            "quarantined a message that is not a genuine commit"
                        );
                        let record = QuarantineRecord {
                            subject: msg.subject.to_owned(),
                            reason_code: err.code().to_owned(),
                            reason,
                        };
                        quarantine.insert(msg.seq, encode("quarantine", &record)?.as_slice())?;
                        outcome.quarantined += 1;
                    }
                }
                applied = msg.seq;
            }
            meta.insert(APPLIED_SEQ, applied)?;
            outcome.applied_seq = applied;
        }
        txn.commit()?;
        debug!(
            applied = outcome.applied,
            skipped = outcome.skipped,
            quarantined = outcome.quarantined,
            applied_seq = outcome.applied_seq,
            "batch committed"
        );
        Ok(outcome)
    }

    /// The stream sequence of the commit that recorded `command_id`, if applied.
    pub fn command_seq(&self, command_id: Uuid) -> Result<Option<u64>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(COMMANDS)?;
        Ok(table.get(command_id.as_u128())?.map(|g| g.value()))
    }

    /// Every quarantined message, by stream sequence.
    pub fn quarantined(&self) -> Result<Vec<(u64, QuarantineRecord)>, ProjectionError> {
        let txn = self.begin_read()?;
        let table = txn.open_table(QUARANTINE)?;
        let mut out = Vec::new();
        for entry in table.range(..)? {
            let (seq, bytes) = entry?;
            out.push((seq.value(), decode("quarantine", bytes.value())?));
        }
        Ok(out)
    }

    /// SHA-256 over a canonical dump of every table: table names in a fixed order,
    /// then each key and value as stored, in key order, each length-prefixed.
    ///
    /// Two read models hold the same content exactly when their digests match,
    /// whatever batch sizes or file layout produced them.
    pub fn digest(&self) -> Result<[u8; 32], ProjectionError> {
        digest_of(&self.begin_read()?)
    }

    /// The applied sequence and the [`ReadModels::digest`] read in one transaction,
    /// so that both describe the same state while a projector keeps writing.
    pub fn digest_at_applied(&self) -> Result<(u64, [u8; 32]), ProjectionError> {
        let txn = self.begin_read()?;
        let meta = txn.open_table(META)?;
        let applied = meta.get(APPLIED_SEQ)?.map(|g| g.value()).unwrap_or(0);
        Ok((applied, digest_of(&txn)?))
    }

    /// How many messages are quarantined, over the models' whole life (rebuilds
    /// included, since a rebuild quarantines the same messages again).
    pub fn quarantine_count(&self) -> Result<u64, ProjectionError> {
        let txn = self.begin_read()?;
        Ok(redb::ReadableTableMetadata::len(
            &txn.open_table(QUARANTINE)?,
        )?)
    }
}

fn digest_of(txn: &ReadTransaction) -> Result<[u8; 32], ProjectionError> {
    let mut hasher = Sha256::new();
    macro_rules! dump {
        ($table:ident) => {
            dump(txn, $table, &mut hasher)?;
        };
    }
    for_each_table!(dump);
    Ok(hasher.finalize().into())
}

fn dump<K: redb::Key + 'static, V: redb::Value + 'static>(
    txn: &ReadTransaction,
    table: TableDefinition<'_, K, V>,
    hasher: &mut Sha256,
) -> Result<(), ProjectionError> {
    let name = table.name().to_owned();
    let table = txn.open_table(table)?;
    hasher.update((name.len() as u64).to_le_bytes());
    hasher.update(name.as_bytes());
    for entry in table.range(..)? {
        let (key, value) = entry?;
        let (key, value) = (key.value(), value.value());
        for bytes in [K::as_bytes(&key).as_ref(), V::as_bytes(&value).as_ref()] {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
    }
    Ok(())
}

fn locked_or(path: &Path, err: DatabaseError) -> ProjectionError {
    match err {
        DatabaseError::DatabaseAlreadyOpen => ProjectionError::Locked {
            path: path.display().to_string(),
        },
        other => other.into(),
    }
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}
