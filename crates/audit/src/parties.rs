//! Who and which ERG each event concerns, and the evidence it produced.
//!
//! Events name people only partly: a budget's approval names the approver, not the
//! owner, and its closing names neither the owner nor the ERG. [`Parties`] learns
//! each aggregate's people and ERG from its first events while the stream is walked
//! in order, so later events can be attributed. The evidence notes follow the
//! projector's rules (`ladder-projection`'s `apply` module) and say which evidence
//! record an event created, changed or withdrew.

use std::collections::HashMap;

use ladder_domain::EvidenceKind;
use proto_events::{
    AggregateKind, CommitHeader, Event, EventRecord, Fill, LearningKind, PositionFilled,
};
use serde::Serialize;
use uuid::Uuid;

/// What an event did to a piece of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// A new piece of evidence.
    Added,
    /// An existing piece changed (a role term ended).
    Updated,
    /// A piece withdrawn (a voided learning statement).
    Withdrawn,
}

/// One piece of evidence an event touched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceNote {
    /// Kebab-case evidence kind, e.g. `budget-managed`.
    pub kind: &'static str,
    /// Whose evidence.
    pub employee_id: Uuid,
    /// What happened to it.
    pub effect: Effect,
    /// Whether it counts as verified (attested by someone else); absent when the
    /// event does not decide it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
}

impl std::fmt::Display for EvidenceNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let effect = match self.effect {
            Effect::Added => "",
            Effect::Updated => " updated",
            Effect::Withdrawn => " withdrawn",
        };
        write!(
            f,
            "{} evidence{effect} for employee {}",
            self.kind, self.employee_id
        )?;
        match self.verified {
            Some(true) => f.write_str(" (verified)"),
            Some(false) => f.write_str(" (self-attested)"),
            None => Ok(()),
        }
    }
}

/// Whom and what one event concerns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Involvement {
    /// Everyone the event names or whose aggregate it changes, the actor included.
    pub people: Vec<Uuid>,
    /// The ERG it belongs to, when it belongs to one.
    pub erg: Option<Uuid>,
    /// The evidence it touched; empty for a quarantined commit.
    pub evidence: Vec<EvidenceNote>,
}

#[derive(Clone, Copy, Debug)]
struct Budget {
    erg: Uuid,
    owner: Uuid,
    decided_by: Option<Uuid>,
}

#[derive(Clone, Copy, Debug)]
struct Project {
    erg: Option<Uuid>,
    lead: Uuid,
    sponsor: Uuid,
}

/// What the walk has learnt about aggregates so far. Only looked up, never
/// iterated, so hash-map order cannot reach any output.
#[derive(Debug, Default)]
pub struct Parties {
    budgets: HashMap<Uuid, Budget>,
    projects: HashMap<Uuid, Project>,
    mentorships: HashMap<Uuid, (Uuid, Uuid)>,
    accounts: HashMap<Uuid, Uuid>,
    statements: HashMap<Uuid, LearningKind>,
}

impl Parties {
    /// Nothing known yet.
    pub fn new() -> Parties {
        Parties::default()
    }

    /// Attributes one event of a commit. A `genuine` event also teaches the
    /// tracker and produces evidence notes; a quarantined one is attributed from
    /// what is known but changes nothing, as it changed nothing in the models.
    pub fn observe(
        &mut self,
        header: &CommitHeader,
        record: &EventRecord,
        genuine: bool,
    ) -> Involvement {
        let id = header.aggregate_id;
        let mut out = Involvement {
            people: vec![header.actor],
            ..Involvement::default()
        };
        if genuine {
            self.learn(header, record);
        }
        match header.aggregate_kind {
            AggregateKind::Erg => out.erg = Some(id),
            AggregateKind::Budget => {
                if let Some(b) = self.budgets.get(&id) {
                    out.erg = Some(b.erg);
                    out.people.push(b.owner);
                }
            }
            AggregateKind::Project => {
                if let Some(p) = self.projects.get(&id) {
                    out.erg = p.erg;
                    out.people.extend([p.lead, p.sponsor]);
                }
            }
            AggregateKind::Mentorship => {
                if let Some(&(mentor, mentee)) = self.mentorships.get(&id) {
                    out.people.extend([mentor, mentee]);
                }
            }
            // A learning record's id is its employee's id.
            AggregateKind::Learning => out.people.push(id),
            AggregateKind::LmsAccount => out.people.extend(self.accounts.get(&id).copied()),
            // An employee aggregate's id is the employee's id.
            AggregateKind::Employee => out.people.push(id),
            // A position's people are named by each of its events.
            AggregateKind::Position => {}
        }
        out.people.extend(named(&record.event));
        out.erg = out.erg.or(match &record.event {
            Event::BudgetRequested(e) => Some(e.erg_id),
            Event::ProjectStarted(e) => e.erg_id,
            _ => None,
        });
        if genuine {
            out.evidence = self.evidence(header, record);
            if let Event::LearningRevoked(e) = &record.event {
                self.statements.remove(&e.statement_id);
            }
        }
        out.people.sort_unstable();
        out.people.dedup();
        out
    }

