//! Reading history back for auditors and rebuilds.
//!
//! Sits beside the projector, after the event log: it reads the stream itself, not
//! the read models. [`replay`] folds the stream up to a point into a new read-model
//! file, which is how `ladder rebuild` and point-in-time replays work; [`verify`]
//! checks every aggregate's hash chain, the sequence and the stream's settings, and
//! compares a rebuild's digest with the live models'; [`events`] lists what
//! happened to a person, an ERG or in a period; [`export`] writes every event as
//! JSON lines. All of them walk the stream in order with the same chain check the
//! projector applies ([`chain`]), so a message the models quarantined shows up,
//! flagged, in every audit.

pub mod chain;
mod error;
pub mod events;
pub mod export;
pub mod parties;
pub mod payload;
pub mod reader;
pub mod replay;
pub mod verify;

pub use error::AuditError;
