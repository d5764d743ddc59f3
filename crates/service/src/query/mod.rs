//! Queries, identical over NATS and HTTP: a name and parameters in, JSON out.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use ladder_competency::Framework;
use ladder_succession::PlanningConfig;

use serde::Serialize;
use uuid::Uuid;

use crate::competency;
use crate::levels::LevelCache;
use crate::models::Models;
use crate::privacy::{Audience, Lens, SensitiveErgs};
use crate::reply::json_bytes;

mod params;

pub use params::QueryParams;
pub(crate) use params::{check_known, param_date, param_id, refuse_unknown};

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
    /// A mentorship.
    Mentorship,
    /// An employee's competency levels.
    Competencies,
    /// How an employee's level in one competency came about.
    Explain,
    /// A position's slate of candidates, ranked by readiness.
    Candidates,
    /// Everyone at a level or above in one competency.
    Talent,
    /// How well the high and critical positions are covered.
    BenchStrength,
    /// Who could mentor an employee towards a position.
    MentorSuggestions,
    /// ERGs and learning paths from an employee's declared interests.
    Recommendations,
    /// Programme metrics for a period.
    Metrics,
}

impl QueryName {
    /// Every query.
    pub const ALL: [QueryName; 13] = [
        QueryName::Erg,
        QueryName::Budget,
        QueryName::Project,
        QueryName::Evidence,
        QueryName::Mentorship,
        QueryName::Competencies,
        QueryName::Explain,
        QueryName::Candidates,
        QueryName::Talent,
        QueryName::BenchStrength,
        QueryName::MentorSuggestions,
        QueryName::Recommendations,
        QueryName::Metrics,
    ];

    /// The query's name.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryName::Erg => "erg",
            QueryName::Budget => "budget",
            QueryName::Project => "project",
            QueryName::Evidence => "evidence",
            QueryName::Mentorship => "mentorship",
            QueryName::Competencies => "competencies",
            QueryName::Explain => "explain",
            QueryName::Candidates => "candidates",
            QueryName::Talent => "talent",
            QueryName::BenchStrength => "bench-strength",
            QueryName::MentorSuggestions => "mentor-suggestions",
            QueryName::Recommendations => "recommendations",
            QueryName::Metrics => "metrics",
        }
    }

    /// Every parameter the query reads, sorted; any other is refused, as commands refuse
    /// unknown fields, so that a misspelt option (`asof`) cannot silently fall back to its
    /// default. The OpenAPI document declares exactly these (a test holds them together).
    pub fn parameters(self) -> &'static [&'static str] {
        match self {
            QueryName::Erg
            | QueryName::Budget
            | QueryName::Project
            | QueryName::Evidence
            | QueryName::Mentorship
            | QueryName::Recommendations => &["id", "min_seq"],
            QueryName::Competencies => &["as_of", "id", "min_seq"],
            QueryName::Explain => &["as_of", "competency", "id", "min_seq"],
            QueryName::Candidates => &["as_of", "id", "limit", "min_seq"],
            QueryName::Talent => &["as_of", "competency", "limit", "min_level", "min_seq"],
            QueryName::BenchStrength => &["as_of", "min_seq"],
            QueryName::MentorSuggestions => &["as_of", "id", "limit", "min_seq", "position"],
            QueryName::Metrics => &["from", "min_seq", "to"],
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
    /// The caller's role may not read this answer (see [`crate::privacy`]).
    #[error("{message}")]
    Forbidden {
        /// Why, and which role may.
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
            QueryError::Forbidden { .. } => 403,
        }
    }

    /// The stable code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            QueryError::UnknownQuery { .. } => "unknown-query",
            QueryError::Invalid { .. } => "invalid-parameter",
            QueryError::NotFound { .. } => "not-found",
            QueryError::Unavailable { .. } => "unavailable",
            QueryError::Forbidden { .. } => "forbidden",
        }
    }

    /// The error as JSON bytes: `status`, `code`, `message` and, for a bad
    /// parameter, `field`.
    pub fn to_json(&self) -> Vec<u8> {
        crate::reply::with_code(self, Some(self.code()))
    }
}

