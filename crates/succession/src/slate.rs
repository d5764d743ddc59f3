//! The slate of candidates for a position, ranked by readiness.
//!
//! Everyone who still works here on `as_of` is considered. A candidate appears when they hold
//! part of the required levels (score above 0) or stand nominated. Ranking: readiness bucket
//! (ready now, ready soon, developing), then score, highest first, then nominated before not
//! nominated, then employee id, so equal candidates always come in the same order.
//!
//! A standing nomination with a readiness override replaces the computed bucket; the answer
//! shows both, and says that the bucket was overridden.

use std::collections::BTreeMap;

use jiff::civil::Date;
use ladder_projection::records::{NominationRecord, PositionRecord};
use proto_events::{Criticality, Readiness};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::config::ReadinessThresholds;
use crate::fit::{Fit, Gap, Resolved, Summary, rank};
use crate::names;
use crate::workforce::{Person, Workforce};

/// `GET /v1/positions/{id}/candidates`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Slate {
    /// The position.
    pub position_id: Uuid,
    /// Its title.
    pub title: String,
    /// `standard`, `high` or `critical`.
    #[serde(serialize_with = "names::criticality")]
    #[schema(value_type = String, example = "critical")]
    pub criticality: Criticality,
    /// The date the levels hold for.
    #[schema(value_type = String, format = Date)]
    pub as_of: Date,
    /// The framework version the levels come from.
    pub framework_version: String,
    /// What the position requires.
    pub requirements: Vec<RequiredLevel>,
    /// Whether the position was filled on `as_of`.
    pub filled: bool,
    /// People still employed on `as_of` who were weighed.
    pub considered: usize,
    /// Candidates before the limit was applied.
    pub matched: usize,
    /// The ranked candidates, at most the limit.
    pub candidates: Vec<Candidate>,
}

/// One required level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RequiredLevel {
    /// The competency.
    pub competency: String,
    /// The level needed.
    pub level: u32,
}

/// One candidate: levels, gaps and evidence counts, never the groups evidence comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Candidate {
    /// Pseudonymous id.
    pub employee_id: Uuid,
    /// The bucket the slate ranks by: the planner's override when there is one.
    #[serde(serialize_with = "names::readiness")]
    #[schema(value_type = String, example = "ready-soon")]
    pub readiness: Readiness,
    /// The bucket the levels give.
    #[serde(serialize_with = "names::readiness")]
    #[schema(value_type = String, example = "developing")]
    pub computed_readiness: Readiness,
    /// Whether a planner's override set `readiness`.
    pub overridden: bool,
    /// `100 × Σ min(has, needs) / Σ needs`, rounded down.
    pub score: u32,
    /// Unmet requirements.
    pub gaps: Vec<Gap>,
    /// Pieces of verified evidence behind the candidate's levels in the required competencies.
    pub evidence_count: u32,
    /// Whether the candidate stands nominated on `as_of`.
    pub nominated: bool,
    /// The standing nomination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nomination: Option<Nomination>,
}

/// A standing nomination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Nomination {
    /// Effective date of the nomination.
    #[schema(value_type = String, format = Date)]
    pub nominated_on: Date,
    /// The planner's readiness judgement.
    #[serde(with = "names::option_readiness")]
    #[schema(value_type = Option<String>, example = "ready-soon")]
    pub readiness_override: Option<Readiness>,
    /// Why.
    pub reason: Option<String>,
}

/// The slate of `position` on the workforce's date, at most `limit` candidates.
///
/// Everyone is summarised (score and bucket, no allocation), the best `limit` are
/// selected without sorting the rest, and only those are worked out in full.
pub fn slate(
    thresholds: ReadinessThresholds,
    position_id: Uuid,
    position: &PositionRecord,
    workforce: &Workforce,
    limit: usize,
) -> Slate {
    let as_of = workforce.as_of();
    let resolved = Resolved::new(&position.requirements, workforce);
    let Weighed {
        considered,
        mut entries,
    } = weigh(&resolved, position, workforce, thresholds);
    let matched = entries.len();
    if limit < entries.len() {
        if limit == 0 {
            entries.clear();
        } else {
            entries.select_nth_unstable_by_key(limit - 1, Entry::key);
            entries.truncate(limit);
        }
    }
    entries.sort_unstable_by_key(Entry::key);
    let candidates = entries
        .into_iter()
        .map(|e| {
            candidate(
                e.employee_id,
                Fit::of(&resolved, e.person, thresholds),
                e.nomination,
            )
        })
        .collect();
    Slate {
        position_id,
        title: position.title.clone(),
        criticality: position.criticality,
        as_of,
        framework_version: workforce.framework_version().to_owned(),
        requirements: position
            .requirements
            .iter()
            .map(|r| RequiredLevel {
                competency: r.competency.clone(),
                level: u32::from(r.level),
            })
            .collect(),
        filled: filled_on(position, as_of),
        considered,
        matched,
        candidates,
    }
}

