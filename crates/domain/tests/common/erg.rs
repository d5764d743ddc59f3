//! The ERG the rule tests work on: its id, its members, and the commands that register it and
//! open and close role terms in it.

use ladder_domain::References;
use proto_events::AggregateKind;
use serde_json::json;
use uuid::Uuid;

use super::given::{Aggregate, COMMAND, Named};

pub(crate) const ERG: Uuid = Uuid::from_u128(0x0e76_0000_0000_0000_0000_0000_0000_0001);
pub(crate) const ADMIN: Uuid = Uuid::from_u128(0xad00_0000_0000_0000_0000_0000_0000_0001);
pub(crate) const DANA: Uuid = Uuid::from_u128(0xda0a_0000_0000_0000_0000_0000_0000_0001);
pub(crate) const ALEX: Uuid = Uuid::from_u128(0xa1e0_0000_0000_0000_0000_0000_0000_0002);
pub(crate) const SAM: Uuid = Uuid::from_u128(0x5a00_0000_0000_0000_0000_0000_0000_0003);

/// ERGs need nothing else to exist.
pub(crate) const ERGS: Aggregate = Aggregate::new(AggregateKind::Erg);

/// Registers the ERG as an ordinary, non-sensitive group.
pub(crate) fn register() -> Named {
    register_as("Veterans in Tech", false)
}

pub(crate) fn register_as(name: &str, sensitive: bool) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": ADMIN,
        "erg_id": ERG, "name": name, "sensitive": sensitive,
    });
    ("register-erg", body)
}

pub(crate) fn assign(employee: Uuid, role: &str, term_start: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": ADMIN,
        "erg_id": ERG, "employee_id": employee, "role": role, "term_start": term_start,
    });
    ("assign-erg-role", body)
}

pub(crate) fn end(employee: Uuid, role: &str, term_end: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": ADMIN,
        "erg_id": ERG, "employee_id": employee, "role": role, "term_end": term_end,
    });
    ("end-erg-role", body)
}

/// References in which the ERG is registered, for budgets and projects that belong to it.
pub(crate) fn registered() -> References {
    let mut references = References::default();
    references.insert(AggregateKind::Erg, ERG);
    references
}
