//! Bodies of the commands about LMS accounts and mentorships.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::json;

/// `link-lms-account`: the HRIS tells which employee an LMS account belongs to.
///
/// Only a key derived from `home_page` and `account_name` is stored; the account
/// name itself never enters the event log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkLmsAccount {
    /// The employee.
    #[serde(with = "json::id")]
    pub employee_id: Uuid,
    /// The LMS's home page as in xAPI `actor.account.homePage`, an http(s) URL.
    pub home_page: String,
    /// The account name as in xAPI `actor.account.name`, 1 to 200 characters.
    pub account_name: String,
}

/// `start-mentorship`: a mentor and a mentee start on a skill gap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartMentorship {
    /// Id the publisher chose for the mentorship.
    #[serde(with = "json::id")]
    pub mentorship_id: Uuid,
    /// The mentor.
    #[serde(with = "json::id")]
    pub mentor_id: Uuid,
    /// The mentee; not the mentor.
    #[serde(with = "json::id")]
    pub mentee_id: Uuid,
    /// Id of a competency of the active framework, e.g. `budget-management`.
    pub focus_competency: String,
}

/// `record-mentorship-milestone`: progress on a running mentorship.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordMentorshipMilestone {
    /// The mentorship.
    #[serde(with = "json::id")]
    pub mentorship_id: Uuid,
    /// What was reached, 1 to 1000 characters.
    pub summary: String,
}

/// `complete-mentorship`: the mentee (the actor) confirms the mentorship.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteMentorship {
    /// The mentorship.
    #[serde(with = "json::id")]
    pub mentorship_id: Uuid,
}
