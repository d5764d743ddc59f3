//! Parsing a command's JSON: the catalogue of names, the shared fields, and refusals
//! that name the field at fault.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use jiff::civil::date;
use ladder_domain::command::RegisterErg;
use ladder_domain::{Command, CommandBody, CommandMeta, CommandName, InvalidCommand};
use serde_json::{Value, json};
use uuid::Uuid;

const OPTIONAL_SHARED: [&str; 3] = ["effective_date", "correlation_id", "causation_id"];

/// Whether `field` may be left out of the body of `name`.
fn optional(name: &str, field: &str) -> bool {
    OPTIONAL_SHARED.contains(&field)
        || matches!(
            (name, field),
            ("start-project", "erg_id")
                | ("nominate-successor", "readiness_override" | "reason")
                | ("withdraw-nomination", "reason")
                | ("onboard-employee", "interests")
        )
}

/// Fields required or not depending on each other; `fill_position_*` tests cover them.
fn conditional(name: &str, field: &str) -> bool {
    name == "fill-position" && matches!(field, "employee_id" | "cost_minor" | "currency")
}

fn parse(name: &str, body: &Value) -> Result<Command, InvalidCommand> {
    Command::parse(name, body.to_string().as_bytes())
}

/// The field a refusal names; fails the test if the body was accepted.
fn refused_field(name: &str, body: &Value) -> Option<String> {
    match parse(name, body) {
        Ok(command) => panic!("`{name}` was accepted: {command:?}"),
        Err(err) => err.field,
    }
}

fn with(name: &str, field: &str, value: Value) -> Value {
    let mut body = body_of(name);
    body[field] = value;
    body
}

fn body_of(name: &str) -> Value {
    let catalogue = common::catalogue();
    catalogue
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, body)| body)
        .expect("in catalogue")
}

fn uuid(text: &str) -> Uuid {
    text.parse().expect("a literal UUID")
}

#[test]
fn every_command_in_the_catalogue_parses_under_its_name() {
    let catalogue = common::catalogue();
    let public: Vec<CommandName> = CommandName::ALL
        .into_iter()
        .filter(|c| c.is_public())
        .collect();
    assert_eq!(catalogue.len(), public.len());

    for ((name, body), expected) in catalogue.iter().zip(public) {
        let command = parse(name, body).unwrap_or_else(|err| panic!("{name}: {err}"));

        assert_eq!(command.name, expected);
        assert_eq!(command.name.as_str(), *name);
        assert_eq!(command.name.to_string(), *name);
        assert_eq!(name.parse::<CommandName>(), Ok(expected));
    }
}

#[test]
fn a_register_erg_body_parses_field_for_field() {
    let command = parse("register-erg", &body_of("register-erg")).expect("valid");

    let expected = Command {
        name: CommandName::RegisterErg,
        meta: CommandMeta {
            command_id: uuid("0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d01"),
            actor: uuid("0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d02"),
            effective_date: Some(date(2026, 1, 15)),
            correlation_id: Some(uuid("0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d03")),
            causation_id: Some(uuid("0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d04")),
        },
        body: CommandBody::RegisterErg(RegisterErg {
            erg_id: uuid("0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01"),
            name: "Veterans in Tech".to_owned(),
            sensitive: true,
        }),
    };
    assert_eq!(command, expected);
}

#[test]
fn optional_fields_may_be_absent_or_null() {
    for (name, body) in common::catalogue() {
        let mut absent = body.clone();
        let mut null = body;
        let fields: Vec<String> = absent
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect();
        for field in fields.iter().filter(|f| optional(name, f)) {
            absent.as_object_mut().expect("an object").remove(field);
            null[field] = Value::Null;
        }

        let absent = parse(name, &absent).unwrap_or_else(|err| panic!("{name}: {err}"));
        let null = parse(name, &null).unwrap_or_else(|err| panic!("{name}: {err}"));

        assert_eq!(absent, null, "{name}");
        assert_eq!(absent.meta.effective_date, None, "{name}");
        assert_eq!(absent.meta.correlation_id, None, "{name}");
        assert_eq!(absent.meta.causation_id, None, "{name}");
    }
}

