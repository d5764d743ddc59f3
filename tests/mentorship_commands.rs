//! Mentorships over the command API: who may start, progress and confirm one, what a
//! mentorship looks like afterwards, and the evidence it leaves on each side.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_tests::development::{complete_mentorship, record_milestone, start_mentorship};
use ladder_tests::{NatsFront, Node, nats_server};
use serde_json::json;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_mentee_confirms_a_mentorship_on_a_framework_competency() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let front = NatsFront::connect(&nats.url()).await;
    let (lead, mentor, mentee) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let mentorship = Uuid::now_v7();

    // The focus must be a competency of the active framework.
    http.send(&start_mentorship(
        lead, mentorship, mentor, mentee, "juggling",
    ))
    .await
    .assert_rejected("unknown-competency");
    http.send(&start_mentorship(
        lead,
        mentorship,
        mentor,
        mentor,
        "public-speaking",
    ))
    .await
    .assert_rejected("mentor-is-mentee");
    // Nothing exists yet to progress.
    http.send(&record_milestone(mentor, mentorship, "Met once"))
        .await
        .assert_rejected("unknown-mentorship");

    let start = http
        .send(
            &start_mentorship(lead, mentorship, mentor, mentee, "public-speaking").on("2026-02-01"),
        )
        .await
        .accepted();
    let milestone = http
        .send(&record_milestone(mentor, mentorship, "First talk rehearsed").on("2026-03-15"))
        .await
        .accepted();
    // Neither the mentor nor the programme lead can confirm on the mentee's behalf.
    for someone_else in [mentor, lead] {
        http.send(&complete_mentorship(someone_else, mentorship))
            .await
            .assert_rejected("only-mentee-can-complete");
    }
    let complete = http
        .send(&complete_mentorship(mentee, mentorship).on("2026-05-31"))
        .await
        .accepted();
    http.send(&record_milestone(mentor, mentorship, "One more"))
        .await
        .assert_rejected("mentorship-already-completed");
    http.send(&complete_mentorship(mentee, mentorship))
        .await
        .assert_rejected("mentorship-already-completed");

    let seq = complete.stream_seq;
    let view = http
        .query(&format!("/v1/mentorships/{mentorship}"), seq)
        .await;
    assert_eq!(view.status, 200, "{view:?}");
    let expected = json!({
        "mentorship_id": mentorship,
        "mentor_id": mentor,
        "mentee_id": mentee,
        "focus_competency": "public-speaking",
        "status": "completed",
        "started_on": "2026-02-01",
        "milestones": [{"date": "2026-03-15", "summary": "First talk rehearsed"}],
        "completed_on": "2026-05-31",
        "event_ids": [start.event_ids[0], milestone.event_ids[0], complete.event_ids[0]],
    });
    assert_eq!(view.body, expected);
    assert_eq!(
        front.query("mentorship", mentorship, seq).await.body,
        expected
    );
    let unknown = http
        .get(&format!("/v1/mentorships/{}", Uuid::now_v7()))
        .await;
    assert_eq!(unknown.status, 404, "{unknown:?}");

    // The mentee's confirmation verifies what the mentor gave; what the mentee received is
    // their own account of it.
    let events = [
        start.event_ids[0],
        milestone.event_ids[0],
        complete.event_ids[0],
    ];
    for (employee, kind, counterpart, verified) in [
        (mentor, "mentorship-given", mentee, true),
        (mentee, "mentorship-received", mentor, false),
    ] {
        let evidence = http
            .query(&format!("/v1/employees/{employee}/evidence"), seq)
            .await;
        assert_eq!(
            evidence.body,
            json!({"employee_id": employee, "evidence": [{
                "kind": kind,
                "source_event_ids": events,
                "attested_by": mentee,
                "verified": verified,
                "effective_date": "2026-05-31",
                "mentorship_id": mentorship,
                "counterpart": counterpart,
                "focus_competency": "public-speaking",
            }]})
        );
    }
    // The mentor reaches level 1 of developing others from that day on.
    for (as_of, level) in [("2026-05-30", 0), ("2026-05-31", 1)] {
        let levels = http
            .get(&format!(
                "/v1/employees/{mentor}/competencies?as_of={as_of}"
            ))
            .await;
        let developing = levels.body["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "developing-others")
            .unwrap()
            .clone();
        assert_eq!(developing["level"], level, "as of {as_of}: {developing}");
    }
}
