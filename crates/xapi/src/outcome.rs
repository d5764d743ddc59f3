//! What a valid statement means to Ladder: a learning fact, the voiding of an
//! earlier statement, or nothing (with the reason).

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use proto_events::LearningKind;
use uuid::Uuid;

use crate::statement::Account;

/// What one valid statement means to Ladder.
#[derive(Clone, Debug, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "outcomes live for one request; boxing facts would allocate once per statement \
              to save bytes nobody keeps"
)]
pub enum Outcome {
    /// A learning achievement to record for the account's employee.
    Learning(LearningFact),
    /// A voiding statement: the evidence recorded from `target` is withdrawn.
    Void(Void),
    /// Valid, but not something Ladder records; acknowledged, not an error.
    Ignored(Ignored),
}

impl Outcome {
    /// The id of the statement this outcome came from.
    pub fn statement_id(&self) -> Uuid {
        match self {
            Outcome::Learning(fact) => fact.statement_id,
            Outcome::Void(void) => void.statement_id,
            Outcome::Ignored(ignored) => ignored.statement_id,
        }
    }
}

/// A learning achievement reported by an LMS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearningFact {
    /// The statement id: the idempotency key of the record.
    pub statement_id: Uuid,
    /// Whether the id was derived from the statement's content.
    pub id_derived: bool,
    /// What was achieved.
    pub kind: LearningKind,
    /// The name of the mapping rule that matched, to explain the record.
    pub rule: String,
    /// The verb IRI of the statement.
    pub verb: String,
    /// The activity IRI, e.g. the course URL.
    pub activity_id: String,
    /// The activity type IRI, if the statement gave one.
    pub activity_type: Option<String>,
    /// The learner's LMS account, for looking up the employee; never store it.
    pub account: Account,
    /// The key to store instead of the account.
    pub account_key: [u8; 32],
    /// The id of the account's aggregate.
    pub account_id: Uuid,
    /// The LMS that reported it: the account's canonical home page.
    pub issuer: String,
    /// When it happened: the statement's `timestamp`, else its `stored` time.
    pub occurred_at: Option<Timestamp>,
    /// The calendar date of [`LearningFact::occurred_at`] at the statement's own
    /// UTC offset; the natural effective date of the evidence.
    pub occurred_on: Option<Date>,
    /// The enrolment (`context.registration`), if given.
    pub registration: Option<Uuid>,
    /// [`crate::Statement::content_digest`]: a statement sent again under its id is
    /// the same statement only if this is equal.
    pub content_digest: [u8; 32],
}

/// A voiding statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Void {
    /// The voiding statement's id.
    pub statement_id: Uuid,
    /// Whether that id was derived from the statement's content.
    pub id_derived: bool,
    /// The statement whose evidence is withdrawn.
    pub target: Uuid,
    /// The LMS that sent the voiding statement (the actor's canonical home page);
    /// a void should only be honoured from the LMS that issued the target.
    pub issuer: String,
}

/// A valid statement Ladder does not record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    /// The statement's id.
    pub statement_id: Uuid,
    /// Whether that id was derived from the statement's content.
    pub id_derived: bool,
    /// Why it is not recorded.
    pub reason: IgnoreReason,
}

/// Why a valid statement is not recorded. [`IgnoreReason::code`] is a stable name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IgnoreReason {
    /// The object is not an activity (an agent, a group, a sub-statement, or a
    /// statement reference with a verb other than voided).
    NotAnActivity {
        /// The object's `objectType`.
        object_type: &'static str,
    },
    /// No rule of the mapping uses the verb (e.g. `launched`, `experienced`).
    UnmappedVerb {
        /// The verb IRI, shortened.
        verb: String,
    },
    /// Rules use the verb, but none for this activity.
    NoMatchingRule {
        /// The verb IRI, shortened.
        verb: String,
        /// The activity IRI, shortened.
        activity_id: String,
        /// The activity type IRI, shortened, if any.
        activity_type: Option<String>,
    },
    /// `result.success` is false: a failed attempt is no achievement.
    NotSuccessful {
        /// What it would have been.
        kind: LearningKind,
    },
    /// `result.completion` is false: the activity was not finished.
    NotCompleted {
        /// What it would have been.
        kind: LearningKind,
    },
}

impl IgnoreReason {
    /// The stable kebab-case name of the reason.
    pub fn code(&self) -> &'static str {
        match self {
            IgnoreReason::NotAnActivity { .. } => "object-not-an-activity",
            IgnoreReason::UnmappedVerb { .. } => "unmapped-verb",
            IgnoreReason::NoMatchingRule { .. } => "no-matching-rule",
            IgnoreReason::NotSuccessful { .. } => "not-successful",
            IgnoreReason::NotCompleted { .. } => "not-completed",
        }
    }
}

impl fmt::Display for IgnoreReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IgnoreReason::NotAnActivity { object_type } => {
                write!(
                    f,
                    "the object is a {object_type}; ladder records learning on activities"
                )
            }
            IgnoreReason::UnmappedVerb { verb } => {
                write!(f, "no mapping rule uses the verb `{verb}`")
            }
            IgnoreReason::NoMatchingRule {
                verb,
                activity_id,
                activity_type,
            } => {
                write!(
                    f,
                    "no mapping rule matches the verb `{verb}` on activity `{activity_id}` "
                )?;
                match activity_type {
                    Some(activity_type) => write!(f, "of type `{activity_type}`"),
                    None => write!(f, "(no activity type given)"),
                }
            }
            IgnoreReason::NotSuccessful { kind } => write!(
                f,
                "result.success is false: a failed attempt does not count as {}",
                kind.as_str()
            ),
            IgnoreReason::NotCompleted { kind } => write!(
                f,
                "result.completion is false: an unfinished activity does not count as {}",
                kind.as_str()
            ),
        }
    }
}
