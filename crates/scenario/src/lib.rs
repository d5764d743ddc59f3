//! Realistic, reproducible command streams for demos and load tests.
//!
//! Sits in front of the whole data flow: it writes the JSON lines that `ladder load`
//! sends to the command and xAPI APIs, as the HRIS, the ERG tool, finance, project and
//! talent planners, employees and the LMS would over the years. From a workforce size, a
//! number of years and a seed it plans the workforce (hires, LMS accounts, declared
//! interests, departures), ERGs with their role terms and handovers, quarterly budgets
//! from request to closing, projects from start to sponsor sign-off, the LMS's learning
//! records (the ERG Leadership programme, courses, learning paths, event attendance, a
//! few voided records), mentorships, consent to show ERG affiliation, and positions with
//! their nominations and fills; then it orders everything so that the service accepts
//! every line.
//!
//! The output is a function of the [`Settings`] alone: every id and every choice comes
//! from seeded ChaCha8 streams, and nothing reads the clock or iterates a hash map, so
//! the same settings give the same bytes on every machine.

mod budgets;
mod calendar;
mod catalogue;
mod consent;
mod courses;
mod dice;
mod ergs;
mod events;
mod leadership;
mod mentoring;
mod names;
mod org;
mod output;
mod people;
mod plan;
mod positions;
mod projects;
mod roles;
mod statement;
mod workforce;

use std::io::Write;

use jiff::civil::Date;
use ladder_domain::Command;
use ladder_domain::command::limits;
use proto_events::InvalidCurrency;

pub use crate::catalogue::LMS_HOME_PAGE;
pub use crate::org::INTERESTS;

use crate::budgets::Currencies;
use crate::calendar::Calendar;
use crate::people::People;
use crate::plan::{Plan, Stream};

/// The fewest employees a scenario needs to staff its groups and leadership.
pub const MIN_EMPLOYEES: u32 = 20;
/// The most employees a scenario plans for; the whole stream is held in memory.
pub const MAX_EMPLOYEES: u32 = 1_000_000;
/// The most years a scenario spans.
pub const MAX_YEARS: u32 = 20;
/// The first day of a scenario unless the settings say otherwise.
pub const DEFAULT_START: Date = jiff::civil::date(2025, 1, 1);

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The size of the workforce.
    pub employees: u32,
    /// How many years the scenario spans.
    pub years: u32,
    /// The seed every random choice derives from.
    pub seed: u64,
    /// The first day; every effective date lies within `years` years from it.
    pub start: Date,
}

