//! Field values checked on their own: dates, roles, currencies, amounts, text and kinds.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::fields::{parse_with, refused};
use jiff::civil::{Date, date};
use ladder_domain::command::limits;
use ladder_domain::{CommandBody, InvalidCommand};
use proto_events::ErgRole;
use serde_json::{Value, json};

fn term_start(text: &str) -> Result<Date, InvalidCommand> {
    match parse_with("assign-erg-role", "term_start", json!(text))?.body {
        CommandBody::AssignErgRole(c) => Ok(c.term_start),
        other => panic!("not assign-erg-role: {other:?}"),
    }
}

/// The text fields with their documented limits.
const TEXT_FIELDS: [(&str, &str, usize); 5] = [
    ("register-erg", "name", limits::ERG_NAME),
    ("request-budget", "purpose", limits::PURPOSE),
    ("reject-budget", "reason", limits::REASON),
    ("start-project", "title", limits::TITLE),
    ("complete-project", "outcome", limits::OUTCOME),
];

#[test]
fn calendar_days_parse() {
    assert_eq!(term_start("2026-02-28"), Ok(date(2026, 2, 28)));
    assert_eq!(term_start("2024-02-29"), Ok(date(2024, 2, 29)));
    assert_eq!(term_start("2026-12-31"), Ok(date(2026, 12, 31)));
}

#[test]
fn days_that_do_not_exist_are_refused() {
    for text in [
        "2026-02-30",
        "2025-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
    ] {
        let message = refused("assign-erg-role", "term_start", json!(text));

        assert!(
            message.contains("is not a calendar date"),
            "{text}: {message}"
        );
    }
}

#[test]
fn dates_not_written_yyyy_mm_dd_are_refused() {
    let shapes = [
        "2026-1-1",
        "2026-01-1",
        "2026-1-01",
        "26-01-01",
        "20260101",
        "2026/01/01",
        "01-01-2026",
        "2026-01-01T00:00",
        "2026-01-01 ",
        " 2026-01-01",
        "+2026-01-01",
        "2026-W01-1",
        "",
        "２０２６-01-01",
    ];
    for text in shapes {
        let message = refused("assign-erg-role", "term_start", json!(text));

        assert_eq!(
            message,
            format!("`{text}` is not a date of the form YYYY-MM-DD")
        );
    }
}

#[test]
fn every_date_field_is_checked() {
    let cases = [
        ("assign-erg-role", "term_start"),
        ("end-erg-role", "term_end"),
        ("register-erg", "effective_date"),
        ("complete-project", "effective_date"),
    ];
    for (name, field) in cases {
        refused(name, field, json!("2026-02-30"));
        refused(name, field, json!("2026-1-1"));
    }
}

#[test]
fn every_role_name_parses_and_nothing_else_does() {
    for role in ErgRole::ALL {
        let command = parse_with("assign-erg-role", "role", json!(role.as_str())).expect("valid");

        let CommandBody::AssignErgRole(body) = command.body else {
            panic!("not assign-erg-role")
        };
        assert_eq!(body.role, role);
    }
    for text in [
        "Chair",
        "CHAIR",
        "co_chair",
        "cochair",
        "co chair",
        "president",
        "chair ",
        "",
    ] {
        let message = refused("end-erg-role", "role", json!(text));

        let expected = format!(
            "unknown role `{text}`; expected one of chair, co-chair, treasurer, \
             committee-member, event-lead, mentorship-lead"
        );
        assert_eq!(message, expected);
    }
}

#[test]
fn iso_4217_codes_parse() {
    for code in ["EUR", "USD", "SEK", "JPY", "GBP", "CHF"] {
        let command = parse_with("request-budget", "currency", json!(code)).expect(code);

        let CommandBody::RequestBudget(body) = command.body else {
            panic!("not request-budget")
        };
        assert_eq!(body.currency.as_str(), code);
    }
}

#[test]
fn currencies_that_are_not_iso_4217_codes_are_refused() {
    for code in ["EURO", "eur", "Eur", "ABC", "EU", "", "E1R", "€", "EUR "] {
        let message = refused("request-budget", "currency", json!(code));

        assert_eq!(
            message,
            format!("`{code}` is not an ISO 4217 currency code")
        );
    }
}

#[test]
fn currencies_not_in_use_are_refused() {
    for code in ["HRK", "XXX", "XTS"] {
        refused("request-budget", "currency", json!(code));
    }
}

#[test]
fn requested_and_approved_amounts_must_be_positive() {
    let request = refused("request-budget", "amount_minor", json!(0));
    let approval = refused("approve-budget", "approved_minor", json!(0));

    assert_eq!(request, "must be greater than zero");
    assert_eq!(approval, "must be greater than zero");
    assert!(parse_with("request-budget", "amount_minor", json!(1)).is_ok());
    assert!(parse_with("request-budget", "amount_minor", json!(limits::MAX_MINOR)).is_ok());
    assert!(parse_with("approve-budget", "approved_minor", json!(1)).is_ok());
}

