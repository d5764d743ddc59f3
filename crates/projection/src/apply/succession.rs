//! Positions and employees.

use proto_events::{Event, Fill};
use uuid::Uuid;

use super::{At, ModelTables, missing};
use crate::error::ProjectionError;
use crate::records::{
    ConsentChange, EmployeeRecord, FillRecord, NominationRecord, Onboarding, PositionRecord,
};
use crate::tables::{get, put};

impl ModelTables<'_> {
    pub(super) fn apply_position(
        &mut self,
        position_id: Uuid,
        at: &At<'_>,
    ) -> Result<(), ProjectionError> {
        let date = at.record.effective_date;
        if let Event::PositionDefined(e) = &at.record.event {
            let record = PositionRecord {
                title: e.title.clone(),
                criticality: e.criticality,
                requirements: e.requirements.clone(),
                defined_on: date,
                nominations: Vec::new(),
                filled: None,
            };
            return put(&mut self.positions, "positions", position_id, &record);
        }
        let Some(mut record) = get::<PositionRecord>(&self.positions, "positions", position_id)?
        else {
            missing("position", position_id, at);
            return Ok(());
        };
        match &at.record.event {
            Event::SuccessorNominated(e) => record.nominations.push(NominationRecord {
                candidate_id: e.candidate_id,
                readiness_override: e.readiness_override,
                reason: e.reason.clone(),
                nominated_on: date,
                withdrawn_on: None,
            }),
            Event::NominationWithdrawn(e) => {
                if let Some(standing) = record
                    .nominations
                    .iter_mut()
                    .find(|n| n.candidate_id == e.candidate_id && n.withdrawn_on.is_none())
                {
                    standing.withdrawn_on = Some(date);
                }
            }
            Event::PositionFilled(e) => {
                let (employee_id, cost) = match &e.fill {
                    Fill::Internal { employee_id, cost } => (Some(*employee_id), *cost),
                    Fill::External { cost } => (None, Some(*cost)),
                };
                record.filled = Some(FillRecord {
                    filled_on: date,
                    employee_id,
                    cost,
                });
            }
            _ => {}
        }
        put(&mut self.positions, "positions", position_id, &record)
    }

    pub(super) fn apply_employee(
        &mut self,
        employee_id: Uuid,
        at: &At<'_>,
    ) -> Result<(), ProjectionError> {
        let mut record =
            get::<EmployeeRecord>(&self.employees, "employees", employee_id)?.unwrap_or_default();
        match &at.record.event {
            Event::EmployeeOnboarded(e) => {
                record.onboarding = Some(Onboarding {
                    hire_date: e.hire_date,
                    org_unit: e.org_unit.clone(),
                    job_level: e.job_level.clone(),
                    interests: e.interests.clone(),
                });
            }
            Event::EmployeeDeparted(e) => record.departed_on = Some(e.departure_date),
            Event::VisibilityConsentGranted(_) | Event::VisibilityConsentWithdrawn(_) => {
                record.record_consent(ConsentChange {
                    effective_date: at.record.effective_date,
                    granted: matches!(at.record.event, Event::VisibilityConsentGranted(_)),
                });
            }
            _ => {}
        }
        put(&mut self.employees, "employees", employee_id, &record)?;
        self.person_changed(employee_id)
    }
}
