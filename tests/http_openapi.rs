//! The OpenAPI document against real answers: every path of the document is
//! called, with successes and failures, and each answer must validate against the
//! schema the document declares for its path, method and status. An answer whose
//! status the document does not declare, or a documented path never called,
//! fails the test.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::collections::BTreeSet;

use ladder_tests::development::{
    complete_mentorship, link_lms_account, record_milestone, start_mentorship,
};
use ladder_tests::openapi::Checker;
use ladder_tests::{Callers, Cmd, Node, cmd, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

/// One valid command per catalogue entry, in an order the rules accept, each
/// with the role that sends it.
struct Scenario {
    hr: Uuid,
    employee: Uuid,
    erg: Uuid,
    budget: Uuid,
    project: Uuid,
    position: Uuid,
    mentorship: Uuid,
}

impl Scenario {
    fn commands(&self, planner: Uuid) -> Vec<Cmd> {
        let (hr, e) = (self.hr, self.employee);
        let (approver, sponsor, mentor) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let (rejected, project) = (Uuid::now_v7(), self.project);
        let onboard = |id: Uuid| {
            Cmd::new(
                "onboard-employee",
                hr,
                json!({"employee_id": id, "hire_date": "2020-01-06", "org_unit": "ENG",
                       "job_level": "L5", "interests": []}),
            )
        };
        let leaver = Uuid::now_v7();
        vec![
            cmd::register_erg(hr, self.erg, "Veterans in Tech")
                .with("sensitive", true)
                .on("2025-01-01"),
            cmd::assign_role(hr, self.erg, e, "chair", "2025-01-10"),
            cmd::end_role(hr, self.erg, e, "chair", "2025-12-31"),
            cmd::request_budget(self.budget, self.erg, e, 100_000),
            cmd::approve_budget(approver, self.budget, 90_000),
            cmd::close_budget(e, self.budget, 85_000),
            cmd::request_budget(rejected, self.erg, e, 100_000),
            cmd::reject_budget(approver, rejected, "Out of season"),
            cmd::start_project(project, e, sponsor, Some(self.erg)),
            cmd::complete_project(sponsor, project, "Done well"),
            link_lms_account(hr, e, "https://lms.example.org", "dana"),
            start_mentorship(hr, self.mentorship, mentor, e, "budget-management"),
            record_milestone(mentor, self.mentorship, "First plan drafted"),
            complete_mentorship(e, self.mentorship),
            onboard(e),
            onboard(leaver),
            Cmd::new(
                "record-departure",
                hr,
                json!({"employee_id": leaver, "departure_date": "2025-06-30"}),
            ),
            Cmd::new("grant-visibility-consent", e, json!({"employee_id": e})),
            Cmd::new("withdraw-visibility-consent", e, json!({"employee_id": e})),
            Cmd::new(
                "define-position",
                planner,
                json!({"position_id": self.position, "title": "Head of Programmes",
                       "criticality": "critical",
                       "requirements": [{"competency": "community-leadership", "level": 1}]}),
            ),
            Cmd::new(
                "nominate-successor",
                planner,
                json!({"position_id": self.position, "candidate_id": e}),
            ),
            Cmd::new(
                "withdraw-nomination",
                planner,
                json!({"position_id": self.position, "candidate_id": e}),
            ),
            Cmd::new(
                "nominate-successor",
                planner,
                json!({"position_id": self.position, "candidate_id": e}),
            ),
            Cmd::new(
                "fill-position",
                planner,
                json!({"position_id": self.position, "employee_id": e}),
            ),
        ]
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_matches_the_document() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let mut check = Checker::new(node.http().base()).await;
    let (publisher, planner, auditor, admin) = (
        Some(callers.publisher.as_str()),
        Some(callers.planner.as_str()),
        Some(callers.auditor.as_str()),
        Some(callers.admin.as_str()),
    );
    let scenario = Scenario {
        hr: Uuid::now_v7(),
        employee: Uuid::now_v7(),
        erg: Uuid::now_v7(),
        budget: Uuid::now_v7(),
        project: Uuid::now_v7(),
        position: Uuid::now_v7(),
        mentorship: Uuid::now_v7(),
    };

    check.expect(200, "get", "/healthz", None, None).await;
    check.expect(200, "get", "/readyz", None, None).await;
    check
        .expect(200, "get", "/v1/openapi.json", None, None)
        .await;

    // Commands: every one accepted once, then the failures.
    let mut seq = 0;
    let mut sent = BTreeSet::new();
    for command in scenario.commands(Uuid::now_v7()) {
        let path = format!("/v1/commands/{}", command.name);
        let token = if command.name.contains("position") || command.name.contains("nomin") {
            planner
        } else {
            publisher
        };
        let reply = check
            .expect(200, "post", &path, token, Some(command.bytes()))
            .await;
        seq = reply["stream_seq"].as_u64().unwrap();
        sent.insert(command.name);
    }
    let invalid = cmd::register_erg(scenario.hr, Uuid::now_v7(), "X").without("name");
    let reply = check
        .expect(
            400,
            "post",
            "/v1/commands/register-erg",
            publisher,
            Some(invalid.bytes()),
        )
        .await;
    assert_eq!(reply["code"], "invalid-command");
    let not_json = Some(b"{".to_vec());
    check
        .expect(
            400,
            "post",
            "/v1/commands/register-erg",
            publisher,
            not_json,
        )
        .await;
    let self_approval = cmd::approve_budget(scenario.employee, scenario.budget, 1);
    let reply = check
        .expect(
            422,
            "post",
            "/v1/commands/approve-budget",
            publisher,
            Some(self_approval.bytes()),
        )
        .await;
    assert_eq!(reply["status"], "rejected");
    let body = Some(b"{}".to_vec());
    check
        .expect(
            404,
            "post",
            "/v1/commands/promote-everyone",
            publisher,
            body.clone(),
        )
        .await;
    check
        .expect(401, "post", "/v1/commands/register-erg", None, body.clone())
        .await;
    check
        .expect(
            403,
            "post",
            "/v1/commands/register-erg",
            auditor,
            body.clone(),
        )
        .await;

    // Queries by route: answers, bad ids, unknown ids, refusals.
    let e = scenario.employee;
    let p = scenario.position;
    let unknown = Uuid::now_v7();
    let by_id = [
        ("/v1/ergs/{}", scenario.erg),
        ("/v1/budgets/{}", scenario.budget),
        ("/v1/projects/{}", scenario.project),
        ("/v1/employees/{}/evidence", e),
        ("/v1/mentorships/{}", scenario.mentorship),
        ("/v1/employees/{}/competencies", e),
        (
            "/v1/employees/{}/competencies/community-leadership/explain",
            e,
        ),
    ];
    for (template, id) in by_id {
        let path = template.replace("{}", &id.to_string());
        check
            .expect(200, "get", &format!("{path}?min_seq={seq}"), admin, None)
            .await;
        check.expect(403, "get", &path, publisher, None).await;
        check.expect(401, "get", &path, None, None).await;
        let bad = template.replace("{}", "not-a-uuid");
        let reply = check.expect(400, "get", &bad, planner, None).await;
        assert_eq!(reply["code"], "invalid-parameter", "{bad}");
    }
    let by_id: Vec<String> = by_id
        .iter()
        .map(|(template, id)| template.replace("{}", &id.to_string()))
        .collect();
    let reply = check.expect(403, "get", &by_id[0], planner, None).await;
    assert_eq!(reply["code"], "forbidden", "a sensitive roster");
    check
        .expect(404, "get", &format!("/v1/ergs/{unknown}"), planner, None)
        .await;
    check
        .expect(
            404,
            "get",
            &format!("/v1/employees/{e}/competencies/juggling/explain"),
            planner,
            None,
        )
        .await;
    check
        .expect(
            400,
            "get",
            &format!("/v1/employees/{e}/competencies?as_of=2026-13-01"),
            auditor,
            None,
        )
        .await;
    // A stream sequence never reached: 503 after the read-your-writes wait.
    let far = seq + 1_000_000;
    check
        .expect(
            503,
            "get",
            &format!("/v1/employees/{e}/evidence?min_seq={far}"),
            planner,
            None,
        )
        .await;

    // Queries by name, as on NATS.
    let by_name = [
        ("erg", format!("id={}", scenario.erg)),
        ("budget", format!("id={}", scenario.budget)),
        ("project", format!("id={}", scenario.project)),
        ("evidence", format!("id={e}")),
        ("mentorship", format!("id={}", scenario.mentorship)),
        ("competencies", format!("id={e}&as_of=2026-01-01")),
        ("explain", format!("id={e}&competency=community-leadership")),
        ("candidates", format!("id={p}&as_of=2026-01-01")),
        (
            "talent",
            "competency=community-leadership&min_level=1".to_owned(),
        ),
        ("bench-strength", "as_of=2026-01-01".to_owned()),
        ("mentor-suggestions", format!("id={e}&position={p}")),
        ("recommendations", format!("id={e}")),
        ("metrics", "from=2025-01-01&to=2025-12-31".to_owned()),
    ];
    for (name, query) in &by_name {
        let path = format!("/v1/queries/{name}?{query}");
        check.expect(200, "get", &path, admin, None).await;
        // Every query but bench strength needs a parameter.
        let bare = format!("/v1/queries/{name}");
        let status = if *name == "bench-strength" { 200 } else { 400 };
        check.expect(status, "get", &bare, auditor, None).await;
        check.expect(401, "get", &path, None, None).await;
        check.expect(403, "get", &path, publisher, None).await;
    }

    // The planners' own routes.
    let planning = [
        format!("/v1/positions/{p}/candidates?as_of=2026-01-01&limit=5"),
        "/v1/talent?competency=community-leadership&min_level=1".to_owned(),
        "/v1/bench-strength".to_owned(),
        format!("/v1/employees/{e}/mentor-suggestions?position={p}"),
        format!("/v1/employees/{e}/recommendations"),
        "/v1/metrics/programme?from=2025-01-01&to=2025-12-31".to_owned(),
    ];
    for path in &planning {
        check.expect(200, "get", path, planner, None).await;
        check.expect(401, "get", path, None, None).await;
        check.expect(403, "get", path, publisher, None).await;
    }
    let failures = [
        (404, format!("/v1/positions/{unknown}/candidates")),
        (400, "/v1/positions/not-a-uuid/candidates".to_owned()),
        (400, format!("/v1/positions/{p}/candidates?limit=0")),
        (400, "/v1/talent".to_owned()),
        (400, "/v1/talent?competency=juggling".to_owned()),
        (400, "/v1/bench-strength?as_of=soon".to_owned()),
        (400, format!("/v1/employees/{e}/mentor-suggestions")),
        (
            404,
            format!("/v1/employees/{e}/mentor-suggestions?position={unknown}"),
        ),
        (404, format!("/v1/employees/{unknown}/recommendations")),
        (400, "/v1/metrics/programme?from=2025-01-01".to_owned()),
        (
            400,
            "/v1/metrics/programme?from=2025-12-31&to=2025-01-01".to_owned(),
        ),
    ];
    for (status, path) in &failures {
        check.expect(*status, "get", path, auditor, None).await;
    }
    check
        .expect(404, "get", "/v1/queries/horoscope", planner, None)
        .await;

    // xAPI: an empty batch, a body that is not statements, a batch all rejected.
    check
        .expect(
            200,
            "post",
            "/v1/xapi/statements",
            publisher,
            Some(b"[]".to_vec()),
        )
        .await;
    let reply = check
        .expect(
            400,
            "post",
            "/v1/xapi/statements",
            publisher,
            Some(b"7".to_vec()),
        )
        .await;
    assert_eq!(reply["code"], "invalid-body");
    let reply = check
        .expect(
            400,
            "post",
            "/v1/xapi/statements",
            publisher,
            Some(b"[{}]".to_vec()),
        )
        .await;
    assert!(reply["results"].is_array(), "{reply}");
    check
        .expect(
            403,
            "post",
            "/v1/xapi/statements",
            planner,
            Some(b"[]".to_vec()),
        )
        .await;
    check
        .expect(
            401,
            "post",
            "/v1/xapi/statements",
            None,
            Some(b"[]".to_vec()),
        )
        .await;

    // The audit log, as an array and as JSON lines.
    let events = check
        .expect(200, "get", "/v1/audit/events", auditor, None)
        .await;
    assert_eq!(
        events.as_array().unwrap().len() as u64,
        seq,
        "one event per commit here"
    );
    check
        .expect(
            200,
            "get",
            &format!("/v1/audit/events?employee={e}&format=jsonl"),
            auditor,
            None,
        )
        .await;
    check
        .expect(400, "get", "/v1/audit/events?from=yesterday", auditor, None)
        .await;
    check
        .expect(403, "get", "/v1/audit/events", planner, None)
        .await;
    check
        .expect(401, "get", "/v1/audit/events", None, None)
        .await;

    // Administration.
    check
        .expect(200, "post", "/v1/admin/rebuild", admin, None)
        .await;
    check
        .expect(403, "post", "/v1/admin/rebuild", auditor, None)
        .await;
    check
        .expect(401, "post", "/v1/admin/rebuild", None, None)
        .await;

    // Errors outside any route are JSON with a code too.
    let reply = check
        .client
        .get(format!("{}/v2/nothing", check.base))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 404);
    let body: Value = reply.json().await.unwrap();
    assert_eq!(body["code"], "no-route", "{body}");
    let reply = check
        .client
        .delete(format!("{}/healthz", check.base))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 405);
    let body: Value = reply.json().await.unwrap();
    assert_eq!(body["code"], "method-not-allowed", "{body}");
    let reply = check
        .client
        .get(format!(
            "{}/v1/employees/{e}/evidence?min_seq=%FF",
            check.base
        ))
        .bearer_auth(&callers.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 400);
    let body: Value = reply.json().await.unwrap();
    assert!(body["code"].is_string(), "{body}");

    // Every documented path and method was called.
    let documented: BTreeSet<(String, String)> = check.document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| ["get", "post", "put", "delete", "patch"].contains(&k.as_str()))
                .map(|method| (path.clone(), method.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let missed: Vec<_> = documented.difference(&check.called).collect();
    assert!(missed.is_empty(), "documented but never called: {missed:?}");
    let public: BTreeSet<&str> = sent.into_iter().collect();
    assert_eq!(
        public.len(),
        21,
        "one accepted command per public command name"
    );
    assert!(
        check.failures.is_empty(),
        "{} answers do not match the document:\n{}",
        check.failures.len(),
        check.failures.join("\n")
    );
    assert!(check.checked > 100, "{} answers checked", check.checked);
}
