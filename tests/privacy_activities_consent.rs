//! The privacy rules beyond an ERG's own evidence: learning from the LMS activities a
//! sensitive ERG runs, consent judged by its effective date, and `ladder query --data`
//! answering as the role asked.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::privacy::{
    OPEN_NAME, SENSITIVE_NAME, World, assert_shown, assert_withheld, items, ok,
};
use ladder_tests::{Callers, Node, cmd, nats_server};
use serde_json::{Value, json};

/// Learning records from activities the planning file assigns to an ERG (its events,
/// its courses) name the group in their activity ids: for a sensitive ERG, planners
/// read them withheld like the ERG's own evidence until the employee consents.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn learning_from_a_sensitive_ergs_activities_is_withheld_without_consent() {
    use ladder_tests::development::link_lms_account;
    use ladder_tests::xapi::{ATTENDED, body, statement};

    const LMS: &str = "https://lms.example.org";
    const MEETING: &str = "http://adlnet.gov/expapi/activities/meeting";
    const PRIDE_EVENT: &str = "https://lms.example.org/events/pride-at-work/2025-q1";
    const CLUB_EVENT: &str = "https://lms.example.org/events/toastmasters/2025-q2";
    let nats = nats_server();
    let callers = Callers::new();
    let world = World::new();
    let planning = format!(
        r#"
[[erg_activities]]
erg_id = "{}"
activity_prefix = "https://lms.example.org/events/pride-at-work/"

[[erg_activities]]
erg_id = "{}"
activity_prefix = "https://lms.example.org/events/toastmasters/"
"#,
        world.sensitive, world.open
    );
    let options = ladder_tests::NodeOptions {
        planning: ladder_service::PlanningConfig::from_toml(&planning).unwrap(),
        ..ladder_tests::xapi::trusting(&[LMS])
    };
    let options = ladder_tests::NodeOptions {
        tokens: callers.options().tokens,
        ..options
    };
    let node = Node::start_with(&nats.url(), options).await;
    let publisher = node.http().with_token(&callers.publisher);
    let hr = world.hr;
    for command in [
        cmd::register_erg(hr, world.sensitive, SENSITIVE_NAME).with("sensitive", true),
        cmd::register_erg(hr, world.open, OPEN_NAME),
        link_lms_account(hr, world.employee, LMS, "learner-7"),
    ] {
        publisher.send(&command).await.accepted();
    }
    let statements = json!([
        statement(
            LMS,
            "learner-7",
            ATTENDED,
            (PRIDE_EVENT, MEETING),
            "2025-03-01T18:00:00Z"
        ),
        statement(
            LMS,
            "learner-7",
            ATTENDED,
            (CLUB_EVENT, MEETING),
            "2025-05-01T18:00:00Z"
        ),
    ]);
    let reply = publisher
        .post("/v1/xapi/statements", body(&statements))
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    let seq = node.http().stream_last_seq().await;
    let planner = node.http().with_token(&callers.planner);
    let admin = node.http().with_token(&callers.admin);
    let attended = |evidence: &Value, context: &str| -> (Value, Value) {
        let found = items(evidence, "event-attended");
        assert_eq!(found.len(), 2, "{context}: {evidence:#}");
        let by_date =
            |date: &str| (*found.iter().find(|e| e["effective_date"] == date).unwrap()).clone();
        (by_date("2025-03-01"), by_date("2025-05-01"))
    };

    let evidence = ok(planner.get(&world.evidence_path(seq)).await, "planner");
    assert!(
        !evidence.to_string().contains("pride-at-work"),
        "{evidence:#}"
    );
    let (pride, club) = attended(&evidence, "planner");
    assert_eq!(
        pride["activity_id"], "an activity of an employee network",
        "{pride}"
    );
    assert_eq!(pride["erg"], "an employee network", "{pride}");
    assert_eq!(pride["verified"], true, "{pride}");
    assert_eq!(
        club["activity_id"], CLUB_EVENT,
        "an open ERG's activity: {club}"
    );
    assert!(club.get("erg").is_none(), "{club}");

    let full = ok(admin.get(&world.evidence_path(seq)).await, "admin");
    let (pride, _) = attended(&full, "admin");
    assert_eq!(pride["activity_id"], PRIDE_EVENT, "{pride}");

    let seq = publisher
        .send(&world.consent("grant-visibility-consent"))
        .await
        .accepted()
        .stream_seq;
    let consented = ok(planner.get(&world.evidence_path(seq)).await, "planner");
    let (pride, _) = attended(&consented, "planner after consent");
    assert_eq!(pride["activity_id"], PRIDE_EVENT, "{pride}");
}

