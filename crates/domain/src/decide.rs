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
    competencies: Option<BTreeSet<String>>,
    interests: Option<BTreeSet<String>>,
}

impl References {
    /// Records that an aggregate exists.
    pub fn insert(&mut self, kind: AggregateKind, id: Uuid) {
        self.existing.insert((kind, id));
    }

    /// Sets the competency ids of the active framework; mentorships must focus on one.
    /// Without it, focus competencies are not checked.
    pub fn set_competencies(&mut self, ids: impl IntoIterator<Item = String>) {
        self.competencies = Some(ids.into_iter().collect());
    }

    /// Sets the interests employees may declare; without it, any is accepted.
    pub fn set_interests(&mut self, names: impl IntoIterator<Item = String>) {
        self.interests = Some(names.into_iter().collect());
    }

    fn require_interests(&self, declared: &[String]) -> Result<(), Rejection> {
        match &self.interests {
            Some(known) => match declared.iter().find(|i| !known.contains(i.trim())) {
                Some(unknown) => Err(Rejection::UnknownInterest {
                    interest: unknown.trim().to_owned(),
                }),
                None => Ok(()),
            },
            None => Ok(()),
        }
    }

    fn require_competency(&self, id: &str) -> Result<(), Rejection> {
        match &self.competencies {
            Some(known) if !known.contains(id.trim()) => Err(Rejection::UnknownCompetency {
                competency: id.trim().to_owned(),
            }),
            _ => Ok(()),
        }
    }

    fn require(&self, kind: AggregateKind, id: Uuid) -> Result<(), Rejection> {
        if self.existing.contains(&(kind, id)) {
            return Ok(());
        }
        Err(match kind {
            AggregateKind::Erg => Rejection::UnknownErg { erg_id: id },
            AggregateKind::Budget => Rejection::UnknownBudget { budget_id: id },
            AggregateKind::Project => Rejection::UnknownProject { project_id: id },
            AggregateKind::Mentorship => Rejection::UnknownMentorship { mentorship_id: id },
            AggregateKind::Position => Rejection::UnknownPosition { position_id: id },
            AggregateKind::Employee => Rejection::UnknownEmployee { employee_id: id },
            AggregateKind::LmsAccount | AggregateKind::Learning => Rejection::UnknownAggregate {
                kind: kind.as_str(),
                id,
            },
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
        (CommandBody::LinkLmsAccount(c), AggregateState::LmsAccount(s)) => s.link(c),
        (CommandBody::RecordLearning(c), AggregateState::Learning(s)) => s.record(c),
        (CommandBody::RevokeLearning(c), AggregateState::Learning(s)) => s.revoke(c),
        (CommandBody::StartMentorship(c), AggregateState::Mentorship(s)) => {
            references.require_competency(&c.focus_competency)?;
            s.start(c)
        }
        (CommandBody::RecordMentorshipMilestone(c), AggregateState::Mentorship(s)) => {
            s.milestone(c)
        }
        (CommandBody::CompleteMentorship(c), AggregateState::Mentorship(s)) => s.complete(actor, c),
        (CommandBody::DefinePosition(c), AggregateState::Position(s)) => {
            for r in &c.requirements {
                references.require_competency(&r.competency)?;
            }
            s.define(c)
        }
        (CommandBody::NominateSuccessor(c), AggregateState::Position(s)) => s.nominate(c),
        (CommandBody::WithdrawNomination(c), AggregateState::Position(s)) => s.withdraw(c),
        (CommandBody::FillPosition(c), AggregateState::Position(s)) => s.fill(c),
        (CommandBody::OnboardEmployee(c), AggregateState::Employee(s)) => {
            references.require_interests(&c.interests)?;
            s.onboard(c)
        }
        (CommandBody::RecordDeparture(c), AggregateState::Employee(s)) => s.depart(c),
        (CommandBody::GrantVisibilityConsent(c), AggregateState::Employee(s)) => s.grant(actor, c),
        (CommandBody::WithdrawVisibilityConsent(c), AggregateState::Employee(s)) => {
            s.withdraw(actor, c)
        }
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
