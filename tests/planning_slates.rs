//! Planners' answers from evidence recorded through real commands under the default ERG
//! leadership framework: slates (buckets, scores, gaps, nominations, overrides), talent pools,
//! bench strength and mentor suggestions, over HTTP and NATS, with no ERG in any of them.
//!
//! The levels come from `crates/competency/frameworks/erg-leadership.toml`: community
//! leadership 1 needs any ERG role for 3 months and 2 a chair (or co-chair, treasurer,
//! mentorship lead) for 6 months; delivery 1 needs one project signed off by a sponsor other
//! than the lead, 2 needs three.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::{Cmd, Http, NatsFront, Node, cmd, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

/// Every answer is asked for on this day; terms and projects before it count.
const AS_OF: &str = "2026-12-31";
const ERG_NAME: &str = "Neurodiversity Network";

/// The people and positions of the bench.
struct Bench {
    planner: Uuid,
    erg: Uuid,
    /// Chair for 18 months, three projects: ready now for `critical`.
    ready: Uuid,
    /// Chair, one project: one level short in delivery.
    close: Uuid,
    /// Committee member, no project: two gaps.
    starter: Uuid,
    /// One project, no role: two gaps.
    doer: Uuid,
    /// Would be ready now, but left on 2026-06-30.
    leaver: Uuid,
    /// Needs community leadership 2 and delivery 2.
    critical: Uuid,
    /// Needs developing others 1, which nobody has.
    uncovered: Uuid,
    /// Standard criticality: not on the bench.
    standard: Uuid,
    /// High, but filled: not on the bench.
    filled: Uuid,
}

async fn send(http: &Http, command: Cmd) -> u64 {
    http.send(&command).await.accepted().stream_seq
}

/// `count` projects led by `lead`, each signed off by another employee.
async fn projects(http: &Http, lead: Uuid, erg: Uuid, count: usize) {
    for _ in 0..count {
        let project = Uuid::now_v7();
        let sponsor = Uuid::now_v7();
        send(
            http,
            cmd::start_project(project, lead, sponsor, Some(erg)).on("2026-02-01"),
        )
        .await;
        send(
            http,
            cmd::complete_project(sponsor, project, "Signed off").on("2026-03-01"),
        )
        .await;
    }
}

fn define(planner: Uuid, position: Uuid, criticality: &str, requirements: &Value) -> Cmd {
    Cmd::new(
        "define-position",
        planner,
        json!({
            "position_id": position,
            "title": format!("{criticality} role"),
            "criticality": criticality,
            "requirements": requirements,
        }),
    )
}

fn nominate(planner: Uuid, position: Uuid, candidate: Uuid, over: Option<&str>) -> Cmd {
    let command = Cmd::new(
        "nominate-successor",
        planner,
        json!({"position_id": position, "candidate_id": candidate}),
    );
    match over {
        Some(readiness) => command
            .with("readiness_override", readiness)
            .with("reason", "Acting lead since the reorganisation"),
        None => command,
    }
}

fn onboard(hris: Uuid, employee: Uuid) -> Cmd {
    Cmd::new(
        "onboard-employee",
        hris,
        json!({
            "employee_id": employee,
            "hire_date": "2024-01-01",
            "org_unit": "eng-platform",
            "job_level": "L5",
        }),
    )
}