#[test]
fn amounts_beyond_u64_are_refused() {
    let too_big: Value = serde_json::from_str("18446744073709551616").expect("a JSON number");

    refused("request-budget", "amount_minor", too_big);
}

#[test]
fn a_spend_of_zero_parses() {
    let command = parse_with("close-budget", "spent_minor", json!(0)).expect("valid");

    let CommandBody::CloseBudget(body) = command.body else {
        panic!("not close-budget")
    };
    assert_eq!(body.spent_minor, 0);
}

#[test]
fn text_up_to_its_limit_parses() {
    for (name, field, limit) in TEXT_FIELDS {
        let ascii = "a".repeat(limit);
        // Edge: limits count characters, not UTF-8 bytes.
        let accented = "é".repeat(limit);

        assert!(
            parse_with(name, field, json!(ascii)).is_ok(),
            "{name}.{field}"
        );
        assert!(
            parse_with(name, field, json!(accented)).is_ok(),
            "{name}.{field} accented"
        );
    }
}

#[test]
fn text_past_its_limit_is_refused() {
    for (name, field, limit) in TEXT_FIELDS {
        let message = refused(name, field, json!("é".repeat(limit + 1)));

        assert_eq!(
            message,
            format!("is {} characters long; the limit is {limit}", limit + 1)
        );
    }
}

#[test]
fn surrounding_whitespace_does_not_count_toward_the_limit() {
    // Edge: 120 characters and a trailing newline record as 120 characters.
    for (name, field, limit) in TEXT_FIELDS {
        let padded = format!("{}\n", "a".repeat(limit));

        assert!(
            parse_with(name, field, json!(padded)).is_ok(),
            "{name}.{field}"
        );
    }
}

#[test]
fn empty_or_blank_text_is_refused() {
    for (name, field, _) in TEXT_FIELDS {
        for blank in ["", " ", "\n\t ", "\u{a0}"] {
            assert_eq!(
                refused(name, field, json!(blank)),
                "must not be empty",
                "{name}.{field}"
            );
        }
    }
}

#[test]
fn control_characters_are_refused_but_newlines_and_tabs_are_not() {
    for (name, field, _) in TEXT_FIELDS {
        for bad in [
            "Veterans\u{0}",
            "Vet\u{7}erans",
            "Veterans\u{1b}[31m",
            "Vet\u{7f}",
            "V\u{85}x",
        ] {
            let message = refused(name, field, json!(bad));

            assert_eq!(
                message, "must not contain control characters",
                "{name}.{field} {bad:?}"
            );
        }
        let bidi = refused(name, field, json!("invoice\u{202E}fdp.exe"));
        assert!(
            bidi.contains("bidirectional control"),
            "{name}.{field}: {bidi}"
        );
    }
}

// Edge: free text may span lines (CRLF included); a name or title is one line.
#[test]
fn line_breaks_are_allowed_in_free_text_only() {
    let multi_line = "line one\r\nline two\tcolumn";
    for (name, field, _) in TEXT_FIELDS {
        let one_line = matches!(field, "name" | "title");
        let result = parse_with(name, field, json!(multi_line));
        if one_line {
            let err = result.unwrap_err();
            assert_eq!(
                err.message, "must not contain control characters",
                "{name}.{field}"
            );
        } else {
            assert!(result.is_ok(), "{name}.{field}: {result:?}");
        }
    }
}

#[test]
fn well_formed_kinds_parse() {
    for kind in [
        "mentoring-circle",
        "hackathon",
        "2026-summit",
        "a",
        &"k".repeat(limits::KIND),
    ] {
        let command = parse_with("start-project", "kind", json!(kind)).expect(kind);

        let CommandBody::StartProject(body) = command.body else {
            panic!("not start-project")
        };
        assert_eq!(body.kind, kind);
    }
}

#[test]
fn kinds_that_are_not_lowercase_hyphenated_words_are_refused() {
    let bad = [
        "",
        "Mentoring",
        "mentoring circle",
        "mentoring_circle",
        "-mentoring",
        "mentoring-",
        "mentoring--circle",
        "mentoría",
        " mentoring",
        "mentoring\n",
    ];
    for kind in bad {
        let message = refused("start-project", "kind", json!(kind));

        assert!(
            message.contains("must be lowercase words joined by hyphens"),
            "{kind:?}"
        );
    }
}

#[test]
fn a_kind_past_its_limit_is_refused() {
    let message = refused("start-project", "kind", json!("k".repeat(limits::KIND + 1)));

    assert_eq!(message, format!("the limit is {} characters", limits::KIND));
}

#[test]
fn the_documented_limits_hold() {
    // Edge: the limits are part of the published contract; changing one is a contract change.
    let limits = [
        limits::ERG_NAME,
        limits::PURPOSE,
        limits::REASON,
        limits::TITLE,
        limits::KIND,
        limits::OUTCOME,
    ];

    assert_eq!(limits, [120, 500, 500, 200, 40, 2000]);
}
