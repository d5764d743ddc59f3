//! The documented bounds of field values: business dates within a plausible range, no nil
//! ids, money amounts up to a maximum, no invisible characters in text.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::fields::{parse_with, refused};
use jiff::civil::date;
use ladder_domain::command::{RevokeLearning, limits};
use ladder_domain::{Command, CommandBody, CommandMeta};
use serde_json::json;
use uuid::Uuid;

const NIL: &str = "00000000-0000-0000-0000-000000000000";

/// Every business date a command carries.
const DATE_FIELDS: [(&str, &str); 6] = [
    ("assign-erg-role", "term_start"),
    ("end-erg-role", "term_end"),
    ("onboard-employee", "hire_date"),
    ("record-departure", "departure_date"),
    ("register-erg", "effective_date"),
    ("fill-position", "effective_date"),
];

// Failure pinned: `9999-12-31`, `0001-01-01` and a hire in 9999 were accepted.
#[test]
fn dates_outside_the_documented_range_are_refused() {
    for (name, field) in DATE_FIELDS {
        for text in [
            "9999-12-31",
            "0001-01-01",
            "9999-01-01",
            "1899-12-31",
            "2200-01-01",
        ] {
            let message = refused(name, field, json!(text));

            assert_eq!(
                message,
                format!("`{text}` is outside the accepted range 1900-01-01 to 2199-12-31"),
                "{name}.{field}"
            );
        }
        // Edge: both ends of the range are inside it.
        for text in ["1900-01-01", "2199-12-31"] {
            assert!(
                parse_with(name, field, json!(text)).is_ok(),
                "{name}.{field} = {text}"
            );
        }
    }
    assert_eq!(limits::EARLIEST_DATE, date(1900, 1, 1));
    assert_eq!(limits::LATEST_DATE, date(2199, 12, 31));
}

#[test]
fn a_learning_record_dated_outside_the_range_is_refused() {
    let body = CommandBody::RevokeLearning(RevokeLearning {
        employee_id: Uuid::from_u128(1),
        statement_id: Uuid::from_u128(2),
        voided_by: Uuid::from_u128(3),
    });
    let meta = |effective_date| CommandMeta {
        command_id: Uuid::from_u128(3),
        actor: Uuid::from_u128(4),
        effective_date: Some(effective_date),
        correlation_id: None,
        causation_id: None,
    };
    let err = Command::internal(meta(date(9999, 12, 31)), body.clone()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("effective_date"));
    assert!(Command::internal(meta(date(2026, 3, 1)), body).is_ok());
}

// Failure pinned: the nil UUID was accepted as command id, actor and aggregate id.
#[test]
fn the_nil_uuid_is_refused_in_every_id_field() {
    let mut checked = 0;
    for (name, body) in common::catalogue() {
        let fields = body.as_object().expect("an object").keys().cloned();
        for field in fields.filter(|f| f.ends_with("_id") || f == "actor") {
            let message = refused(name, &field, json!(NIL));

            assert_eq!(message, format!("the nil UUID {NIL} is not an id"));
            checked += 1;
        }
    }
    // command_id, actor, correlation_id and causation_id in each of the 21 commands, and
    // every aggregate and person id besides.
    assert!(checked > 4 * 21, "{checked}");
}

// Failure pinned: `amount_minor` = u64::MAX was accepted.
#[test]
fn amounts_above_the_documented_maximum_are_refused() {
    let fields = [
        ("request-budget", "amount_minor"),
        ("approve-budget", "approved_minor"),
        ("close-budget", "spent_minor"),
        ("fill-position", "cost_minor"),
    ];
    for (name, field) in fields {
        for too_much in [limits::MAX_MINOR + 1, u64::MAX] {
            let message = refused(name, field, json!(too_much));

            assert_eq!(
                message,
                format!("is {too_much} minor units; the limit is 1000000000000000"),
                "{name}.{field}"
            );
        }
        assert!(
            parse_with(name, field, json!(limits::MAX_MINOR)).is_ok(),
            "{name}.{field}"
        );
    }
}

