//! The decision: given a command and the history it would change, which events?

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use proto_events::{AggregateKind, Event};
use uuid::Uuid;

use crate::aggregate::{AggregateState, EmployeeState};
use crate::command::{Command, CommandBody};
use crate::rejection::Rejection;

/// What a command's decision needs to know beyond its own aggregate: which referenced
/// aggregates exist, the state of the employees it names, and the active framework and
/// interest list.
#[derive(Clone, Debug, Default)]
pub struct References {
    existing: BTreeSet<(AggregateKind, Uuid)>,
    /// The effective date of each known ERG's registration: budgets and projects of an
    /// ERG may not predate it.
    ergs_registered: BTreeMap<Uuid, Date>,
    employees: BTreeMap<Uuid, EmployeeState>,
    /// Competency id → its highest level, `None` when only the ids are known.
    competencies: Option<BTreeMap<String, Option<u32>>>,
    interests: Option<BTreeSet<String>>,
    recorded_on: Option<Date>,
}

impl References {
    /// Records that an aggregate exists.
    pub fn insert(&mut self, kind: AggregateKind, id: Uuid) {
        self.existing.insert((kind, id));
    }

    /// Records that an ERG exists and the business date it was registered on.
    pub fn insert_erg(&mut self, id: Uuid, registered_on: Date) {
        self.existing.insert((AggregateKind::Erg, id));
        self.ergs_registered.insert(id, registered_on);
    }

    /// Records the folded history of an employee the command names; an employee without
    /// one is unknown.
    pub fn insert_employee(&mut self, id: Uuid, state: EmployeeState) {
        self.employees.insert(id, state);
    }

    /// Sets the competency ids of the active framework; mentorships must focus on one and
    /// positions require only these. Without it, competencies are not checked.
    pub fn set_competencies(&mut self, ids: impl IntoIterator<Item = String>) {
        self.competencies = Some(ids.into_iter().map(|id| (id, None)).collect());
    }

    /// As [`References::set_competencies`], with each competency's highest level, above
    /// which no position may require it.
    pub fn set_competency_levels(&mut self, levels: impl IntoIterator<Item = (String, u32)>) {
        self.competencies = Some(
            levels
                .into_iter()
                .map(|(id, highest)| (id, Some(highest)))
                .collect(),
        );
    }