/// Settings a scenario cannot be generated from, or output that cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// Too small a workforce to fill the groups' roles.
    #[error("a scenario needs at least {min} employees, not {employees}")]
    TooFewEmployees {
        /// Requested.
        employees: u32,
        /// The minimum.
        min: u32,
    },
    /// A workforce too large to hold its stream in memory.
    #[error("a scenario supports at most {max} employees, not {employees}")]
    TooManyEmployees {
        /// Requested.
        employees: u32,
        /// The maximum.
        max: u32,
    },
    /// No years, or more than the maximum.
    #[error("a scenario spans 1 to {max} years, not {years}")]
    YearsOutOfRange {
        /// Requested.
        years: u32,
        /// The maximum.
        max: u32,
    },
    /// The scenario's days cannot be counted from the start date.
    #[error("cannot lay out the scenario's days from {start}")]
    Calendar {
        /// The start date.
        start: Date,
        /// What jiff reported.
        #[source]
        source: jiff::Error,
    },
    /// Days the scenario would date commands on fall outside the business dates Ladder
    /// accepts, so its lines would be refused.
    #[error(
        "a scenario from {start} dates commands from {first} to {last}, outside the accepted \
         range {earliest} to {latest}"
    )]
    DatesOutOfRange {
        /// The start date.
        start: Date,
        /// The earliest hire date it would write.
        first: Date,
        /// Its last day.
        last: Date,
        /// The earliest date commands accept.
        earliest: Date,
        /// The latest date commands accept.
        latest: Date,
    },
    /// A currency code the event contract does not accept.
    #[error("the scenario's currency is not accepted")]
    UnknownCurrency(#[source] InvalidCurrency),
    /// Writing the JSON lines failed.
    #[error("cannot write the command stream")]
    Write(#[source] std::io::Error),
}

/// A generated stream of commands and LMS statements, in the order they are to be sent.
#[derive(Clone, Debug)]
pub struct Scenario {
    stream: Stream,
}

impl Scenario {
    /// The commands, in stream order; the statement batches go between them.
    pub fn commands(&self) -> &[Command] {
        &self.stream.commands
    }

    /// How many xAPI statements the stream holds.
    pub fn statements(&self) -> usize {
        self.stream.batches.iter().map(|b| b.statements.len()).sum()
    }

    /// How many lines [`Scenario::write_jsonl`] writes: one per command and one per batch
    /// of statements.
    pub fn lines(&self) -> usize {
        self.stream.commands.len() + self.stream.batches.len()
    }

    /// Writes the input of `ladder load`: one JSON line per command,
    /// `{"command": <name>, "body": {...}}`, and between them one line per batch of
    /// statements the LMS sends together, `{"xapi": [<statement>, ...]}`.
    ///
    /// Fails with [`ScenarioError::Write`] when `out` refuses the bytes.
    pub fn write_jsonl(&self, out: impl Write) -> Result<(), ScenarioError> {
        output::write_jsonl(&self.stream, out).map_err(ScenarioError::Write)
    }
}

/// Generates the scenario `settings` describe.
///
/// Fails when the workforce or the number of years is out of range, or the calendar
/// cannot be laid out from the start date.
pub fn generate(settings: &Settings) -> Result<Scenario, ScenarioError> {
    let Settings {
        employees,
        years,
        seed,
        start,
    } = *settings;
    if employees < MIN_EMPLOYEES {
        return Err(ScenarioError::TooFewEmployees {
            employees,
            min: MIN_EMPLOYEES,
        });
    }
    if employees > MAX_EMPLOYEES {
        return Err(ScenarioError::TooManyEmployees {
            employees,
            max: MAX_EMPLOYEES,
        });
    }
    if !(1..=MAX_YEARS).contains(&years) {
        return Err(ScenarioError::YearsOutOfRange {
            years,
            max: MAX_YEARS,
        });
    }
    let calendar = Calendar::new(start, years)?;
    let first = calendar.date(calendar.first_history_day());
    let last = calendar.date(calendar.last_day());
    if first < limits::EARLIEST_DATE || last > limits::LATEST_DATE {
        return Err(ScenarioError::DatesOutOfRange {
            start,
            first,
            last,
            earliest: limits::EARLIEST_DATE,
            latest: limits::LATEST_DATE,
        });
    }
    let currencies = Currencies {
        eur: "EUR".parse().map_err(ScenarioError::UnknownCurrency)?,
        usd: "USD".parse().map_err(ScenarioError::UnknownCurrency)?,
    };
    let people = People::new(seed, employees);
    let ergs = ergs::found(seed, &people, &calendar, employees);
    let mut plan = Plan::default();
    let workforce = workforce::plan(seed, &people, &ergs, &calendar, &mut plan);
    consent::plan(seed, &workforce, &calendar, &mut plan);
    for erg in &ergs {
        ergs::register(seed, erg, &people, &calendar, &mut plan);
        budgets::plan(seed, erg, &people, &calendar, currencies, &mut plan);
        projects::plan_erg(seed, erg, &people, &calendar, &mut plan);
        events::plan(seed, erg, &workforce, &calendar, &mut plan);
    }
    projects::plan_initiatives(seed, &people, &calendar, employees, &mut plan);
    let mut taken = leadership::plan(seed, &ergs, &workforce, &calendar, &mut plan);
    courses::plan(seed, &workforce, &calendar, &mut taken, &mut plan);
    mentoring::plan(seed, &people, &ergs, &calendar, employees, &mut plan);
    positions::plan(
        seed,
        &people,
        &ergs,
        &workforce,
        &calendar,
        currencies.eur,
        &mut plan,
    );
    Ok(Scenario {
        stream: plan.into_stream(&calendar),
    })
}
