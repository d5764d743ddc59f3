//! Competency levels and their explanations under the default ERG leadership framework
//! (`crates/competency/frameworks/erg-leadership.toml`), from evidence recorded through
//! commands and xAPI: levels on explicit `as_of` dates, the same answers over both
//! fronts, explanations with the events behind each rule, and claimed evidence that is
//! shown but never counts. Dates and tenure are in `competency_dates.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::competency::{COMPETENCIES, expected_levels, explain, level_map, levels};
use ladder_tests::development::{
    complete_mentorship, link_lms_account, record_milestone, start_mentorship,
};
use ladder_tests::xapi::{
    ACHIEVED, CERTIFICATE_TYPE, COMPLETED, MODULE_TYPE, body, post_statements, statement, trusting,
    with_id,
};
use ladder_tests::{Cmd, Http, NatsFront, Node, cmd, event_ids_of, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

const LMS: &str = "https://lms.example.org";
const UNTRUSTED_LMS: &str = "https://untrusted.example.net";
const CERTIFICATION: &str = "https://lms.example.org/certifications/erg-leadership";
const COURSES: &str = "https://lms.example.org/courses/erg-leadership";

async fn send(http: &Http, command: &Cmd) -> Vec<Uuid> {
    http.send(command).await.accepted().event_ids
}

/// Sends one statement and returns the event it recorded.
async fn record(http: &Http, front: &NatsFront, statement: Value) -> Uuid {
    let id = Uuid::now_v7();
    let reply = post_statements(http, body(&with_id(statement, id))).await;
    assert_eq!(reply.statuses(), ["accepted"], "{:?}", reply.reply);
    let events = event_ids_of(front.client(), id).await;
    assert_eq!(events.len(), 1);
    events[0]
}

fn sorted(ids: impl IntoIterator<Item = Uuid>) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Dana's year as chair and what each of her records stored.
struct Dana {
    id: Uuid,
    mentees: [Uuid; 2],
    chair: Vec<Uuid>,
    budget_on_plan: Vec<Uuid>,
    panel: Vec<Uuid>,
    annual_plan: Vec<Uuid>,
    strategy: Vec<Uuid>,
    certification: Uuid,
    strategy_module: Uuid,
    budget_module: Uuid,
    mentorships: [Vec<Uuid>; 2],
}

/// Records Dana's evidence through both commands and xAPI.
async fn record_dana(http: &Http, front: &NatsFront, erg: Uuid) -> Dana {
    let (hr, approver, sponsor) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let dana = Uuid::now_v7();
    let mentees = [Uuid::now_v7(), Uuid::now_v7()];

    let chair = send(
        http,
        &cmd::assign_role(hr, erg, dana, "chair", "2026-01-10").on("2026-01-10"),
    )
    .await;

    // Closed within 10% of the approved plan: 185 000 of 200 000 (7.5%).
    let on_plan = Uuid::now_v7();
    let mut budget_on_plan = send(
        http,
        &cmd::request_budget(on_plan, erg, dana, 250_000).on("2026-02-01"),
    )
    .await;
    budget_on_plan.extend(
        send(
            http,
            &cmd::approve_budget(approver, on_plan, 200_000).on("2026-02-03"),
        )
        .await,
    );
    budget_on_plan.extend(
        send(
            http,
            &cmd::close_budget(dana, on_plan, 185_000).on("2026-03-31"),
        )
        .await,
    );
    // Closed 20% under plan: outside every tolerance of the framework.
    let off_plan = Uuid::now_v7();
    send(
        http,
        &cmd::request_budget(off_plan, erg, dana, 100_000).on("2026-03-01"),
    )
    .await;
    send(
        http,
        &cmd::approve_budget(approver, off_plan, 100_000).on("2026-03-02"),
    )
    .await;
    send(
        http,
        &cmd::close_budget(dana, off_plan, 80_000).on("2026-04-30"),
    )
    .await;

    let project = async |kind: &str, started: &str, completed: Option<&str>| {
        let id = Uuid::now_v7();
        let start = cmd::start_project(id, dana, sponsor, Some(erg))
            .with("kind", kind)
            .on(started);
        let mut events = send(http, &start).await;
        if let Some(day) = completed {
            let sign_off = cmd::complete_project(sponsor, id, "Done and signed off").on(day);
            events.extend(send(http, &sign_off).await);
        }
        events
    };
    let panel = project("panel", "2026-03-01", Some("2026-05-15")).await;
    let annual_plan = project("annual-plan", "2026-04-01", Some("2026-06-30")).await;
    let strategy = project("strategic-plan", "2026-05-01", Some("2026-09-30")).await;
    // Never signed off: no evidence.
    project("cross-functional", "2026-06-01", None).await;

    send(http, &link_lms_account(hr, dana, LMS, "dana")).await;
    let certification = record(
        http,
        front,
        statement(
            LMS,
            "dana",
            ACHIEVED,
            (CERTIFICATION, CERTIFICATE_TYPE),
            "2026-06-15T10:00:00+02:00",
        ),
    )
    .await;
    let strategy_module = record(
        http,
        front,
        statement(
            LMS,
            "dana",
            COMPLETED,
            (&format!("{COURSES}/strategic-planning"), MODULE_TYPE),
            "2026-04-20T09:00:00+02:00",
        ),
    )
    .await;
    let budget_module = record(
        http,
        front,
        statement(
            LMS,
            "dana",
            COMPLETED,
            (&format!("{COURSES}/budget-management"), MODULE_TYPE),
            "2026-05-02T08:00:00Z",
        ),
    )
    .await;

    // Two mentorships the mentees confirmed, one still running.
    let mut mentorships: [Vec<Uuid>; 2] = [Vec::new(), Vec::new()];
    for ((mentee, events), done) in mentees
        .iter()
        .zip(&mut mentorships)
        .zip(["2026-07-01", "2026-08-01"])
    {
        let id = Uuid::now_v7();
        events.extend(
            send(
                http,
                &start_mentorship(hr, id, dana, *mentee, "developing-others").on("2026-02-01"),
            )
            .await,
        );
        if done == "2026-07-01" {
            events.extend(
                send(
                    http,
                    &record_milestone(dana, id, "First circle held").on("2026-04-01"),
                )
                .await,
            );
        }
        events.extend(send(http, &complete_mentorship(*mentee, id).on(done)).await);
    }
    let running = Uuid::now_v7();
    send(
        http,
        &start_mentorship(hr, running, dana, mentees[0], "budget-management").on("2026-09-01"),
    )
    .await;
    send(
        http,
        &record_milestone(dana, running, "Budget drafted").on("2026-10-01"),
    )
    .await;

    Dana {
        id: dana,
        mentees,
        chair,
        budget_on_plan,
        panel,
        annual_plan,
        strategy,
        certification,
        strategy_module,
        budget_module,
        mentorships,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn levels_follow_the_default_framework_and_read_the_same_over_nats() {
    let nats = nats_server();
    let node = Node::start_with(&nats.url(), trusting(&[LMS])).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let erg = Uuid::now_v7();
    send(
        http,
        &cmd::register_erg(Uuid::now_v7(), erg, "Veterans in Tech").on("2026-01-05"),
    )
    .await;
    let dana = record_dana(http, &front, erg).await;

    let answer = levels(http, dana.id, "2027-03-01").await;
    let entry = |id: &str, level: u32, evidence: Vec<Uuid>| json!({"id": id, "level": level, "verified": level > 0, "evidence": sorted(evidence)});
    let all_projects: Vec<Uuid> = [&dana.panel, &dana.annual_plan, &dana.strategy]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let plans: Vec<Uuid> = [&dana.annual_plan, &dana.strategy]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let expected = json!({
        "employee_id": dana.id,
        "as_of": "2027-03-01",
        "framework_id": "erg-leadership",
        "framework_version": "2026.1",
        "competencies": [
            // Chair since 2026-01-10, over 12 months by 2027-03-01, plus the ERG Leadership
            // certification from the trusted LMS: level 3.
            entry("community-leadership", 3, [dana.chair.clone(), vec![dana.certification]].concat()),
            // One budget closed within 10%; level 2 needs two (the other closed 20% off plan),
            // even though its module is done.
            entry("budget-management", 1, dana.budget_on_plan.clone()),
            // One panel; level 2 needs two speaking projects and a module.
            entry("public-speaking", 1, dana.panel.clone()),
            // Annual plan and strategic plan signed off, the module, 12 months as chair and the
            // certification: every level, 3.
            entry(
                "strategic-planning",
                3,
                [plans.clone(), dana.chair.clone(), vec![dana.certification, dana.strategy_module]].concat(),
            ),
            // Three projects, but no stakeholder-influence module for level 2.
            entry("stakeholder-influence", 1, all_projects.clone()),
            // Two mentorships confirmed by their mentees (the third is still running); level 2
            // needs three, or one and six months as mentorship lead.
            entry("developing-others", 1, dana.mentorships.concat()),
            // Three projects signed off: level 2; level 3 needs six.
            entry("delivery", 2, all_projects),
        ],
    });
    assert_eq!(answer, expected);

    // NATS answers the same bytes' worth of JSON.
    let over_nats = front
        .query_with(
            "competencies",
            &json!({"id": dana.id, "as_of": "2027-03-01"}),
        )
        .await;
    assert_eq!(over_nats.status, 200, "{over_nats:?}");
    assert_eq!(over_nats.body, expected);

    // Earlier dates see less: tenure is counted up to as_of, and later evidence is not there.
    for (as_of, expected) in [
        // Chair for 7 months and 22 days: level 2 in community leadership, not 3. Plans:
        // the annual plan and the module, not yet the strategic plan. Two projects only.
        ("2026-09-01", [2, 1, 1, 2, 1, 1, 1]),
        // Chair from 2026-01-10 through 2026-04-09 is exactly 3 calendar months.
        ("2026-04-09", [1, 1, 0, 0, 0, 0, 0]),
        // One day short.
        ("2026-04-08", [0, 1, 0, 0, 0, 0, 0]),
        ("2026-01-09", [0, 0, 0, 0, 0, 0, 0]),
    ] {
        let answer = levels(http, dana.id, as_of).await;
        assert_eq!(answer["as_of"], as_of);
        assert_eq!(
            level_map(&answer),
            expected_levels(expected),
            "as of {as_of}"
        );
    }

    // Someone with no evidence at all: every competency at level 0.
    let nobody = Uuid::now_v7();
    let answer = levels(http, nobody, "2027-03-01").await;
    let zeros: Vec<Value> = COMPETENCIES
        .iter()
        .map(|id| json!({"id": id, "level": 0, "verified": false, "evidence": []}))
        .collect();
    assert_eq!(answer["competencies"], json!(zeros));
    assert_eq!(answer["employee_id"], json!(nobody));

    // The mentees' side of a mentorship is their own account of it: claimed, and nothing.
    let mentee = dana.mentees[0];
    let seq = http.stream_last_seq().await;
    let evidence = http
        .query(&format!("/v1/employees/{mentee}/evidence"), seq)
        .await;
    let kinds: Vec<(&str, bool)> = evidence.body["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap(),
                e["verified"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, [("mentorship-received", false)]);
    assert!(
        level_map(&levels(http, mentee, "2027-03-01").await)
            .values()
            .all(|l| *l == 0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explain_gives_each_rule_its_events_and_what_is_missing() {
    let nats = nats_server();
    let node = Node::start_with(&nats.url(), trusting(&[LMS])).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let erg = Uuid::now_v7();
    send(
        http,
        &cmd::register_erg(Uuid::now_v7(), erg, "Pride Network").on("2026-01-05"),
    )
    .await;
    let dana = record_dana(http, &front, erg).await;

    let answer = explain(http, dana.id, "budget-management", "2027-03-01").await;
    let expected = json!({
        "competency": "budget-management",
        "name": "Budget management",
        "level": 1,
        "as_of": "2027-03-01",
        "framework_version": "2026.1",
        "levels": [
            {
                "level": 1,
                "name": "Emerging",
                "met": true,
                "granted": true,
                "rule": "owned 1 budget approved by someone other than the owner and closed \
                         within 10% of plan",
                "event_ids": sorted(dana.budget_on_plan.clone()),
            },
            {
                "level": 2,
                "name": "Practising",
                "met": false,
                "granted": false,
                "rule": "all of [owned 2 budgets approved by someone other than the owner and \
                         closed within 10% of plan; completed module \
                         https://lms.example.org/courses/erg-leadership/budget-management]",
                // The budget closed 20% off plan is not among the events.
                "event_ids": sorted([dana.budget_on_plan.clone(), vec![dana.budget_module]].concat()),
                "missing": "needs 1 more budget closed within 10% of plan",
            },
            {
                "level": 3,
                "name": "Leading",
                "met": false,
                "granted": false,
                "rule": "all of [owned 4 budgets approved by someone other than the owner and \
                         closed within 5% of plan; held treasurer or chair for at least 12 months]",
                "event_ids": sorted(dana.chair.clone()),
                "missing": "needs 4 more budgets closed within 5% of plan",
            },
        ],
        "claimed": [],
    });
    assert_eq!(answer, expected);
    let over_nats = front
        .query_with(
            "explain",
            &json!({"id": dana.id, "competency": "budget-management", "as_of": "2027-03-01"}),
        )
        .await;
    assert_eq!(over_nats.status, 200, "{over_nats:?}");
    assert_eq!(over_nats.body, expected);

    // A day short of three months as chair, the explanation counts the day.
    let early = explain(http, dana.id, "community-leadership", "2026-04-08").await;
    assert_eq!(early["level"], 0);
    assert_eq!(early["levels"][0]["met"], false);
    assert_eq!(early["levels"][0]["event_ids"], json!(dana.chair));
    assert_eq!(
        early["levels"][0]["missing"],
        "needs 1 more day as committee-member, event-lead, co-chair, treasurer, \
         mentorship-lead or chair"
    );
    let granted: Vec<bool> =
        explain(http, dana.id, "community-leadership", "2027-03-01").await["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                assert!(
                    l.get("missing").is_none(),
                    "a met level misses nothing: {l}"
                );
                l["granted"].as_bool().unwrap()
            })
            .collect();
    assert_eq!(granted, [true, true, true]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claimed_evidence_is_shown_and_never_grants_a_level() {
    let nats = nats_server();
    let node = Node::start_with(&nats.url(), trusting(&[LMS])).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let (hr, casey) = (Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();
    send(
        http,
        &cmd::register_erg(hr, erg, "Disability Alliance").on("2025-01-01"),
    )
    .await;

    // Casey appoints herself treasurer, and an LMS the node does not trust reports her
    // certification and a module: all of it claimed.
    let own_role = send(
        http,
        &cmd::assign_role(casey, erg, casey, "treasurer", "2025-01-01"),
    )
    .await;
    send(http, &link_lms_account(hr, casey, UNTRUSTED_LMS, "casey")).await;
    let certification = record(
        http,
        &front,
        statement(
            UNTRUSTED_LMS,
            "casey",
            ACHIEVED,
            (CERTIFICATION, CERTIFICATE_TYPE),
            "2026-02-01T10:00:00Z",
        ),
    )
    .await;
    let module = record(
        http,
        &front,
        statement(
            UNTRUSTED_LMS,
            "casey",
            COMPLETED,
            (&format!("{COURSES}/strategic-planning"), MODULE_TYPE),
            "2026-03-01T10:00:00Z",
        ),
    )
    .await;

    let seq = http.stream_last_seq().await;
    let evidence = http
        .query(&format!("/v1/employees/{casey}/evidence"), seq)
        .await;
    let shown: Vec<(&str, &str, bool)> = evidence.body["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap(),
                e["attested_by"].as_str().unwrap(),
                e["verified"].as_bool().unwrap(),
            )
        })
        .collect();
    let casey_text = casey.to_string();
    assert_eq!(
        shown,
        [
            ("erg-role", casey_text.as_str(), false),
            (
                "certification-awarded",
                "lms:https://untrusted.example.net",
                false
            ),
            (
                "module-completed",
                "lms:https://untrusted.example.net",
                false
            ),
        ]
    );

    // Two years as treasurer, a certification and a module would be levels 2 in community
    // leadership and 1 in strategic planning, were any of it verified.
    let answer = levels(http, casey, "2027-03-01").await;
    assert_eq!(level_map(&answer), expected_levels([0; 7]));

    let community = explain(http, casey, "community-leadership", "2027-03-01").await;
    assert_eq!(community["level"], 0);
    assert_eq!(community["levels"][0]["met"], false);
    assert_eq!(community["levels"][0]["event_ids"], json!([]));
    assert_eq!(
        community["levels"][0]["missing"],
        "needs 3 months as committee-member, event-lead, co-chair, treasurer, mentorship-lead \
         or chair"
    );
    assert_eq!(
        community["claimed"],
        json!([
            {"kind": "erg-role", "effective_date": "2025-01-01", "event_ids": own_role},
            {"kind": "certification-awarded", "effective_date": "2026-02-01", "event_ids": [certification]},
        ])
    );
    let strategy = explain(http, casey, "strategic-planning", "2027-03-01").await;
    assert_eq!(strategy["level"], 0);
    assert_eq!(
        strategy["claimed"],
        json!([
            {"kind": "certification-awarded", "effective_date": "2026-02-01", "event_ids": [certification]},
            {"kind": "module-completed", "effective_date": "2026-03-01", "event_ids": [module]},
        ])
    );
}
