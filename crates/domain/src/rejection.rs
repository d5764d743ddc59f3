//! Why a well-formed command was refused, given the history it would change.

use jiff::civil::Date;
use uuid::Uuid;

/// A command that breaks a rule. Each variant is a rule; [`Rejection::code`] is its
/// stable kebab-case name, which publishers may match on. Retrying the same
/// command gives the same rejection unless the history changes first.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// `register-erg` for an id that is already registered.
    #[error("ERG {erg_id} is already registered")]
    ErgAlreadyRegistered {
        /// The group.
        erg_id: Uuid,
    },
    /// A command names an ERG that was never registered.
    #[error("ERG {erg_id} is not registered")]
    UnknownErg {
        /// The group.
        erg_id: Uuid,
    },
    /// A second chair whose term would overlap the current chair's.
    #[error("a new chair's term would overlap the term of chair {holder}, which began {since}")]
    ChairAlreadyAssigned {
        /// The sitting chair.
        holder: Uuid,
        /// Start of the sitting chair's term.
        since: Date,
    },
    /// The employee already holds the role over an overlapping term.
    #[error("employee {employee_id} already holds the role {role} from {since}")]
    RoleAlreadyHeld {
        /// The employee.
        employee_id: Uuid,
        /// The role.
        role: &'static str,
        /// Start of the term they hold.
        since: Date,
    },
    /// Ending a role the employee never held.
    #[error("employee {employee_id} does not hold the role {role}")]
    RoleNotHeld {
        /// The employee.
        employee_id: Uuid,
        /// The role.
        role: &'static str,
    },
    /// Ending a role whose term already ended.
    #[error("the {role} term of employee {employee_id} already ended on {ended}")]
    RoleAlreadyEnded {
        /// The employee.
        employee_id: Uuid,
        /// The role.
        role: &'static str,
        /// When it ended.
        ended: Date,
    },
    /// A term end before its start.
    #[error("term end {end} is before the term start {start}")]
    RoleEndsBeforeStart {
        /// Start of the open term.
        start: Date,
        /// Requested end.
        end: Date,
    },
    /// `request-budget` for an id already used.
    #[error("budget {budget_id} already exists")]
    BudgetAlreadyExists {
        /// The budget.
        budget_id: Uuid,
    },
    /// A command names a budget that was never requested.
    #[error("budget {budget_id} was never requested")]
    UnknownBudget {
        /// The budget.
        budget_id: Uuid,
    },
    /// The owner tried to approve their own budget.
    #[error("the budget owner cannot approve their own budget")]
    OwnerCannotApprove,
    /// The owner tried to reject their own budget.
    #[error("the budget owner cannot reject their own budget")]
    OwnerCannotReject,
    /// Approving or rejecting a budget that was already decided.
    #[error("the budget was already {status}")]
    BudgetAlreadyDecided {
        /// `approved`, `rejected` or `closed`.
        status: &'static str,
    },
    /// Approving more than was requested.
    #[error("approved amount {approved} exceeds the requested {requested}")]
    ApprovalExceedsRequest {
        /// Minor units requested.
        requested: u64,
        /// Minor units the approver tried to approve.
        approved: u64,
    },
    /// Closing a budget that is not approved.
    #[error("only an approved budget can be closed; this one is {status}")]
    BudgetNotApproved {
        /// `requested` or `rejected`.
        status: &'static str,
    },
    /// Closing a budget twice.
    #[error("the budget is already closed")]
    BudgetAlreadyClosed,
    /// `start-project` for an id already used.
    #[error("project {project_id} already exists")]
    ProjectAlreadyExists {
        /// The project.
        project_id: Uuid,
    },
    /// A command names a project that never started.
    #[error("project {project_id} was never started")]
    UnknownProject {
        /// The project.
        project_id: Uuid,
    },
    /// A project whose sponsor is its lead could never be independently signed off.
    #[error("the sponsor must be someone other than the lead")]
    SponsorIsLead,
    /// The lead tried to sign off their own project.
    #[error("the project lead cannot sign off their own project")]
    LeadCannotSignOff,
    /// Someone other than the sponsor named at the start tried to sign off the project:
    /// only the sponsor's sign-off makes the project verified evidence for its lead.
    #[error("only the project's sponsor {sponsor_id} can sign it off, not {actor}")]
    NotTheSponsor {
        /// The sponsor named by `start-project`.
        sponsor_id: Uuid,
        /// Who tried to sign off.
        actor: Uuid,
    },
    /// Completing a project twice.
    #[error("the project is already completed")]
    ProjectAlreadyCompleted,
    /// The LMS account is already linked.
    #[error("the LMS account is already linked to employee {employee_id}")]
    LmsAccountAlreadyLinked {
        /// The employee it is linked to.
        employee_id: Uuid,
    },
    /// A learning statement recorded twice under different command ids.
    #[error("statement {statement_id} is already recorded")]
    LearningAlreadyRecorded {
        /// The statement.
        statement_id: Uuid,
    },
    /// Voiding a statement that this learner has no record of.
    #[error("statement {statement_id} is not recorded for this learner")]
    LearningNotRecorded {
        /// The statement.
        statement_id: Uuid,
    },
    /// Voiding a statement twice.
    #[error("statement {statement_id} was already voided")]
    LearningAlreadyRevoked {
        /// The statement.
        statement_id: Uuid,
    },
    /// `start-mentorship` for an id already used.
    #[error("mentorship {mentorship_id} already exists")]
    MentorshipAlreadyExists {
        /// The mentorship.
        mentorship_id: Uuid,
    },
    /// A mentor mentoring themselves.
    #[error("the mentor and the mentee must be different people")]
    MentorIsMentee,
    /// A command names a mentorship that never started.
    #[error("mentorship {mentorship_id} was never started")]
    UnknownMentorship {
        /// The mentorship.
        mentorship_id: Uuid,
    },
    /// A milestone or completion after completion.
    #[error("the mentorship is already completed")]
    MentorshipAlreadyCompleted,
    /// Someone other than the mentee tried to confirm the mentorship.
    #[error("only the mentee can complete a mentorship; their confirmation is the evidence")]
    OnlyMenteeCanComplete,
    /// A focus competency the active framework does not define.
    #[error("competency `{competency}` is not in the active framework")]
    UnknownCompetency {
        /// The id given.
        competency: String,
    },
    /// A position requires a level the active framework does not define for the competency.
    #[error(
        "level {requested} of competency `{competency}` is beyond the active framework, \
         whose highest level of it is {highest}"
    )]
    LevelBeyondFramework {
        /// The competency.
        competency: String,
        /// The level the position requires.
        requested: u8,
        /// The highest level the framework defines for it; 0 when it has none.
        highest: u32,
    },
    /// A reference to an aggregate that does not exist.
    #[error("{kind} {id} does not exist")]
    UnknownAggregate {
        /// Its kind.
        kind: &'static str,
        /// Its id.
        id: Uuid,
    },
    /// `define-position` for an id already used.
    #[error("position {position_id} is already defined")]
    PositionAlreadyDefined {
        /// The position.
        position_id: Uuid,
    },
    /// A command names a position that was never defined.
    #[error("position {position_id} was never defined")]
    UnknownPosition {
        /// The position.
        position_id: Uuid,
    },
    /// Nominating or filling a position that is already filled.
    #[error("the position is already filled")]
    PositionAlreadyFilled,
    /// Nominating the same candidate twice.
    #[error("employee {candidate_id} is already nominated for this position")]
    AlreadyNominated {
        /// The candidate.
        candidate_id: Uuid,
    },
    /// Withdrawing a nomination that does not exist.
    #[error("employee {candidate_id} is not nominated for this position")]
    NotNominated {
        /// The candidate.
        candidate_id: Uuid,
    },
    /// An external hire without its cost.
    #[error("an external hire needs its cost")]
    ExternalHireWithoutCost,
    /// Onboarding twice.
    #[error("employee {employee_id} is already onboarded")]
    EmployeeAlreadyOnboarded {
        /// The employee.
        employee_id: Uuid,
    },
    /// A command names an employee the HRIS never onboarded.
    #[error("employee {employee_id} was never onboarded")]
    UnknownEmployee {
        /// The employee.
        employee_id: Uuid,
    },
    /// Recording a departure twice, or naming an employee who left on or before the
    /// command's effective date as a successor or as the one who fills a position.
    #[error("employee {employee_id} departed on {departure_date}")]
    EmployeeAlreadyDeparted {
        /// The employee.
        employee_id: Uuid,
        /// Their last day.
        departure_date: Date,
    },
    /// An employee named, as successor or as the one who fills a position, before their
    /// hire date.
    #[error("employee {employee_id} starts on {hire_date}, after the command's effective date")]
    EmployeeNotYetHired {
        /// The employee.
        employee_id: Uuid,
        /// Their first day.
        hire_date: Date,
    },
    /// A departure before the hire date.
    #[error("departure {departure_date} is before the hire date {hire_date}")]
    DepartureBeforeHire {
        /// Hire date.
        hire_date: jiff::civil::Date,
        /// Requested departure date.
        departure_date: jiff::civil::Date,
    },
    /// Consent given or withdrawn by someone else.
    #[error("only the employee can grant or withdraw their own consent")]
    OnlyEmployeeCanConsent,
    /// Granting consent twice.
    #[error("consent is already granted")]
    ConsentAlreadyGranted,
    /// Withdrawing consent that was not granted.
    #[error("consent is not granted")]
    ConsentNotGranted,
    /// An interest outside the configured list.
    #[error("interest `{interest}` is not in the configured list")]
    UnknownInterest {
        /// The interest.
        interest: String,
    },
    /// A command dated before the earlier step of the same aggregate it follows, such as an
    /// approval dated before the budget's request: the evidence it yields would predate the
    /// work it attests.
    #[error("{field} {date} is before {step} on {step_date}")]
    DateOutOfOrder {
        /// The command's field that carries the date: `effective_date` or `term_start`.
        field: &'static str,
        /// The date the command gave, or the day it was recorded when it gave none.
        date: Date,
        /// The earlier step, e.g. `the budget request`.
        step: &'static str,
        /// The business date of the earlier step.
        step_date: Date,
    },
    /// A command id reused for a different command.
    #[error("command id {command_id} was already used for a different command")]
    CommandIdReused {
        /// The id.
        command_id: Uuid,
    },
}

