//! Recommendations from the interests an employee declared at onboarding.
//!
//! The only input is what the employee declared and consented to share, looked up in the
//! configured interest table; Ladder stores no protected attribute to infer anything from. An
//! ERG or learning path suggested by several interests appears once, naming every interest
//! that suggests it.

use std::collections::BTreeMap;

use ladder_projection::records::Onboarding;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::config::PlanningConfig;

/// `GET /v1/employees/{id}/recommendations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Recommendations {
    /// The employee.
    pub employee_id: Uuid,
    /// The interests they declared, sorted.
    pub interests: Vec<String>,
    /// Suggested ERGs, in the order of the table.
    pub ergs: Vec<RecommendedErg>,
    /// Suggested learning paths, in the order of the table.
    pub learning_paths: Vec<RecommendedPath>,
    /// Declared interests the current table does not list (it changed since onboarding).
    pub unmatched_interests: Vec<String>,
}

/// A suggested ERG.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RecommendedErg {
    /// The ERG.
    pub erg_id: Uuid,
    /// Its label from the table.
    pub label: String,
    /// The declared interests that suggest it.
    pub because: Vec<String>,
}

/// A suggested learning path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RecommendedPath {
    /// Its name from the table.
    pub name: String,
    /// The LMS activity IRI.
    pub activity_id: String,
    /// The declared interests that suggest it.
    pub because: Vec<String>,
}

/// What `config`'s interest table suggests for the interests declared at `onboarding`.
pub fn recommendations(
    config: &PlanningConfig,
    employee_id: Uuid,
    onboarding: &Onboarding,
) -> Recommendations {
    let mut interests = onboarding.interests.clone();
    interests.sort();
    interests.dedup();
    let mut ergs: Vec<RecommendedErg> = Vec::new();
    let mut erg_at: BTreeMap<Uuid, usize> = BTreeMap::new();
    let mut paths: Vec<RecommendedPath> = Vec::new();
    let mut path_at: BTreeMap<String, usize> = BTreeMap::new();
    let mut unmatched = Vec::new();
    for interest in &interests {
        let Some(entry) = config.interest(interest) else {
            unmatched.push(interest.clone());
            continue;
        };
        for erg in &entry.ergs {
            match erg_at.get(&erg.erg_id).and_then(|&i| ergs.get_mut(i)) {
                Some(known) => known.because.push(interest.clone()),
                None => {
                    erg_at.insert(erg.erg_id, ergs.len());
                    ergs.push(RecommendedErg {
                        erg_id: erg.erg_id,
                        label: erg.label.clone(),
                        because: vec![interest.clone()],
                    });
                }
            }
        }
        for path in &entry.learning_paths {
            match path_at
                .get(&path.activity_id)
                .and_then(|&i| paths.get_mut(i))
            {
                Some(known) => known.because.push(interest.clone()),
                None => {
                    path_at.insert(path.activity_id.clone(), paths.len());
                    paths.push(RecommendedPath {
                        name: path.name.clone(),
                        activity_id: path.activity_id.clone(),
                        because: vec![interest.clone()],
                    });
                }
            }
        }
    }
    Recommendations {
        employee_id,
        interests,
        ergs,
        learning_paths: paths,
        unmatched_interests: unmatched,
    }
}
