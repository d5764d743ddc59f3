//! The budget life cycle: request, an independent decision, closing with actual spend.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::erg::{self, ERG};
use common::given::{Aggregate, COMMAND, Named, code, on, when_with};
use jiff::civil::date;
use ladder_domain::{AggregateState, BudgetStatus, References, Rejection};
use proto_events::{
    AggregateKind, BudgetApproved, BudgetClosed, BudgetRejected, BudgetRequested, Currency, Event,
    Money,
};
use serde_json::json;
use uuid::Uuid;

const BUDGET: Uuid = Uuid::from_u128(0xb0d6_0000_0000_0000_0000_0000_0000_0001);
const OWNER: Uuid = Uuid::from_u128(0x0a0e_0000_0000_0000_0000_0000_0000_0001);
const APPROVER: Uuid = Uuid::from_u128(0xa990_0000_0000_0000_0000_0000_0000_0002);
const FINANCE: Uuid = Uuid::from_u128(0xf1a0_0000_0000_0000_0000_0000_0000_0003);

/// Budgets, decided where their ERG is registered.
const BUDGETS: Aggregate = Aggregate {
    kind: AggregateKind::Budget,
    references: erg::registered,
};

fn request(amount_minor: u64) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": OWNER,
        "budget_id": BUDGET, "erg_id": ERG, "owner_id": OWNER,
        "amount_minor": amount_minor, "currency": "SEK", "purpose": "Veterans' Day breakfast",
    });
    ("request-budget", body)
}

fn approve(actor: Uuid, approved_minor: u64) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": actor,
        "budget_id": BUDGET, "approved_minor": approved_minor,
    });
    ("approve-budget", body)
}

fn reject(actor: Uuid, reason: &str) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": actor, "budget_id": BUDGET, "reason": reason,
    });
    ("reject-budget", body)
}

fn close(actor: Uuid, spent_minor: u64) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": actor, "budget_id": BUDGET, "spent_minor": spent_minor,
    });
    ("close-budget", body)
}

fn sek(minor: u64) -> Money {
    Money {
        minor,
        currency: "SEK".parse::<Currency>().expect("SEK is a currency code"),
    }
}

fn status(state: &AggregateState) -> Option<BudgetStatus> {
    match state {
        AggregateState::Budget(budget) => budget.status,
        other => panic!("not a budget: {other:?}"),
    }
}

#[test]
fn requesting_a_budget_records_owner_amount_and_trimmed_purpose() {
    let state = BUDGETS.given(&[]);
    let (name, mut body) = request(12_500);
    body["purpose"] = json!("  Veterans' Day breakfast\n");

    let events = BUDGETS.when(&state, (name, body));

    let expected = BudgetRequested {
        erg_id: ERG,
        owner_id: OWNER,
        amount: sek(12_500),
        purpose: "Veterans' Day breakfast".to_owned(),
    };
    assert_eq!(events, Ok(vec![Event::BudgetRequested(expected)]));
}

#[test]
fn requesting_for_an_unregistered_erg_is_refused() {
    let state = BUDGETS.given(&[]);

    let rejection = when_with(&state, request(12_500), &References::default()).unwrap_err();

    assert_eq!(rejection, Rejection::UnknownErg { erg_id: ERG });
    assert_eq!(rejection.code(), "unknown-erg");
}

#[test]
fn an_existing_aggregate_of_another_kind_is_not_the_erg() {
    // Edge: references are keyed by kind and id, not id alone.
    let state = BUDGETS.given(&[]);
    let mut references = References::default();
    references.insert(AggregateKind::Budget, ERG);
    references.insert(AggregateKind::Project, ERG);

    let rejection = when_with(&state, request(12_500), &references).unwrap_err();

    assert_eq!(rejection.code(), "unknown-erg");
}

#[test]
fn requesting_the_same_budget_twice_is_refused() {
    let state = BUDGETS.given(&[request(12_500)]);

    let rejection = BUDGETS.when(&state, request(900)).unwrap_err();

    assert_eq!(
        rejection,
        Rejection::BudgetAlreadyExists { budget_id: BUDGET }
    );
    assert_eq!(rejection.code(), "budget-already-exists");
}

