//! From a request body to one result per statement.

use serde_json::Value;

use crate::error::{BatchError, StatementError};
use crate::json;
use crate::mapping::{Mapping, map};
use crate::outcome::Outcome;
use crate::statement::Statement;
use crate::validate;

/// Parses a body holding one statement object or an array of them.
///
/// The body as a whole fails only when it is not JSON or is JSON of another shape
/// (a string, a number, ...). Otherwise each statement is validated on its own and
/// gets its own result, in the order sent, so one invalid statement never costs
/// its neighbours. An empty array is a batch of no statements. A leading UTF-8
/// byte order mark, which some exporters write, is skipped.
pub fn parse_statements(body: &[u8]) -> Result<Vec<Result<Statement, StatementError>>, BatchError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let value: Value = serde_json::from_slice(body).map_err(BatchError::NotJson)?;
    match &value {
        Value::Object(_) => Ok(vec![validate::statement(&value)]),
        Value::Array(items) => Ok(items.iter().map(validate::statement).collect()),
        other => Err(BatchError::NotStatements {
            found: json::describe(other),
        }),
    }
}

/// Validates one statement already parsed as JSON, e.g. taken from an envelope.
pub fn parse_statement(value: &Value) -> Result<Statement, StatementError> {
    validate::statement(value)
}

/// [`parse_statements`], then [`map`] for each valid statement: what a front
/// needs to answer a `POST` of statements.
pub fn ingest(
    body: &[u8],
    mapping: &Mapping,
) -> Result<Vec<Result<Outcome, StatementError>>, BatchError> {
    Ok(parse_statements(body)?
        .into_iter()
        .map(|parsed| parsed.map(|statement| map(&statement, mapping)))
        .collect())
}
