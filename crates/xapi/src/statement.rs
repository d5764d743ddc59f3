//! A validated xAPI statement, reduced to what Ladder reads.
//!
//! Only [`crate::parse_statements`] and [`crate::parse_statement`] build these, so a
//! `Statement` always satisfies the checks in `validate.rs`. Parts Ladder never uses
//! (display names, e-mail addresses, extensions, attachments, instructors) are
//! dropped while parsing and so cannot leak further.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;
use uuid::Uuid;

/// The verb of a voiding statement; fixed by the xAPI specification.
pub const VOIDED: &str = "http://adlnet.gov/expapi/verbs/voided";

/// One statement, valid by xAPI's rules and Ladder's.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Statement {
    /// The statement's `id`, or one derived from its content when it had none.
    pub id: Uuid,
    /// Whether [`Statement::id`] was derived rather than sent.
    pub id_derived: bool,
    /// Who did it: always an LMS account, never an e-mail address.
    pub actor: Account,
    /// The verb IRI, e.g. `http://adlnet.gov/expapi/verbs/completed`.
    pub verb: String,
    /// What it was done to.
    pub object: StatementObject,
    /// How it went, if reported.
    pub result: Option<StatementResult>,
    /// The statement's context; empty when it had none.
    pub context: Context,
    /// When it happened, as the statement says.
    pub timestamp: Option<StatementTime>,
    /// When an LRS stored it, for statements exported from one.
    pub stored: Option<StatementTime>,
    /// The xAPI version the statement declares, e.g. `1.0.3`.
    pub version: Option<String>,
}

impl Statement {
    /// When it happened: `timestamp`, or `stored` when there is no timestamp, as an
    /// LRS fills in a missing timestamp with the time it stored the statement.
    pub fn occurred(&self) -> Option<StatementTime> {
        self.timestamp.or(self.stored)
    }
}

/// An LMS account: the home page of the LMS and the learner's name there.
///
/// The name is held in memory only, to look up whom the account belongs to; what
/// is written to the log is [`Account::key`]. `Debug` leaves the name out.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Account {
    home_page: String,
    name: String,
}

impl Account {
    /// An account; the home page is stored in its canonical form (see
    /// [`crate::canonical_home_page`]), the name as given.
    pub fn new(home_page: &str, name: &str) -> Account {
        Account {
            home_page: crate::canonical_home_page(home_page).to_owned(),
            name: name.into(),
        }
    }

    /// The LMS's home page, canonical: also the issuer of the statement.
    pub fn home_page(&self) -> &str {
        &self.home_page
    }

    /// The learner's name in the LMS; do not store or log it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key the log stores instead of the account; see [`crate::account_key`].
    pub fn key(&self) -> [u8; 32] {
        crate::account_key(&self.home_page, &self.name)
    }

    /// The id of the account's aggregate; see [`crate::account_id`].
    pub fn id(&self) -> Uuid {
        crate::account_id(&self.home_page, &self.name)
    }
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("home_page", &self.home_page)
            .field("name", &"<redacted>")
            .finish()
    }
}

/// The object of a statement. Ladder reads activities and statement references;
/// for the other kinds only the kind is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatementObject {
    /// An activity: a course, module, badge, meeting, ...
    Activity(Activity),
    /// Another statement, by id; the object of a voiding statement.
    StatementRef(Uuid),
    /// A person.
    Agent,
    /// A group of people.
    Group,
    /// A statement nested inside this one.
    SubStatement,
}

impl StatementObject {
    /// The `objectType` name, e.g. `Activity`.
    pub fn object_type(&self) -> &'static str {
        match self {
            StatementObject::Activity(_) => "Activity",
            StatementObject::StatementRef(_) => "StatementRef",
            StatementObject::Agent => "Agent",
            StatementObject::Group => "Group",
            StatementObject::SubStatement => "SubStatement",
        }
    }
}

/// An activity, by id and (optional) type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// The activity IRI, e.g. a course URL.
    pub id: String,
    /// `definition.type`, e.g. `http://adlnet.gov/expapi/activities/course`.
    pub activity_type: Option<String>,
}

/// The parts of `result` Ladder reads.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StatementResult {
    /// `success`: whether the attempt was successful (passed).
    pub success: Option<bool>,
    /// `completion`: whether the activity was completed.
    pub completion: Option<bool>,
    /// `score`, if any.
    pub score: Option<Score>,
}

/// A score; checked to be consistent (scaled in -1..=1, min < max, raw between them).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// `scaled`, in -1..=1.
    pub scaled: Option<f64>,
    /// `raw`.
    pub raw: Option<f64>,
    /// `min`.
    pub min: Option<f64>,
    /// `max`.
    pub max: Option<f64>,
}

/// The parts of `context` Ladder reads. Single activities sent where xAPI 1.0.0
/// allowed them (`"category": {...}`) are read as one-element lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// `registration`: the enrolment the statement belongs to.
    pub registration: Option<Uuid>,
    /// `contextActivities.parent`.
    pub parent: Vec<Activity>,
    /// `contextActivities.grouping`.
    pub grouping: Vec<Activity>,
    /// `contextActivities.category`, e.g. the cmi5 profile.
    pub category: Vec<Activity>,
    /// `contextActivities.other`.
    pub other: Vec<Activity>,
}

/// A point in time together with the UTC offset the statement wrote it with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatementTime {
    /// The instant.
    pub at: Timestamp,
    /// The offset it was written with (`Z` is zero).
    pub offset: Offset,
}

impl StatementTime {
    /// The calendar date where it happened, at the statement's own offset: a
    /// completion at 23:30 in New York is on that day, not on the next day in UTC.
    pub fn date(&self) -> Date {
        self.offset.to_datetime(self.at).date()
    }
}
