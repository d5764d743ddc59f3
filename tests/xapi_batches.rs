//! Batches of xAPI statements over both fronts: one result per statement in order, the
//! valid ones recorded whatever their neighbours, the invalid ones refused with the
//! requirement they break; voiding withdraws evidence; a statement id is an idempotency
//! key that cannot be reused for other content.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::time::Duration;

use ladder_eventlog::StreamSettings;
use ladder_tests::development::link_lms_account;
use ladder_tests::xapi::{
    ACHIEVED, ATTENDED, CERTIFICATE_TYPE, COMPLETED, MODULE_TYPE, RawReply, body, post_statements,
    request_statements, statement, trusting, void, with_id,
};
use ladder_tests::{Http, NatsFront, Node, NodeOptions, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

const LMS: &str = "https://lms.example.org";
const COURSES: &str = "https://lms.example.org/courses/erg-leadership";

/// A node trusting [`LMS`], with `accounts` linked to fresh employees, returned in order.
async fn node_with_learners(nats_url: &str, accounts: &[(&str, &str)]) -> (Node, Vec<Uuid>) {
    let node = Node::start_with(nats_url, trusting(&[LMS])).await;
    let hris = Uuid::now_v7();
    let mut employees = Vec::new();
    for (home_page, account) in accounts {
        let employee = Uuid::now_v7();
        node.http()
            .send(&link_lms_account(hris, employee, home_page, account))
            .await
            .accepted();
        employees.push(employee);
    }
    (node, employees)
}

fn module(account: &str, name: &str, timestamp: &str) -> Value {
    statement(
        LMS,
        account,
        COMPLETED,
        (&format!("{COURSES}/{name}"), MODULE_TYPE),
        timestamp,
    )
}

fn certification(account: &str) -> Value {
    statement(
        LMS,
        account,
        ACHIEVED,
        (
            "https://lms.example.org/certifications/erg-leadership",
            CERTIFICATE_TYPE,
        ),
        "2026-04-01T16:00:00+02:00",
    )
}

fn meeting(account: &str, n: u32) -> Value {
    statement(
        LMS,
        account,
        ATTENDED,
        (
            &format!("https://lms.example.org/events/{n}"),
            "http://adlnet.gov/expapi/activities/meeting",
        ),
        "2026-05-01T09:00:00Z",
    )
}

/// Every piece of evidence of `employee` once the node applied everything stored so far.
async fn evidence(http: &Http, employee: Uuid) -> Vec<Value> {
    let last = http.stream_last_seq().await;
    let reply = http
        .query(&format!("/v1/employees/{employee}/evidence"), last)
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.body["evidence"].as_array().unwrap().clone()
}

/// `(kind, activity_id, statement_id)` of each piece of learning evidence, in order.
fn learning(evidence: &[Value]) -> Vec<(String, String, Uuid)> {
    evidence
        .iter()
        .map(|e| {
            assert_eq!(e["verified"], true, "a trusted LMS verifies: {e}");
            assert_eq!(e["attested_by"], format!("lms:{LMS}"), "{e}");
            (
                e["kind"].as_str().unwrap().to_owned(),
                e["activity_id"].as_str().unwrap().to_owned(),
                serde_json::from_value(e["statement_id"].clone()).unwrap(),
            )
        })
        .collect()
}

/// Seven statements: valid, invalid and ignored ones interleaved. Returns the body and the
/// ids given explicitly (first, second and last statement).
fn mixed_batch(account: &str, round: u32) -> (Value, [Uuid; 3]) {
    let ids = [Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7()];
    let mut bad_verb = with_id(module(account, "bad-verb", "2026-03-02T10:00:00Z"), ids[1]);
    bad_verb["verb"]["id"] = json!("completed");
    let mut no_actor = module(account, "no-actor", "2026-03-02T10:00:00Z");
    no_actor.as_object_mut().unwrap().remove("actor");
    let bad_timestamp = module(account, "bad-timestamp", "yesterday afternoon");
    let mut unmapped = module(account, "experienced", "2026-03-02T10:00:00Z");
    unmapped["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/experienced");
    let batch = json!([
        with_id(
            module(
                account,
                &format!("public-speaking-{round}"),
                "2026-03-02T10:00:00Z"
            ),
            ids[0]
        ),
        bad_verb,
        // No id: Ladder derives one.
        certification(account),
        no_actor,
        bad_timestamp,
        unmapped,
        with_id(meeting(account, round), ids[2]),
    ]);
    (batch, ids)
}

/// Checks the reply to [`mixed_batch`]: 207, seven results in order.
fn assert_mixed_reply(reply: &RawReply, ids: [Uuid; 3], derived_status: &str) {
    assert_eq!(reply.reply.status, 207, "{:?}", reply.reply);
    assert_eq!(
        reply.statuses(),
        [
            "accepted",
            "rejected",
            derived_status,
            "rejected",
            "rejected",
            "ignored",
            "accepted"
        ],
        "{:?}",
        reply.reply
    );
    let results = reply.results();
    assert_eq!(results[0]["id"], json!(ids[0]));
    assert_eq!(results[6]["id"], json!(ids[2]));
    // A refused statement with a valid id is named by it.
    assert_eq!(results[1]["id"], json!(ids[1]));
    assert!(results[2]["id"].is_string(), "derived id: {}", results[2]);

    let expect_refusal = |index: usize, code: &str, message_start: &str| {
        let result = &results[index];
        assert_eq!(result["code"], code, "{result}");
        let message = result["message"].as_str().unwrap();
        assert!(
            message.starts_with(message_start),
            "statement {index}: `{message}` should start with `{message_start}`"
        );
    };
    expect_refusal(1, "not-an-iri", "verb.id must be an absolute IRI");
    expect_refusal(3, "missing", "actor is required");
    expect_refusal(
        4,
        "not-a-timestamp",
        "timestamp must be an ISO 8601 timestamp",
    );
    assert_eq!(results[5]["code"], "unmapped-verb", "{}", results[5]);
    assert!(
        results[5]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mixed_batch_keeps_order_and_records_the_valid_statements_over_both_fronts() {
    let nats = nats_server();
    let (node, employees) = node_with_learners(&nats.url(), &[(LMS, "ana")]).await;
    let ana = employees[0];
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;

    let (batch, ids) = mixed_batch("ana", 1);
    let reply = post_statements(http, body(&batch)).await;
    assert_mixed_reply(&reply, ids, "accepted");
    let certification_id: Uuid = serde_json::from_value(reply.results()[2]["id"].clone()).unwrap();
    assert_eq!(
        learning(&evidence(http, ana).await),
        [
            (
                "module-completed".to_owned(),
                format!("{COURSES}/public-speaking-1"),
                ids[0]
            ),
            (
                "certification-awarded".to_owned(),
                "https://lms.example.org/certifications/erg-leadership".to_owned(),
                certification_id
            ),
            (
                "event-attended".to_owned(),
                "https://lms.example.org/events/1".to_owned(),
                ids[2]
            ),
        ]
    );

    // The same mix over NATS: the certification is the same content, so a duplicate now.
    let (batch, nats_ids) = mixed_batch("ana", 2);
    let reply = request_statements(&front, body(&batch)).await;
    assert_mixed_reply(&reply, nats_ids, "duplicate");
    assert_eq!(reply.results()[2]["id"], json!(certification_id));
    let recorded = learning(&evidence(http, ana).await);
    let statement_ids: Vec<Uuid> = recorded.iter().map(|r| r.2).collect();
    assert_eq!(
        statement_ids,
        [ids[0], certification_id, ids[2], nats_ids[0], nats_ids[2]]
    );

    // Only accepted, duplicate and ignored results: 200.
    let mut unmapped = meeting("ana", 9);
    unmapped["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/experienced");
    let calm = json!([
        with_id(meeting("ana", 2), nats_ids[2]),
        unmapped,
        meeting("ana", 3)
    ]);
    let over_http = post_statements(http, body(&calm)).await;
    assert_eq!(over_http.reply.status, 200, "{:?}", over_http.reply);
    assert_eq!(over_http.statuses(), ["duplicate", "ignored", "accepted"]);
    let over_nats = request_statements(&front, body(&calm)).await;
    assert_eq!(over_nats.reply.status, 200, "{:?}", over_nats.reply);
    assert_eq!(over_nats.statuses(), ["duplicate", "ignored", "duplicate"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_is_not_statements_is_refused_whole() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let front = NatsFront::connect(&nats.url()).await;

    for (input, message) in [
        (&b"{\"actor\": "[..], "the body is not JSON"),
        (&b"not json at all"[..], "the body is not JSON"),
        (
            &b"\"a statement\""[..],
            "the body must be a statement object or an array of statements",
        ),
    ] {
        for reply in [
            post_statements(node.http(), input).await,
            request_statements(&front, input).await,
        ] {
            assert_eq!(reply.reply.status, 400, "{:?}", reply.reply);
            assert_eq!(reply.reply.body["status"], "invalid", "{:?}", reply.reply);
            let text = reply.reply.body["message"].as_str().unwrap();
            assert!(text.starts_with(message), "`{text}`");
            assert!(reply.reply.body.get("results").is_none());
        }
    }
    assert_eq!(node.http().stream_last_seq().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_withdraws_the_evidence_of_the_statement_it_names() {
    let nats = nats_server();
    let other_lms = "https://other-lms.example.net";
    let (node, employees) =
        node_with_learners(&nats.url(), &[(LMS, "ana"), (other_lms, "ben")]).await;
    let ana = employees[0];
    let http = node.http();

    let (budgeting, speaking) = (Uuid::now_v7(), Uuid::now_v7());
    let recorded = post_statements(
        http,
        body(&json!([
            with_id(
                module("ana", "budget-management", "2026-03-02T10:00:00Z"),
                budgeting
            ),
            with_id(
                module("ana", "public-speaking", "2026-03-09T10:00:00Z"),
                speaking
            ),
        ])),
    )
    .await;
    assert_eq!(recorded.statuses(), ["accepted", "accepted"]);
    let before: Vec<Uuid> = learning(&evidence(http, ana).await)
        .iter()
        .map(|r| r.2)
        .collect();
    assert_eq!(before, [budgeting, speaking]);

    let voiding = Uuid::now_v7();
    let reply = post_statements(http, body(&void(voiding, LMS, "ana", budgeting))).await;
    assert_eq!(reply.reply.status, 200, "{:?}", reply.reply);
    assert_eq!(reply.statuses(), ["accepted"]);
    assert_eq!(reply.ids(), [voiding]);
    let after: Vec<Uuid> = learning(&evidence(http, ana).await)
        .iter()
        .map(|r| r.2)
        .collect();
    assert_eq!(
        after,
        [speaking],
        "the voided record is gone, the other stays"
    );

    // The void of a statement nobody recorded is refused, and so is a void from an LMS
    // that did not report the statement.
    let unknown = Uuid::now_v7();
    let reply = post_statements(http, body(&void(Uuid::now_v7(), LMS, "ana", unknown))).await;
    assert_eq!(reply.reply.status, 400, "{:?}", reply.reply);
    assert_eq!(reply.results()[0]["code"], "unknown-target");
    assert!(
        reply.results()[0]["message"]
            .as_str()
            .unwrap()
            .contains(&unknown.to_string()),
        "{:?}",
        reply.reply
    );
    let reply = post_statements(
        http,
        body(&void(Uuid::now_v7(), other_lms, "ben", speaking)),
    )
    .await;
    assert_eq!(reply.reply.status, 400, "{:?}", reply.reply);
    assert_eq!(reply.results()[0]["code"], "foreign-void");
    // Voiding the voided statement again under a new id withdraws nothing more.
    let reply = post_statements(http, body(&void(Uuid::now_v7(), LMS, "ana", budgeting))).await;
    assert_eq!(reply.statuses(), ["rejected"], "{:?}", reply.reply);
    let unchanged: Vec<Uuid> = learning(&evidence(http, ana).await)
        .iter()
        .map(|r| r.2)
        .collect();
    assert_eq!(unchanged, [speaking]);

    // A statement and its void in one request: the void waits for the record.
    let fleeting = Uuid::now_v7();
    let reply = post_statements(
        http,
        body(&json!([
            with_id(
                module("ana", "stakeholder-influence", "2026-04-02T10:00:00Z"),
                fleeting
            ),
            void(Uuid::now_v7(), LMS, "ana", fleeting),
        ])),
    )
    .await;
    assert_eq!(
        reply.statuses(),
        ["accepted", "accepted"],
        "{:?}",
        reply.reply
    );
    let last: Vec<Uuid> = learning(&evidence(http, ana).await)
        .iter()
        .map(|r| r.2)
        .collect();
    assert_eq!(last, [speaking]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_sent_again_is_a_duplicate() {
    // An LMS that lost the reply to a void sends it again; the statement id is the
    // idempotency key, so the answer must be `duplicate`, as for any other statement.
    let nats = nats_server();
    let (node, employees) = node_with_learners(&nats.url(), &[(LMS, "ana")]).await;
    let http = node.http();
    let target = Uuid::now_v7();
    let recorded = post_statements(
        http,
        body(&with_id(
            module("ana", "delivery", "2026-03-02T10:00:00Z"),
            target,
        )),
    )
    .await;
    assert_eq!(recorded.statuses(), ["accepted"]);
    assert_eq!(evidence(http, employees[0]).await.len(), 1);
    let voiding = void(Uuid::now_v7(), LMS, "ana", target);
    let first = post_statements(http, body(&voiding)).await;
    assert_eq!(first.statuses(), ["accepted"], "{:?}", first.reply);
    // Once the void is in the read models, as it will be by the time an LMS retries.
    assert!(evidence(http, employees[0]).await.is_empty());
    let last = http.stream_last_seq().await;
    let again = post_statements(http, body(&voiding)).await;
    assert_eq!(again.reply.status, 200, "{:?}", again.reply);
    assert_eq!(again.statuses(), ["duplicate"], "{:?}", again.reply);
    assert_eq!(
        http.stream_last_seq().await,
        last,
        "a duplicate stores nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statement_id_reused_for_other_content_is_refused() {
    let nats = nats_server();
    let (node, employees) = node_with_learners(&nats.url(), &[(LMS, "ana"), (LMS, "ben")]).await;
    let (ana, ben) = (employees[0], employees[1]);
    let http = node.http();
    let id = Uuid::now_v7();
    let original = with_id(
        module("ana", "strategic-planning", "2026-03-02T10:00:00Z"),
        id,
    );
    assert_eq!(
        post_statements(http, body(&original)).await.statuses(),
        ["accepted"]
    );
    let last = http.stream_last_seq().await;

    // The same learner, another module, the same id.
    let other_module = with_id(module("ana", "delivery", "2026-03-02T10:00:00Z"), id);
    // Another learner, the same module and id.
    let other_learner = with_id(
        module("ben", "strategic-planning", "2026-03-02T10:00:00Z"),
        id,
    );
    for reused in [other_module, other_learner] {
        let reply = post_statements(http, body(&reused)).await;
        assert_eq!(reply.reply.status, 400, "{:?}", reply.reply);
        let result = &reply.results()[0];
        assert_eq!(result["status"], "rejected", "{result}");
        assert_eq!(result["code"], "statement-id-reused", "{result}");
        assert_eq!(result["id"], json!(id));
        assert!(
            result["message"]
                .as_str()
                .unwrap()
                .contains("already used for a different statement"),
            "{result}"
        );
    }
    assert_eq!(http.stream_last_seq().await, last, "nothing was stored");
    let recorded: Vec<Uuid> = learning(&evidence(http, ana).await)
        .iter()
        .map(|r| r.2)
        .collect();
    assert_eq!(recorded, [id]);
    assert!(evidence(http, ben).await.is_empty());
    // The original content is still a duplicate, not a reuse.
    assert_eq!(
        post_statements(http, body(&original)).await.statuses(),
        ["duplicate"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statement_id_reused_with_a_corrected_timestamp_is_refused() {
    // Pins a past failure: the same id with another timestamp was answered `duplicate`
    // and the corrected date was silently dropped; the refusal spoke of command ids.
    let nats = nats_server();
    let (node, employees) = node_with_learners(&nats.url(), &[(LMS, "ana")]).await;
    let http = node.http();
    let id = Uuid::now_v7();
    let original = with_id(module("ana", "delivery", "2026-03-01T10:00:00Z"), id);
    assert_eq!(
        post_statements(http, body(&original)).await.statuses(),
        ["accepted"]
    );
    let last = http.stream_last_seq().await;

    let corrected = with_id(module("ana", "delivery", "2026-03-02T10:00:00Z"), id);
    let reply = post_statements(http, body(&corrected)).await;
    assert_eq!(reply.reply.status, 400, "{:?}", reply.reply);
    let result = &reply.results()[0];
    assert_eq!(result["status"], "rejected", "{result}");
    assert_eq!(result["code"], "statement-id-reused", "{result}");
    let message = result["message"].as_str().unwrap();
    assert!(message.contains(&format!("statement id {id}")), "{result}");
    assert!(!message.contains("command"), "internal wording: {result}");
    assert_eq!(http.stream_last_seq().await, last, "nothing was stored");

    // The original, as an LRS exports it: other key order and spacing, `stored`,
    // `authority` and `version` added, the verb's display text in another language.
    let mut exported = original.clone();
    exported["stored"] = json!("2026-03-01T10:00:05.123Z");
    exported["authority"] = json!({
        "objectType": "Agent",
        "account": {"homePage": "https://lrs.example.org", "name": "lms-client"}
    });
    exported["version"] = json!("1.0.3");
    exported["verb"]["display"] = json!({"de-DE": "abgeschlossen"});
    let members: Vec<String> = exported
        .as_object()
        .unwrap()
        .iter()
        .rev()
        .map(|(key, value)| format!("\n\t{} : {value}", Value::from(key.as_str())))
        .collect();
    let respelt = format!("{{{}\n}}", members.join(","));
    let reply = post_statements(http, respelt.into_bytes()).await;
    assert_eq!(reply.statuses(), ["duplicate"], "{:?}", reply.reply);
    assert_eq!(
        http.stream_last_seq().await,
        last,
        "a duplicate stores nothing"
    );
    let dates: Vec<Value> = evidence(http, employees[0])
        .await
        .iter()
        .map(|e| e["effective_date"].clone())
        .collect();
    assert_eq!(dates, [json!("2026-03-01")]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_sent_right_after_its_statement_finds_it() {
    // Pins a past failure: a void arriving in the request after its statement's was
    // refused as `unknown-target` when the projector had not applied the statement yet.
    let nats = nats_server();
    let (node, employees) = node_with_learners(&nats.url(), &[(LMS, "ana")]).await;
    let http = node.http();
    for round in 0..5 {
        let target = Uuid::now_v7();
        let recorded = post_statements(
            http,
            body(&with_id(
                module("ana", &format!("m{round}"), "2026-03-02T10:00:00Z"),
                target,
            )),
        )
        .await;
        assert_eq!(recorded.statuses(), ["accepted"]);
        let reply = post_statements(http, body(&void(Uuid::now_v7(), LMS, "ana", target))).await;
        assert_eq!(
            reply.statuses(),
            ["accepted"],
            "round {round}: {:?}",
            reply.reply
        );
    }
    assert!(evidence(http, employees[0]).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statement_id_reused_for_another_learner_after_the_duplicate_window_is_refused() {
    // Statement ids are global in xAPI, but the learning record is per learner: once
    // JetStream's duplicate window has passed, nothing but Ladder itself can tell that
    // another learner's statement reuses an id.
    let window = Duration::from_secs(1);
    let nats = nats_server();
    let options = NodeOptions {
        stream: StreamSettings {
            duplicate_window: window,
            ..StreamSettings::default()
        },
        ..trusting(&[LMS])
    };
    let node = Node::start_with(&nats.url(), options).await;
    let http = node.http();
    let (hris, ana, ben) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    for (employee, account) in [(ana, "ana"), (ben, "ben")] {
        http.send(&link_lms_account(hris, employee, LMS, account))
            .await
            .accepted();
    }
    let id = Uuid::now_v7();
    let original = with_id(module("ana", "delivery", "2026-03-02T10:00:00Z"), id);
    assert_eq!(
        post_statements(http, body(&original)).await.statuses(),
        ["accepted"]
    );
    let last = http.stream_last_seq().await;

    // The scenario itself: JetStream forgets the id.
    tokio::time::sleep(window * 3).await;

    let reused = with_id(module("ben", "delivery", "2026-03-02T10:00:00Z"), id);
    let reply = post_statements(http, body(&reused)).await;
    assert_eq!(reply.statuses(), ["rejected"], "{:?}", reply.reply);
    assert_eq!(reply.results()[0]["code"], "statement-id-reused");
    assert_eq!(http.stream_last_seq().await, last, "nothing was stored");
    assert!(evidence(http, ben).await.is_empty());
}
