//! Positions and employees: succession targets, nominations, fills, onboarding,
//! departures and the consent to show ERG affiliation to planners.

use jiff::civil::Date;
use proto_events::{
    EmployeeDeparted, EmployeeOnboarded, Event, Fill, Money, NominationWithdrawn, PositionDefined,
    PositionFilled, Requirement, SuccessorNominated, VisibilityConsentGranted,
    VisibilityConsentWithdrawn,
};
use uuid::Uuid;

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
    /// Candidates currently nominated, in nomination order.
    pub nominated: Vec<Uuid>,
    /// Whether the position was filled.
    pub filled: bool,
}

impl PositionState {
    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::PositionDefined(e) => self.defined = Some(e.clone()),
            Event::SuccessorNominated(e) => self.nominated.push(e.candidate_id),
            Event::NominationWithdrawn(e) => self.nominated.retain(|c| *c != e.candidate_id),
            Event::PositionFilled(_) => self.filled = true,
            _ => {}
        }
    }

    fn open(&self, position_id: Uuid) -> Result<(), Rejection> {
        if self.defined.is_none() {
            return Err(Rejection::UnknownPosition { position_id });
        }
        if self.filled {
            return Err(Rejection::PositionAlreadyFilled);
        }
        Ok(())
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

    pub(crate) fn nominate(&self, c: &NominateSuccessor) -> Result<Vec<Event>, Rejection> {
        self.open(c.position_id)?;
        if self.nominated.contains(&c.candidate_id) {
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

    pub(crate) fn withdraw(&self, c: &WithdrawNomination) -> Result<Vec<Event>, Rejection> {
        if self.defined.is_none() {
            return Err(Rejection::UnknownPosition {
                position_id: c.position_id,
            });
        }
        if !self.nominated.contains(&c.candidate_id) {
            return Err(Rejection::NotNominated {
                candidate_id: c.candidate_id,
            });
        }
        Ok(vec![Event::NominationWithdrawn(NominationWithdrawn {
            candidate_id: c.candidate_id,
            reason: c.reason.as_deref().map(|r| r.trim().to_owned()),
        })])
    }

    pub(crate) fn fill(&self, c: &FillPosition) -> Result<Vec<Event>, Rejection> {
        self.open(c.position_id)?;
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
}

impl EmployeeState {
    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::EmployeeOnboarded(e) => self.onboarded = Some(e.clone()),
            Event::EmployeeDeparted(e) => self.departed = Some(e.departure_date),
            Event::VisibilityConsentGranted(_) => self.consent = true,
            Event::VisibilityConsentWithdrawn(_) => self.consent = false,
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
        c: &VisibilityConsent,
    ) -> Result<Vec<Event>, Rejection> {
        if actor != c.employee_id {
            return Err(Rejection::OnlyEmployeeCanConsent);
        }
        if self.consent {
            return Err(Rejection::ConsentAlreadyGranted);
        }
        Ok(vec![Event::VisibilityConsentGranted(
            VisibilityConsentGranted {},
        )])
    }

    pub(crate) fn withdraw(
        &self,
        actor: Uuid,
        c: &VisibilityConsent,
    ) -> Result<Vec<Event>, Rejection> {
        if actor != c.employee_id {
            return Err(Rejection::OnlyEmployeeCanConsent);
        }
        if !self.consent {
            return Err(Rejection::ConsentNotGranted);
        }
        Ok(vec![Event::VisibilityConsentWithdrawn(
            VisibilityConsentWithdrawn {},
        )])
    }
}
