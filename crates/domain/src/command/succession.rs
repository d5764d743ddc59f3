//! Bodies of the commands about positions, employees and consent.
//!
//! Planners send the position commands; the HRIS sends onboarding and departures;
//! employees grant or withdraw consent themselves.

use jiff::civil::Date;
use proto_events::{Criticality, Currency, Readiness};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::json;

/// One required competency level of a position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementBody {
    /// A competency id of the active framework.
    pub competency: String,
    /// The level needed, 1 to 10.
    pub level: u8,
}

/// `define-position`: a role that needs successors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DefinePosition {
    /// Id the planner chose for the position.
    #[serde(with = "json::id")]
    pub position_id: Uuid,
    /// Title, 1 to 200 characters.
    pub title: String,
    /// `standard`, `high` or `critical`.
    #[serde(with = "json::criticality")]
    #[schema(value_type = String, example = "critical")]
    pub criticality: Criticality,
    /// One to 20 required competency levels, each competency once.
    pub requirements: Vec<RequirementBody>,
}

/// `nominate-successor`: a planner names a candidate for a position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NominateSuccessor {
    /// The position.
    #[serde(with = "json::id")]
    pub position_id: Uuid,
    /// The candidate.
    #[serde(with = "json::id")]
    pub candidate_id: Uuid,
    /// `ready-now`, `ready-soon` or `developing`: the planner's judgement, which
    /// replaces the computed readiness in slates. Needs a `reason`.
    #[serde(
        default,
        with = "json::readiness::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, example = "ready-soon")]
    pub readiness_override: Option<Readiness>,
    /// Why; required with an override, at most 500 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `withdraw-nomination`: the candidate is no longer nominated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawNomination {
    /// The position.
    #[serde(with = "json::id")]
    pub position_id: Uuid,
    /// The candidate.
    #[serde(with = "json::id")]
    pub candidate_id: Uuid,
    /// Why, at most 500 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `fill-position`: the position was filled, internally or by an external hire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FillPosition {
    /// The position.
    #[serde(with = "json::id")]
    pub position_id: Uuid,
    /// The employee who fills it; absent for an external hire.
    #[serde(
        default,
        with = "json::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub employee_id: Option<Uuid>,
    /// What the fill cost in minor units: required for an external hire
    /// (recruitment), optional for an internal move.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "json::minor_units_opt"
    )]
    pub cost_minor: Option<u64>,
    /// ISO 4217 code of the cost; required with `cost_minor`.
    #[serde(
        default,
        with = "json::opt_currency",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>, example = "EUR")]
    pub currency: Option<Currency>,
}

/// `onboard-employee`: the HRIS reports a new employee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OnboardEmployee {
    /// The employee's pseudonymous id.
    #[serde(with = "json::id")]
    pub employee_id: Uuid,
    /// First day, `YYYY-MM-DD`.
    #[serde(with = "json::date")]
    #[schema(value_type = String, format = Date)]
    pub hire_date: Date,
    /// Organisational unit code, 1 to 60 characters.
    pub org_unit: String,
    /// Job level code, 1 to 20 characters.
    pub job_level: String,
    /// Declared interests the employee consented to share, from the configured list.
    #[serde(default, deserialize_with = "json::null_as_empty")]
    pub interests: Vec<String>,
}

/// `record-departure`: the employee left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordDeparture {
    /// The employee.
    #[serde(with = "json::id")]
    pub employee_id: Uuid,
    /// Last day, `YYYY-MM-DD`.
    #[serde(with = "json::date")]
    #[schema(value_type = String, format = Date)]
    pub departure_date: Date,
}

/// `grant-visibility-consent` and `withdraw-visibility-consent`: the employee (the
/// actor) lets planners see, or stops them seeing, which ERG their evidence is from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisibilityConsent {
    /// The employee; must be the actor.
    #[serde(with = "json::id")]
    pub employee_id: Uuid,
}
