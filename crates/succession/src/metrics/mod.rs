//! Programme metrics for a period: learning velocity, internal mobility and recruitment
//! savings, ERG participants against everyone else, with small groups suppressed.
//!
//! # Definitions (the period's first and last day both count)
//!
//! - **ERG participants**: everyone with an ERG role term (verified or not: taking part is a
//!   fact either way) that overlaps the period.
//! - **Everyone else**: onboarded employees employed during the period (hired on or before its
//!   last day, not departed before its first) who are not ERG participants.
//! - **Learning velocity**: verified module completions and certifications (LMS records from a
//!   trusted issuer, as for competencies) effective in the period, per person per quarter
//!   (a quarter is 365.25 ÷ 4 days). Ladder only takes in the voluntary leadership catalogue,
//!   so every such record counts as voluntary; attendance does not count (a vanity metric).
//! - **Internal mobility**: positions filled internally ÷ positions filled in the period; for
//!   ERG participants, positions filled by participants ÷ positions filled.
//! - **Recruitment savings**: internal fills × (average external hire cost − average internal
//!   move cost). Only costs in the configured currency count; an internal move without a
//!   recorded cost is left out of the internal average (unknown, not free).
//!
//! # Suppression
//!
//! A figure is shown only when every group of people it rests on has at least
//! `min_group_size` people (5 at least); otherwise it is `{"suppressed": true, "reason"}`,
//! never 0. Groups per figure:
//!
//! | figure | groups |
//! | --- | --- |
//! | velocity of participants / of everyone else | both groups: a split is shown whole or not at all |
//! | overall velocity | everyone in the period |
//! | overall mobility | the positions filled in the period |
//! | mobility of participants | internal fills by participants, and internal fills by others |
//! | average external / internal cost | external hires / internal moves with a cost |
//! | savings | the fills, and both cost groups |
//!
//! Complementary suppression: the velocity of participants and of everyone else are two parts
//! of the overall figure. Showing one part beside the overall would give the other by
//! subtraction, so when either part is too small both are withheld and the overall stays. The
//! mobility of participants splits the internal fills, whose people planners know by id: both
//! parts must be large enough, an empty part included, or the figure would tell which of those
//! people take part in ERGs.

mod figure;
mod mobility;
mod velocity;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use ladder_domain::{Evidence, EvidenceDetail, EvidenceKind};
use ladder_projection::records::{EmployeeRecord, PositionRecord};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub use figure::{Figure, Suppressed};
pub use mobility::{
    CostGroup, InternalMobility, Mobility, ParticipantMobility, RecruitmentSavings, Savings,
};
pub use velocity::{LearningVelocity, Velocity};

use crate::config::MetricsSettings;
use crate::error::PlanningError;
use figure::{Guard, ratio_f};
use mobility::Fills;

/// Days in a quarter, on average over the Gregorian cycle.
const DAYS_PER_QUARTER: f64 = 365.25 / 4.0;

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    from: Date,
    to: Date,
}

impl Period {
    /// The days from `from` to `to`, both included.
    ///
    /// # Errors
    ///
    /// [`PlanningError::EmptyPeriod`] when `to` is before `from`.
    pub fn new(from: Date, to: Date) -> Result<Period, PlanningError> {
        if to < from {
            return Err(PlanningError::EmptyPeriod { from, to });
        }
        Ok(Period { from, to })
    }

    /// First day.
    pub fn from(&self) -> Date {
        self.from
    }

    /// Last day.
    pub fn to(&self) -> Date {
        self.to
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i64 {
        self.to
            .since(self.from)
            .map_or(0, |span| i64::from(span.get_days()))
            + 1
    }

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// Whether a stretch from `start` to `end` (open when `None`) shares a day with it.
    pub fn overlaps(&self, start: Date, end: Option<Date>) -> bool {
        start <= self.to && end.is_none_or(|end| end >= self.from)
    }
}

/// What the metrics are computed from, as the read models list them.
#[derive(Clone, Copy, Debug)]
pub struct ProgrammeInputs<'a> {
    /// Every employee's evidence.
    pub evidence: &'a [(Uuid, Vec<Evidence>)],
    /// Every employee record.
    pub employees: &'a [(Uuid, EmployeeRecord)],
    /// Every position.
    pub positions: &'a [(Uuid, PositionRecord)],
}

/// `GET /v1/metrics/programme?from&to`.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProgrammeMetrics {
    /// First day of the period.
    #[schema(value_type = String, format = Date)]
    pub from: Date,
    /// Last day of the period.
    #[schema(value_type = String, format = Date)]
    pub to: Date,
    /// Days in the period, both ends included.
    pub days: i64,
    /// The period in quarters of 91.3125 days, to three decimals.
    pub quarters: f64,
    /// Figures about fewer people than this are suppressed.
    pub min_group_size: u32,
    /// Voluntary completions per person per quarter.
    pub learning_velocity: LearningVelocity,
    /// Positions filled internally.
    pub internal_mobility: InternalMobility,
    /// What filling internally saved.
    pub recruitment_savings: RecruitmentSavings,
}

/// The programme metrics of `period`.
pub fn programme_metrics(
    settings: &MetricsSettings,
    period: Period,
    inputs: ProgrammeInputs<'_>,
) -> ProgrammeMetrics {
    let guard = Guard {
        min: u64::from(settings.min_group_size),
    };
    let days = period.days();
    let quarters = days as f64 / DAYS_PER_QUARTER;
    let (participants, completions) = activity(period, inputs.evidence);
    let mut population: BTreeSet<Uuid> = inputs
        .employees
        .iter()
        .filter(|(_, e)| employed_during(e, period))
        .map(|(id, _)| *id)
        .collect();
    population.extend(participants.iter().copied());
    let fills = Fills::tally(
        inputs
            .positions
            .iter()
            .filter_map(|(_, p)| p.filled.as_ref())
            .filter(|f| period.contains(f.filled_on)),
        &participants,
        settings.currency,
    );
    ProgrammeMetrics {
        from: period.from,
        to: period.to,
        days,
        quarters: ratio_f(quarters, 1.0),
        min_group_size: settings.min_group_size,
        learning_velocity: velocity::learning_velocity(
            guard,
            quarters,
            &participants,
            &population,
            &completions,
        ),
        internal_mobility: mobility::internal_mobility(guard, &fills),
        recruitment_savings: mobility::recruitment_savings(guard, &fills, settings.currency),
    }
}

/// ERG participants of the period, and each person's verified completions in it.
fn activity(
    period: Period,
    evidence: &[(Uuid, Vec<Evidence>)],
) -> (BTreeSet<Uuid>, BTreeMap<Uuid, u64>) {
    let mut participants = BTreeSet::new();
    let mut completions = BTreeMap::new();
    for (employee_id, records) in evidence {
        for e in records {
            match (&e.kind, &e.detail) {
                (
                    EvidenceKind::ErgRole,
                    EvidenceDetail::Role {
                        term_start,
                        term_end,
                        ..
                    },
                ) if period.overlaps(*term_start, *term_end) => {
                    participants.insert(*employee_id);
                }
                (EvidenceKind::ModuleCompleted | EvidenceKind::CertificationAwarded, _)
                    if e.verified && period.contains(e.effective_date) =>
                {
                    *completions.entry(*employee_id).or_insert(0) += 1;
                }
                _ => {}
            }
        }
    }
    (participants, completions)
}

fn employed_during(employee: &EmployeeRecord, period: Period) -> bool {
    employee
        .onboarding
        .as_ref()
        .is_some_and(|o| period.overlaps(o.hire_date, employee.departed_on))
}
