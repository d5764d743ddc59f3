//! Registering an ERG: once per id, with a trimmed display name.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

use ladder_domain::{AggregateState, Command, References, Rejection, decide};
use proto_events::{AggregateKind, ErgRegistered, Event};
use serde_json::{Value, json};
use uuid::Uuid;

const ERG: Uuid = Uuid::from_u128(0x0e76_0000_0000_0000_0000_0000_0000_0001);
const ADMIN: Uuid = Uuid::from_u128(0xad00_0000_0000_0000_0000_0000_0000_0001);
const COMMAND: Uuid = Uuid::from_u128(0xc0de_0000_0000_0000_0000_0000_0000_0001);

type Named = (&'static str, Value);

fn register(name: &str, sensitive: bool) -> Named {
    let body = json!({
        "command_id": COMMAND, "actor": ADMIN,
        "erg_id": ERG, "name": name, "sensitive": sensitive,
    });
    ("register-erg", body)
}

/// The ERG's state after each command was accepted in turn.
fn given(commands: &[Named]) -> AggregateState {
    let mut state = AggregateState::empty(AggregateKind::Erg);
    for command in commands {
        let events = when(&state, command.clone())
            .unwrap_or_else(|rejection| panic!("given `{}` was rejected: {rejection}", command.0));
        events.iter().for_each(|event| state.apply(event));
    }
    state
}

fn when(state: &AggregateState, (name, body): Named) -> Result<Vec<Event>, Rejection> {
    let command = Command::parse(name, body.to_string().as_bytes())
        .unwrap_or_else(|err| panic!("`{name}` does not parse: {err}"));
    decide(&command, state, &References::default())
}

fn registered(name: &str, sensitive: bool) -> Vec<Event> {
    vec![Event::ErgRegistered(ErgRegistered {
        name: name.to_owned(),
        sensitive,
    })]
}

#[test]
fn registering_a_new_erg_records_its_name_and_sensitivity() {
    let state = given(&[]);

    let plain = when(&state, register("Veterans in Tech", false));
    let sensitive = when(&state, register("Pride Network", true));

    assert_eq!(plain, Ok(registered("Veterans in Tech", false)));
    assert_eq!(sensitive, Ok(registered("Pride Network", true)));
}

#[test]
fn the_recorded_name_is_trimmed() {
    let state = given(&[]);

    let events = when(&state, register("  Veterans in Tech \n", false));

    assert_eq!(events, Ok(registered("Veterans in Tech", false)));
}

#[test]
fn registering_the_same_erg_twice_is_refused() {
    let state = given(&[register("Veterans in Tech", false)]);

    let rejection = when(&state, register("Veterans in Tech", false)).unwrap_err();

    assert_eq!(rejection, Rejection::ErgAlreadyRegistered { erg_id: ERG });
    assert_eq!(rejection.code(), "erg-already-registered");
}

#[test]
fn registering_again_under_another_name_is_still_refused() {
    // Edge: a rename is not a registration.
    let state = given(&[register("Veterans in Tech", false)]);

    let rejection = when(&state, register("Veterans Network", true)).unwrap_err();

    assert_eq!(rejection.code(), "erg-already-registered");
}

#[test]
fn the_folded_state_holds_the_registration() {
    let state = given(&[register("Veterans in Tech", true)]);

    let AggregateState::Erg(erg) = state else {
        panic!("not an ERG: {state:?}")
    };
    let expected = ErgRegistered {
        name: "Veterans in Tech".to_owned(),
        sensitive: true,
    };
    assert_eq!(erg.registered, Some(expected));
    assert!(erg.terms.is_empty());
}
