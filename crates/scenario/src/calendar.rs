//! The scenario's days: offsets from the start date, turned into dates only on output.
//!
//! Planning in day numbers keeps the arithmetic plain integers; the table of dates is
//! built once, so turning a million commands' days into dates costs a lookup each. The
//! table reaches [`HISTORY_YEARS`] back before the start, so that hire dates, which lie
//! before the scenario, are days too: negative ones.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::ScenarioError;

/// A calendar quarter, clipped to the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quarter {
    /// First day in the scenario.
    pub(crate) first: i32,
    /// Last day in the scenario.
    pub(crate) last: i32,
    /// e.g. `Q3 2025`.
    pub(crate) label: String,
}

/// How far before the start the calendar reaches: the longest tenure of an employee.
pub(crate) const HISTORY_YEARS: i64 = 25;

/// The days from [`HISTORY_YEARS`] before the start date to the last day of the last year.
#[derive(Clone, Debug)]
pub(crate) struct Calendar {
    dates: Vec<Date>,
    /// The index of the start date in `dates`: day 0.
    start: usize,
    years: u32,
}

impl Calendar {
    /// The calendar of `years` years from `start`.
    pub(crate) fn new(start: Date, years: u32) -> Result<Calendar, ScenarioError> {
        let calendar_error = |source| ScenarioError::Calendar { start, source };
        let end = start
            .checked_add(i64::from(years).years())
            .map_err(calendar_error)?;
        let first = start
            .checked_sub(HISTORY_YEARS.years())
            .map_err(calendar_error)?;
        let mut dates = Vec::new();
        let mut day = first;
        while day < end {
            dates.push(day);
            day = day.tomorrow().map_err(calendar_error)?;
        }
        let start = dates.iter().position(|d| *d == start).unwrap_or(0);
        Ok(Calendar {
            dates,
            start,
            years,
        })
    }

    /// The last day, as an offset from the start.
    pub(crate) fn last_day(&self) -> i32 {
        i32::try_from(self.dates.len() - self.start).map_or(i32::MAX, |len| len - 1)
    }

    /// The first day of the history before the start, as a (negative) offset.
    pub(crate) fn first_history_day(&self) -> i32 {
        -i32::try_from(self.start).unwrap_or(0)
    }

    /// Whether `day` falls inside the scenario.
    pub(crate) fn contains(&self, day: i32) -> bool {
        (0..=self.last_day()).contains(&day)
    }

    /// The date of `day`, clamped to the first day of the history and the scenario's last day.
    pub(crate) fn date(&self, day: i32) -> Date {
        let index = i64::from(day) + i64::try_from(self.start).unwrap_or(0);
        let index = usize::try_from(index.max(0)).unwrap_or(0);
        match self.dates.get(index).or(self.dates.last()) {
            Some(date) => *date,
            None => Date::default(),
        }
    }

    /// The calendar quarters the scenario touches, the first and last clipped to it.
    pub(crate) fn quarters(&self) -> Vec<Quarter> {
        let mut quarters: Vec<Quarter> = Vec::new();
        for (day, date) in (0..).zip(self.dates.get(self.start..).unwrap_or(&[])) {
            let starts_quarter = date.day() == 1 && matches!(date.month(), 1 | 4 | 7 | 10);
            if day == 0 || starts_quarter {
                if let Some(previous) = quarters.last_mut() {
                    previous.last = day - 1;
                }
                quarters.push(Quarter {
                    first: day,
                    last: self.last_day(),
                    label: format!("Q{} {}", (date.month() - 1) / 3 + 1, date.year()),
                });
            }
        }
        quarters
    }

    /// The scenario's years as `(first, last)` day pairs of near-equal length.
    pub(crate) fn years(&self) -> Vec<(i32, i32)> {
        let days = i64::from(self.last_day()) + 1;
        let years = i64::from(self.years.max(1));
        (0..years)
            .map(|k| {
                let first = i32::try_from(k * days / years).unwrap_or(i32::MAX);
                let last = i32::try_from((k + 1) * days / years - 1).unwrap_or(i32::MAX);
                (first, last)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        reason = "test code: a failed expectation is a failed test"
    )]

    use jiff::civil::date;

    use super::Calendar;

    #[test]
    fn two_years_from_new_year_have_eight_quarters_and_a_leap_day() {
        let calendar = Calendar::new(date(2027, 1, 1), 2).unwrap();
        assert_eq!(calendar.last_day(), 365 + 366 - 1);
        assert_eq!(calendar.date(calendar.last_day()), date(2028, 12, 31));
        let quarters = calendar.quarters();
        assert_eq!(quarters.len(), 8);
        assert_eq!(quarters[1].label, "Q2 2027");
        assert_eq!(calendar.date(quarters[1].first), date(2027, 4, 1));
        assert_eq!(calendar.date(quarters[0].last), date(2027, 3, 31));
        assert_eq!(calendar.years(), vec![(0, 364), (365, 730)]);
    }

    #[test]
    fn a_mid_quarter_start_clips_the_first_quarter() {
        let calendar = Calendar::new(date(2025, 5, 20), 1).unwrap();
        let quarters = calendar.quarters();
        assert_eq!(quarters[0].label, "Q2 2025");
        assert_eq!(calendar.date(quarters[0].last), date(2025, 6, 30));
        assert_eq!(quarters.last().unwrap().label, "Q2 2026");
        assert_eq!(calendar.date(-5), date(2025, 5, 15));
        assert_eq!(calendar.date(10_000), date(2026, 5, 19));
    }

    #[test]
    fn days_before_the_start_reach_back_twenty_five_years() {
        let calendar = Calendar::new(date(2025, 1, 1), 2).unwrap();
        let first = calendar.first_history_day();
        assert_eq!(calendar.date(first), date(2000, 1, 1));
        assert_eq!(calendar.date(first - 100), date(2000, 1, 1));
        assert_eq!(calendar.date(-1), date(2024, 12, 31));
        assert_eq!(calendar.date(0), date(2025, 1, 1));
        assert!(!calendar.contains(-1));
        assert_eq!(calendar.quarters()[0].first, 0);
    }
}
