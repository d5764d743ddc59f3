//! The events Ladder records, in their current version.
//!
//! Each payload struct is the newest version of its event type. When a field is
//! added, the old struct moves to a `v<N>` module, keeps decoding, and is upcast
//! to the new one; the golden files in `vectors/` pin every version's bytes.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::values::{Criticality, ErgRole, LearningKind, Money, Readiness, Requirement};
use crate::wire;

/// Stable numeric codes of event types, written before every payload.
///
/// Codes are never reused; a retired event type keeps its code forever.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
pub enum EventType {
    /// [`ErgRegistered`]
    ErgRegistered = 1,
    /// [`ErgRoleAssigned`]
    ErgRoleAssigned = 2,
    /// [`ErgRoleEnded`]
    ErgRoleEnded = 3,
    /// [`BudgetRequested`]
    BudgetRequested = 10,
    /// [`BudgetApproved`]
    BudgetApproved = 11,
    /// [`BudgetRejected`]
    BudgetRejected = 12,
    /// [`BudgetClosed`]
    BudgetClosed = 13,
    /// [`ProjectStarted`]
    ProjectStarted = 20,
    /// [`ProjectCompleted`]
    ProjectCompleted = 21,
    /// [`LmsAccountLinked`]
    LmsAccountLinked = 30,
    /// [`LearningRecorded`]
    LearningRecorded = 40,
    /// [`LearningRevoked`]
    LearningRevoked = 41,
    /// [`MentorshipStarted`]
    MentorshipStarted = 50,
    /// [`MentorshipMilestoneRecorded`]
    MentorshipMilestoneRecorded = 51,
    /// [`MentorshipCompleted`]
    MentorshipCompleted = 52,
    /// [`PositionDefined`]
    PositionDefined = 60,
    /// [`SuccessorNominated`]
    SuccessorNominated = 61,
    /// [`NominationWithdrawn`]
    NominationWithdrawn = 62,
    /// [`PositionFilled`]
    PositionFilled = 63,
    /// [`EmployeeOnboarded`]
    EmployeeOnboarded = 70,
    /// [`EmployeeDeparted`]
    EmployeeDeparted = 71,
    /// [`VisibilityConsentGranted`]
    VisibilityConsentGranted = 72,
    /// [`VisibilityConsentWithdrawn`]
    VisibilityConsentWithdrawn = 73,
}

impl EventType {
    /// Every event type, in code order.
    pub const ALL: [EventType; 23] = [
        EventType::ErgRegistered,
        EventType::ErgRoleAssigned,
        EventType::ErgRoleEnded,
        EventType::BudgetRequested,
        EventType::BudgetApproved,
        EventType::BudgetRejected,
        EventType::BudgetClosed,
        EventType::ProjectStarted,
        EventType::ProjectCompleted,
        EventType::LmsAccountLinked,
        EventType::LearningRecorded,
        EventType::LearningRevoked,
        EventType::MentorshipStarted,
        EventType::MentorshipMilestoneRecorded,
        EventType::MentorshipCompleted,
        EventType::PositionDefined,
        EventType::SuccessorNominated,
        EventType::NominationWithdrawn,
        EventType::PositionFilled,
        EventType::EmployeeOnboarded,
        EventType::EmployeeDeparted,
        EventType::VisibilityConsentGranted,
        EventType::VisibilityConsentWithdrawn,
    ];

