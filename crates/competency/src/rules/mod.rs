//! Evaluating rules against evidence, and saying in words what a rule asks and lacks.

mod eval;
mod predicates;
mod text;

pub(crate) use eval::{Pool, evaluate};
pub(crate) use predicates::concerns;
pub(crate) use text::describe;