/// Consent and its withdrawal hold from their effective dates, judged today: a consent
/// dated in the future shows nothing yet, a withdrawal dated in the future hides nothing
/// yet, and a change dated before the last one is refused (it could take no effect).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consent_holds_from_its_effective_date() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let publisher = node.http().with_token(&callers.publisher);
    let planner = node.http().with_token(&callers.planner);
    let (early, late) = (World::new(), World::new());
    for world in [&early, &late] {
        for command in world.commands() {
            publisher.send(&command).await.accepted();
        }
    }
    let steps = [
        (&late, "grant-visibility-consent", "2199-01-01", false),
        (&late, "withdraw-visibility-consent", "2199-06-01", false),
        (&early, "grant-visibility-consent", "2020-01-01", true),
        (&early, "withdraw-visibility-consent", "2199-06-01", true),
    ];
    for (world, name, on, shown) in steps {
        let seq = publisher
            .send(&world.consent(name).on(on))
            .await
            .accepted()
            .stream_seq;
        let evidence = ok(planner.get(&world.evidence_path(seq)).await, "planner");
        let context = format!("after {name} dated {on}");
        if shown {
            assert_shown(world, &evidence, &context);
        } else {
            assert_withheld(world, &evidence, &context);
        }
    }
    let backdated = publisher
        .send(&early.consent("grant-visibility-consent").on("2026-01-01"))
        .await;
    assert_eq!(backdated.status, 422, "{backdated:?}");
    assert_eq!(backdated.body["code"], "date-out-of-order", "{backdated:?}");
}

/// `ladder query --data` reads a data directory directly: as an admin by default (whoever
/// opens the files could read them), as a planner with `--as planner`; a `min_seq` the
/// directory does not hold is refused, not ignored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_from_a_data_directory_answers_as_the_role_asked() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let world = World::new();
    let mut seq = 0;
    for command in world.commands() {
        seq = node.http().send(&command).await.accepted().stream_seq;
    }
    // The answer over HTTP waits for the projector; the directory then holds `seq`.
    ok(node.http().get(&world.evidence_path(seq)).await, "admin");
    let data = node.data_dir().to_str().unwrap().to_owned();
    let employee = world.employee.to_string();
    let query = |extra: &[&str]| {
        let mut args = vec![
            "query",
            "evidence",
            employee.as_str(),
            "--data",
            data.as_str(),
        ];
        args.extend_from_slice(extra);
        std::process::Command::new(ladder_tests::LadderProcess::binary())
            .args(&args)
            .env_remove("LADDER_CONFIG")
            .output()
            .unwrap()
    };
    let answer = |output: &std::process::Output| -> Value {
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };

    assert_shown(&world, &answer(&query(&[])), "--data");
    assert_shown(&world, &answer(&query(&["--as", "admin"])), "--as admin");
    assert_withheld(
        &world,
        &answer(&query(&["--as", "planner"])),
        "--as planner",
    );

    let beyond = query(&["--min-seq", "1000000"]);
    assert_eq!(beyond.status.code(), Some(1));
    let refusal: Value = serde_json::from_slice(&beyond.stdout).unwrap();
    assert_eq!(refusal["code"], "unavailable", "{refusal}");
    assert!(
        refusal["message"]
            .as_str()
            .unwrap()
            .contains(&format!("end at stream sequence {seq}")),
        "{refusal}"
    );
}
