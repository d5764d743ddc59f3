//! Aggregates about people's development: LMS account links, learning records,
//! mentorships.

use std::collections::BTreeMap;

use jiff::civil::Date;
use proto_events::{
    Event, LearningRecorded, LearningRevoked, LmsAccountLinked, MentorshipCompleted,
    MentorshipMilestoneRecorded, MentorshipStarted,
};
use uuid::Uuid;

use super::follows;
use crate::command::{
    CompleteMentorship, LinkLmsAccount, RecordLearning, RecordMentorshipMilestone, RevokeLearning,
    StartMentorship,
};
use crate::rejection::Rejection;

/// Which employee an LMS account belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LmsAccountState {
    /// The link, once made.
    pub linked: Option<LmsAccountLinked>,
}

impl LmsAccountState {
    pub(crate) fn apply(&mut self, event: &Event) {
        if let Event::LmsAccountLinked(e) = event {
            self.linked = Some(e.clone());
        }
    }

    pub(crate) fn link(&self, c: &LinkLmsAccount) -> Result<Vec<Event>, Rejection> {
        if let Some(linked) = &self.linked {
            return Err(Rejection::LmsAccountAlreadyLinked {
                employee_id: linked.employee_id,
            });
        }
        Ok(vec![Event::LmsAccountLinked(LmsAccountLinked {
            employee_id: c.employee_id,
            account_key: proto_events::lms::account_key(&c.home_page, &c.account_name),
            home_page: proto_events::lms::canonical_home_page(&c.home_page).to_owned(),
        })])
    }
}

/// One employee's learning records, by statement id; `true` once revoked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LearningState {
    /// Statement id → revoked.
    pub statements: BTreeMap<Uuid, bool>,
}

impl LearningState {
    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::LearningRecorded(e) => {
                self.statements.insert(e.statement_id, false);
            }
            Event::LearningRevoked(e) => {
                self.statements.insert(e.statement_id, true);
            }
            _ => {}
        }
    }

    pub(crate) fn record(&self, c: &RecordLearning) -> Result<Vec<Event>, Rejection> {
        if self.statements.contains_key(&c.statement_id) {
            return Err(Rejection::LearningAlreadyRecorded {
                statement_id: c.statement_id,
            });
        }
        Ok(vec![Event::LearningRecorded(LearningRecorded {
            statement_id: c.statement_id,
            kind: c.kind,
            activity_id: c.activity_id.clone(),
            issuer: proto_events::lms::canonical_home_page(&c.issuer).to_owned(),
            issuer_trusted: c.issuer_trusted,
        })])
    }

    pub(crate) fn revoke(&self, c: &RevokeLearning) -> Result<Vec<Event>, Rejection> {
        match self.statements.get(&c.statement_id) {
            None => Err(Rejection::LearningNotRecorded {
                statement_id: c.statement_id,
            }),
            Some(true) => Err(Rejection::LearningAlreadyRevoked {
                statement_id: c.statement_id,
            }),
            Some(false) => Ok(vec![Event::LearningRevoked(LearningRevoked {
                statement_id: c.statement_id,
                voided_by: c.voided_by,
            })]),
        }
    }
}

/// A mentorship's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MentorshipState {
    /// The start, once started.
    pub started: Option<MentorshipStarted>,
    /// Milestones recorded.
    pub milestones: u32,
    /// Whether the mentee confirmed it.
    pub completed: bool,
    /// The business date of the start, which milestones and the completion may not precede.
    pub started_on: Option<Date>,
    /// The business date of the latest milestone, which the completion may not precede.
    pub last_milestone_on: Option<Date>,
}

impl MentorshipState {
    pub(crate) fn apply(&mut self, event: &Event, on: Date) {
        match event {
            Event::MentorshipStarted(e) => {
                self.started = Some(e.clone());
                self.started_on = Some(on);
            }
            Event::MentorshipMilestoneRecorded(_) => {
                self.milestones += 1;
                self.last_milestone_on = self.last_milestone_on.max(Some(on));
            }
            Event::MentorshipCompleted(_) => self.completed = true,
            _ => {}
        }
    }

    pub(crate) fn start(&self, c: &StartMentorship) -> Result<Vec<Event>, Rejection> {
        if self.started.is_some() {
            return Err(Rejection::MentorshipAlreadyExists {
                mentorship_id: c.mentorship_id,
            });
        }
        if c.mentor_id == c.mentee_id {
            return Err(Rejection::MentorIsMentee);
        }
        Ok(vec![Event::MentorshipStarted(MentorshipStarted {
            mentor_id: c.mentor_id,
            mentee_id: c.mentee_id,
            focus_competency: c.focus_competency.trim().to_owned(),
        })])
    }

    fn running(&self, mentorship_id: Uuid) -> Result<&MentorshipStarted, Rejection> {
        let started = self
            .started
            .as_ref()
            .ok_or(Rejection::UnknownMentorship { mentorship_id })?;
        if self.completed {
            return Err(Rejection::MentorshipAlreadyCompleted);
        }
        Ok(started)
    }

    /// Milestones may arrive in any order of their dates, but none before the start. None
    /// arrives after the completion, which is final.
    pub(crate) fn milestone(
        &self,
        on: Option<Date>,
        c: &RecordMentorshipMilestone,
    ) -> Result<Vec<Event>, Rejection> {
        self.running(c.mentorship_id)?;
        follows(
            "effective_date",
            on,
            "the mentorship start",
            self.started_on,
        )?;
        Ok(vec![Event::MentorshipMilestoneRecorded(
            MentorshipMilestoneRecorded {
                summary: c.summary.trim().to_owned(),
            },
        )])
    }

    pub(crate) fn complete(
        &self,
        actor: Uuid,
        on: Option<Date>,
        c: &CompleteMentorship,
    ) -> Result<Vec<Event>, Rejection> {
        let started = self.running(c.mentorship_id)?;
        if actor != started.mentee_id {
            return Err(Rejection::OnlyMenteeCanComplete);
        }
        follows(
            "effective_date",
            on,
            "the mentorship start",
            self.started_on,
        )?;
        // A milestone dated after the completion would be work done in a finished
        // mentorship.
        follows(
            "effective_date",
            on,
            "the latest mentorship milestone",
            self.last_milestone_on,
        )?;
        Ok(vec![Event::MentorshipCompleted(MentorshipCompleted {
            confirmed_by: actor,
        })])
    }
}