#[test]
fn an_unknown_command_name_is_refused_without_a_field() {
    let err = parse("register-ergs", &body_of("register-erg")).unwrap_err();

    assert_eq!(err.field, None);
    assert!(
        err.message
            .starts_with("unknown command `register-ergs`; known: register-erg, "),
        "{err}"
    );
    assert!(
        !err.message.contains("record-learning"),
        "internal commands are not offered"
    );
}

#[test]
fn command_names_are_exact() {
    for name in [
        "Register-Erg",
        "register_erg",
        "registerErg",
        " register-erg",
        "",
    ] {
        let err = parse(name, &body_of("register-erg")).unwrap_err();

        assert_eq!(err.field, None, "{name:?}");
        assert!(
            err.message.starts_with("unknown command"),
            "{name:?}: {err}"
        );
    }
}

#[test]
fn a_body_that_is_not_a_json_object_is_refused_without_a_field() {
    for raw in [&b"[]"[..], b"null", b"\"register\"", b"42"] {
        let err = Command::parse("register-erg", raw).unwrap_err();

        assert_eq!(
            err,
            InvalidCommand {
                field: None,
                message: "the body must be a JSON object".into()
            }
        );
    }
}

#[test]
fn a_body_that_is_not_json_is_refused_without_a_field() {
    for raw in [&b""[..], b"{", b"{\"erg_id\": }", b"\xff\xfe"] {
        let err = Command::parse("register-erg", raw).unwrap_err();

        assert_eq!(err.field, None);
        assert!(err.message.starts_with("the body is not JSON"), "{err}");
    }
}

#[test]
fn an_extra_field_is_refused_by_name_in_every_command() {
    for (name, mut body) in common::catalogue() {
        body["priority"] = json!("high");

        assert_eq!(
            refused_field(name, &body).as_deref(),
            Some("priority"),
            "{name}"
        );
    }
}

#[test]
fn a_misspelt_field_is_named() {
    let mut body = body_of("register-erg");
    let name = body
        .as_object_mut()
        .expect("an object")
        .remove("name")
        .expect("has a name");
    body["nmae"] = name;

    let err = parse("register-erg", &body).unwrap_err();

    assert_eq!(err.field.as_deref(), Some("nmae"));
    assert!(err.message.contains("unknown field `nmae`"), "{err}");
}

#[test]
fn a_misspelt_optional_shared_field_is_named() {
    // Edge: shared fields are split off first; a near-miss must not vanish with them.
    let mut body = body_of("close-budget");
    let correlation = body
        .as_object_mut()
        .expect("an object")
        .remove("correlation_id");
    body["corelation_id"] = correlation.expect("has a correlation id");

    assert_eq!(
        refused_field("close-budget", &body).as_deref(),
        Some("corelation_id")
    );
}

#[test]
fn every_missing_required_field_is_named() {
    for (name, body) in common::catalogue() {
        let fields: Vec<String> = body
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect();
        for field in fields
            .iter()
            .filter(|f| !optional(name, f) && !conditional(name, f))
        {
            let mut without = body.clone();
            without.as_object_mut().expect("an object").remove(field);

            let err = parse(name, &without).unwrap_err();

            assert_eq!(
                err.field.as_deref(),
                Some(field.as_str()),
                "{name} without {field}"
            );
            assert_eq!(err.message, format!("missing field `{field}`"), "{name}");
        }
    }
}

