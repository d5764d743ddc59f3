//! Budgets: each group asks for money a few times a quarter.
//!
//! A role holder (most often the treasurer) requests; the group's executive sponsor,
//! or now and then a finance partner, decides within three weeks: most requests are
//! approved, some trimmed, about one in eight turned down with a reason. An approved
//! budget closes one to three months later with a spend a few percent under or over
//! plan. Whatever would happen after the scenario's last day stays open.

use ladder_domain::command::{ApproveBudget, CloseBudget, RejectBudget, RequestBudget};
use ladder_domain::{CommandBody, CommandName};
use proto_events::{Currency, ErgRole};

use crate::calendar::{Calendar, Quarter};
use crate::dice::{Dice, Stream};
use crate::ergs::Erg;
use crate::names::{COMMON_PURPOSES, Money, REJECTION_REASONS};
use crate::people::People;
use crate::plan::{Link, Plan};

/// The currencies the scenario budgets in, resolved once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Currencies {
    pub(crate) eur: Currency,
    pub(crate) usd: Currency,
}

impl Currencies {
    fn of(self, money: Money) -> Currency {
        match money {
            Money::Eur => self.eur,
            Money::Usd => self.usd,
        }
    }
}

/// Roles whose holders may ask for money besides the treasurer.
const REQUESTERS: [ErgRole; 4] = [
    ErgRole::Chair,
    ErgRole::CoChair,
    ErgRole::EventLead,
    ErgRole::MentorshipLead,
];

/// Plans the budgets of `erg`, quarter by quarter.
pub(crate) fn plan(
    seed: u64,
    erg: &Erg,
    people: &People,
    calendar: &Calendar,
    currencies: Currencies,
    plan: &mut Plan,
) {
    let mut dice = Dice::new(seed, Stream::Budgets(erg.index));
    for quarter in calendar.quarters() {
        let requests = match dice.between(1, 100) {
            1..=50 => 1,
            51..=85 => 2,
            _ => 3,
        };
        for _ in 0..requests {
            budget(&mut dice, erg, people, calendar, &quarter, currencies, plan);
        }
    }
}

fn budget(
    dice: &mut Dice,
    erg: &Erg,
    people: &People,
    calendar: &Calendar,
    quarter: &Quarter,
    currencies: Currencies,
    plan: &mut Plan,
) {
    // A week after registration at the earliest; most in the first two months of the
    // quarter, some late, whose decision may then fall after the scenario.
    let earliest = quarter.first.max(erg.registered + 7);
    if earliest > quarter.last {
        return;
    }
    let window = if dice.chance(80) { 60 } else { 92 };
    let day = earliest + dice.between(0, (quarter.last - earliest).min(window));
    let treasurers = erg.holders(day, &[ErgRole::Treasurer]);
    let others = erg.holders(day, &REQUESTERS);
    let owner = match dice.pick(&treasurers) {
        Some(treasurer) if dice.chance(55) || others.is_empty() => *treasurer,
        _ => match dice.pick(&others) {
            Some(holder) => *holder,
            None => return,
        },
    };
    let purpose = match dice.pick(erg.theme.purposes) {
        Some(own) if dice.chance(65) => own,
        _ => dice
            .pick(&COMMON_PURPOSES)
            .copied()
            .unwrap_or("Member event"),
    };
    let amount_minor = dice.between_u64(5, 120) * 50 * 100;
    let budget_id = dice.uuid();
    let request = plan.push(
        day,
        dice,
        owner,
        CommandName::RequestBudget,
        CommandBody::RequestBudget(RequestBudget {
            budget_id,
            erg_id: erg.id,
            owner_id: owner,
            amount_minor,
            currency: currencies.of(erg.currency),
            purpose: format!("{}: {purpose}", quarter.label),
        }),
    );
    let decided = day + dice.between(2, 21);
    let decider = match dice.pick(&people.finance) {
        Some(finance) if dice.chance(15) => *finance,
        _ => erg.sponsor,
    };
    // Sponsors and finance partners hold no ERG roles, so the decider is never the owner;
    // the check keeps a request undecided rather than planning a rejected approval.
    if !calendar.contains(decided) || decider == owner {
        return;
    }
    let link = Link {
        correlation: request,
        causation: request,
    };
    if dice.chance(12) {
        let reason = dice
            .pick(&REJECTION_REASONS)
            .copied()
            .unwrap_or("Over budget");
        let body = CommandBody::RejectBudget(RejectBudget {
            budget_id,
            reason: reason.to_owned(),
        });
        plan.push_linked(
            decided,
            dice,
            decider,
            CommandName::RejectBudget,
            body,
            link,
        );
        return;
    }
    let approved_minor = if dice.chance(70) {
        amount_minor
    } else {
        // Trimmed to 70-95 percent, in whole tens of the currency.
        (amount_minor * dice.between_u64(70, 95) / 100 / 1_000 * 1_000).max(1_000)
    };
    let body = CommandBody::ApproveBudget(ApproveBudget {
        budget_id,
        approved_minor,
    });
    let approval = plan.push_linked(
        decided,
        dice,
        decider,
        CommandName::ApproveBudget,
        body,
        link,
    );
    let closed = decided + dice.between(20, 100);
    if !calendar.contains(closed) {
        return;
    }
    // Actual spend 12 percent under to 6 percent over the approved amount, to the cent.
    let spent_minor = approved_minor * dice.between_u64(8_800, 10_600) / 10_000;
    let body = CommandBody::CloseBudget(CloseBudget {
        budget_id,
        spent_minor,
    });
    let link = Link {
        correlation: request,
        causation: approval,
    };
    plan.push_linked(closed, dice, owner, CommandName::CloseBudget, body, link);
}
