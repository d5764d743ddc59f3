//! What can go wrong reading planning settings or asking a planning question.

use thiserror::Error;

/// Planning settings that cannot be used, or a question that cannot be answered.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PlanningError {
    /// The text is not TOML, or has keys the planning file does not know.
    #[error("planning file does not parse")]
    Syntax {
        /// The TOML reader's error, with line and column.
        #[source]
        source: toml::de::Error,
    },
    /// An interest id that onboarding could never accept.
    #[error("interest id `{id}` must be lowercase words joined by hyphens, at most 80 characters")]
    InvalidInterestId {
        /// The id as written.
        id: String,
    },
    /// A text field that is empty or too long.
    #[error("interest `{interest}`: {field} must be 1 to {max} characters")]
    InvalidText {
        /// The interest it belongs to.
        interest: String,
        /// Which field, e.g. `ergs[0].label`.
        field: String,
        /// The limit.
        max: usize,
    },
    /// A learning path whose activity is not an absolute IRI.
    #[error("interest `{interest}`: learning path activity `{activity_id}` is not an absolute IRI")]
    InvalidActivity {
        /// The interest it belongs to.
        interest: String,
        /// The activity as written.
        activity_id: String,
    },
    /// An ERG activity prefix that cannot be used.
    #[error("erg_activities[{index}]: activity_prefix `{activity_prefix}` {problem}")]
    InvalidActivityPrefix {
        /// Its place in the list.
        index: usize,
        /// The prefix as written (at most 200 characters of it).
        activity_prefix: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Two entries claim the same activities.
    #[error(
        "erg_activities[{index}]: activity_prefix `{activity_prefix}` is already listed in \
         erg_activities[{first}]; each family of activities belongs to one ERG"
    )]
    DuplicateActivityPrefix {
        /// The earlier entry.
        first: usize,
        /// The repeated one.
        index: usize,
        /// The prefix as written.
        activity_prefix: String,
    },
    /// An ERG activity entry naming the nil UUID, which no ERG has.
    #[error("erg_activities[{index}]: erg_id is the nil UUID, which names no ERG")]
    NilErg {
        /// Its place in the list.
        index: usize,
    },
    /// Ready-soon thresholds that no candidate can meet: every gap is at least one level.
    #[error(
        "ready_soon_max_shortfall ({shortfall}) is below ready_soon_max_gaps ({gaps}); every gap \
         is at least one level short"
    )]
    UnreachableThreshold {
        /// `ready_soon_max_gaps`.
        gaps: u32,
        /// `ready_soon_max_shortfall`.
        shortfall: u32,
    },
    /// A threshold past anything a candidate can reach.
    #[error("{field} is {value}; no candidate can be past {max}")]
    ThresholdTooLarge {
        /// The field.
        field: &'static str,
        /// Its value.
        value: u32,
        /// The largest meaningful value.
        max: u32,
    },
    /// A minimum group size below the privacy floor.
    #[error("min_group_size is {size}; it may be raised but never below {floor}")]
    GroupSizeBelowFloor {
        /// The size asked for.
        size: u32,
        /// The floor.
        floor: u32,
    },
    /// A currency that is not an ISO 4217 code.
    #[error("metrics currency is invalid")]
    InvalidCurrency {
        /// Why.
        #[source]
        source: proto_events::InvalidCurrency,
    },
    /// A competency the framework does not have.
    #[error("competency `{competency}` is not in framework {framework_id} {framework_version}")]
    UnknownCompetency {
        /// The competency asked about.
        competency: String,
        /// The framework's id.
        framework_id: String,
        /// The framework's version.
        framework_version: String,
    },
    /// A period that ends before it starts.
    #[error("the period ends ({to}) before it starts ({from})")]
    EmptyPeriod {
        /// First day.
        from: jiff::civil::Date,
        /// Last day.
        to: jiff::civil::Date,
    },
}
