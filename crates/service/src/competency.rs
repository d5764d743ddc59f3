//! Competency answers: levels and explanations in the shape of the query contract.

use jiff::civil::Date;
use ladder_competency::Framework;
use ladder_domain::Evidence;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// `GET /v1/employees/{id}/competencies`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct LevelsAnswer {
    /// The employee.
    pub employee_id: Uuid,
    /// The date the levels hold for.
    #[schema(value_type = String, format = Date)]
    pub as_of: Date,
    /// The framework's id.
    pub framework_id: String,
    /// The framework version used.
    pub framework_version: String,
    /// One entry per competency, in framework order.
    pub competencies: Vec<LevelEntry>,
}

/// One competency's level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct LevelEntry {
    /// The competency.
    pub id: String,
    /// The level reached; 0 when nothing is met.
    pub level: u32,
    /// Whether the level rests on verified evidence.
    pub verified: bool,
    /// The events behind it.
    pub evidence: Vec<Uuid>,
}

/// The levels of one employee.
pub fn levels(
    framework: &Framework,
    employee_id: Uuid,
    evidence: &[Evidence],
    as_of: Date,
) -> LevelsAnswer {
    let assessment = ladder_competency::assess(framework, evidence, as_of);
    LevelsAnswer {
        employee_id,
        as_of,
        framework_id: assessment.framework_id,
        framework_version: assessment.framework_version,
        competencies: assessment
            .competencies
            .into_iter()
            .map(|c| LevelEntry {
                id: c.id,
                level: c.level,
                verified: c.verified,
                evidence: c.evidence,
            })
            .collect(),
    }
}

/// `GET /v1/employees/{id}/competencies/{competency}/explain`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ExplainAnswer {
    /// The competency.
    pub competency: String,
    /// Its name.
    pub name: String,
    /// The level reached.
    pub level: u32,
    /// The date it holds for.
    #[schema(value_type = String, format = Date)]
    pub as_of: Date,
    /// The framework version used.
    pub framework_version: String,
    /// Every level, in order.
    pub levels: Vec<LevelReason>,
    /// Unverified evidence the rules look at: shown, never counted.
    pub claimed: Vec<ClaimedEntry>,
}

/// Why one level is or is not met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct LevelReason {
    /// The level.
    pub level: u32,
    /// Its name.
    pub name: String,
    /// Whether its rule holds.
    pub met: bool,
    /// Whether it is granted (its rule and all lower ones hold).
    pub granted: bool,
    /// The rule in words.
    pub rule: String,
    /// The events that count towards it.
    pub event_ids: Vec<Uuid>,
    /// What is missing for it, when it is not met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

/// A claimed piece of evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ClaimedEntry {
    /// Its kind.
    pub kind: &'static str,
    /// When it counts from.
    #[schema(value_type = String, format = Date)]
    pub effective_date: Date,
    /// Its events.
    pub event_ids: Vec<Uuid>,
}

/// The explanation of one competency; `None` if the framework lacks it.
pub fn explain(
    framework: &Framework,
    competency: &str,
    evidence: &[Evidence],
    as_of: Date,
) -> Option<ExplainAnswer> {
    let explanation = ladder_competency::explain(framework, competency, evidence, as_of)?;
    Some(ExplainAnswer {
        competency: explanation.competency_id,
        name: explanation.competency_name,
        level: explanation.level,
        as_of,
        framework_version: explanation.framework_version,
        levels: explanation
            .levels
            .into_iter()
            .map(|l| LevelReason {
                level: l.level,
                name: l.name,
                met: l.met,
                granted: l.granted,
                rule: l.rule,
                event_ids: l.evidence,
                missing: (!l.missing.is_empty()).then(|| l.missing.join("; ")),
            })
            .collect(),
        claimed: explanation
            .claimed
            .into_iter()
            .map(|c| ClaimedEntry {
                kind: c.kind.as_str(),
                effective_date: c.effective_date,
                event_ids: c.event_ids,
            })
            .collect(),
    })
}
