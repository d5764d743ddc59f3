//! `decide` as a pure function, and what it does when handed another aggregate's state.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

use jiff::civil::Date;
use ladder_domain::{AggregateState, Command, References, Rejection, decide};
use proto_events::{AggregateKind, Event};
use serde_json::json;
use uuid::Uuid;

const ERG: Uuid = Uuid::from_u128(0x0e76_0000_0000_0000_0000_0000_0000_0001);
const BUDGET: Uuid = Uuid::from_u128(0xb0d6_0000_0000_0000_0000_0000_0000_0001);
const ACTOR: Uuid = Uuid::from_u128(0xa990_0000_0000_0000_0000_0000_0000_0002);
const COMMAND: Uuid = Uuid::from_u128(0xc0de_0000_0000_0000_0000_0000_0000_0001);
/// The business date the folded events carry; no test here reads it.
const DAY: Date = jiff::civil::date(2026, 1, 15);

fn approve_budget() -> Command {
    let body = json!({
        "command_id": COMMAND, "actor": ACTOR, "budget_id": BUDGET, "approved_minor": 100,
    });
    Command::parse("approve-budget", body.to_string().as_bytes()).expect("valid")
}

fn register_erg() -> Command {
    let body = json!({
        "command_id": COMMAND, "actor": ACTOR, "erg_id": ERG, "name": "Pride", "sensitive": true,
    });
    Command::parse("register-erg", body.to_string().as_bytes()).expect("valid")
}

fn registered_erg() -> AggregateState {
    let mut state = AggregateState::empty(AggregateKind::Erg);
    let events = decide(&register_erg(), &state, &References::default()).expect("registers");
    events.iter().for_each(|event| state.apply(event, DAY));
    state
}

#[test]
fn the_same_inputs_give_the_same_answer() {
    let state = registered_erg();

    let first = decide(&register_erg(), &state, &References::default());
    let second = decide(&register_erg(), &state, &References::default());

    assert_eq!(first, Err(Rejection::ErgAlreadyRegistered { erg_id: ERG }));
    assert_eq!(first, second);
}

#[test]
fn a_command_handed_another_kinds_state_is_decided_against_no_history() {
    // Edge: a caller that loads the wrong aggregate gets "unknown", not a panic.
    let rejection = decide(&approve_budget(), &registered_erg(), &References::default());

    assert_eq!(
        rejection,
        Err(Rejection::UnknownBudget { budget_id: BUDGET })
    );
}

#[test]
fn a_registration_handed_a_budgets_state_ignores_that_state() {
    // Edge: the fallback decides against an empty ERG, so the wrong state is not noticed.
    let mut budget = AggregateState::empty(AggregateKind::Budget);
    let erg_events = decide(&register_erg(), &budget, &References::default()).expect("registers");

    erg_events.iter().for_each(|event| budget.apply(event, DAY));

    assert!(matches!(erg_events.as_slice(), [Event::ErgRegistered(e)] if e.name == "Pride"));
    assert_eq!(budget, AggregateState::empty(AggregateKind::Budget));
}
