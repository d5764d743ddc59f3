//! Tokens and roles on a node with a token file: a missing, malformed or unknown
//! token is 401, a role asking what it may not do is 403, and each role's own
//! calls pass, over HTTP and over NATS alike.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::{Callers, Cmd, Http, NatsFront, Node, Reply, cmd, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

fn define_position(planner: Uuid) -> Cmd {
    Cmd::new(
        "define-position",
        planner,
        json!({
            "position_id": Uuid::now_v7(),
            "title": "Head of Community Programmes",
            "criticality": "critical",
            "requirements": [{"competency": "community-leadership", "level": 1}],
        }),
    )
}

fn assert_refused(reply: &Reply, status: u16, code: &str, context: &str) {
    assert_eq!(reply.status, status, "{context}: {reply:?}");
    assert_eq!(reply.body["code"], code, "{context}: {reply:?}");
    let expected_status = if status == 401 {
        "unauthorized"
    } else {
        "forbidden"
    };
    assert_eq!(
        reply.body["status"], expected_status,
        "{context}: {reply:?}"
    );
    assert!(
        reply.body["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{context}: a refusal explains itself: {reply:?}"
    );
}

/// The message of a 403 names the caller's role and the roles that may.
fn assert_forbidden(reply: &Reply, role: &str, needs: &str, context: &str) {
    assert_refused(reply, 403, "forbidden", context);
    let message = reply.body["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("the {role} role")) && message.contains(needs),
        "{context}: {message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_callers_need_a_known_token() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let anonymous = node.http();
    let hr = Uuid::now_v7();
    let register = cmd::register_erg(hr, Uuid::now_v7(), "Veterans in Tech");

    let reply = anonymous.send(&register).await;
    assert_refused(&reply, 401, "missing-token", "no token");
    let reply = anonymous.with_token("guessed").send(&register).await;
    assert_refused(&reply, 401, "unknown-token", "unknown token");
    let reply = anonymous.get(&format!("/v1/ergs/{}", Uuid::now_v7())).await;
    assert_refused(&reply, 401, "missing-token", "query without a token");

    // The challenge header and the malformed case need the raw response.
    let client = reqwest::Client::new();
    let url = format!(
        "{}/v1/employees/{}/evidence",
        anonymous.base(),
        Uuid::now_v7()
    );
    let response = client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 401);
    let challenge = response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(challenge.starts_with("Bearer"), "{challenge}");
    let response = client
        .get(&url)
        .header("authorization", format!("Basic {}", callers.admin))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "malformed-authorization", "{body}");

    // Health, readiness and the API description stay open.
    for path in ["/healthz", "/readyz", "/v1/openapi.json"] {
        assert_eq!(
            anonymous.get(path).await.status,
            200,
            "{path} needs no token"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_does_its_own_work_over_http_and_nothing_else() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let publisher = node.http().with_token(&callers.publisher);
    let planner = node.http().with_token(&callers.planner);
    let auditor = node.http().with_token(&callers.auditor);
    let admin = node.http().with_token(&callers.admin);
    let (hr, lead, chair) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();

    // Publishers: their commands, consent on the employee's behalf, and statements.
    let registered = publisher
        .send(&cmd::register_erg(hr, erg, "Veterans in Tech"))
        .await
        .accepted();
    publisher
        .send(&cmd::assign_role(hr, erg, chair, "chair", "2026-01-10"))
        .await
        .accepted();
    let consent = Cmd::new(
        "grant-visibility-consent",
        chair,
        json!({"employee_id": chair}),
    );
    publisher.send(&consent).await.accepted();
    let statements = publisher.post("/v1/xapi/statements", "[]").await;
    assert_eq!(statements.status, 200, "{statements:?}");
    // ... but no position commands, queries, audit log or administration.
    assert_forbidden(
        &publisher.send(&define_position(lead)).await,
        "publisher",
        "planner or admin",
        "publisher defines a position",
    );
    let erg_path = format!("/v1/ergs/{erg}?min_seq={}", registered.stream_seq);
    assert_forbidden(
        &publisher.get(&erg_path).await,
        "publisher",
        "planner",
        "publisher reads",
    );
    assert_forbidden(
        &publisher.get("/v1/audit/events").await,
        "publisher",
        "auditor or admin",
        "publisher audits",
    );
    assert_forbidden(
        &publisher.rebuild().await,
        "publisher",
        "admin",
        "publisher rebuilds",
    );

    // Planners: position commands and queries.
    planner.send(&define_position(lead)).await.accepted();
    let erg_view = planner.get(&erg_path).await;
    assert_eq!(erg_view.status, 200, "{erg_view:?}");
    assert_eq!(erg_view.body["erg_id"], json!(erg));
    let evidence = planner
        .get(&format!("/v1/employees/{chair}/evidence"))
        .await;
    assert_eq!(evidence.status, 200, "{evidence:?}");
    assert_forbidden(
        &planner
            .send(&cmd::register_erg(hr, Uuid::now_v7(), "Parents"))
            .await,
        "planner",
        "publisher or admin",
        "planner registers an ERG",
    );
    assert_forbidden(
        &planner.post("/v1/xapi/statements", "[]").await,
        "planner",
        "publisher or admin",
        "planner sends statements",
    );
    assert_forbidden(
        &planner.get("/v1/audit/events").await,
        "planner",
        "auditor",
        "planner audits",
    );
    assert_forbidden(
        &planner.rebuild().await,
        "planner",
        "admin",
        "planner rebuilds",
    );
    // An unknown command name is the handler's 404 for any role that sends commands.
    let unknown = planner.post("/v1/commands/promote-everyone", "{}").await;
    assert_eq!(unknown.status, 404, "{unknown:?}");
    assert_eq!(unknown.body["code"], "unknown-command", "{unknown:?}");

    // Auditors: queries and the audit log, no commands.
    assert_eq!(auditor.get(&erg_path).await.status, 200);
    let log = auditor.get("/v1/audit/events").await;
    assert_eq!(log.status, 200, "{log:?}");
    assert!(!log.body.as_array().unwrap().is_empty(), "{log:?}");
    assert_forbidden(
        &auditor
            .send(&cmd::register_erg(hr, Uuid::now_v7(), "Parents"))
            .await,
        "auditor",
        "publisher or admin",
        "auditor registers an ERG",
    );
    assert_forbidden(
        &auditor.send(&define_position(lead)).await,
        "auditor",
        "planner or admin",
        "auditor defines a position",
    );
    assert_forbidden(
        &auditor.post("/v1/xapi/statements", "[]").await,
        "auditor",
        "publisher",
        "auditor sends statements",
    );
    assert_forbidden(
        &auditor.rebuild().await,
        "auditor",
        "admin",
        "auditor rebuilds",
    );

    // Admins: everything.
    admin
        .send(&cmd::register_erg(hr, Uuid::now_v7(), "Parents"))
        .await
        .accepted();
    admin.send(&define_position(lead)).await.accepted();
    assert_eq!(admin.get(&erg_path).await.status, 200);
    assert_eq!(admin.get("/v1/audit/events").await.status, 200);
    assert_eq!(admin.post("/v1/xapi/statements", "[]").await.status, 200);
    let rebuilt = admin.rebuild().await;
    assert_eq!(rebuilt.status, 200, "{rebuilt:?}");
    assert_eq!(rebuilt.body["matches_previous"], true, "{rebuilt:?}");
}

/// A command name spelled with percent escapes reaches the handler decoded; the
/// gate must judge the same decoded name, or a publisher could send a position
/// command as an "unknown" one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gate_judges_the_decoded_command_name() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let publisher = node.http().with_token(&callers.publisher);
    let command = define_position(Uuid::now_v7());
    let reply = publisher
        .post("/v1/commands/define%2Dposition", command.bytes())
        .await;
    assert_forbidden(&reply, "publisher", "planner", "escaped position command");
}

async fn nats_statements(front: &NatsFront) -> Reply {
    front
        .request(ladder_service::XAPI_SUBJECT, b"[]".to_vec())
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nats_callers_are_mapped_through_the_authorization_header() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let front = NatsFront::connect(node.nats_url()).await;
    let (hr, chair, erg) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let register = cmd::register_erg(hr, erg, "Veterans in Tech");

    assert_refused(
        &front.send(&register).await,
        401,
        "missing-token",
        "nats, no token",
    );
    let reply = front.with_token("guessed").send(&register).await;
    assert_refused(&reply, 401, "unknown-token", "nats, unknown token");
    let query = json!({"id": erg});
    let reply = front.query_with("erg", &query).await;
    assert_refused(&reply, 401, "missing-token", "nats query, no token");
    assert_refused(
        &nats_statements(&front).await,
        401,
        "missing-token",
        "nats xapi",
    );

    let publisher = front.with_token(&callers.publisher);
    let planner = front.with_token(&callers.planner);
    let auditor = front.with_token(&callers.auditor);
    let admin = front.with_token(&callers.admin);
    let registered = publisher.send(&register).await.accepted();
    publisher
        .send(&cmd::assign_role(hr, erg, chair, "chair", "2026-01-10"))
        .await
        .accepted();
    assert_eq!(nats_statements(&publisher).await.status, 200);
    let query = json!({"id": erg, "min_seq": registered.stream_seq});
    assert_forbidden(
        &publisher.query_with("erg", &query).await,
        "publisher",
        "planner",
        "nats publisher reads",
    );
    assert_forbidden(
        &publisher.send(&define_position(chair)).await,
        "publisher",
        "planner",
        "nats publisher defines a position",
    );

    planner.send(&define_position(chair)).await.accepted();
    assert_eq!(planner.query_with("erg", &query).await.status, 200);
    assert_forbidden(
        &planner
            .send(&cmd::register_erg(hr, Uuid::now_v7(), "Parents"))
            .await,
        "planner",
        "publisher",
        "nats planner registers",
    );
    assert_forbidden(
        &nats_statements(&planner).await,
        "planner",
        "publisher",
        "nats planner xapi",
    );

    assert_eq!(auditor.query_with("erg", &query).await.status, 200);
    assert_forbidden(
        &auditor.send(&define_position(chair)).await,
        "auditor",
        "planner",
        "nats auditor defines a position",
    );

    admin.send(&define_position(chair)).await.accepted();
    assert_eq!(admin.query_with("erg", &query).await.status, 200);
    assert_eq!(nats_statements(&admin).await.status, 200);
}

/// Without a token file every caller is admin (the node serves loopback only).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_file_every_caller_is_admin() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http: &Http = node.http();
    http.send(&define_position(Uuid::now_v7())).await.accepted();
    http.send(&cmd::register_erg(
        Uuid::now_v7(),
        Uuid::now_v7(),
        "Parents",
    ))
    .await
    .accepted();
    assert_eq!(http.get("/v1/audit/events").await.status, 200);
    assert_eq!(http.rebuild().await.status, 200);
    // A token is not needed, and one that means nothing here changes nothing.
    let reply = http.with_token("anything").get("/v1/audit/events").await;
    assert_eq!(reply.status, 200, "{reply:?}");
}
