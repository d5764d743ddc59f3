//! Sensitive ERGs as planners, auditors and admins see them: without the
//! employee's consent a planner reads "an employee network" where the ERG would
//! be, in evidence and explanations; consent shows it, withdrawal hides it again;
//! other ERGs are always named; admins always see everything; rosters of a
//! sensitive ERG are for admins only. LMS activities of a sensitive ERG, consent
//! dates and the CLI's view of a data directory are in `privacy_activities_consent.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_service::auth::Role;
use ladder_tests::{Callers, Cmd, Http, NatsFront, Node, nats_server};
use serde_json::{Value, json};

use ladder_tests::privacy::{OPEN_NAME, SENSITIVE_NAME, World, assert_shown, assert_withheld, ok};

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
