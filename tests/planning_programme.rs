//! Recommendations from declared interests through a configured interest table, and the
//! programme metrics with small groups suppressed, recorded through real commands and xAPI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_service::PlanningConfig;
use ladder_tests::development::link_lms_account;
use ladder_tests::xapi::{COMPLETED, MODULE_TYPE, body, post_statements, statement, trusting};
use ladder_tests::{Cmd, Http, NatsFront, Node, NodeOptions, cmd, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

const LMS: &str = "https://lms.example.org";
const VETERANS_PATH: &str = "https://lms.example.org/paths/veterans-in-tech";
const SPEAKING_PATH: &str = "https://lms.example.org/courses/erg-leadership/public-speaking";

fn planning(veterans_erg: Uuid) -> PlanningConfig {
    PlanningConfig::from_toml(&format!(
        r#"
[interests.veterans]
label = "Veterans"
ergs = [{{ erg_id = "{veterans_erg}", label = "Veterans in Tech" }}]
learning_paths = [{{ name = "Veterans in Tech learning path", activity_id = "{VETERANS_PATH}" }}]

[interests.public-speaking]
learning_paths = [{{ name = "ERG Leadership: public speaking", activity_id = "{SPEAKING_PATH}" }}]
"#
    ))
    .unwrap()
}

fn onboard(hris: Uuid, employee: Uuid, interests: &[&str]) -> Cmd {
    Cmd::new(
        "onboard-employee",
        hris,
        json!({
            "employee_id": employee,
            "hire_date": "2024-01-01",
            "org_unit": "eng-platform",
            "job_level": "L4",
            "interests": interests,
        }),
    )
}

async fn send(http: &Http, command: Cmd) -> u64 {
    http.send(&command).await.accepted().stream_seq
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recommendations_follow_declared_interests_through_the_configured_table() {
    let nats = nats_server();
    let veterans_erg = Uuid::now_v7();
    let node = Node::start_with(
        &nats.url(),
        NodeOptions {
            planning: planning(veterans_erg),
            ..NodeOptions::default()
        },
    )
    .await;
    let http = node.http();
    let hris = Uuid::now_v7();
    let (declared, quiet, never) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());

    send(
        http,
        onboard(hris, declared, &["veterans", "public-speaking"]),
    )
    .await;
    let seq = send(http, onboard(hris, quiet, &[])).await;
    // An interest outside the table is refused at onboarding, so none can be stored.
    http.send(&onboard(hris, never, &["chess"]))
        .await
        .assert_rejected("unknown-interest");

    let reply = http
        .get(&format!(
            "/v1/employees/{declared}/recommendations?min_seq={seq}"
        ))
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(
        reply.body,
        json!({
            "employee_id": declared,
            "interests": ["public-speaking", "veterans"],
            "ergs": [{"erg_id": veterans_erg, "label": "Veterans in Tech", "because": ["veterans"]}],
            "learning_paths": [
                {"name": "ERG Leadership: public speaking", "activity_id": SPEAKING_PATH, "because": ["public-speaking"]},
                {"name": "Veterans in Tech learning path", "activity_id": VETERANS_PATH, "because": ["veterans"]},
            ],
            "unmatched_interests": [],
        })
    );
    let front = NatsFront::connect(&nats.url()).await;
    let over_nats = front.query("recommendations", declared, seq).await;
    assert_eq!(over_nats.body, reply.body);

    let reply = http
        .get(&format!("/v1/employees/{quiet}/recommendations"))
        .await;
    assert_eq!(reply.body["ergs"], json!([]));
    assert_eq!(reply.body["learning_paths"], json!([]));

    let reply = http
        .get(&format!("/v1/employees/{never}/recommendations"))
        .await;
    assert_eq!(reply.status, 404, "never onboarded: {reply:?}");
}

/// Suppressed: `{"suppressed": true, "reason": …}` and nothing else, certainly no zero.
fn assert_suppressed(figure: &Value, reason: &str) {
    let object = figure.as_object().unwrap_or_else(|| panic!("{figure}"));
    assert_eq!(object.len(), 2, "{figure}");
    assert_eq!(figure["suppressed"], true, "{figure}");
    let text = figure["reason"].as_str().unwrap();
    assert!(text.contains(reason), "`{text}` says `{reason}`");
}

async fn metrics(http: &Http) -> Value {
    let seq = http.stream_last_seq().await;
    let reply = http
        .get(&format!(
            "/v1/metrics/programme?from=2026-01-01&to=2026-12-31&min_seq={seq}"
        ))
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn programme_metrics_suppress_small_groups_and_their_complements() {
    let nats = nats_server();
    let node = Node::start_with(&nats.url(), trusting(&[LMS])).await;
    let http = node.http();
    let (hr, planner) = (Uuid::now_v7(), Uuid::now_v7());
    let erg = Uuid::now_v7();
    send(
        http,
        cmd::register_erg(hr, erg, "Veterans in Tech").on("2025-01-01"),
    )
    .await;

    // Given six ERG participants and three other employees
    let participants: Vec<Uuid> = (0..6).map(|_| Uuid::now_v7()).collect();
    let others: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
    for &p in &participants {
        send(http, onboard(hr, p, &[])).await;
        send(
            http,
            cmd::assign_role(hr, erg, p, "committee-member", "2026-02-01").on("2026-02-01"),
        )
        .await;
    }
    for &o in &others {
        send(http, onboard(hr, o, &[])).await;
    }
    // ... two participants and one other completing a module in the period, from a trusted LMS
    for (n, &who) in [participants[0], participants[1], others[0]]
        .iter()
        .enumerate()
    {
        let account = format!("learner-{n}");
        send(http, link_lms_account(hr, who, LMS, &account)).await;
        let completed = statement(
            LMS,
            &account,
            COMPLETED,
            (&format!("{LMS}/courses/module-{n}"), MODULE_TYPE),
            "2026-03-15T10:00:00Z",
        );
        let reply = post_statements(http, body(&completed)).await;
        assert_eq!(reply.statuses(), ["accepted"], "{:?}", reply.reply);
    }
    // ... and five positions filled, all by participants
    for &p in &participants[..5] {
        let position = Uuid::now_v7();
        send(
            http,
            Cmd::new(
                "define-position",
                planner,
                json!({
                    "position_id": position,
                    "title": "Team lead",
                    "criticality": "high",
                    "requirements": [{"competency": "delivery", "level": 1}],
                }),
            ),
        )
        .await;
        send(
            http,
            Cmd::new(
                "fill-position",
                planner,
                json!({"position_id": position, "employee_id": p}),
            )
            .on("2026-04-01"),
        )
        .await;
    }

    // When the programme metrics of 2026 are asked for
    let m = metrics(http).await;

    // Then three others are too few: their figure is suppressed, and so is the participants'
    // (with the overall figure it would give theirs by subtraction); the overall stays
    let velocity = &m["learning_velocity"];
    assert_suppressed(
        &velocity["everyone_else"],
        "employees outside ERGs in the period are fewer than 5",
    );
    assert_suppressed(&velocity["erg_participants"], "complementary suppression");
    assert_eq!(velocity["overall"]["people"], 9);
    assert_eq!(velocity["overall"]["completions"], 3);
    // Every fill was internal and by a participant: the overall rate stands, but the
    // participants' share would say that each of those five movers is in an ERG
    assert_eq!(
        m["internal_mobility"]["overall"],
        json!({"filled": 5, "filled_internally": 5, "rate": 1.0})
    );
    assert_suppressed(
        &m["internal_mobility"]["erg_participants"],
        "complementary suppression",
    );
    assert_suppressed(
        &m["recruitment_savings"]["savings"],
        "external hires with a cost in the currency are fewer than 5",
    );
    assert_eq!(m["min_group_size"], 5);

    // When three more employees join, both groups reach five and the split is shown
    for _ in 0..3 {
        send(http, onboard(hr, Uuid::now_v7(), &[])).await;
    }
    let m = metrics(http).await;
    let velocity = &m["learning_velocity"];
    let quarters = 365.0 / 91.3125;
    let participants = &velocity["erg_participants"];
    assert_eq!(participants["people"], 6);
    assert_eq!(participants["completions"], 2);
    assert_eq!(
        participants["per_person_per_quarter"].as_f64().unwrap(),
        (2.0 / 6.0 / quarters * 1000.0_f64).round() / 1000.0
    );
    assert_eq!(velocity["everyone_else"]["people"], 6);
    assert_eq!(velocity["everyone_else"]["completions"], 1);
    assert_eq!(velocity["overall"]["people"], 12);
}
