//! The command handler: load, decide, append, and retry on concurrent change.

use std::sync::Arc;

use bytes::Bytes;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ladder_domain::{
    AggregateState, Command, CommandName, InvalidCommand, References, Rejection, decide,
};
use ladder_eventlog::{AppendError, Appended, EventLog, EventLogError, History};
use proto_events::{AggregateKind, Commit, CommitHeader, EventRecord, subject};
use tracing::{debug, info, instrument, warn};
use uuid::Uuid;

use crate::models::Models;
use crate::reply::CommandReply;

/// How many times a command is decided again after losing a race on its aggregate.
/// Commands on one aggregate queue within a node, so only other nodes cause races.
pub const MAX_ATTEMPTS: usize = 8;

/// Pause before the n-th retry: n times this.
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(5);

/// Turns commands into commits.
#[derive(Clone, Debug)]
pub struct CommandHandler {
    log: EventLog,
    time_zone: TimeZone,
    competencies: Option<Vec<(String, u32)>>,
    interests: Option<Vec<String>>,
    /// Commands on one aggregate take turns within this node, so that concurrent
    /// requests queue instead of racing; the optimistic check on append still
    /// settles races with other nodes. Striped: an aggregate hashes to one lock.
    turns: Arc<[tokio::sync::Mutex<()>]>,
    /// The read models' index of applied command ids, which finds an id reused on
    /// another aggregate after JetStream's duplicate window has passed.
    command_index: Option<Models>,
}

/// Locks shared by all aggregates; enough that unrelated aggregates rarely wait.
const TURN_STRIPES: usize = 1024;

/// A command's reply, and whether it repeats an earlier outcome of the same id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handled {
    /// The reply.
    pub reply: CommandReply,
    /// `true` when the command id was already recorded and its original reply is
    /// returned; nothing new was stored.
    pub replayed: bool,
}

impl CommandHandler {
    /// A handler appending to `log`; effective dates default to the recorded day in
    /// `time_zone`, the organisation's.
    pub fn new(log: EventLog, time_zone: TimeZone) -> CommandHandler {
        CommandHandler {
            log,
            time_zone,
            competencies: None,
            interests: None,
            command_index: None,
            turns: (0..TURN_STRIPES)
                .map(|_| tokio::sync::Mutex::new(()))
                .collect(),
        }
    }

    /// Restricts mentorship focus competencies and position requirements to these
    /// competencies of the active framework, each given with its highest level, which no
    /// position may require more than.
    pub fn with_competencies(
        mut self,
        levels: impl IntoIterator<Item = (String, u32)>,
    ) -> CommandHandler {
        self.competencies = Some(levels.into_iter().collect());
        self
    }

    /// Restricts the interests `onboard-employee` accepts to these ids (the planning
    /// file's interest table); `None` accepts any well-formed interest.
    pub fn with_interests(mut self, ids: Option<Vec<String>>) -> CommandHandler {
        self.interests = ids;
        self
    }

    /// Looks command ids up in these read models before accepting a new one.
    pub fn with_command_index(mut self, models: Models) -> CommandHandler {
        self.command_index = Some(models);
        self
    }

    /// The organisation's time zone.
    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// The event log.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// Handles the command `name` with JSON body `body`. Never panics on input; every
    /// outcome, including the log being down, is a reply.
    #[instrument(level = "debug", skip(self, body), fields(command = name))]
    pub async fn handle(&self, name: &str, body: &[u8]) -> CommandReply {
        if !CommandName::ALL
            .iter()
            .any(|c| c.is_public() && c.as_str() == name)
        {
            let known: Vec<&str> = CommandName::ALL
                .iter()
                .filter(|c| c.is_public())
                .map(|c| c.as_str())
                .collect();
            return CommandReply::UnknownCommand {
                message: format!("unknown command `{name}`; known: {}", known.join(", ")),
            };
        }
        let command = match Command::parse(name, body) {
            Ok(command) => command,
            Err(InvalidCommand { field, message }) => {
                // serde's own messages already name the field in backticks ("missing field
                // `name`"); any other message needs the prefix, even one that happens to
                // contain the field's name as a word ("names" in the e-mail refusal).
                let message = match &field {
                    Some(f) if !message.contains(&format!("`{f}`")) => {
                        format!("field `{f}`: {message}")
                    }
                    _ => message,
                };
                info!(
                    command = name,
                    field = field.as_deref(),
                    "command refused as invalid"
                );
                return CommandReply::Invalid { field, message };
            }
        };
        let handled = self.handle_command(&command).await;
        // One line per command: an operator sees the traffic and what was refused, by code.
        info!(
            command = name,
            command_id = %command.meta.command_id,
            status = handled.reply.http_status(),
            code = handled.reply.code(),
            replayed = handled.replayed,
            "command handled"
        );
        handled.reply
    }