// Failure pinned: an amount past u64 was refused as "invalid type: floating point
// `1.8446744073709552e+19`, expected u64", which names Rust types, not the rule.
#[test]
fn an_amount_that_is_not_a_whole_number_of_minor_units_says_what_is_expected() {
    let fields = [
        ("request-budget", "amount_minor"),
        ("approve-budget", "approved_minor"),
        ("close-budget", "spent_minor"),
        ("fill-position", "cost_minor"),
    ];
    let past_u64: serde_json::Value = serde_json::from_str("18446744073709551616").unwrap();
    for (name, field) in fields {
        for value in [past_u64.clone(), json!(-1), json!(125.5)] {
            let err = parse_with(name, field, value.clone()).unwrap_err();

            assert_eq!(
                err.field.as_deref(),
                Some(field),
                "{name}.{field} = {value}"
            );
            assert!(
                err.message.contains(
                    "expected a whole number of minor units from 0 to 1000000000000000 (10^15)"
                ),
                "{name}.{field} = {value}: {}",
                err.message
            );
            assert!(!err.message.contains("u64"), "{}", err.message);
        }
    }
}

// Failure pinned: marks and zero-width characters got past the bidirectional-control check.
#[test]
fn invisible_characters_are_refused_in_text() {
    let fields = [
        ("register-erg", "name"),
        ("request-budget", "purpose"),
        ("complete-project", "outcome"),
        ("link-lms-account", "account_name"),
        ("define-position", "title"),
    ];
    for (name, field) in fields {
        for mark in ['\u{200E}', '\u{200F}', '\u{061C}'] {
            let message = refused(name, field, json!(format!("Veterans{mark} in Tech")));

            assert_eq!(
                message,
                "must not contain bidirectional control characters, which can disguise text",
                "{name}.{field} {mark:?}"
            );
        }
        for zero_width in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
            let message = refused(name, field, json!(format!("Veter{zero_width}ans")));

            assert_eq!(
                message, "must not contain zero-width characters, which can disguise text",
                "{name}.{field} {zero_width:?}"
            );
        }
    }
}

// Failure pinned: U+2028 was accepted in a name, where a newline is refused.
#[test]
fn one_line_fields_refuse_unicode_line_and_paragraph_separators() {
    for (name, field) in [("register-erg", "name"), ("define-position", "title")] {
        for separator in ['\u{2028}', '\u{2029}'] {
            let message = refused(name, field, json!(format!("Veterans{separator}in Tech")));

            assert_eq!(
                message, "must be one line: no line or paragraph separators",
                "{name}.{field} {separator:?}"
            );
        }
    }
    // Free text may span lines, whichever way it breaks them.
    let multi_line = parse_with(
        "request-budget",
        "purpose",
        json!("Speaker fees\u{2028}Room hire"),
    );
    assert!(multi_line.is_ok(), "{multi_line:?}");
}

#[test]
fn a_required_level_of_zero_is_refused() {
    let body = common::fields::body_with(
        "define-position",
        "requirements",
        json!([{ "competency": "delivery", "level": 0 }]),
    );
    let err = Command::parse("define-position", body.to_string().as_bytes()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("requirements[0].level"));
    assert_eq!(err.message, format!("must be 1 to {}", limits::MAX_LEVEL));
}

// Edge: a cost comes with its currency, for an internal fill as for an external hire.
#[test]
fn a_cost_without_its_currency_or_the_reverse_is_refused() {
    let mut without_currency = common::fields::body_with("fill-position", "cost_minor", json!(1));
    without_currency
        .as_object_mut()
        .expect("an object")
        .remove("currency");
    let err = Command::parse("fill-position", without_currency.to_string().as_bytes()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("currency"));
    assert_eq!(err.message, "is required with `cost_minor`");

    let mut without_cost = common::fields::body_with("fill-position", "currency", json!("EUR"));
    without_cost
        .as_object_mut()
        .expect("an object")
        .remove("cost_minor");
    let err = Command::parse("fill-position", without_cost.to_string().as_bytes()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("cost_minor"));
    assert_eq!(err.message, "is required with `currency`");
}
