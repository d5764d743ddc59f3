//! Learning records and mentorships, and the evidence they produce.

use ladder_domain::EvidenceKind;
use proto_events::{Event, LearningKind};
use uuid::Uuid;

use super::{At, ModelTables, missing};
use crate::error::ProjectionError;
use crate::records::{Attester, Evidence, EvidenceDetail, MentorshipRecord, StatementRecord};
use crate::tables::{get, put};

impl ModelTables<'_> {
    /// `employee_id` is the learning aggregate's id.
    pub(super) fn apply_learning(
        &mut self,
        employee_id: Uuid,
        at: &At<'_>,
    ) -> Result<(), ProjectionError> {
        match &at.record.event {
            Event::LearningRecorded(e) => {
                let evidence = Evidence {
                    kind: match e.kind {
                        LearningKind::ModuleCompleted => EvidenceKind::ModuleCompleted,
                        LearningKind::CertificationAwarded => EvidenceKind::CertificationAwarded,
                        LearningKind::EventAttended => EvidenceKind::EventAttended,
                    },
                    source_event_ids: vec![at.record.event_id],
                    attested_by: Attester::Lms(e.issuer.clone()),
                    verified: e.issuer_trusted,
                    effective_date: at.record.effective_date,
                    erg_id: None,
                    detail: EvidenceDetail::Learning {
                        activity_id: e.activity_id.clone(),
                        statement_id: e.statement_id,
                        issuer_trusted: e.issuer_trusted,
                    },
                };
                self.put_evidence(employee_id, at.key(), &evidence)?;
                let record = StatementRecord {
                    employee_id,
                    issuer: e.issuer.clone(),
                    evidence_key: at.key(),
                    voided_by: None,
                };
                put(&mut self.statements, "statements", e.statement_id, &record)?;
            }
            Event::LearningRevoked(e) => {
                match get::<StatementRecord>(&self.statements, "statements", e.statement_id)? {
                    Some(mut record) => {
                        self.delete_evidence(record.employee_id, record.evidence_key)?;
                        record.voided_by = Some(e.voided_by);
                        put(&mut self.statements, "statements", e.statement_id, &record)?;
                    }
                    None => missing("learning statement", e.statement_id, at),
                }
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn apply_mentorship(
        &mut self,
        mentorship_id: Uuid,
        at: &At<'_>,
    ) -> Result<(), ProjectionError> {
        let date = at.record.effective_date;
        if let Event::MentorshipStarted(e) = &at.record.event {
            let record = MentorshipRecord {
                mentor_id: e.mentor_id,
                mentee_id: e.mentee_id,
                focus_competency: e.focus_competency.clone(),
                started_on: date,
                milestones: Vec::new(),
                completed_on: None,
                confirmed_by: None,
                event_ids: vec![at.record.event_id],
            };
            return put(&mut self.mentorships, "mentorships", mentorship_id, &record);
        }
        let Some(mut record) =
            get::<MentorshipRecord>(&self.mentorships, "mentorships", mentorship_id)?
        else {
            missing("mentorship", mentorship_id, at);
            return Ok(());
        };
        record.event_ids.push(at.record.event_id);
        match &at.record.event {
            Event::MentorshipMilestoneRecorded(e) => {
                record.milestones.push((date, e.summary.clone()));
            }
            Event::MentorshipCompleted(e) => {
                record.completed_on = Some(date);
                record.confirmed_by = Some(e.confirmed_by);
                let milestones = u32::try_from(record.milestones.len()).unwrap_or(u32::MAX);
                let evidence = |kind, counterpart| Evidence {
                    kind,
                    source_event_ids: record.event_ids.clone(),
                    attested_by: Attester::Actor(e.confirmed_by),
                    verified: false,
                    effective_date: date,
                    erg_id: None,
                    detail: EvidenceDetail::Mentorship {
                        mentorship_id,
                        counterpart,
                        focus_competency: record.focus_competency.clone(),
                        milestones,
                    },
                };
                // The mentee's confirmation verifies what the mentor gave; what the
                // mentee received is their own account of it, so it stays claimed.
                let mut given = evidence(EvidenceKind::MentorshipGiven, record.mentee_id);
                given.verified =
                    e.confirmed_by == record.mentee_id && record.mentee_id != record.mentor_id;
                let received = evidence(EvidenceKind::MentorshipReceived, record.mentor_id);
                self.put_evidence(record.mentor_id, at.key(), &given)?;
                self.put_evidence(record.mentee_id, at.key(), &received)?;
            }
            _ => {}
        }
        put(&mut self.mentorships, "mentorships", mentorship_id, &record)
    }
}
