//! Ladder's service: the command handler, the projector loop, and the NATS and
//! HTTP fronts that share them.
//!
//! Commands arrive over NATS (`ladder.cmd.<name>`) or HTTP
//! (`POST /v1/commands/<name>`) and go through the same [`CommandHandler`]: parse,
//! load the aggregate's history, decide, append with optimistic concurrency.
//! The [`Projector`] follows the stream into the read models, which the query
//! fronts (`ladder.query.<name>`, `GET /v1/…`) read. [`serve`] wires it all up.

pub mod auth;
pub mod competency;
mod error;
mod handler;
mod http;
mod json_errors;
pub mod levels;
mod models;
mod nats;
pub mod openapi;
mod planning;
pub mod privacy;
mod projector;
pub mod query;
mod query_string;
pub mod rebuild;
mod reply;
mod serve;
pub mod xapi;

use std::path::PathBuf;
use std::sync::Arc;

pub use error::{ServiceError, error_chain};
pub use handler::{CommandHandler, Handled, MAX_ATTEMPTS};
pub use ladder_succession::PlanningConfig;
pub use models::{Models, ProjectionStatus};
pub use nats::{COMMAND_QUEUE, QUERY_QUEUE, STATUS_HEADER, XAPI_SUBJECT};
pub use projector::Projector;
pub use reply::CommandReply;
pub use serve::{ServeConfig, serve};

/// What the fronts share.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The command handler.
    pub handler: Arc<CommandHandler>,
    /// The live read models.
    pub models: Models,
    /// The node's data directory.
    pub data_dir: PathBuf,
    /// How LMS statements become learning records.
    pub lms: Arc<xapi::LmsSettings>,
    /// The competency framework and the organisation's time zone.
    pub query: query::QueryContext,
    /// Who may call, by token.
    pub gate: Arc<auth::Gate>,
}
