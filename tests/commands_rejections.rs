//! Every rule a command can break, through the running service: HTTP 422 with the
//! rule's code, and nothing stored. Malformed bodies are 400 naming the field.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::{Cmd, Http, NatsFront, Node, cmd, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

const NIL: &str = "00000000-0000-0000-0000-000000000000";

/// Sends `command`, expects the rejection `code`, and checks the stream did not grow.
async fn assert_refused(http: &Http, command: &Cmd, code: &str) {
    let before = http.stream_last_seq().await;
    http.send(command).await.assert_rejected(code);
    assert_eq!(
        http.stream_last_seq().await,
        before,
        "a rejected {} ({code}) stored nothing",
        command.name
    );
}

/// Sends `command`, expects 400 naming `field`, and checks the stream did not grow.
async fn assert_malformed(http: &Http, command: &Cmd, field: &str) {
    let before = http.stream_last_seq().await;
    http.send(command).await.assert_invalid(field);
    assert_eq!(
        http.stream_last_seq().await,
        before,
        "an invalid command stored nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erg_rules_reject_with_their_codes() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (hr, dana, ravi) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();
    let unregistered = Uuid::now_v7();

    let assign_unknown = cmd::assign_role(hr, unregistered, dana, "chair", "2026-01-10");
    assert_refused(http, &assign_unknown, "unknown-erg").await;
    let end_unknown = cmd::end_role(hr, unregistered, dana, "chair", "2026-01-10");
    assert_refused(http, &end_unknown, "unknown-erg").await;

    http.send(&cmd::register_erg(hr, erg, "Pride Network"))
        .await
        .accepted();
    assert_refused(
        http,
        &cmd::register_erg(hr, erg, "Pride Network"),
        "erg-already-registered",
    )
    .await;

    http.send(&cmd::assign_role(hr, erg, dana, "chair", "2026-01-10"))
        .await
        .accepted();
    let second_chair = cmd::assign_role(hr, erg, ravi, "chair", "2026-03-01");
    assert_refused(http, &second_chair, "chair-already-assigned").await;

    http.send(&cmd::assign_role(hr, erg, ravi, "treasurer", "2026-01-10"))
        .await
        .accepted();
    let again = cmd::assign_role(hr, erg, ravi, "treasurer", "2026-02-01");
    assert_refused(http, &again, "role-already-held").await;

    let never_held = cmd::end_role(hr, erg, dana, "treasurer", "2026-06-30");
    assert_refused(http, &never_held, "role-not-held").await;
    let too_early = cmd::end_role(hr, erg, ravi, "treasurer", "2026-01-09");
    assert_refused(http, &too_early, "role-ends-before-start").await;
    http.send(&cmd::end_role(hr, erg, ravi, "treasurer", "2026-06-30"))
        .await
        .accepted();
    let ended_twice = cmd::end_role(hr, erg, ravi, "treasurer", "2026-07-31");
    assert_refused(http, &ended_twice, "role-already-ended").await;

    // The rejected commands left the ERG as the accepted ones made it.
    let last = http.stream_last_seq().await;
    let view = http.query(&format!("/v1/ergs/{erg}"), last).await;
    let roles: Vec<(&str, &str)> = view.body["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["role"].as_str().unwrap(),
                r["term_start"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [("chair", "2026-01-10"), ("treasurer", "2026-01-10")]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_rules_reject_with_their_codes() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (hr, owner, approver) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();
    let budget = Uuid::now_v7();

    let for_unknown_erg = cmd::request_budget(budget, Uuid::now_v7(), owner, 250_000);
    assert_refused(http, &for_unknown_erg, "unknown-erg").await;
    assert_refused(
        http,
        &cmd::approve_budget(approver, budget, 1),
        "unknown-budget",
    )
    .await;

    http.send(&cmd::register_erg(hr, erg, "Black Employees Network"))
        .await
        .accepted();
    http.send(&cmd::request_budget(budget, erg, owner, 250_000))
        .await
        .accepted();
    let twice = cmd::request_budget(budget, erg, owner, 100_000);
    assert_refused(http, &twice, "budget-already-exists").await;

    assert_refused(
        http,
        &cmd::approve_budget(owner, budget, 250_000),
        "owner-cannot-approve",
    )
    .await;
    assert_refused(
        http,
        &cmd::reject_budget(owner, budget, "too much"),
        "owner-cannot-reject",
    )
    .await;
    let too_much = cmd::approve_budget(approver, budget, 250_001);
    assert_refused(http, &too_much, "approval-exceeds-request").await;
    assert_refused(
        http,
        &cmd::close_budget(owner, budget, 10),
        "budget-not-approved",
    )
    .await;

    http.send(&cmd::approve_budget(approver, budget, 250_000))
        .await
        .accepted();
    let approve_again = cmd::approve_budget(approver, budget, 100);
    assert_refused(http, &approve_again, "budget-already-decided").await;
    let reject_late = cmd::reject_budget(approver, budget, "changed my mind");
    assert_refused(http, &reject_late, "budget-already-decided").await;

    http.send(&cmd::close_budget(owner, budget, 240_000))
        .await
        .accepted();
    assert_refused(
        http,
        &cmd::close_budget(owner, budget, 1),
        "budget-already-closed",
    )
    .await;

    // A rejected budget cannot be closed either.
    let turned_down = Uuid::now_v7();
    http.send(&cmd::request_budget(turned_down, erg, owner, 5_000))
        .await
        .accepted();
    http.send(&cmd::reject_budget(approver, turned_down, "no funds left"))
        .await
        .accepted();
    let close_rejected = cmd::close_budget(owner, turned_down, 0);
    assert_refused(http, &close_rejected, "budget-not-approved").await;

    let last = http.stream_last_seq().await;
    let view = http.query(&format!("/v1/budgets/{budget}"), last).await;
    assert_eq!(view.body["status"], "closed");
    assert_eq!(view.body["approved_minor"], 250_000);
    assert_eq!(view.body["spent_minor"], 240_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn project_rules_reject_with_their_codes() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (lead, sponsor) = (Uuid::now_v7(), Uuid::now_v7());
    let project = Uuid::now_v7();

    let self_sponsored = cmd::start_project(project, lead, lead, None);
    assert_refused(http, &self_sponsored, "sponsor-is-lead").await;
    let for_unknown_erg = cmd::start_project(project, lead, sponsor, Some(Uuid::now_v7()));
    assert_refused(http, &for_unknown_erg, "unknown-erg").await;
    let complete_unknown = cmd::complete_project(sponsor, project, "done");
    assert_refused(http, &complete_unknown, "unknown-project").await;

    http.send(&cmd::start_project(project, lead, sponsor, None))
        .await
        .accepted();
    let twice = cmd::start_project(project, lead, sponsor, None);
    assert_refused(http, &twice, "project-already-exists").await;
    let own_sign_off = cmd::complete_project(lead, project, "all went well");
    assert_refused(http, &own_sign_off, "lead-cannot-sign-off").await;
    http.send(&cmd::complete_project(sponsor, project, "delivered"))
        .await
        .accepted();
    let again = cmd::complete_project(sponsor, project, "delivered twice");
    assert_refused(http, &again, "project-already-completed").await;
}

fn employee_command(name: &'static str, actor: Uuid, employee: Uuid, mut fields: Value) -> Cmd {
    fields["employee_id"] = json!(employee);
    Cmd::new(name, actor, fields)
}

// Failure pinned: successors and internal fills were accepted for people the HRIS never
// onboarded or who had left, and requirements beyond the framework's levels were accepted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn succession_rules_check_the_people_and_the_framework() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (hr, planner) = (Uuid::now_v7(), Uuid::now_v7());
    let (stranger, consenting, leaver, staff) = (
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
    );
    let position = Uuid::now_v7();
    let define = |level: u8| {
        Cmd::new(
            "define-position",
            planner,
            json!({
                "position_id": position, "title": "Head of Programmes", "criticality": "high",
                "requirements": [{"competency": "community-leadership", "level": level}],
            }),
        )
    };
    // The built-in framework has three levels of community leadership.
    assert_refused(http, &define(7), "level-beyond-framework").await;
    let reply = http.send(&define(4)).await;
    reply.assert_rejected("level-beyond-framework");
    assert!(
        reply.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("community-leadership") && m.contains("is 3")),
        "{reply:?}"
    );
    http.send(&define(3)).await.accepted();

    let hire = json!({"hire_date": "2024-01-01", "org_unit": "eng", "job_level": "L4"});
    for person in [leaver, staff] {
        let onboard = employee_command("onboard-employee", hr, person, hire.clone());
        http.send(&onboard).await.accepted();
    }
    let departure = json!({"departure_date": "2026-03-31"});
    let leave = employee_command("record-departure", hr, leaver, departure);
    http.send(&leave).await.accepted();
    let consent = employee_command(
        "grant-visibility-consent",
        consenting,
        consenting,
        json!({}),
    );
    http.send(&consent).await.accepted();

    let nominate = |candidate: Uuid| {
        Cmd::new(
            "nominate-successor",
            planner,
            json!({"position_id": position, "candidate_id": candidate}),
        )
    };
    let fill = |employee: Uuid| {
        Cmd::new(
            "fill-position",
            planner,
            json!({"position_id": position, "employee_id": employee}),
        )
    };
    for person in [stranger, consenting] {
        assert_refused(http, &nominate(person), "unknown-employee").await;
        assert_refused(http, &fill(person), "unknown-employee").await;
    }
    for day in ["2026-03-31", "2026-04-01"] {
        let late = nominate(leaver).on(day);
        assert_refused(http, &late, "employee-already-departed").await;
        let late = fill(leaver).on(day);
        assert_refused(http, &late, "employee-already-departed").await;
    }
    http.send(&nominate(leaver).on("2026-03-30"))
        .await
        .accepted();
    // Without a date the command is effective today, long after the departure.
    let undated = fill(leaver).without("effective_date");
    assert_refused(http, &undated, "employee-already-departed").await;
    http.send(&fill(staff).on("2026-04-01")).await.accepted();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_id_reused_for_another_command_is_rejected() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (hr, dana) = (Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();

    let register = cmd::register_erg(hr, erg, "Parents at Work");
    http.send(&register).await.accepted();
    let reused = cmd::assign_role(hr, erg, dana, "chair", "2026-01-10")
        .with("command_id", json!(register.command_id()));
    assert_refused(http, &reused, "command-id-reused").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_bodies_are_400_naming_the_field() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (hr, owner) = (Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();
    http.send(&cmd::register_erg(hr, erg, "Disability Alliance"))
        .await
        .accepted();

    let register = cmd::register_erg(hr, Uuid::now_v7(), "Green Team");
    let assign = cmd::assign_role(hr, erg, owner, "event-lead", "2026-01-10");
    let request = cmd::request_budget(Uuid::now_v7(), erg, owner, 10_000);
    let cases = [
        (register.clone().with("colour", "green"), "colour"),
        (register.clone().with("actr", json!(hr)), "actr"),
        (register.clone().without("name"), "name"),
        (register.clone().without("actor"), "actor"),
        (register.clone().with("erg_id", "not-a-uuid"), "erg_id"),
        (register.clone().with("name", "x".repeat(121)), "name"),
        (register.clone().with("name", "   "), "name"),
        (
            register.clone().with("effective_date", "2026-13-01"),
            "effective_date",
        ),
        (
            assign.clone().with("term_start", "2026-02-30"),
            "term_start",
        ),
        (
            assign.clone().with("term_start", "10/01/2026"),
            "term_start",
        ),
        (assign.clone().with("role", "president"), "role"),
        (assign.clone().with("employee_id", 42), "employee_id"),
        (request.clone().with("currency", "EURO"), "currency"),
        (request.clone().with("currency", "XXX"), "currency"),
        (request.clone().with("amount_minor", 0), "amount_minor"),
        (request.clone().with("amount_minor", -5), "amount_minor"),
        (request.clone().with("purpose", "p".repeat(501)), "purpose"),
        (
            request.clone().with("purpose", "pay\u{200F}ment"),
            "purpose",
        ),
        (
            request.clone().with("amount_minor", u64::MAX),
            "amount_minor",
        ),
        (request.clone().with("owner_id", NIL), "owner_id"),
        (register.clone().with("command_id", NIL), "command_id"),
        (register.clone().with("actor", NIL), "actor"),
        (register.clone().with("erg_id", NIL), "erg_id"),
        (
            register.clone().with("effective_date", "9999-12-31"),
            "effective_date",
        ),
        (
            register.clone().with("effective_date", "0001-01-01"),
            "effective_date",
        ),
        (
            assign.clone().with("term_start", "9999-01-01"),
            "term_start",
        ),
    ];
    for (command, field) in &cases {
        assert_malformed(http, command, field).await;
    }
    // Failure pinned: the refusal of an address says "names", and a check for the bare word
    // `name` in it dropped the prefix that says which field was refused.
    let before = http.stream_last_seq().await;
    let reply = http
        .send(&register.clone().with("name", "dana@example.com"))
        .await;
    reply.assert_invalid("name");
    assert!(
        reply.body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("field `name`: must not contain an e-mail address")),
        "{reply:?}"
    );
    assert_eq!(http.stream_last_seq().await, before);
    // Within the limits the same fields are fine: the limits are where documented.
    http.send(&register.with("name", "x".repeat(120)))
        .await
        .accepted();
    http.send(&request.with("purpose", "p".repeat(500)))
        .await
        .accepted();

    let before = http.stream_last_seq().await;
    for raw in [&b"{not json"[..], b"[1, 2]", b""] {
        let reply = http.post_raw("register-erg", raw.to_vec()).await;
        assert_eq!(reply.status, 400, "{reply:?}");
        assert_eq!(reply.body["status"], "invalid", "{reply:?}");
    }
    let twice = br#"{"command_id":"0193a000-0000-7000-8000-000000000001","actor":"0193a000-0000-7000-8000-000000000002","erg_id":"0193a000-0000-7000-8000-000000000003","name":"A","name":"B","sensitive":false}"#;
    http.post_raw("register-erg", twice.to_vec())
        .await
        .assert_invalid("name");
    assert_eq!(http.stream_last_seq().await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_command_is_404_on_both_fronts() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let hr = Uuid::now_v7();
    let body = cmd::register_erg(hr, Uuid::now_v7(), "Veterans").body;
    let unknown = Cmd {
        name: "register-group",
        body,
    };

    let before = http.stream_last_seq().await;
    let over_http = http.send(&unknown).await;
    assert_eq!(over_http.status, 404, "{over_http:?}");
    let over_nats = front.send(&unknown).await;
    assert_eq!(over_nats.status, 404, "{over_nats:?}");
    assert_eq!(http.stream_last_seq().await, before);
}
