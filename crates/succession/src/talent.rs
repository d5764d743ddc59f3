//! Talent pools: who holds a competency at a level or above.
//!
//! Everyone still employed on `as_of` whose verified level reaches `min_level`, ranked by level
//! (highest first), then by the evidence behind it (most first), then by employee id. Entries
//! carry levels and evidence counts only, never the groups the evidence comes from.

use jiff::civil::Date;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::PlanningError;
use crate::workforce::Workforce;

/// `GET /v1/talent?competency=…&min_level=…`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct TalentPool {
    /// The competency.
    pub competency: String,
    /// The least level an entry has.
    pub min_level: u32,
    /// The date the levels hold for.
    #[schema(value_type = String, format = Date)]
    pub as_of: Date,
    /// The framework version the levels come from.
    pub framework_version: String,
    /// Entries before the limit was applied.
    pub matched: usize,
    /// The ranked entries, at most the limit.
    pub employees: Vec<TalentEntry>,
}

/// One person in a talent pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct TalentEntry {
    /// Pseudonymous id.
    pub employee_id: Uuid,
    /// Their verified level in the competency.
    pub level: u32,
    /// Pieces of verified evidence behind that level.
    pub evidence_count: u32,
}

/// The pool of `competency` at `min_level` or above, at most `limit` entries.
///
/// # Errors
///
/// [`PlanningError::UnknownCompetency`] when the workforce's framework lacks the competency.
pub fn talent_pool(
    workforce: &Workforce,
    competency: &str,
    min_level: u32,
    limit: usize,
) -> Result<TalentPool, PlanningError> {
    let index =
        workforce
            .competency_index(competency)
            .ok_or_else(|| PlanningError::UnknownCompetency {
                competency: competency.to_owned(),
                framework_id: workforce.framework_id().to_owned(),
                framework_version: workforce.framework_version().to_owned(),
            })?;
    let as_of = workforce.as_of();
    let mut entries: Vec<TalentEntry> = workforce
        .people()
        .iter()
        .filter(|p| p.employed_on(as_of))
        .filter_map(|p| {
            let standing = p.standing(index);
            (standing.level >= min_level.max(1)).then_some(TalentEntry {
                employee_id: p.employee_id,
                level: standing.level,
                evidence_count: standing.evidence,
            })
        })
        .collect();
    entries.sort_by(|a, b| {
        (b.level, b.evidence_count, a.employee_id).cmp(&(a.level, a.evidence_count, b.employee_id))
    });
    let matched = entries.len();
    entries.truncate(limit);
    Ok(TalentPool {
        competency: competency.to_owned(),
        min_level,
        as_of,
        framework_version: workforce.framework_version().to_owned(),
        matched,
        employees: entries,
    })
}
