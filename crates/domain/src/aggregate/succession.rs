//! Positions and employees: succession targets, nominations, fills, onboarding,
//! departures and the consent to show ERG affiliation to planners.

use jiff::civil::Date;
use proto_events::{
    EmployeeDeparted, EmployeeOnboarded, Event, Fill, Money, NominationWithdrawn, PositionDefined,
    PositionFilled, Requirement, SuccessorNominated, VisibilityConsentGranted,
    VisibilityConsentWithdrawn,
};
use uuid::Uuid;

use super::follows;
use crate::command::{
    DefinePosition, FillPosition, NominateSuccessor, OnboardEmployee, RecordDeparture,
    VisibilityConsent, WithdrawNomination,
};
use crate::rejection::Rejection;

/// What a position's history says now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PositionState {
    /// The definition, once defined.
    pub defined: Option<PositionDefined>,
    /// Candidates currently nominated with the business date of their nomination, in
    /// nomination order.
    pub nominated: Vec<(Uuid, Date)>,
    /// Whether the position was filled.
    pub filled: bool,
    /// The business date of the definition, which nominations and the fill may not precede.
    pub defined_on: Option<Date>,
}

impl PositionState {
    pub(crate) fn apply(&mut self, event: &Event, on: Date) {
        match event {
            Event::PositionDefined(e) => {
                self.defined = Some(e.clone());
                self.defined_on = Some(on);
            }
            Event::SuccessorNominated(e) => self.nominated.push((e.candidate_id, on)),
            Event::NominationWithdrawn(e) => {
                self.nominated.retain(|(c, _)| *c != e.candidate_id);
            }
            Event::PositionFilled(_) => self.filled = true,
            _ => {}
        }
    }

    /// The position is defined, not yet filled, and was defined by `on`.
    fn open(&self, position_id: Uuid, on: Option<Date>) -> Result<(), Rejection> {
        if self.defined.is_none() {
            return Err(Rejection::UnknownPosition { position_id });
        }
        if self.filled {
            return Err(Rejection::PositionAlreadyFilled);
        }
        follows(
            "effective_date",
            on,
            "the position definition",
            self.defined_on,
        )
    }

    fn nomination_of(&self, candidate_id: Uuid) -> Option<Date> {
        self.nominated
            .iter()
            .find(|(c, _)| *c == candidate_id)
            .map(|(_, on)| *on)
    }

    pub(crate) fn define(&self, c: &DefinePosition) -> Result<Vec<Event>, Rejection> {
        if self.defined.is_some() {
            return Err(Rejection::PositionAlreadyDefined {
                position_id: c.position_id,
            });
        }
        Ok(vec![Event::PositionDefined(PositionDefined {
            title: c.title.trim().to_owned(),
            criticality: c.criticality,
            requirements: c
                .requirements
                .iter()
                .map(|r| Requirement {
                    competency: r.competency.trim().to_owned(),
                    level: r.level,
                })
                .collect(),
        })])
    }

    pub(crate) fn nominate(
        &self,
        on: Option<Date>,
        c: &NominateSuccessor,
    ) -> Result<Vec<Event>, Rejection> {
        self.open(c.position_id, on)?;
        if self.nomination_of(c.candidate_id).is_some() {
            return Err(Rejection::AlreadyNominated {
                candidate_id: c.candidate_id,
            });
        }
        Ok(vec![Event::SuccessorNominated(SuccessorNominated {
            candidate_id: c.candidate_id,
            readiness_override: c.readiness_override,
            reason: c.reason.as_deref().map(|r| r.trim().to_owned()),
        })])
    }

    pub(crate) fn withdraw(
        &self,
        on: Option<Date>,
        c: &WithdrawNomination,
    ) -> Result<Vec<Event>, Rejection> {
        if self.defined.is_none() {
            return Err(Rejection::UnknownPosition {
                position_id: c.position_id,
            });
        }
        let Some(nominated_on) = self.nomination_of(c.candidate_id) else {
            return Err(Rejection::NotNominated {
                candidate_id: c.candidate_id,
            });
        };
        follows("effective_date", on, "the nomination", Some(nominated_on))?;
        Ok(vec![Event::NominationWithdrawn(NominationWithdrawn {
            candidate_id: c.candidate_id,
            reason: c.reason.as_deref().map(|r| r.trim().to_owned()),
        })])
    }

