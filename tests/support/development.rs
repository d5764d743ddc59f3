//! Builders for the commands about people's development: LMS account links and
//! mentorships, with valid values for every field.

use serde_json::json;
use uuid::Uuid;

use crate::command::Cmd;

/// `link-lms-account`, sent by the HRIS (`actor`).
pub fn link_lms_account(actor: Uuid, employee_id: Uuid, home_page: &str, account: &str) -> Cmd {
    Cmd::new(
        "link-lms-account",
        actor,
        json!({"employee_id": employee_id, "home_page": home_page, "account_name": account}),
    )
}

/// `start-mentorship` issued by `actor`.
pub fn start_mentorship(
    actor: Uuid,
    mentorship_id: Uuid,
    mentor_id: Uuid,
    mentee_id: Uuid,
    focus_competency: &str,
) -> Cmd {
    Cmd::new(
        "start-mentorship",
        actor,
        json!({
            "mentorship_id": mentorship_id,
            "mentor_id": mentor_id,
            "mentee_id": mentee_id,
            "focus_competency": focus_competency,
        }),
    )
}

/// `record-mentorship-milestone` issued by `actor`.
pub fn record_milestone(actor: Uuid, mentorship_id: Uuid, summary: &str) -> Cmd {
    Cmd::new(
        "record-mentorship-milestone",
        actor,
        json!({"mentorship_id": mentorship_id, "summary": summary}),
    )
}

/// `complete-mentorship` issued by `actor`, who must be the mentee for it to count.
pub fn complete_mentorship(actor: Uuid, mentorship_id: Uuid) -> Cmd {
    Cmd::new(
        "complete-mentorship",
        actor,
        json!({"mentorship_id": mentorship_id}),
    )
}