    /// Handles a parsed command, published or issued by Ladder itself.
    pub async fn handle_command(&self, command: &Command) -> Handled {
        let reply = self.decide_and_append(command).await;
        let replayed = matches!(reply, Ok(Replay::Earlier(_)));
        let reply = match reply {
            Ok(Replay::Earlier(reply) | Replay::New(reply)) | Err(reply) => reply,
        };
        Handled { reply, replayed }
    }

    async fn decide_and_append(&self, command: &Command) -> Result<Replay, CommandReply> {
        let (kind, id) = command.target();
        let subject = subject::aggregate(kind, id);
        let digest = command.digest();
        let stripe = usize::try_from(id.as_u128() % TURN_STRIPES as u128).unwrap_or(0);
        let _turn = self.turns[stripe].lock().await;
        // Any aggregate may have recorded the id; the earlier commit decides.
        if let Some(seq) = self.indexed_command(command.meta.command_id)? {
            return self.duplicate(command, seq).await.map(Replay::Earlier);
        }
        for attempt in 1..=MAX_ATTEMPTS {
            let history = self.log.load(&subject).await.map_err(|e| log_failure(&e))?;
            if let Some(reply) = earlier_outcome(&history, command) {
                return Ok(Replay::Earlier(reply?));
            }
            let references = self.references(command).await?;
            let mut state = AggregateState::empty(kind);
            for stored in &history.commits {
                for record in &stored.commit.events {
                    state.apply(&record.event, record.effective_date);
                }
            }
            let events = decide(command, &state, &references).map_err(|r| rejected(&r))?;
            let commit = self.build_commit(command, &history, digest, events);
            let event_ids: Vec<Uuid> = commit.events.iter().map(|e| e.event_id).collect();
            let bytes = commit
                .encode()
                .map(Bytes::from)
                .map_err(|err| CommandReply::Error {
                    message: format!("cannot encode the commit: {err}"),
                })?;
            let command_id = command.meta.command_id;
            match self
                .log
                .append(&subject, history.last_seq, command_id, bytes)
                .await
            {
                Ok(Appended::Stored { seq }) => {
                    let reply = CommandReply::Accepted {
                        command_id,
                        stream_seq: seq,
                        event_ids,
                    };
                    return Ok(Replay::New(reply));
                }
                Ok(Appended::Duplicate { seq }) => {
                    return self.duplicate(command, seq).await.map(Replay::Earlier);
                }
                Err(AppendError::WrongLastSequence) => {
                    debug!(%subject, attempt, "aggregate changed under the command; deciding again");
                    // Another node wrote first; give it room before reloading.
                    tokio::time::sleep(RETRY_PAUSE * u32::try_from(attempt).unwrap_or(1)).await;
                }
                Err(AppendError::Log(err)) => return Err(log_failure(&err)),
            }
        }
        warn!(%subject, attempts = MAX_ATTEMPTS, "giving up after repeated concurrent changes");
        Err(CommandReply::Conflict {
            message: format!(
                "{subject} changed {MAX_ATTEMPTS} times while the command was being decided; \
                 retry with the same command_id"
            ),
        })
    }

