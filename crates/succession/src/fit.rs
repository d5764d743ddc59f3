//! How one person fits one position: gaps, score and computed readiness.
//!
//! - A **gap** is a requirement whose level the person has not reached: the competency, the
//!   level they have, the level needed.
//! - The **score** is `100 × Σ min(has, needs) / Σ needs`, rounded down, over the position's
//!   requirements: the share of the required levels the person holds. Levels above a
//!   requirement do not make up for another requirement's gap, and rounding down keeps 100
//!   for those who meet every requirement.
//! - **Readiness**: ready now when there is no gap; ready soon when there are at most
//!   `ready_soon_max_gaps` gaps that together are at most `ready_soon_max_shortfall` levels
//!   short; developing otherwise.

use proto_events::{Readiness, Requirement};
use serde::Serialize;
use utoipa::ToSchema;

use crate::config::ReadinessThresholds;
use crate::workforce::{Person, Standing, Workforce};

/// A requirement a person does not meet yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Gap {
    /// The competency.
    pub competency: String,
    /// The verified level the person has.
    pub has: u32,
    /// The level the position needs.
    pub needs: u32,
}

/// A position's requirements with the framework index of each competency (`None` when the
/// active framework lacks it: nobody has a level in it, so it is always a gap).
#[derive(Clone, Debug)]
pub(crate) struct Resolved<'a> {
    pub(crate) requirements: Vec<(&'a Requirement, Option<usize>)>,
}

impl<'a> Resolved<'a> {
    pub(crate) fn new(requirements: &'a [Requirement], workforce: &Workforce) -> Resolved<'a> {
        Resolved {
            requirements: requirements
                .iter()
                .map(|r| (r, workforce.competency_index(&r.competency)))
                .collect(),
        }
    }
}

/// One person against one position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fit {
    pub(crate) gaps: Vec<Gap>,
    pub(crate) score: u32,
    pub(crate) readiness: Readiness,
    /// Verified evidence behind the person's levels in the required competencies.
    pub(crate) evidence: u32,
}

/// Score, readiness and evidence of one person against one position, without the gaps:
/// cheap enough to work out for a whole workforce before choosing whom to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) score: u32,
    pub(crate) readiness: Readiness,
    pub(crate) evidence: u32,
}

impl Summary {
    /// How `person` (`None`: nobody the read models know) fits `position`.
    pub(crate) fn of(
        position: &Resolved<'_>,
        person: Option<&Person>,
        thresholds: ReadinessThresholds,
    ) -> Summary {
        let (mut held, mut needed, mut evidence) = (0u64, 0u64, 0u32);
        let (mut gaps, mut shortfall) = (0u64, 0u64);
        for (requirement, standing) in standings(position, person) {
            let needs = u32::from(requirement.level);
            held += u64::from(standing.level.min(needs));
            needed += u64::from(needs);
            evidence = evidence.saturating_add(standing.evidence);
            if standing.level < needs {
                gaps += 1;
                shortfall += u64::from(needs - standing.level);
            }
        }
        Summary {
            score: score(held, needed),
            readiness: classify(gaps, shortfall, thresholds),
            evidence,
        }
    }
}

impl Fit {
    /// How `person` (`None`: nobody the read models know) fits `position`, with the gaps.
    pub(crate) fn of(
        position: &Resolved<'_>,
        person: Option<&Person>,
        thresholds: ReadinessThresholds,
    ) -> Fit {
        let summary = Summary::of(position, person, thresholds);
        let gaps = standings(position, person)
            .filter(|(requirement, standing)| standing.level < u32::from(requirement.level))
            .map(|(requirement, standing)| Gap {
                competency: requirement.competency.clone(),
                has: standing.level,
                needs: u32::from(requirement.level),
            })
            .collect();
        Fit {
            gaps,
            score: summary.score,
            readiness: summary.readiness,
            evidence: summary.evidence,
        }
    }
}

/// Each requirement with the person's standing in its competency (nothing for unknown
/// people or competencies the framework lacks).
fn standings<'p>(
    position: &'p Resolved<'_>,
    person: Option<&'p Person>,
) -> impl Iterator<Item = (&'p Requirement, Standing)> + 'p {
    position
        .requirements
        .iter()
        .map(move |(requirement, index)| {
            let standing = match (person, index) {
                (Some(person), Some(index)) => person.standing(*index),
                _ => Standing::default(),
            };
            (*requirement, standing)
        })
}

/// The score from levels held (each capped at its requirement) and levels needed, in
/// percent rounded down; 0 when nothing is needed.
pub fn score(held: u64, needed: u64) -> u32 {
    if needed == 0 {
        return 0;
    }
    u32::try_from(held.min(needed) * 100 / needed).unwrap_or(100)
}

/// The readiness bucket for `count` gaps that together are `shortfall` levels short.
pub(crate) fn classify(count: u64, shortfall: u64, thresholds: ReadinessThresholds) -> Readiness {
    if count == 0 {
        return Readiness::ReadyNow;
    }
    if count <= u64::from(thresholds.ready_soon_max_gaps)
        && shortfall <= u64::from(thresholds.ready_soon_max_shortfall)
    {
        Readiness::ReadySoon
    } else {
        Readiness::Developing
    }
}

/// Bucket order for ranking: ready now first.
pub(crate) fn rank(readiness: Readiness) -> u8 {
    match readiness {
        Readiness::ReadyNow => 0,
        Readiness::ReadySoon => 1,
        Readiness::Developing => 2,
    }
}
