//! The audit log: every event for a person, an ERG or a period, with who, when,
//! why, and the evidence it produced.
//!
//! The whole stream is walked in order, because attributing an event can need an
//! earlier one (a budget's closing belongs to the owner named when it was
//! requested). Quarantined messages are listed with their reason, never dropped:
//! one that decodes is filtered like any event, one that does not is listed
//! whatever the filter, since nobody can tell whom it concerns.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use ladder_eventlog::{EventLog, StoredMessage};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::chain::{ChainWalker, Fault};
use crate::error::AuditError;
use crate::parties::{EvidenceNote, Involvement, Parties};
use crate::payload;
use crate::reader::{Flow, Progress, pump_while};

/// Which events to list; every condition given must hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Events that name this employee, are issued by them, or change an aggregate
    /// of theirs (their budget, project, mentorship or learning record).
    pub employee: Option<Uuid>,
    /// The ERG's own events and those of its budgets and projects.
    pub erg: Option<Uuid>,
    /// Effective on or after this day.
    pub from: Option<Date>,
    /// Effective on or before this day.
    pub to: Option<Date>,
}

/// A query parameter of the audit log that does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("parameter `{field}`: {message}")]
pub struct InvalidFilter {
    /// The parameter.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl Filter {
    /// Reads `employee`, `erg`, `from` and `to` from query parameters; other
    /// parameters are left to the caller.
    pub fn from_params(params: &BTreeMap<String, String>) -> Result<Filter, InvalidFilter> {
        fn parse<T: std::str::FromStr>(
            params: &BTreeMap<String, String>,
            field: &str,
        ) -> Result<Option<T>, InvalidFilter>
        where
            T::Err: std::fmt::Display,
        {
            params
                .get(field)
                .filter(|v| !v.is_empty())
                .map(|v| {
                    v.parse::<T>().map_err(|e| InvalidFilter {
                        field: field.to_owned(),
                        message: e.to_string(),
                    })
                })
                .transpose()
        }
        let filter = Filter {
            employee: parse(params, "employee")?,
            erg: parse(params, "erg")?,
            from: parse(params, "from")?,
            to: parse(params, "to")?,
        };
        filter.check()?;
        Ok(filter)
    }

    /// Refuses a period that ends before it starts: it could match no event, so an
    /// empty listing would read as "nothing happened" rather than as a typo.
    pub fn check(&self) -> Result<(), InvalidFilter> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if to < from => Err(InvalidFilter {
                field: "to".to_owned(),
                message: format!("{to} is before `from` {from}; the period must not be reversed"),
            }),
            _ => Ok(()),
        }
    }

    fn matches(&self, involvement: &Involvement, effective: Date) -> bool {
        self.employee
            .is_none_or(|e| involvement.people.contains(&e))
            && self.erg.is_none_or(|g| involvement.erg == Some(g))
            && self.from.is_none_or(|d| effective >= d)
            && self.to.is_none_or(|d| effective <= d)
    }
}

/// One event as an auditor sees it. A message that does not decode has only its
/// sequence, subject and quarantine reason.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEvent {
    /// Stream sequence of the commit.
    pub seq: u64,
    /// The subject it was stored under.
    pub subject: String,
    /// When Ladder accepted the command.
    pub recorded_at: Option<Timestamp>,
    /// When it happened in the business.
    pub effective_date: Option<Date>,
    /// Who issued the command.
    pub actor: Option<Uuid>,
    /// The command's name.
    pub command: Option<String>,
    /// The command's id.
    pub command_id: Option<Uuid>,
    /// The business transaction it belongs to.
    pub correlation_id: Option<Uuid>,
    /// What caused it.
    pub causation_id: Option<Uuid>,
    /// The event's own id.
    pub event_id: Option<Uuid>,
    /// Its position in the commit.
    pub event_index: Option<u32>,
    /// Kebab-case event type.
    pub event_type: Option<&'static str>,
    /// The payload's schema version.
    pub schema_version: Option<u16>,
    /// The payload's fields.
    pub payload: Option<Value>,
    /// The evidence it created, changed or withdrew.
    pub evidence: Vec<EvidenceNote>,
    /// Why the read models did not apply it; absent for a genuine commit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarantined: Option<Fault>,
}

/// Receives the listed events in stream order, on the walk's worker thread.
pub trait EventSink: Send + 'static {
    /// Takes one event; an error stops the walk.
    fn accept(&mut self, event: AuditEvent) -> Result<(), AuditError>;
}

impl EventSink for Vec<AuditEvent> {
    fn accept(&mut self, event: AuditEvent) -> Result<(), AuditError> {
        self.push(event);
        Ok(())
    }
}

