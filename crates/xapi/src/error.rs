//! What can be wrong with a request, with one statement in it, or with a mapping file.
//!
//! The three are separate because a caller handles them differently: a
//! [`BatchError`] refuses the whole request, a [`StatementError`] refuses one
//! statement while its neighbours go on, and a [`MappingError`] stops the service
//! from starting with a bad configuration.

use uuid::Uuid;

/// The request body as a whole is not a batch of statements; nothing in it was read.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The body is not JSON text.
    #[error("the body is not JSON")]
    NotJson(#[source] serde_json::Error),
    /// The body is JSON, but neither a statement object nor an array of them.
    #[error("the body must be a statement object or an array of statements, not {found}")]
    NotStatements {
        /// What the body is instead, e.g. `a string`.
        found: &'static str,
    },
}

/// One statement broke an xAPI requirement or one of Ladder's; it is refused alone.
///
/// The `Display` form names the field and the requirement, e.g.
/// ``verb.id must be an absolute IRI such as `http://adlnet.gov/expapi/verbs/completed`, got `completed` ``.
/// Checks run in a fixed order (id, actor, verb, object, result, context,
/// timestamp, stored, version), and the first broken requirement is reported.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{} {violation}", subject(path))]
pub struct StatementError {
    /// Where the problem is, as a JSON path inside the statement, e.g.
    /// `context.contextActivities.category[0].id`; empty for the statement itself.
    pub path: String,
    /// The requirement broken.
    pub violation: Violation,
    /// The statement's own id, when it had a valid one; lets a publisher tell which
    /// statement of a batch was refused without counting.
    pub statement_id: Option<Uuid>,
}

fn subject(path: &str) -> &str {
    if path.is_empty() {
        "the statement"
    } else {
        path
    }
}

impl StatementError {
    pub(crate) fn new(path: impl Into<String>, violation: Violation) -> StatementError {
        StatementError {
            path: path.into(),
            violation,
            statement_id: None,
        }
    }

    pub(crate) fn with_statement_id(mut self, statement_id: Option<Uuid>) -> StatementError {
        self.statement_id = statement_id;
        self
    }
}

/// A requirement a statement broke. [`Violation::code`] is a stable kebab-case name
/// publishers may match on; the `Display` form is a predicate on the field named by
/// [`StatementError::path`]. Values are quoted back shortened, and identifiers of
/// people (account names, e-mail addresses) are never quoted back.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Violation {
    /// A required property is absent or `null`.
    #[error("is required")]
    Missing,
    /// Expected a JSON object.
    #[error("must be a JSON object")]
    NotAnObject,
    /// Expected a string.
    #[error("must be a string")]
    NotAString,
    /// Expected `true` or `false`.
    #[error("must be true or false")]
    NotABoolean,
    /// Expected a number.
    #[error("must be a number")]
    NotANumber,
    /// Expected an activity object or an array of them (context activities).
    #[error("must be an activity object or an array of activity objects")]
    NotActivities,
    /// Expected a language map, e.g. `{"en": "completed"}`.
    #[error("must be a language map (an object whose values are strings)")]
    NotALanguageMap,
    /// Expected an absolute IRI.
    #[error("must be an absolute IRI such as `{example}`, got `{value}`")]
    NotAnIri {
        /// The value received, shortened.
        value: String,
        /// What a valid value looks like.
        example: &'static str,
    },
    /// An IRI with an e-mail address in it (`mailto:…`, `…?learner=dana@example.com`).
    #[error(
        "must not contain an e-mail address (found at character {at}): Ladder's event log \
         is permanent and names people only by pseudonymous ids"
    )]
    EmailInIri {
        /// The position of the at sign, counted in characters from 1.
        at: usize,
    },
    /// Expected a UUID.
    #[error("must be a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, got `{value}`")]
    NotAUuid {
        /// The value received, shortened.
        value: String,
    },
    /// Expected an ISO 8601 timestamp with a UTC offset.
    #[error(
        "must be an ISO 8601 timestamp with a UTC offset, e.g. `2026-01-31T09:30:00+01:00`, \
         got `{value}`: {reason}"
    )]
    NotATimestamp {
        /// The value received, shortened.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A timestamp whose date lies outside the business dates Ladder accepts; its date
    /// would become the effective date of the evidence.
    #[error(
        "must fall on a date from {earliest} to {latest}, as evidence dates must, got `{value}`"
    )]
    DateOutOfRange {
        /// The value received, shortened.
        value: String,
        /// The earliest accepted date.
        earliest: jiff::civil::Date,
        /// The latest accepted date.
        latest: jiff::civil::Date,
    },
    /// Expected an ISO 8601 duration.
    #[error("must be an ISO 8601 duration such as `PT1H30M`, got `{value}`")]
    NotADuration {
        /// The value received, shortened.
        value: String,
    },
    /// `version` names an xAPI version Ladder does not read.
    #[error("must be an xAPI version 1.0.x or 2.0.x, got `{value}`")]
    UnsupportedVersion {
        /// The value received, shortened.
        value: String,
    },
    /// An `objectType` outside the ones xAPI defines for this place.
    #[error("must be one of {allowed}, got `{value}`")]
    UnknownObjectType {
        /// The value received, shortened.
        value: String,
        /// The values allowed here.
        allowed: &'static str,
    },
    /// The actor carries no identifier at all.
    #[error(
        "has no identifier: ladder matches statements to employees by LMS account, so the \
         actor needs an account (homePage and name)"
    )]
    NoIdentifier,
    /// The actor is identified by e-mail or OpenID only.
    #[error(
        "has no account, only {identified_by}: ladder matches statements to employees by LMS \
         account (homePage and name) and does not use e-mail addresses or OpenIDs"
    )]
    NoAccount {
        /// The identifier it has instead: `mbox`, `mbox_sha1sum` or `openid`.
        identified_by: &'static str,
    },
    /// The actor carries more than one identifier, which xAPI forbids.
    #[error("has several identifiers ({}); xAPI allows exactly one", found.join(", "))]
    SeveralIdentifiers {
        /// The identifier properties present.
        found: Vec<&'static str>,
    },
    /// The actor is a group.
    #[error(
        "is a Group: ladder records the learning of one person, so the actor must be an Agent \
         with an LMS account"
    )]
    GroupActor,
    /// An account home page that is not a web address. Not quoted back: a
    /// misconfigured LMS may put an e-mail address here.
    #[error("must be the LMS's http or https address, e.g. `https://lms.example.org`")]
    HomePageNotAUrl,
    /// An account name that is empty.
    #[error("must not be empty")]
    EmptyAccountName,
    /// `result.score.scaled` outside -1..=1.
    #[error("must be between -1 and 1, got {value}")]
    ScaledScoreOutOfRange {
        /// The value received.
        value: f64,
    },
    /// `result.score.raw` below `result.score.min`.
    #[error("must not be below result.score.min ({min}), got {raw}")]
    RawScoreBelowMin {
        /// The raw score.
        raw: f64,
        /// The minimum.
        min: f64,
    },
    /// `result.score.raw` above `result.score.max`.
    #[error("must not be above result.score.max ({max}), got {raw}")]
    RawScoreAboveMax {
        /// The raw score.
        raw: f64,
        /// The maximum.
        max: f64,
    },
    /// `result.score.max` not above `result.score.min`.
    #[error("must be greater than result.score.min ({min}), got {max}")]
    ScoreMaxNotAboveMin {
        /// The minimum.
        min: f64,
        /// The maximum.
        max: f64,
    },
    /// A voiding statement whose object does not point at a statement.
    #[error(
        "must be a StatementRef (objectType `StatementRef` and the id of the statement to void) \
         when the verb is `http://adlnet.gov/expapi/verbs/voided`"
    )]
    VoidingWithoutStatementRef,
}

