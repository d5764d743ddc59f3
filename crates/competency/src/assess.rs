//! The level of every competency of a framework, from one person's evidence.

use std::collections::BTreeSet;

use jiff::civil::Date;
use ladder_domain::Evidence;
use serde::Serialize;
use uuid::Uuid;

use crate::model::{Competency, Framework};
use crate::rules::{Pool, evaluate};

/// One person's levels under one framework version, on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// The framework's id.
    pub framework_id: String,
    /// The framework's version; a new version may give other levels for the same events.
    pub framework_version: String,
    /// The date the assessment holds for.
    pub as_of: Date,
    /// One entry per competency, in framework order.
    pub competencies: Vec<CompetencyAssessment>,
}

/// The level reached in one competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompetencyAssessment {
    /// The competency's id.
    pub id: String,
    /// The highest level N such that levels 1..=N are all met; 0 when level 1 is not.
    pub level: u32,
    /// Whether the level rests on verified evidence: true whenever `level > 0`, because
    /// claimed evidence is never counted; false at level 0, which rests on nothing.
    pub verified: bool,
    /// The events behind the granted levels, sorted.
    pub evidence: Vec<Uuid>,
}

/// Assesses every competency of `framework` from `evidence` as it stands on `as_of`.
///
/// Only verified evidence effective on or before `as_of` counts; role terms count up to
/// `as_of`. The result depends on the evidence as a set, not on its order in the slice.
pub fn assess(framework: &Framework, evidence: &[Evidence], as_of: Date) -> Assessment {
    let pool = Pool::new(evidence, as_of);
    Assessment {
        framework_id: framework.id.clone(),
        framework_version: framework.version.clone(),
        as_of,
        competencies: framework
            .competencies
            .iter()
            .map(|competency| grade(competency, &pool))
            .collect(),
    }
}

fn grade(competency: &Competency, pool: &Pool<'_>) -> CompetencyAssessment {
    let mut level = 0;
    let mut evidence = BTreeSet::new();
    for candidate in &competency.levels {
        let outcome = evaluate(&candidate.rule, pool);
        if !outcome.met {
            break;
        }
        level = candidate.number;
        evidence.extend(outcome.evidence);
    }
    CompetencyAssessment {
        id: competency.id.clone(),
        level,
        verified: level > 0,
        evidence: evidence.into_iter().collect(),
    }
}