    /// The wire code.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// The type for a wire code, if it is one Ladder knows.
    pub fn from_code(code: u16) -> Option<EventType> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The kebab-case name used in logs, exports and file names.
    pub fn name(self) -> &'static str {
        match self {
            EventType::ErgRegistered => "erg-registered",
            EventType::ErgRoleAssigned => "erg-role-assigned",
            EventType::ErgRoleEnded => "erg-role-ended",
            EventType::BudgetRequested => "budget-requested",
            EventType::BudgetApproved => "budget-approved",
            EventType::BudgetRejected => "budget-rejected",
            EventType::BudgetClosed => "budget-closed",
            EventType::ProjectStarted => "project-started",
            EventType::ProjectCompleted => "project-completed",
            EventType::LmsAccountLinked => "lms-account-linked",
            EventType::LearningRecorded => "learning-recorded",
            EventType::LearningRevoked => "learning-revoked",
            EventType::MentorshipStarted => "mentorship-started",
            EventType::MentorshipMilestoneRecorded => "mentorship-milestone-recorded",
            EventType::MentorshipCompleted => "mentorship-completed",
            EventType::PositionDefined => "position-defined",
            EventType::SuccessorNominated => "successor-nominated",
            EventType::NominationWithdrawn => "nomination-withdrawn",
            EventType::PositionFilled => "position-filled",
            EventType::EmployeeOnboarded => "employee-onboarded",
            EventType::EmployeeDeparted => "employee-departed",
            EventType::VisibilityConsentGranted => "visibility-consent-granted",
            EventType::VisibilityConsentWithdrawn => "visibility-consent-withdrawn",
        }
    }

    /// The newest schema version of this type; encoding always writes it.
    pub fn current_version(self) -> u16 {
        1
    }

    /// Every version that still decodes, oldest first.
    pub fn versions(self) -> std::ops::RangeInclusive<u16> {
        1..=self.current_version()
    }
}

/// An ERG came into being.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErgRegistered {
    /// Display name of the group, e.g. "Veterans in Tech".
    pub name: String,
    /// Whether membership reveals protected affinity; hidden from planners without consent.
    pub sensitive: bool,
}

/// Someone took up a role in an ERG.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErgRoleAssigned {
    /// Pseudonymous id of the employee.
    #[serde(with = "wire::uuid_bytes")]
    pub employee_id: Uuid,
    /// The role taken.
    pub role: ErgRole,
    /// First day of the term.
    #[serde(with = "wire::date")]
    pub term_start: Date,
}

/// A role term came to an end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErgRoleEnded {
    /// Pseudonymous id of the employee.
    #[serde(with = "wire::uuid_bytes")]
    pub employee_id: Uuid,
    /// The role given up.
    pub role: ErgRole,
    /// Last day of the term.
    #[serde(with = "wire::date")]
    pub term_end: Date,
}

/// An ERG member asked for a budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRequested {
    /// The ERG the budget is for.
    #[serde(with = "wire::uuid_bytes")]
    pub erg_id: Uuid,
    /// The employee accountable for the budget.
    #[serde(with = "wire::uuid_bytes")]
    pub owner_id: Uuid,
    /// The amount requested.
    pub amount: Money,
    /// What the money is for.
    pub purpose: String,
}

/// An approver other than the owner approved a budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetApproved {
    /// Who approved; never the owner.
    #[serde(with = "wire::uuid_bytes")]
    pub approver_id: Uuid,
    /// The amount approved; at most the amount requested.
    pub approved: Money,
}

/// An approver other than the owner turned a budget down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRejected {
    /// Who rejected; never the owner.
    #[serde(with = "wire::uuid_bytes")]
    pub rejected_by: Uuid,
    /// Why.
    pub reason: String,
}

/// An approved budget was closed with its actual spend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetClosed {
    /// Who closed it.
    #[serde(with = "wire::uuid_bytes")]
    pub closed_by: Uuid,
    /// What was actually spent.
    pub spent: Money,
}

/// A project started with a lead and a sponsor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectStarted {
    /// Short title.
    pub title: String,
    /// The employee leading the project.
    #[serde(with = "wire::uuid_bytes")]
    pub lead_id: Uuid,
    /// The sponsor who will sign it off; never the lead.
    #[serde(with = "wire::uuid_bytes")]
    pub sponsor_id: Uuid,
    /// The ERG the project runs for, if any.
    #[serde(with = "wire::opt_uuid_bytes")]
    pub erg_id: Option<Uuid>,
    /// Kind of project, a kebab-case token such as `mentoring-circle`.
    pub kind: String,
}

/// A project was completed and signed off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectCompleted {
    /// Who signed it off; never the lead.
    #[serde(with = "wire::uuid_bytes")]
    pub signed_off_by: Uuid,
    /// What the project achieved.
    pub outcome: String,
}

