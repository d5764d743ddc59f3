//! What callers other than admins may see of ERG affinity.
//!
//! Membership of an ERG registered as `sensitive` can reveal a protected
//! attribute, so it is shown to planners and auditors only where the employee
//! consented (`grant-visibility-consent`; `withdraw-visibility-consent` takes it
//! back for every answer from then on). The rules, applied to each answer by
//! [`Lens`]:
//!
//! - **Evidence** from a sensitive ERG, without consent: `erg_id` is removed and
//!   `"erg": "an employee network"` stands in its place. The role stays, so a
//!   chair reads as an employee network chair. A project's title, which often
//!   names the group, becomes "a project of an employee network", and its kind,
//!   free text that may name it too, `withheld`. Learning
//!   evidence from an LMS activity the planning file assigns to a sensitive ERG
//!   (`erg_activities`: its events, its courses) is treated alike: its activity
//!   id, which names the group, becomes "an activity of an employee network".
//!   Evidence from other ERGs, and everything with consent, is shown as stored.
//! - **Explanations and competency levels** hold rule text and event ids only,
//!   never an ERG's id or name, so they need no redaction.
//! - **Rosters** (`GET /v1/ergs/{id}`) of a sensitive ERG list every member at
//!   once, so only admins read them; others get 403 `forbidden`, whatever the
//!   members consented to.
//! - **Budgets and projects** of a sensitive ERG are read only when their owner
//!   (budget) or lead (project) consented; otherwise 403 `forbidden`, since the
//!   view names the ERG next to the person.
//! - **Recommendations** (ERGs suggested by the interest table for the employee's
//!   declared interests): a sensitive ERG is left out unless the employee
//!   consented, since it would name the group next to the person. Learning paths
//!   and the declared interests themselves, which the employee chose to share,
//!   stay.
//! - **Slates, talent pools, bench strength and mentor suggestions** carry levels,
//!   gaps and evidence counts only, never an ERG, so they need no redaction.
//! - **The audit log** (`/v1/audit/events`, auditors and admins) is the record
//!   itself and is not redacted: an audit trail with holes could not be checked
//!   against the stream. It holds pseudonymous ids only, and the auditor role is
//!   meant for few people.
//! - **Admins** see everything; on a node without a token file every caller is
//!   admin (see [`crate::auth`]).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use jiff::civil::Date;

use ladder_projection::views::{
    BudgetView, DetailView, ErgView, EvidenceAnswer, EvidenceView, ProjectView, WITHHELD_ERG,
};
use ladder_projection::{ProjectionError, ReadModels};
use ladder_succession::{PlanningConfig, Recommendations};
use uuid::Uuid;

use crate::query::{QueryContext, QueryError};

/// What a project's title reads as when its ERG is withheld.
pub const WITHHELD_PROJECT_TITLE: &str = "a project of an employee network";
/// What a learning activity reads as when the ERG it belongs to is withheld.
pub const WITHHELD_ACTIVITY: &str = "an activity of an employee network";
/// What a project's kind reads as when its ERG is withheld: kinds are free kebab-case
/// text and may name the group (`pride-month-parade`).
pub const WITHHELD_PROJECT_KIND: &str = "withheld";

/// How much of ERG affinity an answer may show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Admins: everything.
    Everything,
    /// Planners, auditors and publishers: sensitive ERGs only with consent.
    Consented,
}

/// Which ERGs are sensitive, computed once per state of the read models.
///
/// A registration fixes sensitivity for good, so the set only grows; it is read
/// after the applied sequence it is cached under, so a cached set is never older
/// than that sequence.
#[derive(Clone, Debug, Default)]
pub struct SensitiveErgs {
    cache: Arc<Mutex<Option<Snapshot>>>,
}

/// The sensitive ERGs as of an applied stream sequence.
#[derive(Debug)]
struct Snapshot {
    applied_seq: u64,
    ergs: Arc<BTreeSet<Uuid>>,
}

