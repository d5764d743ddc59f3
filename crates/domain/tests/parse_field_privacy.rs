//! Free text keeps e-mail addresses out of the event log, which is permanent and names people
//! only by pseudonymous ids.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test helper is the test failing"
)]

mod common;

use common::fields::{parse_with, refused};
use serde_json::json;

/// Every field of free text people write, which the event log keeps as written.
const FREE_TEXT: [(&str, &str); 11] = [
    ("register-erg", "name"),
    ("request-budget", "purpose"),
    ("reject-budget", "reason"),
    ("start-project", "title"),
    ("complete-project", "outcome"),
    ("record-mentorship-milestone", "summary"),
    ("define-position", "title"),
    ("nominate-successor", "reason"),
    ("withdraw-nomination", "reason"),
    ("onboard-employee", "org_unit"),
    ("onboard-employee", "job_level"),
];

/// Text holding an address, and the character its at sign is.
const ADDRESSES: [(&str, usize); 9] = [
    ("bob@example.com", 4),
    ("Ask dana.lee+erg@mail.example.co.uk for seats", 17),
    ("Sent to <alex_o'neil@example.org>.", 21),
    ("Contact: José@exämple.de", 14),
    ("ends the sentence: sam@example.com.", 23),
    ("BOB@EXAMPLE.COM", 4),
    ("x@xn--bcher-kva.example", 2),
    ("full-width bob\u{FF20}example.com", 15),
    ("first a @ then kim@example.io", 19),
];

/// Addresses disguised by characters that mail software folds away as IDNA does, or in
/// forms RFC 5321 allows, and the character of the text as given that their at sign is.
const DISGUISED: [(&str, usize); 14] = [
    ("dana@example\u{3002}com", 5),
    ("dana@example\u{FF0E}com", 5),
    ("dana@example\u{FF61}com", 5),
    ("ｄａｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ", 5),
    ("dana\u{AD}@example.com", 6),
    ("dana@exam\u{AD}ple.com", 5),
    ("da\u{2064}na@example.com", 6),
    ("jose\u{301}@example.com", 6),
    ("x\u{301}@example.com", 3),
    ("\"dana smith\"@example.com", 13),
    ("Write to \"dana \\\"ds\\\" smith\"@example.com", 29),
    ("dana@[192.0.2.1]", 5),
    ("dana@[IPv6:2001:db8::1]", 5),
    ("dana@2x.com", 5),
];

/// Text with an at sign that names no mailbox, which every free-text field accepts.
const NOT_ADDRESSES: [&str; 20] = [
    "Q&A @ HQ",
    "Meet @HQ",
    "@dana",
    "Thanks @dana for hosting",
    "team@HQ",
    "v2@3.1",
    "Release v2@3.1",
    "Price: 3 tickets @ 12.50",
    "@@example.com",
    "bob@example",
    "bob@example.c",
    "bob@-example.com",
    "bob@example..com",
    "bob@.com",
    "...@example.com",
    "user@localhost",
    "dana@[192.0.2]",
    "dana@[example.com]",
    "icon@2x.png",
    "logo@1.5x.webp",
];

// Failure pinned: `onboard-employee` with `"org_unit": "bob@example.com"` was accepted and
// its address kept in the immutable log.
#[test]
fn an_address_in_an_org_unit_is_refused() {
    let message = refused("onboard-employee", "org_unit", json!("bob@example.com"));

    assert_eq!(
        message,
        "must not contain an e-mail address (found at character 4): the event log is \
         permanent and names people only by their ids"
    );
}

#[test]
fn every_free_text_field_refuses_an_address() {
    for (name, field) in FREE_TEXT {
        let message = refused(name, field, json!("dana@example.com"));

        assert!(
            message.contains("e-mail address"),
            "{name}.{field}: {message}"
        );
    }
}

#[test]
fn addresses_are_found_wherever_they_stand() {
    for (text, at) in ADDRESSES {
        let message = refused("request-budget", "purpose", json!(text));

        assert!(
            message.contains(&format!("(found at character {at})")),
            "{text}: {message}"
        );
    }
}

// Failure pinned: `register-erg` took `dana@example\u{3002}com`, full-width letters, a soft
// hyphen or a decomposed accent in the address, a quoted local part and an IP-literal
// domain as its name, each reaching a mailbox as surely as `dana@example.com`.
#[test]
fn a_disguised_address_is_refused_at_its_at_sign() {
    for (text, at) in DISGUISED {
        for (name, field) in [("register-erg", "name"), ("request-budget", "purpose")] {
            let message = refused(name, field, json!(text));

            assert!(
                message.contains(&format!("e-mail address (found at character {at})")),
                "{name}.{field} = {text:?}: {message}"
            );
        }
    }
}

#[test]
fn an_at_sign_that_is_not_an_address_passes() {
    for text in NOT_ADDRESSES {
        for (name, field) in [("register-erg", "name"), ("request-budget", "purpose")] {
            let parsed = parse_with(name, field, json!(text));

            assert!(parsed.is_ok(), "{name}.{field} = {text:?}: {parsed:?}");
        }
    }
}

#[test]
fn an_lms_account_name_may_be_an_address() {
    // It enters the log only as a hash of home page and name, and many LMSs log people in
    // by their address.
    let parsed = parse_with("link-lms-account", "account_name", json!("bob@example.com"));

    assert!(parsed.is_ok(), "{parsed:?}");
}
