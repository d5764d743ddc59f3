//! Ladder's domain: commands, the aggregates they change, and the rules that decide.
//!
//! Sits between the fronts and the event log. A front parses a [`Command`] from
//! JSON; the command handler folds the target aggregate's history into an
//! [`AggregateState`] and calls [`decide`], which returns the events to append or
//! the [`Rejection`] naming the rule broken. Nothing here does I/O or reads a
//! clock, so every rule is tested as given/when/then on plain values.

mod aggregate;
pub mod command;
mod decide;
pub mod evidence;
mod rejection;

pub use aggregate::{
    AggregateState, BudgetState, BudgetStatus, EmployeeState, ErgState, LearningState,
    LmsAccountState, MentorshipState, PositionState, ProjectState, Term,
};
pub use command::{Command, CommandBody, CommandMeta, CommandName, InvalidCommand};
pub use decide::{References, decide};
pub use evidence::{Attester, Evidence, EvidenceDetail, EvidenceKind};
pub use rejection::Rejection;
