//! Mentor suggestions: who could help an employee close their gaps for a position.
//!
//! A person covers a gap when their verified level in its competency reaches the level the
//! position needs. Suggested: everyone still employed on `as_of`, other than the employee, who
//! covers at least one gap; ranked by gaps covered (most first), then by their summed levels in
//! the covered competencies (highest first), then by employee id. Each suggestion says which
//! gaps it covers and with what level: that is the reason it is made.

use jiff::civil::Date;
use ladder_projection::records::PositionRecord;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::config::ReadinessThresholds;
use crate::fit::{Fit, Gap, Resolved};
use crate::workforce::Workforce;

/// `GET /v1/employees/{id}/mentor-suggestions?position=…`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MentorSuggestions {
    /// The employee to be mentored.
    pub employee_id: Uuid,
    /// The position whose requirements set the gaps.
    pub position_id: Uuid,
    /// The date the levels hold for.
    #[schema(value_type = String, format = Date)]
    pub as_of: Date,
    /// The framework version the levels come from.
    pub framework_version: String,
    /// The employee's gaps for the position; no gaps, no mentors.
    pub gaps: Vec<Gap>,
    /// Suggestions before the limit was applied.
    pub matched: usize,
    /// The ranked suggestions, at most the limit.
    pub mentors: Vec<Mentor>,
}

/// One suggested mentor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Mentor {
    /// Pseudonymous id.
    pub employee_id: Uuid,
    /// How many of the employee's gaps they cover.
    pub gaps_covered: usize,
    /// Each covered gap and the mentor's level in it.
    pub covers: Vec<CoveredGap>,
    /// The same in words.
    pub reason: String,
}

/// A gap a mentor covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CoveredGap {
    /// The competency.
    pub competency: String,
    /// The mentor's verified level.
    pub mentor_level: u32,
    /// The employee's level.
    pub has: u32,
    /// The level the position needs.
    pub needs: u32,
}

/// Suggests mentors for `employee_id`'s gaps for `position`, at most `limit`.
pub fn mentor_suggestions(
    employee_id: Uuid,
    position_id: Uuid,
    position: &PositionRecord,
    workforce: &Workforce,
    limit: usize,
) -> MentorSuggestions {
    let as_of = workforce.as_of();
    let resolved = Resolved::new(&position.requirements, workforce);
    // Thresholds only bucket the fit, which is not shown here.
    let fit = Fit::of(
        &resolved,
        workforce.person(employee_id),
        ReadinessThresholds::default(),
    );
    let gaps: Vec<(&Gap, Option<usize>)> = fit
        .gaps
        .iter()
        .map(|g| (g, workforce.competency_index(&g.competency)))
        .collect();
    let mut mentors: Vec<(u64, Mentor)> = Vec::new();
    if !gaps.is_empty() {
        for person in workforce.people() {
            if person.employee_id == employee_id || !person.employed_on(as_of) {
                continue;
            }
            let covers: Vec<CoveredGap> = gaps
                .iter()
                .filter_map(|(gap, index)| {
                    let level = person.standing((*index)?).level;
                    (level >= gap.needs).then(|| CoveredGap {
                        competency: gap.competency.clone(),
                        mentor_level: level,
                        has: gap.has,
                        needs: gap.needs,
                    })
                })
                .collect();
            if covers.is_empty() {
                continue;
            }
            let strength = covers.iter().map(|c| u64::from(c.mentor_level)).sum();
            mentors.push((
                strength,
                Mentor {
                    employee_id: person.employee_id,
                    gaps_covered: covers.len(),
                    reason: reason(&covers),
                    covers,
                },
            ));
        }
    }
    mentors.sort_by(|(sa, a), (sb, b)| {
        (b.gaps_covered, sb, a.employee_id).cmp(&(a.gaps_covered, sa, b.employee_id))
    });
    let matched = mentors.len();
    MentorSuggestions {
        employee_id,
        position_id,
        as_of,
        framework_version: workforce.framework_version().to_owned(),
        gaps: fit.gaps.clone(),
        matched,
        mentors: mentors.into_iter().take(limit).map(|(_, m)| m).collect(),
    }
}

fn reason(covers: &[CoveredGap]) -> String {
    let parts: Vec<String> = covers
        .iter()
        .map(|c| {
            format!(
                "{} at level {} (the position needs {}, the employee has {})",
                c.competency, c.mentor_level, c.needs, c.has
            )
        })
        .collect();
    format!("holds {}", parts.join("; "))
}
