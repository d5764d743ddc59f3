//! Real LMS statements end to end: the Moodle logstore statements in
//! `/work/shared/fixtures/xapi/` are refused while their accounts are unlinked, accepted once
//! the HRIS links them, recognised as duplicates when sent again (they carry no `id`, so
//! Ladder derives one from their content), and become learning evidence attested by the LMS,
//! verified only when the node trusts it. An e-mail-identified actor is refused and its
//! address is never echoed or stored.
//!
//! Where the fixtures come from (see `/work/shared/fixtures/README.md`, byte for byte):
//! - `moodle-course-completed.json`: xAPI-vle/moodle-logstore_xapi
//!   `tests/core/course_completed/completing_existing_course/statements.json` @ 04cb84a
//! - `moodle-module-completed.json`: same repository,
//!   `tests/core/course_module_completion_update/completing_existing_module/statements.json`
//!   @ eb699fe
//! - `moodle-badge-achieved.json`: same repository,
//!   `tests/core/badge_awarded/user_achieved_badge/statements.json` @ 2e60f8d
//! - `moodle-attendance-taken.json`: same repository,
//!   `tests/mod_facetoface/take_attendance/existing_attendance_taken/statements.json` @ 05ad9d9
//! - `adl-statement-minimal.json`: adlnet/lrs-conformance-test-suite
//!   `test/v2_0/templates/statements/default.json` @ 2ec25f2, actor mbox replaced by
//!   `mailto:learner1@example.org`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use jiff::civil::Date;
use jiff::tz::TimeZone;
use ladder_tests::development::link_lms_account;
use ladder_tests::xapi::{
    MOODLE_HOME_PAGE, RawReply, body, post_statements, request_statements, statement, trusting,
    xapi_fixture,
};
use ladder_tests::{Http, NatsFront, Node, all_messages, event_ids_of, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

/// One Moodle fixture and what it must become.
struct Fixture {
    file: &'static str,
    /// The Moodle account (`actor.account.name`) it reports on.
    account: &'static str,
    kind: &'static str,
    activity_id: &'static str,
    /// The statement's `timestamp` date at its own offset; `None` when it has no timestamp
    /// (the badge and attendance statements), so the record is dated the day it arrives.
    occurred_on: Option<&'static str>,
}

const FIXTURES: [Fixture; 4] = [
    Fixture {
        file: "moodle-course-completed.json",
        account: "1",
        // A completed course (`…/activitytype/lms/course`) is a unit of learning.
        kind: "module-completed",
        activity_id: "http://www.example.org/course/view.php?id=1",
        occurred_on: Some("2015-06-10"),
    },
    Fixture {
        file: "moodle-module-completed.json",
        account: "1",
        kind: "module-completed",
        activity_id: "http://www.example.org/mod/book/view.php?id=1",
        occurred_on: Some("2015-06-10"),
    },
    Fixture {
        file: "moodle-badge-achieved.json",
        account: "1",
        // TLA `achieved` on an EDLM badge is an award.
        kind: "certification-awarded",
        activity_id: "http://www.example.org/badges/overview.php?id=1",
        occurred_on: None,
    },
    Fixture {
        file: "moodle-attendance-taken.json",
        account: "2",
        kind: "event-attended",
        activity_id: "http://www.example.org/mod/facetoface/view.php?id=1",
        occurred_on: None,
    },
];

/// Names the fixtures carry for people; none of them may reach the event log.
const PERSONAL: [&str; 7] = [
    "test_fullname",
    "test_recipient_firstname",
    "test_awarder_firstname",
    "test_attendee_name",
    "test_instructor_name",
    "learner1@example.org",
    "mailto:",
];

fn today_utc() -> Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(TimeZone::UTC)
        .date()
}

fn single_result(reply: &RawReply) -> &Value {
    let results = reply.results();
    assert_eq!(
        results.len(),
        1,
        "one statement, one result: {:?}",
        reply.reply
    );
    &results[0]
}

