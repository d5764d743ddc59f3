//! Bench strength: how well the high and critical positions are covered by successors.
//!
//! Weighed: every `high` or `critical` position defined on or before `as_of` and not filled by
//! then. For each, the ready-now and ready-soon candidates of its slate (a planner's override
//! counts, as it does in the slate) and its standing nominations.
//!
//! - A position is **covered** when it has at least one ready-now or ready-soon candidate.
//!   **Coverage** is the share of weighed positions that are covered.
//! - A position has **no successor** when it has no ready-now or ready-soon candidate and no
//!   standing nomination either: nobody is lined up at all.

use jiff::civil::Date;
use ladder_projection::records::PositionRecord;
use proto_events::{Criticality, Readiness};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::config::ReadinessThresholds;
use crate::fit::Resolved;
use crate::names;
use crate::slate::{filled_on, weigh};
use crate::workforce::Workforce;

/// `GET /v1/bench-strength`.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct BenchStrength {
    /// The date the levels hold for.
    #[schema(value_type = String, format = Date)]
    pub as_of: Date,
    /// The framework version the levels come from.
    pub framework_version: String,
    /// Covered positions against all weighed.
    pub coverage: Coverage,
    /// Positions with no ready-now or ready-soon candidate and no nomination, by id.
    pub without_successor: Vec<Uuid>,
    /// Every weighed position: critical ones first, then by title and id.
    pub positions: Vec<BenchEntry>,
}

/// How many weighed positions are covered.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Coverage {
    /// High and critical positions open on `as_of`.
    pub positions: usize,
    /// Those with a ready-now or ready-soon candidate.
    pub covered: usize,
    /// `covered ÷ positions`, to three decimals; absent when no position is weighed.
    pub share: Option<f64>,
}

/// One weighed position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct BenchEntry {
    /// The position.
    pub position_id: Uuid,
    /// Its title.
    pub title: String,
    /// `high` or `critical`.
    #[serde(serialize_with = "names::criticality")]
    #[schema(value_type = String, example = "critical")]
    pub criticality: Criticality,
    /// Candidates ready now.
    pub ready_now: usize,
    /// Candidates ready soon.
    pub ready_soon: usize,
    /// Standing nominations.
    pub nominated: usize,
    /// Whether a ready-now or ready-soon candidate exists.
    pub covered: bool,
}

/// Bench strength over `positions` on the workforce's date.
pub fn bench_strength(
    thresholds: ReadinessThresholds,
    positions: &[(Uuid, PositionRecord)],
    workforce: &Workforce,
) -> BenchStrength {
    let as_of = workforce.as_of();
    let mut entries: Vec<BenchEntry> = positions
        .iter()
        .filter(|(_, p)| p.criticality >= Criticality::High)
        .filter(|(_, p)| p.defined_on <= as_of && !filled_on(p, as_of))
        .map(|(id, p)| {
            let resolved = Resolved::new(&p.requirements, workforce);
            let entries = weigh(&resolved, p, workforce, thresholds).entries;
            let count = |r: Readiness| entries.iter().filter(|e| e.readiness() == r).count();
            let ready_now = count(Readiness::ReadyNow);
            let ready_soon = count(Readiness::ReadySoon);
            BenchEntry {
                position_id: *id,
                title: p.title.clone(),
                criticality: p.criticality,
                ready_now,
                ready_soon,
                nominated: entries.iter().filter(|e| e.nominated()).count(),
                covered: ready_now + ready_soon > 0,
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        (std::cmp::Reverse(a.criticality), &a.title, a.position_id).cmp(&(
            std::cmp::Reverse(b.criticality),
            &b.title,
            b.position_id,
        ))
    });
    let covered = entries.iter().filter(|e| e.covered).count();
    let without_successor = entries
        .iter()
        .filter(|e| !e.covered && e.nominated == 0)
        .map(|e| e.position_id)
        .collect();
    BenchStrength {
        as_of,
        framework_version: workforce.framework_version().to_owned(),
        coverage: Coverage {
            positions: entries.len(),
            covered,
            share: share(covered, entries.len()),
        },
        without_successor,
        positions: entries,
    }
}

/// `part ÷ whole` to three decimals; `None` for an empty whole.
pub(crate) fn share(part: usize, whole: usize) -> Option<f64> {
    if whole == 0 {
        return None;
    }
    let (part, whole) = (part as f64, whole as f64);
    Some((part / whole * 1000.0).round() / 1000.0)
}
