//! The JSON body of each command, field for field as publishers send it.
//!
//! Every struct refuses unknown fields so that a typo is an error rather than a
//! silently ignored value. The fields every command shares (`command_id`,
//! `actor`, `effective_date`, …) are in [`super::CommandMeta`].

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use proto_events::{Currency, ErgRole};

use super::json;

/// `register-erg`: a new Employee Resource Group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterErg {
    /// Id the publisher chose for the group.
    #[serde(with = "json::id")]
    pub erg_id: Uuid,
    /// Display name, 1 to 120 characters.
    pub name: String,
    /// Whether membership reveals a protected affinity; hidden from planners without consent.
    pub sensitive: bool,
}

/// `assign-erg-role`: someone takes up a role in a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignErgRole {
    /// The group.
    #[serde(with = "json::id")]
    pub erg_id: Uuid,
    /// The employee taking the role.
    #[serde(with = "json::id")]
    pub employee_id: Uuid,
    /// One of `chair`, `co-chair`, `treasurer`, `committee-member`, `event-lead`,
    /// `mentorship-lead`.
    #[serde(with = "json::role")]
    #[schema(value_type = String, example = "chair")]
    pub role: ErgRole,
    /// First day of the term, `YYYY-MM-DD`; not before the group's registration.
    #[serde(with = "json::date")]
    #[schema(value_type = String, format = Date)]
    pub term_start: jiff::civil::Date,
}

/// `end-erg-role`: a role term ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndErgRole {
    /// The group.
    #[serde(with = "json::id")]
    pub erg_id: Uuid,
    /// The employee giving up the role.
    #[serde(with = "json::id")]
    pub employee_id: Uuid,
    /// The role, as in `assign-erg-role`.
    #[serde(with = "json::role")]
    #[schema(value_type = String, example = "chair")]
    pub role: ErgRole,
    /// Last day of the term, `YYYY-MM-DD`; not before the term started.
    #[serde(with = "json::date")]
    #[schema(value_type = String, format = Date)]
    pub term_end: jiff::civil::Date,
}

/// `request-budget`: an ERG member asks for money.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestBudget {
    /// Id the publisher chose for the budget.
    #[serde(with = "json::id")]
    pub budget_id: Uuid,
    /// The registered ERG the budget is for.
    #[serde(with = "json::id")]
    pub erg_id: Uuid,
    /// The employee accountable for it.
    #[serde(with = "json::id")]
    pub owner_id: Uuid,
    /// Amount in minor units (cents), greater than zero.
    #[serde(with = "json::minor_units")]
    pub amount_minor: u64,
    /// ISO 4217 code, e.g. `EUR`.
    #[serde(with = "json::currency")]
    #[schema(value_type = String, example = "EUR")]
    pub currency: Currency,
    /// What it is for, 1 to 500 characters.
    pub purpose: String,
}

/// `approve-budget`: the actor, who is not the owner, approves, dated no earlier than the
/// request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveBudget {
    /// The requested budget.
    #[serde(with = "json::id")]
    pub budget_id: Uuid,
    /// Amount approved in minor units, greater than zero and at most the amount requested.
    #[serde(with = "json::minor_units")]
    pub approved_minor: u64,
}

/// `reject-budget`: the actor, who is not the owner, turns it down, dated no earlier than the
/// request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectBudget {
    /// The requested budget.
    #[serde(with = "json::id")]
    pub budget_id: Uuid,
    /// Why, 1 to 500 characters.
    pub reason: String,
}

/// `close-budget`: an approved budget is closed with what was spent, dated no earlier than the
/// approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseBudget {
    /// The approved budget.
    #[serde(with = "json::id")]
    pub budget_id: Uuid,
    /// Actual spend in minor units of the budget's currency.
    #[serde(with = "json::minor_units")]
    pub spent_minor: u64,
}

/// `start-project`: a project begins with a lead and a sponsor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartProject {
    /// Id the publisher chose for the project.
    #[serde(with = "json::id")]
    pub project_id: Uuid,
    /// Short title, 1 to 200 characters.
    pub title: String,
    /// The employee leading it.
    #[serde(with = "json::id")]
    pub lead_id: Uuid,
    /// The sponsor who will sign it off; not the lead.
    #[serde(with = "json::id")]
    pub sponsor_id: Uuid,
    /// The registered ERG it runs for, if any.
    #[serde(
        default,
        with = "json::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub erg_id: Option<Uuid>,
    /// Kind of project: lowercase words joined by hyphens, at most 40 characters.
    pub kind: String,
}

/// `complete-project`: the actor, the sponsor named at the start, signs the project off, dated
/// no earlier than the start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteProject {
    /// The started project.
    #[serde(with = "json::id")]
    pub project_id: Uuid,
    /// What it achieved, 1 to 2000 characters.
    pub outcome: String,
}
