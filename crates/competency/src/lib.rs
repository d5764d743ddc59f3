//! Leadership competencies from verified evidence: frameworks as data, rules, explanations.
//!
//! Sits after the projector in Ladder's data flow. The projector derives [`Evidence`] from
//! events; this crate reads a competency framework (a TOML file, or a Moodle export plus a
//! mapping) and turns one person's evidence into levels with [`assess`], and into the
//! reasons for a level with [`explain`]. Everything here is a pure function of the
//! framework, the evidence and an explicit `as_of` date: nothing reads the clock or does
//! I/O, so a replay gives the same answer, and changing the framework only means assessing
//! again; no event is ever rewritten.
//!
//! Only verified evidence (attested by someone other than its subject) counts; claimed
//! evidence is listed in explanations and never grants a level. Level N is granted only when
//! the rules of levels 1 to N all hold.
//!
//! [`Evidence`]: ladder_domain::Evidence

mod assess;
mod error;
mod explain;
mod model;
mod moodle;
mod parse;
mod rules;
mod tenure;
mod today;

pub use assess::{Assessment, CompetencyAssessment, assess};
pub use error::{FrameworkError, ImportError, RuleProblem};
pub use explain::{ClaimedEvidence, Explanation, LevelExplanation, explain};
pub use model::{
    ActivityPattern, BudgetRule, Competency, Framework, LearningKind, LearningRule, Level,
    MentorshipRule, MentorshipSide, ProjectRule, RoleRule, Rule,
};
pub use moodle::{ImportReport, MoodleImport, import_moodle_csv};
pub use today::today_in;

/// The default framework for ERG leadership, as shipped in `frameworks/erg-leadership.toml`.
pub const ERG_LEADERSHIP_TOML: &str = include_str!("../frameworks/erg-leadership.toml");

/// Reads the default ERG leadership framework.
///
/// # Errors
///
/// None in a released build: a test reads and validates the embedded file. The `Result`
/// stays so that an edited file fails loudly instead of panicking.
pub fn erg_leadership() -> Result<Framework, FrameworkError> {
    Framework::from_toml(ERG_LEADERSHIP_TOML)
}
