//! Ladder's read models: redb tables folded from the event stream, and the queries
//! that read them.
//!
//! Sits after the event log. The projector hands [`ReadModels::apply`] batches of
//! stream messages; each batch is one redb write transaction that also records the
//! last applied stream sequence, so a crash never applies a commit twice or skips
//! one. Messages that are not genuine links of their aggregate's hash chain are
//! quarantined instead of applied. Queries read committed state only, and
//! [`ReadModels::digest`] fingerprints the whole content so that a rebuild can be
//! compared with the live models.

mod apply;
mod error;
mod levels;
mod queries;
pub mod records;
mod store;
mod tables;
pub mod views;

pub use error::ProjectionError;
pub use levels::{ChangedPerson, LevelChanges, LevelInputs};
pub use store::{BatchOutcome, MODELS_FILE, Message, ReadModels};
