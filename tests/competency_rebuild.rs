//! Levels are a function of the stream: for random but valid histories of roles, budgets,
//! projects, mentorships and xAPI learning records (some voided), the competency answers of
//! the live read models equal, byte for byte, those after `POST /v1/admin/rebuild`, at every
//! `as_of` date asked, and the rebuild reports models equal to the live ones.
//!
//! Talent pools read everyone's levels from the node's level cache, which a talent question
//! after every step brings forward commit by commit; at the end, every pool agrees with the
//! levels each person's own answer (assessed apart from the cache) gives.
//!
//! Each case drives a real nats-server and node, so the case count is small.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::civil::{Date, date};
use ladder_tests::competency::COMPETENCIES;
use ladder_tests::development::{
    complete_mentorship, link_lms_account, record_milestone, start_mentorship,
};
use ladder_tests::xapi::{
    ACHIEVED, ATTENDED, CERTIFICATE_TYPE, COMPLETED, MODULE_TYPE, body, post_statements, statement,
    trusting, void, with_id,
};
use ladder_tests::{Cmd, Http, Node, cmd, nats_server};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use uuid::Uuid;

const EMPLOYEES: usize = 3;
const ROLES: [&str; 6] = [
    "chair",
    "co-chair",
    "treasurer",
    "committee-member",
    "event-lead",
    "mentorship-lead",
];
const PROJECT_KINDS: [&str; 7] = [
    "panel",
    "town-hall",
    "speaker-series",
    "annual-plan",
    "strategic-plan",
    "cross-functional",
    "partnership",
];
const FOCUS: [&str; 3] = ["developing-others", "public-speaking", "budget-management"];
/// Verb, activity id and type of the learning records drawn from; most are ones the default
/// framework asks for.
const ACTIVITIES: [(&str, &str, &str); 6] = [
    (
        COMPLETED,
        "https://lms.example.org/courses/erg-leadership/budget-management",
        MODULE_TYPE,
    ),
    (
        COMPLETED,
        "https://lms.example.org/courses/erg-leadership/public-speaking",
        MODULE_TYPE,
    ),
    (
        COMPLETED,
        "https://lms.example.org/courses/erg-leadership/strategic-planning",
        MODULE_TYPE,
    ),
    (
        COMPLETED,
        "https://lms.example.org/courses/erg-leadership/stakeholder-influence",
        MODULE_TYPE,
    ),
    (
        ACHIEVED,
        "https://lms.example.org/certifications/erg-leadership",
        CERTIFICATE_TYPE,
    ),
    (
        ATTENDED,
        "https://lms.example.org/events/town-hall",
        "http://adlnet.gov/expapi/activities/meeting",
    ),
];
/// The dates the talent question after every step asks for.
const WARM_AS_OF: [&str; 2] = ["2025-09-30", "2027-12-31"];
const TRUSTED_LMS: &str = "https://lms.example.org";
const OTHER_LMS: &str = "https://other-lms.example.net";
/// Every history starts here; days are counted from it.
const EPOCH: Date = date(2024, 1, 1);
/// The dates the levels are compared at: before, during and after most histories.
const AS_OF: [&str; 5] = [
    "2024-03-31",
    "2024-12-31",
    "2025-09-30",
    "2026-06-30",
    "2027-12-31",
];

