//! Positions that need successors: defined, nominated for, and filled over the years.
//!
//! The talent partners define about one position per 200 employees (four at least), each
//! requiring two to four competencies of the default framework at levels 1 to 3, higher for
//! critical roles. Within four months they nominate one to four candidates, mostly people
//! who led in ERGs, senior leaders for the senior roles, now and then with a readiness of
//! their own judgement and the reason; a few nominations are withdrawn. Most positions are
//! filled within four to fifteen months: internally, usually by a standing nominee and
//! sometimes with relocation or training costs, or by an external hire with its recruitment
//! cost. Positions whose fill would fall after the scenario stay open. The first four
//! positions end in each of these ways in turn, so that even the demo shows them all.

use ladder_domain::command::{
    DefinePosition, FillPosition, NominateSuccessor, RequirementBody, WithdrawNomination,
};
use ladder_domain::{CommandBody, CommandName};
use proto_events::{Criticality, Currency};
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::catalogue::COMPETENCIES;
use crate::dice::{Dice, Stream};
use crate::ergs::Erg;
use crate::names::CHAPTERS;
use crate::org::{NOMINATION_REASONS, OVERRIDE_REASONS, POSITIONS, WITHDRAWAL_REASONS};
use crate::people::People;
use crate::plan::{Link, Plan};
use crate::workforce::Workforce;

/// Employees per position.
const EMPLOYEES_PER_POSITION: u32 = 200;
/// The fewest positions a scenario defines.
const MIN_POSITIONS: u32 = 4;
/// Chance that a position is filled within the time it takes, in percent.
const FILL_PERCENT: u32 = 75;
/// Chance that a nomination is withdrawn before the position is filled, in percent.
const WITHDRAW_PERCENT: u32 = 15;
/// Chance that a fill is internal, in percent.
const INTERNAL_PERCENT: u32 = 55;

/// How a position is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fill {
    /// By an employee, a standing nominee most often; with relocation or training costs
    /// when `costed`.
    Internal { costed: bool },
    /// By an external hire, with the recruitment cost.
    External,
}

/// How the first positions end, so that even the smallest scenario shows each way: filled
/// by a nominee, filled from outside, still open, filled internally at a cost.
const FIRST_FILLS: [Option<Fill>; 4] = [
    Some(Fill::Internal { costed: false }),
    Some(Fill::External),
    None,
    Some(Fill::Internal { costed: true }),
];

/// How many positions a workforce of `employees` has.
pub(crate) fn count(employees: u32) -> u32 {
    (employees / EMPLOYEES_PER_POSITION).max(MIN_POSITIONS)
}

/// Who the planners may nominate: people who held ERG roles, and senior leaders.
struct Pools {
    role_holders: Vec<Uuid>,
    leaders: Vec<Uuid>,
    everyone: Vec<Uuid>,
}

/// Plans every position's definition, nominations, withdrawals and fill.
pub(crate) fn plan(
    seed: u64,
    people: &People,
    ergs: &[Erg],
    workforce: &Workforce,
    calendar: &Calendar,
    eur: Currency,
    plan: &mut Plan,
) {
    let mut dice = Dice::new(seed, Stream::Positions);
    let mut role_holders: Vec<Uuid> = ergs
        .iter()
        .flat_map(|e| e.terms.iter().map(|t| t.employee))
        .collect();
    role_holders.sort_unstable();
    role_holders.dedup();
    let pools = Pools {
        role_holders,
        leaders: people.leaders.clone(),
        everyone: people
            .participants
            .iter()
            .chain(&people.others)
            .copied()
            .collect(),
    };
    let employees = u32::try_from(workforce.profiles.len()).unwrap_or(u32::MAX);
    for index in 0..count(employees) {
        let Some(&planner) = dice.pick(&workforce.planners) else {
            return;
        };
        position(&mut dice, index, planner, &pools, calendar, eur, plan);
    }
}