/// An LMS account was linked to an employee (sent by the HRIS).
///
/// Only a key derived from the account is kept: the account name can be a login
/// such as a person's name, which must not enter the immutable log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LmsAccountLinked {
    /// The employee the account belongs to.
    #[serde(with = "wire::uuid_bytes")]
    pub employee_id: Uuid,
    /// SHA-256 of the account's home page and name; see [`crate::lms::account_key`].
    pub account_key: [u8; 32],
    /// The LMS the account lives in, e.g. `https://lms.example.org`.
    pub home_page: String,
}

/// The LMS reported a learning achievement (one xAPI statement).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningRecorded {
    /// The xAPI statement id, given or derived from the statement's content.
    #[serde(with = "wire::uuid_bytes")]
    pub statement_id: Uuid,
    /// What was achieved.
    pub kind: LearningKind,
    /// The activity's IRI, e.g. a course URL.
    pub activity_id: String,
    /// The LMS that reported it (the account's home page).
    pub issuer: String,
    /// Whether that LMS was a configured trusted issuer when this was recorded.
    pub issuer_trusted: bool,
}

/// A voiding statement withdrew an earlier learning record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningRevoked {
    /// The statement whose record is withdrawn.
    #[serde(with = "wire::uuid_bytes")]
    pub statement_id: Uuid,
    /// The voiding statement.
    #[serde(with = "wire::uuid_bytes")]
    pub voided_by: Uuid,
}

/// A mentor and a mentee started working on a skill gap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorshipStarted {
    /// The mentor.
    #[serde(with = "wire::uuid_bytes")]
    pub mentor_id: Uuid,
    /// The mentee; never the mentor.
    #[serde(with = "wire::uuid_bytes")]
    pub mentee_id: Uuid,
    /// Id of the competency the mentorship focuses on.
    pub focus_competency: String,
}

/// A milestone of a mentorship.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorshipMilestoneRecorded {
    /// What was reached.
    pub summary: String,
}

/// The mentee confirmed a mentorship as completed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorshipCompleted {
    /// Who confirmed it: always the mentee.
    #[serde(with = "wire::uuid_bytes")]
    pub confirmed_by: Uuid,
}

/// A critical role was defined with the competency levels it requires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionDefined {
    /// The role's title.
    pub title: String,
    /// How much a successor matters.
    pub criticality: Criticality,
    /// Required competency levels, one per competency.
    pub requirements: Vec<Requirement>,
}

/// A planner nominated a successor for a position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuccessorNominated {
    /// The candidate.
    #[serde(with = "wire::uuid_bytes")]
    pub candidate_id: Uuid,
    /// The planner's own readiness judgement, replacing the computed one.
    pub readiness_override: Option<Readiness>,
    /// Why: required with an override.
    pub reason: Option<String>,
}

/// A nomination was withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NominationWithdrawn {
    /// The candidate.
    #[serde(with = "wire::uuid_bytes")]
    pub candidate_id: Uuid,
    /// Why, if given.
    pub reason: Option<String>,
}

/// How a position was filled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fill {
    /// By an employee, optionally with what the move cost.
    Internal {
        /// The employee.
        #[serde(with = "wire::uuid_bytes")]
        employee_id: Uuid,
        /// Relocation, training or backfill cost, if known.
        cost: Option<Money>,
    },
    /// By an external hire, with its cost.
    External {
        /// Recruitment cost.
        cost: Money,
    },
}

/// A position was filled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionFilled {
    /// Who filled it, and at what cost.
    pub fill: Fill,
}

/// An employee joined (sent by the HRIS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeOnboarded {
    /// First day of employment.
    #[serde(with = "wire::date")]
    pub hire_date: Date,
    /// Organisational unit code, e.g. `eng-platform`.
    pub org_unit: String,
    /// Job level code, e.g. `L4`.
    pub job_level: String,
    /// Interests the employee declared and consented to share, from the configured list.
    pub interests: Vec<String>,
}

/// An employee left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeDeparted {
    /// Last day of employment.
    #[serde(with = "wire::date")]
    pub departure_date: Date,
}

/// The employee allowed planners to see which ERG their evidence comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisibilityConsentGranted {}

/// The employee took that permission back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisibilityConsentWithdrawn {}

/// Any event, in its current version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// See [`ErgRegistered`].
    ErgRegistered(ErgRegistered),
    /// See [`ErgRoleAssigned`].
    ErgRoleAssigned(ErgRoleAssigned),
    /// See [`ErgRoleEnded`].
    ErgRoleEnded(ErgRoleEnded),
    /// See [`BudgetRequested`].
    BudgetRequested(BudgetRequested),
    /// See [`BudgetApproved`].
    BudgetApproved(BudgetApproved),
    /// See [`BudgetRejected`].
    BudgetRejected(BudgetRejected),
    /// See [`BudgetClosed`].
    BudgetClosed(BudgetClosed),
    /// See [`ProjectStarted`].
    ProjectStarted(ProjectStarted),
    /// See [`ProjectCompleted`].
    ProjectCompleted(ProjectCompleted),
    /// See [`LmsAccountLinked`].
    LmsAccountLinked(LmsAccountLinked),
    /// See [`LearningRecorded`].
    LearningRecorded(LearningRecorded),
    /// See [`LearningRevoked`].
    LearningRevoked(LearningRevoked),
    /// See [`MentorshipStarted`].
    MentorshipStarted(MentorshipStarted),
    /// See [`MentorshipMilestoneRecorded`].
    MentorshipMilestoneRecorded(MentorshipMilestoneRecorded),
    /// See [`MentorshipCompleted`].
    MentorshipCompleted(MentorshipCompleted),
    /// See [`PositionDefined`].
    PositionDefined(PositionDefined),
    /// See [`SuccessorNominated`].
    SuccessorNominated(SuccessorNominated),
    /// See [`NominationWithdrawn`].
    NominationWithdrawn(NominationWithdrawn),
    /// See [`PositionFilled`].
    PositionFilled(PositionFilled),
    /// See [`EmployeeOnboarded`].
    EmployeeOnboarded(EmployeeOnboarded),
    /// See [`EmployeeDeparted`].
    EmployeeDeparted(EmployeeDeparted),
    /// See [`VisibilityConsentGranted`].
    VisibilityConsentGranted(VisibilityConsentGranted),
    /// See [`VisibilityConsentWithdrawn`].
    VisibilityConsentWithdrawn(VisibilityConsentWithdrawn),
}

impl Event {
    /// The event's type.
    pub fn event_type(&self) -> EventType {
        match self {
            Event::ErgRegistered(_) => EventType::ErgRegistered,
            Event::ErgRoleAssigned(_) => EventType::ErgRoleAssigned,
            Event::ErgRoleEnded(_) => EventType::ErgRoleEnded,
            Event::BudgetRequested(_) => EventType::BudgetRequested,
            Event::BudgetApproved(_) => EventType::BudgetApproved,
            Event::BudgetRejected(_) => EventType::BudgetRejected,
            Event::BudgetClosed(_) => EventType::BudgetClosed,
            Event::ProjectStarted(_) => EventType::ProjectStarted,
            Event::ProjectCompleted(_) => EventType::ProjectCompleted,
            Event::LmsAccountLinked(_) => EventType::LmsAccountLinked,
            Event::LearningRecorded(_) => EventType::LearningRecorded,
            Event::LearningRevoked(_) => EventType::LearningRevoked,
            Event::MentorshipStarted(_) => EventType::MentorshipStarted,
            Event::MentorshipMilestoneRecorded(_) => EventType::MentorshipMilestoneRecorded,
            Event::MentorshipCompleted(_) => EventType::MentorshipCompleted,
            Event::PositionDefined(_) => EventType::PositionDefined,
            Event::SuccessorNominated(_) => EventType::SuccessorNominated,
            Event::NominationWithdrawn(_) => EventType::NominationWithdrawn,
            Event::PositionFilled(_) => EventType::PositionFilled,
            Event::EmployeeOnboarded(_) => EventType::EmployeeOnboarded,
            Event::EmployeeDeparted(_) => EventType::EmployeeDeparted,
            Event::VisibilityConsentGranted(_) => EventType::VisibilityConsentGranted,
            Event::VisibilityConsentWithdrawn(_) => EventType::VisibilityConsentWithdrawn,
        }
    }
}
