//! Why a competency stands at its level: each level's rule, whether it is met, the events
//! behind it, what it still lacks, and the claimed evidence that was not counted.

use jiff::civil::Date;
use ladder_domain::{Evidence, EvidenceKind};
use serde::{Serialize, Serializer};
use uuid::Uuid;

use crate::model::Framework;
use crate::rules::{Pool, concerns, describe, evaluate};

/// The reasoning behind one competency's level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The framework's id.
    pub framework_id: String,
    /// The framework's version.
    pub framework_version: String,
    /// The date the explanation holds for.
    pub as_of: Date,
    /// The competency's id.
    pub competency_id: String,
    /// The competency's name.
    pub competency_name: String,
    /// The level granted, as in [`crate::assess()`].
    pub level: u32,
    /// Every level of the competency, in order.
    pub levels: Vec<LevelExplanation>,
    /// Unverified evidence this competency's rules look at; shown, never counted.
    pub claimed: Vec<ClaimedEvidence>,
}

/// One level and its rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelExplanation {
    /// The level number.
    pub level: u32,
    /// The level's name.
    pub name: String,
    /// The rule in words.
    pub rule: String,
    /// Whether the rule holds on its own.
    pub met: bool,
    /// Whether the level is granted: its rule and those of all lower levels hold.
    pub granted: bool,
    /// When met, the events that meet the rule; otherwise those counted towards it so far.
    pub evidence: Vec<Uuid>,
    /// What the rule still lacks, e.g. `needs 2 more months as chair`; empty when met.
    pub missing: Vec<String>,
}

/// Evidence not attested by anyone but its subject (or by an untrusted issuer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimedEvidence {
    /// What was claimed.
    #[serde(serialize_with = "kind_name")]
    pub kind: EvidenceKind,
    /// When it would count from.
    pub effective_date: Date,
    /// The events behind the claim.
    pub event_ids: Vec<Uuid>,
}

fn kind_name<S: Serializer>(kind: &EvidenceKind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kind.as_str())
}

/// Explains the level of competency `competency_id` on `as_of`; `None` if the framework has
/// no competency with that id.
pub fn explain(
    framework: &Framework,
    competency_id: &str,
    evidence: &[Evidence],
    as_of: Date,
) -> Option<Explanation> {
    let competency = framework.competency(competency_id)?;
    let pool = Pool::new(evidence, as_of);
    let mut level = 0;
    let mut levels = Vec::with_capacity(competency.levels.len());
    for candidate in &competency.levels {
        let outcome = evaluate(&candidate.rule, &pool);
        let granted = outcome.met && level + 1 == candidate.number;
        if granted {
            level = candidate.number;
        }
        levels.push(LevelExplanation {
            level: candidate.number,
            name: candidate.name.clone(),
            rule: describe(&candidate.rule),
            met: outcome.met,
            granted,
            evidence: outcome.evidence.into_iter().collect(),
            missing: outcome.missing,
        });
    }
    let mut claimed: Vec<ClaimedEvidence> = evidence
        .iter()
        .filter(|e| !e.verified && e.effective_date <= as_of)
        .filter(|e| competency.levels.iter().any(|l| concerns(&l.rule, e)))
        .map(|e| ClaimedEvidence {
            kind: e.kind,
            effective_date: e.effective_date,
            event_ids: e.source_event_ids.clone(),
        })
        .collect();
    claimed.sort_by(|a, b| {
        (a.effective_date, a.kind, &a.event_ids).cmp(&(b.effective_date, b.kind, &b.event_ids))
    });
    claimed.dedup();
    Some(Explanation {
        framework_id: framework.id.clone(),
        framework_version: framework.version.clone(),
        as_of,
        competency_id: competency.id.clone(),
        competency_name: competency.name.clone(),
        level,
        levels,
        claimed,
    })
}
