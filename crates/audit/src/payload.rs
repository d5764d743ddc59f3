//! Event payloads as JSON objects for auditors.
//!
//! The wire structs serialize ids and dates as bytes for postcard, which means
//! nothing in JSON; this writes each field by hand, in declaration order, with ids
//! as hyphenated UUIDs, dates as `YYYY-MM-DD` and money as minor units with its
//! currency. The workspace builds `serde_json` with `preserve_order`, so the keys
//! keep the order written here and an export's bytes never depend on hashing.

use proto_events::{Event, Fill, Money, Readiness};
use serde_json::{Value, json};

/// The payload of an event as a JSON object.
pub fn to_json(event: &Event) -> Value {
    match event {
        Event::ErgRegistered(e) => json!({"name": e.name, "sensitive": e.sensitive}),
        Event::ErgRoleAssigned(e) => json!({
            "employee_id": e.employee_id,
            "role": e.role.as_str(),
            "term_start": e.term_start.to_string(),
        }),
        Event::ErgRoleEnded(e) => json!({
            "employee_id": e.employee_id,
            "role": e.role.as_str(),
            "term_end": e.term_end.to_string(),
        }),
        Event::BudgetRequested(e) => json!({
            "erg_id": e.erg_id,
            "owner_id": e.owner_id,
            "amount": money(e.amount),
            "purpose": e.purpose,
        }),
        Event::BudgetApproved(e) => json!({
            "approver_id": e.approver_id,
            "approved": money(e.approved),
        }),
        Event::BudgetRejected(e) => json!({"rejected_by": e.rejected_by, "reason": e.reason}),
        Event::BudgetClosed(e) => json!({"closed_by": e.closed_by, "spent": money(e.spent)}),
        Event::ProjectStarted(e) => json!({
            "title": e.title,
            "lead_id": e.lead_id,
            "sponsor_id": e.sponsor_id,
            "erg_id": e.erg_id,
            "kind": e.kind,
        }),
        Event::ProjectCompleted(e) => json!({
            "signed_off_by": e.signed_off_by,
            "outcome": e.outcome,
        }),
        Event::LmsAccountLinked(e) => json!({
            "employee_id": e.employee_id,
            "account_key": hex(&e.account_key),
            "home_page": e.home_page,
        }),
        Event::LearningRecorded(e) => json!({
            "statement_id": e.statement_id,
            "kind": e.kind.as_str(),
            "activity_id": e.activity_id,
            "issuer": e.issuer,
            "issuer_trusted": e.issuer_trusted,
        }),
        Event::LearningRevoked(e) => json!({
            "statement_id": e.statement_id,
            "voided_by": e.voided_by,
        }),
        Event::MentorshipStarted(e) => json!({
            "mentor_id": e.mentor_id,
            "mentee_id": e.mentee_id,
            "focus_competency": e.focus_competency,
        }),
        Event::MentorshipMilestoneRecorded(e) => json!({"summary": e.summary}),
        Event::MentorshipCompleted(e) => json!({"confirmed_by": e.confirmed_by}),
        Event::PositionDefined(e) => json!({
            "title": e.title,
            "criticality": e.criticality.as_str(),
            "requirements": e
                .requirements
                .iter()
                .map(|r| json!({"competency": r.competency, "level": r.level}))
                .collect::<Vec<_>>(),
        }),
        Event::SuccessorNominated(e) => json!({
            "candidate_id": e.candidate_id,
            "readiness_override": e.readiness_override.map(Readiness::as_str),
            "reason": e.reason,
        }),
        Event::NominationWithdrawn(e) => json!({
            "candidate_id": e.candidate_id,
            "reason": e.reason,
        }),
        Event::PositionFilled(e) => match &e.fill {
            Fill::Internal { employee_id, cost } => json!({
                "fill": "internal",
                "employee_id": employee_id,
                "cost": cost.map(money),
            }),
            Fill::External { cost } => json!({"fill": "external", "cost": money(*cost)}),
        },
        Event::EmployeeOnboarded(e) => json!({
            "hire_date": e.hire_date.to_string(),
            "org_unit": e.org_unit,
            "job_level": e.job_level,
            "interests": e.interests,
        }),
        Event::EmployeeDeparted(e) => json!({"departure_date": e.departure_date.to_string()}),
        Event::VisibilityConsentGranted(_) | Event::VisibilityConsentWithdrawn(_) => json!({}),
    }
}

fn money(m: Money) -> Value {
    json!({"minor": m.minor, "currency": m.currency.as_str()})
}

/// Lowercase hex of bytes. Exports write three hashes per line, so this avoids
/// formatting machinery.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "test code: a failed expectation is a failed test"
)]
mod tests {
    use proto_events::{BudgetRequested, Currency};
    use uuid::Uuid;

    use super::*;

    #[test]
    fn fields_keep_declaration_order_and_readable_values() {
        let event = Event::BudgetRequested(BudgetRequested {
            erg_id: Uuid::from_u128(1),
            owner_id: Uuid::from_u128(2),
            amount: Money {
                minor: 12_345,
                currency: "EUR".parse::<Currency>().unwrap(),
            },
            purpose: "speaker series".to_owned(),
        });
        assert_eq!(
            to_json(&event).to_string(),
            r#"{"erg_id":"00000000-0000-0000-0000-000000000001","owner_id":"00000000-0000-0000-0000-000000000002","amount":{"minor":12345,"currency":"EUR"},"purpose":"speaker series"}"#
        );
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }
}