#[test]
fn approving_records_the_approver_and_the_request_currency() {
    let state = BUDGETS.given(&[request(12_500)]);

    let events = BUDGETS.when(&state, approve(APPROVER, 8_000));

    let expected = BudgetApproved {
        approver_id: APPROVER,
        approved: sek(8_000),
    };
    assert_eq!(events, Ok(vec![Event::BudgetApproved(expected)]));
}

#[test]
fn approving_exactly_the_requested_amount_is_allowed() {
    // Edge: the limit is inclusive.
    let state = BUDGETS.given(&[request(12_500)]);

    let events = BUDGETS.when(&state, approve(APPROVER, 12_500));

    let expected = BudgetApproved {
        approver_id: APPROVER,
        approved: sek(12_500),
    };
    assert_eq!(events, Ok(vec![Event::BudgetApproved(expected)]));
}

#[test]
fn approving_more_than_requested_is_refused() {
    let state = BUDGETS.given(&[request(12_500)]);

    let rejection = BUDGETS.when(&state, approve(APPROVER, 12_501)).unwrap_err();

    assert_eq!(
        rejection,
        Rejection::ApprovalExceedsRequest {
            requested: 12_500,
            approved: 12_501
        }
    );
    assert_eq!(rejection.code(), "approval-exceeds-request");
}

#[test]
fn the_owner_cannot_approve_their_own_budget() {
    let state = BUDGETS.given(&[request(12_500)]);

    let rejection = BUDGETS.when(&state, approve(OWNER, 12_500)).unwrap_err();

    assert_eq!(rejection, Rejection::OwnerCannotApprove);
    assert_eq!(rejection.code(), "owner-cannot-approve");
}

#[test]
fn the_owner_cannot_reject_their_own_budget() {
    let state = BUDGETS.given(&[request(12_500)]);

    let rejection = BUDGETS
        .when(&state, reject(OWNER, "withdrawn"))
        .unwrap_err();

    assert_eq!(rejection, Rejection::OwnerCannotReject);
    assert_eq!(rejection.code(), "owner-cannot-reject");
}

#[test]
fn rejecting_records_who_and_the_trimmed_reason() {
    let state = BUDGETS.given(&[request(12_500)]);

    let events = BUDGETS.when(&state, reject(APPROVER, " Over the quarterly cap. "));

    let expected = BudgetRejected {
        rejected_by: APPROVER,
        reason: "Over the quarterly cap.".to_owned(),
    };
    assert_eq!(events, Ok(vec![Event::BudgetRejected(expected)]));
}

#[test]
fn a_budget_is_approved_or_rejected_only_once() {
    let approved = BUDGETS.given(&[request(12_500), approve(APPROVER, 8_000)]);
    let rejected = BUDGETS.given(&[request(12_500), reject(APPROVER, "no")]);

    let cases = [
        (
            BUDGETS.when(&approved, approve(APPROVER, 8_000)),
            "approved",
        ),
        (BUDGETS.when(&approved, approve(FINANCE, 100)), "approved"),
        (
            BUDGETS.when(&approved, reject(FINANCE, "changed my mind")),
            "approved",
        ),
        (BUDGETS.when(&rejected, approve(FINANCE, 8_000)), "rejected"),
        (
            BUDGETS.when(&rejected, reject(FINANCE, "still no")),
            "rejected",
        ),
    ];

    for (outcome, status) in cases {
        let rejection = outcome.unwrap_err();
        assert_eq!(rejection, Rejection::BudgetAlreadyDecided { status });
        assert_eq!(rejection.code(), "budget-already-decided");
    }
}

#[test]
fn a_closed_budget_cannot_be_decided_again() {
    let state = BUDGETS.given(&[
        request(12_500),
        approve(APPROVER, 8_000),
        close(FINANCE, 7_900),
    ]);

    let approval = BUDGETS.when(&state, approve(APPROVER, 8_000)).unwrap_err();
    let refusal = BUDGETS
        .when(&state, reject(APPROVER, "too late"))
        .unwrap_err();

    assert_eq!(
        approval,
        Rejection::BudgetAlreadyDecided { status: "closed" }
    );
    assert_eq!(
        refusal,
        Rejection::BudgetAlreadyDecided { status: "closed" }
    );
}