fn position(
    dice: &mut Dice,
    index: u32,
    planner: Uuid,
    pools: &Pools,
    calendar: &Calendar,
    eur: Currency,
    plan: &mut Plan,
) {
    let last_day = calendar.last_day();
    let i = index as usize;
    let (title, criticality, primary) = POSITIONS[i % POSITIONS.len()];
    let title = match i / POSITIONS.len() {
        0 => title.to_owned(),
        round => {
            let (city, _) = CHAPTERS[(round - 1) % CHAPTERS.len()];
            match (round - 1) / CHAPTERS.len() {
                0 => format!("{title} ({city})"),
                again => format!("{title} ({city} {})", again + 1),
            }
        }
    };
    let position_id = dice.uuid();
    // The first positions early, so that their fills fall within even a short scenario.
    let first = FIRST_FILLS.get(i);
    let defined = match i {
        0 => dice.between(0, 30),
        _ if first.is_some() => dice.between(0, 90),
        _ => dice.between(0, last_day * 2 / 3),
    };
    let body = CommandBody::DefinePosition(DefinePosition {
        position_id,
        title,
        criticality,
        requirements: requirements(dice, criticality, primary),
    });
    let definition = plan.push(defined, dice, planner, CommandName::DefinePosition, body);
    let link = Link {
        correlation: definition,
        causation: definition,
    };
    let kind = match first {
        Some(kind) => *kind,
        None if dice.chance(FILL_PERCENT) => Some(if dice.chance(INTERNAL_PERCENT) {
            Fill::Internal {
                costed: dice.chance(30),
            }
        } else {
            Fill::External
        }),
        None => None,
    };
    let filled = defined + dice.between(120, 450);
    let filled = kind
        .filter(|_| filled <= last_day)
        .map(|kind| (filled, kind));
    // Everything about the slate happens before the fill, or before the scenario ends.
    let closes = filled.map_or(last_day + 1, |(day, _)| day);
    let senior = criticality != Criticality::Standard;
    // Everyone nominated once, withdrawn or not: a withdrawn nominee is not nominated again.
    let mut nominees: Vec<Uuid> = Vec::new();
    let mut standing: Vec<Uuid> = Vec::new();
    for _ in 0..dice.between(1, 4) {
        let pool = if senior && dice.chance(20) {
            &pools.leaders
        } else {
            &pools.role_holders
        };
        let Some(&candidate) = dice.pick(pool).or_else(|| dice.pick(&pools.everyone)) else {
            continue;
        };
        let nominated = defined + dice.between(7, 120);
        if candidate == planner || nominees.contains(&candidate) || nominated >= closes {
            continue;
        }
        nominees.push(candidate);
        let (readiness_override, reason) = match dice.pick(&OVERRIDE_REASONS) {
            Some(&(readiness, reason)) if dice.chance(20) => (Some(readiness), Some(reason)),
            _ => (None, dice.pick(&NOMINATION_REASONS).copied()),
        };
        let body = CommandBody::NominateSuccessor(NominateSuccessor {
            position_id,
            candidate_id: candidate,
            readiness_override,
            reason: reason
                .filter(|_| readiness_override.is_some() || dice.chance(50))
                .map(str::to_owned),
        });
        plan.push_linked(
            nominated,
            dice,
            planner,
            CommandName::NominateSuccessor,
            body,
            link,
        );
        let withdrawn = nominated + dice.between(14, 120);
        if withdrawn < closes && dice.chance(WITHDRAW_PERCENT) {
            let body = CommandBody::WithdrawNomination(WithdrawNomination {
                position_id,
                candidate_id: candidate,
                reason: dice.pick(&WITHDRAWAL_REASONS).map(|r| (*r).to_owned()),
            });
            let name = CommandName::WithdrawNomination;
            plan.push_linked(withdrawn, dice, planner, name, body, link);
        } else {
            standing.push(candidate);
        }
    }
    let Some((filled, kind)) = filled else {
        return;
    };
    let body = CommandBody::FillPosition(fill(
        dice,
        position_id,
        kind,
        criticality,
        &standing,
        pools,
        eur,
    ));
    plan.push_linked(filled, dice, planner, CommandName::FillPosition, body, link);
}

/// The position's leading competency and one to three others, each once, at levels 1 to 3.
fn requirements(dice: &mut Dice, criticality: Criticality, primary: &str) -> Vec<RequirementBody> {
    let (lead, rest) = match criticality {
        Criticality::Critical => (dice.between(2, 3), (1, 2)),
        Criticality::High => (2, (1, 2)),
        Criticality::Standard => (dice.between(1, 2), (1, 1)),
    };
    let mut others: Vec<&str> = COMPETENCIES
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| *id != primary)
        .collect();
    dice.shuffle(&mut others);
    others.truncate(usize::try_from(dice.between(1, 3)).unwrap_or(1));
    let level = |l: i32| u8::try_from(l).unwrap_or(1);
    let mut requirements = vec![RequirementBody {
        competency: primary.to_owned(),
        level: level(lead),
    }];
    for competency in others {
        requirements.push(RequirementBody {
            competency: competency.to_owned(),
            level: level(dice.between(rest.0, rest.1)),
        });
    }
    requirements
}

/// The fill of `kind`, with what it cost in euro cents.
fn fill(
    dice: &mut Dice,
    position_id: Uuid,
    kind: Fill,
    criticality: Criticality,
    standing: &[Uuid],
    pools: &Pools,
    eur: Currency,
) -> FillPosition {
    let euros =
        |dice: &mut Dice, low: u64, high: u64| dice.between_u64(low / 50, high / 50) * 50 * 100;
    if let Fill::Internal { costed } = kind {
        let nominee = dice.pick(standing).filter(|_| dice.chance(85));
        let employee = nominee.or_else(|| dice.pick(&pools.role_holders)).copied();
        if let Some(employee) = employee {
            // Relocation or a leadership course for some internal moves.
            let cost = costed.then(|| euros(dice, 1_500, 9_000));
            return FillPosition {
                position_id,
                employee_id: Some(employee),
                cost_minor: cost,
                currency: cost.map(|_| eur),
            };
        }
    }
    // Agency fees and advertising, about a fifth to a quarter of the first year's salary.
    let (low, high) = match criticality {
        Criticality::Standard => (12_000, 30_000),
        Criticality::High => (20_000, 55_000),
        Criticality::Critical => (35_000, 95_000),
    };
    FillPosition {
        position_id,
        employee_id: None,
        cost_minor: Some(euros(dice, low, high)),
        currency: Some(eur),
    }
}
