//! `ladder audit verify`: is the history intact, and do the live read models say
//! what the history says?
//!
//! One pass over the stream checks every aggregate's hash chain and that every
//! message decodes, finds gaps in the sequence, and feeds a fresh rebuild in a
//! temporary directory. The live models are opened read-only (beside a running
//! `ladder serve`), their applied sequence and digest read in one transaction, and
//! the rebuild stops at exactly that sequence, so the two digests must be equal.

use std::path::Path;
use std::sync::Arc;

use ladder_eventlog::{EventLog, StoredMessage, unsafe_settings};
use ladder_projection::ReadModels;
use serde::Serialize;

use crate::chain::{ChainWalker, Fault};
use crate::error::AuditError;
use crate::payload::hex;
use crate::reader::{Progress, StreamState, pump, stream_state};
use crate::replay::Applying;

/// A message that is not a genuine commit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stream sequence.
    pub seq: u64,
    /// The subject it was stored under.
    pub subject: String,
    /// Why.
    #[serde(flatten)]
    pub fault: Fault,
}

/// Sequences missing from the stream, `from..=to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// First missing sequence.
    pub from: u64,
    /// Last missing sequence.
    pub to: u64,
}

/// The stream and its configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StreamSection {
    /// The server's counters.
    pub state: StreamState,
    /// Settings that could lose, hide or rewrite events; empty when safe.
    pub config_drift: Vec<String>,
}

/// The hash chains.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChainSection {
    /// Messages read.
    pub messages: u64,
    /// Aggregates with at least one genuine commit.
    pub aggregates: u64,
    /// Messages that are not genuine commits: they do not decode, claim another
    /// aggregate, or break their aggregate's chain.
    pub broken: Vec<Finding>,
    /// Holes in the stream sequence (deleted messages).
    pub gaps: Vec<Gap>,
}

/// The live read models against a rebuild.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ModelsSection {
    /// The live read-model file.
    pub path: String,
    /// The live models' applied sequence; the rebuild stops there.
    pub applied_seq: u64,
    /// Digest of the live models (hex).
    pub live_digest: Option<String>,
    /// Digest of the rebuild (hex).
    pub rebuilt_digest: Option<String>,
    /// Whether the two are equal.
    pub matches: bool,
    /// Why the comparison could not be made.
    pub error: Option<String>,
    /// What the live models hold in quarantine, by sequence.
    pub quarantined: Vec<Finding>,
}

/// The whole verification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Whether every check passed.
    pub ok: bool,
    /// Stream configuration and counters.
    pub stream: StreamSection,
    /// Hash chains and sequence gaps.
    pub chain: ChainSection,
    /// Live read models against a fresh rebuild.
    pub models: ModelsSection,
}

impl VerifyReport {
    fn judge(&mut self) {
        self.ok = self.stream.config_drift.is_empty()
            && self.chain.broken.is_empty()
            && self.chain.gaps.is_empty()
            && self.models.matches
            && self.models.quarantined.is_empty();
    }
}

struct Checking {
    chain: ChainWalker,
    section: ChainSection,
    next_seq: u64,
    rebuild: Option<(Applying, u64)>,
}

impl Checking {
    fn step(&mut self, batch: Vec<StoredMessage>) -> Result<(), AuditError> {
        for message in &batch {
            if message.seq > self.next_seq {
                self.section.gaps.push(Gap {
                    from: self.next_seq,
                    to: message.seq - 1,
                });
            }
            self.next_seq = message.seq + 1;
            self.section.messages += 1;
            let checked = self.chain.check(message);
            if let Some(fault) = checked.fault {
                self.section.broken.push(Finding {
                    seq: checked.seq,
                    subject: checked.subject,
                    fault,
                });
            }
        }
        if let Some((applying, until)) = &mut self.rebuild {
            applying.add(batch.into_iter().filter(|m| m.seq <= *until))?;
        }
        Ok(())
    }
}

