//! The shipped locked-down server configuration: Ladder's own user can append and
//! project but cannot delete, purge or reconfigure the stream; the auditor can read
//! and audit but not write.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::time::Duration;

use async_nats::jetstream;
use jiff::tz::TimeZone;
use ladder_audit::verify::verify;
use ladder_eventlog::{EventLog, EventLogConfig};
use ladder_projection::{MODELS_FILE, ReadModels};
use ladder_service::{CommandHandler, CommandReply, Models, Projector};
use ladder_testkit::{NatsServer, ServerOptions, workspace_root};
use proto_events::subject::STREAM_NAME;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const LADDER_PASSWORD: &str = "ladder-test-password";
const AUDITOR_PASSWORD: &str = "auditor-test-password";

/// The shipped file with its password variables defined, as the environment would.
fn locked_server() -> (NatsServer, tempfile::TempDir) {
    let shipped = std::fs::read_to_string(workspace_root().join("ops/nats-server.locked.conf"))
        .expect("ops/nats-server.locked.conf is shipped");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.conf");
    std::fs::write(
        &path,
        format!(
            "LADDER_NATS_PASSWORD: \"{LADDER_PASSWORD}\"\nLADDER_AUDITOR_PASSWORD: \
             \"{AUDITOR_PASSWORD}\"\nLADDER_ADMIN_PASSWORD: \"admin-test-password\"\n{shipped}"
        ),
    )
    .unwrap();
    let server = NatsServer::start_with(ServerOptions::new().config(&path)).unwrap();
    (server, dir)
}

fn url_as(server: &NatsServer, user: &str, password: &str) -> String {
    format!("nats://{user}:{password}@127.0.0.1:{}", server.port())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ladder_user_works_but_cannot_remove_history() {
    let (server, _config) = locked_server();
    let mut config = EventLogConfig::new(url_as(&server, "ladder", LADDER_PASSWORD));
    config.request_timeout = Duration::from_secs(2);
    let log = EventLog::connect(&config).await.unwrap();

    // Everything Ladder does: create the stream, append, load, project.
    let handler = CommandHandler::new(log.clone(), TimeZone::UTC);
    let erg = Uuid::now_v7();
    let body = serde_json::json!({
        "command_id": Uuid::now_v7(), "actor": Uuid::now_v7(), "effective_date": "2026-01-05",
        "erg_id": erg, "name": "Veterans in Tech", "sensitive": false,
    });
    let reply = handler
        .handle("register-erg", &serde_json::to_vec(&body).unwrap())
        .await;
    assert!(
        matches!(reply, CommandReply::Accepted { stream_seq: 1, .. }),
        "{reply:?}"
    );
    let data = tempfile::tempdir().unwrap();
    let models = Models::new(ReadModels::open(&data.path().join(MODELS_FILE)).unwrap());
    let shutdown = CancellationToken::new();
    let projector = tokio::spawn(
        Projector::new(log.clone(), models.clone(), "ladder-locked".to_owned(), 100)
            .run(shutdown.clone()),
    );
    assert!(models.wait_for(1, common::DEADLINE).await);
    assert!(models.current().erg(erg).unwrap().is_some());
    shutdown.cancel();
    projector.await.unwrap();

    // What it must not do.
    let js = jetstream::ContextBuilder::new()
        .timeout(Duration::from_secs(2))
        .build(log.client().clone());
    assert!(
        js.delete_stream(STREAM_NAME).await.is_err(),
        "stream delete must be denied"
    );
    let stream = js.get_stream(STREAM_NAME).await.unwrap();
    assert!(stream.purge().await.is_err(), "purge must be denied");
    assert!(
        stream.delete_message(1).await.is_err(),
        "message delete must be denied"
    );
    let mut lax = log.stream_config().await.unwrap();
    lax.deny_delete = false;
    assert!(
        js.update_stream(lax).await.is_err(),
        "update must be denied"
    );

    // And the history is intact.
    assert_eq!(log.last_sequence().await.unwrap(), 1);
    assert!(log.stream_config().await.unwrap().deny_delete);
    let log_file = std::fs::read_to_string(server.log_path()).unwrap();
    assert!(
        log_file.contains("STREAM.DELETE.LADDER_EVENTS"),
        "the server logs the refused delete:\n{log_file}"
    );

    // The auditor reads and verifies, but cannot append.
    let mut audit_config = EventLogConfig::new(url_as(&server, "auditor", AUDITOR_PASSWORD));
    audit_config.request_timeout = Duration::from_secs(2);
    let auditor = EventLog::connect_existing(&audit_config).await.unwrap();
    let report = verify(&auditor, &data.path().join(MODELS_FILE), &mut |_| {})
        .await
        .unwrap();
    assert!(report.ok, "{report:#?}");
    let ajs = jetstream::ContextBuilder::new()
        .timeout(Duration::from_secs(2))
        .build(auditor.client().clone());
    let forged = ajs
        .publish(format!("ladder.evt.erg.{erg}"), b"forged".as_slice().into())
        .await;
    let stored = match forged {
        Ok(ack) => ack.await.is_ok(),
        Err(_) => false,
    };
    assert!(!stored, "the auditor must not append");
    assert_eq!(log.last_sequence().await.unwrap(), 1);
}