/// Sends every fixture unlinked (refused), links the two Moodle accounts, sends again
/// (accepted) and once more (duplicate). Returns the two employees and the statement ids.
async fn ingest_fixtures(node: &Node, nats_url: &str) -> (Uuid, Uuid, Vec<Uuid>) {
    let http = node.http();
    let (hris, learner, attendee) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());

    let mut ids = Vec::new();
    for fixture in &FIXTURES {
        let reply = post_statements(http, xapi_fixture(fixture.file)).await;
        // Every statement of the request was refused, so the request as a whole is a 400.
        assert_eq!(
            reply.reply.status, 400,
            "{}: {:?}",
            fixture.file, reply.reply
        );
        let result = single_result(&reply);
        assert_eq!(result["status"], "rejected", "{}: {result}", fixture.file);
        assert_eq!(
            result["code"], "unknown-actor",
            "{}: {result}",
            fixture.file
        );
        assert!(
            result["message"]
                .as_str()
                .is_some_and(|m| m.contains("link-lms-account")),
            "the refusal says how to fix it: {result}"
        );
        ids.push(reply.ids()[0]);
    }
    let distinct: std::collections::BTreeSet<Uuid> = ids.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        4,
        "four statements, four derived ids: {ids:?}"
    );
    assert_eq!(
        http.stream_last_seq().await,
        0,
        "refused statements store nothing"
    );

    for (employee, account) in [(learner, "1"), (attendee, "2")] {
        http.send(&link_lms_account(hris, employee, MOODLE_HOME_PAGE, account))
            .await
            .accepted();
    }

    for (fixture, id) in FIXTURES.iter().zip(&ids) {
        let reply = post_statements(http, xapi_fixture(fixture.file)).await;
        assert_eq!(
            reply.reply.status, 200,
            "{}: {:?}",
            fixture.file, reply.reply
        );
        assert_eq!(reply.statuses(), ["accepted"], "{}", fixture.file);
        assert_eq!(reply.ids(), [*id], "the same content derives the same id");
    }
    for (fixture, id) in FIXTURES.iter().zip(&ids) {
        let reply = post_statements(http, xapi_fixture(fixture.file)).await;
        assert_eq!(
            reply.reply.status, 200,
            "{}: {:?}",
            fixture.file, reply.reply
        );
        assert_eq!(reply.statuses(), ["duplicate"], "{}", fixture.file);
        assert_eq!(reply.ids(), [*id]);
    }

    // All four again as one array, re-serialized (no `\/` escapes, other whitespace) and
    // over NATS: still the same statements.
    let mut all = Vec::new();
    for fixture in &FIXTURES {
        let parsed: Value = serde_json::from_slice(&xapi_fixture(fixture.file)).unwrap();
        all.extend(parsed.as_array().unwrap().iter().cloned());
    }
    let front = NatsFront::connect(nats_url).await;
    let reply = request_statements(&front, body(&Value::Array(all))).await;
    assert_eq!(reply.reply.status, 200, "{:?}", reply.reply);
    assert_eq!(reply.statuses(), ["duplicate"; 4]);
    assert_eq!(reply.ids(), ids);
    (learner, attendee, ids)
}

/// The evidence a fixture must yield, given the event that recorded it.
fn expected_evidence(
    fixture: &Fixture,
    statement_id: Uuid,
    event_id: Uuid,
    verified: bool,
    arrival_day: &str,
) -> Value {
    json!({
        "kind": fixture.kind,
        "source_event_ids": [event_id],
        "attested_by": "lms:http://www.example.org",
        "verified": verified,
        "effective_date": fixture.occurred_on.unwrap_or(arrival_day),
        "activity_id": fixture.activity_id,
        "statement_id": statement_id,
    })
}

