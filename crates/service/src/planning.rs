//! Planners' queries: slates, talent pools, bench strength, mentor suggestions,
//! recommendations and programme metrics, answered by `ladder-succession` from the read
//! models and the cached levels ([`crate::levels`]).
//!
//! None of these answers names an ERG except recommendations, which list the ERGs the
//! configured interest table suggests for the employee's own declared interests; those
//! pass through [`crate::privacy::Lens::recommendations`], which drops sensitive ERGs
//! for callers who may not see them.

use std::str::FromStr;

use ladder_projection::ReadModels;
use ladder_succession::metrics::{Period, ProgrammeInputs, programme_metrics};
use ladder_succession::{
    DEFAULT_MENTOR_LIMIT, DEFAULT_POOL_LIMIT, DEFAULT_SLATE_LIMIT, MAX_MENTOR_LIMIT,
    MAX_POOL_LIMIT, MAX_SLATE_LIMIT, bench_strength, mentor_suggestions, recommendations, slate,
    talent_pool,
};
use uuid::Uuid;

use crate::privacy::Lens;
use crate::query::{QueryContext, QueryError, QueryName, QueryParams, param_date, param_id};
use crate::reply::json_bytes;

/// Answers one of the planning queries; any other query is not found here.
pub(crate) fn run(
    models: &ReadModels,
    context: &QueryContext,
    query: QueryName,
    params: &QueryParams,
) -> Result<Vec<u8>, QueryError> {
    let planning = &context.planning;
    let as_of = || -> Result<_, QueryError> {
        Ok(param_date(params, "as_of")?.unwrap_or_else(|| context.today()))
    };
    let workforce = |as_of| {
        context
            .levels
            .workforce(models, &context.framework, as_of)
            .map_err(|e| storage(&e))
    };
    match query {
        QueryName::Candidates => {
            let id = param_id(params, "id")?;
            let limit = param_limit(params, DEFAULT_SLATE_LIMIT, MAX_SLATE_LIMIT)?;
            let position = position(models, id)?;
            let workforce = workforce(as_of()?)?;
            let answer = slate(planning.readiness, id, &position, &workforce, limit);
            Ok(json_bytes(&answer))
        }
        QueryName::Talent => {
            let competency = params
                .get("competency")
                .ok_or_else(|| required("competency"))?;
            let min_level = param_min_level(context, params, competency)?;
            let limit = param_limit(params, DEFAULT_POOL_LIMIT, MAX_POOL_LIMIT)?;
            let workforce = workforce(as_of()?)?;
            talent_pool(&workforce, competency, min_level, limit)
                .map(|answer| json_bytes(&answer))
                .map_err(|err| QueryError::Invalid {
                    field: "competency".to_owned(),
                    message: format!("parameter `competency`: {err}"),
                })
        }
        QueryName::BenchStrength => {
            let positions = models.positions().map_err(|e| storage(&e))?;
            let workforce = workforce(as_of()?)?;
            Ok(json_bytes(&bench_strength(
                planning.readiness,
                &positions,
                &workforce,
            )))
        }
        QueryName::MentorSuggestions => {
            let employee = param_id(params, "id")?;
            let position_id = param_id(params, "position")?;
            let limit = param_limit(params, DEFAULT_MENTOR_LIMIT, MAX_MENTOR_LIMIT)?;
            let position = position(models, position_id)?;
            let workforce = workforce(as_of()?)?;
            // Mentoring is planned for employees: someone known only from LMS or ERG
            // evidence has no onboarding record, as for recommendations.
            if workforce
                .person(employee)
                .is_none_or(|p| p.hired_on.is_none())
            {
                return Err(QueryError::NotFound {
                    message: format!("employee {employee} was never onboarded"),
                });
            }
            Ok(json_bytes(&mentor_suggestions(
                employee,
                position_id,
                &position,
                &workforce,
                limit,
            )))
        }
        QueryName::Recommendations => {
            let employee = param_id(params, "id")?;
            let onboarding = models
                .employee_record(employee)
                .map_err(|e| storage(&e))?
                .and_then(|record| record.onboarding)
                .ok_or_else(|| QueryError::NotFound {
                    message: format!("employee {employee} was never onboarded"),
                })?;
            let answer = recommendations(planning, employee, &onboarding);
            Ok(json_bytes(
                &Lens::new(context, models)?.recommendations(answer)?,
            ))
        }
        QueryName::Metrics => {
            let from = param_date(params, "from")?.ok_or_else(|| required("from"))?;
            let to = param_date(params, "to")?.ok_or_else(|| required("to"))?;
            let period = Period::new(from, to).map_err(|err| QueryError::Invalid {
                field: "to".to_owned(),
                message: format!("parameter `to`: {err}"),
            })?;
            let people = models.level_inputs().map_err(|e| storage(&e))?;
            let positions = models.positions().map_err(|e| storage(&e))?;
            let inputs = ProgrammeInputs {
                evidence: &people.evidence,
                employees: &people.employees,
                positions: &positions,
            };
            Ok(json_bytes(&programme_metrics(
                &planning.metrics,
                period,
                inputs,
            )))
        }
        other => Err(QueryError::UnknownQuery {
            message: format!("`{}` is not a planning query", other.as_str()),
        }),
    }
}

