//! What can go wrong when reading a framework file or importing one from Moodle.
//!
//! Validation errors name the place (competency id, level, and the path inside the rule) so an
//! author can fix the file without guessing. Syntax and unknown-key errors come from the TOML
//! reader, whose message carries the line and column; it is chained as the source.

use thiserror::Error;

/// A framework file that cannot be used.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum FrameworkError {
    /// The text is not TOML, or does not have the framework's shape (unknown keys included).
    #[error("framework file does not parse")]
    Syntax {
        /// The TOML reader's error, with line and column.
        #[source]
        source: toml::de::Error,
    },
    /// A required top-level field is empty.
    #[error("framework `{field}` is empty")]
    EmptyField {
        /// The field: `id`, `version` or `name`.
        field: &'static str,
    },
    /// An id outside the id alphabet (ASCII letters, digits, `-`, `_`, `.`; no leading `.`,
    /// no `..`), or empty.
    #[error(
        "{what} id `{}` is not a valid id: ids are made of {}",
        .id.escape_debug(),
        crate::parse::ID_ALPHABET
    )]
    InvalidId {
        /// `framework`, `competency` or `parent`.
        what: &'static str,
        /// The id as written.
        id: String,
    },
    /// A name, version or description holding a control character, such as an ANSI escape.
    #[error(
        "{at} holds the control character U+{:04X}; only descriptions may hold line breaks \
         and tabs",
        u32::from(*.character)
    )]
    ControlCharacter {
        /// The field, e.g. ``competency `c` `name` ``.
        at: String,
        /// The first such character.
        character: char,
    },
    /// A name or description holding a character that changes how text is shown rather
    /// than what it says: a bidirectional control or a zero-width character, or in a
    /// one-line field a Unicode line or paragraph separator.
    #[error(
        "{at} holds U+{:04X}, {}",
        u32::from(*.character),
        crate::parse::why_forbidden(*.character)
    )]
    DisguisingCharacter {
        /// The field, e.g. ``competency `c` `name` ``.
        at: String,
        /// The first such character.
        character: char,
    },
    /// Two competencies share an id.
    #[error("competency `{id}` is declared more than once")]
    DuplicateCompetency {
        /// The repeated id.
        id: String,
    },
    /// A competency without a name.
    #[error("competency `{competency}` has an empty name")]
    EmptyName {
        /// The competency.
        competency: String,
    },
    /// Levels that are not 1, 2, .., n in order.
    #[error(
        "competency `{competency}`: levels must be numbered 1 to {count} in order, found {found:?}"
    )]
    LevelsNotContiguous {
        /// The competency.
        competency: String,
        /// How many levels it declares.
        count: usize,
        /// The numbers as declared.
        found: Vec<i64>,
    },
    /// A level without a name.
    #[error("competency `{competency}` level {level} has an empty name")]
    EmptyLevelName {
        /// The competency.
        competency: String,
        /// The level.
        level: u32,
    },
    /// A rule that cannot be evaluated as written.
    #[error("competency `{competency}` level {level}, {at}: {problem}")]
    InvalidRule {
        /// The competency.
        competency: String,
        /// The level.
        level: u32,
        /// Where in the rule, e.g. `rule.all[1].role`.
        at: String,
        /// What is wrong there.
        problem: RuleProblem,
    },
    /// A `parent` that names no competency of the framework.
    #[error("competency `{competency}`: parent `{parent}` is not a competency of this framework")]
    UnknownParent {
        /// The child.
        competency: String,
        /// The parent as written.
        parent: String,
    },
    /// Parents that form a loop.
    #[error("competency `{competency}`: following `parent` leads back to it")]
    ParentCycle {
        /// A competency on the loop.
        competency: String,
    },
    /// The framework could not be written as TOML.
    #[error("framework cannot be written as toml")]
    Write {
        /// The TOML writer's error.
        #[source]
        source: toml::ser::Error,
    },
}

/// What is wrong with one part of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RuleProblem {
    /// `all = []` or `any = []`.
    #[error("`{combinator}` needs at least one rule")]
    EmptyCombinator {
        /// `all` or `any`.
        combinator: &'static str,
    },
    /// A role name that is not an ERG role.
    #[error(
        "unknown role `{role}` (roles: chair, co-chair, treasurer, committee-member, event-lead, \
         mentorship-lead)"
    )]
    UnknownRole {
        /// The name as written.
        role: String,
    },
    /// A count or duration of zero or less.
    #[error("`{field}` must be at least 1, found {value}")]
    NotPositive {
        /// The field.
        field: &'static str,
        /// The value as written.
        value: i64,
    },
    /// A tolerance or amount below zero.
    #[error("`{field}` must not be negative, found {value}")]
    Negative {
        /// The field.
        field: &'static str,
        /// The value as written.
        value: i64,
    },
    /// A number past what the rule can mean.
    #[error("`{field}` must be at most {max}, found {value}")]
    TooLarge {
        /// The field.
        field: &'static str,
        /// The largest value allowed.
        max: i64,
        /// The value as written.
        value: i64,
    },
    /// A list given but empty.
    #[error("`{field}` must not be an empty list")]
    EmptyList {
        /// The field.
        field: &'static str,
    },
    /// An empty string inside a list.
    #[error("`{field}` has an empty entry")]
    EmptyEntry {
        /// The field.
        field: &'static str,
    },
    /// A `*` anywhere but at the end of an activity pattern.
    #[error("activity pattern `{pattern}` may hold `*` only as its last character")]
    MisplacedWildcard {
        /// The pattern as written.
        pattern: String,
    },
    /// A currency that is not three capital letters.
    #[error("`currency` must be an ISO 4217 code such as EUR, found `{currency}`")]
    InvalidCurrency {
        /// The code as written.
        currency: String,
    },
    /// A total amount without the currency it is in.
    #[error("`total-approved-minor` needs `currency`: amounts in different currencies do not add")]
    TotalWithoutCurrency,
    /// A learning rule that names neither activities nor a count.
    #[error("needs `activities`, `count` or both")]
    NothingToMatch,
}