/// Records the bench; returns it and the last stream sequence.
async fn given_a_bench(http: &Http) -> (Bench, u64) {
    let hr = Uuid::now_v7();
    let b = Bench {
        planner: Uuid::now_v7(),
        erg: Uuid::now_v7(),
        ready: Uuid::now_v7(),
        close: Uuid::now_v7(),
        starter: Uuid::now_v7(),
        doer: Uuid::now_v7(),
        leaver: Uuid::now_v7(),
        critical: Uuid::now_v7(),
        uncovered: Uuid::now_v7(),
        standard: Uuid::now_v7(),
        filled: Uuid::now_v7(),
    };
    // A sensitive ERG: its name and id must not reach a planner through any answer here.
    send(
        http,
        cmd::register_erg(hr, b.erg, ERG_NAME)
            .with("sensitive", true)
            .on("2025-01-01"),
    )
    .await;
    for (who, role, start) in [
        (b.ready, "chair", "2025-06-01"),
        (b.close, "co-chair", "2025-06-01"),
        (b.starter, "committee-member", "2026-01-01"),
        (b.leaver, "treasurer", "2025-06-01"),
    ] {
        send(
            http,
            cmd::assign_role(hr, b.erg, who, role, start).on(start),
        )
        .await;
    }
    projects(http, b.ready, b.erg, 3).await;
    projects(http, b.close, b.erg, 1).await;
    projects(http, b.doer, b.erg, 1).await;
    projects(http, b.leaver, b.erg, 3).await;
    // Planners nominate and fill with onboarded employees only.
    for who in [b.ready, b.close, b.starter, b.doer, b.leaver] {
        send(http, onboard(hr, who)).await;
    }
    send(
        http,
        Cmd::new(
            "record-departure",
            hr,
            json!({"employee_id": b.leaver, "departure_date": "2026-06-30"}),
        ),
    )
    .await;
    let needs = json!([
        {"competency": "community-leadership", "level": 2},
        {"competency": "delivery", "level": 2},
    ]);
    send(http, define(b.planner, b.critical, "critical", &needs)).await;
    let mentoring = json!([{"competency": "developing-others", "level": 1}]);
    send(http, define(b.planner, b.uncovered, "high", &mentoring)).await;
    send(http, define(b.planner, b.standard, "standard", &needs)).await;
    send(http, define(b.planner, b.filled, "high", &needs)).await;
    let last = send(
        http,
        Cmd::new(
            "fill-position",
            b.planner,
            json!({"position_id": b.filled, "employee_id": b.ready}),
        )
        .on("2026-03-01"),
    )
    .await;
    (b, last)
}

async fn slate(http: &Http, position: Uuid, min_seq: u64) -> Value {
    let reply = http
        .get(&format!(
            "/v1/positions/{position}/candidates?as_of={AS_OF}&min_seq={min_seq}"
        ))
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.body
}

