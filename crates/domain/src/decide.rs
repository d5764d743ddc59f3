//! The decision: given a command and the history it would change, which events?

use std::collections::BTreeSet;

use proto_events::{AggregateKind, Event};
use uuid::Uuid;

use crate::aggregate::AggregateState;
use crate::command::{Command, CommandBody};
use crate::rejection::Rejection;

/// Which of a command's referenced aggregates exist.
#[derive(Clone, Debug, Default)]
pub struct References {
    existing: BTreeSet<(AggregateKind, Uuid)>,
}

impl References {
    /// Records that an aggregate exists.
    pub fn insert(&mut self, kind: AggregateKind, id: Uuid) {
        self.existing.insert((kind, id));
    }

    fn require(&self, kind: AggregateKind, id: Uuid) -> Result<(), Rejection> {
        if self.existing.contains(&(kind, id)) {
            return Ok(());
        }
        Err(match kind {
            AggregateKind::Erg => Rejection::UnknownErg { erg_id: id },
            AggregateKind::Budget => Rejection::UnknownBudget { budget_id: id },
            AggregateKind::Project => Rejection::UnknownProject { project_id: id },
        })
    }
}

/// Decides the events a command produces, or why it is refused.
///
/// Pure: the same command, state and references give the same answer. `state`
/// must be the folded history of `command.target()`.
pub fn decide(
    command: &Command,
    state: &AggregateState,
    references: &References,
) -> Result<Vec<Event>, Rejection> {
    for (kind, id) in command.references() {
        references.require(kind, id)?;
    }
    let actor = command.meta.actor;
    match (&command.body, state) {
        (CommandBody::RegisterErg(c), AggregateState::Erg(s)) => s.register(c.erg_id, c),
        (CommandBody::AssignErgRole(c), AggregateState::Erg(s)) => s.assign(c),
        (CommandBody::EndErgRole(c), AggregateState::Erg(s)) => s.end(c),
        (CommandBody::RequestBudget(c), AggregateState::Budget(s)) => s.request(c),
        (CommandBody::ApproveBudget(c), AggregateState::Budget(s)) => s.approve(actor, c),
        (CommandBody::RejectBudget(c), AggregateState::Budget(s)) => s.reject(actor, c),
        (CommandBody::CloseBudget(c), AggregateState::Budget(s)) => s.close(actor, c),
        (CommandBody::StartProject(c), AggregateState::Project(s)) => s.start(c),
        (CommandBody::CompleteProject(c), AggregateState::Project(s)) => s.complete(actor, c),
        // Only reachable if a caller passes another aggregate's state: the command
        // is then decided against an empty history of its own kind, which always
        // matches one of the arms above.
        (_, _) => decide(
            command,
            &AggregateState::empty(command.target().0),
            references,
        ),
    }
}