#[test]
fn a_value_of_the_wrong_type_is_named() {
    let cases = [
        ("register-erg", "sensitive", json!("yes")),
        ("register-erg", "name", json!(42)),
        ("register-erg", "erg_id", json!(7)),
        ("request-budget", "amount_minor", json!("12500")),
        ("request-budget", "amount_minor", json!(-1)),
        ("request-budget", "amount_minor", json!(125.5)),
        ("request-budget", "currency", json!(978)),
        ("approve-budget", "approved_minor", json!(null)),
        ("close-budget", "spent_minor", json!([1])),
        ("assign-erg-role", "term_start", json!(20_260_101)),
        ("assign-erg-role", "role", json!({ "name": "chair" })),
        ("start-project", "erg_id", json!(false)),
        ("start-project", "kind", json!(["mentoring"])),
        ("complete-project", "outcome", json!(null)),
        ("register-erg", "actor", json!(null)),
        ("register-erg", "effective_date", json!(20_260_115)),
    ];

    for (name, field, value) in cases {
        let body = with(name, field, value.clone());

        assert_eq!(
            refused_field(name, &body).as_deref(),
            Some(field),
            "{name}.{field} = {value}"
        );
    }
}

#[test]
fn a_malformed_uuid_is_named_in_every_id_field() {
    for (name, body) in common::catalogue() {
        let fields: Vec<String> = body
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect();
        for field in fields
            .iter()
            .filter(|f| f.ends_with("_id") || *f == "actor")
        {
            for bad in [
                "",
                "not-a-uuid",
                "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d0",
                "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d0g",
            ] {
                let body = with(name, field, json!(bad));

                assert_eq!(
                    refused_field(name, &body).as_deref(),
                    Some(field.as_str()),
                    "{name}.{field} = {bad:?}"
                );
            }
        }
    }
}

#[test]
fn a_refusal_reads_with_its_field() {
    let body = with("register-erg", "name", json!(" "));

    let err = parse("register-erg", &body).unwrap_err();

    assert_eq!(err.to_string(), "field `name`: must not be empty");
}

#[test]

fn a_repeated_field_is_refused() {
    // Edge: `{"name": "a", "name": "b"}` is ambiguous; a strict parser refuses it.
    let raw = body_of("register-erg").to_string();
    let repeated = raw.replacen("\"name\":", "\"name\":\"Shadow name\",\"name\":", 1);

    let err = Command::parse("register-erg", repeated.as_bytes()).unwrap_err();

    assert_eq!(err.field.as_deref(), Some("name"));
}

// Edge: learning records come only through the xAPI endpoint, never as a command.
#[test]
fn internal_learning_commands_are_not_in_the_public_catalogue() {
    for name in ["record-learning", "revoke-learning"] {
        let err = Command::parse(name, b"{}").unwrap_err();
        assert_eq!(err.field, None);
        assert!(err.message.starts_with("unknown command"), "{name}: {err}");
    }
}

// Edge: an internal fill names the employee; an external hire needs its cost.
#[test]
fn fill_position_needs_an_employee_or_a_cost() {
    let body = body_of("fill-position");
    let without = |fields: &[&str]| {
        let mut b = body.clone();
        for f in fields {
            b.as_object_mut().expect("an object").remove(*f);
        }
        parse("fill-position", &b)
    };
    assert!(
        without(&["cost_minor", "currency"]).is_ok(),
        "internal fill without a cost"
    );
    assert!(
        without(&["employee_id"]).is_ok(),
        "external hire with its cost"
    );
    let err = without(&["employee_id", "cost_minor", "currency"]).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("cost_minor"));
    assert_eq!(
        without(&["currency"]).unwrap_err().field.as_deref(),
        Some("currency")
    );
    assert_eq!(
        without(&["cost_minor"]).unwrap_err().field.as_deref(),
        Some("cost_minor")
    );
}

// Edge: a planner's readiness override must say why.
#[test]
fn a_readiness_override_needs_a_reason() {
    let mut body = body_of("nominate-successor");
    body.as_object_mut().expect("an object").remove("reason");
    let err = parse("nominate-successor", &body).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("reason"));
    assert_eq!(err.message, "a readiness override needs a reason");
}