fn ranked(slate: &Value) -> Vec<(Uuid, String, u64)> {
    slate["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                serde_json::from_value(c["employee_id"].clone()).unwrap(),
                c["readiness"].as_str().unwrap().to_owned(),
                c["score"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn candidate(slate: &Value, employee: Uuid) -> &Value {
    slate["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["employee_id"] == employee.to_string())
        .unwrap_or_else(|| panic!("{employee} is on the slate: {slate}"))
}

fn assert_no_erg(answer: &Value, b: &Bench) {
    let text = answer.to_string();
    assert!(
        !text.contains(&b.erg.to_string()),
        "an ERG id leaked: {text}"
    );
    assert!(!text.contains(ERG_NAME), "an ERG name leaked: {text}");
    assert!(!text.contains("erg"), "an ERG field leaked: {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slate_ranks_by_readiness_with_gaps_nominations_and_overrides() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (b, _) = given_a_bench(http).await;
    // The two candidates with two gaps tie on score; `doer` is nominated, which breaks it.
    let seq = send(http, nominate(b.planner, b.critical, b.doer, None)).await;

    let s = slate(http, b.critical, seq).await;

    assert_eq!(s["position_id"], b.critical.to_string());
    assert_eq!(s["as_of"], AS_OF);
    assert_eq!(
        ranked(&s),
        [
            (b.ready, "ready-now".to_owned(), 100),
            (b.close, "ready-soon".to_owned(), 75),
            (b.doer, "developing".to_owned(), 25),
            (b.starter, "developing".to_owned(), 25),
        ],
        "the leaver is never a candidate: {s}"
    );
    assert_eq!(
        candidate(&s, b.close)["gaps"],
        json!([{"competency": "delivery", "has": 1, "needs": 2}])
    );
    assert_eq!(
        candidate(&s, b.starter)["gaps"],
        json!([
            {"competency": "community-leadership", "has": 1, "needs": 2},
            {"competency": "delivery", "has": 0, "needs": 2},
        ])
    );
    assert_eq!(candidate(&s, b.ready)["gaps"], json!([]));
    // One chair term and three projects behind the required levels.
    assert_eq!(candidate(&s, b.ready)["evidence_count"], 4);
    assert_eq!(candidate(&s, b.doer)["nominated"], true);
    assert_eq!(candidate(&s, b.starter)["nominated"], false);
    assert_no_erg(&s, &b);

    // When a planner vouches for the starter as ready now
    let seq = send(
        http,
        nominate(b.planner, b.critical, b.starter, Some("ready-now")),
    )
    .await;
    let s = slate(http, b.critical, seq).await;
    // Then the override replaces the bucket, and says so
    assert_eq!(
        ranked(&s).iter().map(|(id, _, _)| *id).collect::<Vec<_>>(),
        [b.ready, b.starter, b.close, b.doer]
    );
    let starter = candidate(&s, b.starter);
    assert_eq!(starter["readiness"], "ready-now");
    assert_eq!(starter["computed_readiness"], "developing");
    assert_eq!(starter["overridden"], true);
    assert_eq!(starter["nomination"]["readiness_override"], "ready-now");
    assert_eq!(
        starter["nomination"]["reason"],
        "Acting lead since the reorganisation"
    );

    // When the nomination is withdrawn, the computed bucket is back
    let seq = send(
        http,
        Cmd::new(
            "withdraw-nomination",
            b.planner,
            json!({"position_id": b.critical, "candidate_id": b.starter}),
        )
        .on("2026-06-01"),
    )
    .await;
    let s = slate(http, b.critical, seq).await;
    let starter = candidate(&s, b.starter);
    assert_eq!(starter["readiness"], "developing");
    assert_eq!(starter["overridden"], false);
    assert!(starter.get("nomination").is_none(), "{starter}");

    // The same slate over NATS, byte for byte the same answer
    let front = NatsFront::connect(&nats.url()).await;
    let over_nats = front
        .query_with(
            "candidates",
            &json!({"id": b.critical, "as_of": AS_OF, "min_seq": seq}),
        )
        .await;
    assert_eq!(over_nats.status, 200, "{over_nats:?}");
    assert_eq!(over_nats.body, s);

    // A limit keeps the best and reports how many matched
    let top = http
        .get(&format!(
            "/v1/positions/{}/candidates?as_of={AS_OF}&limit=2",
            b.critical
        ))
        .await;
    assert_eq!(top.body["matched"], 4);
    assert_eq!(top.body["candidates"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn talent_pools_bench_strength_and_mentors_come_from_the_same_levels() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (b, seq) = given_a_bench(http).await;

    // Talent pool: level 2 in delivery is the ready one only (the leaver has left)
    let pool = http
        .get(&format!(
            "/v1/talent?competency=delivery&min_level=2&as_of={AS_OF}&min_seq={seq}"
        ))
        .await;
    assert_eq!(pool.status, 200, "{pool:?}");
    assert_eq!(
        pool.body["employees"],
        json!([{"employee_id": b.ready, "level": 2, "evidence_count": 3}])
    );
    let pool = http
        .get(&format!("/v1/talent?competency=delivery&as_of={AS_OF}"))
        .await;
    let mut level_one = [b.close, b.doer];
    level_one.sort();
    let expected: Vec<Value> =
        std::iter::once(json!({"employee_id": b.ready, "level": 2, "evidence_count": 3}))
            .chain(
                level_one
                    .iter()
                    .map(|id| json!({"employee_id": id, "level": 1, "evidence_count": 1})),
            )
            .collect();
    assert_eq!(pool.body["employees"], Value::Array(expected));
    assert_no_erg(&pool.body, &b);

    // Bench strength: the critical position is covered; the mentoring one has nobody
    let bench = http.get(&format!("/v1/bench-strength?as_of={AS_OF}")).await;
    assert_eq!(bench.status, 200, "{bench:?}");
    assert_eq!(
        bench.body["coverage"],
        json!({"positions": 2, "covered": 1, "share": 0.5})
    );
    assert_eq!(bench.body["without_successor"], json!([b.uncovered]));
    let critical = &bench.body["positions"][0];
    assert_eq!(critical["position_id"], b.critical.to_string());
    assert_eq!(critical["criticality"], "critical");
    assert_eq!(critical["ready_now"], 1);
    assert_eq!(critical["ready_soon"], 1);
    assert_eq!(critical["covered"], true);
    assert_no_erg(&bench.body, &b);

    // Mentors for the starter towards the critical position: the ready one covers both
    // gaps, the close one community leadership only; the doer's delivery 1 is below 2
    let mentors = http
        .get(&format!(
            "/v1/employees/{}/mentor-suggestions?position={}&as_of={AS_OF}",
            b.starter, b.critical
        ))
        .await;
    assert_eq!(mentors.status, 200, "{mentors:?}");
    let suggested: Vec<(String, u64)> = mentors.body["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["employee_id"].as_str().unwrap().to_owned(),
                m["gaps_covered"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        suggested,
        [(b.ready.to_string(), 2), (b.close.to_string(), 1)]
    );
    assert_eq!(
        mentors.body["mentors"][1]["covers"],
        json!([{"competency": "community-leadership", "mentor_level": 2, "has": 1, "needs": 2}])
    );
    assert!(
        mentors.body["mentors"][1]["reason"]
            .as_str()
            .unwrap()
            .contains("community-leadership at level 2")
    );
    assert_no_erg(&mentors.body, &b);

    // Levels are cached per read-model sequence: two more projects for the close one show up
    // in the next answer for the same day
    projects(http, b.close, b.erg, 2).await;
    let seq = http.stream_last_seq().await;
    let pool = http
        .get(&format!(
            "/v1/talent?competency=delivery&min_level=2&as_of={AS_OF}&min_seq={seq}"
        ))
        .await;
    let mut level_two = [b.ready, b.close];
    level_two.sort();
    let listed: Vec<String> = pool.body["employees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["employee_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        listed,
        level_two.iter().map(Uuid::to_string).collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn planning_queries_refuse_what_they_cannot_answer() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let unknown = Uuid::now_v7();

    let reply = http
        .get(&format!("/v1/positions/{unknown}/candidates"))
        .await;
    assert_eq!(reply.status, 404, "{reply:?}");
    assert_eq!(reply.body["code"], "not-found");

    let planner = Uuid::now_v7();
    let position = Uuid::now_v7();
    let seq = send(
        http,
        define(
            planner,
            position,
            "high",
            &json!([{"competency": "delivery", "level": 1}]),
        ),
    )
    .await;
    for (query, field) in [
        (
            format!("/v1/positions/{position}/candidates?limit=0&min_seq={seq}"),
            "limit",
        ),
        (
            format!("/v1/positions/{position}/candidates?limit=501"),
            "limit",
        ),
        (
            format!("/v1/positions/{position}/candidates?as_of=tomorrow"),
            "as_of",
        ),
        ("/v1/talent?competency=juggling".to_owned(), "competency"),
        ("/v1/talent".to_owned(), "competency"),
        (
            "/v1/talent?competency=delivery&min_level=0".to_owned(),
            "min_level",
        ),
        (
            format!("/v1/employees/{unknown}/mentor-suggestions"),
            "position",
        ),
        ("/v1/metrics/programme?from=2026-01-01".to_owned(), "to"),
        (
            "/v1/metrics/programme?from=2026-02-01&to=2026-01-01".to_owned(),
            "to",
        ),
    ] {
        let reply = http.get(&query).await;
        assert_eq!(reply.status, 400, "{query}: {reply:?}");
        assert_eq!(reply.body["field"], field, "{query}: {reply:?}");
    }
    let reply = http
        .get(&format!(
            "/v1/employees/{unknown}/mentor-suggestions?position={position}"
        ))
        .await;
    assert_eq!(reply.status, 404, "an employee nobody knows: {reply:?}");

    // Known from a signed-off project, never onboarded: no mentoring plan either.
    let erg = Uuid::now_v7();
    send(
        http,
        cmd::register_erg(planner, erg, "Green Team").on("2026-01-01"),
    )
    .await;
    let lead = Uuid::now_v7();
    projects(http, lead, erg, 1).await;
    let seq = http.stream_last_seq().await;
    let reply = http
        .get(&format!(
            "/v1/employees/{lead}/mentor-suggestions?position={position}&min_seq={seq}"
        ))
        .await;
    assert_eq!(reply.status, 404, "known from evidence only: {reply:?}");
    let message = reply.body["message"].as_str().unwrap();
    assert!(message.contains("never onboarded"), "{message}");
}