    pub(crate) fn fill(&self, on: Option<Date>, c: &FillPosition) -> Result<Vec<Event>, Rejection> {
        self.open(c.position_id, on)?;
        let cost = c
            .cost_minor
            .zip(c.currency)
            .map(|(minor, currency)| Money { minor, currency });
        let fill = match (c.employee_id, cost) {
            (Some(employee_id), cost) => Fill::Internal { employee_id, cost },
            (None, Some(cost)) => Fill::External { cost },
            // Parsing requires a cost for an external hire.
            (None, None) => return Err(Rejection::ExternalHireWithoutCost),
        };
        Ok(vec![Event::PositionFilled(PositionFilled { fill })])
    }
}

/// What an employee's history says now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmployeeState {
    /// Onboarding, once onboarded.
    pub onboarded: Option<EmployeeOnboarded>,
    /// The last day, once a departure is recorded.
    pub departed: Option<Date>,
    /// Whether planners may see which ERG their evidence comes from.
    pub consent: bool,
    /// The effective date of the last grant or withdrawal. The read models judge consent
    /// by effective date, so a change dated before the last one would be accepted here
    /// yet ordered before it there, and have no effect: it is refused instead.
    pub consent_changed_on: Option<Date>,
}

impl EmployeeState {
    pub(crate) fn apply(&mut self, event: &Event, on: Date) {
        match event {
            Event::EmployeeOnboarded(e) => self.onboarded = Some(e.clone()),
            Event::EmployeeDeparted(e) => self.departed = Some(e.departure_date),
            Event::VisibilityConsentGranted(_) => {
                self.consent = true;
                self.consent_changed_on = Some(on);
            }
            Event::VisibilityConsentWithdrawn(_) => {
                self.consent = false;
                self.consent_changed_on = Some(on);
            }
            _ => {}
        }
    }

    pub(crate) fn onboard(&self, c: &OnboardEmployee) -> Result<Vec<Event>, Rejection> {
        if self.onboarded.is_some() {
            return Err(Rejection::EmployeeAlreadyOnboarded {
                employee_id: c.employee_id,
            });
        }
        let mut interests: Vec<String> = c.interests.iter().map(|i| i.trim().to_owned()).collect();
        interests.sort();
        interests.dedup();
        Ok(vec![Event::EmployeeOnboarded(EmployeeOnboarded {
            hire_date: c.hire_date,
            org_unit: c.org_unit.trim().to_owned(),
            job_level: c.job_level.trim().to_owned(),
            interests,
        })])
    }

    pub(crate) fn depart(&self, c: &RecordDeparture) -> Result<Vec<Event>, Rejection> {
        let Some(onboarded) = &self.onboarded else {
            return Err(Rejection::UnknownEmployee {
                employee_id: c.employee_id,
            });
        };
        if let Some(departure_date) = self.departed {
            return Err(Rejection::EmployeeAlreadyDeparted {
                employee_id: c.employee_id,
                departure_date,
            });
        }
        if c.departure_date < onboarded.hire_date {
            return Err(Rejection::DepartureBeforeHire {
                hire_date: onboarded.hire_date,
                departure_date: c.departure_date,
            });
        }
        Ok(vec![Event::EmployeeDeparted(EmployeeDeparted {
            departure_date: c.departure_date,
        })])
    }

    pub(crate) fn grant(
        &self,
        actor: Uuid,
        on: Option<Date>,
        c: &VisibilityConsent,
    ) -> Result<Vec<Event>, Rejection> {
        if actor != c.employee_id {
            return Err(Rejection::OnlyEmployeeCanConsent);
        }
        if self.consent {
            return Err(Rejection::ConsentAlreadyGranted);
        }
        follows(
            "effective_date",
            on,
            "the last consent withdrawal",
            self.consent_changed_on,
        )?;
        Ok(vec![Event::VisibilityConsentGranted(
            VisibilityConsentGranted {},
        )])
    }

    pub(crate) fn withdraw(
        &self,
        actor: Uuid,
        on: Option<Date>,
        c: &VisibilityConsent,
    ) -> Result<Vec<Event>, Rejection> {
        if actor != c.employee_id {
            return Err(Rejection::OnlyEmployeeCanConsent);
        }
        if !self.consent {
            return Err(Rejection::ConsentNotGranted);
        }
        follows(
            "effective_date",
            on,
            "the consent grant",
            self.consent_changed_on,
        )?;
        Ok(vec![Event::VisibilityConsentWithdrawn(
            VisibilityConsentWithdrawn {},
        )])
    }
}
