//! The export: every event of the stream as one JSON object per line.
//!
//! Field order is fixed by [`ExportLine`]'s declaration and payload keys by
//! [`crate::payload`], nothing depends on the clock or on hashing, so the same
//! stream always exports to the same bytes, compressed or not. The file is written
//! under a temporary name beside its destination and renamed into place when
//! complete, so neither a reader nor an interrupted export ever leaves half an export
//! under the destination's name. An existing destination is refused unless the
//! caller asks for it to be replaced: an export is evidence, and silently losing an
//! earlier one is not what an auditor expects.

use std::fs::File;
use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use ladder_eventlog::{EventLog, StoredMessage};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;
use uuid::Uuid;

use crate::chain::{ChainWalker, Checked, Fault};
use crate::error::AuditError;
use crate::payload::{self, hex};
use crate::reader::{Progress, pump};

/// The zstd level `--compress` writes: zstd's default, a good speed/size balance.
pub const ZSTD_LEVEL: i32 = 3;

/// One exported event. Messages that do not decode are exported too, flagged, with
/// their raw bytes in hex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportLine {
    /// Stream sequence of the commit.
    pub seq: u64,
    /// The subject it was stored under.
    pub subject: String,
    /// SHA-256 of the commit's bytes (hex).
    pub commit_hash: String,
    /// The hash of the aggregate's previous commit the commit names (hex).
    pub prev_hash: Option<String>,
    /// When Ladder accepted the command.
    pub recorded_at: Option<Timestamp>,
    /// The aggregate's kind.
    pub aggregate_kind: Option<&'static str>,
    /// The aggregate's id.
    pub aggregate_id: Option<Uuid>,
    /// The command's name.
    pub command: Option<String>,
    /// The command's id.
    pub command_id: Option<Uuid>,
    /// SHA-256 of the command's canonical body (hex).
    pub command_digest: Option<String>,
    /// Who issued the command.
    pub actor: Option<Uuid>,
    /// The business transaction it belongs to.
    pub correlation_id: Option<Uuid>,
    /// What caused it.
    pub causation_id: Option<Uuid>,
    /// The event's position in its commit.
    pub event_index: Option<u32>,
    /// The event's id.
    pub event_id: Option<Uuid>,
    /// When it happened in the business.
    pub effective_date: Option<Date>,
    /// Kebab-case event type.
    pub event_type: Option<&'static str>,
    /// The schema version the payload was written in.
    pub schema_version: Option<u16>,
    /// The payload's fields.
    pub payload: Option<Value>,
    /// Why the read models did not apply it; absent for a genuine commit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarantined: Option<Fault>,
    /// The stored bytes (hex), only for a message that does not decode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    /// The file written.
    pub path: String,
    /// Whether it is zstd-compressed.
    pub compressed: bool,
    /// The last stream sequence exported.
    pub last_seq: u64,
    /// Messages read.
    pub messages: u64,
    /// Lines written.
    pub lines: u64,
    /// Quarantined messages among them.
    pub quarantined: u64,
    /// Bytes in the file.
    pub bytes: u64,
    /// SHA-256 of the file (hex), to fingerprint the export.
    pub sha256: String,
}

/// Lines of one message, in order.
pub fn lines_of(checked: &Checked, raw: &[u8]) -> Vec<ExportLine> {
    let base = ExportLine {
        seq: checked.seq,
        subject: checked.subject.clone(),
        commit_hash: hex(&checked.hash.0),
        prev_hash: None,
        recorded_at: None,
        aggregate_kind: None,
        aggregate_id: None,
        command: None,
        command_id: None,
        command_digest: None,
        actor: None,
        correlation_id: None,
        causation_id: None,
        event_index: None,
        event_id: None,
        effective_date: None,
        event_type: None,
        schema_version: None,
        payload: None,
        quarantined: checked.fault.clone(),
        raw: None,
    };
    let Some(commit) = &checked.commit else {
        return vec![ExportLine {
            raw: Some(hex(raw)),
            ..base
        }];
    };
    let h = &commit.header;
    (0u32..)
        .zip(&commit.events)
        .map(|(index, record)| ExportLine {
            prev_hash: Some(hex(&h.prev_hash.0)),
            recorded_at: Some(h.recorded_at),
            aggregate_kind: Some(h.aggregate_kind.as_str()),
            aggregate_id: Some(h.aggregate_id),
            command: Some(h.command.clone()),
            command_id: Some(h.command_id),
            command_digest: Some(hex(&h.command_digest)),
            actor: Some(h.actor),
            correlation_id: Some(h.correlation_id),
            causation_id: Some(h.causation_id),
            event_index: Some(index),
            event_id: Some(record.event_id),
            effective_date: Some(record.effective_date),
            event_type: Some(record.event.event_type().name()),
            schema_version: Some(record.schema_version),
            payload: Some(payload::to_json(&record.event)),
            ..base.clone()
        })
        .collect()
}

/// Counts and hashes what passes through, so the report can fingerprint the file
/// without reading it back.
struct Counted<W> {
    inner: W,
    bytes: u64,
    hasher: Sha256,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

enum Output {
    Plain(BufWriter<Counted<File>>),
    Zstd(zstd::Encoder<'static, BufWriter<Counted<File>>>),
}

impl Output {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Plain(w) => w,
            Output::Zstd(w) => w,
        }
    }