/// One step of a history. Indexes pick employees, roles, kinds and activities.
#[derive(Clone, Debug)]
enum Step {
    Role {
        who: usize,
        role: usize,
        start: i32,
        length: Option<i32>,
        self_assigned: bool,
    },
    Budget {
        owner: usize,
        approved: u64,
        spent_percent: u64,
        day: i32,
    },
    Project {
        lead: usize,
        kind: usize,
        day: i32,
        signed_off: bool,
    },
    Mentorship {
        mentor: usize,
        mentee_offset: usize,
        focus: usize,
        milestones: u8,
        day: i32,
        confirmed: bool,
    },
    Learning {
        who: usize,
        activity: usize,
        day: i32,
        trusted: bool,
    },
    Void {
        which: prop::sample::Index,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0..EMPLOYEES;
    let day = 0..1200i32;
    prop_oneof![
        3 => (who.clone(), 0..ROLES.len(), day.clone(), prop::option::of(20..500i32), prop::bool::weighted(0.2))
            .prop_map(|(who, role, start, length, self_assigned)| Step::Role {
                who, role, start, length, self_assigned,
            }),
        2 => (who.clone(), 10_000..500_000u64, 80..=125u64, day.clone()).prop_map(
            |(owner, approved, spent_percent, day)| Step::Budget { owner, approved, spent_percent, day }
        ),
        2 => (who.clone(), 0..PROJECT_KINDS.len(), day.clone(), prop::bool::weighted(0.8)).prop_map(
            |(lead, kind, day, signed_off)| Step::Project { lead, kind, day, signed_off }
        ),
        2 => (who.clone(), 1..EMPLOYEES, 0..FOCUS.len(), 0..3u8, day.clone(), prop::bool::weighted(0.8))
            .prop_map(|(mentor, mentee_offset, focus, milestones, day, confirmed)| Step::Mentorship {
                mentor, mentee_offset, focus, milestones, day, confirmed,
            }),
        2 => (who, 0..ACTIVITIES.len(), day, prop::bool::weighted(0.7)).prop_map(
            |(who, activity, day, trusted)| Step::Learning { who, activity, day, trusted }
        ),
        1 => any::<prop::sample::Index>().prop_map(|which| Step::Void { which }),
    ]
}

fn day(offset: i32) -> String {
    EPOCH
        .checked_add(jiff::Span::new().days(offset))
        .unwrap()
        .to_string()
}

/// The people and things a history is about, and what it recorded so far.
struct World {
    hr: Uuid,
    approver: Uuid,
    sponsor: Uuid,
    erg: Uuid,
    employees: [Uuid; EMPLOYEES],
    held: BTreeSet<(usize, usize)>,
    chair_taken: bool,
    /// Statement id, learner and LMS of every learning record, and whether it was voided.
    learning: Vec<(Uuid, usize, &'static str, bool)>,
}

async fn accept(http: &Http, command: &Cmd) {
    let reply = http.send(command).await;
    assert_eq!(reply.status, 200, "{}: {reply:?}", command.name);
}

async fn statement_accepted(http: &Http, statement: &Value) {
    let reply = post_statements(http, body(statement)).await;
    assert_eq!(reply.statuses(), ["accepted"], "{:?}", reply.reply);
}

impl World {
    async fn new(http: &Http) -> World {
        let world = World {
            hr: Uuid::now_v7(),
            approver: Uuid::now_v7(),
            sponsor: Uuid::now_v7(),
            erg: Uuid::now_v7(),
            employees: [Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7()],
            held: BTreeSet::new(),
            chair_taken: false,
            learning: Vec::new(),
        };
        accept(
            http,
            &cmd::register_erg(world.hr, world.erg, "Green Team").on("2023-12-01"),
        )
        .await;
        for (i, employee) in world.employees.iter().enumerate() {
            // Talent pools weigh employees only: the HRIS onboards everyone first.
            let hire = Cmd::new(
                "onboard-employee",
                world.hr,
                serde_json::json!({
                    "employee_id": employee, "hire_date": "2023-01-02", "org_unit": "finance",
                    "job_level": "L4", "interests": [],
                }),
            )
            .on("2023-01-02");
            accept(http, &hire).await;
            for lms in [TRUSTED_LMS, OTHER_LMS] {
                let link = link_lms_account(world.hr, *employee, lms, &format!("e{i}"));
                accept(http, &link).await;
            }
        }
        world
    }

