//! What the read models store, one record type per table.
//!
//! Records are postcard-encoded, so fields are never skipped or reordered
//! conditionally: every field is always written. Answers are built from records in
//! [`crate::views`], which is where the JSON shape lives.

use jiff::civil::Date;
use proto_events::{Criticality, Currency, ErgRole, Money, Readiness, Requirement};

pub use ladder_domain::{Attester, BudgetStatus, Evidence, EvidenceDetail, EvidenceKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A registered ERG and every role term in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErgRecord {
    /// Display name.
    pub name: String,
    /// Whether membership is sensitive.
    pub sensitive: bool,
    /// Effective date of the registration.
    pub registered_on: Date,
    /// The registration event.
    pub registered_event: Uuid,
    /// Role terms in the order they were assigned.
    pub terms: Vec<TermRecord>,
}

/// One role term in an ERG.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRecord {
    /// Who.
    pub employee_id: Uuid,
    /// Which role.
    pub role: ErgRole,
    /// First day.
    pub term_start: Date,
    /// Last day, once ended.
    pub term_end: Option<Date>,
    /// Who assigned the role (the command's actor).
    pub assigned_by: Uuid,
    /// The assignment event.
    pub assigned_event: Uuid,
    /// The ending event, once ended.
    pub ended_event: Option<Uuid>,
    /// Key of the evidence record this term produced.
    pub evidence_key: EvidenceKey,
}

/// A budget and its decisions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRecord {
    /// The ERG it is for.
    pub erg_id: Uuid,
    /// Who is accountable.
    pub owner_id: Uuid,
    /// Current status.
    pub status: BudgetStatus,
    /// Currency of every amount.
    pub currency: Currency,
    /// Amount requested, minor units.
    pub requested_minor: u64,
    /// What it is for.
    pub purpose: String,
    /// Effective date of the request.
    pub requested_on: Date,
    /// Approver or rejecter, once decided.
    pub decided_by: Option<Uuid>,
    /// Effective date of the decision.
    pub decided_on: Option<Date>,
    /// Amount approved.
    pub approved_minor: Option<u64>,
    /// Why it was rejected.
    pub rejection_reason: Option<String>,
    /// Actual spend, once closed.
    pub spent_minor: Option<u64>,
    /// Effective date of the closing.
    pub closed_on: Option<Date>,
    /// Every event of the budget, in order.
    pub event_ids: Vec<Uuid>,
}

/// A project and its sign-off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRecord {
    /// Title.
    pub title: String,
    /// Kind token.
    pub kind: String,
    /// Who leads.
    pub lead_id: Uuid,
    /// Who sponsors.
    pub sponsor_id: Uuid,
    /// The ERG it runs for.
    pub erg_id: Option<Uuid>,
    /// Effective date of the start.
    pub started_on: Date,
    /// Who signed it off.
    pub signed_off_by: Option<Uuid>,
    /// Effective date of the sign-off.
    pub completed_on: Option<Date>,
    /// What it achieved.
    pub outcome: Option<String>,
    /// Every event of the project, in order.
    pub event_ids: Vec<Uuid>,
}

/// Key of an evidence record: the employee, then the stream sequence and event
/// index of the event that created it, so an employee's evidence is one range scan
/// in stream order.
pub type EvidenceKey = (u64, u32);

/// A mentorship and its progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorshipRecord {
    /// The mentor.
    pub mentor_id: Uuid,
    /// The mentee.
    pub mentee_id: Uuid,
    /// The competency it focuses on.
    pub focus_competency: String,
    /// Effective date of the start.
    pub started_on: Date,
    /// Milestones, in order: effective date and summary.
    pub milestones: Vec<(Date, String)>,
    /// Effective date of the completion.
    pub completed_on: Option<Date>,
    /// Who confirmed it (the mentee).
    pub confirmed_by: Option<Uuid>,
    /// Every event of the mentorship.
    pub event_ids: Vec<Uuid>,
}

/// A position and its succession.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRecord {
    /// Title.
    pub title: String,
    /// How much a successor matters.
    pub criticality: Criticality,
    /// Required competency levels.
    pub requirements: Vec<Requirement>,
    /// Effective date of the definition.
    pub defined_on: Date,
    /// Every nomination, standing or withdrawn, in order.
    pub nominations: Vec<NominationRecord>,
    /// How it was filled, once filled.
    pub filled: Option<FillRecord>,
}

