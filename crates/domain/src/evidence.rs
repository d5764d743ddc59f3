//! Leadership evidence: what one person did, who vouches for it, and when it counts.
//!
//! Evidence is derived from events by the projector and read by the competency
//! rules. It is plain data so that both sides agree on one shape; the projector
//! stores it with postcard, so fields are always written, never skipped.

use jiff::civil::Date;
use proto_events::{Currency, ErgRole};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The kinds of evidence, by what was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EvidenceKind {
    /// A term in an ERG role.
    ErgRole,
    /// A budget owned, decided by an approver, and closed with its actual spend.
    BudgetManaged,
    /// A project led to a sign-off.
    ProjectLed,
    /// A learning module completed, reported by the LMS.
    ModuleCompleted,
    /// A certification awarded, reported by the LMS.
    CertificationAwarded,
    /// A learning event attended, reported by the LMS.
    EventAttended,
    /// A mentorship completed as the mentor, confirmed by the mentee.
    MentorshipGiven,
    /// A mentorship completed as the mentee.
    MentorshipReceived,
}

impl EvidenceKind {
    /// Every kind.
    pub const ALL: [EvidenceKind; 8] = [
        EvidenceKind::ErgRole,
        EvidenceKind::BudgetManaged,
        EvidenceKind::ProjectLed,
        EvidenceKind::ModuleCompleted,
        EvidenceKind::CertificationAwarded,
        EvidenceKind::EventAttended,
        EvidenceKind::MentorshipGiven,
        EvidenceKind::MentorshipReceived,
    ];

    /// The kebab-case name used in answers.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::ErgRole => "erg-role",
            EvidenceKind::BudgetManaged => "budget-managed",
            EvidenceKind::ProjectLed => "project-led",
            EvidenceKind::ModuleCompleted => "module-completed",
            EvidenceKind::CertificationAwarded => "certification-awarded",
            EvidenceKind::EventAttended => "event-attended",
            EvidenceKind::MentorshipGiven => "mentorship-given",
            EvidenceKind::MentorshipReceived => "mentorship-received",
        }
    }
}

/// Who vouches for a piece of evidence.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Attester {
    /// A person or service, by pseudonymous id.
    Actor(Uuid),
    /// A learning platform, by the home page its accounts live under.
    Lms(String),
}

/// Kind-specific facts of a piece of evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceDetail {
    /// An ERG role term.
    Role {
        /// The role.
        role: ErgRole,
        /// First day.
        term_start: Date,
        /// Last day, once ended.
        term_end: Option<Date>,
    },
    /// A budget.
    Budget {
        /// The budget.
        budget_id: Uuid,
        /// Currency of the amounts.
        currency: Currency,
        /// Requested, minor units.
        requested_minor: u64,
        /// Approved, minor units.
        approved_minor: u64,
        /// Spent, minor units.
        spent_minor: u64,
    },
    /// A project.
    Project {
        /// The project.
        project_id: Uuid,
        /// Its title.
        title: String,
        /// Its kind token, e.g. `mentoring-circle`.
        kind: String,
        /// Its sponsor.
        sponsor_id: Uuid,
    },
    /// A learning record from the LMS.
    Learning {
        /// The activity's IRI, e.g. the course URL.
        activity_id: String,
        /// The xAPI statement that reported it.
        statement_id: Uuid,
        /// Whether the issuing LMS was a configured trusted issuer when it was recorded.
        issuer_trusted: bool,
    },
    /// A mentorship.
    Mentorship {
        /// The mentorship.
        mentorship_id: Uuid,
        /// The other person: the mentee for the mentor, the mentor for the mentee.
        counterpart: Uuid,
        /// The competency the mentorship focused on.
        focus_competency: String,
        /// Milestones recorded before completion.
        milestones: u32,
    },
}

/// One piece of leadership evidence for one employee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// What was done.
    pub kind: EvidenceKind,
    /// The events it rests on, in stream order.
    pub source_event_ids: Vec<Uuid>,
    /// Who vouches for it.
    pub attested_by: Attester,
    /// Whether it is attested by someone other than the employee: an approver who is
    /// not the owner, a sponsor who is not the lead, a trusted LMS, the mentee.
    /// Evidence that is not verified is shown as claimed and never grants a level.
    pub verified: bool,
    /// When it counts from: term start, budget close, sign-off, completion.
    pub effective_date: Date,
    /// The ERG it was earned in, if any.
    pub erg_id: Option<Uuid>,
    /// Kind-specific facts.
    pub detail: EvidenceDetail,
}
