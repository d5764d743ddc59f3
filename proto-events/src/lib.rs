//! Ladder's event contract: what an accepted command looks like on the wire.
//!
//! Commands become *commits* in the JetStream stream `LADDER_EVENTS`, one message
//! per accepted command under `ladder.evt.<kind>.<uuid>`. A commit holds a header
//! (aggregate, actor, command id, correlation, recorded time, the hash of the
//! aggregate's previous commit) and one or more events, each with its own UUID v7
//! and effective date. Payloads are postcard, prefixed by an event type code and a
//! schema version, so every version ever written decodes forever; the golden files
//! in `vectors/` hold the bytes of each.
//!
//! This crate does no I/O. The domain decides which events to write, the event log
//! stores the bytes, projections and auditors decode them.

mod chain;
mod codec;
mod commit;
mod error;
mod event;
pub mod lms;
pub mod subject;
mod values;
mod wire;

pub use chain::{ChainError, verify_link};
pub use commit::{
    COMMIT_FORMAT, Commit, CommitHash, CommitHeader, EventRecord, GENESIS_HASH, MAX_COMMIT_BYTES,
    decode_event, decode_header, encode_event,
};
pub use error::{DecodeError, EncodeError};
pub use event::{
    BudgetApproved, BudgetClosed, BudgetRejected, BudgetRequested, EmployeeDeparted,
    EmployeeOnboarded, ErgRegistered, ErgRoleAssigned, ErgRoleEnded, Event, EventType, Fill,
    LearningRecorded, LearningRevoked, LmsAccountLinked, MentorshipCompleted,
    MentorshipMilestoneRecorded, MentorshipStarted, NominationWithdrawn, PositionDefined,
    PositionFilled, ProjectCompleted, ProjectStarted, SuccessorNominated, VisibilityConsentGranted,
    VisibilityConsentWithdrawn,
};
pub use values::{
    AggregateKind, Criticality, Currency, ErgRole, InvalidCurrency, LearningKind, Money, Readiness,
    Requirement, UnknownName,
};