/// Whether the position was filled on `as_of`.
pub(crate) fn filled_on(position: &PositionRecord, as_of: Date) -> bool {
    position
        .filled
        .as_ref()
        .is_some_and(|f| f.filled_on <= as_of)
}

/// One candidate before the details are worked out.
pub(crate) struct Entry<'a> {
    pub(crate) employee_id: Uuid,
    person: Option<&'a Person>,
    nomination: Option<&'a NominationRecord>,
    summary: Summary,
}

impl Entry<'_> {
    /// The bucket the slate ranks by: a standing override, else the computed one.
    pub(crate) fn readiness(&self) -> Readiness {
        self.nomination
            .and_then(|n| n.readiness_override)
            .unwrap_or(self.summary.readiness)
    }

    /// Whether a nomination stands for this candidate.
    pub(crate) fn nominated(&self) -> bool {
        self.nomination.is_some()
    }

    /// The ranking: bucket, score highest first, nominated first, then id.
    fn key(&self) -> (u8, std::cmp::Reverse<u32>, bool, Uuid) {
        (
            rank(self.readiness()),
            std::cmp::Reverse(self.summary.score),
            !self.nominated(),
            self.employee_id,
        )
    }
}

/// Everyone weighed for a position, and the candidates among them, unranked.
pub(crate) struct Weighed<'a> {
    pub(crate) considered: usize,
    pub(crate) entries: Vec<Entry<'a>>,
}

/// The candidates of a position: everyone still employed with a score above 0, and every
/// standing nominee.
pub(crate) fn weigh<'a>(
    resolved: &Resolved<'_>,
    position: &'a PositionRecord,
    workforce: &'a Workforce,
    thresholds: ReadinessThresholds,
) -> Weighed<'a> {
    let as_of = workforce.as_of();
    let mut nominations = standing_nominations(position, as_of);
    let mut considered = 0;
    let mut entries = Vec::new();
    for person in workforce.people() {
        let nomination = nominations.remove(&person.employee_id);
        if !person.employed_on(as_of) {
            continue;
        }
        considered += 1;
        let summary = Summary::of(resolved, Some(person), thresholds);
        if summary.score == 0 && nomination.is_none() {
            continue;
        }
        entries.push(Entry {
            employee_id: person.employee_id,
            person: Some(person),
            nomination,
            summary,
        });
    }
    // Nominees the read models know nothing about: no evidence, no employee record.
    for (employee_id, nomination) in nominations {
        considered += 1;
        let summary = Summary::of(resolved, None, thresholds);
        entries.push(Entry {
            employee_id,
            person: None,
            nomination: Some(nomination),
            summary,
        });
    }
    Weighed {
        considered,
        entries,
    }
}

fn candidate(employee_id: Uuid, fit: Fit, nomination: Option<&NominationRecord>) -> Candidate {
    let nomination = nomination.map(|n| Nomination {
        nominated_on: n.nominated_on,
        readiness_override: n.readiness_override,
        reason: n.reason.clone(),
    });
    let overridden = nomination.as_ref().and_then(|n| n.readiness_override);
    Candidate {
        employee_id,
        readiness: overridden.unwrap_or(fit.readiness),
        computed_readiness: fit.readiness,
        overridden: overridden.is_some(),
        score: fit.score,
        gaps: fit.gaps,
        evidence_count: fit.evidence,
        nominated: nomination.is_some(),
        nomination,
    }
}

/// The nominations standing on `as_of`, by candidate: nominated on or before it and not
/// withdrawn by then (a withdrawal takes effect on its date). A later nomination of the
/// same candidate replaces an earlier one.
pub(crate) fn standing_nominations(
    position: &PositionRecord,
    as_of: Date,
) -> BTreeMap<Uuid, &NominationRecord> {
    let mut standing = BTreeMap::new();
    for nomination in &position.nominations {
        let withdrawn = nomination.withdrawn_on.is_some_and(|w| w <= as_of);
        if nomination.nominated_on <= as_of && !withdrawn {
            standing.insert(nomination.candidate_id, nomination);
        }
    }
    standing
}