#[test]
fn the_owner_deciding_an_already_decided_budget_hears_it_was_decided() {
    // Edge: the status rule is checked before the independence rule.
    let state = BUDGETS.given(&[request(12_500), approve(APPROVER, 8_000)]);

    let rejection = BUDGETS.when(&state, approve(OWNER, 8_000)).unwrap_err();

    assert_eq!(rejection.code(), "budget-already-decided");
}

#[test]
fn closing_an_approved_budget_records_the_spend_in_its_currency() {
    let state = BUDGETS.given(&[request(12_500), approve(APPROVER, 8_000)]);

    let events = BUDGETS.when(&state, close(FINANCE, 7_900));

    let expected = BudgetClosed {
        closed_by: FINANCE,
        spent: sek(7_900),
    };
    assert_eq!(events, Ok(vec![Event::BudgetClosed(expected)]));
}

#[test]
fn closing_with_nothing_spent_is_allowed() {
    // Edge: zero is a valid spend, unlike a zero request or approval.
    let state = BUDGETS.given(&[request(12_500), approve(APPROVER, 8_000)]);

    let events = BUDGETS.when(&state, close(OWNER, 0));

    let expected = BudgetClosed {
        closed_by: OWNER,
        spent: sek(0),
    };
    assert_eq!(events, Ok(vec![Event::BudgetClosed(expected)]));
}

#[test]
fn overspending_is_recorded_not_refused() {
    // Edge: the spend is a fact; evidence rules judge how close to plan it was.
    let state = BUDGETS.given(&[request(12_500), approve(APPROVER, 8_000)]);

    let events = BUDGETS.when(&state, close(FINANCE, 9_000));

    let expected = BudgetClosed {
        closed_by: FINANCE,
        spent: sek(9_000),
    };
    assert_eq!(events, Ok(vec![Event::BudgetClosed(expected)]));
}

#[test]
fn a_budget_closes_only_after_approval() {
    let requested = BUDGETS.given(&[request(12_500)]);
    let rejected = BUDGETS.given(&[request(12_500), reject(APPROVER, "no")]);

    let early = BUDGETS.when(&requested, close(FINANCE, 0)).unwrap_err();
    let refused = BUDGETS.when(&rejected, close(FINANCE, 0)).unwrap_err();

    assert_eq!(
        early,
        Rejection::BudgetNotApproved {
            status: "requested"
        }
    );
    assert_eq!(refused, Rejection::BudgetNotApproved { status: "rejected" });
    assert_eq!(early.code(), "budget-not-approved");
}

#[test]
fn a_budget_closes_only_once() {
    let state = BUDGETS.given(&[
        request(12_500),
        approve(APPROVER, 8_000),
        close(FINANCE, 7_900),
    ]);

    let rejection = BUDGETS.when(&state, close(FINANCE, 7_900)).unwrap_err();

    assert_eq!(rejection, Rejection::BudgetAlreadyClosed);
    assert_eq!(rejection.code(), "budget-already-closed");
}

#[test]
fn deciding_or_closing_an_unknown_budget_is_refused() {
    let state = BUDGETS.given(&[]);

    for command in [
        approve(APPROVER, 1),
        reject(APPROVER, "no"),
        close(FINANCE, 1),
    ] {
        let rejection = BUDGETS.when(&state, command).unwrap_err();

        assert_eq!(rejection, Rejection::UnknownBudget { budget_id: BUDGET });
        assert_eq!(rejection.code(), "unknown-budget");
    }
}

