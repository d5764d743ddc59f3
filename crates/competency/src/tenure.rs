//! Tenure in calendar terms: how long someone held a role, counted on civil dates.
//!
//! A term covers whole days, first and last included. "For at least N months" holds when
//! `first + N months <= last + 1 day`, where adding months is calendar arithmetic that clamps
//! to the end of a shorter month (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year). Dates
//! are civil, so daylight-saving changes cannot shorten or lengthen a term.

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::{Span, Unit};
use uuid::Uuid;

/// Days held without a gap, possibly joined from several terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub(crate) first: Date,
    pub(crate) last: Date,
    pub(crate) event_ids: BTreeSet<Uuid>,
}

/// What a stretch lacks to reach a tenure, in calendar months and days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Shortfall {
    pub(crate) months: i32,
    pub(crate) days: i32,
}

/// The days of a term that count on `as_of`: an open term, or one ending later, counts up to
/// `as_of` inclusive. `None` when no day counts yet.
pub(crate) fn counted_days(
    term_start: Date,
    term_end: Option<Date>,
    as_of: Date,
) -> Option<(Date, Date)> {
    let last = term_end.map_or(as_of, |end| end.min(as_of));
    (term_start <= last).then_some((term_start, last))
}

/// Joins terms that overlap or follow each other with no day between into stretches, in date
/// order. Input order does not matter.
pub(crate) fn stretches(mut terms: Vec<(Date, Date, &[Uuid])>) -> Vec<Stretch> {
    terms.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    let mut out: Vec<Stretch> = Vec::new();
    for (first, last, ids) in terms {
        if let Some(current) = out.last_mut() {
            let adjacent = current.last.tomorrow().map_or(true, |next| first <= next);
            if adjacent {
                current.last = current.last.max(last);
                current.event_ids.extend(ids.iter().copied());
                continue;
            }
        }
        out.push(Stretch {
            first,
            last,
            event_ids: ids.iter().copied().collect(),
        });
    }
    out
}

/// The date `months` calendar months after `first`; `None` past the calendar's end.
fn anniversary(first: Date, months: u32) -> Option<Date> {
    let span = Span::new().try_months(i64::from(months)).ok()?;
    first.checked_add(span).ok()
}

/// How much longer a term from `first` to `last` must run to reach `months`; `None` when it
/// already has.
pub(crate) fn shortfall(first: Date, last: Date, months: u32) -> Option<Shortfall> {
    let Ok(next) = last.tomorrow() else {
        // `last` is the calendar's last day: no later anniversary exists to miss.
        return None;
    };
    let Some(target) = anniversary(first, months) else {
        // The anniversary lies past the calendar's end: report the whole tenure as missing.
        return Some(Shortfall {
            months: i32::try_from(months).unwrap_or(i32::MAX),
            days: 0,
        });
    };
    if target <= next {
        return None;
    }
    let Ok(span) = next.until((Unit::Month, target)) else {
        return Some(Shortfall {
            months: i32::try_from(months).unwrap_or(i32::MAX),
            days: 0,
        });
    };
    Some(Shortfall {
        months: span.get_months(),
        days: span.get_days(),
    })
}

/// Whether a term from `first` to `last`, both included, lasted at least `months`.
pub(crate) fn reaches(first: Date, last: Date, months: u32) -> bool {
    shortfall(first, last, months).is_none()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn a_calendar_month_from_the_first_ends_on_the_last_of_the_month() {
        assert!(reaches(date(2026, 1, 1), date(2026, 1, 31), 1));
        assert_eq!(
            shortfall(date(2026, 1, 1), date(2026, 1, 30), 1),
            Some(Shortfall { months: 0, days: 1 })
        );
    }

    #[test]
    fn shortfall_is_counted_in_months_then_days() {
        assert_eq!(
            shortfall(date(2026, 1, 1), date(2026, 3, 20), 6),
            Some(Shortfall {
                months: 3,
                days: 10
            })
        );
    }

    #[test]
    fn adjacent_terms_join_and_a_gap_splits() {
        let a = [Uuid::from_u128(1)];
        let b = [Uuid::from_u128(2)];
        let c = [Uuid::from_u128(3)];
        let joined = stretches(vec![
            (date(2026, 4, 1), date(2026, 6, 30), &c[..]),
            (date(2026, 1, 1), date(2026, 1, 31), &a[..]),
            (date(2026, 2, 1), date(2026, 2, 10), &b[..]),
        ]);
        assert_eq!(joined.len(), 2);
        assert_eq!(
            (joined[0].first, joined[0].last),
            (date(2026, 1, 1), date(2026, 2, 10))
        );
        assert_eq!(joined[0].event_ids.len(), 2);
        assert_eq!(
            (joined[1].first, joined[1].last),
            (date(2026, 4, 1), date(2026, 6, 30))
        );
    }

    #[test]
    fn a_term_is_clipped_at_as_of_and_a_future_term_has_no_days() {
        let as_of = date(2026, 5, 15);
        assert_eq!(
            counted_days(date(2026, 1, 1), None, as_of),
            Some((date(2026, 1, 1), as_of))
        );
        assert_eq!(
            counted_days(date(2026, 1, 1), Some(date(2026, 12, 31)), as_of),
            Some((date(2026, 1, 1), as_of))
        );
        assert_eq!(counted_days(date(2026, 5, 16), None, as_of), None);
    }
}
