//! `Command::digest`: one value per command, whatever the spelling of its JSON.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use ladder_domain::Command;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn digest(name: &str, raw: &str) -> [u8; 32] {
    Command::parse(name, raw.as_bytes())
        .unwrap_or_else(|err| panic!("{name}: {err}"))
        .digest()
}

/// The body with its keys written in reverse order, one per line.
fn reordered(body: &Value) -> String {
    let fields: Vec<String> = body
        .as_object()
        .expect("an object")
        .iter()
        .rev()
        .map(|(key, value)| format!("  {}  :\t{value}", Value::from(key.as_str())))
        .collect();
    format!("\n{{\n{}\n}}\n", fields.join(" ,\n"))
}

/// A different valid value for the field.
fn altered(field: &str, value: &Value) -> Value {
    match (field, value) {
        (_, Value::Bool(b)) => json!(!b),
        (_, Value::Number(n)) => json!(n.as_u64().expect("amounts are u64") + 1),
        ("term_start" | "term_end" | "effective_date", _) => json!("2026-03-03"),
        ("role", _) => json!("treasurer"),
        ("currency", _) => json!("USD"),
        ("kind", _) => json!("book-club"),
        ("criticality", _) => json!("high"),
        ("readiness_override", _) => json!("ready-now"),
        ("hire_date" | "departure_date", _) => json!("2024-03-01"),
        ("interests", _) => json!(["book-club"]),
        ("requirements", _) => json!([{ "competency": "delivery", "level": 1 }]),
        (f, _) if f == "actor" || f.ends_with("_id") => {
            json!("0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7fff")
        }
        (_, Value::String(text)) => json!(format!("{text}!")),
        (f, other) => panic!("no alteration for {f} = {other}"),
    }
}

#[test]
fn key_order_and_whitespace_do_not_change_the_digest() {
    for (name, body) in common::catalogue() {
        let compact = body.to_string();
        let pretty = serde_json::to_string_pretty(&body).expect("serializes");

        let expected = digest(name, &compact);

        assert_eq!(digest(name, &pretty), expected, "{name} pretty");
        assert_eq!(
            digest(name, &reordered(&body)),
            expected,
            "{name} reordered"
        );
    }
}

#[test]
fn an_absent_optional_field_and_null_give_the_same_digest() {
    for (name, mut body) in common::catalogue() {
        body["correlation_id"] = Value::Null;
        let with_null = digest(name, &body.to_string());
        body.as_object_mut()
            .expect("an object")
            .remove("correlation_id");

        assert_eq!(digest(name, &body.to_string()), with_null, "{name}");
    }
}

#[test]
fn changing_any_field_changes_the_digest() {
    for (name, body) in common::catalogue() {
        let original = digest(name, &body.to_string());
        for (field, value) in body.as_object().expect("an object") {
            let mut changed = body.clone();
            changed[field] = altered(field, value);

            assert_ne!(
                digest(name, &changed.to_string()),
                original,
                "{name}.{field}"
            );
        }
    }
}

#[test]
fn leaving_out_an_optional_field_changes_the_digest() {
    let optional = [
        ("register-erg", "effective_date"),
        ("approve-budget", "correlation_id"),
        ("close-budget", "causation_id"),
        ("start-project", "erg_id"),
    ];
    for (name, field) in optional {
        let (_, body) = common::catalogue()
            .into_iter()
            .find(|(n, _)| *n == name)
            .expect("listed");
        let mut without = body.clone();
        without.as_object_mut().expect("an object").remove(field);

        assert_ne!(
            digest(name, &without.to_string()),
            digest(name, &body.to_string()),
            "{field}"
        );
    }
}

#[test]
fn whitespace_inside_a_value_is_part_of_the_command() {
    // Edge: the recorded name is trimmed, but the request itself differs.
    let (name, mut body) = common::catalogue().swap_remove(0);
    let plain = digest(name, &body.to_string());
    body["name"] = json!(" Veterans in Tech ");

    assert_ne!(digest(name, &body.to_string()), plain);
}

#[test]
fn the_digest_is_sha_256_over_name_shared_fields_and_body_in_declaration_order() {
    // Edge: digests outlive releases (a retry is compared with a stored one), so the
    // canonical form is pinned byte for byte.
    let (name, body) = common::catalogue().swap_remove(0);
    let canonical = concat!(
        r#"["register-erg","#,
        r#"{"command_id":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d01","#,
        r#""actor":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d02","#,
        r#""effective_date":"2026-01-15","#,
        r#""correlation_id":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d03","#,
        r#""causation_id":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d04"},"#,
        r#"{"erg_id":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01","name":"Veterans in Tech","#,
        r#""sensitive":true}]"#,
    );

    let expected: [u8; 32] = Sha256::digest(canonical.as_bytes()).into();
    assert_eq!(digest(name, &body.to_string()), expected);
}

#[test]
fn typed_values_enter_the_digest_in_their_canonical_spelling() {
    let (name, body) = common::catalogue().swap_remove(3);
    assert_eq!(name, "request-budget");
    let canonical = concat!(
        r#"["request-budget","#,
        r#"{"command_id":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d01","#,
        r#""actor":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d02"},"#,
        r#"{"budget_id":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e03","#,
        r#""erg_id":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01","#,
        r#""owner_id":"0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e02","#,
        r#""amount_minor":12500,"currency":"EUR","purpose":"Summit catering"}]"#,
    );
    let mut shouting = body;
    for field in ["effective_date", "correlation_id", "causation_id"] {
        shouting.as_object_mut().expect("an object").remove(field);
    }
    // Edge: upper-case UUIDs are the same ids as lower-case ones.
    let raw = shouting
        .to_string()
        .replace("5b6c7e0", "5B6C7E0")
        .replace("0190f5a4", "0190F5A4");

    let expected: [u8; 32] = Sha256::digest(canonical.as_bytes()).into();
    assert_eq!(digest(name, &raw), expected);
}