#[test]
fn the_folded_status_follows_the_life_cycle() {
    let requested = BUDGETS.given(&[request(12_500)]);
    let approved = BUDGETS.given(&[request(12_500), approve(APPROVER, 8_000)]);
    let rejected = BUDGETS.given(&[request(12_500), reject(APPROVER, "no")]);
    let closed = BUDGETS.given(&[request(12_500), approve(APPROVER, 8_000), close(FINANCE, 1)]);

    assert_eq!(status(&BUDGETS.given(&[])), None);
    assert_eq!(status(&requested), Some(BudgetStatus::Requested));
    assert_eq!(status(&approved), Some(BudgetStatus::Approved));
    assert_eq!(status(&rejected), Some(BudgetStatus::Rejected));
    assert_eq!(status(&closed), Some(BudgetStatus::Closed));
    let names = [
        BudgetStatus::Requested,
        BudgetStatus::Approved,
        BudgetStatus::Rejected,
    ]
    .map(BudgetStatus::as_str);
    assert_eq!(names, ["requested", "approved", "rejected"]);
    assert_eq!(BudgetStatus::Closed.as_str(), "closed");
}

// Failure pinned: a budget requested 2026-06-01, approved effective 2026-01-01 and closed
// effective 2025-01-01 was accepted, and its owner held budget management from 2025.
#[test]
fn a_decision_may_not_be_dated_before_the_request() {
    let state = BUDGETS.given(&[on(request(12_500), "2026-06-01")]);

    let approval = BUDGETS
        .when(&state, on(approve(APPROVER, 12_500), "2026-01-01"))
        .unwrap_err();
    let refusal = BUDGETS.when(&state, on(reject(APPROVER, "Over the cap"), "2026-05-31"));

    assert_eq!(
        approval,
        Rejection::DateOutOfOrder {
            field: "effective_date",
            date: date(2026, 1, 1),
            step: "the budget request",
            step_date: date(2026, 6, 1),
        }
    );
    assert_eq!(approval.code(), "date-out-of-order");
    assert_eq!(
        approval.to_string(),
        "effective_date 2026-01-01 is before the budget request on 2026-06-01"
    );
    assert_eq!(code(refusal), "date-out-of-order");
}

#[test]
fn closing_may_not_be_dated_before_the_approval() {
    let state = BUDGETS.given(&[
        on(request(12_500), "2026-06-01"),
        on(approve(APPROVER, 12_500), "2026-06-10"),
    ]);

    let rejection = BUDGETS
        .when(&state, on(close(FINANCE, 12_000), "2026-06-09"))
        .unwrap_err();

    assert_eq!(
        rejection,
        Rejection::DateOutOfOrder {
            field: "effective_date",
            date: date(2026, 6, 9),
            step: "the budget approval",
            step_date: date(2026, 6, 10),
        }
    );
}

#[test]
fn every_step_may_fall_on_the_same_day() {
    let day = "2026-06-01";

    let state = BUDGETS.given(&[
        on(request(12_500), day),
        on(approve(APPROVER, 12_500), day),
        on(close(FINANCE, 12_000), day),
    ]);

    assert_eq!(status(&state), Some(BudgetStatus::Closed));
}

#[test]
fn an_undated_decision_is_dated_the_day_it_is_recorded() {
    let state = BUDGETS.given(&[on(request(12_500), "2026-06-01")]);
    let mut references = erg::registered();
    references.set_recorded_on(date(2026, 5, 31));

    let early = when_with(&state, approve(APPROVER, 12_500), &references);
    references.set_recorded_on(date(2026, 6, 1));
    let on_the_day = when_with(&state, approve(APPROVER, 12_500), &references);

    assert_eq!(code(early), "date-out-of-order");
    assert!(on_the_day.is_ok(), "{on_the_day:?}");
}

#[test]
fn a_budget_may_not_be_requested_before_its_erg_was_registered() {
    // Tester's report: an ERG registered 2026-06-01 took a budget requested, approved and
    // closed in 2020, which granted budget management years before the group existed.
    let mut references = References::default();
    references.insert_erg(ERG, date(2026, 6, 1));
    let state = BUDGETS.given(&[]);
    let rejection = when_with(&state, on(request(12_500), "2020-01-01"), &references).unwrap_err();
    assert_eq!(code(Err(rejection.clone())), "date-out-of-order");
    let message = rejection.to_string();
    assert!(
        message.contains("registration") && message.contains("2026-06-01"),
        "{message}"
    );
    assert!(when_with(&state, on(request(12_500), "2026-06-01"), &references).is_ok());
}