/// Which part of the selected events to list: those after a stream sequence, up to a
/// number of events. A page never splits a commit, so it may hold a few events more
/// than `limit` when the last commit holds several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// List only events of commits after this stream sequence.
    pub after_seq: u64,
    /// Stop once this many events are listed; `None`: no limit.
    pub limit: Option<u64>,
}

impl Page {
    /// Every selected event.
    pub const ALL: Page = Page {
        after_seq: 0,
        limit: None,
    };
}

/// What a walk of the audit log covered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LogSummary {
    /// The last stream sequence read.
    pub last_seq: u64,
    /// Messages read.
    pub messages: u64,
    /// Events handed to the sink (undecodable messages count as one).
    pub listed: u64,
    /// Messages quarantined, listed or not.
    pub quarantined: u64,
    /// Set when the page filled up before the end of the stream: the `after_seq` of
    /// the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_after_seq: Option<u64>,
}

struct Walk<K> {
    filter: Filter,
    page: Page,
    chain: ChainWalker,
    parties: Parties,
    sink: K,
    summary: LogSummary,
}

/// Walks the whole stream as it stands now and hands every event that `filter`
/// selects to `sink`, in stream order; returns the sink and a summary.
///
/// Fails when the stream cannot be read or the sink fails.
pub async fn walk<K: EventSink>(
    log: &EventLog,
    filter: Filter,
    sink: K,
    progress: Progress<'_>,
) -> Result<(K, LogSummary), AuditError> {
    walk_page(log, filter, Page::ALL, sink, progress).await
}

/// [`walk`] listing one page of the selected events. The stream is still read from
/// its start, since attributing an event can need earlier ones, but the walk stops
/// as soon as the page is full.
pub async fn walk_page<K: EventSink>(
    log: &EventLog,
    filter: Filter,
    page: Page,
    sink: K,
    progress: Progress<'_>,
) -> Result<(K, LogSummary), AuditError> {
    let until = log.last_sequence().await?;
    let state = Walk {
        filter,
        page,
        chain: ChainWalker::new(),
        parties: Parties::new(),
        sink,
        summary: LogSummary::default(),
    };
    let done = pump_while(log, 1, until, state, |w, batch| w.step(&batch), progress).await?;
    Ok((done.sink, done.summary))
}

impl<K: EventSink> Walk<K> {
    fn step(&mut self, batch: &[StoredMessage]) -> Result<Flow, AuditError> {
        for message in batch {
            let full = self.page.limit.is_some_and(|l| self.summary.listed >= l);
            if full && message.seq > self.page.after_seq {
                self.summary.next_after_seq = Some(self.summary.last_seq);
                return Ok(Flow::Stop);
            }
            self.message(message)?;
        }
        Ok(Flow::Continue)
    }

    fn message(&mut self, message: &StoredMessage) -> Result<(), AuditError> {
        let checked = self.chain.check(message);
        // Earlier commits still feed the chain and the parties, unlisted.
        let listing = message.seq > self.page.after_seq;
        self.summary.last_seq = message.seq;
        self.summary.messages += 1;
        if checked.fault.is_some() {
            self.summary.quarantined += 1;
        }
        let genuine = checked.is_genuine();
        let Some(commit) = &checked.commit else {
            if !listing {
                return Ok(());
            }
            self.summary.listed += 1;
            return self.sink.accept(AuditEvent {
                seq: checked.seq,
                subject: checked.subject.clone(),
                recorded_at: None,
                effective_date: None,
                actor: None,
                command: None,
                command_id: None,
                correlation_id: None,
                causation_id: None,
                event_id: None,
                event_index: None,
                event_type: None,
                schema_version: None,
                payload: None,
                evidence: Vec::new(),
                quarantined: checked.fault,
            });
        };
        let header = &commit.header;
        for (index, record) in (0u32..).zip(&commit.events) {
            let involvement = self.parties.observe(header, record, genuine);
            if !listing || !self.filter.matches(&involvement, record.effective_date) {
                continue;
            }
            self.summary.listed += 1;
            self.sink.accept(AuditEvent {
                seq: checked.seq,
                subject: checked.subject.clone(),
                recorded_at: Some(header.recorded_at),
                effective_date: Some(record.effective_date),
                actor: Some(header.actor),
                command: Some(header.command.clone()),
                command_id: Some(header.command_id),
                correlation_id: Some(header.correlation_id),
                causation_id: Some(header.causation_id),
                event_id: Some(record.event_id),
                event_index: Some(index),
                event_type: Some(record.event.event_type().name()),
                schema_version: Some(record.schema_version),
                payload: Some(payload::to_json(&record.event)),
                evidence: involvement.evidence,
                quarantined: checked.fault.clone(),
            })?;
        }
        Ok(())
    }
}
