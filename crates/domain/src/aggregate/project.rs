//! The project aggregate: start and sign-off.

use jiff::civil::Date;
use proto_events::{Event, ProjectCompleted, ProjectStarted};
use uuid::Uuid;

use super::follows;
use crate::command::{CompleteProject, StartProject};
use crate::rejection::Rejection;

/// What the project's history says now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectState {
    /// The start, once started.
    pub started: Option<ProjectStarted>,
    /// The sign-off, once completed.
    pub completed: Option<ProjectCompleted>,
    /// The business date of the start, which the sign-off may not precede.
    pub started_on: Option<Date>,
}

impl ProjectState {
    pub(crate) fn apply(&mut self, event: &Event, on: Date) {
        match event {
            Event::ProjectStarted(e) => {
                self.started = Some(e.clone());
                self.started_on = Some(on);
            }
            Event::ProjectCompleted(e) => self.completed = Some(e.clone()),
            _ => {}
        }
    }

    pub(crate) fn start(&self, c: &StartProject) -> Result<Vec<Event>, Rejection> {
        if self.started.is_some() {
            return Err(Rejection::ProjectAlreadyExists {
                project_id: c.project_id,
            });
        }
        if c.sponsor_id == c.lead_id {
            return Err(Rejection::SponsorIsLead);
        }
        Ok(vec![Event::ProjectStarted(ProjectStarted {
            title: c.title.trim().to_owned(),
            lead_id: c.lead_id,
            sponsor_id: c.sponsor_id,
            erg_id: c.erg_id,
            kind: c.kind.clone(),
        })])
    }

    /// The sponsor named at the start signs off, on or after the start: that sign-off is what
    /// makes the project verified evidence for its lead.
    pub(crate) fn complete(
        &self,
        actor: Uuid,
        on: Option<Date>,
        c: &CompleteProject,
    ) -> Result<Vec<Event>, Rejection> {
        let Some(started) = &self.started else {
            return Err(Rejection::UnknownProject {
                project_id: c.project_id,
            });
        };
        if self.completed.is_some() {
            return Err(Rejection::ProjectAlreadyCompleted);
        }
        // The lead gets their own, clearer refusal; start-project keeps the sponsor and the
        // lead apart, so this cannot hide the sponsor's own sign-off.
        if actor == started.lead_id {
            return Err(Rejection::LeadCannotSignOff);
        }
        if actor != started.sponsor_id {
            return Err(Rejection::NotTheSponsor {
                sponsor_id: started.sponsor_id,
                actor,
            });
        }
        follows("effective_date", on, "the project start", self.started_on)?;
        Ok(vec![Event::ProjectCompleted(ProjectCompleted {
            signed_off_by: actor,
            outcome: c.outcome.trim().to_owned(),
        })])
    }
}
