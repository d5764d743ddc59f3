//! Learning records from an LMS: xAPI statements in, learning facts out.
//!
//! Sits in front of the command handler. The service's fronts (`POST
//! /v1/xapi/statements`, NATS subject `ladder.xapi.statements`) hand the body to
//! [`parse_statements`], which validates each statement on its own against xAPI
//! 1.0.3 / 2.0 and Ladder's rules, then [`map`] turns each valid [`Statement`] into
//! an [`Outcome`]: a [`LearningFact`] to record (module completed, certification
//! awarded, event attended), a [`Void`] withdrawing an earlier statement's record,
//! or [`Ignored`] with the reason. The service turns those into commands.
//!
//! People are identified by their LMS account only. Statements whose actor has an
//! e-mail address or OpenID instead are refused, and those identifiers are never
//! kept. The account name stays in memory for the lookup of the employee; the log
//! gets [`account_key`]. A statement without an `id` gets one derived from its
//! content, so a re-sent export is recognised as the same statements.
//!
//! Nothing here does I/O or reads a clock.

mod content;
mod error;
mod formats;
mod ids;
mod json;
mod mapping;
mod outcome;
mod parse;
mod statement;
mod validate;
mod vocab;

pub use error::{BatchError, MappingError, StatementError, Violation};
pub use ids::{STATEMENT_NAMESPACE, account_id, account_key, canonical_home_page};
pub use mapping::{Mapping, Rule, map};
pub use outcome::{IgnoreReason, Ignored, LearningFact, Outcome, Void};
pub use parse::{ingest, parse_statement, parse_statements};
pub use proto_events::LearningKind;
pub use statement::{
    Account, Activity, Context, Score, Statement, StatementObject, StatementResult, StatementTime,
    VOIDED,
};