    fn finish(self) -> std::io::Result<Counted<File>> {
        let buffered = match self {
            Output::Plain(w) => w,
            Output::Zstd(w) => w.finish()?,
        };
        let counted = buffered
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        counted.inner.sync_all()?;
        Ok(counted)
    }
}

struct Exporting {
    chain: ChainWalker,
    out: Output,
    staging: PathBuf,
    report: ExportReport,
}

impl Exporting {
    fn step(&mut self, batch: &[StoredMessage]) -> Result<(), AuditError> {
        let mut text = Vec::with_capacity(batch.len() * 512);
        for message in batch {
            let checked = self.chain.check(message);
            self.report.last_seq = message.seq;
            self.report.messages += 1;
            if checked.fault.is_some() {
                self.report.quarantined += 1;
            }
            for line in lines_of(&checked, &message.payload) {
                serde_json::to_writer(&mut text, &line).map_err(AuditError::Encode)?;
                text.push(b'\n');
                self.report.lines += 1;
            }
        }
        self.out
            .writer()
            .write_all(&text)
            .map_err(|e| AuditError::io(&self.staging, e))
    }
}

/// What to do when the destination of an export exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Existing {
    Refuse,
    Replace,
}

/// Exports every message of the stream as it stands now to `path`, a file that must not
/// exist yet, zstd-compressed when `compress`.
///
/// Fails with [`AuditError::ExportExists`] when `path` exists, checked before the stream
/// is read and again, atomically, when the complete file is moved into place; otherwise
/// when the stream cannot be read or the file cannot be written. A failed export leaves
/// no file at `path`, nor changes one that was there.
pub async fn export(
    log: &EventLog,
    path: &Path,
    compress: bool,
    progress: Progress<'_>,
) -> Result<ExportReport, AuditError> {
    write(log, path, compress, Existing::Refuse, progress).await
}

/// Like [`export`], but replaces a file at `path` once the export is complete.
///
/// Fails when the stream cannot be read or the file cannot be written; a failed export
/// leaves a file that was at `path` as it was.
pub async fn export_replacing(
    log: &EventLog,
    path: &Path,
    compress: bool,
    progress: Progress<'_>,
) -> Result<ExportReport, AuditError> {
    write(log, path, compress, Existing::Replace, progress).await
}

async fn write(
    log: &EventLog,
    path: &Path,
    compress: bool,
    existing: Existing,
    progress: Progress<'_>,
) -> Result<ExportReport, AuditError> {
    // Refused before the walk too, so that an export of a long stream does not fail
    // only at its end.
    if existing == Existing::Refuse && std::fs::symlink_metadata(path).is_ok() {
        return Err(AuditError::ExportExists {
            path: path.display().to_string(),
        });
    }
    let until = log.last_sequence().await?;
    // Removed when dropped, so every early return below cleans up after itself.
    let (file, staging) = staging_file(path)?.into_parts();
    let counted = BufWriter::with_capacity(
        1 << 20,
        Counted {
            inner: file,
            bytes: 0,
            hasher: Sha256::new(),
        },
    );
    let out = if compress {
        Output::Zstd(
            zstd::Encoder::new(counted, ZSTD_LEVEL).map_err(|e| AuditError::io(&staging, e))?,
        )
    } else {
        Output::Plain(counted)
    };
    let state = Exporting {
        chain: ChainWalker::new(),
        out,
        staging: staging.to_path_buf(),
        report: ExportReport {
            path: path.display().to_string(),
            compressed: compress,
            last_seq: 0,
            messages: 0,
            lines: 0,
            quarantined: 0,
            bytes: 0,
            sha256: String::new(),
        },
    };
    let done = pump(log, 1, until, state, |w, batch| w.step(&batch), progress).await?;
    let mut report = done.report;
    let counted = done.out.finish().map_err(|e| AuditError::io(&staging, e))?;
    report.bytes = counted.bytes;
    report.sha256 = hex(&counted.hasher.finalize());
    let placed = match existing {
        // A rename that fails when the name is taken (or a hard link where the file
        // system has no such rename), so that a file created at `path` during the
        // walk is not replaced either.
        Existing::Refuse => staging.persist_noclobber(path),
        Existing::Replace => staging.persist(path),
    };
    placed.map_err(|failed| match failed.error.kind() {
        ErrorKind::AlreadyExists if existing == Existing::Refuse => AuditError::ExportExists {
            path: path.display().to_string(),
        },
        _ => AuditError::io(path, failed.error),
    })?;
    Ok(report)
}

/// A new file beside `path` named `<file name>.<random>.partial`: in the same directory,
/// so that moving it into place is a rename, and unique, so that concurrent exports to
/// one destination do not write into each other's file.
fn staging_file(path: &Path) -> Result<NamedTempFile, AuditError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut prefix = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".partial");
    // Temporary files are private by default; the export gets the permissions any file
    // the user creates gets (the umask applies), as it did before it was staged.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir).map_err(|e| AuditError::io(dir, e))
}