/// A Moodle competency-framework export that cannot be imported.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The CSV reader failed at a record.
    #[error("csv line {line}: unreadable record")]
    Csv {
        /// The line the record starts on, counting from 1.
        line: u64,
        /// The CSV reader's error.
        #[source]
        source: csv::Error,
    },
    /// The header row lacks a column the import needs.
    #[error("csv header (line 1) lacks the column `{column}`")]
    MissingColumn {
        /// The column name as Moodle writes it.
        column: &'static str,
    },
    /// A record with an odd number of quote characters: an unterminated or stray quote.
    #[error("csv line {line}: unbalanced quote in the record starting here")]
    UnbalancedQuote {
        /// The line the record starts on.
        line: u64,
    },
    /// A record with more or fewer fields than the header.
    #[error("csv line {line}: expected {expected} fields as in the header, found {found}")]
    WrongFieldCount {
        /// The line the record starts on.
        line: u64,
        /// Fields in the header.
        expected: usize,
        /// Fields in the record.
        found: usize,
    },
    /// No row has `Is framework` = 1.
    #[error("csv has no framework row (`Is framework` = 1)")]
    NoFrameworkRow,
    /// More than one row has `Is framework` = 1.
    #[error("csv line {line}: a second framework row; import one framework per file")]
    SecondFrameworkRow {
        /// The line of the second framework row.
        line: u64,
    },
    /// A row without an `Id number`.
    #[error("csv line {line}: `Id number` is empty")]
    MissingIdNumber {
        /// The line the record starts on.
        line: u64,
    },
    /// An `Id number` or `Parent id number` outside the id alphabet.
    #[error(
        "csv line {line}: `{column}` `{}` is not a valid id: ids are made of {}",
        .id.escape_debug(),
        crate::parse::ID_ALPHABET
    )]
    InvalidIdNumber {
        /// The line the record starts on.
        line: u64,
        /// `Id number` or `Parent id number`.
        column: &'static str,
        /// The value as written.
        id: String,
    },
    /// An `Is framework` value Moodle does not write.
    #[error(
        "csv line {line}: `Is framework` is `{}`; expected 1 for the framework row, 0 or \
         nothing for a competency",
        .value.escape_debug()
    )]
    InvalidIsFramework {
        /// The line the record starts on.
        line: u64,
        /// The value as written.
        value: String,
    },
    /// A field holding a control character (an ANSI escape, say), written or decoded from
    /// an HTML character reference.
    #[error(
        "csv line {line}, column `{column}`: control character U+{:04X} is not allowed{}",
        u32::from(*.character),
        if *.column == "Description" { " (only line breaks and tabs are)" } else { "" }
    )]
    ControlCharacter {
        /// The line the record starts on.
        line: u64,
        /// The column, as Moodle names it.
        column: &'static str,
        /// The first such character.
        character: char,
    },
    /// A field holding a bidirectional control or a zero-width character, or a name
    /// holding a Unicode line or paragraph separator, written or decoded from an HTML
    /// character reference.
    #[error(
        "csv line {line}, column `{column}`: U+{:04X} is not allowed: it is {}",
        u32::from(*.character),
        crate::parse::why_forbidden(*.character)
    )]
    DisguisingCharacter {
        /// The line the record starts on.
        line: u64,
        /// The column, as Moodle names it.
        column: &'static str,
        /// The first such character.
        character: char,
    },
    /// Two rows with the same `Id number`.
    #[error("csv line {line}: `Id number` `{id}` is already used on line {first_line}")]
    DuplicateIdNumber {
        /// The repeated id.
        id: String,
        /// The line of the repetition.
        line: u64,
        /// The line of the first use.
        first_line: u64,
    },
    /// The mapping file is not TOML or does not have the mapping's shape.
    #[error("mapping file does not parse")]
    Mapping {
        /// The TOML reader's error, with line and column.
        #[source]
        source: toml::de::Error,
    },
    /// The mapping gives levels to an id the CSV does not have.
    #[error("mapping names competency `{id}`, which the csv does not have")]
    UnknownMappedCompetency {
        /// The id in the mapping.
        id: String,
    },
    /// The mapping lists the same competency twice.
    #[error("mapping lists competency `{id}` more than once")]
    DuplicateMapping {
        /// The repeated id.
        id: String,
    },
    /// The imported framework breaks a framework rule.
    #[error("imported framework is invalid")]
    Framework {
        /// The validation error, naming the competency and level.
        #[source]
        source: FrameworkError,
    },
}