/// What queries need besides the read models.
#[derive(Clone, Debug)]
pub struct QueryContext {
    /// The active competency framework.
    pub framework: Arc<Framework>,
    /// The organisation's time zone: `as_of` defaults to today there.
    pub time_zone: TimeZone,
    /// Whom the answer is for; the fronts set it per caller.
    pub audience: Audience,
    /// Which ERGs are sensitive, cached across queries.
    pub sensitive: SensitiveErgs,
    /// Readiness thresholds, the interest table and metric suppression.
    pub planning: Arc<PlanningConfig>,
    /// Everyone's levels, cached per `as_of`, framework version and applied sequence.
    pub levels: LevelCache,
}

impl QueryContext {
    /// A context answering for [`Audience::Consented`] until a front says who asks,
    /// so that an answer never shows more than a planner may see by mistake.
    pub fn new(framework: Arc<Framework>, time_zone: TimeZone) -> QueryContext {
        QueryContext {
            framework,
            time_zone,
            audience: Audience::Consented,
            sensitive: SensitiveErgs::default(),
            planning: Arc::new(PlanningConfig::default()),
            levels: LevelCache::default(),
        }
    }

    /// The same context with `planning` settings.
    #[must_use]
    pub fn with_planning(self, planning: PlanningConfig) -> QueryContext {
        QueryContext {
            planning: Arc::new(planning),
            ..self
        }
    }

    /// The same context answering for `audience`.
    #[must_use]
    pub fn seen_by(&self, audience: Audience) -> QueryContext {
        QueryContext {
            audience,
            ..self.clone()
        }
    }

    /// Today in the organisation's time zone, the default `as_of`.
    pub fn today(&self) -> Date {
        ladder_competency::today_in(&self.time_zone, jiff::Timestamp::now())
    }
}

/// Answers a query from the current read models; waits for `min_seq` first when
/// the caller asks to read its own writes.
pub async fn answer(
    models: &Models,
    context: &QueryContext,
    name: &str,
    params: &QueryParams,
) -> Result<Vec<u8>, QueryError> {
    let query = QueryName::from_str(name)?;
    // Before the read-your-writes wait: a misspelt parameter is refused at once.
    check_known(query, params)?;
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
    let context = context.clone();
    tokio::task::spawn_blocking(move || run(&models, &context, query, &params))
        .await
        .map_err(|e| QueryError::Unavailable {
            message: format!("query task failed: {e}"),
        })?
}

/// Answers a query synchronously from given read models (used by `ladder query --data`).
pub fn run(
    models: &ladder_projection::ReadModels,
    context: &QueryContext,
    query: QueryName,
    params: &QueryParams,
) -> Result<Vec<u8>, QueryError> {
    let storage = |err: ladder_projection::ProjectionError| QueryError::Unavailable {
        message: crate::error_chain(&err),
    };
    let not_found = |what: &str, id: Uuid| QueryError::NotFound {
        message: format!("{what} {id} is not known to the read models"),
    };
    check_known(query, params)?;
    match query {
        QueryName::Erg => {
            let id = param_id(params, "id")?;
            let view = models.erg(id).map_err(storage)?;
            let view = view.ok_or_else(|| not_found("ERG", id))?;
            Ok(json_bytes(&Lens::new(context, models)?.roster(view)?))
        }
        QueryName::Budget => {
            let id = param_id(params, "id")?;
            let view = models.budget(id).map_err(storage)?;
            let view = view.ok_or_else(|| not_found("budget", id))?;
            Ok(json_bytes(&Lens::new(context, models)?.budget(view)?))
        }
        QueryName::Project => {
            let id = param_id(params, "id")?;
            let view = models.project(id).map_err(storage)?;
            let view = view.ok_or_else(|| not_found("project", id))?;
            Ok(json_bytes(&Lens::new(context, models)?.project(view)?))
        }
        QueryName::Evidence => {
            let id = param_id(params, "id")?;
            let answer = models.evidence(id).map_err(storage)?;
            Ok(json_bytes(&Lens::new(context, models)?.evidence(answer)?))
        }
        QueryName::Mentorship => {
            let id = param_id(params, "id")?;
            let view = models.mentorship(id).map_err(storage)?;
            view.map(|v| json_bytes(&v))
                .ok_or_else(|| not_found("mentorship", id))
        }
        QueryName::Competencies => {
            let id = param_id(params, "id")?;
            let as_of = param_date(params, "as_of")?.unwrap_or_else(|| context.today());
            let evidence = models.evidence_records(id).map_err(storage)?;
            Ok(json_bytes(&competency::levels(
                &context.framework,
                id,
                &evidence,
                as_of,
            )))
        }
        QueryName::Explain => {
            let id = param_id(params, "id")?;
            let competency = params
                .get("competency")
                .ok_or_else(|| QueryError::Invalid {
                    field: "competency".to_owned(),
                    message: "parameter `competency` is required".to_owned(),
                })?;
            let as_of = param_date(params, "as_of")?.unwrap_or_else(|| context.today());
            let evidence = models.evidence_records(id).map_err(storage)?;
            competency::explain(&context.framework, competency, &evidence, as_of)
                .map(|answer| json_bytes(&answer))
                .ok_or_else(|| QueryError::NotFound {
                    message: format!(
                        "competency `{competency}` is not in framework {} {}",
                        context.framework.id(),
                        context.framework.version()
                    ),
                })
        }
        QueryName::Candidates
        | QueryName::Talent
        | QueryName::BenchStrength
        | QueryName::MentorSuggestions
        | QueryName::Recommendations
        | QueryName::Metrics => crate::planning::run(models, context, query, params),
    }
}