/// Verifies the stream and the live read models in `models_file`.
///
/// Findings go into the report; an error means the verification itself could not
/// run (the stream is unreachable, the scratch directory unusable). Live models
/// that cannot be opened are a finding, not an error.
pub async fn verify(
    log: &EventLog,
    models_file: &Path,
    progress: Progress<'_>,
) -> Result<VerifyReport, AuditError> {
    let config_drift = unsafe_settings(&log.stream_config().await?);
    let mut models = ModelsSection {
        path: models_file.display().to_string(),
        ..ModelsSection::default()
    };
    let live = match open_live(models_file) {
        Ok((live, applied_seq, digest)) => {
            models.applied_seq = applied_seq;
            models.live_digest = Some(digest);
            Some(live)
        }
        Err(err) => {
            models.error = Some(format!(
                "cannot read the live read models: {}",
                crate::chain::error_chain(&err)
            ));
            None
        }
    };
    // Read after the live models: a projector never passes the stream's end, so the
    // walk below covers the live applied sequence even while commands keep coming.
    let state = stream_state(log).await?;
    let scratch = tempfile::Builder::new()
        .prefix("ladder-verify-")
        .tempdir()
        .map_err(|e| AuditError::io(&std::env::temp_dir(), e))?;
    let rebuild = match &live {
        Some(_) => {
            let fresh = ReadModels::open(&scratch.path().join(ladder_projection::MODELS_FILE))?;
            Some((Applying::new(Arc::new(fresh)), models.applied_seq))
        }
        None => None,
    };
    let checking = Checking {
        chain: ChainWalker::new(),
        section: ChainSection::default(),
        next_seq: state.first_seq.max(1),
        rebuild,
    };
    let mut done = pump(log, 1, state.last_seq, checking, Checking::step, progress).await?;
    if state.first_seq > 1 {
        done.section.gaps.insert(
            0,
            Gap {
                from: 1,
                to: state.first_seq - 1,
            },
        );
    }
    if done.next_seq <= state.last_seq {
        done.section.gaps.push(Gap {
            from: done.next_seq,
            to: state.last_seq,
        });
    }
    done.section.aggregates = done.chain.aggregates() as u64;
    if let (Some(live), Some((mut applying, _))) = (live, done.rebuild) {
        let compared = tokio::task::spawn_blocking(move || {
            applying.flush()?;
            let fresh = &applying.models;
            let quarantined = live.quarantined()?;
            Ok::<_, AuditError>((fresh.applied_seq()?, hex(&fresh.digest()?), quarantined))
        })
        .await
        .map_err(|e| AuditError::Task(e.to_string()))??;
        let (rebuilt_seq, rebuilt_digest, quarantined) = compared;
        models.matches = models.live_digest.as_deref() == Some(rebuilt_digest.as_str());
        if rebuilt_seq < models.applied_seq {
            models.error = Some(format!(
                "the live models claim sequence {} but the stream ends at {rebuilt_seq}",
                models.applied_seq
            ));
        }
        models.rebuilt_digest = Some(rebuilt_digest);
        models.quarantined = quarantined
            .into_iter()
            .map(|(seq, record)| Finding {
                seq,
                subject: record.subject,
                fault: Fault {
                    reason_code: record.reason_code,
                    reason: record.reason,
                    expected: None,
                    found: None,
                },
            })
            .collect();
    }
    let mut report = VerifyReport {
        ok: false,
        stream: StreamSection {
            state,
            config_drift,
        },
        chain: done.section,
        models,
    };
    report.judge();
    Ok(report)
}

fn open_live(path: &Path) -> Result<(ReadModels, u64, String), ladder_projection::ProjectionError> {
    let live = ReadModels::open_read_only(path)?;
    let (applied_seq, digest) = live.digest_at_applied()?;
    Ok((live, applied_seq, hex(&digest)))
}