impl Violation {
    /// The stable kebab-case name of the requirement.
    pub fn code(&self) -> &'static str {
        match self {
            Violation::Missing => "missing",
            Violation::NotAnObject => "not-an-object",
            Violation::NotAString => "not-a-string",
            Violation::NotABoolean => "not-a-boolean",
            Violation::NotANumber => "not-a-number",
            Violation::NotActivities => "not-activities",
            Violation::NotALanguageMap => "not-a-language-map",
            Violation::NotAnIri { .. } => "not-an-iri",
            Violation::EmailInIri { .. } => "e-mail-in-iri",
            Violation::NotAUuid { .. } => "not-a-uuid",
            Violation::NotATimestamp { .. } => "not-a-timestamp",
            Violation::DateOutOfRange { .. } => "date-out-of-range",
            Violation::NotADuration { .. } => "not-a-duration",
            Violation::UnsupportedVersion { .. } => "unsupported-version",
            Violation::UnknownObjectType { .. } => "unknown-object-type",
            Violation::NoIdentifier => "actor-without-identifier",
            Violation::NoAccount { .. } => "actor-without-account",
            Violation::SeveralIdentifiers { .. } => "actor-with-several-identifiers",
            Violation::GroupActor => "group-actor",
            Violation::HomePageNotAUrl => "home-page-not-a-url",
            Violation::EmptyAccountName => "empty-account-name",
            Violation::ScaledScoreOutOfRange { .. } => "scaled-score-out-of-range",
            Violation::RawScoreBelowMin { .. } => "raw-score-below-min",
            Violation::RawScoreAboveMax { .. } => "raw-score-above-max",
            Violation::ScoreMaxNotAboveMin { .. } => "score-max-not-above-min",
            Violation::VoidingWithoutStatementRef => "voiding-without-statement-ref",
        }
    }
}

/// A mapping file that cannot be used; the service should refuse to start with it.
#[derive(Debug, thiserror::Error)]
pub enum MappingError {
    /// Not TOML, or not the shape of a mapping (unknown keys included).
    #[error("the mapping is not valid TOML of the expected shape")]
    Toml(#[source] toml::de::Error),
    /// A rule names a learning kind Ladder does not know.
    #[error("rule `{rule}` has unknown kind `{kind}`")]
    UnknownKind {
        /// The rule's name.
        rule: String,
        /// The kind it names.
        kind: String,
    },
    /// A rule names a verb that is neither a known verb name nor an IRI.
    #[error("rule `{rule}` names verb `{verb}`, which is neither a known verb name nor an IRI")]
    UnknownVerb {
        /// The rule's name.
        rule: String,
        /// The verb it names.
        verb: String,
    },
    /// A rule with no verbs would never match.
    #[error("rule `{rule}` lists no verbs")]
    RuleWithoutVerbs {
        /// The rule's name.
        rule: String,
    },
    /// A value that must be an absolute IRI is not one.
    #[error("`{value}` in {place} is not an absolute IRI")]
    NotAnIri {
        /// Where it was found, e.g. `rule certification, activity_types`.
        place: String,
        /// The value.
        value: String,
    },
}

/// A value quoted back in a message: at most 80 characters, so a hostile statement
/// cannot make an error response or a log line arbitrarily long.
pub(crate) fn shown(value: &str) -> String {
    const LIMIT: usize = 80;
    match value.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}
