//! Member events: each group meets once a quarter, and the LMS's attendance register reports
//! who came. About a third of the members come to each meeting. Attendance grants no level
//! in the default framework (the article calls it a vanity metric), but programme owners
//! count it.

use crate::calendar::Calendar;
use crate::catalogue::{EVENTS, slug};
use crate::dice::{Dice, Stream};
use crate::ergs::Erg;
use crate::plan::Plan;
use crate::statement::{Statement, When};
use crate::workforce::Workforce;

/// Chance that a member attends a meeting, in percent.
const ATTEND_PERCENT: u32 = 35;

/// Plans the quarterly meetings of `erg` and their attendance.
pub(crate) fn plan(
    seed: u64,
    erg: &Erg,
    workforce: &Workforce,
    calendar: &Calendar,
    plan: &mut Plan,
) {
    let mut dice = Dice::new(seed, Stream::Events(erg.index));
    let last_day = calendar.last_day();
    let group = slug(&erg.name);
    for quarter in calendar.quarters() {
        // Two weeks after registration at the earliest, in the quarter's first 11 weeks.
        let earliest = quarter.first.max(erg.registered + 14);
        if earliest > quarter.last {
            continue;
        }
        let day = earliest + dice.between(0, (quarter.last - earliest).min(75));
        let date = calendar.date(quarter.first);
        let event = format!(
            "{EVENTS}/{group}/{}-q{}",
            date.year(),
            (date.month() - 1) / 3 + 1
        );
        let name = format!("{}: {} member meetup", erg.name, quarter.label);
        let start = u32::try_from(dice.between(12, 17)).unwrap_or(12) * 3_600;
        for member in &erg.members {
            let Some((account, from, until)) = workforce
                .profile(*member)
                .and_then(|p| p.reporting(last_day))
            else {
                continue;
            };
            if day < from || day > until || !dice.chance(ATTEND_PERCENT) {
                continue;
            }
            // The register is taken as people arrive, within the first quarter hour.
            let when = When {
                date: calendar.date(day),
                second: start + u32::try_from(dice.between(0, 900)).unwrap_or(0),
            };
            let statement =
                Statement::attended(dice.uuid(), account, event.clone(), name.clone(), when);
            plan.push_statement(day, statement);
        }
    }
}
