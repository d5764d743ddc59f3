//! Sensitive ERGs as planners, auditors and admins see them: without the
//! employee's consent a planner reads "an employee network" where the ERG would
//! be, in evidence and explanations; consent shows it, withdrawal hides it again;
//! other ERGs are always named; admins always see everything; rosters of a
//! sensitive ERG are for admins only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_service::auth::Role;
use ladder_tests::{Callers, Cmd, Http, NatsFront, Node, Reply, cmd, nats_server};
use serde_json::{Value, json};
use uuid::Uuid;

const SENSITIVE_NAME: &str = "Pride at Work";
const OPEN_NAME: &str = "Toastmasters Club";
/// A project kind that names the sensitive group, as free kebab-case text may.
const SENSITIVE_KIND: &str = "pride-at-work-summit";

/// The people and groups of the scenario.
struct World {
    hr: Uuid,
    approver: Uuid,
    sponsor: Uuid,
    /// Chair of the sensitive ERG, committee member of the other.
    employee: Uuid,
    sensitive: Uuid,
    open: Uuid,
    budget: Uuid,
    project: Uuid,
}

impl World {
    fn new() -> World {
        World {
            hr: Uuid::now_v7(),
            approver: Uuid::now_v7(),
            sponsor: Uuid::now_v7(),
            employee: Uuid::now_v7(),
            sensitive: Uuid::now_v7(),
            open: Uuid::now_v7(),
            budget: Uuid::now_v7(),
            project: Uuid::now_v7(),
        }
    }

    fn commands(&self) -> Vec<Cmd> {
        let (hr, e) = (self.hr, self.employee);
        vec![
            cmd::register_erg(hr, self.sensitive, SENSITIVE_NAME)
                .with("sensitive", true)
                .on("2025-01-01"),
            cmd::register_erg(hr, self.open, OPEN_NAME).on("2025-01-01"),
            cmd::assign_role(hr, self.sensitive, e, "chair", "2025-01-10").on("2025-01-10"),
            cmd::assign_role(hr, self.open, e, "committee-member", "2025-02-01").on("2025-02-01"),
            cmd::request_budget(self.budget, self.sensitive, e, 100_000).on("2025-03-01"),
            cmd::approve_budget(self.approver, self.budget, 100_000).on("2025-03-02"),
            cmd::close_budget(e, self.budget, 95_000).on("2025-04-30"),
            cmd::start_project(self.project, e, self.sponsor, Some(self.sensitive))
                .with("title", format!("{SENSITIVE_NAME} summit"))
                .with("kind", SENSITIVE_KIND)
                .on("2025-03-01"),
            cmd::complete_project(self.sponsor, self.project, "Two hundred attendees")
                .on("2025-06-30"),
        ]
    }

    fn consent(&self, name: &'static str) -> Cmd {
        Cmd::new(name, self.employee, json!({"employee_id": self.employee}))
    }

    fn evidence_path(&self, seq: u64) -> String {
        format!("/v1/employees/{}/evidence?min_seq={seq}", self.employee)
    }

    fn explain_path(&self, seq: u64) -> String {
        format!(
            "/v1/employees/{}/competencies/community-leadership/explain?as_of=2026-01-01&min_seq={seq}",
            self.employee
        )
    }

    /// Whether the text of an answer names the sensitive ERG anywhere.
    fn names_sensitive(&self, body: &Value) -> bool {
        let text = body.to_string();
        text.contains(&self.sensitive.to_string())
            || text.contains(SENSITIVE_NAME)
            || text.contains(SENSITIVE_KIND)
    }
}

fn ok(reply: Reply, context: &str) -> Value {
    assert_eq!(reply.status, 200, "{context}: {reply:?}");
    reply.body
}

fn items<'a>(evidence: &'a Value, kind: &str) -> Vec<&'a Value> {
    evidence["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .collect()
}

/// A planner's evidence answer while the sensitive ERG is withheld.
fn assert_withheld(world: &World, evidence: &Value, context: &str) {
    assert!(!world.names_sensitive(evidence), "{context}: {evidence:#}");
    let roles = items(evidence, "erg-role");
    assert_eq!(roles.len(), 2, "{context}: {evidence:#}");
    let chair = roles.iter().find(|e| e["role"] == "chair").unwrap();
    assert_eq!(chair["erg"], "an employee network", "{context}: {chair}");
    assert!(chair.get("erg_id").is_none(), "{context}: {chair}");
    // The other ERG is named as ever.
    let member = roles
        .iter()
        .find(|e| e["role"] == "committee-member")
        .unwrap();
    assert_eq!(member["erg_id"], json!(world.open), "{context}: {member}");
    assert!(member.get("erg").is_none(), "{context}: {member}");
    let budget = &items(evidence, "budget-managed")[0];
    assert_eq!(budget["erg"], "an employee network", "{context}: {budget}");
    let project = &items(evidence, "project-led")[0];
    assert_eq!(
        project["title"], "a project of an employee network",
        "{context}"
    );
    assert_eq!(project["project_kind"], "withheld", "{context}: {project}");
}

