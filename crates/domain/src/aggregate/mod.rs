//! Aggregates: the state a command is decided against, folded from history.

mod budget;
mod erg;
mod people;
mod project;
mod succession;

use jiff::civil::Date;
use proto_events::{AggregateKind, Event};

use crate::rejection::Rejection;

pub use budget::{BudgetState, BudgetStatus};
pub use erg::{ErgState, Term};
pub use people::{LearningState, LmsAccountState, MentorshipState};
pub use project::ProjectState;
pub use succession::{EmployeeState, PositionState};

/// The folded history of one aggregate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AggregateState {
    /// An ERG.
    Erg(ErgState),
    /// A budget.
    Budget(BudgetState),
    /// A project.
    Project(ProjectState),
    /// An LMS account link.
    LmsAccount(LmsAccountState),
    /// An employee's learning record.
    Learning(LearningState),
    /// A mentorship.
    Mentorship(MentorshipState),
    /// A position.
    Position(PositionState),
    /// An employee.
    Employee(EmployeeState),
}

impl AggregateState {
    /// The state of an aggregate with no history yet.
    pub fn empty(kind: AggregateKind) -> AggregateState {
        match kind {
            AggregateKind::Erg => AggregateState::Erg(ErgState::default()),
            AggregateKind::Budget => AggregateState::Budget(BudgetState::default()),
            AggregateKind::Project => AggregateState::Project(ProjectState::default()),
            AggregateKind::LmsAccount => AggregateState::LmsAccount(LmsAccountState::default()),
            AggregateKind::Learning => AggregateState::Learning(LearningState::default()),
            AggregateKind::Mentorship => AggregateState::Mentorship(MentorshipState::default()),
            AggregateKind::Position => AggregateState::Position(PositionState::default()),
            AggregateKind::Employee => AggregateState::Employee(EmployeeState::default()),
        }
    }

    /// Folds one more event in. `effective_date` is the business date of the record that
    /// carries it: later steps of the aggregate may not be dated before it. Events of
    /// another aggregate kind are ignored: the event log only hands an aggregate its own
    /// subject's commits.
    pub fn apply(&mut self, event: &Event, effective_date: Date) {
        let on = effective_date;
        match self {
            AggregateState::Erg(s) => s.apply(event, on),
            AggregateState::Budget(s) => s.apply(event, on),
            AggregateState::Project(s) => s.apply(event, on),
            AggregateState::LmsAccount(s) => s.apply(event),
            AggregateState::Learning(s) => s.apply(event),
            AggregateState::Mentorship(s) => s.apply(event, on),
            AggregateState::Position(s) => s.apply(event, on),
            AggregateState::Employee(s) => s.apply(event, on),
        }
    }
}

/// A command dated `date` (in its `field`) follows `step`, dated `step_date`, so may not
/// precede it. When either date is unknown there is no order to check: a command decided
/// without a recorded day and without an `effective_date` of its own.
pub(crate) fn follows(
    field: &'static str,
    date: Option<Date>,
    step: &'static str,
    step_date: Option<Date>,
) -> Result<(), Rejection> {
    match (date, step_date) {
        (Some(date), Some(step_date)) if date < step_date => Err(Rejection::DateOutOfOrder {
            field,
            date,
            step,
            step_date,
        }),
        _ => Ok(()),
    }
}
