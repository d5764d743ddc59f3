//! A pre-existing `LADDER_EVENTS` stream is used only if it cannot lose, hide or
//! rewrite events: Ladder refuses to start on an unsafe one, naming every unsafe
//! setting, and leaves it as it found it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::net::Ipv4Addr;
use std::time::Duration;

use async_nats::jetstream::{
    self,
    stream::{Config, DiscardPolicy, RetentionPolicy, StorageType},
};
use ladder_eventlog::{EventLog, EventLogConfig, EventLogError};
use ladder_service::{ServiceError, serve};
use ladder_tests::{DEADLINE, Node, NodeOptions, cmd, nats_server, serve_config};
use proto_events::subject::{EVENTS_WILDCARD, STREAM_NAME};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// A stream an operator might create by hand that Ladder can trust: file storage,
/// limits retention with no limits, deletes and purges denied, no rollups.
fn safe_config() -> Config {
    Config {
        name: STREAM_NAME.to_owned(),
        description: Some("created by the operator".to_owned()),
        subjects: vec![EVENTS_WILDCARD.to_owned()],
        storage: StorageType::File,
        retention: RetentionPolicy::Limits,
        discard: DiscardPolicy::New,
        deny_delete: true,
        deny_purge: true,
        allow_rollup: false,
        duplicate_window: Duration::from_secs(30),
        ..Config::default()
    }
}

/// Creates the stream on the server at `url` before Ladder sees it.
async fn create_stream(url: &str, config: Config) -> jetstream::stream::Stream {
    let client = async_nats::connect(url).await.unwrap();
    jetstream::new(client)
        .create_stream(config)
        .await
        .unwrap_or_else(|err| panic!("create the stream: {err}"))
}

/// The problems `EventLog::connect` names for the stream, or an empty list if it
/// accepts it.
async fn problems_found(url: &str) -> Vec<String> {
    match EventLog::connect(&EventLogConfig::new(url)).await {
        Ok(_) => Vec::new(),
        Err(EventLogError::UnsafeStream { stream, problems }) => {
            assert_eq!(stream, STREAM_NAME);
            problems
        }
        Err(other) => panic!("expected an unsafe-stream refusal, got {other}"),
    }
}

/// Asserts that `problems` holds one entry per setting, each naming its setting.
fn assert_names(problems: &[String], settings: &[&str]) {
    assert_eq!(problems.len(), settings.len(), "{problems:#?}");
    for setting in settings {
        assert!(
            problems.iter().any(|p| p.contains(setting)),
            "no problem names {setting}: {problems:#?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_unsafe_setting_is_refused_by_name() {
    let cases: [(&str, Config, &[&str]); 8] = [
        (
            "memory storage",
            Config {
                storage: StorageType::Memory,
                ..safe_config()
            },
            &["storage is memory"],
        ),
        (
            "an age limit",
            Config {
                max_age: Duration::from_secs(3600),
                ..safe_config()
            },
            &["max_age"],
        ),
        (
            "deletes allowed",
            Config {
                deny_delete: false,
                ..safe_config()
            },
            &["deny_delete"],
        ),
        (
            "purges allowed",
            Config {
                deny_purge: false,
                ..safe_config()
            },
            &["deny_purge"],
        ),
        (
            // nats-server refuses rollups on a stream that denies purges.
            "rollups allowed",
            Config {
                allow_rollup: true,
                deny_purge: false,
                ..safe_config()
            },
            &["allow_rollup", "deny_purge"],
        ),
        (
            "a per-subject limit",
            Config {
                max_messages_per_subject: 100,
                ..safe_config()
            },
            &["max_msgs_per_subject"],
        ),
        (
            "discarding old messages",
            Config {
                discard: DiscardPolicy::Old,
                ..safe_config()
            },
            &["discard"],
        ),
        (
            "work-queue retention",
            Config {
                retention: RetentionPolicy::WorkQueue,
                ..safe_config()
            },
            &["retention"],
        ),
    ];
    for (case, config, settings) in cases {
        let nats = nats_server();
        let mut stream = create_stream(&nats.url(), config.clone()).await;
        let problems = problems_found(&nats.url()).await;
        assert!(
            !problems.is_empty(),
            "{case}: an unsafe stream was accepted"
        );
        assert_names(&problems, settings);
        // Refusing is all Ladder does: the stream keeps its settings.
        let after = stream.info().await.unwrap().config.clone();
        assert_eq!(after.storage, config.storage, "{case}");
        assert_eq!(after.max_age, config.max_age, "{case}");
        assert_eq!(after.deny_delete, config.deny_delete, "{case}");
        assert_eq!(after.allow_rollup, config.allow_rollup, "{case}");
        assert_eq!(after.discard, config.discard, "{case}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_refuses_to_start_naming_every_unsafe_setting() {
    let nats = nats_server();
    create_stream(
        &nats.url(),
        Config {
            storage: StorageType::Memory,
            max_age: Duration::from_secs(86_400),
            deny_delete: false,
            deny_purge: false,
            allow_rollup: true,
            ..safe_config()
        },
    )
    .await;
    let data = tempfile::tempdir().unwrap();
    let config = serve_config(&nats.url(), data.path(), &NodeOptions::default());
    let port = config.http_addr.port();

    let outcome = tokio::time::timeout(DEADLINE, serve(config, CancellationToken::new()))
        .await
        .expect("serve gives up instead of waiting");
    let err = outcome.expect_err("serve must refuse an unsafe stream");
    assert!(
        matches!(&err, ServiceError::Log(EventLogError::UnsafeStream { .. })),
        "{err:?}"
    );
    let message = ladder_service::error_chain(&err);
    for setting in [
        "storage is memory",
        "max_age",
        "deny_delete",
        "deny_purge",
        "allow_rollup",
    ] {
        assert!(
            message.contains(setting),
            "{setting} not named in: {message}"
        );
    }
    assert!(
        std::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err(),
        "nothing listens after a refused start"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_safe_pre_existing_stream_is_used_as_it_is() {
    let nats = nats_server();
    let mut stream = create_stream(&nats.url(), safe_config()).await;
    assert!(problems_found(&nats.url()).await.is_empty());

    let node = Node::start(&nats.url()).await;
    let registered = node
        .http()
        .send(&cmd::register_erg(
            Uuid::now_v7(),
            Uuid::now_v7(),
            "Operators' Network",
        ))
        .await
        .accepted();
    assert_eq!(registered.stream_seq, 1);

    let info = stream.info().await.unwrap();
    assert_eq!(
        info.state.messages, 1,
        "the commit went to the operator's stream"
    );
    assert_eq!(
        info.config.description.as_deref(),
        Some("created by the operator")
    );
    assert_eq!(info.config.duplicate_window, Duration::from_secs(30));
}
