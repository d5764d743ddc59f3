//! The JetStream event log: where commands become immutable commits.
//!
//! Sits between the command handler and NATS. [`EventLog::connect`] refuses servers
//! older than [`MINIMUM_SERVER_VERSION`] and streams with settings that could lose
//! events, creating `LADDER_EVENTS` when it is missing. [`EventLog::load`] reads an
//! aggregate's history and verifies its hash chain; [`EventLog::append`] stores a
//! commit with optimistic concurrency on the aggregate's subject. The projector and
//! auditors read the stream in order through [`EventLog::projector_feed`] and
//! [`EventLog::read_range`].

mod error;
mod feed;
mod history;
mod log;
mod stream;
pub mod url;
mod version;

pub use error::EventLogError;
pub use feed::Delivery;
pub use history::{History, StoredCommit};
pub use log::{AppendError, Appended, EventLog, EventLogConfig, StoredMessage};
pub use stream::{StreamSettings, desired_config, unsafe_settings};
pub use version::{MINIMUM_SERVER_VERSION, ServerVersion};