/// An evidence answer that names the sensitive ERG as stored.
fn assert_shown(world: &World, evidence: &Value, context: &str) {
    let chair = items(evidence, "erg-role")
        .into_iter()
        .find(|e| e["role"] == "chair")
        .unwrap();
    assert_eq!(
        chair["erg_id"],
        json!(world.sensitive),
        "{context}: {chair}"
    );
    assert!(chair.get("erg").is_none(), "{context}: {chair}");
    let project = &items(evidence, "project-led")[0];
    assert_eq!(
        project["title"],
        format!("{SENSITIVE_NAME} summit"),
        "{context}"
    );
    assert_eq!(project["project_kind"], SENSITIVE_KIND, "{context}");
}

struct Readers {
    planner: Http,
    auditor: Http,
    admin: Http,
}

/// The planner's and auditor's explanation never names an ERG; it still shows
/// the level and the events behind it.
async fn assert_explanation_clean(world: &World, readers: &Readers, seq: u64) {
    for (who, http) in [("planner", &readers.planner), ("auditor", &readers.auditor)] {
        let explanation = ok(http.get(&world.explain_path(seq)).await, who);
        assert!(
            !world.names_sensitive(&explanation),
            "{who}: {explanation:#}"
        );
        assert!(
            explanation["level"].as_u64().unwrap() >= 2,
            "{who}: {explanation:#}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn planners_see_a_sensitive_erg_only_with_consent() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let publisher = node.http().with_token(&callers.publisher);
    let readers = Readers {
        planner: node.http().with_token(&callers.planner),
        auditor: node.http().with_token(&callers.auditor),
        admin: node.http().with_token(&callers.admin),
    };
    let world = World::new();
    let mut seq = 0;
    for command in world.commands() {
        seq = publisher.send(&command).await.accepted().stream_seq;
    }

    // Before consent: withheld from planners and auditors, shown to admins.
    for (who, http) in [("planner", &readers.planner), ("auditor", &readers.auditor)] {
        let evidence = ok(http.get(&world.evidence_path(seq)).await, who);
        assert_withheld(&world, &evidence, &format!("{who} before consent"));
    }
    let full = ok(readers.admin.get(&world.evidence_path(seq)).await, "admin");
    assert_shown(&world, &full, "admin before consent");
    assert_explanation_clean(&world, &readers, seq).await;
    let admin_explanation = ok(readers.admin.get(&world.explain_path(seq)).await, "admin");
    let planner_explanation = ok(
        readers.planner.get(&world.explain_path(seq)).await,
        "planner",
    );
    assert_eq!(
        admin_explanation, planner_explanation,
        "an explanation holds nothing to redact"
    );

    // The same over NATS.
    let planner_nats = NatsFront::connect(node.nats_url())
        .await
        .with_token(&callers.planner);
    let reply = planner_nats.query("evidence", world.employee, seq).await;
    assert_withheld(
        &world,
        &ok(reply, "nats planner"),
        "nats planner before consent",
    );

    // Budgets and projects of the sensitive ERG follow their owner's consent.
    let budget_path = format!("/v1/budgets/{}?min_seq={seq}", world.budget);
    let project_path = format!("/v1/projects/{}?min_seq={seq}", world.project);
    for path in [&budget_path, &project_path] {
        let reply = readers.planner.get(path).await;
        assert_eq!(reply.status, 403, "{path}: {reply:?}");
        assert_eq!(reply.body["code"], "forbidden", "{reply:?}");
        assert!(!world.names_sensitive(&reply.body), "{reply:?}");
        assert_eq!(readers.admin.get(path).await.status, 200, "{path}");
    }

    // Consent: the planner now sees the ERG.
    let granted = publisher
        .send(&world.consent("grant-visibility-consent"))
        .await;
    let seq = granted.accepted().stream_seq;
    let evidence = ok(
        readers.planner.get(&world.evidence_path(seq)).await,
        "planner",
    );
    assert_shown(&world, &evidence, "planner after consent");
    assert_eq!(
        evidence, full,
        "with consent a planner reads what an admin reads"
    );
    assert_eq!(readers.planner.get(&budget_path).await.status, 200);
    assert_eq!(readers.planner.get(&project_path).await.status, 200);
    assert_explanation_clean(&world, &readers, seq).await;

    // Withdrawal: hidden again.
    let withdrawn = publisher
        .send(&world.consent("withdraw-visibility-consent"))
        .await;
    let seq = withdrawn.accepted().stream_seq;
    let evidence = ok(
        readers.planner.get(&world.evidence_path(seq)).await,
        "planner",
    );
    assert_withheld(&world, &evidence, "planner after withdrawal");
    assert_eq!(readers.planner.get(&budget_path).await.status, 403);
    let full_again = ok(readers.admin.get(&world.evidence_path(seq)).await, "admin");
    assert_eq!(full_again, full, "admins see the same throughout");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_roster_of_a_sensitive_erg_is_for_admins_only() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let publisher = node.http().with_token(&callers.publisher);
    let world = World::new();
    for command in world.commands() {
        publisher.send(&command).await.accepted();
    }
    // Even the consent of every member does not open a roster.
    let seq = publisher
        .send(&world.consent("grant-visibility-consent"))
        .await
        .accepted()
        .stream_seq;
    let sensitive = format!("/v1/ergs/{}?min_seq={seq}", world.sensitive);
    let open = format!("/v1/ergs/{}?min_seq={seq}", world.open);
    for role in [Role::Planner, Role::Auditor] {
        let http = node.http().with_token(callers.token(role));
        let reply = http.get(&sensitive).await;
        assert_eq!(reply.status, 403, "{role}: {reply:?}");
        assert_eq!(reply.body["code"], "forbidden", "{role}: {reply:?}");
        assert!(
            reply.body["message"].as_str().unwrap().contains("admin"),
            "{reply:?}"
        );
        assert!(
            !reply.body.to_string().contains(SENSITIVE_NAME),
            "{reply:?}"
        );
        let roster = ok(http.get(&open).await, role.as_str());
        assert_eq!(roster["name"], OPEN_NAME);
        // The same query by name, and over NATS.
        let by_name = http
            .get(&format!(
                "/v1/queries/erg?id={}&min_seq={seq}",
                world.sensitive
            ))
            .await;
        assert_eq!(by_name.status, 403, "{role}: {by_name:?}");
        let nats = NatsFront::connect(node.nats_url())
            .await
            .with_token(callers.token(role));
        let reply = nats.query("erg", world.sensitive, seq).await;
        assert_eq!(reply.status, 403, "nats {role}: {reply:?}");
    }
    let admin = node.http().with_token(&callers.admin);
    let roster = ok(admin.get(&sensitive).await, "admin");
    assert_eq!(roster["name"], SENSITIVE_NAME);
    assert_eq!(roster["roles"][0]["employee_id"], json!(world.employee));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recommendations_name_a_sensitive_erg_only_with_consent() {
    let nats = nats_server();
    let callers = Callers::new();
    let world = World::new();
    let planning = format!(
        r#"
[interests.pride]
label = "LGBTQ+ community"
ergs = [{{ erg_id = "{}", label = "{SENSITIVE_NAME}" }}]
learning_paths = [{{ name = "Inclusive leadership", activity_id = "https://lms.example.org/paths/inclusive" }}]

[interests.public-speaking]
label = "Public speaking"
ergs = [{{ erg_id = "{}", label = "{OPEN_NAME}" }}]
"#,
        world.sensitive, world.open
    );
    let options = ladder_tests::NodeOptions {
        planning: ladder_service::PlanningConfig::from_toml(&planning).unwrap(),
        ..callers.options()
    };
    let node = Node::start_with(&nats.url(), options).await;
    let publisher = node.http().with_token(&callers.publisher);
    for command in world.commands() {
        publisher.send(&command).await.accepted();
    }
    let onboard = Cmd::new(
        "onboard-employee",
        world.hr,
        json!({"employee_id": world.employee, "hire_date": "2020-01-06", "org_unit": "ENG",
               "job_level": "L5", "interests": ["pride", "public-speaking"]}),
    );
    let seq = publisher.send(&onboard).await.accepted().stream_seq;
    let path = |seq: u64| {
        format!(
            "/v1/employees/{}/recommendations?min_seq={seq}",
            world.employee
        )
    };
    let suggested = |answer: &Value| -> Vec<Value> {
        answer["ergs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["erg_id"].clone())
            .collect()
    };
    let planner = node.http().with_token(&callers.planner);
    let admin = node.http().with_token(&callers.admin);

    let answer = ok(planner.get(&path(seq)).await, "planner");
    assert_eq!(suggested(&answer), [json!(world.open)], "{answer:#}");
    assert!(!world.names_sensitive(&answer), "{answer:#}");
    assert_eq!(
        answer["learning_paths"][0]["name"], "Inclusive leadership",
        "{answer:#}"
    );
    let full = ok(admin.get(&path(seq)).await, "admin");
    assert_eq!(
        suggested(&full),
        [json!(world.sensitive), json!(world.open)],
        "{full:#}"
    );

    let seq = publisher
        .send(&world.consent("grant-visibility-consent"))
        .await
        .accepted()
        .stream_seq;
    assert_eq!(ok(planner.get(&path(seq)).await, "planner"), full);
}

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