#[cfg(test)]
#[allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failed expectation is a failed test"
)]
mod tests {
    use std::sync::Arc;

    use jiff::tz::TimeZone;
    use ladder_projection::ReadModels;

    use super::{QueryContext, QueryError, QueryName, QueryParams, check_known, param_date, run};

    fn params(pairs: &[(&str, &str)]) -> QueryParams {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// Runs `query` against empty read models and the built-in framework.
    fn ask(query: QueryName, pairs: &[(&str, &str)]) -> Result<Vec<u8>, QueryError> {
        let dir = tempfile::tempdir().unwrap();
        let models = ReadModels::open(&dir.path().join("models.redb")).unwrap();
        let framework = ladder_competency::erg_leadership().unwrap();
        let context = QueryContext::new(Arc::new(framework), TimeZone::UTC);
        run(&models, &context, query, &params(pairs))
    }

    /// The field and message of an `invalid-parameter` error.
    fn refused(result: Result<Vec<u8>, QueryError>) -> (String, String) {
        match result {
            Err(QueryError::Invalid { field, message }) => (field, message),
            other => panic!("expected an invalid parameter, got {other:?}"),
        }
    }

    const EMPLOYEE: &str = "0190c1a4-0000-7000-8000-000000000001";

    #[test]
    fn a_misspelt_as_of_is_refused_instead_of_answering_for_today() {
        // Tester's report: `competencies?asof=2020-01-01` answered 200 with today's levels.
        let (field, message) = refused(ask(
            QueryName::Competencies,
            &[("id", EMPLOYEE), ("asof", "2020-01-01")],
        ));
        assert_eq!(field, "asof");
        assert_eq!(
            message,
            "parameter `asof` is not accepted by query `competencies`; \
             accepted: `as_of`, `id`, `min_seq`"
        );
    }

    #[test]
    fn every_query_refuses_a_parameter_it_does_not_read() {
        for query in QueryName::ALL {
            let (field, message) = refused(ask(query, &[("bogus", "1")]));
            assert_eq!(field, "bogus", "{}", query.as_str());
            assert!(
                message.starts_with(&format!(
                    "parameter `bogus` is not accepted by query `{}`; accepted: ",
                    query.as_str()
                )),
                "{message}"
            );
            assert!(message.contains("`min_seq`"), "{message}");
        }
    }

    #[test]
    fn several_unknown_parameters_are_named_together() {
        let (field, message) = refused(ask(
            QueryName::BenchStrength,
            &[("format", "csv"), ("id", EMPLOYEE)],
        ));
        assert_eq!(field, "format");
        assert_eq!(
            message,
            "parameters `format`, `id` are not accepted by query `bench-strength`; \
             accepted: `as_of`, `min_seq`"
        );
    }

    #[test]
    fn every_query_accepts_each_parameter_it_reads() {
        for query in QueryName::ALL {
            let all: QueryParams = query
                .parameters()
                .iter()
                .map(|name| ((*name).to_owned(), String::new()))
                .collect();
            assert_eq!(check_known(query, &all), Ok(()), "{}", query.as_str());
            assert!(query.parameters().contains(&"min_seq"));
            assert!(query.parameters().is_sorted(), "{}", query.as_str());
        }
    }

    #[test]
    fn dates_outside_the_command_range_are_refused() {
        // Tester's report: `as_of=9999-12-31` was answered.
        for (query, field, pairs) in [
            (QueryName::Competencies, "as_of", vec![("id", EMPLOYEE)]),
            (QueryName::BenchStrength, "as_of", vec![]),
            (QueryName::Metrics, "from", vec![("to", "2026-01-01")]),
            (QueryName::Metrics, "to", vec![("from", "2026-01-01")]),
        ] {
            for value in ["9999-12-31", "2200-01-01", "1899-12-31", "0001-01-01"] {
                let mut pairs = pairs.clone();
                pairs.push((field, value));
                let (refused_field, message) = refused(ask(query, &pairs));
                assert_eq!(refused_field, field);
                assert_eq!(
                    message,
                    format!(
                        "parameter `{field}`: `{value}` is outside the accepted range \
                         1900-01-01 to 2199-12-31"
                    )
                );
            }
        }
        let bounds = params(&[("from", "1900-01-01"), ("to", "2199-12-31")]);
        assert!(param_date(&bounds, "from").is_ok_and(|d| d.is_some()));
        assert!(param_date(&bounds, "to").is_ok_and(|d| d.is_some()));
        assert!(
            ask(
                QueryName::Metrics,
                &[("from", "1900-01-01"), ("to", "2199-12-31")]
            )
            .is_ok()
        );
    }

    /// The highest level of `competency` in the built-in framework.
    fn highest(competency: &str) -> u32 {
        let framework = ladder_competency::erg_leadership().unwrap();
        let known = framework.competency(competency).unwrap();
        known
            .levels()
            .iter()
            .map(ladder_competency::Level::number)
            .max()
            .unwrap()
    }

    #[test]
    fn a_min_level_above_the_competency_is_refused() {
        // Tester's report: `talent?min_level=99` answered an empty pool.
        let top = highest("community-leadership");
        let above = (top + 1).to_string();
        for min_level in [above.as_str(), "99", "4294967295"] {
            let (field, message) = refused(ask(
                QueryName::Talent,
                &[
                    ("competency", "community-leadership"),
                    ("min_level", min_level),
                ],
            ));
            assert_eq!(field, "min_level");
            assert!(
                message.starts_with(&format!(
                    "parameter `min_level`: level {min_level} is above {top}, the highest level \
                     of competency `community-leadership` in framework "
                )),
                "{message}"
            );
        }
        let top = top.to_string();
        for min_level in ["1", top.as_str()] {
            let answer = ask(
                QueryName::Talent,
                &[
                    ("competency", "community-leadership"),
                    ("min_level", min_level),
                ],
            );
            assert!(answer.is_ok(), "min_level={min_level}: {answer:?}");
        }
    }

    #[test]
    fn a_min_level_below_one_or_not_a_number_is_refused() {
        for min_level in ["0", "-1", "two", ""] {
            let (field, message) = refused(ask(
                QueryName::Talent,
                &[
                    ("competency", "community-leadership"),
                    ("min_level", min_level),
                ],
            ));
            assert_eq!(field, "min_level");
            assert_eq!(
                message,
                format!("parameter `min_level`: `{min_level}` is not a level of 1 or more")
            );
        }
    }

    #[test]
    fn an_unknown_competency_is_reported_before_its_min_level() {
        let (field, message) = refused(ask(
            QueryName::Talent,
            &[("competency", "juggling"), ("min_level", "99")],
        ));
        assert_eq!(field, "competency", "{message}");
    }
}