/// One nomination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NominationRecord {
    /// The candidate.
    pub candidate_id: Uuid,
    /// The planner's readiness judgement, if any.
    pub readiness_override: Option<Readiness>,
    /// Why.
    pub reason: Option<String>,
    /// Effective date of the nomination.
    pub nominated_on: Date,
    /// Effective date of the withdrawal, if withdrawn.
    pub withdrawn_on: Option<Date>,
}

/// How a position was filled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FillRecord {
    /// Effective date of the fill.
    pub filled_on: Date,
    /// The employee, for an internal fill.
    pub employee_id: Option<Uuid>,
    /// What it cost, if known.
    pub cost: Option<Money>,
}

/// What the HRIS said at onboarding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Onboarding {
    /// First day.
    pub hire_date: Date,
    /// Organisational unit code.
    pub org_unit: String,
    /// Job level code.
    pub job_level: String,
    /// Declared interests.
    pub interests: Vec<String>,
}

/// An employee as the read models know them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeRecord {
    /// Onboarding, once onboarded.
    pub onboarding: Option<Onboarding>,
    /// Last day, once departed.
    pub departed_on: Option<Date>,
    /// Their visibility consents and withdrawals, in effective-date order (stream order
    /// within a day): whether planners may see which ERG their evidence comes from.
    pub consent: Vec<ConsentChange>,
}

/// One `grant-visibility-consent` or `withdraw-visibility-consent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentChange {
    /// From when it holds.
    pub effective_date: Date,
    /// Granted (`true`) or withdrawn.
    pub granted: bool,
}

impl EmployeeRecord {
    /// Whether planners may see which ERG their evidence comes from on `day`: the last
    /// grant or withdrawal effective by then decides; without one, they may not.
    pub fn consents_on(&self, day: Date) -> bool {
        self.consent
            .iter()
            .rev()
            .find(|c| c.effective_date <= day)
            .is_some_and(|c| c.granted)
    }

    /// Records a grant or withdrawal after every change effective on or before its date,
    /// so that a backdated change takes its place in business time.
    pub fn record_consent(&mut self, change: ConsentChange) {
        let at = self
            .consent
            .partition_point(|c| c.effective_date <= change.effective_date);
        self.consent.insert(at, change);
    }
}

/// A learning statement Ladder recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRecord {
    /// The learner whose record holds it.
    pub employee_id: Uuid,
    /// The LMS that reported it.
    pub issuer: String,
    /// Key of the evidence it produced.
    pub evidence_key: EvidenceKey,
    /// The voiding statement, once voided (its evidence is then gone).
    pub voided_by: Option<Uuid>,
}

/// A message that was not applied, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarantineRecord {
    /// The subject it was stored under.
    pub subject: String,
    /// Stable reason code, e.g. `broken-link`.
    pub reason_code: String,
    /// Human-readable reason.
    pub reason: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "test code")]
mod tests {
    use super::*;

    fn change(day: &str, granted: bool) -> ConsentChange {
        ConsentChange {
            effective_date: day.parse().unwrap(),
            granted,
        }
    }

    #[test]
    fn consent_is_judged_in_business_time_whatever_the_arrival_order() {
        let mut record = EmployeeRecord::default();
        let on = |record: &EmployeeRecord, day: &str| record.consents_on(day.parse().unwrap());
        assert!(!on(&record, "2026-01-01"), "no consent without a grant");

        record.record_consent(change("2026-03-01", true));
        record.record_consent(change("2026-06-01", false));
        // Arrives last, holds first: a grant backdated to before both.
        record.record_consent(change("2026-01-01", false));
        // The same day as the withdrawal, sent after it: it decides that day.
        record.record_consent(change("2026-06-01", true));

        assert!(!on(&record, "2025-12-31"));
        assert!(!on(&record, "2026-02-28"));
        assert!(on(&record, "2026-03-01"));
        assert!(on(&record, "2026-06-01"));
        let days: Vec<(String, bool)> = record
            .consent
            .iter()
            .map(|c| (c.effective_date.to_string(), c.granted))
            .collect();
        assert_eq!(
            days,
            [
                ("2026-01-01".to_owned(), false),
                ("2026-03-01".to_owned(), true),
                ("2026-06-01".to_owned(), false),
                ("2026-06-01".to_owned(), true),
            ]
        );
    }
}