fn storage(err: &ladder_projection::ProjectionError) -> QueryError {
    QueryError::Unavailable {
        message: crate::error_chain(err),
    }
}

fn required(field: &str) -> QueryError {
    QueryError::Invalid {
        field: field.to_owned(),
        message: format!("parameter `{field}` is required"),
    }
}

fn position(
    models: &ReadModels,
    id: Uuid,
) -> Result<ladder_projection::records::PositionRecord, QueryError> {
    models
        .position_record(id)
        .map_err(|e| storage(&e))?
        .ok_or_else(|| QueryError::NotFound {
            message: format!("position {id} is not known to the read models"),
        })
}

/// `min_level` of a talent query: 1 when absent; otherwise from 1 (a pool at level 0 would
/// be everyone, which no planner means) to the highest level `competency` has in the active
/// framework, since a higher one matches nobody and an empty pool would read as "no talent"
/// rather than as a typo. An unknown competency is left for the talent pool to report.
fn param_min_level(
    context: &QueryContext,
    params: &QueryParams,
    competency: &str,
) -> Result<u32, QueryError> {
    let Some(text) = params.get("min_level") else {
        return Ok(1);
    };
    let invalid = |message: String| QueryError::Invalid {
        field: "min_level".to_owned(),
        message: format!("parameter `min_level`: {message}"),
    };
    let level = match u32::from_str(text) {
        Ok(level) if level >= 1 => level,
        _ => return Err(invalid(format!("`{text}` is not a level of 1 or more"))),
    };
    let Some(known) = context.framework.competency(competency) else {
        return Ok(level);
    };
    let highest = known
        .levels()
        .iter()
        .map(ladder_competency::Level::number)
        .max();
    match highest {
        Some(highest) if level <= highest => Ok(level),
        Some(highest) => Err(invalid(format!(
            "level {level} is above {highest}, the highest level of competency `{competency}` \
             in framework {} {}",
            context.framework.id(),
            context.framework.version()
        ))),
        None => Err(invalid(format!(
            "competency `{competency}` has no levels in framework {} {}",
            context.framework.id(),
            context.framework.version()
        ))),
    }
}

/// `limit`: 1 to `max`, `default` when absent.
fn param_limit(params: &QueryParams, default: usize, max: usize) -> Result<usize, QueryError> {
    let Some(text) = params.get("limit") else {
        return Ok(default);
    };
    match usize::from_str(text) {
        Ok(limit) if (1..=max).contains(&limit) => Ok(limit),
        _ => Err(QueryError::Invalid {
            field: "limit".to_owned(),
            message: format!("parameter `limit`: `{text}` is not a number from 1 to {max}"),
        }),
    }
}