    /// Sets the day the command is recorded on in the organisation's time zone, which is
    /// its effective date when it names none.
    pub fn set_recorded_on(&mut self, day: Date) {
        self.recorded_on = Some(day);
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
            Some(known) if !known.contains_key(id.trim()) => Err(Rejection::UnknownCompetency {
                competency: id.trim().to_owned(),
            }),
            _ => Ok(()),
        }
    }

    /// The competency exists and defines `level`.
    fn require_level(&self, id: &str, level: u8) -> Result<(), Rejection> {
        self.require_competency(id)?;
        let highest = self
            .competencies
            .as_ref()
            .and_then(|known| known.get(id.trim()).copied().flatten());
        match highest {
            Some(highest) if u32::from(level) > highest => Err(Rejection::LevelBeyondFramework {
                competency: id.trim().to_owned(),
                requested: level,
                highest,
            }),
            _ => Ok(()),
        }
    }

    /// The employee was onboarded, had started by `on`, the command's effective date, and
    /// had not left by then.
    /// Without a date, any recorded departure counts: the command cannot be placed after it.
    fn require_employee(&self, employee_id: Uuid, on: Option<Date>) -> Result<(), Rejection> {
        let Some(state) = self
            .employees
            .get(&employee_id)
            .filter(|s| s.onboarded.is_some())
        else {
            return Err(Rejection::UnknownEmployee { employee_id });
        };
        let on = on.or(self.recorded_on);
        if let (Some(onboarded), Some(on)) = (&state.onboarded, on)
            && on < onboarded.hire_date
        {
            return Err(Rejection::EmployeeNotYetHired {
                employee_id,
                hire_date: onboarded.hire_date,
            });
        }
        match (state.departed, on) {
            (Some(departure_date), Some(on)) if departure_date > on => Ok(()),
            (Some(departure_date), _) => Err(Rejection::EmployeeAlreadyDeparted {
                employee_id,
                departure_date,
            }),
            (None, _) => Ok(()),
        }
    }

    /// A budget or project of `erg` dated `on` does not predate the ERG's registration,
    /// where that date is known.
    fn follows_registration(&self, on: Option<Date>, erg: Uuid) -> Result<(), Rejection> {
        crate::aggregate::follows(
            "effective_date",
            on,
            "the ERG's registration",
            self.ergs_registered.get(&erg).copied(),
        )
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
        match kind {
            AggregateKind::Employee => {
                references.require_employee(id, command.meta.effective_date)?;
            }
            _ => references.require(kind, id)?,
        }
    }
    let actor = command.meta.actor;
    // The business date the command's events will carry, which may not precede the steps
    // it follows; unknown only when neither the command nor the caller gives one.
    let on = command.meta.effective_date.or(references.recorded_on);
    match (&command.body, state) {
        (CommandBody::RegisterErg(c), AggregateState::Erg(s)) => s.register(c.erg_id, c),
        (CommandBody::AssignErgRole(c), AggregateState::Erg(s)) => s.assign(c),
        (CommandBody::EndErgRole(c), AggregateState::Erg(s)) => s.end(c),
        (CommandBody::RequestBudget(c), AggregateState::Budget(s)) => {
            references.follows_registration(on, c.erg_id)?;
            s.request(c)
        }
        (CommandBody::ApproveBudget(c), AggregateState::Budget(s)) => s.approve(actor, on, c),
        (CommandBody::RejectBudget(c), AggregateState::Budget(s)) => s.reject(actor, on, c),
        (CommandBody::CloseBudget(c), AggregateState::Budget(s)) => s.close(actor, on, c),
        (CommandBody::StartProject(c), AggregateState::Project(s)) => {
            if let Some(erg) = c.erg_id {
                references.follows_registration(on, erg)?;
            }
            s.start(c)
        }
        (CommandBody::CompleteProject(c), AggregateState::Project(s)) => s.complete(actor, on, c),
        (CommandBody::LinkLmsAccount(c), AggregateState::LmsAccount(s)) => s.link(c),
        (CommandBody::RecordLearning(c), AggregateState::Learning(s)) => s.record(c),
        (CommandBody::RevokeLearning(c), AggregateState::Learning(s)) => s.revoke(c),
        (CommandBody::StartMentorship(c), AggregateState::Mentorship(s)) => {
            references.require_competency(&c.focus_competency)?;
            s.start(c)
        }
        (CommandBody::RecordMentorshipMilestone(c), AggregateState::Mentorship(s)) => {
            s.milestone(on, c)
        }
        (CommandBody::CompleteMentorship(c), AggregateState::Mentorship(s)) => {
            s.complete(actor, on, c)
        }
        (CommandBody::DefinePosition(c), AggregateState::Position(s)) => {
            for r in &c.requirements {
                references.require_level(&r.competency, r.level)?;
            }
            s.define(c)
        }
        (CommandBody::NominateSuccessor(c), AggregateState::Position(s)) => s.nominate(on, c),
        (CommandBody::WithdrawNomination(c), AggregateState::Position(s)) => s.withdraw(on, c),
        (CommandBody::FillPosition(c), AggregateState::Position(s)) => s.fill(on, c),
        (CommandBody::OnboardEmployee(c), AggregateState::Employee(s)) => {
            references.require_interests(&c.interests)?;
            s.onboard(c)
        }
        (CommandBody::RecordDeparture(c), AggregateState::Employee(s)) => s.depart(c),
        (CommandBody::GrantVisibilityConsent(c), AggregateState::Employee(s)) => {
            s.grant(actor, on, c)
        }
        (CommandBody::WithdrawVisibilityConsent(c), AggregateState::Employee(s)) => {
            s.withdraw(actor, on, c)
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
