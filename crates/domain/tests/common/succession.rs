//! The position and the people the succession rule tests work on, the commands planners and
//! the HRIS send about them, and the references they are decided against.

use ladder_domain::{AggregateState, EmployeeState, References};
use proto_events::AggregateKind;
use serde_json::{Value, json};
use uuid::Uuid;

use super::given::{Aggregate, COMMAND, Named};

pub(crate) const POSITION: Uuid = Uuid::from_u128(0x9051_0000_0000_0000_0000_0000_0000_0001);
pub(crate) const PLANNER: Uuid = Uuid::from_u128(0x9aa0_0000_0000_0000_0000_0000_0000_0001);
pub(crate) const ALICE: Uuid = Uuid::from_u128(0xa11c_0000_0000_0000_0000_0000_0000_0001);
pub(crate) const BOB: Uuid = Uuid::from_u128(0xb0b0_0000_0000_0000_0000_0000_0000_0002);
pub(crate) const HRIS: Uuid = Uuid::from_u128(0x4215_0000_0000_0000_0000_0000_0000_0001);

/// Positions, decided within the framework with Alice and Bob onboarded.
pub(crate) const POSITIONS: Aggregate = Aggregate {
    kind: AggregateKind::Position,
    references: staffed,
};
/// Employees, decided within the framework and its interest list.
pub(crate) const EMPLOYEES: Aggregate = Aggregate {
    kind: AggregateKind::Employee,
    references: framework,
};

pub(crate) fn define(requirements: &Value) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": PLANNER, "position_id": POSITION,
        "title": "Head of Community Programmes", "criticality": "critical",
        "requirements": requirements,
    });
    ("define-position", body)
}

pub(crate) fn defined() -> Named {
    define(&json!([{ "competency": "budget-management", "level": 2 }]))
}

pub(crate) fn nominate(candidate: Uuid) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": PLANNER, "position_id": POSITION,
        "candidate_id": candidate,
    });
    ("nominate-successor", body)
}

pub(crate) fn withdraw(candidate: Uuid) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": PLANNER, "position_id": POSITION,
        "candidate_id": candidate,
    });
    ("withdraw-nomination", body)
}

pub(crate) fn fill_internal(employee: Uuid) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": PLANNER, "position_id": POSITION, "employee_id": employee,
    });
    ("fill-position", body)
}

pub(crate) fn onboard(employee: Uuid, interests: &Value) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": HRIS, "employee_id": employee, "hire_date": "2024-02-29",
        "org_unit": "eng-platform", "job_level": "L4", "interests": interests,
    });
    ("onboard-employee", body)
}

pub(crate) fn depart(employee: Uuid, date: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": HRIS, "employee_id": employee, "departure_date": date,
    });
    ("record-departure", body)
}

pub(crate) fn consent(name: &'static str, actor: Uuid, employee: Uuid) -> Named {
    let body = json!({ "command_id": COMMAND, "actor": actor, "employee_id": employee });
    (name, body)
}

/// A framework of two competencies, without their levels, and the interest list.
pub(crate) fn framework() -> References {
    let mut references = References::default();
    references.set_competencies(["budget-management".to_owned(), "delivery".to_owned()]);
    references.set_interests(["veterans".to_owned(), "public-speaking".to_owned()]);
    references
}

/// The framework with Alice and Bob onboarded and still employed.
pub(crate) fn staffed() -> References {
    let mut references = framework();
    for person in [ALICE, BOB] {
        references.insert_employee(person, employee(&[onboard(person, &json!([]))]));
    }
    references
}

/// The employee after these commands of the HRIS (or the employee) were accepted.
pub(crate) fn employee(commands: &[Named]) -> EmployeeState {
    match EMPLOYEES.given(commands) {
        AggregateState::Employee(state) => state,
        other => panic!("not an employee: {other:?}"),
    }
}
