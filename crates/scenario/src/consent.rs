//! Employees' consent to show planners which ERG their evidence comes from.
//!
//! A quarter of the ERG participants grant it at some point, each sending the command
//! themselves; about one in five of them changes their mind within a year and withdraws it.

use ladder_domain::command::VisibilityConsent;
use ladder_domain::{CommandBody, CommandName};

use crate::calendar::Calendar;
use crate::dice::{Dice, Stream};
use crate::plan::Plan;
use crate::workforce::{Part, Workforce};

/// Share of participants who grant consent, in percent.
const GRANT_PERCENT: u32 = 25;
/// Share of those who withdraw it later, in percent.
const WITHDRAW_PERCENT: u32 = 20;

/// Plans the grants and withdrawals.
pub(crate) fn plan(seed: u64, workforce: &Workforce, calendar: &Calendar, plan: &mut Plan) {
    let mut dice = Dice::new(seed, Stream::Consent);
    let last_day = calendar.last_day();
    for profile in &workforce.profiles {
        if profile.part != Part::Participant || !dice.chance(GRANT_PERCENT) {
            continue;
        }
        let employee = profile.id;
        let consent = || VisibilityConsent {
            employee_id: employee,
        };
        let granted = dice.between(0, last_day);
        plan.push(
            granted,
            &mut dice,
            employee,
            CommandName::GrantVisibilityConsent,
            CommandBody::GrantVisibilityConsent(consent()),
        );
        let withdrawn = granted + dice.between(30, 300);
        if calendar.contains(withdrawn) && dice.chance(WITHDRAW_PERCENT) {
            plan.push(
                withdrawn,
                &mut dice,
                employee,
                CommandName::WithdrawVisibilityConsent,
                CommandBody::WithdrawVisibilityConsent(consent()),
            );
        }
    }
}
