//! The budget aggregate: request, decision, closing.

use proto_events::{BudgetApproved, BudgetClosed, BudgetRejected, BudgetRequested, Event, Money};
use uuid::Uuid;

use crate::command::{ApproveBudget, CloseBudget, RejectBudget, RequestBudget};
use crate::rejection::Rejection;

/// Where a budget is in its life. The read models store it too, so variants are
/// only appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BudgetStatus {
    /// Waiting for a decision.
    Requested,
    /// Approved, not yet closed.
    Approved,
    /// Turned down; final.
    Rejected,
    /// Closed with its actual spend; final.
    Closed,
}

impl BudgetStatus {
    /// Lowercase name for messages and answers.
    pub fn as_str(self) -> &'static str {
        match self {
            BudgetStatus::Requested => "requested",
            BudgetStatus::Approved => "approved",
            BudgetStatus::Rejected => "rejected",
            BudgetStatus::Closed => "closed",
        }
    }
}

/// What the budget's history says now; `request` is `None` before it is requested.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BudgetState {
    /// The original request.
    pub request: Option<BudgetRequested>,
    /// The current status, once requested.
    pub status: Option<BudgetStatus>,
}

impl BudgetState {
    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::BudgetRequested(e) => {
                self.request = Some(e.clone());
                self.status = Some(BudgetStatus::Requested);
            }
            Event::BudgetApproved(_) => self.status = Some(BudgetStatus::Approved),
            Event::BudgetRejected(_) => self.status = Some(BudgetStatus::Rejected),
            Event::BudgetClosed(_) => self.status = Some(BudgetStatus::Closed),
            _ => {}
        }
    }

    fn requested(&self, budget_id: Uuid) -> Result<(&BudgetRequested, BudgetStatus), Rejection> {
        match (&self.request, self.status) {
            (Some(request), Some(status)) => Ok((request, status)),
            _ => Err(Rejection::UnknownBudget { budget_id }),
        }
    }

    pub(crate) fn request(&self, c: &RequestBudget) -> Result<Vec<Event>, Rejection> {
        if self.request.is_some() {
            return Err(Rejection::BudgetAlreadyExists {
                budget_id: c.budget_id,
            });
        }
        Ok(vec![Event::BudgetRequested(BudgetRequested {
            erg_id: c.erg_id,
            owner_id: c.owner_id,
            amount: Money {
                minor: c.amount_minor,
                currency: c.currency,
            },
            purpose: c.purpose.trim().to_owned(),
        })])
    }

    pub(crate) fn approve(&self, actor: Uuid, c: &ApproveBudget) -> Result<Vec<Event>, Rejection> {
        let (request, status) = self.requested(c.budget_id)?;
        if status != BudgetStatus::Requested {
            return Err(Rejection::BudgetAlreadyDecided {
                status: status.as_str(),
            });
        }
        if actor == request.owner_id {
            return Err(Rejection::OwnerCannotApprove);
        }
        if c.approved_minor > request.amount.minor {
            return Err(Rejection::ApprovalExceedsRequest {
                requested: request.amount.minor,
                approved: c.approved_minor,
            });
        }
        Ok(vec![Event::BudgetApproved(BudgetApproved {
            approver_id: actor,
            approved: Money {
                minor: c.approved_minor,
                currency: request.amount.currency,
            },
        })])
    }

    pub(crate) fn reject(&self, actor: Uuid, c: &RejectBudget) -> Result<Vec<Event>, Rejection> {
        let (request, status) = self.requested(c.budget_id)?;
        if status != BudgetStatus::Requested {
            return Err(Rejection::BudgetAlreadyDecided {
                status: status.as_str(),
            });
        }
        if actor == request.owner_id {
            return Err(Rejection::OwnerCannotReject);
        }
        Ok(vec![Event::BudgetRejected(BudgetRejected {
            rejected_by: actor,
            reason: c.reason.trim().to_owned(),
        })])
    }

    pub(crate) fn close(&self, actor: Uuid, c: &CloseBudget) -> Result<Vec<Event>, Rejection> {
        let (request, status) = self.requested(c.budget_id)?;
        match status {
            BudgetStatus::Approved => Ok(vec![Event::BudgetClosed(BudgetClosed {
                closed_by: actor,
                spent: Money {
                    minor: c.spent_minor,
                    currency: request.amount.currency,
                },
            })]),
            BudgetStatus::Closed => Err(Rejection::BudgetAlreadyClosed),
            other => Err(Rejection::BudgetNotApproved {
                status: other.as_str(),
            }),
        }
    }
}