    /// Where the read models saw `command_id` recorded, on any aggregate.
    fn indexed_command(&self, command_id: Uuid) -> Result<Option<u64>, CommandReply> {
        let Some(models) = &self.command_index else {
            return Ok(None);
        };
        models
            .current()
            .command_seq(command_id)
            .map_err(|err| CommandReply::Error {
                message: format!("cannot read the command index: {err}"),
            })
    }

    /// Which of the command's references exist, the state of the employees it names, and
    /// the competencies and interests it may name.
    async fn references(&self, command: &Command) -> Result<References, CommandReply> {
        let mut references = References::default();
        if let Some(levels) = &self.competencies {
            references.set_competency_levels(levels.iter().cloned());
        }
        if let Some(ids) = &self.interests {
            references.set_interests(ids.iter().cloned());
        }
        // Only a command without an effective date uses it: it is then dated today.
        let today = Timestamp::now()
            .to_zoned_datetime(self.time_zone.clone())
            .date();
        references.set_recorded_on(today);
        for (kind, id) in command.references() {
            let aggregate = subject::aggregate(kind, id);
            if kind == AggregateKind::Employee {
                // Whether the employee was onboarded and when they left is in their
                // history; that the subject exists says neither (consent alone creates it).
                let history = self
                    .log
                    .load(&aggregate)
                    .await
                    .map_err(|e| log_failure(&e))?;
                let mut state = AggregateState::empty(kind);
                for stored in &history.commits {
                    for record in &stored.commit.events {
                        state.apply(&record.event, record.effective_date);
                    }
                }
                if let AggregateState::Employee(employee) = state {
                    references.insert_employee(id, employee);
                }
            } else {
                let history = self
                    .log
                    .load(&aggregate)
                    .await
                    .map_err(|e| log_failure(&e))?;
                // An ERG's first commit is its registration; budgets and projects of the
                // ERG may not be dated before it.
                let registered_on = history
                    .commits
                    .first()
                    .and_then(|stored| stored.commit.events.first())
                    .filter(|record| matches!(record.event, proto_events::Event::ErgRegistered(_)))
                    .map(|record| record.effective_date);
                match (kind, registered_on) {
                    (AggregateKind::Erg, Some(day)) => references.insert_erg(id, day),
                    _ if history.exists() => references.insert(kind, id),
                    _ => {}
                }
            }
        }
        Ok(references)
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

    /// The command id is already recorded at `seq`: JetStream recognised it within its
    /// duplicate window, or the read models' command index holds it. The earlier
    /// message decides: the same command gets its original reply, another command
    /// that reused the id is rejected.
    async fn duplicate(&self, command: &Command, seq: u64) -> Result<CommandReply, CommandReply> {
        let missing = || CommandReply::Error {
            message: format!("the stream reported a duplicate at {seq}, which is missing"),
        };
        let original = self
            .log
            .get(seq)
            .await
            .map_err(|e| log_failure(&e))?
            .ok_or_else(missing)?;
        let command_id = command.meta.command_id;
        match Commit::decode(&original.payload) {
            Ok(commit) if command.recorded_in(&commit) => Ok(CommandReply::Accepted {
                command_id,
                stream_seq: seq,
                event_ids: commit.events.iter().map(|e| e.event_id).collect(),
            }),
            _ => Err(rejected(&Rejection::CommandIdReused { command_id })),
        }
    }
}

/// A reply that is either new or the repeat of an earlier one.
enum Replay {
    New(CommandReply),
    Earlier(CommandReply),
}

/// The reply already given to this command id, if the aggregate recorded it; a
/// different command under the same id is an error.
fn earlier_outcome(
    history: &History,
    command: &Command,
) -> Option<Result<CommandReply, CommandReply>> {
    let stored = history.find_command(command.meta.command_id)?;
    let command_id = command.meta.command_id;
    Some(if command.recorded_in(&stored.commit) {
        Ok(CommandReply::Accepted {
            command_id,
            stream_seq: stored.seq,
            event_ids: stored.commit.events.iter().map(|e| e.event_id).collect(),
        })
    } else {
        Err(rejected(&Rejection::CommandIdReused { command_id }))
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