    /// Records one step; steps that would be refused (a role held twice, a second chair,
    /// a void of nothing) are skipped, so every command sent must be accepted.
    async fn record(&mut self, http: &Http, step: &Step) {
        match step {
            Step::Role {
                who,
                role,
                start,
                length,
                self_assigned,
            } => {
                if !self.held.insert((*who, *role)) || (*role == 0 && self.chair_taken) {
                    return;
                }
                self.chair_taken |= *role == 0;
                let employee = self.employees[*who];
                let assigner = if *self_assigned { employee } else { self.hr };
                let first = day(*start);
                let assign = cmd::assign_role(assigner, self.erg, employee, ROLES[*role], &first);
                accept(http, &assign.on(&first)).await;
                if let Some(length) = length {
                    let last = day(start + length);
                    let end = cmd::end_role(self.hr, self.erg, employee, ROLES[*role], &last);
                    accept(http, &end.on(&last)).await;
                }
            }
            Step::Budget {
                owner,
                approved,
                spent_percent,
                day: opened,
            } => {
                let (budget, owner) = (Uuid::now_v7(), self.employees[*owner]);
                let request = cmd::request_budget(budget, self.erg, owner, approved + approved / 5);
                accept(http, &request.on(&day(*opened))).await;
                let approve = cmd::approve_budget(self.approver, budget, *approved);
                accept(http, &approve.on(&day(opened + 3))).await;
                let close = cmd::close_budget(owner, budget, approved * spent_percent / 100);
                accept(http, &close.on(&day(opened + 60))).await;
            }
            Step::Project {
                lead,
                kind,
                day: started,
                signed_off,
            } => {
                let project = Uuid::now_v7();
                let start = cmd::start_project(
                    project,
                    self.employees[*lead],
                    self.sponsor,
                    Some(self.erg),
                )
                .with("kind", PROJECT_KINDS[*kind]);
                accept(http, &start.on(&day(*started))).await;
                if *signed_off {
                    let complete = cmd::complete_project(self.sponsor, project, "Delivered");
                    accept(http, &complete.on(&day(started + 45))).await;
                }
            }
            Step::Mentorship {
                mentor,
                mentee_offset,
                focus,
                milestones,
                day: started,
                confirmed,
            } => {
                let id = Uuid::now_v7();
                let mentor_id = self.employees[*mentor];
                let mentee = self.employees[(mentor + mentee_offset) % EMPLOYEES];
                let start = start_mentorship(self.hr, id, mentor_id, mentee, FOCUS[*focus]);
                accept(http, &start.on(&day(*started))).await;
                for n in 0..*milestones {
                    let milestone = record_milestone(mentor_id, id, &format!("Milestone {n}"));
                    accept(http, &milestone.on(&day(started + 10 * (i32::from(n) + 1)))).await;
                }
                if *confirmed {
                    accept(
                        http,
                        &complete_mentorship(mentee, id).on(&day(started + 90)),
                    )
                    .await;
                }
            }
            Step::Learning {
                who,
                activity,
                day: on,
                trusted,
            } => {
                let (verb, activity_id, activity_type) = ACTIVITIES[*activity];
                let lms = if *trusted { TRUSTED_LMS } else { OTHER_LMS };
                let id = Uuid::now_v7();
                let timestamp = format!("{}T12:00:00Z", day(*on));
                let record = statement(
                    lms,
                    &format!("e{who}"),
                    verb,
                    (activity_id, activity_type),
                    &timestamp,
                );
                statement_accepted(http, &with_id(record, id)).await;
                self.learning.push((id, *who, lms, false));
            }
            Step::Void { which } => {
                if self.learning.is_empty() {
                    return;
                }
                let picked = which.index(self.learning.len());
                let entry = &mut self.learning[picked];
                if entry.3 {
                    return;
                }
                entry.3 = true;
                let (target, who, lms, _) = *entry;
                statement_accepted(http, &void(Uuid::now_v7(), lms, &format!("e{who}"), target))
                    .await;
            }
        }
    }
}

/// The exact bytes of `GET path`.
async fn raw_get(client: &reqwest::Client, http: &Http, path: &str) -> Vec<u8> {
    let response = client
        .get(format!("{}{path}", http.base()))
        .send()
        .await
        .unwrap_or_else(|err| panic!("GET {path}: {err}"));
    assert_eq!(response.status(), 200, "GET {path}");
    response.bytes().await.unwrap().to_vec()
}

/// Every answer compared: levels at each date, one explanation per competency family,
/// and the evidence, for each employee and for someone with nothing.
async fn answers(http: &Http, world: &World, min_seq: u64) -> Vec<(String, Vec<u8>)> {
    let client = reqwest::Client::new();
    let mut people: Vec<Uuid> = world.employees.to_vec();
    people.push(world.hr);
    let mut found = Vec::new();
    for person in people {
        let mut paths = vec![format!("/v1/employees/{person}/evidence?min_seq={min_seq}")];
        for as_of in AS_OF {
            paths.push(format!(
                "/v1/employees/{person}/competencies?as_of={as_of}&min_seq={min_seq}"
            ));
        }
        for competency in [
            "community-leadership",
            "developing-others",
            "strategic-planning",
        ] {
            paths.push(format!(
                "/v1/employees/{person}/competencies/{competency}/explain?as_of=2026-06-30"
            ));
        }
        for path in paths {
            let bytes = raw_get(&client, http, &path).await;
            found.push((path, bytes));
        }
    }
    found
}

/// Asks for a talent pool on each of [`WARM_AS_OF`], so that the node's level cache follows
/// the history step by step instead of assessing everyone once at the end.
async fn ask_talent(http: &Http, min_seq: u64) {
    let client = reqwest::Client::new();
    for as_of in WARM_AS_OF {
        let path =
            format!("/v1/talent?competency=delivery&min_level=1&as_of={as_of}&min_seq={min_seq}");
        raw_get(&client, http, &path).await;
    }
}

/// Every talent pool of every date gives each person the level their own competency answer
/// in `live` gives (absent meaning 0).
async fn talent_agrees_with_levels(
    http: &Http,
    world: &World,
    live: &[(String, Vec<u8>)],
    min_seq: u64,
) {
    let client = reqwest::Client::new();
    let mut people: Vec<Uuid> = world.employees.to_vec();
    people.push(world.hr);
    for as_of in AS_OF {
        for competency in COMPETENCIES {
            let path = format!(
                "/v1/talent?competency={competency}&min_level=1&limit=1000&as_of={as_of}\
                 &min_seq={min_seq}"
            );
            let pool: Value = serde_json::from_slice(&raw_get(&client, http, &path).await).unwrap();
            for person in &people {
                let own =
                    format!("/v1/employees/{person}/competencies?as_of={as_of}&min_seq={min_seq}");
                let (_, bytes) = live.iter().find(|(p, _)| *p == own).unwrap();
                let answer: Value = serde_json::from_slice(bytes).unwrap();
                let level = answer["competencies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["id"] == competency)
                    .unwrap()["level"]
                    .as_u64()
                    .unwrap();
                let pooled = pool["employees"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|e| e["employee_id"] == person.to_string())
                    .map_or(0, |e| e["level"].as_u64().unwrap());
                assert_eq!(pooled, level, "{competency} of {person} on {as_of}: {pool}");
            }
        }
    }
}

/// How many levels above 0 the live models gave, over all cases: the property would hold
/// vacuously if every history left everyone at level 0.
static LEVELS_ABOVE_ZERO: AtomicU64 = AtomicU64::new(0);

fn count_levels(answers: &[(String, Vec<u8>)]) {
    for (path, bytes) in answers {
        if !path.contains("/competencies?") {
            continue;
        }
        let answer: Value = serde_json::from_slice(bytes).unwrap();
        let above = answer["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["level"].as_u64().unwrap() > 0)
            .count();
        LEVELS_ABOVE_ZERO.fetch_add(u64::try_from(above).unwrap(), Ordering::Relaxed);
    }
}

async fn live_levels_equal_rebuilt_levels(steps: Vec<Step>) {
    let nats = nats_server();
    let node = Node::start_with(&nats.url(), trusting(&[TRUSTED_LMS])).await;
    let http = node.http();
    let mut world = World::new(http).await;
    for step in &steps {
        world.record(http, step).await;
        ask_talent(http, http.stream_last_seq().await).await;
    }
    let last = http.stream_last_seq().await;
    let live = answers(http, &world, last).await;
    count_levels(&live);
    talent_agrees_with_levels(http, &world, &live, last).await;

    let report = http.rebuild().await;
    assert_eq!(report.status, 200, "{report:?}");
    assert_eq!(report.body["matches_previous"], true, "{report:?}");
    assert_eq!(report.body["applied_seq"], last, "{report:?}");

    let rebuilt = answers(http, &world, last).await;
    for ((path, before), (_, after)) in live.iter().zip(&rebuilt) {
        assert_eq!(
            String::from_utf8_lossy(before),
            String::from_utf8_lossy(after),
            "{path} differs after the rebuild"
        );
    }
    assert_eq!(live, rebuilt);
}

#[test]
fn levels_from_the_live_models_equal_levels_after_a_rebuild() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let config = Config {
        cases: 8,
        // Every shrink step replays a history against a fresh node: keep it short.
        max_shrink_iters: 16,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    runner
        .run(&prop::collection::vec(step(), 6..24), |steps| {
            runtime.block_on(live_levels_equal_rebuilt_levels(steps));
            Ok(())
        })
        .unwrap();
    assert!(
        LEVELS_ABOVE_ZERO.load(Ordering::Relaxed) > 0,
        "no history reached any level; the comparison proved nothing"
    );
}
