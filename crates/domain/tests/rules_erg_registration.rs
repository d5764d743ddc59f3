//! Registering an ERG: once per id, with a trimmed display name.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::erg::{ERG, ERGS, register_as};
use ladder_domain::{AggregateState, Rejection};
use proto_events::{ErgRegistered, Event};

fn registered(name: &str, sensitive: bool) -> Vec<Event> {
    vec![Event::ErgRegistered(ErgRegistered {
        name: name.to_owned(),
        sensitive,
    })]
}

#[test]
fn registering_a_new_erg_records_its_name_and_sensitivity() {
    let state = ERGS.given(&[]);

    let plain = ERGS.when(&state, register_as("Veterans in Tech", false));
    let sensitive = ERGS.when(&state, register_as("Pride Network", true));

    assert_eq!(plain, Ok(registered("Veterans in Tech", false)));
    assert_eq!(sensitive, Ok(registered("Pride Network", true)));
}

#[test]
fn the_recorded_name_is_trimmed() {
    let state = ERGS.given(&[]);

    let events = ERGS.when(&state, register_as("  Veterans in Tech \n", false));

    assert_eq!(events, Ok(registered("Veterans in Tech", false)));
}

#[test]
fn registering_the_same_erg_twice_is_refused() {
    let state = ERGS.given(&[register_as("Veterans in Tech", false)]);

    let rejection = ERGS
        .when(&state, register_as("Veterans in Tech", false))
        .unwrap_err();

    assert_eq!(rejection, Rejection::ErgAlreadyRegistered { erg_id: ERG });
    assert_eq!(rejection.code(), "erg-already-registered");
}

#[test]
fn registering_again_under_another_name_is_still_refused() {
    // Edge: a rename is not a registration.
    let state = ERGS.given(&[register_as("Veterans in Tech", false)]);

    let rejection = ERGS
        .when(&state, register_as("Veterans Network", true))
        .unwrap_err();

    assert_eq!(rejection.code(), "erg-already-registered");
}

#[test]
fn the_folded_state_holds_the_registration() {
    let state = ERGS.given(&[register_as("Veterans in Tech", true)]);

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
