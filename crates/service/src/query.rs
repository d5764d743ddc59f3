//! Queries, identical over NATS and HTTP: a name and parameters in, JSON out.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;

use serde::Serialize;
use uuid::Uuid;

use crate::models::Models;
use crate::reply::json_bytes;

/// How long a query with `min_seq` waits for the projector.
pub const READ_YOUR_WRITES_TIMEOUT: Duration = Duration::from_secs(5);

/// The queries, by the name used in `ladder.query.<name>` and `ladder query <name>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryName {
    /// An ERG and its role terms.
    Erg,
    /// A budget.
    Budget,
    /// A project.
    Project,
    /// An employee's leadership evidence.
    Evidence,
}

impl QueryName {
    /// Every query.
    pub const ALL: [QueryName; 4] = [
        QueryName::Erg,
        QueryName::Budget,
        QueryName::Project,
        QueryName::Evidence,
    ];

    /// The query's name.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryName::Erg => "erg",
            QueryName::Budget => "budget",
            QueryName::Project => "project",
            QueryName::Evidence => "evidence",
        }
    }
}

impl FromStr for QueryName {
    type Err = QueryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|q| q.as_str() == s)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|q| q.as_str()).collect();
                QueryError::UnknownQuery {
                    message: format!("unknown query `{s}`; known: {}", known.join(", ")),
                }
            })
    }
}

/// A query that could not be answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum QueryError {
    /// No such query.
    #[error("{message}")]
    UnknownQuery {
        /// What was asked.
        message: String,
    },
    /// A parameter is missing or malformed.
    #[error("{message}")]
    Invalid {
        /// The parameter at fault.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The thing asked about does not exist.
    #[error("{message}")]
    NotFound {
        /// What was not found.
        message: String,
    },
    /// The read models are not available or did not catch up in time.
    #[error("{message}")]
    Unavailable {
        /// What failed.
        message: String,
    },
}

impl QueryError {
    /// The HTTP status for this error.
    pub fn http_status(&self) -> u16 {
        match self {
            QueryError::UnknownQuery { .. } | QueryError::NotFound { .. } => 404,
            QueryError::Invalid { .. } => 400,
            QueryError::Unavailable { .. } => 503,
        }
    }

    /// The error as JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        json_bytes(self)
    }
}

/// Query parameters: the id and any options, as text.
pub type QueryParams = BTreeMap<String, String>;

fn param_id(params: &QueryParams, field: &str) -> Result<Uuid, QueryError> {
    let text = params.get(field).ok_or_else(|| QueryError::Invalid {
        field: field.to_owned(),
        message: format!("parameter `{field}` is required"),
    })?;
    Uuid::try_parse(text).map_err(|err| QueryError::Invalid {
        field: field.to_owned(),
        message: format!("parameter `{field}`: `{text}` is not a UUID ({err})"),
    })
}

/// Answers a query from the current read models; waits for `min_seq` first when
/// the caller asks to read its own writes.
pub async fn answer(
    models: &Models,
    name: &str,
    params: &QueryParams,
) -> Result<Vec<u8>, QueryError> {
    let query = QueryName::from_str(name)?;
    if let Some(min_seq) = params.get("min_seq") {
        let min_seq: u64 = min_seq.parse().map_err(|_| QueryError::Invalid {
            field: "min_seq".to_owned(),
            message: format!("parameter `min_seq`: `{min_seq}` is not a stream sequence"),
        })?;
        if !models.wait_for(min_seq, READ_YOUR_WRITES_TIMEOUT).await {
            return Err(QueryError::Unavailable {
                message: format!(
                    "the read models have not reached stream sequence {min_seq} within {}s",
                    READ_YOUR_WRITES_TIMEOUT.as_secs()
                ),
            });
        }
    }
    let models = models.current();
    let params = params.clone();
    tokio::task::spawn_blocking(move || run(&models, query, &params))
        .await
        .map_err(|e| QueryError::Unavailable {
            message: format!("query task failed: {e}"),
        })?
}

/// Answers a query synchronously from given read models (used by `ladder query --data`).
pub fn run(
    models: &ladder_projection::ReadModels,
    query: QueryName,
    params: &QueryParams,
) -> Result<Vec<u8>, QueryError> {
    let storage = |err: ladder_projection::ProjectionError| QueryError::Unavailable {
        message: crate::error_chain(&err),
    };
    let not_found = |what: &str, id: Uuid| QueryError::NotFound {
        message: format!("{what} {id} is not known to the read models"),
    };
    match query {
        QueryName::Erg => {
            let id = param_id(params, "id")?;
            models
                .erg(id)
                .map_err(storage)?
                .map(|v| json_bytes(&v))
                .ok_or_else(|| not_found("ERG", id))
        }
        QueryName::Budget => {
            let id = param_id(params, "id")?;
            let view = models.budget(id).map_err(storage)?;
            view.map(|v| json_bytes(&v))
                .ok_or_else(|| not_found("budget", id))
        }
        QueryName::Project => {
            let id = param_id(params, "id")?;
            let view = models.project(id).map_err(storage)?;
            view.map(|v| json_bytes(&v))
                .ok_or_else(|| not_found("project", id))
        }
        QueryName::Evidence => {
            let id = param_id(params, "id")?;
            Ok(json_bytes(&models.evidence(id).map_err(storage)?))
        }
    }
}
