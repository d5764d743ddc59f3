//! The command handler: load, decide, append, and retry on concurrent change.

use bytes::Bytes;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ladder_domain::{AggregateState, Command, InvalidCommand, References, Rejection, decide};
use ladder_eventlog::{AppendError, Appended, EventLog, EventLogError, History};
use proto_events::{Commit, CommitHeader, EventRecord, subject};
use tracing::{debug, instrument, warn};
use uuid::Uuid;

use crate::reply::CommandReply;

/// How many times a command is decided again after losing a race on its aggregate.
pub const MAX_ATTEMPTS: usize = 5;

/// Turns commands into commits.
#[derive(Clone, Debug)]
pub struct CommandHandler {
    log: EventLog,
    time_zone: TimeZone,
}

impl CommandHandler {
    /// A handler appending to `log`; effective dates default to the recorded day in
    /// `time_zone`, the organisation's.
    pub fn new(log: EventLog, time_zone: TimeZone) -> CommandHandler {
        CommandHandler { log, time_zone }
    }

    /// The event log.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// Handles the command `name` with JSON body `body`. Never panics on input; every
    /// outcome, including the log being down, is a reply.
    #[instrument(level = "debug", skip(self, body), fields(command = name))]
    pub async fn handle(&self, name: &str, body: &[u8]) -> CommandReply {
        let command = match Command::parse(name, body) {
            Ok(command) => command,
            Err(InvalidCommand { field, message }) => {
                let message = match &field {
                    Some(f) if !message.contains(f.as_str()) => format!("field `{f}`: {message}"),
                    _ => message,
                };
                return CommandReply::Invalid { field, message };
            }
        };
        let reply = self.handle_command(&command).await;
        debug!(command_id = %command.meta.command_id, status = reply.http_status(), "handled");
        reply
    }

    async fn handle_command(&self, command: &Command) -> CommandReply {
        let (kind, id) = command.target();
        let subject = subject::aggregate(kind, id);
        let digest = command.digest();
        for attempt in 1..=MAX_ATTEMPTS {
            let history = match self.log.load(&subject).await {
                Ok(history) => history,
                Err(err) => return log_failure(&err),
            };
            if let Some(reply) = earlier_outcome(&history, command, digest) {
                return reply;
            }
            let mut references = References::default();
            for (ref_kind, ref_id) in command.references() {
                match self
                    .log
                    .subject_exists(&subject::aggregate(ref_kind, ref_id))
                    .await
                {
                    Ok(true) => references.insert(ref_kind, ref_id),
                    Ok(false) => {}
                    Err(err) => return log_failure(&err),
                }
            }
            let mut state = AggregateState::empty(kind);
            for stored in &history.commits {
                for record in &stored.commit.events {
                    state.apply(&record.event);
                }
            }
            let events = match decide(command, &state, &references) {
                Ok(events) => events,
                Err(rejection) => return rejected(&rejection),
            };
            let commit = self.build_commit(command, &history, digest, events);
            let event_ids: Vec<Uuid> = commit.events.iter().map(|e| e.event_id).collect();
            let bytes = match commit.encode() {
                Ok(bytes) => Bytes::from(bytes),
                Err(err) => {
                    return CommandReply::Error {
                        message: format!("cannot encode the commit: {err}"),
                    };
                }
            };
            match self
                .log
                .append(&subject, history.last_seq, command.meta.command_id, bytes)
                .await
            {
                Ok(Appended::Stored { seq }) => {
                    return CommandReply::Accepted {
                        command_id: command.meta.command_id,
                        stream_seq: seq,
                        event_ids,
                    };
                }
                Ok(Appended::Duplicate { seq }) => {
                    return self.duplicate(command, digest, seq).await;
                }
                Err(AppendError::WrongLastSequence) => {
                    debug!(%subject, attempt, "aggregate changed under the command; deciding again");
                }
                Err(AppendError::Log(err)) => return log_failure(&err),
            }
        }
        warn!(%subject, attempts = MAX_ATTEMPTS, "giving up after repeated concurrent changes");
        CommandReply::Conflict {
            message: format!(
                "{subject} changed {MAX_ATTEMPTS} times while the command was being decided; \
                 retry with the same command_id"
            ),
        }
    }

    fn build_commit(
        &self,
        command: &Command,
        history: &History,
        digest: [u8; 32],
        events: Vec<proto_events::Event>,
    ) -> Commit {
        let (kind, id) = command.target();
        let now = Timestamp::now();
        let recorded_day = now.to_zoned_datetime(self.time_zone.clone()).date();
        let effective_date = command.meta.effective_date.unwrap_or(recorded_day);
        let command_id = command.meta.command_id;
        Commit {
            header: CommitHeader {
                aggregate_kind: kind,
                aggregate_id: id,
                command: command.name.as_str().to_owned(),
                command_id,
                command_digest: digest,
                actor: command.meta.actor,
                correlation_id: command.meta.correlation_id.unwrap_or(command_id),
                causation_id: command.meta.causation_id.unwrap_or(command_id),
                recorded_at: now,
                prev_hash: history.head,
            },
            events: events
                .into_iter()
                .map(|event| EventRecord {
                    event_id: Uuid::now_v7(),
                    effective_date,
                    schema_version: event.event_type().current_version(),
                    event,
                })
                .collect(),
        }
    }

    /// JetStream recognised the command id within its duplicate window. The earlier
    /// message decides: the same command gets its original reply, another command
    /// that reused the id is rejected.
    async fn duplicate(&self, command: &Command, digest: [u8; 32], seq: u64) -> CommandReply {
        let original = match self.log.get(seq).await {
            Ok(Some(msg)) => msg,
            Ok(None) => {
                return CommandReply::Error {
                    message: format!("the stream reported a duplicate at {seq}, which is missing"),
                };
            }
            Err(err) => return log_failure(&err),
        };
        match Commit::decode(&original.payload) {
            Ok(commit) if commit.header.command_digest == digest => CommandReply::Accepted {
                command_id: command.meta.command_id,
                stream_seq: seq,
                event_ids: commit.events.iter().map(|e| e.event_id).collect(),
            },
            _ => rejected(&Rejection::CommandIdReused {
                command_id: command.meta.command_id,
            }),
        }
    }
}

/// The reply already given to this command id, if the aggregate recorded it.
fn earlier_outcome(history: &History, command: &Command, digest: [u8; 32]) -> Option<CommandReply> {
    let stored = history.find_command(command.meta.command_id)?;
    Some(if stored.commit.header.command_digest == digest {
        CommandReply::Accepted {
            command_id: command.meta.command_id,
            stream_seq: stored.seq,
            event_ids: stored.commit.events.iter().map(|e| e.event_id).collect(),
        }
    } else {
        rejected(&Rejection::CommandIdReused {
            command_id: command.meta.command_id,
        })
    })
}

fn rejected(rejection: &Rejection) -> CommandReply {
    CommandReply::Rejected {
        code: rejection.code().to_owned(),
        message: rejection.to_string(),
    }
}

fn log_failure(err: &EventLogError) -> CommandReply {
    let message = crate::error_chain(err);
    if err.is_unavailable() {
        warn!(error = %message, "event log unavailable; command not stored");
        CommandReply::Unavailable { message }
    } else {
        warn!(error = %message, "event log refused the command");
        CommandReply::Error { message }
    }
}