impl Rejection {
    /// The rule's stable kebab-case code.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::ErgAlreadyRegistered { .. } => "erg-already-registered",
            Rejection::UnknownErg { .. } => "unknown-erg",
            Rejection::ChairAlreadyAssigned { .. } => "chair-already-assigned",
            Rejection::RoleAlreadyHeld { .. } => "role-already-held",
            Rejection::RoleNotHeld { .. } => "role-not-held",
            Rejection::RoleAlreadyEnded { .. } => "role-already-ended",
            Rejection::RoleEndsBeforeStart { .. } => "role-ends-before-start",
            Rejection::BudgetAlreadyExists { .. } => "budget-already-exists",
            Rejection::UnknownBudget { .. } => "unknown-budget",
            Rejection::OwnerCannotApprove => "owner-cannot-approve",
            Rejection::OwnerCannotReject => "owner-cannot-reject",
            Rejection::BudgetAlreadyDecided { .. } => "budget-already-decided",
            Rejection::ApprovalExceedsRequest { .. } => "approval-exceeds-request",
            Rejection::BudgetNotApproved { .. } => "budget-not-approved",
            Rejection::BudgetAlreadyClosed => "budget-already-closed",
            Rejection::ProjectAlreadyExists { .. } => "project-already-exists",
            Rejection::UnknownProject { .. } => "unknown-project",
            Rejection::SponsorIsLead => "sponsor-is-lead",
            Rejection::LeadCannotSignOff => "lead-cannot-sign-off",
            Rejection::NotTheSponsor { .. } => "not-the-sponsor",
            Rejection::ProjectAlreadyCompleted => "project-already-completed",
            Rejection::CommandIdReused { .. } => "command-id-reused",
            Rejection::LmsAccountAlreadyLinked { .. } => "lms-account-already-linked",
            Rejection::LearningAlreadyRecorded { .. } => "learning-already-recorded",
            Rejection::LearningNotRecorded { .. } => "learning-not-recorded",
            Rejection::LearningAlreadyRevoked { .. } => "learning-already-revoked",
            Rejection::MentorshipAlreadyExists { .. } => "mentorship-already-exists",
            Rejection::MentorIsMentee => "mentor-is-mentee",
            Rejection::UnknownMentorship { .. } => "unknown-mentorship",
            Rejection::MentorshipAlreadyCompleted => "mentorship-already-completed",
            Rejection::OnlyMenteeCanComplete => "only-mentee-can-complete",
            Rejection::UnknownCompetency { .. } => "unknown-competency",
            Rejection::LevelBeyondFramework { .. } => "level-beyond-framework",
            Rejection::UnknownAggregate { .. } => "unknown-aggregate",
            Rejection::PositionAlreadyDefined { .. } => "position-already-defined",
            Rejection::UnknownPosition { .. } => "unknown-position",
            Rejection::PositionAlreadyFilled => "position-already-filled",
            Rejection::AlreadyNominated { .. } => "already-nominated",
            Rejection::NotNominated { .. } => "not-nominated",
            Rejection::ExternalHireWithoutCost => "external-hire-without-cost",
            Rejection::EmployeeAlreadyOnboarded { .. } => "employee-already-onboarded",
            Rejection::UnknownEmployee { .. } => "unknown-employee",
            Rejection::EmployeeAlreadyDeparted { .. } => "employee-already-departed",
            Rejection::EmployeeNotYetHired { .. } => "employee-not-yet-hired",
            Rejection::DepartureBeforeHire { .. } => "departure-before-hire",
            Rejection::OnlyEmployeeCanConsent => "only-employee-can-consent",
            Rejection::ConsentAlreadyGranted => "consent-already-granted",
            Rejection::ConsentNotGranted => "consent-not-granted",
            Rejection::UnknownInterest { .. } => "unknown-interest",
            Rejection::DateOutOfOrder { .. } => "date-out-of-order",
        }
    }
}