    fn learn(&mut self, header: &CommitHeader, record: &EventRecord) {
        let id = header.aggregate_id;
        match &record.event {
            Event::BudgetRequested(e) => {
                self.budgets.insert(
                    id,
                    Budget {
                        erg: e.erg_id,
                        owner: e.owner_id,
                        decided_by: None,
                    },
                );
            }
            Event::BudgetApproved(e) => self.decide(id, e.approver_id),
            Event::BudgetRejected(e) => self.decide(id, e.rejected_by),
            Event::ProjectStarted(e) => {
                self.projects.insert(
                    id,
                    Project {
                        erg: e.erg_id,
                        lead: e.lead_id,
                        sponsor: e.sponsor_id,
                    },
                );
            }
            Event::MentorshipStarted(e) => {
                self.mentorships.insert(id, (e.mentor_id, e.mentee_id));
            }
            Event::LmsAccountLinked(e) => {
                self.accounts.insert(id, e.employee_id);
            }
            Event::LearningRecorded(e) => {
                self.statements.insert(e.statement_id, e.kind);
            }
            _ => {}
        }
    }

    fn decide(&mut self, budget: Uuid, by: Uuid) {
        if let Some(b) = self.budgets.get_mut(&budget) {
            b.decided_by = Some(by);
        }
    }

    fn evidence(&self, header: &CommitHeader, record: &EventRecord) -> Vec<EvidenceNote> {
        let id = header.aggregate_id;
        let note = |kind: EvidenceKind, employee_id, effect, verified| EvidenceNote {
            kind: kind.as_str(),
            employee_id,
            effect,
            verified,
        };
        match &record.event {
            Event::ErgRoleAssigned(e) => vec![note(
                EvidenceKind::ErgRole,
                e.employee_id,
                Effect::Added,
                Some(header.actor != e.employee_id),
            )],
            Event::ErgRoleEnded(e) => {
                vec![note(
                    EvidenceKind::ErgRole,
                    e.employee_id,
                    Effect::Updated,
                    None,
                )]
            }
            Event::BudgetClosed(_) => self
                .budgets
                .get(&id)
                .map(|b| {
                    let approver = b.decided_by.unwrap_or(b.owner);
                    note(
                        EvidenceKind::BudgetManaged,
                        b.owner,
                        Effect::Added,
                        Some(approver != b.owner),
                    )
                })
                .into_iter()
                .collect(),
            Event::ProjectCompleted(e) => self
                .projects
                .get(&id)
                .map(|p| {
                    note(
                        EvidenceKind::ProjectLed,
                        p.lead,
                        Effect::Added,
                        Some(e.signed_off_by != p.lead),
                    )
                })
                .into_iter()
                .collect(),
            Event::LearningRecorded(e) => vec![note(
                learning_kind(e.kind),
                id,
                Effect::Added,
                Some(e.issuer_trusted),
            )],
            Event::LearningRevoked(e) => self
                .statements
                .get(&e.statement_id)
                .map(|&kind| note(learning_kind(kind), id, Effect::Withdrawn, None))
                .into_iter()
                .collect(),
            Event::MentorshipCompleted(e) => match self.mentorships.get(&id) {
                Some(&(mentor, mentee)) => vec![
                    note(
                        EvidenceKind::MentorshipGiven,
                        mentor,
                        Effect::Added,
                        Some(e.confirmed_by == mentee && mentee != mentor),
                    ),
                    note(
                        EvidenceKind::MentorshipReceived,
                        mentee,
                        Effect::Added,
                        Some(false),
                    ),
                ],
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

fn learning_kind(kind: LearningKind) -> EvidenceKind {
    match kind {
        LearningKind::ModuleCompleted => EvidenceKind::ModuleCompleted,
        LearningKind::CertificationAwarded => EvidenceKind::CertificationAwarded,
        LearningKind::EventAttended => EvidenceKind::EventAttended,
    }
}

/// Everyone an event's payload names.
fn named(event: &Event) -> Vec<Uuid> {
    match event {
        Event::ErgRegistered(_)
        | Event::LearningRecorded(_)
        | Event::LearningRevoked(_)
        | Event::MentorshipMilestoneRecorded(_)
        | Event::PositionDefined(_)
        | Event::PositionFilled(PositionFilled {
            fill: Fill::External { .. },
        })
        | Event::EmployeeOnboarded(_)
        | Event::EmployeeDeparted(_)
        | Event::VisibilityConsentGranted(_)
        | Event::VisibilityConsentWithdrawn(_) => Vec::new(),
        Event::SuccessorNominated(e) => vec![e.candidate_id],
        Event::NominationWithdrawn(e) => vec![e.candidate_id],
        Event::PositionFilled(PositionFilled {
            fill: Fill::Internal { employee_id, .. },
        }) => vec![*employee_id],
        Event::ErgRoleAssigned(e) => vec![e.employee_id],
        Event::ErgRoleEnded(e) => vec![e.employee_id],
        Event::BudgetRequested(e) => vec![e.owner_id],
        Event::BudgetApproved(e) => vec![e.approver_id],
        Event::BudgetRejected(e) => vec![e.rejected_by],
        Event::BudgetClosed(e) => vec![e.closed_by],
        Event::ProjectStarted(e) => vec![e.lead_id, e.sponsor_id],
        Event::ProjectCompleted(e) => vec![e.signed_off_by],
        Event::LmsAccountLinked(e) => vec![e.employee_id],
        Event::MentorshipStarted(e) => vec![e.mentor_id, e.mentee_id],
        Event::MentorshipCompleted(e) => vec![e.confirmed_by],
    }
}
