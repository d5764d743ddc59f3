//! Competency levels on explicit dates: tenure counts from the term start whatever order
//! the assignments arrive in, in calendar months that clamp at month ends (leap years
//! included), and a malformed `as_of` or an unknown competency is refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::competency::{explain, level_map, levels};
use ladder_tests::{Cmd, Http, NatsFront, Node, cmd, nats_server};
use serde_json::json;
use uuid::Uuid;

async fn send(http: &Http, command: &Cmd) -> Vec<Uuid> {
    http.send(command).await.accepted().event_ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tenure_counts_from_the_term_start_in_calendar_months() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let (hr, erg) = (Uuid::now_v7(), Uuid::now_v7());
    send(
        http,
        &cmd::register_erg(hr, erg, "Parents at Work").on("2023-01-01"),
    )
    .await;

    // Frank's committee seat from March 2026 arrives first; his treasurer term from June 2025
    // arrives later, recorded in March 2026. Tenure counts from the term start.
    let frank = Uuid::now_v7();
    send(
        http,
        &cmd::assign_role(hr, erg, frank, "committee-member", "2026-03-01").on("2026-03-01"),
    )
    .await;
    let treasurer = send(
        http,
        &cmd::assign_role(hr, erg, frank, "treasurer", "2025-06-01").on("2026-03-05"),
    )
    .await;
    for (as_of, level) in [
        // 2025-06-01 + 3 months = 2025-09-01, reached with 2025-08-31 as the last day held.
        ("2025-08-30", 0),
        ("2025-08-31", 1),
        // Six months as treasurer by 2025-11-30.
        ("2025-11-29", 1),
        ("2025-11-30", 2),
        ("2026-01-01", 2),
    ] {
        let answer = levels(http, frank, as_of).await;
        assert_eq!(
            level_map(&answer)["community-leadership"],
            level,
            "frank as of {as_of}"
        );
    }
    let reasons = explain(http, frank, "community-leadership", "2026-01-01").await;
    assert_eq!(reasons["levels"][1]["event_ids"], json!(treasurer));

    // A term from the last day of November: + 3 months clamps to the end of February,
    // in a common and in a leap year.
    for (start, short, reached) in [
        ("2025-11-30", "2026-02-26", "2026-02-27"),
        ("2023-11-30", "2024-02-27", "2024-02-28"),
    ] {
        let member = Uuid::now_v7();
        send(
            http,
            &cmd::assign_role(hr, erg, member, "committee-member", start).on(start),
        )
        .await;
        for (as_of, level) in [(short, 0), (reached, 1)] {
            let answer = levels(http, member, as_of).await;
            assert_eq!(
                level_map(&answer)["community-leadership"],
                level,
                "term from {start}, as of {as_of}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_dates_and_unknown_competencies_are_refused() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let someone = Uuid::now_v7();

    for as_of in [
        "2027-3-1",
        "2027-02-30",
        "yesterday",
        "2027-03-01T00:00:00Z",
        "20270301",
    ] {
        for path in [
            format!("/v1/employees/{someone}/competencies?as_of={as_of}"),
            format!("/v1/employees/{someone}/competencies/delivery/explain?as_of={as_of}"),
        ] {
            let reply = http.get(&path).await;
            assert_eq!(reply.status, 400, "{path}: {reply:?}");
            assert_eq!(reply.body["status"], "invalid", "{path}");
            assert_eq!(reply.body["field"], "as_of", "{path}");
        }
    }
    let reply = front
        .query_with(
            "competencies",
            &json!({"id": someone, "as_of": "2027-13-01"}),
        )
        .await;
    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(reply.body["field"], "as_of");

    let reply = http
        .get(&format!(
            "/v1/employees/{someone}/competencies/juggling/explain?as_of=2027-03-01"
        ))
        .await;
    assert_eq!(reply.status, 404, "{reply:?}");
    assert_eq!(reply.body["status"], "not-found");
    assert!(reply.body["message"].as_str().unwrap().contains("juggling"));
    let reply = front
        .query_with(
            "explain",
            &json!({"id": someone, "competency": "juggling", "as_of": "2027-03-01"}),
        )
        .await;
    assert_eq!(reply.status, 404, "{reply:?}");

    let reply = http
        .get("/v1/employees/not-a-uuid/competencies?as_of=2027-03-01")
        .await;
    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(reply.body["field"], "id");
}
