//! The ERG aggregate: registration and role terms.

use jiff::civil::Date;
use proto_events::{ErgRegistered, ErgRole, ErgRoleAssigned, ErgRoleEnded, Event};
use uuid::Uuid;

use super::follows;
use crate::command::{AssignErgRole, EndErgRole, RegisterErg};
use crate::rejection::Rejection;

/// One person's term in one role; `end` is the last day, inclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Who.
    pub employee_id: Uuid,
    /// Which role.
    pub role: ErgRole,
    /// First day.
    pub start: Date,
    /// Last day, once ended.
    pub end: Option<Date>,
}

impl Term {
    /// Whether this term shares a day with an open term starting on `start`.
    fn overlaps_open_from(&self, start: Date) -> bool {
        self.end.is_none_or(|end| end >= start)
    }
}

/// What the ERG's history says now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErgState {
    /// Name and sensitivity, once registered.
    pub registered: Option<ErgRegistered>,
    /// Every role term, in the order they were assigned.
    pub terms: Vec<Term>,
    /// The business date of the registration, which no term may start before.
    pub registered_on: Option<Date>,
}

impl ErgState {
    pub(crate) fn apply(&mut self, event: &Event, on: Date) {
        match event {
            Event::ErgRegistered(e) => {
                self.registered = Some(e.clone());
                self.registered_on = Some(on);
            }
            Event::ErgRoleAssigned(e) => self.terms.push(Term {
                employee_id: e.employee_id,
                role: e.role,
                start: e.term_start,
                end: None,
            }),
            Event::ErgRoleEnded(e) => {
                if let Some(term) = self.open_term_mut(e.employee_id, e.role) {
                    term.end = Some(e.term_end);
                }
            }
            _ => {}
        }
    }

    fn open_term_mut(&mut self, employee_id: Uuid, role: ErgRole) -> Option<&mut Term> {
        self.terms
            .iter_mut()
            .find(|t| t.employee_id == employee_id && t.role == role && t.end.is_none())
    }

    pub(crate) fn register(&self, erg_id: Uuid, c: &RegisterErg) -> Result<Vec<Event>, Rejection> {
        if self.registered.is_some() {
            return Err(Rejection::ErgAlreadyRegistered { erg_id });
        }
        Ok(vec![Event::ErgRegistered(ErgRegistered {
            name: c.name.trim().to_owned(),
            sensitive: c.sensitive,
        })])
    }

    /// A term counts as leadership from its `term_start`, so it may not start before the ERG
    /// was registered: a group that is to be backfilled with earlier terms is registered
    /// with an `effective_date` no later than its first term.
    pub(crate) fn assign(&self, c: &AssignErgRole) -> Result<Vec<Event>, Rejection> {
        if self.registered.is_none() {
            return Err(Rejection::UnknownErg { erg_id: c.erg_id });
        }
        follows(
            "term_start",
            Some(c.term_start),
            "the ERG registration",
            self.registered_on,
        )?;
        let role = c.role;
        if let Some(held) = self.terms.iter().find(|t| {
            t.employee_id == c.employee_id && t.role == role && t.overlaps_open_from(c.term_start)
        }) {
            return Err(Rejection::RoleAlreadyHeld {
                employee_id: c.employee_id,
                role: role.as_str(),
                since: held.start,
            });
        }
        if role == ErgRole::Chair
            && let Some(chair) = self
                .terms
                .iter()
                .find(|t| t.role == ErgRole::Chair && t.overlaps_open_from(c.term_start))
        {
            return Err(Rejection::ChairAlreadyAssigned {
                holder: chair.employee_id,
                since: chair.start,
            });
        }
        Ok(vec![Event::ErgRoleAssigned(ErgRoleAssigned {
            employee_id: c.employee_id,
            role,
            term_start: c.term_start,
        })])
    }

    pub(crate) fn end(&self, c: &EndErgRole) -> Result<Vec<Event>, Rejection> {
        if self.registered.is_none() {
            return Err(Rejection::UnknownErg { erg_id: c.erg_id });
        }
        let role = c.role;
        let mine = || {
            self.terms
                .iter()
                .filter(|t| t.employee_id == c.employee_id && t.role == role)
        };
        let Some(open) = mine().find(|t| t.end.is_none()) else {
            return Err(match mine().filter_map(|t| t.end).max() {
                Some(ended) => Rejection::RoleAlreadyEnded {
                    employee_id: c.employee_id,
                    role: role.as_str(),
                    ended,
                },
                None => Rejection::RoleNotHeld {
                    employee_id: c.employee_id,
                    role: role.as_str(),
                },
            });
        };
        if c.term_end < open.start {
            return Err(Rejection::RoleEndsBeforeStart {
                start: open.start,
                end: c.term_end,
            });
        }
        Ok(vec![Event::ErgRoleEnded(ErgRoleEnded {
            employee_id: c.employee_id,
            role,
            term_end: c.term_end,
        })])
    }
}
