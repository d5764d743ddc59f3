//! Learning velocity: voluntary completions per person per quarter.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::figure::{Figure, Group, Guard, ratio_f};

/// Learning velocity of ERG participants, everyone else, and both together.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct LearningVelocity {
    /// People with an ERG role term overlapping the period.
    pub erg_participants: Figure<Velocity>,
    /// Onboarded employees employed in the period who are not ERG participants.
    pub everyone_else: Figure<Velocity>,
    /// Both groups together.
    pub overall: Figure<Velocity>,
}

/// One group's velocity.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Velocity {
    /// People in the group.
    pub people: u64,
    /// Their verified module completions and certifications in the period.
    pub completions: u64,
    /// `completions ÷ people ÷ quarters`, to three decimals.
    pub per_person_per_quarter: f64,
}

pub(crate) fn learning_velocity(
    guard: Guard,
    quarters: f64,
    participants: &BTreeSet<Uuid>,
    population: &BTreeSet<Uuid>,
    completions: &BTreeMap<Uuid, u64>,
) -> LearningVelocity {
    let tally = |people: &mut dyn Iterator<Item = &Uuid>| {
        people.fold((0u64, 0u64), |(count, done), id| {
            (count + 1, done + completions.get(id).copied().unwrap_or(0))
        })
    };
    let (p_people, p_done) = tally(&mut participants.iter());
    let (o_people, o_done) = tally(&mut population.difference(participants));
    let velocity = |people: u64, completions: u64| Velocity {
        people,
        completions,
        per_person_per_quarter: ratio_f(completions as f64, people as f64 * quarters),
    };
    let (erg_participants, everyone_else) = guard.split(
        (
            Group {
                name: "ERG participants in the period",
                people: p_people,
            },
            || velocity(p_people, p_done),
        ),
        (
            Group {
                name: "employees outside ERGs in the period",
                people: o_people,
            },
            || velocity(o_people, o_done),
        ),
    );
    let overall = guard.check(
        &[Group {
            name: "employees in the period",
            people: p_people + o_people,
        }],
        || velocity(p_people + o_people, p_done + o_done),
    );
    LearningVelocity {
        erg_participants,
        everyone_else,
        overall,
    }
}
