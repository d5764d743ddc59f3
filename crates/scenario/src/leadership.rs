//! The ERG Leadership programme: the formal ten percent of an ERG leader's development.
//!
//! More than half of the people who take a leading seat in a group (chair, co-chair,
//! treasurer, mentorship lead, event lead) enrol a few weeks into their first such term.
//! They work through the four modules in their own order, a few weeks apart; some drop out
//! on the way, and most who pass all four are awarded the certification a few weeks after
//! the last. The LMS reports each completion and award as an xAPI statement.

use std::collections::{BTreeMap, BTreeSet};

use proto_events::ErgRole;
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::catalogue::{CERTIFICATION, MODULES};
use crate::dice::{Dice, Stream};
use crate::ergs::Erg;
use crate::plan::Plan;
use crate::statement::{ACHIEVED, COMPLETED, Statement, When, kind};
use crate::workforce::Workforce;

/// The seats whose holders are offered the programme.
const LEADING_ROLES: [ErgRole; 5] = [
    ErgRole::Chair,
    ErgRole::CoChair,
    ErgRole::Treasurer,
    ErgRole::MentorshipLead,
    ErgRole::EventLead,
];

/// Share of those offered who enrol, in percent.
const ENROL_PERCENT: u32 = 60;
/// Chance of passing each next module rather than dropping out, in percent.
const PASS_PERCENT: u32 = 90;
/// Share of those who passed every module who are awarded the certification, in percent.
const AWARD_PERCENT: u32 = 70;

/// The modules each employee completed, one bit per index of [`MODULES`].
pub(crate) type Taken = BTreeMap<Uuid, u8>;

/// Plans the programme's statements; returns who completed which modules, so that nobody
/// takes a module a second time on their own.
pub(crate) fn plan(
    seed: u64,
    ergs: &[Erg],
    workforce: &Workforce,
    calendar: &Calendar,
    plan: &mut Plan,
) -> Taken {
    let mut dice = Dice::new(seed, Stream::Leadership);
    let last_day = calendar.last_day();
    let mut offered = BTreeSet::new();
    let mut taken = Taken::new();
    for erg in ergs {
        for term in erg.terms.iter().filter(|t| LEADING_ROLES.contains(&t.role)) {
            if !offered.insert(term.employee) || !dice.chance(ENROL_PERCENT) {
                continue;
            }
            let Some((account, from, until)) = workforce
                .profile(term.employee)
                .and_then(|p| p.reporting(last_day))
            else {
                continue;
            };
            let mut day = (term.first + dice.between(14, 120)).max(from);
            let mut order = [0, 1, 2, 3];
            dice.shuffle(&mut order);
            let mut passed = 0u8;
            for module in order {
                if day > until || !dice.chance(PASS_PERCENT) {
                    break;
                }
                let when = When::at_work(&mut dice, calendar, day);
                let score = u32::try_from(dice.between(68, 100)).ok();
                let statement = Statement::finished(
                    dice.uuid(),
                    account,
                    COMPLETED,
                    MODULES[module],
                    kind::MODULE,
                    score,
                    when,
                );
                plan.push_statement(day, statement);
                passed |= 1 << module;
                day += dice.between(10, 60);
            }
            if passed != 0 {
                taken.insert(term.employee, passed);
            }
            let awarded = day + dice.between(0, 30);
            if passed == 0b1111 && awarded <= until && dice.chance(AWARD_PERCENT) {
                let when = When::at_work(&mut dice, calendar, awarded);
                let statement = Statement::finished(
                    dice.uuid(),
                    account,
                    ACHIEVED,
                    CERTIFICATION,
                    kind::CREDENTIAL,
                    None,
                    when,
                );
                plan.push_statement(awarded, statement);
            }
        }
    }
    taken
}
