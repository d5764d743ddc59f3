//! The default `as_of`: today where the organisation works.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The civil date at `now` in `tz`: the default `as_of` for assessments, with `tz` the
/// organisation's configured time zone.
///
/// The caller passes `now` so that nothing here reads the clock and a replay can pass the
/// instant it replays.
pub fn today_in(tz: &TimeZone, now: Timestamp) -> Date {
    tz.to_datetime(now).date()
}
