//! Internal mobility and recruitment savings, from the positions filled in the period.

use std::collections::BTreeSet;

use ladder_projection::records::FillRecord;
use proto_events::Currency;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::figure::{Figure, Group, Guard, ratio};

/// Positions filled internally against all filled.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct InternalMobility {
    /// Every fill in the period.
    pub overall: Figure<Mobility>,
    /// Fills by ERG participants against every fill.
    pub erg_participants: Figure<ParticipantMobility>,
}

/// Internal fills against all fills.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Mobility {
    /// Positions filled in the period.
    pub filled: u64,
    /// Of those, filled by an employee.
    pub filled_internally: u64,
    /// `filled_internally ÷ filled`, to three decimals.
    pub rate: f64,
}

/// Fills by ERG participants against all fills.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ParticipantMobility {
    /// Positions filled in the period by ERG participants.
    pub filled_by_participants: u64,
    /// Positions filled in the period.
    pub filled: u64,
    /// `filled_by_participants ÷ filled`, to three decimals.
    pub rate: f64,
}

/// `internal fills × (average external hire cost − average internal cost)`, with its inputs.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RecruitmentSavings {
    /// The currency of every amount; costs in other currencies are left out.
    pub currency: String,
    /// External hires with a cost in the currency.
    pub external_hires: Figure<CostGroup>,
    /// Internal fills with a recorded cost in the currency.
    pub internal_moves_with_cost: Figure<CostGroup>,
    /// The savings and the inputs they were computed from.
    pub savings: Figure<Savings>,
}

/// A group of fills and their average cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CostGroup {
    /// Fills in the group.
    pub count: u64,
    /// Their average cost in minor units, rounded to the nearest.
    pub average_cost_minor: u64,
}

/// The savings and their inputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Savings {
    /// Positions filled internally in the period.
    pub internal_fills: u64,
    /// Average external hire cost, minor units.
    pub average_external_cost_minor: u64,
    /// Average cost of an internal move with a recorded cost, minor units.
    pub average_internal_cost_minor: u64,
    /// `internal_fills × (average_external − average_internal)` from the unrounded averages,
    /// rounded to the nearest minor unit; negative when internal moves cost more.
    pub savings_minor: i64,
}

/// The fills of the period, sorted into what the figures need.
#[derive(Debug, Default)]
pub(crate) struct Fills {
    filled: u64,
    internal: u64,
    by_participants: u64,
    external_costs: Vec<u64>,
    internal_costs: Vec<u64>,
}

impl Fills {
    pub(crate) fn tally<'a>(
        fills: impl IntoIterator<Item = &'a FillRecord>,
        participants: &BTreeSet<Uuid>,
        currency: Currency,
    ) -> Fills {
        let mut out = Fills::default();
        for fill in fills {
            out.filled += 1;
            let cost = fill
                .cost
                .filter(|m| m.currency == currency)
                .map(|m| m.minor);
            match fill.employee_id {
                Some(employee_id) => {
                    out.internal += 1;
                    if participants.contains(&employee_id) {
                        out.by_participants += 1;
                    }
                    out.internal_costs.extend(cost);
                }
                None => out.external_costs.extend(cost),
            }
        }
        out
    }
}

pub(crate) fn internal_mobility(guard: Guard, fills: &Fills) -> InternalMobility {
    let all = Group {
        name: "positions filled in the period",
        people: fills.filled,
    };
    let overall = guard.check(&[all], || Mobility {
        filled: fills.filled,
        filled_internally: fills.internal,
        rate: ratio(fills.internal, fills.filled),
    });
    // Planners know who filled each position internally; the two parts of the internal fills
    // must both be large enough, or the figure would say which of those people take part in
    // ERGs (every one of them, when the other part is empty).
    let (erg_participants, _) = guard.split(
        (
            Group {
                name: "internal fills by ERG participants",
                people: fills.by_participants,
            },
            || ParticipantMobility {
                filled_by_participants: fills.by_participants,
                filled: fills.filled,
                rate: ratio(fills.by_participants, fills.filled),
            },
        ),
        (
            Group {
                name: "internal fills by employees outside ERGs",
                people: fills.internal - fills.by_participants,
            },
            || (),
        ),
    );
    InternalMobility {
        overall,
        erg_participants,
    }
}

pub(crate) fn recruitment_savings(
    guard: Guard,
    fills: &Fills,
    currency: Currency,
) -> RecruitmentSavings {
    let external = Group {
        name: "external hires with a cost in the currency",
        people: len(&fills.external_costs),
    };
    let internal = Group {
        name: "internal moves with a recorded cost in the currency",
        people: len(&fills.internal_costs),
    };
    let all = Group {
        name: "positions filled in the period",
        people: fills.filled,
    };
    let external_hires = guard.check(&[external], || cost_group(&fills.external_costs));
    let internal_moves_with_cost = guard.check(&[internal], || cost_group(&fills.internal_costs));
    let savings = guard.check(&[all, external, internal], || Savings {
        internal_fills: fills.internal,
        average_external_cost_minor: average(&fills.external_costs),
        average_internal_cost_minor: average(&fills.internal_costs),
        savings_minor: savings(fills.internal, &fills.external_costs, &fills.internal_costs),
    });
    RecruitmentSavings {
        currency: currency.as_str().to_owned(),
        external_hires,
        internal_moves_with_cost,
        savings,
    }
}

fn len(costs: &[u64]) -> u64 {
    u64::try_from(costs.len()).unwrap_or(u64::MAX)
}

fn cost_group(costs: &[u64]) -> CostGroup {
    CostGroup {
        count: len(costs),
        average_cost_minor: average(costs),
    }
}

fn sum(costs: &[u64]) -> u128 {
    costs.iter().map(|&c| u128::from(c)).sum()
}

/// The mean, rounded half up; 0 for no costs.
fn average(costs: &[u64]) -> u64 {
    let n = u128::from(len(costs));
    if n == 0 {
        return 0;
    }
    u64::try_from((sum(costs) * 2 + n) / (2 * n)).unwrap_or(u64::MAX)
}

/// `internal × (Σe/ne − Σi/ni)` computed exactly as `internal × (Σe·ni − Σi·ne) / (ne·ni)`,
/// then rounded half away from zero.
fn savings(internal: u64, external_costs: &[u64], internal_costs: &[u64]) -> i64 {
    let ne = i128::from(len(external_costs));
    let ni = i128::from(len(internal_costs));
    if ne == 0 || ni == 0 {
        return 0;
    }
    let se = i128::try_from(sum(external_costs)).unwrap_or(i128::MAX);
    let si = i128::try_from(sum(internal_costs)).unwrap_or(i128::MAX);
    let difference = se.saturating_mul(ni).saturating_sub(si.saturating_mul(ne));
    let numerator = i128::from(internal).saturating_mul(difference);
    let denominator = ne * ni;
    let half_up = |n: i128| n.saturating_mul(2).saturating_add(denominator) / (2 * denominator);
    let rounded = if numerator >= 0 {
        half_up(numerator)
    } else {
        -half_up(-numerator)
    };
    i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX })
}