impl SensitiveErgs {
    /// The sensitive ERGs of `models`.
    ///
    /// Fails when the read models cannot be read.
    pub fn of(&self, models: &ReadModels) -> Result<Arc<BTreeSet<Uuid>>, ProjectionError> {
        let seq = models.applied_seq()?;
        if let Some(snapshot) = self.lock().as_ref()
            && snapshot.applied_seq == seq
        {
            return Ok(Arc::clone(&snapshot.ergs));
        }
        let set: Arc<BTreeSet<Uuid>> = Arc::new(
            models
                .ergs()?
                .into_iter()
                .filter(|(_, record)| record.sensitive)
                .map(|(id, _)| id)
                .collect(),
        );
        *self.lock() = Some(Snapshot {
            applied_seq: seq,
            ergs: Arc::clone(&set),
        });
        Ok(set)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Snapshot>> {
        // The cache holds a finished value or nothing; a panic elsewhere cannot
        // leave it half-written.
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One caller's view of one read-model snapshot.
#[derive(Debug)]
pub struct Lens<'m> {
    models: &'m ReadModels,
    /// `None` when the caller sees everything.
    sensitive: Option<Arc<BTreeSet<Uuid>>>,
    /// Which ERG an LMS activity belongs to.
    planning: Arc<PlanningConfig>,
    /// Consent is judged as it stands today in the organisation's time zone: a consent
    /// dated in the future does not hold yet.
    today: Date,
}

fn storage(err: &ProjectionError) -> QueryError {
    QueryError::Unavailable {
        message: crate::error_chain(err),
    }
}

impl<'m> Lens<'m> {
    /// The lens of the caller `context` answers for.
    ///
    /// Fails when the read models cannot be read.
    pub fn new(context: &QueryContext, models: &'m ReadModels) -> Result<Lens<'m>, QueryError> {
        let sensitive = match context.audience {
            Audience::Everything => None,
            Audience::Consented => Some(context.sensitive.of(models).map_err(|e| storage(&e))?),
        };
        Ok(Lens {
            models,
            sensitive,
            planning: Arc::clone(&context.planning),
            today: context.today(),
        })
    }

    /// Whether `erg` is sensitive and the caller is not an admin: such an ERG is
    /// named only with the consent of the person concerned.
    pub fn guards(&self, erg: Uuid) -> bool {
        self.sensitive
            .as_ref()
            .is_some_and(|set| set.contains(&erg))
    }

    /// Whether the employee allows planners to see which ERGs their evidence is from,
    /// today.
    ///
    /// Fails when the read models cannot be read.
    pub fn consented(&self, employee: Uuid) -> Result<bool, QueryError> {
        let record = self
            .models
            .employee_record(employee)
            .map_err(|e| storage(&e))?;
        Ok(record.is_some_and(|r| r.consents_on(self.today)))
    }

    /// Whether `erg` must be withheld from what the caller reads about `employee`.
    ///
    /// Fails when the read models cannot be read.
    pub fn hides(&self, employee: Uuid, erg: Uuid) -> Result<bool, QueryError> {
        Ok(self.guards(erg) && !self.consented(employee)?)
    }

    /// An employee's evidence, with sensitive ERGs withheld unless they consented.
    ///
    /// Fails when the read models cannot be read.
    pub fn evidence(&self, mut answer: EvidenceAnswer) -> Result<EvidenceAnswer, QueryError> {
        let guarded = answer
            .evidence
            .iter()
            .any(|e| self.erg_of(e).is_some_and(|erg| self.guards(erg)));
        if !guarded || self.consented(answer.employee_id)? {
            return Ok(answer);
        }
        for item in &mut answer.evidence {
            if self.erg_of(item).is_some_and(|erg| self.guards(erg)) {
                item.erg_id = None;
                item.erg = Some(WITHHELD_ERG);
                match &mut item.detail {
                    DetailView::Project {
                        title,
                        project_kind,
                        ..
                    } => {
                        WITHHELD_PROJECT_TITLE.clone_into(title);
                        WITHHELD_PROJECT_KIND.clone_into(project_kind);
                    }
                    DetailView::Learning { activity_id, .. } => {
                        WITHHELD_ACTIVITY.clone_into(activity_id);
                    }
                    _ => {}
                }
            }
        }
        Ok(answer)
    }

    /// The ERG a piece of evidence was earned in: its own, or the one its LMS activity
    /// belongs to.
    fn erg_of(&self, item: &EvidenceView) -> Option<Uuid> {
        item.erg_id.or_else(|| match &item.detail {
            DetailView::Learning { activity_id, .. } => self.planning.erg_of_activity(activity_id),
            _ => None,
        })
    }

    /// Recommendations without the sensitive ERGs the employee did not consent to show.
    ///
    /// Fails when the read models cannot be read.
    pub fn recommendations(
        &self,
        mut answer: Recommendations,
    ) -> Result<Recommendations, QueryError> {
        let guarded = answer.ergs.iter().any(|e| self.guards(e.erg_id));
        if guarded && !self.consented(answer.employee_id)? {
            answer.ergs.retain(|e| !self.guards(e.erg_id));
        }
        Ok(answer)
    }

    /// An ERG's roster: refused for a sensitive ERG unless the caller is an admin.
    pub fn roster(&self, view: ErgView) -> Result<ErgView, QueryError> {
        if self.guards(view.erg_id) {
            return Err(QueryError::Forbidden {
                message: format!(
                    "ERG {} is sensitive; its roster is shown to the admin role only",
                    view.erg_id
                ),
            });
        }
        Ok(view)
    }

    /// A budget: refused when its ERG is sensitive and its owner did not consent.
    ///
    /// Fails when the read models cannot be read.
    pub fn budget(&self, view: BudgetView) -> Result<BudgetView, QueryError> {
        if self.hides(view.owner_id, view.erg_id)? {
            return Err(withheld("budget", view.budget_id, "owner"));
        }
        Ok(view)
    }

    /// A project: refused when its ERG is sensitive and its lead did not consent.
    ///
    /// Fails when the read models cannot be read.
    pub fn project(&self, view: ProjectView) -> Result<ProjectView, QueryError> {
        if let Some(erg) = view.erg_id
            && self.hides(view.lead_id, erg)?
        {
            return Err(withheld("project", view.project_id, "lead"));
        }
        Ok(view)
    }
}

fn withheld(what: &str, id: Uuid, person: &str) -> QueryError {
    QueryError::Forbidden {
        message: format!(
            "{what} {id} belongs to a sensitive ERG and its {person} has not consented to \
             show it; the admin role can read it"
        ),
    }
}
