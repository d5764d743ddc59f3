//! The budget aggregate: request, decision, closing.

use jiff::civil::Date;
use proto_events::{BudgetApproved, BudgetClosed, BudgetRejected, BudgetRequested, Event, Money};
use uuid::Uuid;

use super::follows;
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
    /// The business date of the request, which a decision may not precede.
    pub requested_on: Option<Date>,
    /// The business date of the approval, which the closing may not precede.
    pub approved_on: Option<Date>,
}

impl BudgetState {
    pub(crate) fn apply(&mut self, event: &Event, on: Date) {
        match event {
            Event::BudgetRequested(e) => {
                self.request = Some(e.clone());
                self.status = Some(BudgetStatus::Requested);
                self.requested_on = Some(on);
            }
            Event::BudgetApproved(_) => {
                self.status = Some(BudgetStatus::Approved);
                self.approved_on = Some(on);
            }
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

    /// A decision dated `on` may not precede the request it decides.
    fn decided_after_request(&self, on: Option<Date>) -> Result<(), Rejection> {
        follows(
            "effective_date",
            on,
            "the budget request",
            self.requested_on,
        )
    }

    pub(crate) fn approve(
        &self,
        actor: Uuid,
        on: Option<Date>,
        c: &ApproveBudget,
    ) -> Result<Vec<Event>, Rejection> {
        let (request, status) = self.requested(c.budget_id)?;
        if status != BudgetStatus::Requested {
            return Err(Rejection::BudgetAlreadyDecided {
                status: status.as_str(),
            });
        }
        if actor == request.owner_id {
            return Err(Rejection::OwnerCannotApprove);
        }
        self.decided_after_request(on)?;
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

    pub(crate) fn reject(
        &self,
        actor: Uuid,
        on: Option<Date>,
        c: &RejectBudget,
    ) -> Result<Vec<Event>, Rejection> {
        let (request, status) = self.requested(c.budget_id)?;
        if status != BudgetStatus::Requested {
            return Err(Rejection::BudgetAlreadyDecided {
                status: status.as_str(),
            });
        }
        if actor == request.owner_id {
            return Err(Rejection::OwnerCannotReject);
        }
        self.decided_after_request(on)?;
        Ok(vec![Event::BudgetRejected(BudgetRejected {
            rejected_by: actor,
            reason: c.reason.trim().to_owned(),
        })])
    }

    pub(crate) fn close(
        &self,
        actor: Uuid,
        on: Option<Date>,
        c: &CloseBudget,
    ) -> Result<Vec<Event>, Rejection> {
        let (request, status) = self.requested(c.budget_id)?;
        match status {
            BudgetStatus::Approved => {
                follows(
                    "effective_date",
                    on,
                    "the budget approval",
                    self.approved_on,
                )?;
                Ok(vec![Event::BudgetClosed(BudgetClosed {
                    closed_by: actor,
                    spent: Money {
                        minor: c.spent_minor,
                        currency: request.amount.currency,
                    },
                })])
            }
            BudgetStatus::Closed => Err(Rejection::BudgetAlreadyClosed),
            other => Err(Rejection::BudgetNotApproved {
                status: other.as_str(),
            }),
        }
    }
}
