//! Succession planning from verified competency levels: slates of candidates per position,
//! talent pools, bench strength, mentor suggestions, recommendations from declared interests,
//! and the programme metrics with small-group suppression.
//!
//! Sits beside the query fronts in Ladder's data flow. The projector keeps positions,
//! employees and evidence in the read models; the competency crate turns evidence into levels.
//! This crate reads those records and levels and answers planners' questions. It does no I/O
//! and never reads the clock: every answer is a pure function of its inputs, the planning
//! settings ([`PlanningConfig`]) and an explicit `as_of` date or period, so the same read
//! models always give the same answer.
//!
//! Privacy is part of every answer's shape. Slates, talent pools, bench strength and mentor
//! suggestions name people only by pseudonymous id and carry levels, gaps and evidence counts,
//! never an ERG's name or id, so no answer to a planner can reveal which group someone's
//! evidence comes from. Programme metrics withhold every figure about fewer than
//! [`MetricsSettings::min_group_size`] people, and withhold the other half of a split with it so
//! that a small group cannot be recovered by subtraction (see [`metrics`]).

mod activities;
mod bench;
mod config;
mod error;
mod fit;
mod mentors;
pub mod metrics;
mod names;
mod recommend;
mod slate;
mod talent;
mod workforce;

pub use activities::ErgActivity;
pub use bench::{BenchEntry, BenchStrength, Coverage, bench_strength};
pub use config::{
    ErgSuggestion, Interest, LearningPath, MIN_GROUP_SIZE_FLOOR, MetricsSettings, PlanningConfig,
    ReadinessThresholds,
};
pub use error::PlanningError;
pub use fit::{Gap, score};
pub use mentors::{CoveredGap, Mentor, MentorSuggestions, mentor_suggestions};
pub use recommend::{Recommendations, RecommendedErg, RecommendedPath, recommendations};
pub use slate::{Candidate, Nomination, RequiredLevel, Slate, slate};
pub use talent::{TalentEntry, TalentPool, talent_pool};
pub use workforce::{Person, Standing, Workforce};

/// Most candidates a slate returns when the caller does not say.
pub const DEFAULT_SLATE_LIMIT: usize = 20;
/// Most candidates a slate may return.
pub const MAX_SLATE_LIMIT: usize = 500;
/// Most entries a talent pool returns when the caller does not say.
pub const DEFAULT_POOL_LIMIT: usize = 50;
/// Most entries a talent pool may return.
pub const MAX_POOL_LIMIT: usize = 1000;
/// Most mentors suggested when the caller does not say.
pub const DEFAULT_MENTOR_LIMIT: usize = 10;
/// Most mentors that may be suggested.
pub const MAX_MENTOR_LIMIT: usize = 100;