async fn assert_evidence(
    http: &Http,
    nats_url: &str,
    ingested: (Uuid, Uuid, Vec<Uuid>),
    day_before: Date,
    trusted: bool,
) {
    let (learner, attendee, ids) = ingested;
    let day_after = today_utc();
    let last = http.stream_last_seq().await;
    // Two links and four records; the duplicates stored nothing.
    assert_eq!(last, 6);
    let front = NatsFront::connect(nats_url).await;

    for (employee, account) in [(learner, "1"), (attendee, "2")] {
        let reply = http
            .query(&format!("/v1/employees/{employee}/evidence"), last)
            .await;
        assert_eq!(reply.status, 200, "{reply:?}");
        // Statements without a timestamp are dated the day they arrive, in the
        // organisation's time zone (UTC here); the test may straddle midnight.
        let arrival = reply.body["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["effective_date"].as_str().unwrap().to_owned())
            .find(|d| d.as_str() != "2015-06-10")
            .unwrap_or_else(|| panic!("a record dated on arrival: {reply:?}"));
        assert!(
            [day_before.to_string(), day_after.to_string()].contains(&arrival),
            "arrival day {arrival} is today (UTC)"
        );
        let mut expected = Vec::new();
        for (fixture, id) in FIXTURES.iter().zip(&ids) {
            if fixture.account != account {
                continue;
            }
            let event_ids = event_ids_of(front.client(), *id).await;
            assert_eq!(event_ids.len(), 1, "{}: one event", fixture.file);
            expected.push(expected_evidence(
                fixture,
                *id,
                event_ids[0],
                trusted,
                &arrival,
            ));
        }
        assert_eq!(
            reply.body,
            json!({"employee_id": employee, "evidence": expected}),
            "evidence of account {account}"
        );
    }
}

async fn assert_nothing_personal_stored(client: &async_nats::Client) {
    let messages = all_messages(client).await;
    assert!(!messages.is_empty());
    for message in &messages {
        let mut bytes = message.payload.to_vec();
        for (name, values) in message.headers.iter() {
            bytes.extend_from_slice(name.to_string().as_bytes());
            for value in values {
                bytes.extend_from_slice(value.as_str().as_bytes());
            }
        }
        for needle in PERSONAL {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "message {} stores `{needle}`",
                message.sequence
            );
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moodle_statements_are_verified_learning_from_a_trusted_lms() {
    let nats = nats_server();
    let node = Node::start_with(&nats.url(), trusting(&[MOODLE_HOME_PAGE])).await;
    let day_before = today_utc();
    let ingested = ingest_fixtures(&node, &nats.url()).await;
    assert_evidence(node.http(), &nats.url(), ingested, day_before, true).await;
    let front = NatsFront::connect(&nats.url()).await;
    assert_nothing_personal_stored(front.client()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moodle_statements_from_an_untrusted_lms_are_only_claimed() {
    let nats = nats_server();
    // The same statements on a node that trusts another LMS, not Moodle's home page.
    let node = Node::start_with(&nats.url(), trusting(&["https://lms.example.com"])).await;
    let day_before = today_utc();
    let ingested = ingest_fixtures(&node, &nats.url()).await;
    assert_evidence(node.http(), &nats.url(), ingested, day_before, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_identified_actor_is_refused_and_the_address_goes_nowhere() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let adl = xapi_fixture("adl-statement-minimal.json");

    for reply in [
        post_statements(http, adl.clone()).await,
        request_statements(&front, adl.clone()).await,
    ] {
        assert_eq!(reply.reply.status, 400, "{:?}", reply.reply);
        let result = single_result(&reply);
        assert_eq!(result["status"], "rejected", "{result}");
        assert_eq!(result["code"], "actor-without-account", "{result}");
        let message = result["message"].as_str().unwrap();
        assert!(
            message.starts_with("actor ") && message.contains("account (homePage and name)"),
            "the message names the missing account: {message}"
        );
        for needle in ["learner1@example.org", "mailto:", "xAPI mbox"] {
            assert!(
                !contains(&reply.raw, needle.as_bytes()),
                "the reply echoes `{needle}`: {}",
                String::from_utf8_lossy(&reply.raw)
            );
        }
    }

    // A valid statement that mentions the same address elsewhere (its instructor) and a
    // display name is accepted, and neither reaches the log.
    let (hris, learner) = (Uuid::now_v7(), Uuid::now_v7());
    http.send(&link_lms_account(
        hris,
        learner,
        "https://lms.example.org",
        "learner-1",
    ))
    .await
    .accepted();
    let mut with_email = statement(
        "https://lms.example.org",
        "learner-1",
        "http://adlnet.gov/expapi/verbs/attended",
        (
            "http://www.example.com/meetings/occurances/34534",
            "http://adlnet.gov/expapi/activities/meeting",
        ),
        "2026-03-02T10:00:00Z",
    );
    with_email["actor"]["name"] = json!("test_fullname");
    with_email["context"] = json!({
        "instructor": {"name": "test_instructor_name", "mbox": "mailto:learner1@example.org"},
    });
    let accepted = post_statements(http, body(&with_email)).await;
    assert_eq!(accepted.reply.status, 200, "{:?}", accepted.reply);
    assert_eq!(accepted.statuses(), ["accepted"]);
    assert_eq!(
        http.stream_last_seq().await,
        2,
        "the link and the one accepted statement; the refused ones stored nothing"
    );
    assert_nothing_personal_stored(front.client()).await;
}
